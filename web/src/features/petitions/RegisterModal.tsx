/**
 * 信访登记: one form for the five channels. 走访 asks how many came (five or more is a 集体访, whose up to five
 * representatives are marked); 来信 takes the scanned letter and its envelope; every channel takes the
 * petitioners (name, ID number, phone: checked as the registry checks them), the kind, the category, the place
 * (village tree or a point on the map), the body it concerns and the 越级 flag. Earlier petitions of the same
 * person or matter are suggested while the form is filled in, and the officer may confirm one as the earlier one.
 */
import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Cascader, Checkbox, Col, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Row, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { PetitionRepeat } from '../../../../core/schemas/petitions.response';
import { COLLECTIVE_VISIT_MIN, MAX_REPRESENTATIVES, petitionChannels, petitionKinds } from '../../../../core/workflow/petition-workflow';
import { cstDate } from '../../../../core/calendar';
import { useCatalog } from '../catalog/catalog.api';
import { PlaceFields, usePlace } from '../regions/PlaceFields';
import { idNumberProblem, phoneProblem } from './petitioner-checks';
import { useRegisterPetition, useRepeats } from './petitions.api';
import { petitionStatusColour } from './petition-labels';
import { chinaInstant, chinaPickerValue } from '../../data/china-clock';

const idsOf = (files: UploadFile[]) => files.map((f) => (f.response as { id: string } | undefined)?.id).filter((x): x is string => !!x);
// The server names problems by path (petitioners.0.idNumber, categoryId, lat): shown on the form's own fields.
const fieldOf = (f: string) => (f === 'categoryId' ? 'category' : f === 'lat' || f === 'lng' ? 'villageCode' : f);

/** What the officer typed, waited on so the repeat search runs once typing pauses. */
function useSettled<T>(value: T, ms = 600): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Suggested earlier petitions: each with its status; one after the final stage is marked 不再受理. */
function Repeats({ items, value, onChange }: { items: PetitionRepeat[]; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const final = items.some((r) => r.final);
  return (
    <Alert
      type={final ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="petition-repeats"
      message={final ? t('petitions.repeat.finalTitle') : t('petitions.repeat.title')}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item>
              <Space wrap size={6}>
                <Checkbox checked={value === r.code} onChange={(e) => onChange?.(e.target.checked ? r.code : undefined)}>{t('petitions.repeat.confirm')}</Checkbox>
                <Typography.Text strong>{r.code}</Typography.Text>
                <Tag color={petitionStatusColour[r.status]}>{t(`petitions.st.${r.status}`)}</Tag>
                <Tag>{t(`petitions.repeat.match.${r.match}`)}</Tag>
                {r.final && <Tag color="red">{t('petitions.repeat.noMore')}</Tag>}
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>{r.matter}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}

function Scans({ value, onChange, label, testId, max }: { value: UploadFile[]; onChange: (f: UploadFile[]) => void; label: string; testId: string; max: number }) {
  return (
    <Upload action="/api/uploads" listType="picture" accept="image/*" maxCount={max} multiple fileList={value} onChange={({ fileList }) => onChange(fileList)} data-testid={testId}>
      <Button icon={<PlusOutlined />}>{label}</Button>
    </Upload>
  );
}

export function RegisterModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (code: string) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const { tree, departments } = useCatalog();
  const [letter, setLetter] = useState<UploadFile[]>([]);
  const [envelope, setEnvelope] = useState<UploadFile[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const place = usePlace(form);
  const register = useRegisterPetition({ form, rename: fieldOf });
  const channel = (Form.useWatch('channel', form) as string | undefined) ?? 'visit';
  const peopleCount = (Form.useWatch('peopleCount', form) as number | undefined) ?? 1;
  const village = place.village;
  const people = (Form.useWatch('petitioners', form) as { idNumber?: string; phone?: string }[] | undefined) ?? [];
  const matter = Form.useWatch('matter', form) as string | undefined;
  const collective = channel === 'visit' && peopleCount >= COLLECTIVE_VISIT_MIN;
  const today = cstDate(new Date());
  // The first petitioner's checked ID number or phone, and the matter once it says something, look for repeats.
  const first = people[0] ?? {};
  const probe = useSettled({
    idNumber: first.idNumber && !idNumberProblem(first.idNumber, today) ? first.idNumber.trim() : undefined,
    phone: first.phone && !phoneProblem(first.phone) ? first.phone.trim() : undefined,
    matter: matter && matter.trim().length >= 10 ? matter.trim().slice(0, 500) : undefined,
    villageCode: village,
  });
  const repeats = useRepeats(open ? probe : {}).data ?? [];
  const reset = () => {
    form.resetFields();
    setLetter([]);
    setEnvelope([]);
    setFiles([]);
    place.clear();
  };

  const submit = async () => {
    const r = await register.run(async () => {
      const v = await form.validateFields();
      const body: Record<string, unknown> = {
        channel: v.channel, kind: v.kind, categoryId: v.category?.[1], matter: v.matter,
        ...place.body(v.villageCode),
        address: v.address || undefined, concerns: v.concerns || undefined, skippedLevel: !!v.skippedLevel,
        receivedAt: v.receivedAt ? chinaInstant(v.receivedAt as dayjs.Dayjs) : undefined,
        repeatOf: v.repeatOf || undefined,
        uploadIds: idsOf(files),
        petitioners: (v.petitioners as Record<string, unknown>[]).map((p) => ({
          name: p.name, idNumber: (p.idNumber as string | undefined)?.trim().toUpperCase() || undefined, phone: (p.phone as string | undefined)?.trim() || undefined,
          address: p.address || undefined, representative: collective && !!p.representative,
        })),
      };
      if (v.channel === 'visit') body.peopleCount = v.peopleCount;
      if (v.channel === 'letter') Object.assign(body, { letterUploadIds: idsOf(letter), envelopeUploadIds: idsOf(envelope) });
      return body;
    });
    if (!r.ok) return;
    message.success(t('petitions.registered', { code: r.result.code }));
    // Repeats the server found on registering are shown once more, by name, before the card opens.
    if (r.result.repeats.length) modal.warning({ title: t('petitions.repeat.title'), content: r.result.repeats.map((x) => `${x.code} · ${t(`petitions.st.${x.status}`)}${x.final ? ` · ${t('petitions.repeat.noMore')}` : ''}`).join('\n'), okText: t('common.ok') });
    reset();
    onRegistered(r.result.code);
  };

  const reps = people.filter((p) => (p as { representative?: boolean }).representative).length;
  return (
    <Modal open={open} title={t('petitions.register')} onOk={submit} confirmLoading={register.pending} onCancel={onClose} width={820} destroyOnHidden afterOpenChange={(o) => o && register.begin()} okText={t('common.ok')} cancelText={t('common.cancel')} data-testid="petition-register-form">
      <Form form={form} layout="vertical" initialValues={{ channel: 'visit', kind: 'complaint', peopleCount: 1, petitioners: [{}], skippedLevel: false, receivedAt: chinaPickerValue() }}>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="channel" label={t('petitions.channel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={petitionChannels.filter((c) => c !== 'online').map((c) => ({ value: c, label: t(`petitions.channels.${c}`) }))} data-testid="petition-channel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="receivedAt" label={t('petitions.receivedAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaPickerValue().endOf('day'))} />
            </Form.Item>
          </Col>
        </Row>
        {channel === 'visit' && (
          <Form.Item name="peopleCount" label={t('petitions.peopleCount')} rules={[{ required: true, message: t('common.required') }]} extra={collective ? t('petitions.collectiveHint', { n: MAX_REPRESENTATIVES }) : t('petitions.peopleCountHint', { n: COLLECTIVE_VISIT_MIN })}>
            <InputNumber min={1} max={10000} style={{ width: 160 }} data-testid="petition-people-count" />
          </Form.Item>
        )}
        {channel === 'letter' && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('petitions.letterScan')} required validateStatus={register.error && !idsOf(letter).length ? 'error' : undefined}>
                <Scans value={letter} onChange={setLetter} label={t('petitions.addScan')} testId="petition-letter-scan" max={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('petitions.envelope')}>
                <Scans value={envelope} onChange={setEnvelope} label={t('petitions.addScan')} testId="petition-envelope" max={2} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Typography.Title level={5}>{t('petitions.petitioners')}{collective && <Tag color="red" style={{ marginLeft: 8 }}>{t('petitions.collective')} · {t('petitions.representatives', { n: reps, max: MAX_REPRESENTATIVES })}</Tag>}</Typography.Title>
        <Form.List name="petitioners">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" data-testid={`petitioner-${i}`}>
                  <Col xs={24} md={5}><Form.Item name={[f.name, 'name']} label={i === 0 ? t('petitions.name') : undefined} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}><Input maxLength={50} placeholder={t('petitions.name')} /></Form.Item></Col>
                  <Col xs={24} md={7}><Form.Item name={[f.name, 'idNumber']} label={i === 0 ? t('petitions.idNumber') : undefined} rules={[{ validator: async (_, v) => { const p = idNumberProblem(v, today); if (p) throw new Error(t(p)); } }]}><Input maxLength={18} placeholder={t('petitions.idNumber')} /></Form.Item></Col>
                  <Col xs={24} md={5}><Form.Item name={[f.name, 'phone']} label={i === 0 ? t('petitions.phone') : undefined} rules={[{ validator: async (_, v) => { const p = phoneProblem(v); if (p) throw new Error(t(p)); } }]}><Input maxLength={30} placeholder={t('petitions.phone')} /></Form.Item></Col>
                  <Col xs={18} md={4}>
                    {collective ? (
                      <Form.Item name={[f.name, 'representative']} valuePropName="checked" label={i === 0 ? ' ' : undefined} rules={[{ validator: async (_, v) => { if (v && reps > MAX_REPRESENTATIVES) throw new Error(t('petitions.tooManyRepresentatives', { n: MAX_REPRESENTATIVES })); } }]}>
                        <Checkbox>{t('petitions.representative')}</Checkbox>
                      </Form.Item>
                    ) : <Form.Item name={[f.name, 'address']} label={i === 0 ? t('petitions.address') : undefined}><Input maxLength={200} placeholder={t('petitions.address')} /></Form.Item>}
                  </Col>
                  <Col xs={6} md={3}>{fields.length > 1 && <Form.Item label={i === 0 ? ' ' : undefined}><Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('petitions.removePetitioner')} /></Form.Item>}</Col>
                </Row>
              ))}
              {fields.length < 20 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>{t('petitions.addPetitioner')}</Button>}
            </>
          )}
        </Form.List>
        <Form.Item name="repeatOf" noStyle>
          <Repeats items={repeats} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('petitions.kind')} rules={[{ required: true }]}>
              <Radio.Group options={petitionKinds.map((k) => ({ value: k, label: t(`petitions.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('petitions.category')} rules={[{ required: true, message: t('common.required') }]}><Cascader options={tree} data-testid="petition-category" /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="matter" label={t('petitions.matterFull')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]} extra={t('petitions.matterHint')}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="petition-matter" />
        </Form.Item>
        <PlaceFields place={place} label={t('petitions.place')} testId="petition-village" />
        <Form.Item name="address" label={t('petitions.placeAddress')}><Input maxLength={200} /></Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="concerns" label={t('petitions.concerns')} extra={t('petitions.concernsHint')}>
              <AutoComplete options={departments.map((d) => ({ value: d.name }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} maxLength={100} data-testid="petition-concerns" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="skippedLevel" valuePropName="checked" label={t('petitions.skippedLevel')} extra={t('petitions.skippedLevelHint')}>
              <Checkbox data-testid="petition-skipped">{t('petitions.skippedLevelYes')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('petitions.attachments')}>
          <Scans value={files} onChange={setFiles} label={t('petitions.addAttachment')} testId="petition-attachments" max={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

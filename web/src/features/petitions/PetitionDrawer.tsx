/**
 * One petition: header with status and stage; its clocks with the time left and colour; what it is about and who
 * brought it (masked, an audited reveal); documents with their service records and a "record service" button;
 * attachments, suggested repeats and the timeline. Buttons come from what the server says this reader may do.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Image, List, Modal, Space, Tag, Timeline, Tooltip, Typography, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PetitionCard, PetitionDocument } from '../../../../core/schemas/petitions.response';
import { RevealPetitionersSchema } from '../../../../core/schemas/petitions.schema';
import { formatTime } from '../../format';
import { errorText } from '../../data/errors';
import { useCatalog } from '../catalog/catalog.api';
import { useActorText } from '../cases/CaseResult';
import { ClockTag, WindowTag } from './ClockTag';
import { MakeCaseModal } from './MakeCaseModal';
import { ToDisputeModal } from '../mediation/ToDisputeModal';
import { RevealDialog, useRevealDialog } from '../../ui/RevealDialog';
import { PetitionActionForm, bodyProblems, toBody } from './PetitionActionForm';
import { petitionStatusColour, stageOf } from './petition-labels';
import { petitionKeys, usePetition, usePetitionAction, useRevealPetitioners } from './petitions.api';
import { chinaPickerValue } from '../../data/china-clock';

const primary = ['transfer', 'assign', 'accept', 'conclude', 'serve', 'concludeReview', 'concludeReReview', 'approveExtension'];
const danger = ['notAccept', 'object', 'handOver'];

/** A document with its service records; "record service" when it has none yet and this reader may serve. */
function DocumentItem({ d, canServe, onServe }: { d: PetitionDocument; canServe: boolean; onServe: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <List.Item
      data-testid={`petition-document-${d.template}`}
      actions={[
        <a key="get" href={d.url} target="_blank" rel="noreferrer" data-testid="petition-document-download">{t('petitions.download')}</a>,
        ...(canServe && !d.services.length && d.template !== 'petition.transfer_letter' ? [<Button key="serve" size="small" type="primary" onClick={() => onServe(d.id)} data-testid="petition-record-service">{t('petitions.recordService')}</Button>] : []),
      ]}
    >
      <List.Item.Meta
        title={<Space wrap size={6}>{i18n.exists(`petitions.template.${d.template}`) ? t(`petitions.template.${d.template}`) : d.title}{/* A transfer or assignment letter goes to the receiving body, not to the petitioner: nothing to serve. */}{d.template === 'petition.transfer_letter' ? <Tag>{t('petitions.toBody')}</Tag> : d.services.length ? <Tag color="green">{t('petitions.served')}</Tag> : <Tag color="orange">{t('petitions.notServed')}</Tag>}</Space>}
        description={
          <Space direction="vertical" size={2}>
            <Typography.Text type="secondary">{formatTime(d.createdAt)} · SM3 {d.sm3.slice(0, 12)}…</Typography.Text>
            {d.services.map((s) => (
              <Typography.Text key={s.id} data-testid="petition-service">
                {t(`petitions.method.${s.method}`)} · {formatTime(s.servedAt)}{s.trackingNo ? ` · ${t('petitions.field.trackingNo')} ${s.trackingNo}` : ''}{s.proofUploadIds.length ? ` · ${t('petitions.proofCount', { n: s.proofUploadIds.length })}` : ''}
              </Typography.Text>
            ))}
          </Space>
        }
      />
    </List.Item>
  );
}

/** The history, each step with who did it in words. */
function History({ c }: { c: PetitionCard }) {
  const { t } = useTranslation();
  const actor = useActorText();
  return (
    <Timeline
      data-testid="petition-timeline"
      items={c.timeline.map((e) => ({
        color: e.type.startsWith('deadline') ? 'red' : 'blue',
        children: <><b>{t(`petitions.ev.${e.type}`)}</b> · {formatTime(e.at)} · {actor(e)}{e.reason ? <div>{e.reason}</div> : null}</>,
      }))}
    />
  );
}

export function PetitionDrawer({ code, onClose, onOpen }: { code: string | null; onClose: () => void; onOpen: (code: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error } = usePetition(code ?? undefined);
  const { categoryName } = useCatalog();
  const [action, setAction] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [preset, setPreset] = useState<Record<string, unknown> | undefined>();
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm<{ reason: string }>();
  const act = usePetitionAction(code ?? undefined, form);
  const reveal = useRevealPetitioners(code ?? undefined, revealForm);
  const revealDialog = useRevealDialog(reveal, revealForm);
  const [makingCase, setMakingCase] = useState(false);
  const [toDispute, setToDispute] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const openCase = (x: string) => navigate(`/cases/${x}`);

  // The intent starts when the dialog opens: its key is reused by a double click or a retry, never by the next action.
  const start = (a: string, initial?: Record<string, unknown>) => {
    form.resetFields();
    setFiles([]);
    act.reset();
    act.begin();
    setPreset(a === 'serve' ? { method: 'in_person', servedAt: chinaPickerValue(), ...initial } : initial);
    setAction(a);
  };
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !action) return;
    const body = toBody(action, values, files);
    const problems = bodyProblems(action, body);
    if (problems.length) return form.setFields(problems);
    const r = await act.run({ action, body });
    if (!r.ok) return void (code && qc.invalidateQueries({ queryKey: petitionKeys.one(code) }));
    message.success(r.result.documentId ? t('petitions.doneWithDocument') : t('petitions.done'));
    setAction(null);
  };
  const people = reveal.data && reveal.for === code ? reveal.data : c?.petitioners;
  const canServe = !!c?.allowedActions.includes('serve');
  const running = c?.clocks.filter((k) => k.colour !== 'grey') ?? [];

  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      width={Math.min(820, window.innerWidth)}
      data-testid="petition-drawer"
      title={c ? <Space wrap>{c.code}<Tag color={petitionStatusColour[c.status]} data-testid="petition-status">{t(`petitions.st.${c.status}`)}</Tag><Tag>{t(`petitions.stage.${stageOf(c.status)}`)}</Tag>{c.collective && <Tag color="red">{t('petitions.collective')}</Tag>}{c.skippedLevel && <Tag color="volcano">{t('petitions.skippedLevel')}</Tag>}</Space> : code}
    >
      {error && <Alert type="error" showIcon message={errorText(error)} data-testid="petition-error" />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap data-testid="petition-actions">
            {c.allowedActions.map((a) => (
              <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={danger.includes(a)} onClick={() => start(a)}>{t(`petitions.action.${a}`)}</Button>
            ))}
            {c.canMakeCase && <Button onClick={() => setMakingCase(true)} data-testid="petition-make-case">{t('petitions.makeCase')}</Button>}
            {c.canMakeDispute && <Button onClick={() => setToDispute(true)} data-testid="petition-to-dispute">{t('mediation.toDispute')}</Button>}
          </Space>
          <Space wrap data-testid="petition-clocks">
            <WindowTag p={{ status: c.status, toServe: c.toServe }} />
            {running.length ? running.map((k) => (
              <Tooltip key={k.kind + k.startedAt} title={`${k.source} · ${t('petitions.dueAt')} ${formatTime(k.dueAt)}`}>
                <span><ClockTag dueAt={k.dueAt} colour={k.colour} paused={k.paused} label={t(`petitions.clockKind.${k.kind}`)} kind={k.kind} /></span>
              </Tooltip>
            )) : <Typography.Text type="secondary">{t('petitions.noClock')}</Typography.Text>}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('petitions.channel')}>{t(`petitions.channels.${c.channel}`)}{c.channel === 'visit' ? ` · ${t('petitions.peopleN', { n: c.peopleCount })}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.kind')}>{t(`petitions.kinds.${c.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.category')}>{categoryName(c.categoryId, c.categoryName)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.place')}>{[c.villageName, c.address].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.body')}>{c.body?.name ?? '—'}{c.reportBy ? ` · ${t('petitions.reportBy')} ${c.reportBy}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.concerns')}>{c.concerns ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.receivedAt')}>{formatTime(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.acceptedAt')}>{formatTime(c.acceptedAt)}</Descriptions.Item>
            {c.extension && <Descriptions.Item label={t('petitions.extension')} span={2}>{t('petitions.extensionText', { n: c.extension.days })} · {c.extension.reason} · {c.extension.approvedBy ? t('petitions.approvedBy', { who: c.extension.approvedBy }) : <Tag color="orange">{t('petitions.awaitingApproval')}</Tag>}</Descriptions.Item>}
            {(c.hearing.running || c.hearing.days > 0) && <Descriptions.Item label={t('petitions.hearing')} span={2}>{c.hearing.running ? <Tag color="purple">{t('petitions.hearingRunning')}</Tag> : null}{t('petitions.hearingDays', { n: c.hearing.days })}</Descriptions.Item>}
            {c.notAccepted && <Descriptions.Item label={t('petitions.st.not_accepted')} span={2}>{t(`petitions.ground.${c.notAccepted.ground}`)} · {c.notAccepted.reason}{c.notAccepted.steerTo ? ` → ${c.notAccepted.steerTo}` : ''}</Descriptions.Item>}
            {c.rating && <Descriptions.Item label={t('petitions.rating')} span={2}>{t(`petitions.rate.${c.rating}`)}</Descriptions.Item>}
            {c.caseCodes.length > 0 && <Descriptions.Item label={t('petitions.linkedCases')} span={2}><Space wrap size={4} data-testid="petition-case-codes">{c.caseCodes.map((x) => <Button key={x} type="link" size="small" style={{ padding: 0 }} onClick={() => openCase(x)}>{x}</Button>)}</Space></Descriptions.Item>}
            {(c.disputeCodes.length > 0 || c.disputesHidden > 0) && <Descriptions.Item label={t('mediation.linkedDisputes')} span={2}><Space wrap size={4} data-testid="petition-dispute-codes">{c.disputeCodes.map((x) => <Button key={x} type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/mediation/${x}`)}>{x}</Button>)}{c.disputesHidden > 0 && <Typography.Text type="secondary">{t('mediation.disputesHidden', { n: c.disputesHidden })}</Typography.Text>}</Space></Descriptions.Item>}
            <Descriptions.Item label={t('petitions.matterFull')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="petition-matter-text">{c.matterFull}</Typography.Paragraph></Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('petitions.petitioners')} extra={c.canRevealPetitioners && !(reveal.data && reveal.for === code) ? <Button size="small" type="link" onClick={revealDialog.start} data-testid="petition-reveal">{t('petitions.reveal')}</Button> : null}>
            <List size="small" dataSource={people ?? []} renderItem={(p) => (
              <List.Item data-testid="petition-petitioner">
                <Space wrap size={8}>
                  <b>{p.name}</b>{p.representative && <Tag color="red">{t('petitions.representative')}</Tag>}
                  <span>{p.idNumber ?? '—'}</span><span>{p.phone ?? '—'}</span>{p.address && <Typography.Text type="secondary">{p.address}</Typography.Text>}
                  {p.personId && <Tag color="blue">{t('petitions.registeredPerson')}</Tag>}
                </Space>
              </List.Item>
            )} />
          </Card>
          <Card size="small" title={t('petitions.documents')} data-testid="petition-documents">
            {c.documents.length ? <List size="small" dataSource={c.documents} renderItem={(d) => <DocumentItem d={d} canServe={canServe} onServe={(id) => start('serve', { documentId: id })} />} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('petitions.noDocuments')} />}
          </Card>
          {c.attachments.length > 0 && (
            <Card size="small" title={t('petitions.attachments')}>
              <Image.PreviewGroup>
                <Space wrap data-testid="petition-attachments-view">
                  {c.attachments.map((a) => (
                    <Space key={a.id} direction="vertical" size={0} align="center">
                      {a.mime.startsWith('image/') ? <Image src={a.url} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} /> : <a href={a.url}>{a.mime}</a>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`petitions.attachmentRole.${a.role}`)}</Typography.Text>
                    </Space>
                  ))}
                </Space>
              </Image.PreviewGroup>
            </Card>
          )}
          {c.repeats.length > 0 && (
            <Alert type={c.repeats.some((r) => r.final) ? 'error' : 'warning'} showIcon message={t('petitions.repeat.title')} data-testid="petition-card-repeats" description={
              <Space direction="vertical" size={2}>
                {c.repeats.map((r) => (
                  <Space key={r.code} wrap size={6}>
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.code)}>{r.code}</Button>
                    <Tag color={petitionStatusColour[r.status]}>{t(`petitions.st.${r.status}`)}</Tag>
                    <Tag>{t(`petitions.repeat.match.${r.match}`)}</Tag>
                    {r.final && <Tag color="red">{t('petitions.repeat.noMore')}</Tag>}
                  </Space>
                ))}
              </Space>
            } />
          )}
          <History c={c} />
        </Space>
      )}
      <Modal open={!!action} title={action ? t(`petitions.action.${action}`) : ''} onOk={submit} confirmLoading={act.pending} onCancel={() => setAction(null)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        {act.error && <Alert type="error" showIcon message={errorText(act.error)} style={{ marginBottom: 12 }} data-testid="petition-action-error" />}
        <Form form={form} layout="vertical" initialValues={preset}>{action && c && <PetitionActionForm action={action} c={c} files={files} onFiles={setFiles} />}</Form>
      </Modal>
      {c && <ToDisputeModal kind="petitions" code={c.code} category={null} open={toDispute} onClose={() => setToDispute(false)} onMade={(x) => { setToDispute(false); message.success(t('mediation.sentToDispute', { code: x })); }} />}
      {c && <MakeCaseModal c={c} open={makingCase} onClose={() => setMakingCase(false)} onMade={(x) => { setMakingCase(false); message.success(t('petitions.caseMade', { code: x })); }} />}
      <RevealDialog dialog={revealDialog} reveal={reveal} form={revealForm} schema={RevealPetitionersSchema} title={t('petitions.revealTitle')} label={t('petitions.revealReason')} testId="petition-reveal" />
    </Drawer>
  );
}

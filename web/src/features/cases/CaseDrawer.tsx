/** One case: what, where, who handles it, its clocks, attachments and timeline, and buttons from allowedActions. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Image, Modal, Space, Tag, Timeline, Typography, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { formatTime } from '../../format';
import type { Department } from './useCatalog';
import { ActionForm, toBody } from './ActionForm';
import { statusColour } from './CasesPage';
import { CaseMap } from './CaseMap';

interface Clock { kind: string; dueAt: string; state: string; colour: string; paused: boolean }
interface Detail {
  code: string; status: string; outcome: string | null; outcomeNote: string | null; categoryName: string; tier: string; suggestedTier: string; urgency: string; channel: string;
  description: string; address: string | null; lat: number | null; lng: number | null; gridCode: string | null; villageName: string; townshipName: string; countyName: string;
  unitLevel: string; unitName: string | null; handler: { department: string | null; user: string | null }; reporter: { name: string | null; phone: string | null };
  isPublic: boolean; reopenCount: number; meTooCount: number; duplicateOf: string | null; redirectTo: string | null; allowedActions: string[]; clocks: Clock[];
  attachments: { id: string; kind: string; url: string; eventType: string }[];
  timeline: { id: number; type: string; actorName: string | null; reason: string | null; toStatus: string | null; toUnit: string | null; at: string }[];
}
const colour: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', grey: 'default' };

export function CaseDrawer({ code, onClose, onChanged, departments }: { code: string | null; onClose: () => void; onChanged: () => void; departments: Department[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [c, setC] = useState<Detail | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<{ code: string; similarity: number; distance: number }[]>([]);
  const [reporter, setReporter] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    if (code) api<Detail>(`/api/cases/${code}`).then(setC);
  }, [code]);
  useEffect(() => {
    setC(null);
    setReporter(null);
    load();
    if (code) api<typeof duplicates>(`/api/cases/${code}/duplicates`).then(setDuplicates).catch(() => setDuplicates([]));
  }, [code, load]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api(`/api/cases/${code}/actions/${action}`, { method: 'POST', body: toBody(action!, v, v.__files ?? []) });
      message.success(t('cases.done'));
      setAction(null);
      form.resetFields();
      load();
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.body.message : String(e));
    }
  };
  const reveal = () => {
    let reason = '';
    Modal.confirm({
      title: t('cases.revealTitle'),
      content: <Input placeholder={t('cases.revealReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => setReporter(await api(`/api/cases/${code}/reporter`, { method: 'POST', body: { reason: reason || '回访核实' } })),
    });
  };

  return (
    <Drawer open={!!code} onClose={onClose} width={Math.min(720, window.innerWidth)} title={c ? <Space>{c.code}<Tag color={statusColour[c.status]}>{t(`status.${c.status}`)}</Tag></Space> : code} data-testid="case-drawer">
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap data-testid="case-actions">
            {c.allowedActions.map((a) => (
              <Button key={a} type={['accept', 'dispatch', 'start', 'reportBack', 'verify', 'close'].includes(a) ? 'primary' : 'default'} danger={['reject', 'closeUnresolved'].includes(a)} onClick={() => { form.resetFields(); setAction(a); }}>
                {t(`action.${a}`)}
              </Button>
            ))}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('cases.category')}>{c.categoryName}{!c.isPublic && <Tag style={{ marginLeft: 6 }}>{t('cases.private')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.tier')}>{t(`tier.${c.tier}`)}{c.tier !== c.suggestedTier && <Typography.Text type="secondary"> ({t('cases.suggested')} {t(`tier.${c.suggestedTier}`)})</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.place')}>{c.countyName} · {c.townshipName} · {c.villageName}{c.address ? ` · ${c.address}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('cases.unit')}>{t(`level.${c.unitLevel}`)} · {c.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('cases.handler')}>{c.handler.department ?? c.handler.user ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cases.channel')}>{t(`channel.${c.channel}`)} {c.urgency !== 'normal' && <Tag color="red">{t(`urgency.${c.urgency}`)}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.reporter')}>
              {(reporter ?? c.reporter).name ?? '—'} {(reporter ?? c.reporter).phone ?? ''}
              {!reporter && (c.reporter.name || c.reporter.phone) && <Button size="small" type="link" onClick={reveal}>{t('cases.reveal')}</Button>}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.meToo')}>{c.meTooCount}</Descriptions.Item>
            <Descriptions.Item label={t('cases.description')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph></Descriptions.Item>
            {c.outcome && <Descriptions.Item label={t('cases.outcome')} span={2}>{t(`outcome.${c.outcome}`)} {c.outcomeNote}</Descriptions.Item>}
            {c.redirectTo && <Descriptions.Item label={t('status.redirected')} span={2}>{c.redirectTo}</Descriptions.Item>}
            {c.duplicateOf && <Descriptions.Item label={t('status.merged')} span={2}>{c.duplicateOf}</Descriptions.Item>}
          </Descriptions>
          {c.lat !== null && c.lng !== null && <CaseMap lat={c.lat} lng={c.lng} gridCode={c.gridCode} />}
          <Space wrap data-testid="case-clocks">
            {c.clocks.filter((k) => k.kind !== 'stage' || k.colour !== 'grey').map((k) => <Tag key={k.kind + k.dueAt} color={colour[k.colour]}>{t(`clock.${k.kind}`)}: {formatTime(k.dueAt)}{k.paused ? ` (${t('clock.paused')})` : ''}</Tag>)}
          </Space>
          {c.attachments.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap>{c.attachments.filter((a) => a.kind === 'photo').map((a) => <Image key={a.id} src={a.url} width={96} height={96} style={{ objectFit: 'cover' }} />)}</Space>
            </Image.PreviewGroup>
          )}
          {c.attachments.filter((a) => a.kind === 'voice').map((a) => <audio key={a.id} controls src={a.url} />)}
          {duplicates.length > 0 && c.allowedActions.includes('merge') && (
            <Typography.Text type="warning">{t('cases.possibleDuplicates')}: {duplicates.map((d) => d.code).join('、')}</Typography.Text>
          )}
          <Timeline items={c.timeline.map((e) => ({ color: e.type.startsWith('deadline') ? 'red' : 'blue', children: <><b>{t(`action.${e.type}`)}</b> · {formatTime(e.at)} · {e.actorName}{e.reason ? <div>{e.reason}</div> : null}</> }))} />
        </Space>
      )}
      <Modal open={!!action} title={action ? t(`action.${action}`) : ''} onOk={submit} onCancel={() => setAction(null)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">{action && <ActionForm action={action} form={form} departments={departments} duplicates={duplicates} />}</Form>
      </Modal>
    </Drawer>
  );
}

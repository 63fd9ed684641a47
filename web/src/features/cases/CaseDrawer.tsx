/** One case: what, where, who handles it, its clocks, attachments and timeline, and buttons from allowedActions. */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Image, Input, Modal, Space, Tag, Timeline, Typography, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../core/schemas/catalog.response';
import { formatTime } from '../../format';
import { errorText } from '../../data/errors';
import { ActionForm, bodyProblems, toBody } from './ActionForm';
import { statusColour } from './case-colours';
import { CaseMap } from './CaseMap';
import { useCase, useCaseAction, useCaseDuplicates, useRevealReporter } from './cases.api';

const colour: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', grey: 'default' };
const primary = ['accept', 'dispatch', 'start', 'reportBack', 'verify', 'close'];

export function CaseDrawer({ code, onClose, departments }: { code: string | null; onClose: () => void; departments: Department[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error } = useCase(code ?? undefined);
  const duplicates = useCaseDuplicates(code ?? undefined, !!c?.allowedActions.includes('merge')).data ?? [];
  const [action, setAction] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm();
  const act = useCaseAction(code ?? undefined);
  const reveal = useRevealReporter(code ?? undefined);
  const [revealing, setRevealing] = useState(false);
  const [reason, setReason] = useState('');

  // The intent starts when the dialog opens: its key is reused by a double click or a retry, never shared with the next action.
  const start = (a: string) => {
    form.resetFields();
    setFiles([]);
    act.begin();
    setAction(a);
  };
  const submit = async () => {
    const r = await act.run(async () => {
      const body = toBody(action!, await form.validateFields(), files);
      const problems = bodyProblems(action!, body, t('action.pickOne'));
      if (problems.length) {
        form.setFields(problems);
        throw new Error('invalid');
      }
      return { action: action!, body };
    });
    if (r.ok) {
      message.success(t('cases.done'));
      setAction(null);
    }
  };
  // A revealed reporter belongs to the case it was revealed for.
  const reporter = reveal.data && reveal.for === code ? reveal.data : null;

  return (
    <Drawer open={!!code} onClose={onClose} width={Math.min(720, window.innerWidth)} title={c ? <Space>{c.code}<Tag color={statusColour[c.status]}>{t(`status.${c.status}`)}</Tag></Space> : code} data-testid="case-drawer">
      {error && <Alert type="error" showIcon message={errorText(error)} data-testid="case-error" />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap data-testid="case-actions">
            {c.allowedActions.map((a) => (
              <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={['reject', 'closeUnresolved'].includes(a)} onClick={() => start(a)}>
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
              {!reporter && (c.reporter.name || c.reporter.phone) && <Button size="small" type="link" onClick={() => { reveal.begin(); setReason(''); setRevealing(true); }}>{t('cases.reveal')}</Button>}
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
          <Timeline data-testid="case-timeline" items={c.timeline.map((e) => ({ color: e.type.startsWith('deadline') ? 'red' : 'blue', children: <><b>{t(`action.${e.type}`)}</b> · {formatTime(e.at)} · {e.actorName}{e.reason ? <div>{e.reason}</div> : null}</> }))} />
        </Space>
      )}
      <Modal open={!!action} title={action ? t(`action.${action}`) : ''} onOk={submit} confirmLoading={act.pending} onCancel={() => setAction(null)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">{action && c && <ActionForm action={action} c={c} departments={departments} duplicates={duplicates} files={files} onFiles={setFiles} />}</Form>
      </Modal>
      <Modal open={revealing} title={t('cases.revealTitle')} confirmLoading={reveal.pending} onCancel={() => setRevealing(false)} okText={t('common.ok')} cancelText={t('common.cancel')}
        onOk={async () => (await reveal.run(reason.trim() || t('cases.revealDefaultReason'))).ok && setRevealing(false)}>
        <Input placeholder={t('cases.revealReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
    </Drawer>
  );
}

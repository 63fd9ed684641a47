/**
 * One case: what, where, who handles it, its clocks, the request beside the report-back, and its history; buttons
 * come from what the server says this reader may do (allowedActions, canRevealReporter).
 */
import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Modal, Space, Tag, Typography, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { CaseDetail } from '../../../../core/schemas/cases.response';
import { RevealReporterSchema } from '../../../../core/schemas/cases.schema';
import type { Department } from '../../../../core/schemas/catalog.response';
import { formatTime } from '../../format';
import { errorText } from '../../data/errors';
import { ActionForm, bodyProblems, toBody } from './ActionForm';
import { statusColour } from './case-colours';
import { BeforeAfter, CaseHistory } from './CaseResult';
import { caseKeys, useCase, useCaseAction, useCaseDuplicates, useRevealReporter } from './cases.api';
import { useCatalog } from '../catalog/catalog.api';
import { SendToPetitionModal } from './SendToPetitionModal';
import { ToDisputeModal } from '../mediation/ToDisputeModal';
import { disputeCategoryOfCase } from '../../../../core/mediation/categories';
import { RevealDialog, useRevealDialog } from '../../ui/RevealDialog';

// Leaflet loads when a case with a point is opened, not with the case list.
const CaseMap = lazy(() => import('./CaseMap').then((m) => ({ default: m.CaseMap })));

const colour: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', grey: 'default' };
const primary = ['accept', 'dispatch', 'start', 'reportBack', 'verify', 'close'];

export function CaseDrawer({ code, onClose, departments }: { code: string | null; onClose: () => void; departments: Department[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error } = useCase(code ?? undefined);
  const { categoryName } = useCatalog();
  const duplicates = useCaseDuplicates(code ?? undefined, !!c?.allowedActions.includes('merge')).data ?? [];
  const [action, setAction] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm<{ reason: string }>();
  const act = useCaseAction(code ?? undefined, form);
  const reveal = useRevealReporter(code ?? undefined, revealForm);
  const revealDialog = useRevealDialog(reveal, revealForm);
  const [toPetition, setToPetition] = useState(false);
  const [toDispute, setToDispute] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  // The intent starts when the dialog opens: its key is reused by a double click or a retry, never shared with the next action.
  const start = (a: string) => {
    form.resetFields();
    setFiles([]);
    act.reset();
    act.begin();
    setAction(a);
  };
  // A form that fails its checks shows them on its fields; the rejection is expected, so it is handled here, not left uncaught.
  const valid = <T,>(f: { validateFields: () => Promise<T> }): Promise<T | null> => f.validateFields().catch(() => null);
  const submit = async () => {
    const values = await valid(form);
    if (!values || !action) return;
    const body = toBody(action, values, files);
    const problems = bodyProblems(action, body, t('action.pickOne'));
    if (problems.length) return form.setFields(problems);
    const r = await act.run({ action, body });
    // A refusal (someone else moved the case meanwhile) stays in the dialog; the card behind it shows the case as it now is.
    if (!r.ok) return void (code && qc.invalidateQueries({ queryKey: caseKeys.one(code) }));
    // After an accept the refreshed card says where the case went (the unit that now holds it).
    const now = code ? qc.getQueryData<CaseDetail>(caseKeys.one(code)) : undefined;
    message.success(action === 'accept' && now ? t('card.acceptedTo', { unit: now.unitName ?? t(`level.${now.unitLevel}`) }) : t('cases.done'));
    setAction(null);
  };
  const openOther = (other: string) => navigate({ pathname: `/cases/${other}`, search: location.search }, { state: { fromList: true } });
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
            {c.canSendToPetition && <Button onClick={() => setToPetition(true)} data-testid="case-to-petition">{t('cases.toPetition')}</Button>}
            {c.canMakeDispute && <Button onClick={() => setToDispute(true)} data-testid="case-to-dispute">{t('mediation.toDispute')}</Button>}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('cases.category')}>{categoryName(c.categoryId, c.categoryName)}{!c.isPublic && <Tag style={{ marginLeft: 6 }}>{t('cases.private')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.tier')}>{t(`tier.${c.tier}`)}{c.tier !== c.suggestedTier && <Typography.Text type="secondary"> ({t('cases.suggested')} {t(`tier.${c.suggestedTier}`)})</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.place')}>{c.countyName} · {c.townshipName} · {c.villageName}{c.address ? ` · ${c.address}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('cases.unit')}>{t(`level.${c.unitLevel}`)} · {c.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('cases.handler')}>{c.handler.department ?? c.handler.user ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cases.channel')}>{t(`channel.${c.channel}`)} {c.urgency !== 'normal' && <Tag color="red">{t(`urgency.${c.urgency}`)}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('cases.reporter')}>
              {(reporter ?? c.reporter).name ?? '—'} {(reporter ?? c.reporter).phone ?? ''}
              {!reporter && c.canRevealReporter && <Button size="small" type="link" onClick={revealDialog.start} data-testid="reveal-reporter">{t('cases.reveal')}</Button>}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.meToo')}>{c.meTooCount}</Descriptions.Item>
            <Descriptions.Item label={t('cases.description')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph></Descriptions.Item>
            {c.outcome && <Descriptions.Item label={t('cases.outcome')} span={2}>{t(`outcome.${c.outcome}`)} {c.outcomeNote}</Descriptions.Item>}
            {c.redirectTo && <Descriptions.Item label={t('status.redirected')} span={2}>{c.redirectTo}</Descriptions.Item>}
            {c.duplicateOf && <Descriptions.Item label={t('status.merged')} span={2}>{c.duplicateOf}</Descriptions.Item>}
            {(c.disputeCodes.length > 0 || c.disputesHidden > 0) && (
              <Descriptions.Item label={t('mediation.linkedDisputes')} span={2}>
                <Space wrap size={4} data-testid="case-dispute-codes">
                  {c.disputeCodes.map((x) => <Button key={x} type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/mediation/${x}`)}>{x}</Button>)}
                  {c.disputesHidden > 0 && <Typography.Text type="secondary">{t('mediation.disputesHidden', { n: c.disputesHidden })}</Typography.Text>}
                </Space>
              </Descriptions.Item>
            )}
            {(c.petitionCodes.length > 0 || c.petitionsHidden > 0) && (
              <Descriptions.Item label={t('cases.linkedPetitions')} span={2}>
                <Space wrap size={4} data-testid="case-petition-codes">
                  {c.petitionCodes.map((x) => <Button key={x} type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/petitions/${x}`)}>{x}</Button>)}
                  {c.petitionsHidden > 0 && <Typography.Text type="secondary">{t('cases.petitionsHidden', { n: c.petitionsHidden })}</Typography.Text>}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {c.lat !== null && c.lng !== null && <Suspense fallback={null}><CaseMap lat={c.lat} lng={c.lng} gridCode={c.gridCode} /></Suspense>}
          <Space wrap data-testid="case-clocks">
            {c.clocks.filter((k) => k.kind !== 'stage' || k.colour !== 'grey').map((k) => <Tag key={k.kind + k.dueAt} color={colour[k.colour]}>{t(`clock.${k.kind}`)}: {formatTime(k.dueAt)}{k.paused ? ` (${t('clock.paused')})` : ''}</Tag>)}
          </Space>
          <BeforeAfter c={c} />
          {duplicates.length > 0 && c.allowedActions.includes('merge') && (
            <Space wrap data-testid="case-duplicates">
              <Typography.Text type="warning">{t('cases.possibleDuplicates')}{t('card.colon')}</Typography.Text>
              {duplicates.map((d) => (
                <Button key={d.code} size="small" type="link" style={{ padding: 0 }} onClick={() => openOther(d.code)} title={d.description}>
                  {d.code} ({d.distance} m · {t(`status.${d.status}`)})
                </Button>
              ))}
            </Space>
          )}
          <CaseHistory c={c} />
        </Space>
      )}
      <Modal open={!!action} title={action ? t(`action.${action}`) : ''} onOk={submit} confirmLoading={act.pending} onCancel={() => setAction(null)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        {act.error && <Alert type="error" showIcon message={errorText(act.error)} style={{ marginBottom: 12 }} data-testid="action-error" />}
        {/* Accept starts from the suggested tier: the operator changes it only when they disagree. */}
        <Form form={form} layout="vertical" initialValues={action === 'accept' && c ? { tier: c.suggestedTier } : undefined}>{action && c && <ActionForm action={action} c={c} departments={departments} duplicates={duplicates} files={files} onFiles={setFiles} />}</Form>
      </Modal>
      {code && c && <ToDisputeModal kind="cases" code={code} category={disputeCategoryOfCase(c.categoryId)} open={toDispute} onClose={() => setToDispute(false)} onMade={(x) => { setToDispute(false); message.success(t('mediation.sentToDispute', { code: x })); }} />}
      {code && <SendToPetitionModal code={code} open={toPetition} onClose={() => setToPetition(false)} onSent={(x) => { setToPetition(false); message.success(t('cases.sentToPetition', { code: x })); }} />}
      <RevealDialog dialog={revealDialog} reveal={reveal} form={revealForm} schema={RevealReporterSchema} title={t('cases.revealTitle')} label={t('cases.revealReason')} extra={t('card.revealReasonHint')} testId="reveal" />
    </Drawer>
  );
}

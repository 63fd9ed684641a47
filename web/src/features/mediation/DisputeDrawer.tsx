/**
 * One dispute: header with status and the 民转刑 flag; action buttons from what the server says this reader may
 * do; its clocks with the time left and colour; what it is about; the parties (masked, an audited reveal with a
 * reason); the mediators with their languages; sessions (scheduled, held, attendees, who signed, the record);
 * the outcome; documents with download links; the timeline.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Grid, List, Modal, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DisputeCard } from '../../../../core/schemas/disputes.response';
import { DisputeRevealSchema } from '../../../../core/schemas/disputes.schema';
import { formatTime } from '../../format';
import { cstDate } from '../../../../core/calendar';
import { errorText } from '../../data/errors';
import { RevealDialog, useRevealDialog } from '../../ui/RevealDialog';
import { useActorText } from '../cases/CaseResult';
import { ClockTag } from '../petitions/ClockTag';
import { DisputeActionForm } from './DisputeActionForm';
import { bodyProblems, initialValues, toBody } from './action-body';
import { disputeStatusColour } from './mediation-labels';
import { disputeKeys, useDispute, useDisputeAction, useRevealParties } from './mediation.api';

const primary = ['assign', 'choose', 'accept', 'scheduleSession', 'recordSession', 'recordAgreement', 'close'];
const danger = ['refuse', 'recordFailure'];

/** A document of the dispute, when the card carries them (the agreement, notices, the file). */
interface DisputeDocument { id: string; template: string; title: string; url?: string; createdAt: string; sm3?: string }

/** The last day of a clock that ends at a China-time midnight (the day before its due instant), as YYYY-MM-DD. */
const lastDay = (dueAt: string) => cstDate(new Date(new Date(dueAt).getTime() - 1));

/** Signatures, the day it took effect and the last day to apply for judicial confirmation (China time), the PDF, the terms with their performance, and the judicial confirmation. */
function Agreement({ c }: { c: DisputeCard }) {
  const { t, i18n } = useTranslation();
  const a = c.agreement;
  if (!a) return null;
  const word = (prefix: string, v: string) => (i18n.exists(`${prefix}${v}`) ? t(`${prefix}${v}`) : v);
  const signerName = (s: string) => c.parties.find((p) => p.id === s)?.name ?? word('mediation.signer.', s);
  const window = c.clocks.find((k) => k.kind === 'confirmation_window');
  return (
    <Card size="small" title={t('mediation.agreementCard')} data-testid="dispute-agreement"
      extra={a.documentId ? <a href={`/api/documents/${a.documentId}/file`} target="_blank" rel="noreferrer" data-testid="dispute-agreement-pdf">{t('mediation.agreementPdf')}</a> : null}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('mediation.effect')}>
          {/* One block: the item's content is a flex row, which squeezed the number and the window into columns on a phone. */}
          <div>
          {a.effectiveAt ? <Tag color="green" data-testid="dispute-effective">{t('mediation.effectiveOn', { day: cstDate(new Date(a.effectiveAt)) })}</Tag> : <Tag color="orange">{t('mediation.notYetEffective')}</Tag>}{a.docNo ? ` · ${a.docNo}` : ''}
          {a.effectiveAt && window && <div data-testid="dispute-confirm-by">{t('mediation.confirmBy', { day: lastDay(window.dueAt) })}</div>}
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('mediation.signatures')}>
          <Space wrap size={4} data-testid="dispute-signatures">
            {(a.signatures ?? []).map((x) => <Tag key={x.signer + x.signedAt} color="green">{x.label || signerName(x.signer)} · {word('mediation.enum.method.', x.method)} · {formatTime(x.signedAt)}</Tag>)}
            {(a.missingSigners ?? []).map((x) => <Tag key={x} color="orange">{t('mediation.awaitingSignature', { who: signerName(x) })}</Tag>)}
          </Space>
        </Descriptions.Item>
        {(a.terms ?? []).map((x, i) => (
          <Descriptions.Item key={i} label={t('mediation.termN', { n: i + 1 })}>{x.content} · {x.manner}{x.place ? ` · ${x.place}` : ''} · {t('mediation.term.by', { day: x.deadline })}{x.performance ? <Tag style={{ marginLeft: 6 }} color={x.performance === 'performed' ? 'green' : 'red'}>{word('mediation.enum.result.', x.performance)}</Tag> : null}</Descriptions.Item>
        ))}
        {a.confirmationRefusal && <Descriptions.Item label={t('mediation.confirmation')}><Typography.Text type="secondary">{a.confirmationRefusal}</Typography.Text></Descriptions.Item>}
        {a.confirmation.court && <Descriptions.Item label={t('mediation.confirmation')}>{a.confirmation.court}{a.confirmation.caseNo ? ` · ${a.confirmation.caseNo}` : ''}{a.confirmation.outcome ? <Tag style={{ marginLeft: 6 }}>{word('mediation.enum.outcome.', a.confirmation.outcome)}</Tag> : null}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

function Sessions({ c }: { c: DisputeCard }) {
  const { t } = useTranslation();
  const partyName = (id: string) => c.parties.find((p) => p.id === id)?.name ?? '—';
  const mediatorName = (id: string) => c.mediators.find((m) => m.id === id)?.name ?? '—';
  if (!c.sessions.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.noSessions')} />;
  return (
    <List size="small" dataSource={c.sessions} renderItem={(s: DisputeCard['sessions'][number]) => (
      <List.Item data-testid="dispute-session">
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap size={6}>
            {s.heldAt ? <Tag color="green">{t('mediation.held')}</Tag> : <Tag color="blue">{t('mediation.scheduled')}</Tag>}
            <b>{formatTime(s.heldAt ?? s.scheduledAt)}</b>
            <span>{s.online ? t('mediation.online') : [s.room, s.place].filter(Boolean).join(' · ') || '—'}</span>
          </Space>
          {s.heldAt && (
            <Typography.Text>
              {t('mediation.attendees')}{t('card.colon')}{[...s.partyIds.map(partyName), ...s.mediatorIds.map(mediatorName)].join('、')}{s.othersCount ? t('mediation.othersN', { n: s.othersCount }) : ''}
            </Typography.Text>
          )}
          {s.heldAt && (
            <Typography.Text data-testid="dispute-session-signed">
              {t('mediation.signedBy')}{t('card.colon')}{[...s.signedPartyIds.map(partyName), ...s.signedMediatorIds.map(mediatorName)].join('、') || t('mediation.nobodySigned')}
            </Typography.Text>
          )}
          {s.record && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, background: '#fafafa', padding: 8 }} ellipsis={{ rows: 4, expandable: true, symbol: t('mediation.more') }}>{s.record}</Typography.Paragraph>}
          {s.hasRecord && !s.record && <Typography.Text type="secondary">{t('mediation.recordHidden')}</Typography.Text>}
        </Space>
      </List.Item>
    )} />
  );
}

function Outcome({ c }: { c: DisputeCard }) {
  const { t } = useTranslation();
  const o = c.outcome;
  // The server keeps the answer as it is read out: 已接收：… or 不予接收：… (the receiver's own words after the colon).
  const answer = o.referral?.answer ? { declined: o.referral.answer.startsWith('不予接收'), text: o.referral.answer.replace(/^(已接收|不予接收)：/, '') } : null;
  if (!o.agreement && !o.failure && !o.referral && !o.refusal) return null;
  return (
    <Card size="small" title={t('mediation.outcome')} data-testid="dispute-outcome">
      <Descriptions column={1} size="small">
        {o.agreement && <Descriptions.Item label={t('mediation.agreement')}><Space direction="vertical" size={2}><span>{t(`mediation.enum.form.${o.agreement.form}`)} · {formatTime(o.agreement.at)}</span><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.agreement.terms}</Typography.Paragraph></Space></Descriptions.Item>}
        {o.failure && <Descriptions.Item label={t('mediation.failure')}>{o.failure.reason} · {t('mediation.routesTold')}{t('card.colon')}{o.failure.routesTold} · {formatTime(o.failure.toldAt)}</Descriptions.Item>}
        {o.referral && <Descriptions.Item label={t('mediation.referral')}>{t(`mediation.enum.to.${o.referral.to}`)} · {o.referral.receiver}{answer ? <> · <Tag color={answer.declined ? 'red' : 'green'} data-testid="dispute-referral-answer">{t(`mediation.enum.answer.${answer.declined ? 'declined' : 'accepted'}`)}</Tag>{answer.text} · {formatTime(o.referral.answeredAt)}</> : <Tag color="orange">{t('mediation.awaitingAnswer')}</Tag>}</Descriptions.Item>}
        {o.refusal && <Descriptions.Item label={t('mediation.refusal')}>{o.refusal.party ?? '—'} · {o.refusal.reason} · {formatTime(o.refusal.at)}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** The mediation file's checklist (卷宗), when the card carries it: what is there and what closing still needs. */
function FileChecklist({ c }: { c: DisputeCard }) {
  const { t } = useTranslation();
  const items = (c as { file?: { id: string; title: string; required: boolean; present: boolean }[] }).file;
  if (!items?.length) return null;
  return (
    <Card size="small" title={t('mediation.file')} data-testid="dispute-file">
      <Space wrap size={4}>
        {items.map((x) => <Tag key={x.id} color={x.present ? 'green' : x.required ? 'red' : 'default'}>{x.present ? '✓ ' : ''}{x.title}{!x.present && x.required ? ` · ${t('mediation.fileMissing')}` : ''}</Tag>)}
      </Space>
    </Card>
  );
}

export function DisputeDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: c, error } = useDispute(code ?? undefined);
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm<{ reason: string }>();
  const act = useDisputeAction(code ?? undefined, form);
  const reveal = useRevealParties(code ?? undefined, revealForm);
  const revealDialog = useRevealDialog(reveal, revealForm);
  const qc = useQueryClient();
  const actor = useActorText();
  // On a phone the labels go above their values: a narrow label column breaks 纠纷发生地 into three lines.
  const phone = Grid.useBreakpoint().md === false;

  // The intent starts when the dialog opens: its key is reused by a double click or a retry, never by the next action.
  const start = (a: string) => {
    form.resetFields();
    act.reset();
    act.begin();
    setAction(a);
  };
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !action) return;
    const body = toBody(action, values);
    const problems = bodyProblems(action, body);
    if (problems.length) return form.setFields(problems);
    const r = await act.run({ action, body });
    if (!r.ok) return void (code && qc.invalidateQueries({ queryKey: disputeKeys.one(code) }));
    message.success(t('mediation.done'));
    setAction(null);
  };
  const parties = reveal.data && reveal.for === code ? reveal.data : c?.parties;
  const running = c?.clocks.filter((k) => k.colour !== 'grey') ?? [];
  const documents = ((c as { documents?: DisputeDocument[] } | undefined)?.documents) ?? [];
  const actionLabel = (a: string) => (i18n.exists(`mediation.action.${a}`) ? t(`mediation.action.${a}`) : a);

  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      width={Math.min(860, window.innerWidth)}
      data-testid="dispute-drawer"
      title={c ? <Space wrap>{c.code}<Tag color={disputeStatusColour[c.status]} data-testid="dispute-status">{t(`mediation.st.${c.status}`)}</Tag>{c.escalationRisk && <Tag color="red">{t('mediation.urgent')}</Tag>}<Tag>{t(`mediation.cat.${c.category}`)}</Tag></Space> : code}
    >
      {error && <Alert type="error" showIcon message={errorText(error)} data-testid="dispute-error" />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap data-testid="dispute-actions">
            {c.allowedActions.map((a) => (
              <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={danger.includes(a)} onClick={() => start(a)} data-testid={`dispute-action-${a}`}>{actionLabel(a)}</Button>
            ))}
          </Space>
          <Space wrap data-testid="dispute-clocks">
            {running.length ? running.map((k) => (
              <Tooltip key={k.kind + k.startedAt} title={`${k.source} · ${t('mediation.dueAt')} ${formatTime(k.dueAt)}`}>
                <span><ClockTag dueAt={k.dueAt} colour={k.colour} paused={k.paused} label={i18n.exists(`mediation.clockKind.${k.kind}`) ? t(`mediation.clockKind.${k.kind}`) : k.label} /></span>
              </Tooltip>
            )) : <Typography.Text type="secondary">{t('mediation.noClock')}</Typography.Text>}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered layout={phone ? 'vertical' : 'horizontal'}>
            <Descriptions.Item label={t('mediation.source')}>{t(`mediation.src.${c.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('mediation.scaleLabel')}>{t(`mediation.scale.${c.scale}`)} · {t('mediation.peopleN', { n: c.peopleCount })}</Descriptions.Item>
            <Descriptions.Item label={t('mediation.place')}>{[c.villageName, c.address].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('mediation.committee')}>{c.committee ? `${c.committee.name} · ${t(`mediation.level.${c.committee.level}`)}` : '—'}{c.room ? ` · ${c.room.name}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('mediation.mediators')} span={2}>
              <Space wrap size={4} data-testid="dispute-mediators">
                {c.mediators.length ? c.mediators.map((m) => <Tag key={m.id} color={m.lead ? 'blue' : undefined}>{m.name}{m.lead ? ` · ${t('mediation.lead')}` : ''}{m.languages.filter((l) => l !== 'zh').map((l) => ` · ${t(`mediation.lang.${l}`, { defaultValue: l })}`).join('')}</Tag>) : '—'}
                {c.assignedBy && <Typography.Text type="secondary">{t(`mediation.assignedBy.${c.assignedBy}`)}</Typography.Text>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('mediation.receivedAt')}>{formatTime(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('mediation.acceptedAt')}>{formatTime(c.acceptedAt)}{c.extDays ? ` · ${t('mediation.extended', { n: c.extDays })}` : ''}</Descriptions.Item>
            {c.links.length > 0 && <Descriptions.Item label={t('mediation.links')} span={2}>{c.links.map((l) => <a key={l.code} href={`/${l.type === 'case' ? 'cases' : 'petitions'}/${l.code}`} style={{ marginRight: 8 }}>{l.code}</a>)}</Descriptions.Item>}
            <Descriptions.Item label={t('mediation.factsFull')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="dispute-facts-text">{c.factsFull}</Typography.Paragraph></Descriptions.Item>
            {c.claims && <Descriptions.Item label={t('mediation.claims')} span={2}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.claims}</Typography.Paragraph></Descriptions.Item>}
          </Descriptions>
          <Card size="small" title={t('mediation.parties')} extra={c.canRevealParties && !(reveal.data && reveal.for === code) ? <Button size="small" type="link" onClick={revealDialog.start} data-testid="dispute-reveal">{t('mediation.reveal')}</Button> : null}>
            <List size="small" dataSource={parties ?? []} renderItem={(p) => (
              <List.Item data-testid="dispute-party">
                <Space wrap size={8}>
                  <Tag color={p.side === 'applicant' ? 'blue' : 'gold'}>{t(`mediation.side.${p.side}`)}</Tag>
                  <b>{p.name}</b>{p.kind === 'organisation' && <Tag>{t('mediation.kind.organisation')}</Tag>}
                  {p.idNumber && <span>{p.idType ? `${t(`mediation.idt.${p.idType}`)} ` : ''}{p.idNumber}</span>}
                  <span>{p.phone ?? '—'}</span>
                  {p.address && <Typography.Text type="secondary">{p.address}</Typography.Text>}
                  {p.agent && <Typography.Text type="secondary">{t('mediation.agent')}{t('card.colon')}{[p.agent.name, p.agent.relation, p.agent.phone].filter(Boolean).join(' · ')}</Typography.Text>}
                </Space>
              </List.Item>
            )} />
          </Card>
          <Card size="small" title={t('mediation.sessions')} data-testid="dispute-sessions"><Sessions c={c} /></Card>
          <Outcome c={c} />
          <Agreement c={c} />
          <FileChecklist c={c} />
          <Card size="small" title={t('mediation.documents')} data-testid="dispute-documents">
            {documents.length ? <List size="small" dataSource={documents} renderItem={(d) => (
              <List.Item actions={[<a key="get" href={d.url ?? `/api/documents/${d.id}/file`} target="_blank" rel="noreferrer" data-testid="dispute-document-download">{t('mediation.download')}</a>]}>
                <List.Item.Meta title={i18n.exists(`mediation.template.${d.template}`) ? t(`mediation.template.${d.template}`) : d.title} description={`${formatTime(d.createdAt)}${d.sm3 ? ` · SM3 ${d.sm3.slice(0, 12)}…` : ''}`} />
              </List.Item>
            )} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.noDocuments')} />}
          </Card>
          <Timeline
            data-testid="dispute-timeline"
            items={c.timeline.map((e) => ({
              color: e.type.startsWith('deadline') ? 'red' : 'blue',
              children: <><b>{i18n.exists(`mediation.ev.${e.type}`) ? t(`mediation.ev.${e.type}`) : actionLabel(e.type)}</b> · {formatTime(e.at)} · {actor({ ...e, actorKind: e.actorName ? 'user' : e.type === 'register' ? 'resident' : 'system' })}{e.reason ? <div>{e.reason}</div> : null}</>,
            }))}
          />
        </Space>
      )}
      <Modal open={!!action} title={action ? actionLabel(action) : ''} onOk={submit} confirmLoading={act.pending} onCancel={() => setAction(null)} okText={t('common.ok')} cancelText={t('common.cancel')} width={640} destroyOnHidden data-testid="dispute-action-modal">
        {act.error && <Alert type="error" showIcon message={errorText(act.error)} style={{ marginBottom: 12 }} data-testid="dispute-action-error" />}
        <Form form={form} layout="vertical" initialValues={action && c ? initialValues(action, c) : undefined}>{action && c && <DisputeActionForm action={action} c={c} />}</Form>
      </Modal>
      <RevealDialog dialog={revealDialog} reveal={reveal} form={revealForm} schema={DisputeRevealSchema} title={t('mediation.revealTitle')} label={t('mediation.revealReason')} testId="dispute-reveal" />
    </Drawer>
  );
}

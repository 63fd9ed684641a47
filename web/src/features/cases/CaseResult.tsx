/** The parts of the case card a decision rests on: the request beside the handler's report-back (处置前/处置后), and the history in words. */
import { Card, Col, Empty, Image, Row, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseEvent } from '../../../../core/schemas/cases.response';
import { formatTime } from '../../format';

/** Who acted on a step, in words: 群众, 系统自动, 系统, or a user's name with their role. */
export function useActorText() {
  const { t, i18n } = useTranslation();
  return (e: Pick<CaseEvent, 'actorKind' | 'actorName' | 'actorRole'>): string => {
    if (e.actorKind === 'resident') return t('card.actor.resident');
    if (e.actorKind === 'system') return t('card.actor.system');
    if (e.actorKind === 'seed') return t('card.actor.seed');
    const role = e.actorKind === 'token' ? 'integration' : e.actorRole;
    const roleText = role && i18n.exists(`role.${role}`) ? t(`role.${role}`) : null;
    return [e.actorName, roleText].filter(Boolean).join(' · ') || '—';
  };
}

function Photos({ photos, testId }: { photos: CaseDetail['attachments']; testId: string }) {
  const { t } = useTranslation();
  if (!photos.length) return <Typography.Text type="secondary">{t('card.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid={testId}>{photos.map((a) => <Image key={a.id} src={a.url} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} />)}</Space>
    </Image.PreviewGroup>
  );
}

/** The request (处置前) beside the latest report-back (处置后): text and photos, so whoever checks the work compares them. */
export function BeforeAfter({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const actor = useActorText();
  const photos = c.attachments.filter((a) => a.kind === 'photo');
  const before = photos.filter((a) => a.eventType !== 'reportBack');
  const after = photos.filter((a) => a.eventType === 'reportBack');
  const report = [...c.timeline].reverse().find((e) => e.type === 'reportBack');
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Card size="small" title={t('card.before')} data-testid="case-before" style={{ height: '100%' }}>
          <Photos photos={before} testId="photos-before" />
          {c.attachments.filter((a) => a.kind === 'voice').map((a) => <audio key={a.id} controls src={a.url} style={{ width: '100%', marginTop: 8 }} />)}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('card.after')} data-testid="case-after" style={{ height: '100%' }}>
          {report ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="report-back-text">{report.reason}</Typography.Paragraph>
              <Typography.Text type="secondary">{actor(report)} · {formatTime(report.at)}</Typography.Text>
              <Photos photos={after} testId="photos-after" />
            </Space>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.noReportBack')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The case history, each step with who did it in words. */
export function CaseHistory({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const actor = useActorText();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.timeline.map((e) => ({
        color: e.type.startsWith('deadline') ? 'red' : 'blue',
        children: <><b>{t(`action.${e.type}`)}</b> · {formatTime(e.at)} · {actor(e)}{e.reason ? <div>{e.reason}</div> : null}</>,
      }))}
    />
  );
}

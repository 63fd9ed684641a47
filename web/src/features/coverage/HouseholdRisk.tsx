/**
 * The household card's 安全风险 (issue 16): the level of the latest assessment and the assessments before it (level,
 * score, when, by whom; the answers stay encrypted on the server). Apart from the household's own 关注程度. Those who
 * record visits or manage the grid arrange a major-change visit (重大变故) here.
 */
import { useQuery } from '@tanstack/react-query';
import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { formatTime } from '../../format';
import { useMe } from '../auth/auth.api';
import { MajorChangeVisit } from './MajorChangeVisit';

interface Risk {
  current: { level: string; score: number; assessedAt: string } | null;
  history: { id: string; level: string; score: number; assessedAt: string; by: string | null; superseded: boolean }[];
}
const colour: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };

export function HouseholdRisk({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['household-risk', householdId], queryFn: () => api<Risk>(`/api/field/households/${householdId}/risk`) });
  const r = q.data;
  const perms = useMe().data?.permissions ?? [];
  // Who records visits or manages the grid may raise a major-change visit (四访) from the card.
  const canTrigger = perms.includes('field:record') || perms.includes('field:assign');
  if (!r) return null;
  return (
    <div data-testid="household-risk">
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('household.risk.title')}</Typography.Title>
      {r.current
        ? <Tag color={colour[r.current.level]} data-testid="household-risk-level">{t(`household.risk.level.${r.current.level}`)} · {t('household.risk.score', { n: r.current.score })}</Tag>
        : <Typography.Text type="secondary" data-testid="household-risk-level">{t('household.risk.none')}</Typography.Text>}
      {canTrigger && <div style={{ marginTop: 8 }}><MajorChangeVisit householdId={householdId} /></div>}
      {r.history.length > 0 && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0' }}>{t('household.risk.history')}</Typography.Text>
          <Timeline items={r.history.map((a) => ({ color: colour[a.level], children: <span style={a.superseded ? { textDecoration: 'line-through' } : undefined}>{formatTime(a.assessedAt)} · {t(`household.risk.level.${a.level}`)} · {t('household.risk.score', { n: a.score })}{a.by ? ` · ${a.by}` : ''}</span> }))} />
        </>
      )}
    </div>
  );
}

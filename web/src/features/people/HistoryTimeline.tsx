/** A person's or household's history: moves between grids, changes, with who and when. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryView } from '../../../../core/schemas/people.response';
import { formatTime } from '../../format';
import { GridName } from './GridName';

export function HistoryTimeline({ items }: { items: HistoryView[] }) {
  const { t } = useTranslation();
  return (
    <Timeline items={items.map((h) => ({ children: <><b>{t(`people.event.${h.event}`, { defaultValue: h.event })}</b> {h.fromGrid && h.toGrid && h.fromGrid !== h.toGrid ? <><GridName code={h.fromGrid} /> → <GridName code={h.toGrid} /></> : h.toGrid ? <GridName code={h.toGrid} /> : ''} {typeof h.data?.reason === 'string' ? `（${h.data.reason}）` : ''}<br /><Typography.Text type="secondary">{formatTime(h.at)} {h.actorName}</Typography.Text></> }))} />
  );
}

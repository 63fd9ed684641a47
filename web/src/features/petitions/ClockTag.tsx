/** The time left on a petition clock as a coloured tag (green, amber once warned, red overdue). */
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { toneColour } from '../cases/remaining';
import { clockView } from './petition-clock';

export function ClockTag({ dueAt, colour, paused, label, source }: { dueAt: string | null; colour?: string; paused?: boolean; label?: string; source?: string }) {
  const { t } = useTranslation();
  const v = clockView({ dueAt, colour }, new Date());
  const text = paused ? t('petitions.clock.paused') : t(v.key, { n: v.n });
  const tag = (
    <Tag color={paused ? 'default' : toneColour[v.tone]} data-testid="petition-remaining" data-tone={v.tone}>
      {label ? `${label}${t('card.colon')}` : ''}{text}
    </Tag>
  );
  return source ? <Tooltip title={source}>{tag}</Tooltip> : tag;
}

/**
 * The time left on a petition clock as a coloured tag (green, amber once warned, red overdue); the petitioner's own
 * 复查/复核 windows, and a written opinion still to be served, in a neutral colour (they are never the body's "overdue").
 */
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { petitionClockKinds } from '../../../../core/petitions/clock-kinds';
import { toneColour } from '../cases/remaining';
import { clockView, isWindowKind, windowClockView, windowView, type WindowView } from './petition-clock';

/** The neutral tag of a window view, with what it means in a tooltip (none where the card already wraps it in one). */
function WindowViewTag({ view, hint = true }: { view: WindowView; hint?: boolean }) {
  const { t } = useTranslation();
  const days = view.kind === 'toServe' ? undefined : petitionClockKinds[view.kind].days;
  const tag = <Tag color="default" data-testid="petition-window" data-window={view.kind}>{t(view.key, { n: view.kind === 'toServe' ? undefined : view.n })}</Tag>;
  return hint ? <Tooltip title={t(view.hint, { days })}>{tag}</Tooltip> : tag;
}

/** The petitioner's side of a row or card: the opinion awaiting service, or the time left to ask for 复查/复核; nothing otherwise. */
export function WindowTag({ p }: { p: Parameters<typeof windowView>[0] }) {
  const view = windowView(p, new Date());
  return view ? <WindowViewTag view={view} /> : null;
}

export function ClockTag({ dueAt, colour, paused, label, source, kind }: { dueAt: string | null; colour?: string; paused?: boolean; label?: string; source?: string; kind?: string }) {
  const { t } = useTranslation();
  // A window the petitioner may still use reads "复查申请期 剩余 N 天" (its label is in the words); a used or closed one is settled.
  if (isWindowKind(kind) && dueAt && colour !== 'grey' && !paused) return <WindowViewTag view={windowClockView(kind, dueAt, new Date())} hint={!label} />; // the card gives a label and its own tooltip (source, due time)
  const v = clockView({ dueAt, colour }, new Date());
  const text = paused ? t('petitions.clock.paused') : t(v.key, { n: v.n });
  const tag = (
    <Tag color={paused ? 'default' : toneColour[v.tone]} data-testid="petition-remaining" data-tone={v.tone}>
      {label ? `${label}${t('card.colon')}` : ''}{text}
    </Tag>
  );
  return source ? <Tooltip title={source}>{tag}</Tooltip> : tag;
}

/** How the mediation overview shows a figure ("<5" with the reason when the server hid it) and a title with its definition. */
import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { shownCount, shownRate, type Shown } from './mediation-overview.option';

/** A figure; a hidden one says why in a tooltip. */
export function Figure({ shown, below, testId }: { shown: Shown; below: number; testId?: string }) {
  const { t } = useTranslation();
  const text = <span data-testid={testId} data-suppressed={shown.suppressed || undefined}>{shown.text}</span>;
  if (shown.suppressed) return <Tooltip title={t('mediationStats.suppressed', { n: below })}>{text}</Tooltip>;
  return shown.maybeHidden ? <Tooltip title={t('mediationStats.noneOrHidden', { n: below })}>{text}</Tooltip> : text;
}

/** A count as a figure. */
export const countOf = (v: number | null, below: number) => <Figure shown={shownCount(v, below)} below={below} />;
/** A share of `base` as a figure (hidden when its base is). */
export const rateOf = (v: number | null, base: number | null, below: number) => <Figure shown={shownRate(v, base, below)} below={below} />;

/** A title with its definition in a tooltip (mediationStats.def.<name>). */
export function Defined({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`mediationStats.def.${name}`)}>
      <span>{children} <QuestionCircleOutlined style={{ color: '#999', fontSize: 12 }} /></span>
    </Tooltip>
  );
}

/** A figure the server may have hidden ("<5" with the reason in a tooltip) and a title with its definition, for the leaders' overviews. */
import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Shown } from './hidden-counts';

/** A figure; a hidden one says why in a tooltip (`<ns>.suppressed`, `<ns>.noneOrHidden`). */
export function Figure({ shown, below, testId, ns }: { shown: Shown; below: number; testId?: string; ns: string }) {
  const { t } = useTranslation();
  const text = <span data-testid={testId} data-suppressed={shown.suppressed || undefined}>{shown.text}</span>;
  if (shown.suppressed) return <Tooltip title={t(`${ns}.suppressed`, { n: below })}>{text}</Tooltip>;
  return shown.maybeHidden ? <Tooltip title={t(`${ns}.noneOrHidden`, { n: below })}>{text}</Tooltip> : text;
}

/** A title with its definition in a tooltip (`<ns>.def.<name>`). */
export function Defined({ name, ns, children }: { name: string; ns: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`${ns}.def.${name}`)}>
      <span>{children} <QuestionCircleOutlined style={{ color: '#999', fontSize: 12 }} /></span>
    </Tooltip>
  );
}

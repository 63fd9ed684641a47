/**
 * A plain white panel in Ant Design's colours and radius. Ant Design's Card brings Tabs, Skeleton and the drop-down
 * menu along (about 35 KB of script gzipped), which the sign-in page cannot afford on a slow line.
 */
import type { CSSProperties, ReactNode } from 'react';
import { theme } from 'antd';

export function Panel({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return (
    <div style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG, padding: token.paddingLG, boxShadow: token.boxShadowTertiary, boxSizing: 'border-box', ...style }}>
      {children}
    </div>
  );
}

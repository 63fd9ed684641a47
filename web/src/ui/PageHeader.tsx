/**
 * The page's header, as Ant Design Pro draws it: breadcrumbs (首页 / 案件办理 / 632221-…) and the page's name, which
 * is also the browser tab's title (「案件办理 · 安网」), so a tab, a bookmark and the history say where they lead.
 */
import { Breadcrumb, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from './document-title';

/** One step of the trail: its words and, except for the last, where it leads. */
export interface Crumb { title: string; to?: string }

export function PageHeader({ crumbs }: { crumbs: Crumb[] }) {
  const { t } = useTranslation();
  const last = crumbs[crumbs.length - 1];
  // 首页 leads every trail; it names the tab only on the home page itself.
  useDocumentTitle([...(crumbs.length > 1 ? crumbs.slice(1) : crumbs).map((c) => c.title).reverse(), t('app.title')]);
  if (!last) return null;
  return (
    <div className="page-header" data-testid="page-header">
      {crumbs.length > 1 && (
        <Breadcrumb items={crumbs.map((c, i) => ({ key: i, title: c.to && i < crumbs.length - 1 ? <Link to={c.to}>{c.title}</Link> : c.title }))} />
      )}
      <Typography.Title level={4} style={{ margin: '4px 0 0' }} data-testid="page-title">
        {last.title}
      </Typography.Title>
    </div>
  );
}

/**
 * 走访覆盖 (无人脱管、无人漏管): for my region or one right below it (picked by name), how many persons under care and
 * households at risk there are per township, village and grid, and who among them has no responsible worker, an
 * overdue visit or no visit task at all; the list (masked) downloads as a watermarked .xlsx. A person without a
 * worker can be given one from the list (指派), by those who manage the grid.
 */
import { useMemo } from 'react';
import { Button, Card, Col, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { coverageReasons } from '../../../../core/schemas/field-tasks.response';
import { useUrlState } from '../../data/url-state';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { RegionSelect, useRegionOptions } from '../../ui/RegionSelect';
import { coverageXlsx, useCoverage, type Coverage } from './coverage.api';
import { AssignWorker } from './AssignWorker';

type Item = Coverage['items'][number];
type Count = Coverage['counts'][number];
type CountNode = Count & { children?: CountNode[] };
const parentOf = (c: Count) => (c.level === 'grid' ? c.code.slice(0, 12) : c.level === 'village' ? `${c.code.slice(0, 9)}000` : null);

/** The counts as a tree (township → village → grid), collapsed: a county's hundreds of grids stay one click away. */
function countTree(counts: Count[]): CountNode[] {
  const nodes = new Map<string, CountNode>(counts.map((c) => [c.code, { ...c }]));
  const roots: CountNode[] = [];
  for (const n of nodes.values()) {
    const parent = parentOf(n) ? nodes.get(parentOf(n)!) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}
const reasonColour = { no_worker: 'red', overdue: 'orange', no_task: 'gold' } as const;

export function CoveragePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const defaults = useMemo(() => ({ region: me.scopeCode, reason: '', page: '1' }), [me.scopeCode]);
  const [f, setF] = useUrlState(defaults);
  // Names, never codes: my region and the regions right below it.
  const regions = useRegionOptions();
  const q = useCoverage(f.region, f.reason, Number(f.page) || 1);
  const d = q.data;
  const tree = useMemo(() => countTree(d?.counts ?? []), [d]);
  // Who manages the grid names a responsible worker from the list (the row then leaves "无责任人").
  const canAssign = me.permissions.includes('field:assign');
  const figures = [['underCare', 'coverage.underCare'], ['noWorker', 'coverage.reason.no_worker'], ['overdue', 'coverage.reason.overdue'], ['noTask', 'coverage.reason.no_task']] as const;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary">{t('coverage.intro')}</Typography.Text>
      <Space wrap>
        <RegionSelect regions={regions} value={f.region} onChange={(v) => setF({ region: v, page: '1' })} testId="cov-region" />
        <Select style={{ minWidth: 160 }} value={f.reason} onChange={(v) => setF({ reason: v, page: '1' })} data-testid="cov-reason"
          options={[{ value: '', label: t('coverage.allReasons') }, ...coverageReasons.map((r) => ({ value: r, label: t(`coverage.reason.${r}`) }))]} />
        <Button type="primary" icon={<DownloadOutlined />} href={coverageXlsx(f.region, f.reason)} download data-testid="cov-export">{t('coverage.export')}</Button>
      </Space>
      <Row gutter={[16, 16]}>
        {figures.map(([k, label]) => (
          <Col xs={12} md={6} key={k}>
            <Card size="small"><Statistic title={t(label)} value={d?.totals[k] ?? '-'} valueStyle={k !== 'underCare' && d?.totals[k] ? { color: '#cf1322' } : undefined} /></Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>{t('coverage.byArea')}</Typography.Title>
      <ResponsiveTable<Count> rowKey="code" size="small" loading={q.isLoading} dataSource={tree} pagination={false} data-testid="cov-counts"
        columns={[
          { title: t('coverage.area'), key: 'name', render: (_: unknown, c: Count) => <span>{c.name} <Typography.Text type="secondary">{t(`coverage.level.${c.level}`)}</Typography.Text></span> },
          { title: t('coverage.underCare'), dataIndex: 'underCare', width: 110 },
          { title: t('coverage.listed'), dataIndex: 'listed', width: 110 },
          { title: t('coverage.reason.no_worker'), dataIndex: 'noWorker', width: 110 },
          { title: t('coverage.reason.overdue'), dataIndex: 'overdue', width: 110 },
          { title: t('coverage.reason.no_task'), dataIndex: 'noTask', width: 110 },
        ]} />
      <Typography.Title level={5}>{t('coverage.list', { n: d?.total ?? 0 })}</Typography.Title>
      <ResponsiveTable<Item> rowKey="subjectId" size="middle" loading={q.isLoading} dataSource={d?.items ?? []} data-testid="cov-items"
        pagination={{ current: Number(f.page) || 1, pageSize: d?.pageSize ?? 50, total: d?.total ?? 0, showSizeChanger: false, onChange: (p) => setF({ page: String(p) }) }}
        columns={[
          { title: t('coverage.subject'), dataIndex: 'label', width: 160 },
          { title: t('coverage.group'), key: 'group', width: 110, render: (_: unknown, i: Item) => t(`coverage.groupName.${i.group}`) },
          { title: t('coverage.village'), dataIndex: 'villageName' },
          { title: t('coverage.grid'), dataIndex: 'gridName' },
          { title: t('coverage.reasons'), key: 'reasons', render: (_: unknown, i: Item) => i.reasons.map((r) => <Tag key={r} color={reasonColour[r]}>{t(`coverage.reason.${r}`)}</Tag>) },
          { title: t('coverage.dueOn'), dataIndex: 'dueOn', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('coverage.daysOverdue'), dataIndex: 'daysOverdue', width: 100, render: (v: number | null) => (v ? t('coverage.days', { n: v }) : '—') },
          ...(canAssign ? [{ title: t('coverage.action'), key: 'action', width: 220, render: (_: unknown, i: Item) => (i.subjectType === 'person' && i.reasons.includes('no_worker') ? <AssignWorker personId={i.subjectId} /> : null) }] : []),
        ]} />
    </Space>
  );
}

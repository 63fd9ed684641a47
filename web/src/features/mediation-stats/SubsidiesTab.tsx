/**
 * 以案定补: each mediator's cases that ended in the period by outcome and the subsidy they earn at the county's
 * rates (补贴标准 on /mediation-org), in 元 with two decimals, with the total; the payment sheet downloads as .xlsx.
 */
import { Button, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { subsidyOutcomes } from '../../../../core/schemas/mediation-stats.response';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { subsidiesXlsx, useSubsidies, type Subsidies } from './mediation-overview.api';
import { yuan } from './mediation-overview.option';

type Row = Subsidies['rows'][number];

export function SubsidiesTab({ region, from, to }: { region: string; from: string; to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useSubsidies(region, from, to);
  const rows = q.data?.rows ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" icon={<DownloadOutlined />} href={subsidiesXlsx(region, from, to)} download data-testid="mov-export">{t('mediationStats.export')}</Button>
        <Button icon={<SettingOutlined />} onClick={() => navigate('/mediation-org/rates')}>{t('mediationStats.editRates')}</Button>
      </Space>
      <Typography.Text type="secondary">{t('mediationStats.subsidyRule')}</Typography.Text>
      {/* The total above the table too: a phone shows the rows as cards, without the table's total row. */}
      {q.data && <Statistic title={t('mediationStats.totalRow', { n: rows.length })} value={yuan(q.data.totalFen)} prefix="¥" valueRender={() => <span data-testid="mov-total">{yuan(q.data.totalFen)}</span>} />}
      <ResponsiveTable<Row> rowKey="mediatorId" size="middle" loading={q.isLoading} dataSource={rows} pagination={false} data-testid="mov-subsidies"
        columns={[
          { title: t('mediationStats.mediator'), dataIndex: 'name', width: 120 },
          { title: t('mediationStats.committee'), dataIndex: 'committee' },
          ...subsidyOutcomes.map((o) => ({ title: t(`mediationStats.outcome.${o}`), key: o, width: 100, render: (_: unknown, r: Row) => r.cases[o] })),
          { title: t('mediationStats.amount'), key: 'amount', width: 140, align: 'right' as const, render: (_: unknown, r: Row) => <span data-testid="mov-amount">{yuan(r.amountFen)}</span> },
        ]}
        summary={() => q.data && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2 + subsidyOutcomes.length}><b>{t('mediationStats.totalRow', { n: rows.length })}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b>{yuan(q.data.totalFen)}</b></Table.Summary.Cell>
          </Table.Summary.Row>
        )} />
    </Space>
  );
}

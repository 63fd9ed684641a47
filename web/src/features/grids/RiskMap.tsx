/**
 * 安全风险: the grids of a region coloured by their households' current safety-risk level (any high-risk household
 * red, else medium orange, else low green, none assessed grey), a legend, and the grids with high or medium risk
 * households listed worst first, a row opening the grid's card.
 */
import { useCallback, useMemo } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GridFeatureCollection } from '../../../../core/schemas/grids.response';
import type { GridRiskRow } from '../../../../core/schemas/risk-map.schema';
import { ResponsiveTable } from '../../ui/ResponsiveTable';
import { GridMap, type GridShade } from './GridMap';
import { useRiskByGrid } from './grids.api';

const colours = { high: '#cf1322', medium: '#fa8c16', low: '#52c41a', none: '#d9d9d9' } as const;
const worst = (r: GridRiskRow) => (r.high ? 'high' : r.medium ? 'medium' : r.low ? 'low' : 'none');

export function RiskMap({ region, geo, tileUrl, attribution, selected, onSelect }: { region: string; geo: GridFeatureCollection | null; tileUrl: string; attribution: string; selected?: string; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const risk = useRiskByGrid(region, true).data;
  const byGrid = useMemo(() => new Map((risk?.items ?? []).map((r) => [r.gridCode, r])), [risk]);
  const note = useCallback((r: GridRiskRow) => t('grids.risk.note', { high: r.high, medium: r.medium, low: r.low, none: r.unassessed }), [t]);
  const shade = useCallback((code: string): GridShade | undefined => {
    const r = byGrid.get(code);
    if (!r) return { colour: colours.none, note: t('grids.risk.noHouseholds') };
    return { colour: colours[worst(r)], note: note(r) };
  }, [byGrid, note, t]);
  const names = useMemo(() => new Map((geo?.features ?? []).map((f) => [f.properties.code, f.properties.name])), [geo]);
  const atRisk = useMemo(() => (risk?.items ?? []).filter((r) => r.high || r.medium).sort((a, b) => b.high - a.high || b.medium - a.medium || a.gridCode.localeCompare(b.gridCode)), [risk]);
  return (
    <>
      <GridMap data={geo} tileUrl={tileUrl} attribution={attribution} selected={selected} onSelect={onSelect} shade={risk ? shade : undefined} />
      <Space wrap size={4} style={{ margin: '8px 0' }} data-testid="risk-legend">
        {(['high', 'medium', 'low', 'none'] as const).map((k) => <Tag key={k} color={colours[k]} style={k === 'none' ? { color: '#595959' } : undefined}>{t(`grids.risk.${k}`)}</Tag>)}
      </Space>
      <ResponsiveTable
        size="small"
        rowKey="gridCode"
        dataSource={atRisk}
        pagination={false}
        data-testid="risk-grids"
        locale={{ emptyText: t('grids.risk.noneAtRisk') }}
        onRow={(r) => ({ onClick: () => onSelect(r.gridCode), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('grids.name'), dataIndex: 'gridCode', render: (c: string) => names.get(c) ?? '…' },
          { title: t('grids.risk.high'), dataIndex: 'high' },
          { title: t('grids.risk.medium'), dataIndex: 'medium' },
          { title: t('grids.risk.low'), dataIndex: 'low' },
          { title: t('grids.risk.none'), dataIndex: 'unassessed' },
        ]}
      />
      <Typography.Text type="secondary">{t('grids.risk.help')}</Typography.Text>
    </>
  );
}

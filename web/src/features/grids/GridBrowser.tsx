/** 一张网: the region tree, a map and a list of the grids under the chosen region, and a grid's card. */
import { useCallback, useEffect, useState } from 'react';
import { Card, Col, Input, Row, Tabs, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { RegionNode } from '../../../../core/schemas/regions.response';
import type { GridBrief } from '../../../../core/schemas/grids.response';
import { usePagedList } from '../../data/use-paged-list';
import { useUrlState } from '../../data/url-state';
import { useClientConfig, useRegionLoader, useRootRegion } from '../regions/regions.api';
import { GridMap } from './GridMap';
import { RiskMap } from './RiskMap';
import { GridDrawer } from './GridDrawer';
import { useGridGeo } from './grids.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

const toNode = (r: RegionNode): TreeDataNode => ({ key: r.code, title: `${r.name} (${r.gridCount})`, isLeaf: r.childCount === 0 });
const noTiles = { tileUrl: '', tileAttribution: '' };

function insertChildren(nodes: TreeDataNode[], key: string, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: insertChildren(n.children, key, children) } : n));
}

export function GridBrowser({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [tree, setTree] = useState<TreeDataNode[]>([]);
  const [{ region, q }, setUrl] = useUrlState({ region: me.scopeCode, q: '' });
  const geo = useGridGeo(region).data ?? null;
  const list = usePagedList<GridBrief>({ path: '/api/grids', params: { region, q } });
  const config = useClientConfig().data ?? noTiles;
  const [open, setOpen] = useState<string | null>(null);
  const root = useRootRegion().data;
  useEffect(() => {
    if (root) setTree([{ ...toNode(root), isLeaf: false }]);
  }, [root]);
  const children = useRegionLoader();

  const loadData = async (node: TreeDataNode) => {
    if (node.children) return;
    const kids = await children(String(node.key));
    setTree((old) => insertChildren(old, String(node.key), kids.map(toNode)));
  };
  const select = useCallback((code: string) => setOpen(code), []);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={7} xl={5}>
        <Card title={t('grids.regions')} size="small" styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
          {tree.length > 0 && (
            <Tree
              treeData={tree}
              loadData={loadData}
              defaultExpandedKeys={[me.scopeCode]}
              selectedKeys={[region]}
              onSelect={(keys) => {
                if (keys[0]) setUrl({ region: String(keys[0]), page: undefined });
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={17} xl={19}>
        <Card size="small">
          <Tabs
            destroyOnHidden
            items={[
              {
                key: 'map',
                label: t('grids.map'),
                children: (
                  <>
                    <GridMap data={geo} tileUrl={config.tileUrl} attribution={config.tileAttribution} selected={open ?? undefined} onSelect={select} />
                  </>
                ),
              },
              ...(me.permissions.includes('field:read') ? [{
                key: 'risk',
                label: t('grids.risk.tab'),
                children: <RiskMap region={region} geo={geo} tileUrl={config.tileUrl} attribution={config.tileAttribution} selected={open ?? undefined} onSelect={select} />,
              }] : []),
              {
                key: 'list',
                label: t('grids.list'),
                children: (
                  <>
                    <Input.Search placeholder={t('grids.search')} allowClear defaultValue={q} onSearch={(v) => setUrl({ q: v, page: undefined })} style={{ maxWidth: 320, marginBottom: 8 }} />
                    <ResponsiveTable
                      size="small"
                      rowKey="code"
                      {...list.tableProps}
                      onRow={(r) => ({ onClick: () => setOpen(r.code), style: { cursor: 'pointer' } })}
                      columns={[
                        { title: t('grids.code'), dataIndex: 'code', width: 170 },
                        { title: t('grids.name'), dataIndex: 'name' },
                        { title: t('grids.duties'), dataIndex: 'duties', render: (d: string[]) => d.map((x) => t(`duty.${x}`)).join('、') },
                      ]}
                    />
                  </>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('common.total', { n: geo?.features.length ?? 0 })}</Typography.Text>
        </Card>
      </Col>
      <GridDrawer code={open} canEdit={me.permissions.includes('grid:write')} onClose={() => setOpen(null)} />
    </Row>
  );
}

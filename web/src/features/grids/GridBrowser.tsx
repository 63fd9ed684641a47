/** 一张网: the region tree, a map and a list of the grids under the chosen region, and a grid's card. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Col, Input, Row, Table, Tabs, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api } from '../../api';
import { GridMap, type GridFeatureCollection } from './GridMap';
import { GridDrawer } from './GridDrawer';

interface RegionNode { code: string; name: string; level: string; childCount: number; gridCount: number }
interface GridBrief { code: string; name: string; villageCode: string; duties: string[] }

const toNode = (r: RegionNode): TreeDataNode => ({ key: r.code, title: `${r.name} (${r.gridCount})`, isLeaf: r.childCount === 0 });

function insertChildren(nodes: TreeDataNode[], key: string, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: insertChildren(n.children, key, children) } : n));
}

export function GridBrowser({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [tree, setTree] = useState<TreeDataNode[]>([]);
  const [region, setRegion] = useState(me.scopeCode);
  const [geo, setGeo] = useState<GridFeatureCollection | null>(null);
  const [list, setList] = useState<{ items: GridBrief[]; total: number }>({ items: [], total: 0 });
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [config, setConfig] = useState({ tileUrl: '', tileAttribution: '' });
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    api<typeof config>('/api/config').then(setConfig);
    api<RegionNode>('/api/regions/root').then((r) => setTree([{ ...toNode(r), isLeaf: false }]));
  }, []);
  useEffect(() => {
    setGeo(null);
    api<GridFeatureCollection>(`/api/grids/geojson?region=${region}`).then(setGeo);
  }, [region]);
  useEffect(() => {
    const qs = new URLSearchParams({ region, page: String(page), pageSize: '20', ...(q ? { q } : {}) });
    api<{ items: GridBrief[]; total: number }>(`/api/grids?${qs}`).then(setList);
  }, [region, page, q]);

  const loadData = async (node: TreeDataNode) => {
    if (node.children) return;
    const kids = await api<RegionNode[]>(`/api/regions/${node.key}/children`);
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
                if (keys[0]) {
                  setRegion(String(keys[0]));
                  setPage(1);
                }
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={17} xl={19}>
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'map',
                label: t('grids.map'),
                children: (
                  <>
                    {!config.tileUrl && <Alert type="info" showIcon message={t('grids.noTiles')} style={{ marginBottom: 8 }} />}
                    <GridMap data={geo} tileUrl={config.tileUrl} attribution={config.tileAttribution} selected={open ?? undefined} onSelect={select} />
                  </>
                ),
              },
              {
                key: 'list',
                label: t('grids.list'),
                children: (
                  <>
                    <Input.Search placeholder={t('grids.search')} allowClear onSearch={(v) => { setQ(v); setPage(1); }} style={{ maxWidth: 320, marginBottom: 8 }} />
                    <Table
                      size="small"
                      rowKey="code"
                      dataSource={list.items}
                      onRow={(r) => ({ onClick: () => setOpen(r.code), style: { cursor: 'pointer' } })}
                      pagination={{ current: page, total: list.total, pageSize: 20, onChange: setPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
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

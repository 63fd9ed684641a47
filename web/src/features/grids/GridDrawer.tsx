/** One grid's card: its place, duty layers (多网合一), staff (1+1+1+N) and household groups. */
import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { gridDuties } from '../../../../core/roles';
import { useGrid, useSetDuties } from './grids.api';

export function GridDrawer({ code, canEdit, onClose }: { code: string | null; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const grid = useGrid(code).data;
  const [duties, setDuties] = useState<string[]>([]);
  useEffect(() => setDuties(grid?.duties ?? []), [grid]);
  const setGridDuties = useSetDuties(code);
  const save = async () => (await setGridDuties.run(duties)).ok && void message.success(t('grids.saved'));

  return (
    <Drawer open={!!code} onClose={onClose} width={Math.min(560, window.innerWidth)} title={grid?.name ?? code} data-testid="grid-drawer">
      {grid && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('grids.code')}>{grid.code}</Descriptions.Item>
            <Descriptions.Item label={t('grids.village')}>{grid.countyName} · {grid.townshipName} · {grid.villageName}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('grids.duties')}</Typography.Title>
            <Checkbox.Group disabled={!canEdit} value={duties} onChange={(v) => setDuties(v as string[])} options={gridDuties.map((d) => ({ value: d, label: t(`duty.${d}`) }))} />
            {canEdit && <div style={{ marginTop: 8 }}><Button type="primary" size="small" loading={setGridDuties.pending} onClick={save}>{t('grids.saveDuties')}</Button></div>}
          </div>
          <div>
            <Typography.Title level={5}>{t('grids.staff')}</Typography.Title>
            <Space wrap>
              {grid.staff.map((s) => (
                <Tag key={s.id} color={s.role === 'gridLeader' ? 'red' : s.role === 'gridWorker' ? 'blue' : s.role === 'villagePolice' ? 'geekblue' : undefined}>
                  {t(`staff.${s.role}`)}：{s.name}
                </Tag>
              ))}
            </Space>
          </div>
          <div>
            <Typography.Title level={5}>{t('grids.groups')}</Typography.Title>
            <Table size="small" rowKey="id" pagination={false} dataSource={grid.householdGroups} columns={[
              { title: t('grids.groupName'), dataIndex: 'name' },
              { title: t('grids.kind'), dataIndex: 'kind', render: (k: string) => t(`group.${k}`) },
              { title: t('grids.leader'), dataIndex: 'leaderName' },
              { title: t('grids.members'), dataIndex: 'memberCount', align: 'right' },
            ]} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

/** The landing page: who I am, my scope, and what lies under it. */
import { Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { useRegionChildren, useRootRegion } from '../regions/regions.api';

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canRead = me.permissions.includes('region:read');
  const region = useRootRegion(canRead).data;
  const children = useRegionChildren(me.scopeCode, canRead).data ?? [];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('home.welcome', { name: me.displayName })}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('home.role')}>{t(`role.${me.role}`)}</Descriptions.Item>
            <Descriptions.Item label={t('home.scope')}>{me.scopeName} ({me.scopeCode})</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      {region && (
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('home.grids')} value={region.gridCount} /></Card>
        </Col>
      )}
      {region && (
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('home.children')} value={children.length} /></Card>
        </Col>
      )}
      {children.length > 0 && (
        <Col span={24}>
          <Card title={t('home.children')}>
            <Table
              size="small"
              rowKey="code"
              dataSource={children}
              pagination={false}
              columns={[
                { title: t('grids.regionName'), dataIndex: 'name' },
                { title: t('grids.regionCode'), dataIndex: 'code' },
                { title: t('home.grids'), dataIndex: 'gridCount', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}

/** 事项与规则: categories (public or private, default tier), departments and what they own, routing rules, deadlines, holidays — all by name. */
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, InputNumber, Select, Space, Switch, Tabs, Tag } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { Category, DeadlinePolicy } from '../../../../core/schemas/catalog.response';
import { EVERY_COUNTY, SHARED_OWNER, mayChangeOwned } from '../../../../core/reference-owner';
import { countyOf, levelOfCode, regionLevels } from '../../../../core/region-code';
import { CountyField } from '../regions/CountyField';
import { CalendarTab } from './CalendarTab';
import { DepartmentsTab } from './DepartmentsTab';
import { useCalendar, useCatalog, useDeadlinePolicies, useRoutingRules, useSetDeadlinePolicy, useSetRoutingRules, useUpdateCategory } from './catalog.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

const tiers = ['minor', 'tricky', 'complex', 'hard'];
const levels = ['village', 'township', 'department', 'county'];

/** The county of an administrator placed at a county or below; none above (they pick one). */
function ownCounty(scopeCode: string): string | undefined {
  return regionLevels.indexOf(levelOfCode(scopeCode)) >= regionLevels.indexOf('county') ? countyOf(scopeCode) : undefined;
}

export function CatalogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { categories, departments, categoryName: nameOfCategory } = useCatalog();
  const [county, setCounty] = useState<string | undefined>(ownCounty(me.scopeCode));
  const saved = useRoutingRules(county ?? '').data;
  const [rules, setRules] = useState<Record<string, string> | null>(null);
  useEffect(() => setRules(saved ?? null), [saved]);
  const calendar = useCalendar().data ?? [];
  const policies = useDeadlinePolicies().data ?? [];
  const shared = mayChangeOwned(me.scopeCode, SHARED_OWNER);
  const [policyForm] = Form.useForm();
  const updateCategory = useUpdateCategory();
  const setRouting = useSetRoutingRules();
  const setPolicy = useSetDeadlinePolicy();
  const saidSaved = (r: { ok: boolean }) => r.ok && void message.success(t('grids.saved'));
  const patch = (id: string, body: Partial<Category>) => void updateCategory.run({ id, body }).then(saidSaved);
  const categoryName = (id: string) => (id === '*' ? t('catalog.anyCategory') : nameOfCategory(id, t('catalog.unknownCategory')));
  const leaves = categories.filter((c) => c.parentId);

  return (
    <Tabs
      items={[
        {
          key: 'categories',
          label: t('catalog.categories'),
          children: (
            <ResponsiveTable size="small" rowKey="id" dataSource={leaves} pagination={false} scroll={{ x: 640 }} columns={[
              { title: t('common.name'), dataIndex: 'name', render: (n: string, c: Category) => <Space size={4}>{nameOfCategory(c.id, n)}{!c.isPublic && <LockOutlined title={t('catalog.private')} />}</Space> },
              { title: t('catalog.group'), dataIndex: 'parentId', render: (p: string) => categories.find((c) => c.id === p)?.name },
              { title: t('catalog.public'), dataIndex: 'isPublic', render: (v: boolean, c: Category) => {
                const owned = mayChangeOwned(me.scopeCode, c.ownerCode ?? SHARED_OWNER);
                return <Switch checked={v} disabled={!owned} title={owned ? undefined : t('catalog.ownedAbove')} onChange={(x) => patch(c.id, { isPublic: x })} />;
              } },
              { title: t('catalog.defaultTier'), dataIndex: 'defaultTier', render: (v: string, c: Category) => <Select size="small" value={v} style={{ width: 110 }} disabled={!mayChangeOwned(me.scopeCode, c.ownerCode ?? SHARED_OWNER)} onChange={(x) => patch(c.id, { defaultTier: x })} options={tiers.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /> },
            ]} />
          ),
        },
        { key: 'departments', label: t('catalog.departments'), children: <DepartmentsTab departments={departments} categories={categories} county={county} /> },
        {
          key: 'routing',
          label: t('catalog.routing'),
          children: (
            <Card size="small" title={t('catalog.routingOf')} extra={<div style={{ width: 220 }}><CountyField value={county} onChange={setCounty} data-testid="routing-county" /></div>}>
              {!county || !rules ? <Empty description={t('catalog.countyRequired')} /> : (
                <Space direction="vertical">
                  {tiers.map((tier) => (
                    <Space key={tier} wrap><span style={{ width: 80, display: 'inline-block' }}>{t(`tier.${tier}`)}</span>→<Select style={{ width: 160 }} value={rules[tier]} onChange={(v) => setRules({ ...rules, [tier]: v })} options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Space>
                  ))}
                  <Button type="primary" loading={setRouting.pending} onClick={() => void setRouting.run({ countyCode: county, rules }).then(saidSaved)}>{t('common.ok')}</Button>
                </Space>
              )}
            </Card>
          ),
        },
        {
          key: 'deadlines',
          label: t('catalog.deadlines'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title={t('catalog.setDeadline')}>
                <Form form={policyForm} layout="inline" initialValues={{ countyCode: county ?? EVERY_COUNTY, categoryId: '*', tier: 'minor', firstResponseMinutes: 60, stageDays: 1, totalDays: 3, mode: 'working' }}
                  onFinish={(v) => void setPolicy.run({ countyCode: v.countyCode, categoryId: v.categoryId, tier: v.tier, firstResponseMinutes: v.firstResponseMinutes, stageMinutes: v.stageDays * 1440, totalMinutes: v.totalDays * 1440, mode: v.mode }).then(saidSaved)}>
                  <Form.Item name="countyCode" label={t('catalog.county')} style={{ minWidth: 260 }}><CountyField allowEvery={shared} data-testid="policy-county" /></Form.Item>
                  <Form.Item name="categoryId" label={t('cases.category')}><Select style={{ width: 180 }} showSearch optionFilterProp="label" options={[{ value: '*', label: t('catalog.anyCategory') }, ...leaves.map((c) => ({ value: c.id, label: c.name }))]} /></Form.Item>
                  <Form.Item name="tier" label={t('cases.tier')}><Select style={{ width: 100 }} options={tiers.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /></Form.Item>
                  <Form.Item name="firstResponseMinutes" label={t('clock.first_response')}><InputNumber min={1} addonAfter={t('kpi.minutes')} style={{ width: 130 }} /></Form.Item>
                  <Form.Item name="stageDays" label={t('clock.stage')}><InputNumber min={1} addonAfter={t('action.days')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name="totalDays" label={t('clock.total')}><InputNumber min={1} addonAfter={t('action.days')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name="mode"><Select style={{ width: 130 }} options={[{ value: 'working', label: t('catalog.workingDays') }, { value: 'calendar', label: t('catalog.calendarDays') }]} /></Form.Item>
                  <Button htmlType="submit" type="primary" loading={setPolicy.pending}>{t('common.ok')}</Button>
                </Form>
              </Card>
              <ResponsiveTable size="small" rowKey={(p) => `${p.countyCode}/${p.categoryId}/${p.tier}`} dataSource={policies} pagination={false} scroll={{ x: 760 }} columns={[
                { title: t('catalog.county'), dataIndex: 'countyName', render: (n: string | null, p: DeadlinePolicy) => (p.countyCode === EVERY_COUNTY ? <Tag>{t('catalog.default')}</Tag> : (n ?? '—')) },
                { title: t('cases.category'), dataIndex: 'categoryId', render: categoryName },
                { title: t('cases.tier'), dataIndex: 'tier', render: (x: string) => t(`tier.${x}`) },
                { title: t('clock.first_response'), dataIndex: 'firstResponseMinutes', render: (m: number) => `${m} ${t('kpi.minutes')}` },
                { title: t('clock.stage'), dataIndex: 'stageMinutes', render: (m: number) => `${m / 1440} ${t('action.days')}` },
                { title: t('clock.total'), dataIndex: 'totalMinutes', render: (m: number) => `${m / 1440} ${t('action.days')}` },
                { title: t('catalog.counting'), dataIndex: 'mode', render: (m: string) => (m === 'working' ? t('catalog.workingDays') : t('catalog.calendarDays')) },
              ]} />
            </Space>
          ),
        },
        { key: 'calendar', label: t('catalog.calendar'), children: <CalendarTab me={me} rows={calendar} initialTarget={shared ? EVERY_COUNTY : (county ?? EVERY_COUNTY)} /> },
      ]}
    />
  );
}

/** 事项与规则: categories (public or private, default tier), departments and what they own, routing rules, holidays. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { api, ApiError } from '../../api';
import { useCatalog, type Category } from '../cases/useCatalog';

const tiers = ['minor', 'tricky', 'complex', 'hard'];
const levels = ['village', 'township', 'department', 'county'];

export function CatalogPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { categories, departments } = useCatalog();
  const [cats, setCats] = useState<Category[]>([]);
  const [county, setCounty] = useState(me.scopeCode.slice(0, 6) === '632200' ? '632221' : me.scopeCode.slice(0, 6));
  const [rules, setRules] = useState<Record<string, string> | null>(null);
  const [calendar, setCalendar] = useState<{ day: string; kind: string; name: string }[]>([]);
  const [csv, setCsv] = useState('date,kind,name\n');
  const [deptForm] = Form.useForm();
  useEffect(() => setCats(categories), [categories]);
  const loadRules = useCallback(() => void api<Record<string, string>>(`/api/routing-rules?county=${county}`).then(setRules), [county]);
  useEffect(loadRules, [loadRules]);
  const loadCalendar = useCallback(() => void api<typeof calendar>('/api/calendar').then(setCalendar), []);
  useEffect(loadCalendar, [loadCalendar]);
  const run = async (p: Promise<unknown>, then?: () => void) => {
    try {
      await p;
      message.success(t('grids.saved'));
      then?.();
    } catch (e) {
      message.error(e instanceof ApiError ? `${e.body.message} ${(e.body.details ?? []).map((d) => d.message).join('; ')}` : String(e));
    }
  };
  const patch = (id: string, body: Partial<Category>) => run(api<Category>(`/api/categories/${id}`, { method: 'PATCH', body }).then((c) => setCats((old) => old.map((x) => (x.id === id ? { ...x, ...c } : x)))));

  return (
    <Tabs
      items={[
        {
          key: 'categories',
          label: t('catalog.categories'),
          children: (
            <Table size="small" rowKey="id" dataSource={cats.filter((c) => c.parentId)} pagination={false} columns={[
              { title: 'ID', dataIndex: 'id' },
              { title: t('grids.name'), dataIndex: 'name' },
              { title: t('catalog.group'), dataIndex: 'parentId', render: (p: string) => cats.find((c) => c.id === p)?.name },
              { title: t('catalog.public'), dataIndex: 'isPublic', render: (v: boolean, c: Category) => <Switch checked={v} onChange={(x) => patch(c.id, { isPublic: x })} /> },
              { title: t('catalog.defaultTier'), dataIndex: 'defaultTier', render: (v: string, c: Category) => <Select size="small" value={v} style={{ width: 110 }} onChange={(x) => patch(c.id, { defaultTier: x })} options={tiers.map((x) => ({ value: x, label: t(`tier.${x}`) }))} /> },
            ]} />
          ),
        },
        {
          key: 'departments',
          label: t('catalog.departments'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Card size="small" title={t('catalog.newDepartment')}>
                <Form form={deptForm} layout="inline" onFinish={(v) => run(api('/api/departments', { method: 'POST', body: { countyCode: county, name: v.name, categoryIds: v.categoryIds ?? [] } }), () => location.reload())}>
                  <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('grids.name')} /></Form.Item>
                  <Form.Item name="categoryIds"><Select mode="multiple" style={{ minWidth: 320 }} placeholder={t('catalog.owns')} options={categories.filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
                  <Button htmlType="submit" type="primary">{t('common.ok')}</Button>
                </Form>
              </Card>
              <Table size="small" rowKey="id" dataSource={departments} pagination={false} columns={[
                { title: t('grids.name'), dataIndex: 'name' },
                { title: t('catalog.county'), dataIndex: 'countyCode' },
                { title: t('catalog.owns'), dataIndex: 'categoryIds', render: (ids: string[]) => ids.map((i) => <Tag key={i}>{categories.find((c) => c.id === i)?.name ?? i}</Tag>) },
              ]} />
            </Space>
          ),
        },
        {
          key: 'routing',
          label: t('catalog.routing'),
          children: rules && (
            <Card size="small" title={`${t('catalog.county')} ${county}`} extra={<Input style={{ width: 120 }} value={county} maxLength={6} onChange={(e) => /^\d{6}$/.test(e.target.value) && setCounty(e.target.value)} />}>
              <Space direction="vertical">
                {tiers.map((tier) => (
                  <Space key={tier}><span style={{ width: 80, display: 'inline-block' }}>{t(`tier.${tier}`)}</span>→<Select style={{ width: 160 }} value={rules[tier]} onChange={(v) => setRules({ ...rules, [tier]: v })} options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Space>
                ))}
                <Button type="primary" onClick={() => run(api('/api/routing-rules', { method: 'PUT', body: { countyCode: county, rules } }), loadRules)}>{t('common.ok')}</Button>
              </Space>
            </Card>
          ),
        },
        {
          key: 'calendar',
          label: t('catalog.calendar'),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
              <Button type="primary" onClick={() => run(api('/api/calendar/import', { method: 'POST', body: { csv } }), loadCalendar)}>{t('catalog.import')}</Button>
              <Table size="small" rowKey="day" dataSource={calendar} pagination={{ pageSize: 20 }} columns={[{ title: t('audit.at'), dataIndex: 'day' }, { title: t('grids.kind'), dataIndex: 'kind', render: (k: string) => t(`calendar.${k}`) }, { title: t('grids.name'), dataIndex: 'name' }]} />
            </Space>
          ),
        },
      ]}
    />
  );
}

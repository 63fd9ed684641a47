/**
 * 节假日 as a calendar: each day shows 休 (holiday) or 班 (调休 workday); a click sets the day to holiday, workday or
 * normal for the chosen county (or every county). The CSV import stays for a whole year's notice at once.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Card, Collapse, Form, Grid, Input, Modal, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import type { CalendarDay } from '../../../../core/schemas/catalog.response';
import { EVERY_COUNTY, mayChangeOwned, ownerOfCounty } from '../../../../core/reference-owner';
import { CountyField } from '../regions/CountyField';
import { useImportCalendar, useSetCalendarDay } from './catalog.api';

type Kind = 'holiday' | 'workday' | 'normal';
// The demo's 2027 days carry this mark until the State Council's notice (server/demo/demo-calendar.ts).
const ESTIMATE = '（预估）';

export function CalendarTab({ me, rows, initialTarget }: { me: Me; rows: CalendarDay[]; initialTarget: string }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [target, setTarget] = useState(initialTarget);
  const [day, setDay] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: Kind; name: string }>();
  const [csv, setCsv] = useState('date,kind,name\n');
  const setDayKind = useSetCalendarDay();
  const importCalendar = useImportCalendar();
  const mayChange = mayChangeOwned(me.scopeCode, ownerOfCounty(target));
  const sharedAllowed = mayChangeOwned(me.scopeCode, ownerOfCounty(EVERY_COUNTY));

  // What counts for the target: the shared days, a county's own days over them.
  const effective = useMemo(() => {
    const m = new Map<string, CalendarDay>();
    for (const r of rows.filter((x) => x.countyCode === EVERY_COUNTY)) m.set(r.day, r);
    if (target !== EVERY_COUNTY) for (const r of rows.filter((x) => x.countyCode === target)) m.set(r.day, r);
    return m;
  }, [rows, target]);
  const estimated = rows.some((r) => r.name.endsWith(ESTIMATE));

  const open = (d: Dayjs) => {
    if (!mayChange) return;
    const key = d.format('YYYY-MM-DD');
    const r = effective.get(key);
    setDay(key);
    form.setFieldsValue({ kind: (r?.kind as Kind | undefined) ?? 'normal', name: r?.name.replace(ESTIMATE, '') ?? '' });
    setDayKind.begin();
  };
  const save = async () => {
    // Validation inside run: a refused form shows on its fields instead of an uncaught rejection (bug 15).
    const r = await setDayKind.run(async () => {
      const v = await form.validateFields();
      return { countyCode: target, day: day!, kind: v.kind, name: v.kind === 'normal' ? '' : v.name };
    });
    if (r.ok) setDay(null);
  };

  const cell = (d: Dayjs) => {
    const r = effective.get(d.format('YYYY-MM-DD'));
    if (!r) return null;
    const own = r.countyCode !== EVERY_COUNTY;
    return (
      <Tooltip title={`${r.name}${own ? ` · ${r.countyName ?? ''}` : ''}`}>
        <div data-testid={`day-${d.format('YYYY-MM-DD')}`} data-kind={r.kind}>
          <Tag color={r.kind === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{r.kind === 'holiday' ? t('calendar.rest') : t('calendar.work')}</Tag>
          {screens.md && <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }} ellipsis>{r.name}</Typography.Text>}
        </div>
      </Tooltip>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {estimated && <Alert type="warning" showIcon message={t('calendar.estimateTitle')} description={t('calendar.estimate')} />}
      <Space wrap>
        <Typography.Text>{t('calendar.for')}</Typography.Text>
        <div style={{ minWidth: 240 }}><CountyField value={target} onChange={setTarget} allowEvery={sharedAllowed} data-testid="calendar-county" /></div>
        <Typography.Text type="secondary">{mayChange ? t('calendar.clickHint') : t('catalog.ownedAbove')}</Typography.Text>
      </Space>
      <Card size="small">
        <Calendar fullscreen={!!screens.md} cellRender={(d, info) => (info.type === 'date' ? cell(d) : info.originNode)} onSelect={(d, { source }) => source === 'date' && open(d)} />
      </Card>
      <Collapse items={[{ key: 'csv', label: t('calendar.importCsv'), children: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('calendar.csvHint')}</Typography.Text>
          <Input.TextArea rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
          <Button type="primary" disabled={!mayChange} loading={importCalendar.pending} onClick={() => void importCalendar.run({ csv, countyCode: target })}>{t('catalog.import')}</Button>
        </Space>
      ) }]} />
      <Modal open={!!day} title={day ?? ''} onOk={() => void save()} onCancel={() => setDay(null)} confirmLoading={setDayKind.pending} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('calendar.dayIs')}>
            <Radio.Group options={[{ value: 'holiday', label: t('calendar.holiday') }, { value: 'workday', label: t('calendar.workday') }, { value: 'normal', label: t('calendar.normal') }]} optionType="button" buttonStyle="solid" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {({ getFieldValue }) => getFieldValue('kind') !== 'normal' && (
              <Form.Item name="name" label={t('calendar.dayName')} rules={[{ max: 40 }]}><Input placeholder={t('calendar.dayNamePlaceholder')} maxLength={40} /></Form.Item>
            )}
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{target === EVERY_COUNTY ? t('catalog.allCounties') : t('calendar.countyOnly')}</Typography.Text>
        </Form>
      </Modal>
    </Space>
  );
}

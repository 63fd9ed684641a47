/**
 * The region and period of a leaders' overview, kept in the address: the user's region or one right below it (picked by
 * name, never a code) and a span of China days (the last 30, today included, by default; no day after today).
 */
import { useMemo, useState } from 'react';
import { DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import type { Me } from '../../../core/schemas/auth.schema';
import { addDays, cstDate } from '../../../core/calendar';
import { useUrlState } from '../data/url-state';
import { RegionSelect, useRegionOptions, type RegionOption } from './RegionSelect';

type Base = { region: string; from: string; to: string };

/** The page's filter in the address (`extra`: defaults of fields of its own, read once), the regions to offer, and today (fixed for the page's life). */
export function useRegionPeriod<X extends string = never>(me: Me, extra?: Record<X, string>) {
  const [today] = useState(() => cstDate(new Date()));
  const [more] = useState(() => extra ?? ({} as Record<X, string>));
  const defaults = useMemo(() => ({ region: me.scopeCode, from: addDays(today, -29), to: today, ...more }), [me.scopeCode, today, more]);
  const [f, setF] = useUrlState<'region' | 'from' | 'to' | X>(defaults as Record<'region' | 'from' | 'to' | X, string>);
  const regions = useRegionOptions();
  return { f, setF, regions, today };
}

/** The region picker and the period picker (test ids `<prefix>-region`, `<prefix>-range`). */
export function RegionPeriodBar({ f, setF, regions, today, testIdPrefix }: { f: Base; setF: (p: Partial<Base>) => void; regions: RegionOption[]; today: string; testIdPrefix: string }) {
  return (
    <Space wrap>
      <RegionSelect regions={regions} value={f.region} onChange={(v) => setF({ region: v })} testId={`${testIdPrefix}-region`} />
      <DatePicker.RangePicker
        value={[dayjs(f.from), dayjs(f.to)]}
        allowClear={false}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        onChange={(v) => v?.[0] && v[1] && setF({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        data-testid={`${testIdPrefix}-range`}
      />
    </Space>
  );
}

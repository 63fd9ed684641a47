/**
 * The region filter of the overview pages: the user's region and the regions right below it, by name (never a
 * code). The ones below are indented in the list; the chosen one shows its plain name.
 */
import { Select } from 'antd';
import { useRegionChildren, useRootRegion } from '../features/regions/regions.api';

/** One region the filter offers; `child` when it lies right below the user's own. */
export interface RegionOption {
  value: string;
  label: string;
  child: boolean;
}

/** The user's region, then the regions right below it (empty until the root has loaded). */
export function useRegionOptions(): RegionOption[] {
  const root = useRootRegion().data;
  const kids = useRegionChildren(root?.code).data;
  return root ? [{ value: root.code, label: root.name, child: false }, ...(kids ?? []).map((c) => ({ value: c.code, label: c.name, child: true }))] : [];
}

/** A Select over `regions` (test id `testId`); shows nothing until they have loaded, so a code never flashes. */
export function RegionSelect({ regions, value, onChange, testId }: { regions: RegionOption[]; value: string; onChange: (code: string) => void; testId: string }) {
  return (
    <Select
      style={{ minWidth: 220 }}
      value={regions.length ? value : undefined}
      options={regions}
      optionRender={(o) => <span style={{ paddingInlineStart: o.data.child ? 16 : 0 }}>{o.label}</span>}
      onChange={onChange}
      data-testid={testId}
    />
  );
}

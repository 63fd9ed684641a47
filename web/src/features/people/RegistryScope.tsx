/**
 * Which part of the registry the lists show, chosen by name level by level: a township, then a village, then a grid
 * (each "all" until chosen), below the reader's own scope. A county leader starts at the townships, a township
 * operator at their villages, a village worker at their grids; no list of every grid, so no cap on how many.
 */
import { useState } from 'react';
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ancestorAt, levelOfCode, regionLevels, type RegionLevel } from '../../../../core/region-code';
import { useRegionChildren, useRootRegion } from '../regions/regions.api';
import { useGridsOf } from './people.api';

/** The region (township or village) and grid chosen; empty strings mean "all". */
export interface ScopeChoice { region: string; grid: string }

const depth = (code: string) => regionLevels.indexOf(levelOfCode(code));

/** The levels a reader can narrow to, below their scope down to the village. */
export function levelsBelow(scopeCode: string): RegionLevel[] {
  return regionLevels.slice(depth(scopeCode) + 1);
}

/** The code a list reads for a choice: the grid, else the region, else undefined (the whole scope). */
export function scopeOfChoice(c: ScopeChoice): string | undefined {
  return c.grid || c.region || undefined;
}

export function RegistryScope({ scopeCode, value, onChange, width }: { scopeCode: string; value: ScopeChoice; onChange: (c: ScopeChoice) => void; width: number | string }) {
  const { t } = useTranslation();
  const levels = levelsBelow(scopeCode);
  const chosenDepth = value.region ? depth(value.region) : -1;
  // The village whose grids can be chosen: the reader's own, or the one picked.
  const village = levels.length === 0 ? scopeCode : chosenDepth === regionLevels.indexOf('village') ? value.region : undefined;
  return (
    <>
      {levels.map((level, i) => {
        const parent = i === 0 ? scopeCode : chosenDepth >= regionLevels.indexOf(levels[i - 1]!) ? ancestorAt(value.region, levels[i - 1]!) : undefined;
        if (!parent) return null;
        const chosen = chosenDepth >= regionLevels.indexOf(level) ? ancestorAt(value.region, level) : undefined;
        return <LevelSelect key={level} level={level} parent={parent} value={chosen} width={width} placeholder={t(`people.scope.${level}`)}
          onChange={(code) => onChange({ region: code ?? (i === 0 ? '' : parent), grid: '' })} />;
      })}
      {village && <GridSelect village={village} value={value.grid || undefined} width={width} placeholder={t('people.scope.grid')} onChange={(grid) => onChange({ region: value.region, grid: grid ?? '' })} />}
    </>
  );
}

function LevelSelect({ level, parent, value, placeholder, width, onChange }: { level: RegionLevel; parent: string; value?: string; placeholder: string; width: number | string; onChange: (code: string | undefined) => void }) {
  const children = useRegionChildren(parent).data ?? [];
  return (
    <Select data-testid={`people-scope-${level}`} style={{ width }} value={value} placeholder={placeholder} allowClear showSearch optionFilterProp="label"
      options={children.map((r) => ({ value: r.code, label: r.name }))} onChange={(v?: string) => onChange(v)} />
  );
}

function GridSelect({ village, value, placeholder, width, onChange }: { village: string; value?: string; placeholder: string; width: number | string; onChange: (code: string | undefined) => void }) {
  const grids = useGridsOf(village).data ?? [];
  return (
    <Select data-testid="people-grid" style={{ width }} value={value} placeholder={placeholder} allowClear showSearch optionFilterProp="label"
      options={grids.map((g) => ({ value: g.code, label: g.name }))} onChange={(v?: string) => onChange(v)} />
  );
}

/** A grid chosen the same way (township → village → grid, by name) as a form field whose value is the grid's code. */
export function GridField({ value, onChange }: { value?: string; onChange?: (code: string | undefined) => void }) {
  const root = useRootRegion().data;
  const [region, setRegion] = useState('');
  if (!root) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RegistryScope scopeCode={root.code} value={{ region, grid: value ?? '' }} width="100%" onChange={(c) => { setRegion(c.region); onChange?.(c.grid || undefined); }} />
    </Space>
  );
}

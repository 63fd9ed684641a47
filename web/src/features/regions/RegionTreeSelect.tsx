/**
 * Pick a place by name: the region tree of my scope (province → village), children loaded as a branch opens,
 * and a search by name across the whole scope. Nobody types a 12-digit code; the form still holds the code.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { regionLevels, type RegionLevel } from '../../../../core/region-code';
import type { RegionNode } from '../../../../core/schemas/regions.response';
import { useRegionFetcher, useRegionLoader, useRegionSearch, useRootRegion } from './regions.api';

interface Flat { id: string; pId: string | null; value: string; title: string; isLeaf: boolean; selectable: boolean }

/** Props as an Ant Design Form.Item passes them (value, onChange) plus what may be picked. */
export interface RegionTreeSelectProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** Only regions at this level may be picked (the tree stops there); any level when absent. */
  level?: RegionLevel;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

const depth = (level: string) => regionLevels.indexOf(level as RegionLevel);

export function RegionTreeSelect({ value, onChange, level, placeholder, allowClear, id, ...rest }: RegionTreeSelectProps) {
  const { t } = useTranslation();
  const root = useRootRegion().data;
  const loadChildren = useRegionLoader();
  const fetchRegion = useRegionFetcher();
  const [flat, setFlat] = useState<Flat[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [words, setWords] = useState('');
  const found = useRegionSearch(words, level).data;
  const known = useRef(new Set<string>());

  const node = (r: RegionNode, pId: string | null): Flat => ({
    id: r.code,
    pId,
    value: r.code,
    title: r.name,
    isLeaf: r.level === 'village' || r.childCount === 0 || (!!level && depth(r.level) >= depth(level)),
    selectable: !level || r.level === level,
  });

  const open = async (code: string) => {
    if (known.current.has(`children:${code}`)) return;
    known.current.add(`children:${code}`);
    const kids = await loadChildren(code);
    setFlat((f) => [...f, ...kids.filter((k) => !known.current.has(k.code)).map((k) => (known.current.add(k.code), node(k, code)))]);
    setLoaded((l) => [...l, code]);
  };

  useEffect(() => {
    if (!root || known.current.has(root.code)) return;
    known.current.add(root.code);
    setFlat([node(root, null)]);
    setExpanded([root.code]);
    void open(root.code);
  }, [root]);

  // A value not yet in the tree (an account's scope, a search result): open the branches down to it.
  useEffect(() => {
    if (!root || !value || known.current.has(value)) return;
    let stale = false;
    void (async () => {
      const r = await fetchRegion(value);
      const path = r.path.split('/');
      const from = path.indexOf(root.code);
      for (const code of path.slice(from, -1)) {
        if (stale) return;
        await open(code);
      }
      if (!stale) setExpanded((e) => [...new Set([...e, ...path.slice(from, -1)])]);
    })().catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [value, root]);

  // Search after a short pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setWords(typed), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const searching = typed.trim().length > 0;
  const shown = useMemo<Flat[]>(
    () => (searching ? (found ?? []).map((r) => ({ id: `found:${r.code}`, pId: null, value: r.code, title: r.label, isLeaf: true, selectable: true })) : flat),
    [searching, found, flat],
  );
  // The chosen region keeps its name while the list shows search results.
  const chosen = flat.find((f) => f.value === value);
  const withChosen = searching && chosen && !shown.some((s) => s.value === value) ? [...shown, { ...chosen, id: `chosen:${chosen.id}`, pId: null }] : shown;

  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      style={{ width: '100%' }}
      treeDataSimpleMode
      treeData={withChosen}
      value={value && (known.current.has(value) || searching) ? value : undefined}
      onChange={(v: string | undefined) => {
        setTyped('');
        onChange?.(v);
      }}
      loadData={({ id: code }) => open(String(code))}
      treeLoadedKeys={loaded}
      treeExpandedKeys={searching ? [] : expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      showSearch
      searchValue={typed}
      onSearch={setTyped}
      filterTreeNode={false}
      allowClear={allowClear}
      placeholder={placeholder ?? t('regions.pick')}
      notFoundContent={searching ? t('regions.noneFound') : undefined}
    />
  );
}

/**
 * Validation of a grid GeoJSON file: a FeatureCollection of Polygons whose properties carry a 15-digit
 * `code` (the first 12 digits a village that exists) and a `name` of at most 100 characters, each polygon simple
 * (no self-intersection) and within the vertex and ring limits of core/geo.ts. Pure; every problem is reported by
 * feature number, echoing no more than a clipped value, and nothing is written unless the whole file is valid.
 */
import { bbox, polygonProblems, type Polygon } from '../../../core/geo.ts';
import { countyOf, isGridCode } from '../../../core/region-code.ts';
import type { FieldIssue } from '../../../core/errors.ts';

export interface GridDraft {
  code: string;
  villageCode: string;
  countyCode: string;
  name: string;
  geometry: Polygon;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  duties: string[];
}

/** Longest grid name (the longest real ones are about 30 characters). */
const MAX_NAME = 100;

/** A value as echoed in a message: never more than 40 characters (a 100,000-character name is not repeated back). */
export const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Checks a parsed GeoJSON value against the villages known (code → level). */
export function planGridImport(json: unknown, villageLevels: Map<string, string>): { rows: GridDraft[]; issues: FieldIssue[] } {
  const fc = json as { type?: string; features?: unknown[] };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { rows: [], issues: [{ path: 'file', code: 'not_feature_collection', message: '文件应为 GeoJSON FeatureCollection' }] };
  }
  const issues: FieldIssue[] = [];
  const rows: GridDraft[] = [];
  const seen = new Map<string, number>();
  fc.features.forEach((f, i) => {
    const path = `feature ${i + 1}`;
    const add = (code: string, message: string) => issues.push({ path, code, message });
    const feat = f as { type?: string; geometry?: unknown; properties?: Record<string, unknown> | null };
    const code = String(feat?.properties?.code ?? '');
    const name = String(feat?.properties?.name ?? '').trim();
    if (feat?.type !== 'Feature') return add('not_feature', '不是 GeoJSON Feature');
    if (!isGridCode(code)) return add('bad_code', `网格编码 "${clip(code)}" 应为15位：12位村级区划代码 + 3位序号`);
    if (!name) return add('missing_name', '网格名称为空');
    if (name.length > MAX_NAME) return add('name_too_long', `网格名称有 ${name.length} 个字符，最多 ${MAX_NAME} 个（"${clip(name)}"）`);
    if (seen.has(code)) return add('duplicate', `网格编码 ${code} 与第${seen.get(code)}个要素重复`);
    seen.set(code, i + 1);
    const villageCode = code.slice(0, 12);
    if (villageLevels.get(villageCode) !== 'village') return add('unknown_village', `村(社区) ${villageCode} 不存在，请先导入区划`);
    const geomProblems = polygonProblems(feat.geometry);
    if (geomProblems.length) return add('bad_geometry', geomProblems.join('; '));
    const geometry = feat.geometry as Polygon;
    const [minLng, minLat, maxLng, maxLat] = bbox(geometry);
    rows.push({ code, villageCode, countyCode: countyOf(code), name, geometry, minLng, minLat, maxLng, maxLat, duties: [] });
  });
  if (rows.length === 0 && issues.length === 0) issues.push({ path: 'file', code: 'empty', message: '文件没有网格' });
  return issues.length ? { rows: [], issues } : { rows, issues };
}

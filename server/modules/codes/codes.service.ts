/**
 * Code tables as data. National tables ship as files under ./tables (each with its standard, version and how
 * sure its source is) and are (re)loaded at start when a file changed; a county keeps its own local tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import { CodeTableFileSchema, type LocalCodeTableSchema } from '../../../core/schemas/codes.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { countyPrefix, inActorScope, requirePermission } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './codes.repository.ts';
import { announce } from '../../lib/change-feed.ts';

const tablesDir = join(dirname(fileURLToPath(import.meta.url)), 'tables');

/** The shipped table files, parsed and checked. @throws Error naming a bad file (a packaging mistake) */
export function shippedTables(): { file: z.infer<typeof CodeTableFileSchema>; hash: string }[] {
  return readdirSync(tablesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(tablesDir, f), 'utf8');
      const parsed = CodeTableFileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`code table ${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (`${parsed.data.id}.json` !== f) throw new Error(`code table ${f}: id ${parsed.data.id} does not match the file name`);
      return { file: parsed.data, hash: sm3Hex(text) };
    });
}

/** Loads shipped tables that are new or whose file changed. Returns the ids loaded. */
export async function syncShippedTables(ctx: AppContext): Promise<string[]> {
  const stored = await repo.nationalHashes(ctx.db);
  const loaded: string[] = [];
  for (const { file, hash } of shippedTables()) {
    if (stored.get(file.id) === hash) continue;
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await repo.replaceTable(tx, { id: file.id, name: file.name, nameEn: file.nameEn ?? null, countyCode: '000000', version: file.version, source: file.source, confidence: file.confidence, contentHash: hash, loadedAt: now }, file.items.map((it, i) => ({ tableId: file.id, code: it.code, name: it.name, nameEn: it.nameEn ?? null, parentCode: it.parentCode ?? null, sort: i, active: true })));
      await announce(ctx, tx, 'reference'); // servers already running (an upgrade rolling through) reload the codes
    });
    loaded.push(file.id);
  }
  if (loaded.length) ctx.cache.clear();
  return loaded;
}


/** National tables and the local tables of the actor's counties, with item counts. */
export async function listTables(ctx: AppContext, actor: Actor) {
  const rows = await repo.tablesUnder(ctx.db, countyPrefix(actor));
  return rows.map(({ table: t, items }) => ({ id: t.id, name: t.name, nameEn: t.nameEn, countyCode: t.countyCode, version: t.version, source: t.source, confidence: t.confidence, items }));
}

/** One table with its items; a local table of a county outside the actor's answers as missing. @throws NOT_FOUND */
export async function getTable(ctx: AppContext, actor: Actor, id: string) {
  const t = await repo.table(ctx.db, id);
  if (!t || (t.countyCode !== '000000' && !t.countyCode.startsWith(countyPrefix(actor)))) throw new AppError('NOT_FOUND');
  const items = await repo.items(ctx.db, id);
  return { id: t.id, name: t.name, nameEn: t.nameEn, countyCode: t.countyCode, version: t.version, source: t.source, confidence: t.confidence, items: items.map(({ code, name, nameEn, parentCode, active }) => ({ code, name, nameEn, parentCode, active })) };
}

/** Creates or replaces a county's local table `x_<county>_<key>`. @throws FORBIDDEN, INVALID_SCOPE, VALIDATION_FAILED */
export async function saveLocalTable(ctx: AppContext, actor: Actor, input: z.infer<typeof LocalCodeTableSchema>) {
  requirePermission(actor, 'catalog:manage');
  if (!inActorScope(actor, input.countyCode + '000000') || input.countyCode === '000000') throw new AppError('INVALID_SCOPE', [{ path: 'countyCode', code: 'outside_scope', message: input.countyCode }]);
  const seen = new Set<string>();
  const dupes = input.items.filter((i) => (seen.has(i.code) ? true : (seen.add(i.code), false)));
  if (dupes.length) throw new AppError('VALIDATION_FAILED', dupes.map((d) => ({ path: 'items', code: 'duplicate_code', message: d.code })));
  const id = `x_${input.countyCode}_${input.key}`;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.replaceTable(tx, { id, name: input.name, nameEn: null, countyCode: input.countyCode, version: now.toISOString().slice(0, 10), source: input.source, confidence: 'L', contentHash: null, loadedAt: now }, input.items.map((it, i) => ({ tableId: id, code: it.code, name: it.name, nameEn: it.nameEn ?? null, parentCode: it.parentCode ?? null, sort: i, active: true })));
    await audit.record(tx, ctx, actor, { action: 'codeTable.save', objectType: 'codeTable', objectId: id, countyCode: input.countyCode, detail: { items: input.items.length } });
    await announce(ctx, tx, 'reference'); // the other servers drop their cached codes on commit
  });
  ctx.cache.clear();
  return getTable(ctx, actor, id);
}

/** The codes of `values` not in the table (for validating records). */
export async function unknownCodes(ctx: AppContext, ex: Executor, tableId: string, values: string[]): Promise<string[]> {
  const known = await ctx.cache.get(`codes:${tableId}`, async () => new Set((await repo.items(ex, tableId)).filter((i) => i.active).map((i) => i.code)));
  return [...new Set(values)].filter((v) => !known.has(v));
}

/** Problems with code-table values, one per field (a record's fields named by their request path). */
export async function codeProblems(ctx: AppContext, ex: Executor, checks: [path: string, table: string, value: string | undefined][]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [path, table, value] of checks) {
    if (value !== undefined && (await unknownCodes(ctx, ex, table, [value])).length) issues.push({ path, code: 'unknown_code', message: `${value} 不在代码表 ${table} 中` });
  }
  return issues;
}

/** The active items of one table (for matching imported cells by code or name). */
export async function activeItems(ex: Executor, tableId: string) {
  return (await repo.items(ex, tableId)).filter((i) => i.active);
}

/** Code → name of each table, for labels in exports and templates. */
export async function codeNames(ctx: AppContext, tables: string[]): Promise<Record<string, Map<string, string>>> {
  const out: Record<string, Map<string, string>> = {};
  for (const t of tables) out[t] = new Map((await repo.items(ctx.db, t)).map((i) => [i.code, i.name] as const));
  return out;
}

/** The rows of the code tables a persons import uses, for the template's second sheet. */
export async function templateCodes(ctx: AppContext): Promise<{ table: string; code: string; name: string }[]> {
  const names = await codeNames(ctx, ['person_type', 'sex', 'ethnicity']);
  return Object.entries(names).flatMap(([table, m]) => [...m].map(([code, name]) => ({ table, code, name })));
}

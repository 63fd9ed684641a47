/** The field templates table (migration 0033): versions of the checklists and questionnaires. */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fieldTemplates } from '../../db/schema.ts';

export type TemplateRow = typeof fieldTemplates.$inferSelect;

/** The newest stored version of each code of an owner. */
export async function latestVersions(ex: Executor, owner: string): Promise<Map<string, { version: number; hash: string }>> {
  const rows = await ex.select({ code: fieldTemplates.code, version: fieldTemplates.version, hash: fieldTemplates.contentHash }).from(fieldTemplates).where(eq(fieldTemplates.owner, owner)).orderBy(fieldTemplates.code, desc(fieldTemplates.version));
  const out = new Map<string, { version: number; hash: string }>();
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, { version: r.version, hash: r.hash });
  return out;
}

/** Stores a new version (nothing when another server stored that version first) and retires the older ones. */
export async function insertVersion(tx: Executor, row: TemplateRow): Promise<boolean> {
  const made = await tx.insert(fieldTemplates).values(row).onConflictDoNothing().returning({ id: fieldTemplates.id });
  if (!made.length) return false;
  await tx.update(fieldTemplates).set({ active: false }).where(and(eq(fieldTemplates.code, row.code), eq(fieldTemplates.owner, row.owner), ne(fieldTemplates.id, row.id)));
  return true;
}

/** The active templates (one version per code and owner). */
export function activeTemplates(ex: Executor): Promise<TemplateRow[]> {
  return ex.select().from(fieldTemplates).where(eq(fieldTemplates.active, true)).orderBy(fieldTemplates.kind, fieldTemplates.code);
}

/** One template version by id, active or not (a phone may still fill in the version it has). */
export async function templateById(ex: Executor, id: string): Promise<TemplateRow | undefined> {
  const [row] = await ex.select().from(fieldTemplates).where(eq(fieldTemplates.id, id));
  return row;
}

/**
 * Checklists and questionnaires as data: the shipped files under ./templates are checked and loaded at start; a
 * file whose content changed becomes a new version (the old one stays, retired, for the records that name it).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../core/errors.ts';
import { SHARED_OWNER } from '../../../core/reference-owner.ts';
import type { FieldTemplate, TemplateKind } from '../../../core/field/templates.ts';
import { FieldTemplateFileSchema, type FieldTemplateFile } from '../../../core/schemas/field.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../lib/context.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import * as repo from './templates.repository.ts';

const templatesDir = join(dirname(fileURLToPath(import.meta.url)), 'templates');

/** The shipped template files, parsed and checked. @throws Error naming a bad file (a packaging mistake) */
export function shippedTemplates(): { file: FieldTemplateFile; hash: string }[] {
  return readdirSync(templatesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(templatesDir, f), 'utf8');
      const parsed = FieldTemplateFileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`field template ${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (`${parsed.data.code}.json` !== f) throw new Error(`field template ${f}: code ${parsed.data.code} does not match the file name`);
      // The content, not the file's spacing, makes a version.
      return { file: parsed.data, hash: sm3Hex(JSON.stringify(parsed.data)) };
    });
}

/** Stores each shipped template that is new or changed as its next version. Returns the codes stored. */
export async function syncShippedTemplates(ctx: AppContext): Promise<string[]> {
  const stored = await repo.latestVersions(ctx.db, SHARED_OWNER);
  const loaded: string[] = [];
  for (const { file, hash } of shippedTemplates()) {
    const last = stored.get(file.code);
    if (last?.hash === hash) continue;
    const made = await ctx.db.transaction((tx) =>
      repo.insertVersion(tx, {
        id: randomUUID(), code: file.code, version: (last?.version ?? 0) + 1, kind: file.kind, owner: SHARED_OWNER, name: file.name, items: file.items,
        thresholds: file.thresholds ?? null, source: file.source, confidence: file.confidence, contentHash: hash, active: true, createdAt: ctx.clock.now(),
      }),
    );
    if (made) loaded.push(file.code);
  }
  return loaded;
}

/** A stored version as the app and the services use it. */
export function templateOf(row: repo.TemplateRow): FieldTemplate {
  return { id: row.id, code: row.code, version: row.version, kind: row.kind as TemplateKind, name: row.name as FieldTemplate['name'], items: row.items as FieldTemplate['items'], ...(row.thresholds ? { thresholds: row.thresholds as FieldTemplate['thresholds'] } : {}) };
}

/** The active templates, for the field app's device copy. */
export async function listTemplates(ctx: AppContext): Promise<FieldTemplate[]> {
  return (await repo.activeTemplates(ctx.db)).map(templateOf);
}

/** A template version of the kind a record needs. @throws VALIDATION_FAILED (unknown or of another kind) */
export async function templateFor(ex: Executor, id: string, kind: TemplateKind): Promise<FieldTemplate> {
  const row = await repo.templateById(ex, id);
  if (!row || row.kind !== kind) throw new AppError('VALIDATION_FAILED', [{ path: 'body.templateId', code: 'unknown_template', message: `没有这个${{ risk: '评估表', patrol: '巡查清单', visit: '走访清单' }[kind]}` }]);
  return templateOf(row);
}

/**
 * Key rotation: every stored ciphertext not made with the current key is decrypted and encrypted again, a row
 * at a time (each row is one small update, so a rotation can be stopped and resumed; values stay readable
 * throughout because every configured key still decrypts).
 */
import type { AppContext } from '../../lib/context.ts';
import { encryptedColumns, type EncryptedColumns } from './encrypted-columns.ts';
import * as repo from './keys.repository.ts';

export interface RotationReport {
  /** Ciphertexts looked at and re-encrypted, per table. */
  tables: { table: string; ciphertexts: number; reencrypted: number }[];
  currentKeyId: string;
}

/** Re-encrypts every ciphertext under the current key; `onProgress` hears after each page. */
export async function reencryptAll(ctx: AppContext, onProgress?: (table: string, rows: number) => void): Promise<RotationReport> {
  const report: RotationReport = { tables: [], currentKeyId: ctx.crypto.currentKeyId };
  for (const t of encryptedColumns) {
    const counts = { table: t.table, ciphertexts: 0, reencrypted: 0 };
    let after: unknown[] | null = null;
    let rows = 0;
    for (;;) {
      const page = await repo.page(ctx.database, t, after, 500);
      if (!page.length) break;
      for (const row of page) {
        const changed = reencryptRow(ctx, t, row, counts);
        if (Object.keys(changed).length) await repo.update(ctx.database, t, row, changed);
      }
      rows += page.length;
      after = t.key.map((k) => page[page.length - 1]![k]);
      onProgress?.(t.table, rows);
    }
    report.tables.push(counts);
  }
  return report;
}

/** How many stored ciphertexts each key id holds (to know when an old key may be retired). */
export async function keyUsage(ctx: AppContext): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  for (const t of encryptedColumns) {
    let after: unknown[] | null = null;
    for (;;) {
      const page = await repo.page(ctx.database, t, after, 1000);
      if (!page.length) break;
      for (const row of page) for (const enc of ciphertextsOf(t, row)) usage[ctx.crypto.keyIdOf(enc)] = (usage[ctx.crypto.keyIdOf(enc)] ?? 0) + 1;
      after = t.key.map((k) => page[page.length - 1]![k]);
    }
  }
  return usage;
}

function ciphertextsOf(t: EncryptedColumns, row: repo.Row): string[] {
  const out: string[] = t.text.map((c) => row[c]).filter((v): v is string => typeof v === 'string');
  for (const c of t.json) walkEnc(row[c], (v) => (out.push(v), v));
  return out;
}

function reencryptRow(ctx: AppContext, t: EncryptedColumns, row: repo.Row, counts: { ciphertexts: number; reencrypted: number }): repo.Row {
  const fresh = (enc: string) => {
    counts.ciphertexts++;
    if (ctx.crypto.keyIdOf(enc) === ctx.crypto.currentKeyId && Buffer.from(enc, 'base64')[0] === 2) return enc;
    counts.reencrypted++;
    return ctx.crypto.encrypt(ctx.crypto.decrypt(enc));
  };
  const changed: repo.Row = {};
  for (const c of t.text) {
    const v = row[c];
    if (typeof v === 'string') {
      const n = fresh(v);
      if (n !== v) changed[c] = n;
    }
  }
  for (const c of t.json) {
    let touched = false;
    const next = walkEnc(row[c], (v) => {
      const n = fresh(v);
      if (n !== v) touched = true;
      return n;
    });
    if (touched) changed[c] = next;
  }
  return changed;
}

/** A copy of a JSON value with every string under a `…Enc` property passed through `f`. */
function walkEnc(value: unknown, f: (enc: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => walkEnc(v, f));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k.endsWith('Enc') && typeof v === 'string' ? f(v) : walkEnc(v, f)]));
  }
  return value;
}

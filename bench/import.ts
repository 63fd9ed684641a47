/**
 * Persons import: a CSV of N persons (valid ID numbers, phones, grids of one county; one row in 997 seeded bad in
 * one of five ways) through the same service as `anwang import persons`, on the configured database. Figure: rows
 * per second and total time. The run fails unless the error report names exactly the seeded rows, each with its
 * problem, and every other row is stored.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadConfig } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { fixture, seedFixture } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';
import { systemActor } from '../server/lib/actor.ts';
import { checkCharacter } from '../core/people/id-number.ts';
import { importPersons } from '../server/modules/people/person-import.service.ts';
import { fileRows } from '../server/modules/people/person-files.ts';
import type { Result } from './lib.ts';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? (process.env.DATABASE_URL ? 1_000_000 : 100_000));

/** The import benchmark. */
export async function importBench(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'persons.csv');
  const grids = [fixture.gridA1, fixture.gridA2, fixture.gridB1, fixture.gridB2, fixture.gridC1];
  let t = performance.now();
  const out = createWriteStream(file);
  out.write('\uFEFF姓名,公民身份号码,联系电话,所属网格,人员类型,民族,现住址\n');
  // Seeded bad rows: line → the problem the report must give it.
  const seeded = new Map<number, string>();
  const kinds = ['id_check_digit', 'unknown_grid', 'bad_mobile', 'duplicate_in_file', 'unknown_code'];
  const idOf = (i: number) => {
    // Distinct numbers: birth dates over 1940–2019 and a sequence per day.
    const day = new Date(Date.UTC(1940, 0, 1) + (i % 29_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `632221${day}${String(Math.floor(i / 29_000)).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  };
  for (let i = 0; i < rows; i++) {
    let id = idOf(i), grid = grids[i % grids.length]!, phone = `139${String(i).padStart(8, '0')}`, type = i % 5 ? '01' : '02';
    if (i % 997 === 5) {
      const kind = kinds[Math.floor(i / 997) % kinds.length]!;
      seeded.set(i + 2, kind);
      if (kind === 'id_check_digit') id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      else if (kind === 'unknown_grid') grid = '632221999999999';
      else if (kind === 'bad_mobile') phone = '12345';
      else if (kind === 'duplicate_in_file') id = idOf(i - 1);
      else type = '77';
    }
    if (!out.write(`居民${i},${id},${phone},${grid},${type},${i % 3 ? '04' : '01'},浩门镇${i % 400}号\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const generated = Math.round(performance.now() - t);
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_import') : undefined;
  const ctx = await createContext({ ...loadConfig({}), databaseUrl: scratch?.url, secretKeyHex: '0123456789abcdeffedcba9876543210' }, { inMemory: true });
  await seedFixture(ctx);
  t = performance.now();
  const r = await importPersons(ctx, systemActor(fixture.county, 'bench'), fileRows(file), { mode: 'upsert' });
  const ms = performance.now() - t;
  const stored = (await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
  const reported = new Map(r.problems.map((p) => [p.row, p.issues.map((x) => x.code).join('+')]));
  const wrong = [...new Set([...seeded.keys(), ...reported.keys()])].filter((line) => seeded.get(line) !== reported.get(line));
  if (wrong.length || r.created !== rows - seeded.size || stored !== r.created) {
    throw new Error(`import report wrong: ${wrong.length} lines differ (first ${wrong.slice(0, 5).map((l) => `${l}: seeded ${seeded.get(l)}, reported ${reported.get(l)}`).join('; ')}); created ${r.created}, stored ${stored}, expected ${rows - seeded.size}`);
  }
  await ctx.database.close();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
  return {
    name: 'import',
    figures: [
      { label: `persons import, ${rows.toLocaleString()} rows (CSV)`, value: Math.round(ms / 100) / 10, unit: 's' },
      { label: 'persons import rate', value: Math.round(rows / (ms / 1000)), unit: 'rows/s' },
    ],
    notes: [`file generated in ${generated} ms; ${r.created.toLocaleString()} created, ${r.problems.length} refused (exactly the ${seeded.size} seeded bad rows, each with its problem), ${stored.toLocaleString()} stored`],
  };
}

/**
 * A persons import killed with -9 midway: every record it committed must be covered by the audit row of its batch
 * (one transaction per batch with its audit row), and the audit chain must still verify.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';
import { openDatabase } from '../server/db/client.ts';
import { checkCharacter } from '../core/people/id-number.ts';

const dir = mkdtempSync(join(tmpdir(), 'anwang-import-kill9-'));
let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await drop?.();
});

describe('kill -9 during a persons import', () => {
  it('leaves every committed record audited by its batch', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ANWANG_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'fatal' };
    if (process.env.DATABASE_URL) {
      const s = await createScratchDatabase(process.env.DATABASE_URL, 'anwang_import_kill9');
      env.DATABASE_URL = s.url;
      drop = s.drop;
    } else env.DATABASE_URL = '';
    writeFileSync(join(dir, 'regions.csv'), regionsCsv);
    writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
    const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/anwang.js', ...a], { env, encoding: 'utf8', timeout: 120_000 });
    cli('import', 'regions', join(dir, 'regions.csv'));
    cli('import', 'grids', join(dir, 'grids.geojson'));
    const file = join(dir, 'persons.csv');
    const out = createWriteStream(file);
    out.write('姓名,公民身份号码,所属网格,人员类型\n');
    const rows = 150_000;
    for (let i = 0; i < rows; i++) {
      const day = new Date(Date.UTC(1940, 0, 1) + (i % 29_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const first17 = `632221${day}${String(Math.floor(i / 29_000)).padStart(3, '0')}`;
      if (!out.write(`居民${i},${first17}${checkCharacter(first17)},${gridsGeoJson.features[i % 5]!.properties.code},01\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    const child = spawn(process.execPath, ['bin/anwang.js', 'import', 'persons', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    // Killed once it reports 10,000 rows read: a few batches are committed, more are under way.
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        const n = Math.max(0, ...[...chunk.toString().matchAll(/已处理 ([\d,]+) 行/g)].map((m) => Number(m[1]!.replaceAll(',', ''))));
        if (n >= 10_000 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`import ended by itself (${code})`))));
    });
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');

    const d = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATABASE_URL ? undefined : env.ANWANG_DATA_DIR });
    const [{ n: stored }] = (await d.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`)) as [{ n: number }];
    const [{ n: audited }] = (await d.query<{ n: number }>(`SELECT coalesce(sum((detail->>'created')::int), 0)::int AS n FROM audit_log WHERE action = 'person.import.batch'`)) as [{ n: number }];
    await d.close();
    process.stdout.write(`import kill -9: ${stored} persons stored, ${audited} covered by batch audit rows\n`);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(rows);
    expect(audited).toBe(stored);
    const verify = cli('audit', 'verify');
    expect(verify.status).toBe(0);
  }, 600_000);
});

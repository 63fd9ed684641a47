/** Import files on disk: in the data directory only, owner-only modes, gone when the job ends, swept after a kill. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, fixture, makeUser, login, seedFixture } from '../../test/harness.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';
import { importsIdle, importsRoot } from './import-jobs.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const id = (seq: number) => {
  const first17 = `63222119850101${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

describe('import files', () => {
  it('sweeps the uploads a killed server left in the data directory when the next one starts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anwang-sweep-'));
    dirs.push(dataDir);
    // A process that has ended (a killed server), this very pid (a container restarted with the same pid), and a
    // live other process (a CLI beside the server) whose upload must stay.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const root = join(dataDir, 'imports');
    for (const name of [`${dead}-a`, `${process.pid}-b`, `${process.ppid}-c`]) {
      mkdirSync(join(root, name), { recursive: true });
      writeFileSync(join(root, name, 'upload.csv'), '姓名,公民身份号码\n扎西,632221198001010011\n');
    }
    const env = await createTestEnv({ dataDir });
    try {
      expect(readdirSync(root).sort()).toEqual([`${process.ppid}-c`]);
    } finally {
      await env.close();
    }
  });

  it('keeps an upload in a 0700 folder of the data directory as a 0600 file, removes it at the end, and stores the error report encrypted', async () => {
    const env = await createTestEnv();
    try {
      await seedFixture(env.ctx);
      await makeUser(env.ctx, 'files.gw', 'gridWorker', fixture.villageA);
      const cookie = await login(env.app, 'files.gw');
      const seen: { dir: number; file: number }[] = [];
      const root = importsRoot(env.ctx);
      expect(root.startsWith(env.ctx.config.dataDir)).toBe(true);
      const lines = ['姓名,公民身份号码,所属网格,人员类型', `拒收者,${id(1).slice(0, 17)}0,${fixture.gridA1},01`, ...Array.from({ length: 3000 }, (_, i) => `文件${i},${id(100 + (i % 800))},${fixture.gridA1},01`)];
      const boundary = '----anwangfiles';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(lines.join('\n')), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const started = await env.app.inject({ method: 'POST', url: '/api/people/import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(started.statusCode).toBe(202);
      for (const name of readdirSync(root)) {
        for (const f of readdirSync(join(root, name))) seen.push({ dir: statSync(join(root, name)).mode & 0o777, file: statSync(join(root, name, f)).mode & 0o777 });
      }
      await importsIdle(env.ctx);
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) expect(s).toEqual({ dir: 0o700, file: 0o600 });
      // After the job: no upload left; only the error report, encrypted, owner-only.
      const left = readdirSync(root).flatMap((name) => readdirSync(join(root, name)).map((f) => join(root, name, f)));
      expect(left.map((p) => p.split('/').at(-1))).toEqual(['errors.xlsx.enc']);
      expect(statSync(left[0]!).mode & 0o777).toBe(0o600);
      const stored = readFileSync(left[0]!);
      expect(stored.subarray(0, 2).toString('hex')).not.toBe('504b'); // not a readable XLSX (zip) file
      expect(stored.toString('utf8')).not.toContain('拒收者');
      const job = started.json().id as string;
      const report = await env.app.inject({ url: `/api/people/import/errors?job=${job}`, headers: { cookie } });
      expect(report.statusCode).toBe(200);
      expect(report.rawPayload.subarray(0, 2).toString('hex')).toBe('504b'); // its owner downloads the XLSX
    } finally {
      await env.close();
    }
  });
});

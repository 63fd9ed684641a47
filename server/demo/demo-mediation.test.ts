/**
 * The demo's mediation on a machine without the PDF fonts: `npm start` on a bare machine must still build the demo.
 * Acceptance, sessions and agreements issue documents, so only the new dispute and the resident's online application
 * are made, the message says what to install, and nothing is left half-made. (With the fonts the whole story is
 * seeded by the browser tests' demo server.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { seedDemoMediation } from './demo-mediation.ts';

let env: TestEnv;
const noFonts = mkdtempSync(join(tmpdir(), 'anwang-nofonts-'));

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await importRegions(env.ctx, systemActor('000000000000', 'test'), 'code,name,parent_code\n632221100001,城关社区,632221100000');
  await makeUser(env.ctx, 'township.mediator', 'mediator', '632221100000');
  await makeUser(env.ctx, 'village.mediator', 'mediator', '632221100001');
  await makeUser(env.ctx, 'county.mediator', 'mediator', '632221000000');
  await makeUser(env.ctx, 'township.operator', 'operator', '632221100000');
}, 60_000);
afterAll(async () => {
  await env?.close();
  rmSync(noFonts, { recursive: true, force: true });
});

describe('demo mediation without the PDF fonts', () => {
  it('registers the new dispute and the online application, says what to install, and seeds nothing twice', async () => {
    const before = process.env.ANWANG_PDF_FONT_DIR;
    process.env.ANWANG_PDF_FONT_DIR = noFonts;
    try {
      const said: string[] = [];
      expect(await seedDemoMediation(env.ctx, (m) => said.push(m))).toBe(2);
      expect(said.join('\n')).toContain('fonts-noto-cjk');
      const rows = await env.ctx.database.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM disputes WHERE county_code = '632221' GROUP BY status ORDER BY status`);
      expect(rows.reduce((s, r) => s + r.n, 0)).toBe(2);
      // The organisation is whole: the four committees and the county's subsidy rates.
      const committees = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM mediation_committees`);
      expect(committees[0]!.n).toBe(4);
      expect(await seedDemoMediation(env.ctx)).toBe(0);
    } finally {
      if (before === undefined) delete process.env.ANWANG_PDF_FONT_DIR;
      else process.env.ANWANG_PDF_FONT_DIR = before;
    }
  });
});

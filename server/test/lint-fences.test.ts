/**
 * The architecture fences of eslint.config.js are real: ESLint (its Node API, the project's own config) is run on
 * probe files under server/test/fixtures/lint/, and each fence must fire on the probe that breaks it and stay quiet
 * on the probes that keep to it. The probes are ignored by `npm run lint`, which is checked too.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const probes = 'server/test/fixtures/lint';

/** Each probe and the fences (rule and a word of its message) it must trip; `[]` means none may. */
const expected: Record<string, [rule: string, says: string][]> = {
  'core/deep/er/imports-server.bad.ts': [['boundaries/dependencies', 'core/ imports only core/'], ['no-restricted-imports', 'core/ imports only core/']],
  'core/deep/er/imports-web.bad.ts': [['boundaries/dependencies', 'core/ imports only core/'], ['no-restricted-imports', 'core/ imports only core/']],
  'core/deep/er/imports-node.bad.ts': [['no-restricted-imports', 'no Node built-ins']],
  'core/deep/er/imports-driver.bad.ts': [['no-restricted-imports', 'drivers'], ['no-restricted-imports', 'drivers']],
  'core/deep/er/imports-core.ok.ts': [],
  'modules/alpha/service-imports-drizzle.bad.ts': [['no-restricted-imports', 'only *.repository.ts and server/db/ import drizzle-orm'], ['boundaries/dependencies', 'import server/db/schema.ts']],
  'modules/alpha/alpha.repository.ts': [],
  'modules/alpha/sub/imports-other-repository.bad.ts': [['boundaries/dependencies', "never its repository"]],
  'modules/alpha/sub/imports-own-repository.ok.ts': [],
  'modules/beta/beta.repository.ts': [],
};

describe('lint fences (eslint.config.js) on probe files', () => {
  it('fire on each probe that breaks a fence and stay quiet on the allowed ones', async () => {
    const eslint = new ESLint({ cwd: root, ignore: false });
    const results = await eslint.lintFiles([join(root, probes)]);
    const found = Object.fromEntries(
      results.map((r) => [r.filePath.slice(join(root, probes).length + 1), r.messages.map((m) => [m.ruleId ?? 'parse error', m.message] as const)]),
    );
    expect(Object.keys(found).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, fences] of Object.entries(expected)) {
      const got = found[file]!;
      // As many reports as fences expected, each naming its rule and saying why.
      expect(got.map(([rule]) => rule).sort(), file).toEqual(fences.map(([rule]) => rule).sort());
      for (const [rule, says] of fences) expect(got.some(([r, m]) => r === rule && m.includes(says)), `${file}: ${rule} "${says}" in ${JSON.stringify(got)}`).toBe(true);
    }
  }, 120_000);

  it('are left out of `npm run lint`, which lints everything else', async () => {
    const eslint = new ESLint({ cwd: root });
    expect(await eslint.isPathIgnored(join(root, probes, 'core/deep/er/imports-node.bad.ts'))).toBe(true);
    expect(await eslint.isPathIgnored(join(root, 'core/region-code.ts'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { splitStatements } from './split-statements.ts';

describe('splitStatements', () => {
  it('splits at top-level semicolons only, keeping strings, quoted names, comments and dollar-quoted bodies whole', () => {
    const script = `-- a comment; with a semicolon
CREATE TABLE "odd;name" (a text DEFAULT 'x;y', b text DEFAULT E'it\\'s;');
/* block; /* nested; */ still; */
CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN RAISE EXCEPTION 'no;'; END $fn$ LANGUAGE plpgsql;
SELECT $$a;b$$, 'it''s;'   ;
;
-- trailing comment`;
    expect(splitStatements(script)).toEqual([
      `-- a comment; with a semicolon\nCREATE TABLE "odd;name" (a text DEFAULT 'x;y', b text DEFAULT E'it\\'s;')`,
      `/* block; /* nested; */ still; */\nCREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN RAISE EXCEPTION 'no;'; END $fn$ LANGUAGE plpgsql`,
      `SELECT $$a;b$$, 'it''s;'`,
    ]);
  });

  it('reads every migration into statements that each end where the file has a semicolon', () => {
    const dir = new URL('./migrations/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql'))) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const parts = splitStatements(text);
      expect(parts.length, f).toBeGreaterThan(0);
      // Joined back, the statements hold every non-blank character of the file but the separating semicolons.
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      expect(squeeze(parts.join(';')).length, f).toBeLessThanOrEqual(squeeze(text).length);
      for (const p of parts) expect(p.trim().endsWith(';'), `${f}: ${p.slice(-40)}`).toBe(false);
    }
  });
});

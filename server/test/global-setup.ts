/**
 * Once per test run: the migrated database every test database starts from. On PGlite a dumped data directory
 * (initdb in WebAssembly takes 3–5 s, a load from the dump about one); on PostgreSQL and Citus a template database
 * that `CREATE DATABASE … TEMPLATE` copies on every node (migrating and distributing 36 files per test database
 * cost most of the Citus pass). Each test still gets a database of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createTemplateDatabase } from './scratch-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dumped, migrated PGlite data directory (a file), when the tests run on PGlite. */
    pgliteTemplateFile: string;
    /** The migrated template database's name, when the tests run on a server (DATABASE_URL). */
    templateDatabase: string;
  }
}

/** Builds the template for this run's database and removes it when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  project.provide('templateDatabase', '');
  project.provide('pgliteTemplateFile', '');
  // ANWANG_TEST_TEMPLATE=0: every test database is created and migrated from nothing, as before templates.
  if (process.env.ANWANG_TEST_TEMPLATE === '0') return async () => undefined;
  if (url) {
    const template = await createTemplateDatabase(url);
    project.provide('templateDatabase', template.name);
    return template.drop;
  }
  const dir = mkdtempSync(join(tmpdir(), 'anwang-pglite-template-'));
  const database = await openDatabase({});
  try {
    await migrate(database);
    const file = join(dir, 'pgdata.tar');
    writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
    project.provide('pgliteTemplateFile', file);
  } finally {
    await database.close();
  }
  return async () => rmSync(dir, { recursive: true, force: true });
}

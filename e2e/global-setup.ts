/**
 * Once per browser-test run: a folder for the demo template (e2e/server.ts seeds the demo prefecture into it the
 * first time a test file asks for a demo server, and copies it for every server after). Seeding takes a minute or
 * more on a two-core machine; two dozen files each seeding their own cost half an hour of CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
  }
}

/** Provides an empty template folder for the run and removes it when the run ends. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'anwang-e2e-template-'));
  project.provide('demoTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

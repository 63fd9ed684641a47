// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file, plus the architecture
// fences of DESIGN §3 (docs/ARCHITECTURE.md "Rules, and where they are enforced"). Each fence has a probe file in
// server/test/fixtures/lint/ that server/test/lint-fences.test.ts lints to prove the rule fires; the fixtures are
// ignored here so `npm run lint` stays clean.
//
// Package names are matched on the import string (no-restricted-imports); paths inside the repository are matched
// on the file an import resolves to (eslint-plugin-boundaries), so `../../server/x.ts` and `../../../server/x.ts`
// are the same import, whatever the depth of the importing file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

/** Drivers and frameworks core/ may not touch (with Node's built-ins, by any name). */
const driverPackages = ['pg', 'pg/*', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify/*', '@fastify/*'];
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'crypto', 'os', 'child_process', 'url', 'stream', 'stream/*', 'buffer', 'worker_threads', 'zlib', 'http', 'https', 'net'];
/** Folders core/ may not import, by path (a second net under the resolved-path fence below). */
const outsideCore = ['**/server/**', '**/web/**', '**/cli/**'];

export const fixturesDir = 'server/test/fixtures/lint';

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'e2e/artifacts', '.tmp', `${fixturesDir}/**`] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Where each file belongs, by its path: the fences below speak of these element types.
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['core/**', 'server/**', 'web/**', 'cli/**', 'bench/**', 'e2e/**', 'faults/**', 'scripts/**', `${fixturesDir}/**`],
      // Elements are folders (a file belongs to the first whose pattern matches its folder); files are classified on top.
      'boundaries/elements': [
        // Probe files of the fence test stand in for files of the element their folder names.
        { type: 'core', pattern: `${fixturesDir}/core` },
        { type: 'module', pattern: `${fixturesDir}/modules/*`, capture: ['module'] },
        { type: 'module', pattern: 'server/modules/*', capture: ['module'] },
        { type: 'db', pattern: 'server/db' },
        { type: 'server', pattern: 'server' },
        { type: 'core', pattern: 'core' },
        { type: 'web', pattern: 'web' },
        { type: 'cli', pattern: 'cli' },
        { type: 'tooling', pattern: '{bench,e2e,faults,scripts}' },
      ],
      'boundaries/files': [
        { category: 'repository', pattern: '**/*.repository.ts' },
        { category: 'schema', pattern: 'server/db/schema.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'allow',
        policies: [
          // core/ is pure: nothing of the server, the web app or the CLI.
          {
            from: { element: { type: 'core' } },
            disallow: { to: { element: { types: { anyOf: ['server', 'db', 'schema', 'module', 'repository', 'web', 'cli', 'tooling'] } } } },
            message: 'core/ imports only core/ (DESIGN §3 rule 1)',
          },
          // Only repositories and server/db/ read the schema; everyone else asks a repository (through its service).
          {
            from: { element: { types: { anyOf: ['module', 'server', 'cli', 'web', 'tooling'] } } },
            disallow: { to: { file: { categories: 'schema' } } },
            message: 'only *.repository.ts and server/db/ import server/db/schema.ts (DESIGN §3 rule 2)',
          },
          // A module calls another module's service, never its repository (its own repositories are its own business).
          {
            from: { element: { type: 'module' } },
            disallow: { to: { element: { type: 'module', captured: { module: '!{{ from.element.captured.module }}' } }, file: { categories: 'repository' } } },
            message: "a module calls another module's service, never its repository (DESIGN §3 rule 2)",
          },
          // The last matching policy decides: a repository may read the schema.
          { from: { file: { categories: 'repository' } }, allow: { to: { file: { categories: 'schema' } } } },
        ],
      }],
    },
  },
  {
    files: ['core/**/*.ts', `${fixturesDir}/core/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, ...driverPackages], message: 'core/ does no I/O: no Node built-ins, drivers or frameworks (DESIGN §3 rule 1)' }, { group: outsideCore, message: 'core/ imports only core/ (DESIGN §3 rule 1)' }] }],
    },
  },
  {
    // The ORM is the repositories' tool: services, routes and everything else go through them.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.repository.ts', 'server/db/**', 'core/**', `${fixturesDir}/core/**`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*'], message: 'only *.repository.ts and server/db/ import drizzle-orm (DESIGN §3 rule 2)' }] }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', 'node:*', 'drizzle-orm', 'drizzle-orm/*'] }] },
  },
);

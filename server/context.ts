/** Opens the database, applies migrations, loads the grid index: everything a server or CLI run needs. */
import type { Config } from './config.ts';
import { ReferenceCache } from './lib/reference-cache.ts';
import { syncShippedTables } from './modules/codes/codes.service.ts';
import { syncShippedTemplates } from './modules/field/templates.service.ts';
import { protectRecordCategories } from './modules/people/records.service.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { loadAuditKeys, loadKeyRing, softwareCrypto } from './lib/crypto.ts';
import type { AppContext } from './lib/context.ts';
import { GridIndex } from './modules/grids/grid-index.ts';
import { rebuildIndex } from './modules/grids/grids.service.ts';
import { encryptedStorage, localStorage, memoryStorage } from './lib/storage.ts';
import { loggingSms, type SmsSender } from './modules/outbox/sms.ts';
import { join } from 'node:path';
import { sweepImportLeftovers } from './modules/people/import-jobs.ts';
import { listenForChanges } from './lib/change-feed.ts';

export interface ContextOptions {
  clock?: Clock;
  /** Use an in-memory PGlite instead of the data directory (tests). */
  inMemory?: boolean;
  /** Replace the SMS sender (tests record messages; production plugs a gateway adapter). */
  sms?: SmsSender;
  /** With `inMemory`: start from this dumped PGlite data directory (the tests' migrated template). */
  pgliteTemplate?: Blob;
}

/** Creates the application context; close it with `ctx.database.close()`. */
export async function createContext(config: Config, opts: ContextOptions = {}): Promise<AppContext> {
  // Uploads and error reports of imports a killed process left behind (personal data): gone before anything starts.
  sweepImportLeftovers(config.dataDir);
  if (config.migrateUrl && config.databaseUrl) await migrateAsOwner(config.migrateUrl);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: opts.inMemory ? undefined : config.dataDir, pgliteTemplate: opts.pgliteTemplate });
  try {
    // With ANWANG_MIGRATE_URL the owner has migrated; the application's role only checks nothing is pending.
    await migrate(database);
    const keyDir = opts.inMemory ? undefined : config.dataDir;
    const ring = loadKeyRing(config.secretKeyHex, config.lookupKeyHex, keyDir);
    const crypto = softwareCrypto(ring);
    const ctx: AppContext = {
      database,
      db: database.db,
      clock: opts.clock ?? systemClock,
      crypto,
      audit: {
        keys: loadAuditKeys(config.auditKeyHex, ring, Boolean(config.secretKeyHex), keyDir),
        anchorFile: config.auditAnchorFile ?? (opts.inMemory ? undefined : join(config.dataDir, 'audit-anchors.jsonl')),
      },
      config,
      gridIndex: new GridIndex(),
      // Photos and voice notes are encrypted at rest; files from before encryption still read (storage.ts).
      storage: encryptedStorage(opts.inMemory ? memoryStorage() : localStorage(join(config.dataDir, 'files')), crypto),
      sms: opts.sms ?? loggingSms(),
      cache: new ReferenceCache(config.referenceCacheMs),
    };
    await syncShippedTables(ctx);
    await syncShippedTemplates(ctx); // the field checklists and questionnaires (issue 16)
    // Rows written before migration 0011 keep sensitive record categories in clear until converted here.
    await protectRecordCategories(ctx);
    await rebuildIndex(ctx);
    if (config.databaseUrl) {
      // Other server processes on the same database change reference data and grids: follow their notices.
      const feed = listenForChanges(config.databaseUrl, { reference: () => ctx.cache.clear(), grids: () => rebuildIndex(ctx).then(() => undefined) });
      const closeDatabase = database.close;
      database.close = async () => {
        await feed.close();
        await closeDatabase();
      };
      // Wait for the LISTEN (a change made meanwhile would be missed), but never hang a start on it: it keeps retrying.
      await Promise.race([feed.ready, new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    return ctx;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** Applies pending migrations over a connection of the schema's owner (ANWANG_MIGRATE_URL), then closes it. */
async function migrateAsOwner(url: string): Promise<void> {
  const owner = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await migrate(owner);
  } finally {
    await owner.close();
  }
}

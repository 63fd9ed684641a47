/** What every service receives: the database, the clock, cryptography and the configuration. */
import type { Database, Db } from '../db/client.ts';
import type { Clock } from './clock.ts';
import type { AuditKeys, CryptoProvider } from './crypto.ts';
import type { Config } from '../config.ts';
import type { GridIndex } from '../modules/grids/grid-index.ts';
import type { FileStorage } from './storage.ts';
import type { SmsSender } from '../modules/outbox/sms.ts';
import type { ReferenceCache } from './reference-cache.ts';

export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  crypto: CryptoProvider;
  config: Config;
  /** In-memory spatial index of grid polygons, rebuilt when grids change. */
  gridIndex: GridIndex;
  /** Photos, voice notes and documents. */
  storage: FileStorage;
  /** Text messages to reporters (an outside service). */
  sms: SmsSender;
  /** Categories, deadline policies and the calendar, held briefly in memory (cleared on every change). */
  cache: ReferenceCache;
  /** The audit chain's keys and the file its head is anchored in (none for an in-memory database). */
  audit: { keys: AuditKeys; anchorFile?: string };
}

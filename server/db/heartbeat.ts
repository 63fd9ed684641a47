/** The one-row heartbeat table: /healthz proves the database still commits a write by updating it. */
import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/** Writes the heartbeat's time (one row, replaced). @throws the driver's error when the write fails */
export async function writeHeartbeat(ex: Executor, at: Date): Promise<void> {
  await ex.execute(sql`INSERT INTO heartbeat (id, at) VALUES (1, ${at.toISOString()}) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at`);
}

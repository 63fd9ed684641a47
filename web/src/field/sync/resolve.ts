/** Resolving a conflict: the body of the new record that keeps my change on the server's current version. */
import type { OutboxRow } from '../store/types';

/** The new record that keeps my change on top of the server's current version. */
export function keepMineInput(row: OutboxRow, current: { version?: unknown }): Record<string, unknown> {
  const target = decodeURIComponent(row.path.split('/')[3] ?? '');
  const key = row.kind === 'household.update' ? 'householdId' : 'personId';
  return { ...row.body, version: current.version, [key]: target };
}

/** A record's state machine on the device (plan §2.2): pure, unit-tested in states.test.ts. */
import type { OutboxState } from '../store/types';

/** States after which nothing more happens to a row. */
export function isSettled(state: OutboxState): boolean {
  return state === 'synced' || state === 'superseded' || state === 'discarded';
}

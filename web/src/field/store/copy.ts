/** `DeviceCopy` (contracts.ts) over the store: the worker's grids, households, persons, tasks and templates. */
import type { Category, DeviceCopy } from '../contracts';
import type { MeRow, Store } from './types';

/** Reads the device copy; lists come sorted the way a worker looks for them. */
export function deviceCopy(store: Store): DeviceCopy {
  return {
    grids: async () => (await store.grids()).sort((a, b) => a.code.localeCompare(b.code)),
    households: async (gridCode) => (await store.households()).filter((x) => !gridCode || x.gridCode === gridCode).sort((a, b) => a.address.localeCompare(b.address, 'zh-CN')),
    persons: async (householdId) => (await store.persons()).filter((x) => !householdId || x.householdId === householdId).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    tasks: async () => (await store.tasks()).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    templates: async (kind) => (await store.templates()).filter((x) => !kind || x.kind === kind),
    categories: async () => ((await store.getMeta<Category[]>('categories')) ?? []).filter((c) => c.active !== false).sort((a, b) => a.sort - b.sort),
    refreshedAt: async () => (await store.getMeta<MeRow>('me'))?.snapshotAt ?? null,
  };
}

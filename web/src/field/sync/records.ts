/** `Records` (contracts.ts) over the device store: saving puts a record and its files in the outbox in one transaction. */
import type { RecordKind, RecordState, RecordView, Records, SaveOptions } from '../contracts';
import type { OutboxRow, Store } from '../store/types';
import { attachmentOwner, attachmentPath, requestOf } from './requests';
import { isSettled } from './states';

/** What `records()` needs from the shell. */
export interface RecordsDeps {
  store: Store;
  userId: () => string;
  /** Starts a sync pass (clearing back-off when asked); resolves when the pass ends. */
  sync: (opts: { now: boolean }) => Promise<void>;
  /** Tells this tab and the others that records changed. */
  changed: () => void;
  onChange: (listener: () => void) => () => void;
  /** Called at the first save (the storage question rides on the user's gesture). */
  firstSave?: () => void;
  uuid?: () => string;
  clock?: () => Date;
}

let order = 0;

/** Rows the user sees (records) and their attachment rows, grouped. */
export function groupRows(rows: OutboxRow[]): { record: OutboxRow; attachments: OutboxRow[] }[] {
  const files = new Map<string, OutboxRow[]>();
  for (const r of rows) if (r.kind === 'attachment') files.set(r.dependsOn[0]!, [...(files.get(r.dependsOn[0]!) ?? []), r]);
  return rows
    .filter((r) => r.kind !== 'attachment')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.order - a.order)
    .map((record) => ({ record, attachments: files.get(record.id) ?? [] }));
}

/** A record is unsynced while it or one of its files has not reached the server (and was not dropped or corrected). */
export function unsyncedOf(rows: OutboxRow[], userId: string): number {
  return groupRows(rows.filter((r) => r.userId === userId)).filter((g) => !isSettled(g.record.state) || g.attachments.some((a) => !isSettled(a.state))).length;
}

/** Creates the outbox the screens save into. */
export function records(deps: RecordsDeps): Records {
  const uuid = deps.uuid ?? (() => crypto.randomUUID());
  const clock = deps.clock ?? (() => new Date());
  let saved = false;
  return {
    async save(kind: RecordKind, input: Record<string, unknown>, options: SaveOptions): Promise<string> {
      const id = uuid();
      const now = clock();
      const createdAt = now.toISOString();
      const { method, path, body } = requestOf(kind, id, input, options.supersedes);
      const base = { userId: deps.userId(), state: 'pending' as const, attempts: 0, nextAttemptAt: 0, createdAt };
      const row: OutboxRow = { ...base, id, kind, method, path, body, dependsOn: options.dependsOn ?? [], supersedes: options.supersedes, order: ++order, label: options.label };
      const owner = attachmentOwner[kind];
      if (options.attachments?.length && !owner) throw new Error(`${kind} carries no attachments`);
      const files = (options.attachments ?? []).map((a) => {
        const fileId = uuid();
        const fileRow: OutboxRow = { ...base, id: fileId, kind: 'attachment', method: 'PUT', path: attachmentPath(fileId, owner!, id), body: {}, dependsOn: [id], order: ++order, label: a.name, attachment: { kind: a.kind, name: a.name, mime: a.blob.type || 'application/octet-stream' } };
        return { row: fileRow, blob: { id: fileId, recordId: id, blob: a.blob } };
      });
      // A correction of a record in conflict settles it (the new one carries the server's version).
      const corrected = options.supersedes ? await deps.store.getRow(options.supersedes) : undefined;
      const settles = corrected?.state === 'conflict' ? [{ ...corrected, state: 'superseded' as const }] : [];
      await deps.store.putRows([row, ...files.map((f) => f.row), ...settles], files.map((f) => f.blob));
      if (!saved) {
        saved = true;
        deps.firstSave?.();
      }
      deps.changed();
      void deps.sync({ now: false });
      return id;
    },
    async list(): Promise<RecordView[]> {
      const rows = (await deps.store.allRows()).filter((r) => r.userId === deps.userId() && r.state !== 'discarded');
      return groupRows(rows).map(({ record: r, attachments }) => ({
        id: r.id,
        kind: r.kind as RecordKind,
        state: r.state as RecordState,
        label: r.label,
        createdAt: r.createdAt,
        attempts: r.attempts,
        error: r.lastError && { status: r.lastError.status, code: r.lastError.code, message: r.lastError.message },
        answer: r.answer,
        supersedes: r.supersedes,
        attachments: attachments.map((a) => ({ id: a.id, kind: a.attachment!.kind, state: a.state as RecordState })),
      }));
    },
    unsyncedCount: async () => unsyncedOf(await deps.store.allRows(), deps.userId()),
    syncNow: () => deps.sync({ now: true }),
    async discard(id: string): Promise<void> {
      const rows = await deps.store.allRows();
      const row = rows.find((r) => r.id === id);
      // Only what the server refused (or the user settled by choosing the server's version) may be dropped.
      if (!row || (row.state !== 'rejected' && row.state !== 'conflict')) return;
      const drop = [row, ...rows.filter((r) => r.kind === 'attachment' && r.dependsOn[0] === id && !isSettled(r.state))];
      await deps.store.putRows(drop.map((r) => ({ ...r, state: 'discarded' })));
      for (const r of drop) if (r.kind === 'attachment') await deps.store.deleteBlob(r.id);
      deps.changed();
    },
    onChange: deps.onChange,
  };
}

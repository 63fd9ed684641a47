/**
 * What the device keeps (plan §2.1) and the storage interface the sync engine works against: IndexedDB in the
 * browser (store/idb-store.ts), memory in the unit tests (store/memory-store.ts).
 */
import type { CopyHousehold, CopyPerson, CopyTask, CopyTemplate, Me, RecordKind, RecordState } from '../contracts';

/** The kinds the outbox holds: the screens' records plus each record's photos and voice notes. */
export type OutboxKind = RecordKind | 'attachment';

/** States of an outbox row: a record's states plus `discarded` (a rejected record the user dropped). */
export type OutboxState = RecordState | 'discarded';

/** The server's answer to a failed attempt, kept to show on the sync screen. */
export interface RecordError {
  status: number;
  code: string;
  message: string;
  /** What the server holds now (a 409 stale answer's current row). */
  current?: unknown;
}

/** One request waiting to reach the server; its id is the client UUID and the Idempotency-Key of every attempt. */
export interface OutboxRow {
  id: string;
  userId: string;
  kind: OutboxKind;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  /** Never changed once saved: a correction is a new row that supersedes this one. */
  body: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which the row is not tried again (back-off). */
  nextAttemptAt: number;
  lastError?: RecordError;
  /** Rows that must be synced first (a track chunk waits for its patrol.start; a photo for its record). */
  dependsOn: string[];
  supersedes?: string;
  /** Device time of the save (ISO) and a counter that orders rows saved in the same millisecond. */
  createdAt: string;
  order: number;
  label: string;
  syncedAt?: string;
  answer?: unknown;
  /** For an attachment row: photo or voice, and its file name. */
  attachment?: { kind: 'photo' | 'voice'; name: string; mime: string };
}

/** A photo or voice note waiting for its upload (deleted once the server stored it). */
export interface BlobRow {
  id: string;
  recordId: string;
  blob: Blob;
}

/** The signed-in worker as the device remembers them, with the device copy's cursor. */
export interface MeRow extends Me {
  /** The `asOf` of the last snapshot (the next one asks for changes since). */
  cursor: string | null;
  snapshotAt: string | null;
  scopeName?: string;
  permissions?: string[];
}

/** The device copy as one snapshot answer delivers it. */
export interface CopyChanges {
  reset: boolean;
  grids: { code: string; name: string }[];
  households: CopyHousehold[];
  persons: CopyPerson[];
  tasks: CopyTask[];
  tombstones: { type: 'household' | 'person' | 'task'; id: string }[];
}

/** The storage the sync engine and the shell need. */
export interface Store {
  allRows(): Promise<OutboxRow[]>;
  getRow(id: string): Promise<OutboxRow | undefined>;
  /** Writes rows and blobs in one transaction (a record and its attachments are saved together or not at all). */
  putRows(rows: OutboxRow[], blobs?: BlobRow[]): Promise<void>;
  getBlob(id: string): Promise<BlobRow | undefined>;
  deleteBlob(id: string): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  /** Applies a snapshot in one transaction: a reset clears the copy first; tombstones delete. */
  applyCopy(changes: CopyChanges, templates: CopyTemplate[] | null): Promise<void>;
  grids(): Promise<{ code: string; name: string }[]>;
  households(): Promise<CopyHousehold[]>;
  persons(): Promise<CopyPerson[]>;
  tasks(): Promise<CopyTask[]>;
  templates(): Promise<CopyTemplate[]>;
  getDraft<T>(formKey: string): Promise<T | undefined>;
  setDraft(formKey: string, value: unknown): Promise<void>;
  deleteDraft(formKey: string): Promise<void>;
  /** Forgets the copy and the identity (sign-out; only allowed with nothing unsynced). */
  clearCopy(): Promise<void>;
}

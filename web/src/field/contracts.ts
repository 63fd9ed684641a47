/**
 * The seam between the field app's platform (sync engine, device store, shell: web/src/field/{sync,store}/, app.ts)
 * and its screens (web/src/field/screens/). Screens save records through `FieldApp.records.save` and read the
 * device copy through `FieldApp.copy`; they never call fetch for a record (the outbox does, so nothing is lost
 * offline). Everything a screen saves is on the device (IndexedDB) before `save` resolves.
 */

import type { Category } from '../../../core/schemas/catalog.response';

export type { Category };

/** What a record is; each kind has one server path (the platform maps kind → method and path). */
export type RecordKind =
  | 'patrol.start' // POST /api/field/patrols
  | 'patrol.end' // POST /api/field/patrols/:patrolId/end
  | 'patrol.track' // POST /api/field/patrols/:patrolId/track (one chunk of sampled points)
  | 'patrol.finding' // POST /api/field/patrols/:patrolId/findings (becomes a case)
  | 'visit' // POST /api/field/visits
  | 'assessment' // POST /api/field/assessments
  | 'household.create' // POST /api/households (client id; Idempotency-Key = id)
  | 'household.update' // PATCH /api/households/:id (carries the version read)
  | 'person.create' // POST /api/people
  | 'person.update'; // PATCH /api/people/:id (carries the version read)

/** A record's state on the device: "synced" only after the server answered 2xx. */
export type RecordState = 'pending' | 'uploading' | 'synced' | 'rejected' | 'conflict' | 'superseded';

/** A photo or a voice note kept with a record, uploaded after it as its own idempotent request. */
export interface AttachmentInput {
  kind: 'photo' | 'voice';
  blob: Blob;
  name: string;
}

/** A record as the sync screen lists it. */
export interface RecordView {
  /** The client UUID: the record's id on the server and its Idempotency-Key on every retry. */
  id: string;
  kind: RecordKind;
  state: RecordState;
  /** One line a person recognises ("巡查 09:12–10:40", "走访 马国强家"). */
  label: string;
  createdAt: string;
  attempts: number;
  /** The server's message when rejected or in conflict (in the user's language). */
  error?: { status: number; code: string; message: string };
  /** What the server answered on success (e.g. a finding's case code). */
  answer?: unknown;
  supersedes?: string;
  attachments: { id: string; kind: 'photo' | 'voice'; state: RecordState }[];
}

/** Options of a save. */
export interface SaveOptions {
  /** Records that must reach the server first (a track chunk waits for its patrol.start). */
  dependsOn?: string[];
  /** A correction of an earlier record: a new record that supersedes it (never the old key with a new body). */
  supersedes?: string;
  attachments?: AttachmentInput[];
  /** The label the sync screen shows. */
  label: string;
}

/** The device's outbox as screens use it. */
export interface Records {
  /** Keeps the record on the device with a new client UUID (returned) and starts a sync when online. */
  save(kind: RecordKind, body: Record<string, unknown>, options: SaveOptions): Promise<string>;
  list(): Promise<RecordView[]>;
  /** Records not yet synced (pending, uploading, rejected, conflict): the number always shown in the header. */
  unsyncedCount(): Promise<number>;
  /** Runs a sync now (the "立即同步" button): clears back-off. */
  syncNow(): Promise<void>;
  /** Drops a rejected record after the user read why (never a pending one). */
  discard(id: string): Promise<void>;
  /** Called after any change of any record (also from another tab). */
  onChange(listener: () => void): () => void;
}

/** A household of the worker's grids as the device keeps it (masked values only, as the staff lists show them). */
export interface CopyHousehold {
  id: string;
  gridCode: string;
  address: string;
  headName: string;
  memberCount: number;
  version: number;
  riskLevel: 'high' | 'medium' | 'low' | null;
}

/** A person of the worker's grids (masked). */
export interface CopyPerson {
  id: string;
  householdId: string | null;
  gridCode: string;
  name: string;
  /** Kinds of care the person is under, in words safe to show (重点人群, 困难家庭…); never a diagnosis. */
  care: string[];
  version: number;
}

/** A visit task assigned to me. */
export interface CopyTask {
  id: string;
  subjectType: 'household' | 'person';
  subjectId: string;
  subjectLabel: string;
  rule: string;
  /** China calendar day, YYYY-MM-DD. */
  dueOn: string;
  templateId: string | null;
}

/** A checklist or questionnaire template (visit, patrol, risk) as data. */
export interface CopyTemplate {
  id: string;
  code: string;
  kind: 'visit' | 'patrol' | 'risk';
  name: Record<string, string>;
  items: { code: string; text: Record<string, string>; type: 'check' | 'yesno' | 'choice' | 'text' | 'number'; options?: { code: string; text: Record<string, string>; score?: number }[]; weight?: number }[];
  thresholds?: { high: number; medium: number };
}

/** The device copy of the worker's grids (refreshed after each sync; records moved elsewhere leave by tombstones). */
export interface DeviceCopy {
  grids(): Promise<{ code: string; name: string }[]>;
  households(gridCode?: string): Promise<CopyHousehold[]>;
  persons(householdId?: string): Promise<CopyPerson[]>;
  tasks(): Promise<CopyTask[]>;
  templates(kind?: CopyTemplate['kind']): Promise<CopyTemplate[]>;
  /** When the copy was last refreshed from the server (ISO), or null before the first refresh. */
  refreshedAt(): Promise<string | null>;
  /** Case categories a finding is filed under (GET /api/public/categories, refreshed with the templates). */
  categories(): Promise<Category[]>;
}

/** Unsaved form contents kept on the device (IndexedDB `drafts`), so a reload or an update loses nothing typed. */
export interface Drafts {
  get<T>(formKey: string): Promise<T | undefined>;
  set(formKey: string, value: unknown): Promise<void>;
  delete(formKey: string): Promise<void>;
}

/** Who is signed in (kept on the device so the app works offline after a sign-in). */
export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
}

/** What the shell hands every screen. */
export interface FieldApp {
  me: Me;
  records: Records;
  copy: DeviceCopy;
  /** Moves to another screen (hash route, e.g. '#/visit?task=…'). */
  go(route: string): void;
  drafts: Drafts;
  /** Marks the open form as holding unsaved input (the update banner waits while any is dirty). */
  setDirty(formKey: string, dirty: boolean): void;
  /** The current position, or null when the phone gives none (the screen then asks for a place on the map). */
  position(): Promise<{ lat: number; lng: number; accuracy: number } | null>;
}

/** A screen: renders into `root`; returns a cleanup run when the user leaves it. */
export type Screen = (root: HTMLElement, app: FieldApp, params: URLSearchParams) => void | (() => void) | Promise<void | (() => void)>;

/** The data-testids the acceptance test (e2e/field-offline.test.ts) relies on. */
export const testIds = {
  syncCount: 'sync-count',
  syncNow: 'sync-now',
  recordState: (id: string) => `record-state-${id}`,
  tasksList: 'tasks-list',
  patrolStart: 'patrol-start',
  patrolEnd: 'patrol-end',
  findingAdd: 'finding-add',
  visitSave: 'visit-save',
  assessmentSave: 'assessment-save',
  householdSave: 'household-save',
  updateBanner: 'update-banner',
  persistState: 'persist-state',
  signOut: 'sign-out',
} as const;

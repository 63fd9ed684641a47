/**
 * Every place a ciphertext is stored, so a key rotation can find them all. A new encrypted column must be added
 * here; `keys.test.ts` fails when a column named `*_enc` exists in the schema but not in this list.
 */
export interface EncryptedColumns {
  table: string;
  /** Primary-key columns, in key order (rows are walked in that order, a page at a time). */
  key: string[];
  /** Text columns holding one ciphertext each. */
  text: string[];
  /** JSON columns in which every string under a property named `…Enc` is a ciphertext. */
  json: string[];
}

export const encryptedColumns: EncryptedColumns[] = [
  { table: 'users', key: ['id'], text: ['totp_secret_enc'], json: [] },
  { table: 'cases', key: ['county_code', 'id'], text: ['reporter_name_enc', 'reporter_phone_enc'], json: ['followers'] },
  { table: 'outbox', key: ['county_code', 'id'], text: [], json: ['payload'] },
  { table: 'persons', key: ['county_code', 'id'], text: ['name_enc', 'id_number_enc', 'phone_enc', 'sensitive_enc'], json: [] },
  { table: 'person_records', key: ['county_code', 'id'], text: ['data_enc', 'category_enc'], json: [] },
  { table: 'places', key: ['county_code', 'id'], text: ['contact_enc'], json: [] },
  { table: 'dwellings', key: ['county_code', 'id'], text: ['landlord_enc'], json: [] },
  { table: 'petitioners', key: ['county_code', 'id'], text: ['name_enc', 'id_number_enc', 'phone_enc', 'address_enc'], json: [] },
  // Session 9, helper M: disputes' parties and session records (0030).
  { table: 'dispute_parties', key: ['county_code', 'id'], text: ['name_enc', 'id_number_enc', 'phone_enc', 'address_enc', 'agent_name_enc', 'agent_phone_enc'], json: [] },
  { table: 'mediation_sessions', key: ['county_code', 'id'], text: ['record_enc'], json: [] },
  // Session 11, helper S: field records (0033). Visits and assessments are append-only; their trigger lets a
  // rotation change exactly these columns.
  { table: 'patrol_track_chunks', key: ['county_code', 'id'], text: ['points_enc'], json: [] },
  { table: 'visit_records', key: ['county_code', 'id'], text: ['answers_enc', 'note_enc'], json: [] },
  { table: 'household_assessments', key: ['county_code', 'id'], text: ['answers_enc'], json: [] },
  // Session 12, helper B: a patrol's 六必查 checklist (0035).
  { table: 'patrols', key: ['county_code', 'id'], text: ['checklist_enc'], json: [] },
  // Session 12, helper A: a trigger's note (重大变故 …) in the task's timeline, `data.noteEnc`.
  { table: 'visit_task_events', key: ['county_code', 'id'], text: [], json: ['data'] },
];

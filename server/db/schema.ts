/** Drizzle table definitions mirroring the SQL migrations (the SQL files are the source of truth). */
import { bigint, boolean, char, date, doublePrecision, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const regions = pgTable('regions', {
  code: char('code', { length: 12 }).primaryKey(),
  name: text('name').notNull(),
  level: text('level').notNull(),
  parentCode: char('parent_code', { length: 12 }),
  path: text('path').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const grids = pgTable('grids', {
  code: char('code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  name: text('name').notNull(),
  geometry: jsonb('geometry').notNull(),
  minLng: doublePrecision('min_lng').notNull(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLng: doublePrecision('max_lng').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  duties: text('duties').array().notNull().default([]),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.code] })]);

export const householdGroups = pgTable('household_groups', {
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  leaderName: text('leader_name'),
  memberCount: integer('member_count').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  scopeCode: char('scope_code', { length: 12 }).notNull(),
  passwordHash: text('password_hash').notNull(),
  totpSecretEnc: text('totp_secret_enc'),
  totpEnrolledAt: ts('totp_enrolled_at'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: ts('last_login_at'),
  departmentId: uuid('department_id'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const gridStaff = pgTable('grid_staff', {
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  role: text('role').notNull(),
  name: text('name').notNull(),
  userId: uuid('user_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  stage: text('stage').notNull(),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
  ip: text('ip'),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  scopeCode: char('scope_code', { length: 12 }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  expiresAt: ts('expires_at').notNull(),
});

export const revealBudgets = pgTable('reveal_budgets', {
  actorId: text('actor_id').primaryKey(),
  level: doublePrecision('level').notNull(),
  updatedAt: ts('updated_at').notNull(),
  alertedAt: ts('alerted_at'),
});

export const auditLog = pgTable('audit_log', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  outcome: text('outcome').notNull(),
  ip: text('ip'),
  detail: jsonb('detail'),
  prevHash: char('prev_hash', { length: 64 }).notNull(),
  hash: char('hash', { length: 64 }).notNull(),
  /** The audit key that made `hash` (HMAC-SM3); null for rows before migration 0015 (plain SM3). */
  keyId: text('key_id'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const categories = pgTable('categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  nameZhTw: text('name_zh_tw'),
  isPublic: boolean('is_public').notNull(),
  defaultTier: text('default_tier').notNull(),
  keywords: jsonb('keywords').notNull().$type<Partial<Record<string, string[]>>>(),
  sort: integer('sort').notNull(),
  active: boolean('active').notNull(),
  ownerCode: char('owner_code', { length: 12 }).notNull().default('000000000000'),
});

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const departmentCategories = pgTable('department_categories', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  categoryId: text('category_id').notNull(),
  departmentId: uuid('department_id').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.categoryId] })]);

export const routingRules = pgTable('routing_rules', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  tier: text('tier').notNull(),
  level: text('level').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.tier] })]);

export const deadlinePolicies = pgTable('deadline_policies', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  categoryId: text('category_id').notNull(),
  tier: text('tier').notNull(),
  firstResponseMinutes: integer('first_response_minutes').notNull(),
  stageMinutes: integer('stage_minutes').notNull(),
  totalMinutes: integer('total_minutes').notNull(),
  mode: text('mode').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.categoryId, t.tier] })]);

export const calendarDays = pgTable('calendar_days', {
  countyCode: char('county_code', { length: 6 }).notNull().default('000000'),
  day: date('day', { mode: 'string' }).notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.day] })]);

export const cases = pgTable('cases', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  status: text('status').notNull(),
  outcome: text('outcome'),
  outcomeNote: text('outcome_note'),
  redirectTo: text('redirect_to'),
  duplicateOf: uuid('duplicate_of'),
  categoryId: text('category_id').notNull(),
  tier: text('tier').notNull(),
  suggestedTier: text('suggested_tier').notNull(),
  urgency: text('urgency').notNull(),
  channel: text('channel').notNull(),
  description: text('description').notNull(),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  gridCode: char('grid_code', { length: 15 }),
  villageCode: char('village_code', { length: 12 }).notNull(),
  unitLevel: text('unit_level').notNull(),
  unitCode: char('unit_code', { length: 12 }).notNull(),
  departmentId: uuid('department_id'),
  handlerUserId: uuid('handler_user_id'),
  handlerDepartmentId: uuid('handler_department_id'),
  reportedBackBy: uuid('reported_back_by'),
  assisting: jsonb('assisting').notNull().$type<{ kind: string; id: string; name: string }[]>(),
  reporterNameEnc: text('reporter_name_enc'),
  reporterPhoneEnc: text('reporter_phone_enc'),
  reporterPhoneHash: text('reporter_phone_hash'),
  reporterKeyHash: text('reporter_key_hash'),
  reporterUserId: uuid('reporter_user_id'),
  followers: jsonb('followers').notNull().$type<{ phoneEnc: string; code: string }[]>(),
  isPublic: boolean('is_public').notNull(),
  reopenCount: integer('reopen_count').notNull(),
  meTooCount: integer('me_too_count').notNull(),
  pausedAt: ts('paused_at'),
  satisfaction: text('satisfaction'),
  resolvedLevel: text('resolved_level'),
  pendingExtension: jsonb('pending_extension').$type<{ minutes: number; reason: string; requestedBy: string; requestedAt: string } | null>(),
  isOverdue: boolean('is_overdue').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  acceptedAt: ts('accepted_at'),
  firstResponseAt: ts('first_response_at'),
  closedAt: ts('closed_at'),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const caseEvents = pgTable('case_events', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  caseId: uuid('case_id').notNull(),
  type: text('type').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  actorRole: text('actor_role'),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  fromUnit: text('from_unit'),
  toUnit: text('to_unit'),
  reason: text('reason'),
  data: jsonb('data').$type<Record<string, unknown> | null>(),
  isPublic: boolean('is_public').notNull(),
  at: ts('at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** Clocks of any workflow's subject (a case, a petition …), swept by one job. */
export const clocks = pgTable('clocks', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  kind: text('kind').notNull(),
  mode: text('mode').notNull(),
  limitMinutes: integer('limit_minutes').notNull(),
  startedAt: ts('started_at').notNull(),
  warnAt: ts('warn_at').notNull(),
  dueAt: ts('due_at').notNull(),
  state: text('state').notNull(),
  pausedAt: ts('paused_at'),
  closedAt: ts('closed_at'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const uploads = pgTable('uploads', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  storageKey: text('storage_key').notNull(),
  claimed: boolean('claimed').notNull(),
  createdAt: ts('created_at').notNull(),
  /** The address it came from (migration 0016): unclaimed uploads are limited per address. */
  uploaderIp: text('uploader_ip'),
  /** The kind of record that claimed it ('case', …), set with `claimed` (migration 0018). */
  ownerType: text('owner_type'),
  /** The owning record's county, set at the claim; unclaimed files belong to no county yet. */
  countyCode: char('county_code', { length: 6 }),
  /** The staff account that uploaded it: staff uploads are limited per account. */
  uploaderUserId: uuid('uploader_user_id'),
  /** False from the row's insert until the file is written: such a row cannot be claimed and is purged. */
  stored: boolean('stored').notNull().default(true),
});

/** One row whose update proves the database commits writes (/healthz; migration 0016). */
export const heartbeat = pgTable('heartbeat', {
  id: smallint('id').primaryKey(),
  at: ts('at').notNull(),
});

export const caseMeToo = pgTable('case_me_too', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  caseId: uuid('case_id').notNull(),
  voterHash: text('voter_hash').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.caseId, t.voterHash] })]);

export const caseAttachments = pgTable('case_attachments', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  caseId: uuid('case_id').notNull(),
  eventType: text('event_type').notNull(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  storageKey: text('storage_key').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const outbox = pgTable('outbox', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
  createdAt: ts('created_at').notNull(),
  availableAt: ts('available_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  deliveredAt: ts('delivered_at'),
  lastError: text('last_error'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const notifications = pgTable('notifications', {
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  userId: uuid('user_id').notNull(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  createdAt: ts('created_at').notNull(),
  readAt: ts('read_at'),
  subjectType: text('subject_type'),
  subjectId: uuid('subject_id'),
  subjectCode: text('subject_code'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const idempotencyKeys = pgTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  fingerprint: char('fingerprint', { length: 64 }).notNull(),
  state: text('state').notNull(),
  status: integer('status'),
  body: jsonb('body'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.scope, t.key] })]);

export const caseStatsDaily = pgTable('case_stats_daily', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  received: integer('received').notNull(),
  closed: integer('closed').notNull(),
  closedOnTime: integer('closed_on_time').notNull(),
  resolved: integer('resolved').notNull(),
  resolvedVillage: integer('resolved_village').notNull(),
  resolvedTownship: integer('resolved_township').notNull(),
  rated: integer('rated').notNull(),
  satisfied: integer('satisfied').notNull(),
  firstResponses: integer('first_responses').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.villageCode, t.day] })]);

/** First-response times in 5-minute buckets per village and day (a rollup bumped by the first response of each case). */
export const caseFirstResponseHist = pgTable('case_first_response_hist', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  bucket: smallint('bucket').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.countyCode, t.villageCode, t.day, t.bucket] })]);

/** Open cases past their deadline per village now (a counter bumped as clocks breach and cases close). */
export const caseOverdueNow = pgTable('case_overdue_now', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.countyCode, t.villageCode] })]);

export const codeTables = pgTable('code_tables', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  countyCode: char('county_code', { length: 6 }).notNull(),
  version: text('version').notNull(),
  source: text('source').notNull(),
  confidence: char('confidence', { length: 1 }).notNull(),
  contentHash: text('content_hash'),
  loadedAt: ts('loaded_at').notNull(),
});

export const codeItems = pgTable('code_items', {
  tableId: text('table_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  parentCode: text('parent_code'),
  sort: integer('sort').notNull(),
  active: boolean('active').notNull(),
}, (t) => [primaryKey({ columns: [t.tableId, t.code] })]);

export const households = pgTable('households', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  number: text('number'),
  address: text('address').notNull(),
  dwellingId: uuid('dwelling_id'),
  headPersonId: uuid('head_person_id'),
  riskLevel: text('risk_level').notNull(),
  note: text('note'),
  status: text('status').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const persons = pgTable('persons', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  personType: text('person_type').notNull(),
  nameEnc: text('name_enc').notNull(),
  nameHash: text('name_hash').notNull(),
  nameMask: text('name_mask').notNull(),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: text('id_number_hash'),
  idNumberMask: text('id_number_mask'),
  sex: text('sex'),
  birthDate: date('birth_date', { mode: 'string' }),
  ethnicity: text('ethnicity'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMask: text('phone_mask'),
  address: text('address'),
  householdId: uuid('household_id'),
  relation: text('relation'),
  dwellingId: uuid('dwelling_id'),
  sensitiveEnc: text('sensitive_enc'),
  status: text('status').notNull(),
  leftOn: date('left_on', { mode: 'string' }),
  purgeAfter: date('purge_after', { mode: 'string' }),
  legalHold: boolean('legal_hold').notNull(),
  purgedAt: ts('purged_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** One living registration per ID number nationally: the unique key persons cannot hold once split by county. */
export const livingIdNumbers = pgTable('living_id_numbers', {
  idNumberHash: text('id_number_hash').primaryKey(),
  countyCode: char('county_code', { length: 6 }).notNull(),
  personId: uuid('person_id').notNull(),
});

export const registryHistory = pgTable('registry_history', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  objectType: text('object_type').notNull(),
  objectId: uuid('object_id').notNull(),
  event: text('event').notNull(),
  fromGrid: char('from_grid', { length: 15 }),
  toGrid: char('to_grid', { length: 15 }),
  data: jsonb('data'),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  at: ts('at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const personRecords = pgTable('person_records', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  personId: uuid('person_id').notNull(),
  kind: text('kind').notNull(),
  category: text('category'),
  riskLevel: text('risk_level'),
  categoryEnc: text('category_enc'),
  categoryToken: text('category_token'),
  data: jsonb('data'),
  dataEnc: text('data_enc'),
  since: date('since', { mode: 'string' }),
  until: date('until', { mode: 'string' }),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const buildings = pgTable('buildings', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  name: text('name').notNull(),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  floors: integer('floors'),
  kind: text('kind'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const dwellings = pgTable('dwellings', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  buildingId: uuid('building_id'),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  label: text('label').notNull(),
  isRental: boolean('is_rental').notNull(),
  landlordPersonId: uuid('landlord_person_id'),
  rentalRegisteredOn: date('rental_registered_on', { mode: 'string' }),
  rentalUse: text('rental_use'),
  landlordEnc: text('landlord_enc'),
  landlordNameMask: text('landlord_name_mask'),
  landlordPhoneMask: text('landlord_phone_mask'),
  landlordIdHash: text('landlord_id_hash'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const tenancies = pgTable('tenancies', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  dwellingId: uuid('dwelling_id').notNull(),
  personId: uuid('person_id').notNull(),
  since: date('since', { mode: 'string' }).notNull(),
  until: date('until', { mode: 'string' }),
  createdAt: ts('created_at').notNull(),
  endedAt: ts('ended_at'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

export const places = pgTable('places', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  creditCode: text('credit_code'),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  contactNameMask: text('contact_name_mask'),
  contactEnc: text('contact_enc'),
  contactPhoneMask: text('contact_phone_mask'),
  staffCount: integer('staff_count'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

// ── Issue 13, helper K: monthly KPI rollups (migration 0025) ──

/** The daily counters summed per village and month (folded from case_stats_daily once the month is over). */
export const caseStatsMonthly = pgTable('case_stats_monthly', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  received: integer('received').notNull(),
  closed: integer('closed').notNull(),
  closedOnTime: integer('closed_on_time').notNull(),
  resolved: integer('resolved').notNull(),
  resolvedVillage: integer('resolved_village').notNull(),
  resolvedTownship: integer('resolved_township').notNull(),
  rated: integer('rated').notNull(),
  satisfied: integer('satisfied').notNull(),
  firstResponses: integer('first_responses').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.villageCode, t.month] })]);

/** The first-response histogram summed per village and month (folded from case_first_response_hist). */
export const caseFirstResponseHistMonthly = pgTable('case_first_response_hist_monthly', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  bucket: smallint('bucket').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.countyCode, t.villageCode, t.month, t.bucket] })]);

/** The months (first day) whose monthly rollups are folded; any other month is read from the daily rows. */
export const caseKpiMonths = pgTable('case_kpi_months', {
  month: date('month', { mode: 'string' }).primaryKey(),
  foldedAt: ts('folded_at').notNull(),
});

// ---- Audit chains per county (issue 13, migration 0023) ----

/** Where the single global audit chain written before migration 0023 ends: one row, never changed. */
export const auditLegacyChain = pgTable('audit_legacy_chain', {
  lastId: bigint('last_id', { mode: 'number' }).primaryKey(),
  headHash: char('head_hash', { length: 64 }).notNull(),
});

/** The per-county audit chains that have started (one row per chain, added with its first audit row). */
export const auditChains = pgTable('audit_chains', {
  countyCode: char('county_code', { length: 6 }).primaryKey(),
  startedAt: ts('started_at').notNull(),
});

// --- issue 13, several servers (migration 0024) ---------------------------------------------------------------
/** Request-limit counters shared by every server process on one database (coordinator-local on Citus). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: ts('reset_at').notNull(),
});

// ── Issue 14, helper P: petitions (migration 0028) ──────────────────────────────────────────────────────────────
/** A petition (信访事项): one row per matter, its status on the petition workflow (core/workflow/petition-workflow.ts). */
export const petitions = pgTable('petitions', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  status: text('status').notNull(),
  kind: text('kind').notNull(),
  channel: text('channel').notNull(),
  categoryId: text('category_id').notNull(),
  matter: text('matter').notNull(),
  concerns: text('concerns'),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  gridCode: char('grid_code', { length: 15 }),
  villageCode: char('village_code', { length: 12 }),
  officeRegion: char('office_region', { length: 12 }).notNull(),
  registeredBy: uuid('registered_by'),
  skippedLevel: boolean('skipped_level').notNull(),
  peopleCount: integer('people_count').notNull(),
  collective: boolean('collective').notNull(),
  bodyDepartmentId: uuid('body_department_id'),
  bodyRegionCode: char('body_region_code', { length: 12 }),
  bodyName: text('body_name'),
  reportBy: date('report_by', { mode: 'string' }),
  repeatOf: text('repeat_of'),
  repeatFinal: boolean('repeat_final').notNull(),
  notAcceptGround: text('not_accept_ground'),
  notAcceptReason: text('not_accept_reason'),
  steerTo: text('steer_to'),
  extDays: integer('ext_days'),
  extReason: text('ext_reason'),
  extRequestedBy: uuid('ext_requested_by'),
  extApprovedBy: uuid('ext_approved_by'),
  extApprovedAt: ts('ext_approved_at'),
  hearingStartedAt: ts('hearing_started_at'),
  hearingDays: integer('hearing_days').notNull(),
  unservedDocumentId: uuid('unserved_document_id'),
  servedAt: ts('served_at'),
  rating: text('rating'),
  ratedAt: ts('rated_at'),
  petitionerKeyHash: text('petitioner_key_hash'),
  isOverdue: boolean('is_overdue').notNull(),
  receivedAt: ts('received_at').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  acceptedAt: ts('accepted_at'),
  repliedAt: ts('replied_at'),
  finalAt: ts('final_at'),
  closedAt: ts('closed_at'),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** The people who brought a petition; personal values encrypted, hashed for lookup, masked for display. */
export const petitioners = pgTable('petitioners', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  petitionId: uuid('petition_id').notNull(),
  position: smallint('position').notNull(),
  nameEnc: text('name_enc').notNull(),
  nameMask: text('name_mask').notNull(),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: text('id_number_hash'),
  idNumberMask: text('id_number_mask'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMask: text('phone_mask'),
  addressEnc: text('address_enc'),
  personId: uuid('person_id'),
  representative: boolean('representative').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** A petition's timeline. */
export const petitionEvents = pgTable('petition_events', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  petitionId: uuid('petition_id').notNull(),
  type: text('type').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  actorRole: text('actor_role'),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  reason: text('reason'),
  data: jsonb('data').$type<Record<string, unknown> | null>(),
  isPublic: boolean('is_public').notNull(),
  at: ts('at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** Uploads a petition claimed (letter scan, envelope, evidence, proof of service). */
export const petitionAttachments = pgTable('petition_attachments', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  petitionId: uuid('petition_id').notNull(),
  role: text('role').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  storageKey: text('storage_key').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** Petitions and the cases they became or came from. */
export const petitionCaseLinks = pgTable('petition_case_links', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  petitionId: uuid('petition_id').notNull(),
  caseId: uuid('case_id').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.petitionId, t.caseId] })]);
// ── Issue 14, helper D: documents and their service (migration 0027) ──

/** A rendered document (PDF) of a record: the file is in the file store; the SM3 of its bytes is audited. */
export const documents = pgTable('documents', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  regionCode: char('region_code', { length: 12 }).notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  subjectCode: text('subject_code').notNull(),
  template: text('template').notNull(),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  readPermission: text('read_permission').notNull(),
  personal: boolean('personal').notNull(),
  storageKey: text('storage_key').notNull(),
  size: integer('size').notNull(),
  pages: integer('pages').notNull(),
  sm3: char('sm3', { length: 64 }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** How and when a document was delivered (送达), with proof: review windows run from here. */
export const documentServices = pgTable('document_services', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  documentId: uuid('document_id').notNull(),
  method: text('method').notNull(),
  servedAt: ts('served_at').notNull(),
  trackingNo: text('tracking_no'),
  proofUploadIds: uuid('proof_upload_ids').array().notNull().default([]),
  note: text('note'),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: ts('recorded_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

// ── Issue 14, item 9: petition statistics (migration 0029) ──
/** Petition counters per county, place (village, else the registering office), body and China-time day; bumped by the transitions. */
export const petitionStatsDaily = pgTable('petition_stats_daily', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  regionCode: char('region_code', { length: 12 }).notNull(),
  bodyKey: text('body_key').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  registered: integer('registered').notNull().default(0),
  chVisit: integer('ch_visit').notNull().default(0),
  chLetter: integer('ch_letter').notNull().default(0),
  chOnline: integer('ch_online').notNull().default(0),
  chPhone: integer('ch_phone').notNull().default(0),
  chVideo: integer('ch_video').notNull().default(0),
  collective: integer('collective').notNull().default(0),
  skippedLevel: integer('skipped_level').notNull().default(0),
  repeated: integer('repeated').notNull().default(0),
  notified: integer('notified').notNull().default(0),
  notifiedInTime: integer('notified_in_time').notNull().default(0),
  notAccepted: integer('not_accepted').notNull().default(0),
  concluded: integer('concluded').notNull().default(0),
  concludedInTime: integer('concluded_in_time').notNull().default(0),
  served: integer('served').notNull().default(0),
  rated: integer('rated').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  basicallySatisfied: integer('basically_satisfied').notNull().default(0),
}, (t) => [primaryKey({ name: 'petition_stats_daily_pkey', columns: [t.countyCode, t.regionCode, t.bodyKey, t.day] })]);

// ── Session 9, helper M: disputes and people's mediation (migration 0030) ───────────────────────────────────────
/** 人民调解委员会 at village, township, county or industry level. */
export const mediationCommittees = pgTable('mediation_committees', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  level: text('level').notNull(),
  regionCode: char('region_code', { length: 12 }).notNull(),
  name: text('name').notNull(),
  industry: text('industry'),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** A committee's named room (家门口 on-site, 流动 mobile, 网上 online). */
export const mediationRooms = pgTable('mediation_rooms', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  committeeId: uuid('committee_id').notNull(),
  name: text('name').notNull(),
  mode: text('mode').notNull(),
  namedAfter: text('named_after'),
  address: text('address'),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** 人民调解员 of one committee, with or without an account. */
export const mediators = pgTable('mediators', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  committeeId: uuid('committee_id').notNull(),
  userId: uuid('user_id'),
  name: text('name').notNull(),
  isHead: boolean('is_head').notNull(),
  skills: text('skills').array().notNull(),
  languages: text('languages').array().notNull(),
  awards: text('awards').array().notNull(),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** 矛盾纠纷: its status on the dispute workflow (core/workflow/dispute-workflow.ts). */
export const disputes = pgTable('disputes', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  code: text('code').notNull(),
  status: text('status').notNull(),
  source: text('source').notNull(),
  category: text('category').notNull(),
  scale: text('scale').notNull(),
  peopleCount: integer('people_count').notNull(),
  escalationRisk: boolean('escalation_risk').notNull(),
  urgent: boolean('urgent').notNull(),
  facts: text('facts').notNull(),
  claims: text('claims'),
  address: text('address'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  gridCode: char('grid_code', { length: 15 }),
  villageCode: char('village_code', { length: 12 }),
  committeeId: uuid('committee_id').notNull(),
  committeeRegion: char('committee_region', { length: 12 }).notNull(),
  roomId: uuid('room_id'),
  assignedBy: text('assigned_by'),
  registeredBy: uuid('registered_by'),
  acceptedAt: ts('accepted_at'),
  extDays: integer('ext_days').notNull(),
  outcomeAt: ts('outcome_at'),
  agreementForm: text('agreement_form'),
  agreementTerms: text('agreement_terms'),
  failureReason: text('failure_reason'),
  routesTold: text('routes_told'),
  routesToldAt: ts('routes_told_at'),
  referralTo: text('referral_to'),
  referralReceiver: text('referral_receiver'),
  referralAnswer: text('referral_answer'),
  referralAnsweredAt: ts('referral_answered_at'),
  refusedByParty: uuid('refused_by_party'),
  refusalReason: text('refusal_reason'),
  applicantKeyHash: text('applicant_key_hash'),
  isOverdue: boolean('is_overdue').notNull(),
  receivedAt: ts('received_at').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  closedAt: ts('closed_at'),
  version: integer('version').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** The mediator(s) of a dispute. */
export const disputeMediators = pgTable('dispute_mediators', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  mediatorId: uuid('mediator_id').notNull(),
  lead: boolean('lead').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId, t.mediatorId] })]);

/** 当事人: personal values encrypted, hashed for lookup, masked for display. */
export const disputeParties = pgTable('dispute_parties', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  disputeId: uuid('dispute_id').notNull(),
  position: smallint('position').notNull(),
  kind: text('kind').notNull(),
  side: text('side').notNull(),
  nameEnc: text('name_enc').notNull(),
  nameMask: text('name_mask').notNull(),
  idType: text('id_type'),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: text('id_number_hash'),
  idNumberMask: text('id_number_mask'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMask: text('phone_mask'),
  addressEnc: text('address_enc'),
  agentNameEnc: text('agent_name_enc'),
  agentNameMask: text('agent_name_mask'),
  agentPhoneEnc: text('agent_phone_enc'),
  agentPhoneMask: text('agent_phone_mask'),
  agentRelation: text('agent_relation'),
  personId: uuid('person_id'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** A dispute's timeline. */
export const disputeEvents = pgTable('dispute_events', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  disputeId: uuid('dispute_id').notNull(),
  type: text('type').notNull(),
  actorId: text('actor_id'),
  actorName: text('actor_name'),
  actorRole: text('actor_role'),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  reason: text('reason'),
  data: jsonb('data'),
  isPublic: boolean('is_public').notNull(),
  at: ts('at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** A mediation session: scheduled, then held with attendees, the encrypted record and who signed it. */
export const mediationSessions = pgTable('mediation_sessions', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  disputeId: uuid('dispute_id').notNull(),
  scheduledAt: ts('scheduled_at').notNull(),
  roomId: uuid('room_id'),
  place: text('place'),
  online: boolean('online').notNull(),
  heldAt: ts('held_at'),
  partyIds: uuid('party_ids').array().notNull(),
  mediatorIds: uuid('mediator_ids').array().notNull(),
  othersCount: integer('others_count').notNull(),
  recordEnc: text('record_enc'),
  signedPartyIds: uuid('signed_party_ids').array().notNull(),
  signedMediatorIds: uuid('signed_mediator_ids').array().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.id] })]);

/** Where a dispute came from: a case or a petition of the same county. */
export const disputeLinks = pgTable('dispute_links', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  subjectCode: text('subject_code').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId, t.subjectType, t.subjectId] })]);

// ── Session 9, helper N: the mediation agreement, signatures, judicial confirmation, performance, file (0031) ──

/** A dispute's agreement (written or oral), when it took effect, and its judicial confirmation. */
export const disputeAgreements = pgTable('dispute_agreements', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  form: text('form').notNull(),
  docNo: text('doc_no'),
  documentId: uuid('document_id'),
  points: text('points'),
  responsibility: text('responsibility'),
  statusMatter: text('status_matter'),
  effectiveAt: ts('effective_at'),
  confirmationCourt: text('confirmation_court'),
  confirmationAppliedAt: ts('confirmation_applied_at'),
  confirmationCaseNo: text('confirmation_case_no'),
  confirmationAcceptedAt: ts('confirmation_accepted_at'),
  confirmationExtendedBy: text('confirmation_extended_by'),
  confirmationOutcome: text('confirmation_outcome'),
  confirmationDecidedAt: ts('confirmation_decided_at'),
  confirmationNote: text('confirmation_note'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId] })]);

/** The agreed terms with their performance deadline and result. */
export const disputeAgreementTerms = pgTable('dispute_agreement_terms', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  position: smallint('position').notNull(),
  content: text('content').notNull(),
  manner: text('manner').notNull(),
  place: text('place'),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  performance: text('performance'),
  performanceNote: text('performance_note'),
  performanceAt: ts('performance_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId, t.position] })]);

/** Signatures and the seal of an agreement, one per signer. */
export const disputeSignatures = pgTable('dispute_signatures', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  signer: text('signer').notNull(),
  method: text('method').notNull(),
  uploadId: uuid('upload_id'),
  signedAt: ts('signed_at').notNull(),
  recordedBy: uuid('recorded_by'),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId, t.signer] })]);

/** Uploads filed in a dispute's file (卷宗) with their kind. */
export const disputeFiles = pgTable('dispute_files', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  disputeId: uuid('dispute_id').notNull(),
  uploadId: uuid('upload_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.disputeId, t.uploadId] })]);

// ── Session 10, helper S: mediation statistics and 以案定补 subsidy rates (migration 0032) ──────────────────────
/** Mediation statistics per place, committee, room ('' none), category and China-time day; each dispute once. */
export const disputeStatsDaily = pgTable('dispute_stats_daily', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  regionCode: char('region_code', { length: 12 }).notNull(),
  committeeId: uuid('committee_id').notNull(),
  roomKey: text('room_key').notNull(),
  category: text('category').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  registered: integer('registered').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
  mediated: integer('mediated').notNull().default(0),
  agreed: integer('agreed').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  referred: integer('referred').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  concluded: integer('concluded').notNull().default(0),
  closed: integer('closed').notNull().default(0),
}, (t) => [primaryKey({ name: 'dispute_stats_daily_pkey', columns: [t.countyCode, t.regionCode, t.committeeId, t.roomKey, t.category, t.day] })]);

/** The same per mediator of the dispute at the event (a dispute with two mediators counts for each). */
export const disputeMediatorStatsDaily = pgTable('dispute_mediator_stats_daily', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  regionCode: char('region_code', { length: 12 }).notNull(),
  mediatorId: uuid('mediator_id').notNull(),
  category: text('category').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  accepted: integer('accepted').notNull().default(0),
  mediated: integer('mediated').notNull().default(0),
  agreed: integer('agreed').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  referred: integer('referred').notNull().default(0),
  refused: integer('refused').notNull().default(0),
}, (t) => [primaryKey({ name: 'dispute_mediator_stats_daily_pkey', columns: [t.countyCode, t.regionCode, t.mediatorId, t.category, t.day] })]);

/** 以案定补: the subsidy per case in fen, per county, category ('*' default) and outcome. */
export const mediationSubsidyRates = pgTable('mediation_subsidy_rates', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  category: text('category').notNull(),
  outcome: text('outcome').notNull(),
  fen: integer('fen').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ name: 'mediation_subsidy_rates_pkey', columns: [t.countyCode, t.category, t.outcome] })]);

// ── Session 11, helper S: field records (migration 0033) ──────────────────────────────────────────────────────────
/** Checklists and questionnaires (visit, patrol, risk) as versioned data; a stored version never changes. */
export const fieldTemplates = pgTable('field_templates', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  version: integer('version').notNull(),
  kind: text('kind').notNull(),
  owner: char('owner', { length: 12 }).notNull(),
  name: jsonb('name').notNull(),
  items: jsonb('items').notNull(),
  thresholds: jsonb('thresholds'),
  source: text('source').notNull(),
  confidence: text('confidence').notNull(),
  contentHash: char('content_hash', { length: 64 }).notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull(),
});

/** A patrol (巡查) from the field app; id = the client's UUID. */
export const patrols = pgTable('patrols', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  userId: uuid('user_id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
  endRecordId: uuid('end_record_id'),
  status: text('status').notNull().default('open'),
  chunkCount: integer('chunk_count').notNull().default(0),
  pointCount: integer('point_count').notNull().default(0),
  distanceM: integer('distance_m').notNull().default(0),
  findingCount: integer('finding_count').notNull().default(0),
  receivedAt: ts('received_at').notNull(),
  // ── Session 12, helper B: the 六必查 checklist of the end record, encrypted (0035) ──
  checklistTemplateId: uuid('checklist_template_id'),
  checklistEnc: text('checklist_enc'),
}, (t) => [primaryKey({ name: 'patrols_pkey', columns: [t.countyCode, t.id] })]);

/** One chunk of a patrol's track; the points only encrypted. */
export const patrolTrackChunks = pgTable('patrol_track_chunks', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  patrolId: uuid('patrol_id').notNull(),
  seq: integer('seq').notNull(),
  pointsEnc: text('points_enc').notNull(),
  pointCount: integer('point_count').notNull(),
  firstAt: ts('first_at').notNull(),
  lastAt: ts('last_at').notNull(),
  distanceM: integer('distance_m').notNull(),
  createdBy: uuid('created_by').notNull(),
  receivedAt: ts('received_at').notNull(),
}, (t) => [primaryKey({ name: 'patrol_track_chunks_pkey', columns: [t.countyCode, t.id] })]);

/** A problem seen on patrol and the case it became. */
export const patrolFindings = pgTable('patrol_findings', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  patrolId: uuid('patrol_id').notNull(),
  caseId: uuid('case_id').notNull(),
  caseCode: text('case_code').notNull(),
  templateItem: text('template_item'),
  recordedAt: ts('recorded_at').notNull(),
  createdBy: uuid('created_by').notNull(),
  receivedAt: ts('received_at').notNull(),
}, (t) => [primaryKey({ name: 'patrol_findings_pkey', columns: [t.countyCode, t.id] })]);

/** A visit (走访), append-only; sensitive answers and the note only encrypted. */
export const visitRecords = pgTable('visit_records', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  templateId: uuid('template_id').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  taskId: uuid('task_id'),
  answers: jsonb('answers').notNull(),
  answersEnc: text('answers_enc'),
  noteEnc: text('note_enc'),
  visitedAt: ts('visited_at').notNull(),
  receivedAt: ts('received_at').notNull(),
  createdBy: uuid('created_by').notNull(),
  supersedesId: uuid('supersedes_id'),
}, (t) => [primaryKey({ name: 'visit_records_pkey', columns: [t.countyCode, t.id] })]);

/** A household risk assessment, append-only; answers only encrypted. */
export const householdAssessments = pgTable('household_assessments', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  householdId: uuid('household_id').notNull(),
  templateId: uuid('template_id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  answersEnc: text('answers_enc').notNull(),
  score: integer('score').notNull(),
  level: text('level').notNull(),
  assessedAt: ts('assessed_at').notNull(),
  receivedAt: ts('received_at').notNull(),
  createdBy: uuid('created_by').notNull(),
  supersedesId: uuid('supersedes_id'),
}, (t) => [primaryKey({ name: 'household_assessments_pkey', columns: [t.countyCode, t.id] })]);

/** A household's current risk level (the latest assessment by device time). */
export const householdRiskCurrent = pgTable('household_risk_current', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  householdId: uuid('household_id').notNull(),
  level: text('level').notNull(),
  score: integer('score').notNull(),
  assessmentId: uuid('assessment_id').notNull(),
  assessedAt: ts('assessed_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [primaryKey({ name: 'household_risk_current_pkey', columns: [t.countyCode, t.householdId] })]);

/** A photo or voice note of a field record, keyed by the client's attachment UUID. */
export const fieldAttachments = pgTable('field_attachments', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  ownerType: text('owner_type').notNull(),
  ownerId: uuid('owner_id').notNull(),
  uploadId: uuid('upload_id').notNull(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ name: 'field_attachments_pkey', columns: [t.countyCode, t.id] })]);

/** 一日一巡 rollup per county, grid, worker and China day of the patrol's start. */
export const patrolStatsDaily = pgTable('patrol_stats_daily', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  userId: uuid('user_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  patrols: integer('patrols').notNull().default(0),
  ended: integer('ended').notNull().default(0),
  minutes: integer('minutes').notNull().default(0),
  distanceM: integer('distance_m').notNull().default(0),
  findings: integer('findings').notNull().default(0),
}, (t) => [primaryKey({ name: 'patrol_stats_daily_pkey', columns: [t.countyCode, t.gridCode, t.userId, t.day] })]);

// ── Session 11, helper T: visit tasks (migration 0034) ──
/** A visit task (走访任务): one per subject and rule while open; generated from core/field/visit-rules.ts. */
export const visitTasks = pgTable('visit_tasks', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: uuid('id').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  gridCode: char('grid_code', { length: 15 }).notNull(),
  villageCode: char('village_code', { length: 12 }).notNull(),
  rule: text('rule').notNull(),
  triggerRef: text('trigger_ref'),
  assigneeId: uuid('assignee_id'),
  status: text('status').notNull().default('open'),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  intervalDays: integer('interval_days'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  closedAt: ts('closed_at'),
  closedByVisit: uuid('closed_by_visit'),
  visitedAt: ts('visited_at'),
  version: integer('version').notNull().default(0),
}, (t) => [primaryKey({ name: 'visit_tasks_pkey', columns: [t.countyCode, t.id] })]);

/** A visit task's timeline (created, done, reassigned, reminded, cancelled, warned, breached). */
export const visitTaskEvents = pgTable('visit_task_events', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
  taskId: uuid('task_id').notNull(),
  type: text('type').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  actorId: text('actor_id').notNull(),
  data: jsonb('data').$type<Record<string, unknown> | null>(),
  at: ts('at').notNull(),
}, (t) => [primaryKey({ name: 'visit_task_events_pkey', columns: [t.countyCode, t.id] })]);

/** An explicit 责任人 for a person under care (overrides the grid's workers). */
export const careAssignments = pgTable('care_assignments', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  personId: uuid('person_id').notNull(),
  userId: uuid('user_id').notNull(),
  assignedBy: text('assigned_by').notNull(),
  assignedAt: ts('assigned_at').notNull(),
}, (t) => [primaryKey({ name: 'care_assignments_pkey', columns: [t.countyCode, t.personId] })]);

/** The one-off facts (a household's move, a petitioner) the visit generator has taken up, by reference (`rh:<id>`, `pt:<petition>:<person>`). */
export const visitTriggerScans = pgTable('visit_trigger_scans', {
  countyCode: char('county_code', { length: 6 }).notNull(),
  ref: text('ref').notNull(),
  scannedAt: ts('scanned_at').notNull(),
}, (t) => [primaryKey({ name: 'visit_trigger_scans_pkey', columns: [t.countyCode, t.ref] })]);

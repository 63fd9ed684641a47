/** The population registry: persons and households (GB/T 31000 实有人口). */
import { z } from 'zod';
import { Day } from './common.schema.ts';

const Code = z.string().regex(/^[0-9A-Za-z_]{1,32}$/);
const GridCode = z.string().regex(/^\d{15}$/, '15-digit grid code');
/** A township, village or other region (12 digits) under the reader's scope: lists read its whole subtree. */
const RegionCode = z.string().regex(/^\d{12}$/, '12-digit region code');

export const PersonCreateSchema = z.object({
  /** The client's UUID (the field app makes records offline); the same id twice is one person. */
  id: z.uuid().optional(),
  gridCode: GridCode,
  personType: Code,
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().max(24).optional(),
  sex: Code.optional(),
  birthDate: Day.optional(),
  ethnicity: Code.optional(),
  phone: z.string().trim().max(24).optional(),
  address: z.string().trim().max(200).optional(),
  householdId: z.uuid().optional(),
  relation: Code.optional(),
});

export const PersonListQuery = z.object({
  grid: GridCode.optional(),
  region: RegionCode.optional(),
  /** Exact full name (searched through its keyed hash: the names themselves are encrypted). */
  name: z.string().trim().min(1).max(50).optional(),
  /** Exact ID number (15 or 18 characters). */
  idNumber: z.string().trim().max(24).optional(),
  /** Exact mobile number (+86, spaces and dashes allowed). */
  phone: z.string().trim().max(24).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const revealableFields = ['name', 'idNumber', 'phone', 'birthDate', 'records'] as const;

export const RevealSchema = z.object({
  fields: z.array(z.enum(revealableFields), { error: '请选择要查看的字段' }).min(1, '请选择要查看的字段'),
  /** Why the full values are needed, typed by the user (never a default): kept in the audit log. */
  reason: z.string({ error: '请填写查看理由' }).trim().min(2, '请填写查看理由（至少2个字）').max(200, '查看理由不能超过200字'),
});

export const HouseholdCreateSchema = z.object({
  /** The client's UUID (the field app makes records offline); the same id twice is one household. */
  id: z.uuid().optional(),
  gridCode: GridCode,
  number: z.string().trim().max(40).optional(),
  address: z.string().trim().min(1).max(200),
  riskLevel: z.enum(['normal', 'attention', 'key']).default('normal'),
  note: z.string().trim().max(500).optional(),
});

export const HouseholdMemberSchema = z.object({
  personId: z.uuid(),
  relation: Code,
  /** Make this person the head of the household. */
  head: z.boolean().default(false),
});

export const HouseholdMoveSchema = z.object({
  gridCode: GridCode,
  address: z.string().trim().min(1).max(200).optional(),
  reason: z.string().trim().min(2).max(200),
});

export const HouseholdListQuery = z.object({
  grid: GridCode.optional(),
  region: RegionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const PersonLeaveSchema = z.object({
  reason: z.enum(['moved_away', 'deceased']),
  /** The day (YYYY-MM-DD); today when absent. */
  on: Day.optional(),
});

export const LegalHoldSchema = z.object({
  hold: z.boolean(),
  reason: z.string().trim().min(2).max(200),
});

/** Kinds of extension record and the code table each one's category comes from (null: no category). */
export const recordKinds = { migrant: null, left_behind: null, foreign: null, special_group: 'special_group', youth: 'youth_type', care: 'care_group' } as const;

export const PersonRecordSchema = z.object({
  kind: z.enum(['migrant', 'left_behind', 'foreign', 'special_group', 'youth', 'care']),
  category: Code.optional(),
  /** For 严重精神障碍患者 the national 0–5 grade; otherwise 一般 / 中等 / 严重 (normal, medium, serious). */
  riskLevel: z.string().regex(/^([0-5]|normal|medium|serious)$/).optional(),
  /** Fields anyone with person:read may see (e.g. a migrant's reason for moving in, permit expiry). */
  data: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  /** Fields kept encrypted (criminal or drug history, diagnosis, HIV status…), shown only through a reveal. */
  sensitive: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
  since: Day.optional(),
  until: Day.optional(),
});

export const PeopleStatsQuery = z.object({
  /** A region or grid code under the caller's scope; the caller's scope when absent. */
  region: z.string().regex(/^(\d{12}|\d{15})$/).optional(),
});

const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);

export const BuildingCreateSchema = z.object({
  gridCode: GridCode,
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).optional(),
  lat: Lat.optional(),
  lng: Lng.optional(),
  floors: z.number().int().min(1).max(200).optional(),
  kind: z.string().trim().max(40).optional(),
});

export const PlaceCreateSchema = z.object({
  gridCode: GridCode,
  kind: Code,
  name: z.string().trim().min(1).max(100),
  creditCode: z.string().trim().max(24).optional(),
  address: z.string().trim().max(200).optional(),
  lat: Lat.optional(),
  lng: Lng.optional(),
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z.string().trim().max(24).optional(),
  staffCount: z.number().int().min(0).max(1_000_000).optional(),
});

export const GridItemsQuery = z.object({
  grid: GridCode,
  kind: Code.optional(),
});

/** Places of one grid, of a region under the reader's scope, or of the whole scope. */
export const PlaceListQuery = z.object({
  grid: GridCode.optional(),
  region: RegionCode.optional(),
  kind: Code.optional(),
});


/** A dwelling (房屋) of a building: a flat, a room, a yard. */
export const DwellingCreateSchema = z.object({
  label: z.string().trim().min(1).max(60),
});

/** Registers a dwelling as let out (出租房屋登记): the landlord by ID number, and by name and phone when not registered here. */
export const RentalRegisterSchema = z.object({
  use: Code,
  registeredOn: Day,
  landlordIdNumber: z.string().trim().max(24),
  landlordName: z.string().trim().min(1).max(50).optional(),
  landlordPhone: z.string().trim().max(24).optional(),
});

/** A tenant moves in: a registered person, found by exact ID number. */
export const TenantAddSchema = z.object({
  idNumber: z.string().trim().max(24),
  since: Day,
});

/** A tenant moves out. */
export const TenancyEndSchema = z.object({
  until: Day,
});

/** Changes to a person's own fields; `version` is the one read (a change made meanwhile is refused). Null clears. */
export const PersonUpdateSchema = z.object({
  version: z.number().int().min(0),
  name: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().max(24).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  personType: Code.optional(),
  ethnicity: Code.nullable().optional(),
});

/** A person not in a household moves to another grid (members of a household move with it). */
export const PersonMoveSchema = z.object({
  gridCode: GridCode,
  address: z.string().trim().min(1).max(200).optional(),
  reason: z.string().trim().min(2).max(200),
});

/** Changes to a household's own fields; the head must be a member. */
export const HouseholdUpdateSchema = z.object({
  version: z.number().int().min(0),
  number: z.string().trim().max(40).nullable().optional(),
  address: z.string().trim().min(1).max(200).optional(),
  riskLevel: z.enum(['normal', 'attention', 'key']).optional(),
  note: z.string().trim().max(500).nullable().optional(),
  headPersonId: z.uuid().optional(),
});

/** Permits and visas expired or expiring within `days`, under the caller's scope or one grid. */
export const ExpiringQuery = z.object({
  grid: GridCode.optional(),
  region: RegionCode.optional(),
  days: z.coerce.number().int().min(0).max(366).default(30),
});

/** Corrections to a building (not its grid); `version` is the one read. */
export const BuildingUpdateSchema = BuildingCreateSchema.omit({ gridCode: true }).partial().extend({
  version: z.number().int().min(0),
  address: z.string().trim().max(200).nullable().optional(),
  floors: z.number().int().min(1).max(200).nullable().optional(),
});

/** Corrections to a place or organisation (not its grid); `version` is the one read; null clears. */
export const PlaceUpdateSchema = PlaceCreateSchema.omit({ gridCode: true }).partial().extend({
  version: z.number().int().min(0),
  creditCode: z.string().trim().max(24).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z.string().trim().max(24).nullable().optional(),
  staffCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
});

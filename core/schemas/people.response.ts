/** What the registry routes answer: persons (masked), households, buildings and dwellings, places, stats, imports. */
import { z } from 'zod';

const Str = z.string().nullable();

/** A person as lists show them: name, ID number and phone masked. */
export const PersonView = z.object({
  id: z.string(), gridCode: z.string(), personType: z.string(), name: z.string(), sex: Str, age: z.number().nullable(), ageBand: Str,
  idNumber: Str, phone: Str, address: Str, householdId: Str, relation: Str, head: z.boolean().optional(), ethnicity: Str, version: z.number(),
  status: z.string(), updatedAt: z.string(),
  /** Lists only: the grid's name and the household the person belongs to (address hidden for a child under 14). */
  gridName: Str.optional(), household: z.object({ id: z.string(), number: Str, address: Str }).nullable().optional(),
});
export type PersonView = z.infer<typeof PersonView>;

/** An extension record (migrant, left-behind, foreigner, special group, youth, care); a hidden category shows only after a reveal. */
export const RecordView = z.object({ id: z.string(), kind: z.string(), category: Str, riskLevel: Str, categoryHidden: z.boolean(), data: z.record(z.string(), z.unknown()).nullable(), hasSensitive: z.boolean(), since: Str });
export type RecordView = z.infer<typeof RecordView>;

/** A step of a person's or household's history. */
export const HistoryView = z.object({ event: z.string(), fromGrid: Str, toGrid: Str, data: z.record(z.string(), z.unknown()).nullable(), actorName: Str, at: z.string() });
export type HistoryView = z.infer<typeof HistoryView>;

/** One person's card. */
export const PersonCard = PersonView.extend({ history: z.array(HistoryView), records: z.array(RecordView) });
export type PersonCard = z.infer<typeof PersonCard>;

/** What an audited reveal returned: full values, and records with their hidden category and sensitive part. */
export const Revealed = z.object({
  name: Str.optional(), idNumber: Str.optional(), phone: Str.optional(), birthDate: Str.optional(),
  records: z.array(z.object({ id: z.string(), category: Str, riskLevel: Str, sensitive: z.record(z.string(), z.unknown()).nullable() })).optional(),
});
export type Revealed = z.infer<typeof Revealed>;

/** A household as the list shows it. */
export const HouseholdView = z.object({ id: z.string(), gridCode: z.string(), gridName: Str.optional(), villageCode: z.string(), number: Str, address: z.string(), riskLevel: z.string(), members: z.number(), note: Str, headPersonId: Str, status: z.string(), updatedAt: z.string(), version: z.number() });
export type HouseholdView = z.infer<typeof HouseholdView>;

/** A household's card: its members and history. */
export const HouseholdCard = HouseholdView.omit({ members: true }).extend({ members: z.array(PersonView), history: z.array(HistoryView) });
export type HouseholdCard = z.infer<typeof HouseholdCard>;

/** A building of a grid. */
export const BuildingView = z.object({ id: z.string(), name: z.string(), address: Str, floors: z.number().nullable(), lat: z.number().nullable(), lng: z.number().nullable() });
export type BuildingView = z.infer<typeof BuildingView>;

/** A tenant of a dwelling. */
export const Tenant = z.object({ personId: z.string(), name: z.string(), sex: Str, age: z.number().nullable(), personType: z.string(), phone: Str, since: z.string(), until: Str, current: z.boolean() });
export type Tenant = z.infer<typeof Tenant>;

/** A dwelling's rental registration (landlord masked). */
export const Rental = z.object({ use: Str, registeredOn: Str, landlord: z.object({ personId: Str, name: Str, phone: Str }) });
export type Rental = z.infer<typeof Rental>;

/** A dwelling with its rental and tenants. */
export const Dwelling = z.object({ id: z.string(), label: z.string(), isRental: z.boolean(), rental: Rental.nullable(), tenants: z.array(Tenant), pastTenants: z.array(Tenant) });
export type Dwelling = z.infer<typeof Dwelling>;

/** A building's card. */
export const BuildingCard = BuildingView.extend({ gridCode: z.string(), version: z.number(), dwellings: z.array(Dwelling) });
export type BuildingCard = z.infer<typeof BuildingCard>;

/** A row of the rental ledger (出租房屋台账). */
export const LedgerRow = Rental.extend({ id: z.string(), buildingId: Str, buildingName: Str, label: z.string(), tenants: z.number() });
export type LedgerRow = z.infer<typeof LedgerRow>;

/** A place or organisation of a grid (contact masked). */
export const PlaceRow = z.object({ id: z.string(), gridCode: z.string().optional(), gridName: Str.optional(), kind: z.string(), name: z.string(), creditCode: Str, address: Str, lat: z.number().nullable(), lng: z.number().nullable(), contactName: Str, contactPhone: Str, staffCount: z.number().nullable(), version: z.number() });
export type PlaceRow = z.infer<typeof PlaceRow>;

/** A residence permit or visa expired or expiring soon. */
export const Expiring = z.object({ person: z.object({ id: z.string(), name: z.string(), gridCode: z.string(), gridName: Str.optional(), phone: Str }), recordId: z.string(), kind: z.string(), expiresOn: z.string(), daysLeft: z.number() });
export type Expiring = z.infer<typeof Expiring>;

/** Persons per group; a count under 5 comes back null (shown "<5"). */
export const GroupCount = z.object({ kind: z.string(), category: Str, persons: z.number().nullable() });
export type GroupCount = z.infer<typeof GroupCount>;
/** The overview of a grid or the whole scope. */
export const PeopleStats = z.object({ counts: z.array(GroupCount), total: z.number().nullable() });
export type PeopleStats = z.infer<typeof PeopleStats>;

/** A persons import job: progress, then the report or the failure. */
export const ImportJob = z.object({
  id: z.string(), state: z.enum(['running', 'done', 'failed']), queued: z.boolean().optional(), percent: z.number(), rows: z.number(), hasErrorReport: z.boolean(),
  report: z.object({ rows: z.number(), created: z.number(), updated: z.number(), problems: z.number(), rejected: z.boolean() }).nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** A code table's items (code → name). */
export const CodeTable = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

/**
 * Where every table of the schema lives on a Citus cluster (server/db/distribute.ts applies it; placement.test.ts
 * checks that no table is missing and that keys fit). On PGlite and plain PostgreSQL the list changes nothing.
 *
 * - `distributed`: split into shards by `column` (county_code unless said otherwise), all co-located, so a county's
 *   rows of every large table sit on one worker and joins and transactions within a county stay on it.
 * - `reference`: small shared tables copied to every node (joinable with anything; each write is replicated with
 *   two-phase commit, so only for data that changes rarely).
 * - `local`: kept on the coordinator only (looked up without a county, or written often and small).
 */

export type Placement =
  | { kind: 'distributed'; column: string; colocateWith?: string; why: string }
  | { kind: 'reference'; why: string }
  | { kind: 'local'; why: string };

const byCounty = (why: string): Placement => ({ kind: 'distributed', column: 'county_code', why });
const reference = (why: string): Placement => ({ kind: 'reference', why });
const local = (why: string): Placement => ({ kind: 'local', why });

/** Every table, in the order distribution creates them (referenced tables before the tables referencing them). */
export const placement: Record<string, Placement> = {
  // Reference data: small, read by every county's queries, changed by administrators.
  regions: reference('the region tree (thousands of rows), joined with every county\'s data'),
  categories: reference('the case categories, shared by all counties'),
  code_tables: reference('code tables (national ones and a county\'s own), a few hundred rows'),
  code_items: reference('the items of the code tables'),
  departments: reference('county departments, a few dozen per county; users reference them'),
  department_categories: reference('which department owns a category in a county (routing), small'),
  routing_rules: reference('per-county routing policy, a handful of rows per county'),
  deadline_policies: reference('per-county deadline policy, small'),
  calendar_days: reference('holidays and working weekends, a few dozen rows a year'),
  audit_legacy_chain: reference('one row, written once by migration 0023: where the single audit chain before per-county chains ends; read when a county chain starts and by verification'),
  users: reference('staff accounts (tens of thousands at most) found by username at sign-in with no county; grid staff and notifications reference them'),

  // Coordinator-local: looked up without a county, or hot and small.
  sessions: local('found by token hash on every request, with no county; written on every request (idle timeout), so never a replicated reference table'),
  api_tokens: local('found by token hash with no county; few rows'),
  idempotency_keys: local('found by (scope, key) with no county; short-lived, written on every retried write'),
  reveal_budgets: local('a rate-limit counter per user, written on every reveal'),
  heartbeat: local('one row: the server\'s liveness'),
  rate_limits: local('request-limit counters shared by every server, found by key with no county; hot and small, so never a replicated reference table (each hit would be a two-phase commit to every node)'),
  schema_migrations: local('the migration runner\'s own bookkeeping on the coordinator'),
  uploads: local('a photo is uploaded before any county is known (county set when a record claims it); found by id; rows are small, the files are on disk'),

  // Large tables, by county.
  grids: byCounty('every grid of a county; its code starts with the county code'),
  household_groups: byCounty('十户联防 groups of a grid'),
  grid_staff: byCounty('staff of a grid'),
  households: byCounty('the registry: households'),
  persons: byCounty('the registry: persons (tens of millions in a province)'),
  person_records: byCounty('persons\' extension records'),
  buildings: byCounty('the registry: buildings'),
  dwellings: byCounty('the registry: dwellings and rental housing'),
  tenancies: byCounty('tenants of rental dwellings'),
  places: byCounty('the registry: places'),
  registry_history: byCounty('the registry\'s history, append-mostly'),
  cases: byCounty('cases: every query of a case carries its county'),
  case_events: byCounty('a case\'s event log'),
  case_attachments: byCounty('a case\'s photos and voice notes'),
  case_me_too: byCounty('"me too" votes of a case'),
  clocks: byCounty('a case\'s deadlines'),
  outbox: byCounty('side effects of a county\'s transactions, written in them'),
  audit_log: byCounty('the audit trail, one chain per county (system-wide actions under their own code)'),
  audit_chains: byCounty('one row per county audit chain, inserted in the transaction of that county\'s first audit row (same shard as the row: no two-phase commit)'),
  notifications: byCounty('in-app notifications, written in the transaction of the county\'s case'),
  case_stats_daily: byCounty('dashboard rollups per village and day'),
  case_first_response_hist: byCounty('dashboard rollups of first-response times'),
  case_overdue_now: byCounty('dashboard count of overdue cases per village'),
  case_stats_monthly: byCounty('dashboard rollups per village and month, folded from case_stats_daily (co-located with it, so the fold stays on each worker)'),
  case_first_response_hist_monthly: byCounty('monthly rollups of first-response times, folded from case_first_response_hist'),
  case_kpi_months: reference('the months whose monthly rollups are folded, one row a month for every county; read by every dashboard, written once a month'),
  // ── Issue 14, helper P: petitions (0028) ──
  petitions: byCounty('petitions: every read and action carries the county (its code starts with it)'),
  petitioners: byCounty('the people of a petition, written and read with it; repeat lookups by hash stay within the county'),
  petition_events: byCounty('a petition\'s timeline'),
  petition_attachments: byCounty('files a petition claimed'),
  petition_case_links: byCounty('links between a county\'s petitions and its cases (both distributed by county: the keys stay on one worker)'),
  petition_stats_daily: byCounty('petition statistics per place, body and day, bumped in the transaction that changes a county\'s petition'),
  // ── Issue 14, helper D: documents (migration 0027) ──
  documents: byCounty('a record\'s written documents (PDF notices), read and written with their record\'s county'),
  document_services: byCounty('how each document was delivered; its foreign key (county_code, document_id) stays on the document\'s shard'),
  // ── Session 9, helper M: disputes and mediation (0030) ──
  mediation_committees: byCounty('a county\'s mediation committees; disputes, rooms and mediators reference them with the county in the key'),
  mediation_rooms: byCounty('a committee\'s rooms, read and written with the county'),
  mediators: byCounty('a committee\'s mediators; their load is counted from the county\'s disputes on the same shard'),
  disputes: byCounty('disputes: every read and action carries the county (its code starts with it)'),
  dispute_mediators: byCounty('the mediators of a dispute, written with it'),
  dispute_parties: byCounty('the parties of a dispute, written and read with it'),
  dispute_events: byCounty('a dispute\'s timeline'),
  mediation_sessions: byCounty('a dispute\'s sessions and their records'),
  dispute_links: byCounty('links between a county\'s disputes and its cases and petitions (one shard)'),
  // ── Session 9, helper N: agreements, signatures, confirmation, performance, file (0031) ──
  dispute_agreements: byCounty('a dispute\'s agreement and judicial confirmation, written and read with the dispute'),
  dispute_agreement_terms: byCounty('an agreement\'s terms and their performance; follow-ups are found per county'),
  dispute_signatures: byCounty('an agreement\'s signatures, written with the dispute'),
  dispute_files: byCounty('the uploads of a dispute\'s file, claimed with the dispute'),
  // ── Session 10, helper S: mediation statistics (0032) ──
  dispute_stats_daily: byCounty('mediation statistics per place, committee, room, category and day, bumped in the transaction that changes a county\'s dispute'),
  dispute_mediator_stats_daily: byCounty('the same per mediator, bumped with the dispute\'s event; the subsidies and the ranking read a county\'s rows'),
  mediation_subsidy_rates: byCounty('a county\'s 以案定补 rates, a few dozen rows read with that county\'s statistics'),
  // ── Session 11, helper T: visit tasks (0034) ──
  visit_tasks: byCounty('a county\'s visit tasks: generated, listed and closed with the county (one open task per subject and rule)'),
  visit_task_events: byCounty('a visit task\'s timeline, written with the task'),
  care_assignments: byCounty('who is responsible for a person under care, read with the county\'s persons'),
  visit_trigger_scans: byCounty('the one-off facts a county\'s generation has taken up, read and written with that generation'),
  living_id_numbers: { kind: 'distributed', column: 'id_number_hash', why: 'one living registration per ID number nationally: keyed (and split) by the ID number\'s hash alone, so the unique key holds across counties' },
  // ── Session 11, helper S: field records (0033) ──
  field_templates: reference('checklists and questionnaires (a handful, each version a row), read with every county\'s visits'),
  patrols: byCounty('a county\'s patrols; chunks, findings and the rollup reference them with the county in the key'),
  patrol_track_chunks: byCounty('encrypted track chunks of a patrol, written and read with it'),
  patrol_findings: byCounty('findings of a patrol and the cases they became (both by county)'),
  visit_records: byCounty('visits, append-only, per subject within a county'),
  household_assessments: byCounty('risk assessments of a county\'s households (foreign key to households with the county)'),
  household_risk_current: byCounty('one row per assessed household, upserted with its assessment'),
  field_attachments: byCounty('photos and voice notes of a county\'s field records'),
  patrol_stats_daily: byCounty('一日一巡 rollup per grid, worker and day, bumped in the transaction of each patrol record'),
};

/** The table every county-distributed table is co-located with. */
export const colocationAnchor = 'grids';

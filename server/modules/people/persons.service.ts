/**
 * Persons of the registry: validated on the way in (GB 11643 ID numbers, mobile numbers, code tables, the grid),
 * stored with sensitive values encrypted, listed masked, and revealed in full only to `person:reveal` with a
 * reason, each reveal in the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import { maskPhone, mobileIssue, normaliseMobile } from '../../../core/contact.ts';
import { idNumberIssue, parseIdNumber } from '../../../core/people/id-number.ts';
import { maskIdNumber, maskName } from '../../../core/people/masks.ts';
import type { PersonCreateSchema, PersonListQuery, RevealSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../lib/context.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { today } from '../../lib/clock.ts';
import * as audit from '../audit/audit.service.ts';
import { codeNames, codeProblems } from '../codes/codes.service.ts';
import { gridFor } from '../grids/grids.service.ts';
import * as repo from './people.repository.ts';
import { presentPerson } from './people.presenter.ts';
import { presentRecord, recordCategory } from './records.service.ts';
import { exportWatermark } from './person-files.ts';
import { listPrefix } from './list-scope.ts';
import { spendRevealBudget } from '../reveals/reveal-budget.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';

/** A client id that names a record already there under another request (not a retry: its key differs). */
export const idTakenError = () => new AppError('CONFLICT', [{ path: 'body.id', code: 'id_taken', message: '该记录编号已被使用' }]);

/** The answer for an ID number that already has a living registration: the same wherever it is, naming nothing of it. */
export const ALREADY_REGISTERED = '该身份证号已登记，请联系上级核实';

/** Adds a person. @throws FORBIDDEN, VALIDATION_FAILED (naming each field), CONFLICT (ID number already registered) */
export async function createPerson(ctx: AppContext, actor: Actor, input: z.infer<typeof PersonCreateSchema>, ticket?: Ticket) {
  requirePermission(actor, 'person:write');
  const issues: FieldIssue[] = [];
  let idNumber: string | undefined, sex = input.sex, birthDate = input.birthDate;
  if (input.idNumber) {
    const parsed = parseIdNumber(input.idNumber, today(ctx.clock));
    if ('problem' in parsed) issues.push(idNumberIssue('body.idNumber', parsed.problem));
    else {
      idNumber = parsed.number;
      // Derived, not asked twice: the number decides sex and birth date.
      sex = parsed.sex === 'male' ? '1' : '2';
      birthDate = parsed.birthDate;
    }
  }
  if (!idNumber && birthDate && birthDate > today(ctx.clock)) issues.push({ path: 'body.birthDate', code: 'in_future', message: '出生日期不能晚于今天' });
  let phone: string | undefined;
  if (input.phone) {
    phone = normaliseMobile(input.phone) ?? undefined;
    if (!phone) issues.push(mobileIssue('body.phone'));
  }
  issues.push(...(await codeProblems(ctx, ctx.db, [['body.personType', 'person_type', input.personType], ['body.sex', 'sex', sex], ['body.ethnicity', 'ethnicity', input.ethnicity], ['body.relation', 'household_relation', input.relation]])));
  // A relation is to a household's head: one without the other is a form half filled in.
  if (input.householdId && !input.relation) issues.push({ path: 'body.relation', code: 'relation_required', message: '请选择与户主的关系' });
  if (input.relation && !input.householdId) issues.push({ path: 'body.householdId', code: 'household_required', message: '填写与户主的关系时须选择所在的户' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const grid = await gridFor(ctx.db, actor, input.gridCode);
  const row = personRow(ctx, { ...input, idNumber, sex, birthDate, phone }, grid, ctx.clock.now());
  if (input.id) row.id = input.id;
  const now = row.createdAt;
  let answer = presentPerson(row, today(ctx.clock));
  const taken = await ctx.db.transaction(async (tx) => {
    if (input.id && (await repo.idTaken(tx, 'person', row.countyCode, row.id))) throw idTakenError();
    const home = input.householdId ? await joinableHousehold(tx, actor, input.householdId, row.countyCode) : undefined;
    if (home) {
      // A member lives where the household lives (as POST /api/households/:id/members has it).
      Object.assign(row, { householdId: home.id, relation: input.relation!, gridCode: home.gridCode, villageCode: home.villageCode });
      answer = presentPerson(row, today(ctx.clock));
    }
    // ID numbers are unique nationally, so a second registration must fail; the answer is the same wherever the
    // first one lives (in the caller's scope or not) and names nothing of it. Each refusal is audited, so someone
    // probing ID numbers this way leaves a trace.
    if (!(await repo.insertPerson(tx, row))) return true;
    const history: repo.HistoryRow[] = [{ countyCode: row.countyCode, objectType: 'person', objectId: row.id, event: 'created', fromGrid: null, toGrid: row.gridCode, data: null, actorId: actor.id, actorName: actor.name, at: now }];
    await audit.record(tx, ctx, actor, { action: 'person.create', objectType: 'person', objectId: row.id, countyCode: row.countyCode });
    if (home) {
      // The head's relation makes the head; a household without one takes its first member, as adding a member does.
      if (input.relation === HEAD_RELATION || !home.headPersonId) await repo.updateHousehold(tx, home, { headPersonId: row.id, updatedAt: now });
      history.push({ countyCode: row.countyCode, objectType: 'person', objectId: row.id, event: 'joined', fromGrid: null, toGrid: home.gridCode, data: { householdId: home.id, relation: input.relation, previousHousehold: null }, actorId: actor.id, actorName: actor.name, at: now });
      await audit.record(tx, ctx, actor, { action: 'household.addMember', objectType: 'household', objectId: home.id, countyCode: home.countyCode, detail: { personId: row.id, relation: input.relation } });
    }
    await repo.addHistory(tx, history);
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return false;
  });
  if (taken) {
    await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.create', objectType: 'person', outcome: 'failure', countyCode: row.countyCode, detail: { reason: 'already_registered' } });
    throw new AppError('CONFLICT', [{ path: 'body.idNumber', code: 'already_registered', message: ALREADY_REGISTERED }]);
  }
  return answer;
}

/** GB/T 4761's 户主: a person joining with this relation becomes the household's head. */
export const HEAD_RELATION = '02';

/** The household a new person joins, locked: in the actor's scope (else missing), active and of the person's county. */
async function joinableHousehold(tx: Executor, actor: Actor, id: string, countyCode: string) {
  const h = await repo.householdInScope(tx, id, scopePrefix(actor), true);
  if (!h) throw new AppError('NOT_FOUND', [{ path: 'body.householdId', code: 'unknown_household', message: '该户不存在或不在您的管辖范围内' }]);
  if (h.status !== 'active') throw new AppError('VALIDATION_FAILED', [{ path: 'body.householdId', code: 'household_inactive', message: '该户已注销，不能再加入成员' }]);
  if (h.countyCode !== countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.householdId', code: 'other_county', message: '户籍成员须在同一县' }]);
  return h;
}

/**
 * A new registry row for checked values: sensitive values encrypted, with lookup hashes and masks. With
 * `deferEncryption` the *_enc fields hold the plain values for `encryptRows` to replace (bulk imports encrypt a
 * batch in one call); such rows must never be written before.
 */
export function personRow(ctx: AppContext, v: { name: string; personType: string; idNumber?: string; sex?: string; birthDate?: string; ethnicity?: string; phone?: string; address?: string }, grid: { code: string; countyCode: string; villageCode: string }, now: Date, deferEncryption = false): repo.PersonRow {
  const enc = deferEncryption ? (x: string) => x : (x: string) => ctx.crypto.encrypt(x);
  return {
    countyCode: grid.countyCode,
    id: randomUUID(),
    gridCode: grid.code,
    villageCode: grid.villageCode,
    personType: v.personType,
    nameEnc: enc(v.name),
    nameHash: ctx.crypto.lookupHash(`name:${v.name}`),
    nameMask: maskName(v.name),
    idNumberEnc: v.idNumber ? enc(v.idNumber) : null,
    idNumberHash: v.idNumber ? idNumberHash(ctx, v.idNumber) : null,
    idNumberMask: v.idNumber ? maskIdNumber(v.idNumber) : null,
    sex: v.sex ?? null,
    birthDate: v.birthDate ?? null,
    ethnicity: v.ethnicity ?? null,
    phoneEnc: v.phone ? enc(v.phone) : null,
    phoneHash: v.phone ? ctx.crypto.lookupHash(`phone:${v.phone}`) : null,
    phoneMask: v.phone ? maskPhone(v.phone) : null,
    address: v.address ?? null,
    householdId: null,
    relation: null,
    dwellingId: null,
    sensitiveEnc: null,
    status: 'active',
    leftOn: null,
    purgeAfter: null,
    legalHold: false,
    purgedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

/** Encrypts the deferred *_enc fields of rows made with `deferEncryption`, in one call to the provider. */
export async function encryptRows(ctx: AppContext, rows: repo.PersonRow[]): Promise<void> {
  const out = await ctx.crypto.encryptMany(rows.flatMap((r) => [r.nameEnc, r.idNumberEnc, r.phoneEnc]));
  rows.forEach((r, i) => {
    r.nameEnc = out[i * 3]!;
    r.idNumberEnc = out[i * 3 + 1] ?? null;
    r.phoneEnc = out[i * 3 + 2] ?? null;
  });
}

/** The keyed hash an ID number is found by. */
export const idNumberHash = (ctx: AppContext, n: string) => ctx.crypto.lookupHash(`id:${n}`);

/** One person, masked. @throws FORBIDDEN, NOT_FOUND */
export async function getPerson(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'person:read');
  const p = foundOrMissing(await repo.personInScope(ctx.db, id, scopePrefix(actor)));
  const [history, records] = await Promise.all([repo.historyOf(ctx.db, 'person', p.id), repo.recordsOf(ctx.db, p.countyCode, p.id)]);
  const view = presentPerson(p, today(ctx.clock));
  // A child's records show only their kind: everything about a child under 14 is sensitive.
  return { ...view, records: records.map((r) => ({ ...presentRecord(r), ...(view.ageBand === 'under14' ? { data: null } : {}) })), history: history.map(presentHistory) };
}

/**
 * A page of persons under the actor's scope (or a township, village or grid of it), masked, each with their grid's
 * name and household; exact search by name, ID number or mobile. @throws FORBIDDEN, VALIDATION_FAILED
 */
export async function listPersons(ctx: AppContext, actor: Actor, q: z.infer<typeof PersonListQuery>) {
  requirePermission(actor, 'person:read');
  const prefix = await listPrefix(ctx, actor, q);
  let byId: string | undefined;
  if (q.idNumber) {
    const parsed = parseIdNumber(q.idNumber, today(ctx.clock));
    if ('problem' in parsed) throw new AppError('VALIDATION_FAILED', [idNumberIssue('query.idNumber', parsed.problem)]);
    byId = idNumberHash(ctx, parsed.number);
  }
  let byPhone: string | undefined;
  if (q.phone) {
    const phone = normaliseMobile(q.phone);
    if (!phone) throw new AppError('VALIDATION_FAILED', [mobileIssue('query.phone')]);
    byPhone = ctx.crypto.lookupHash(`phone:${phone}`);
  }
  const { rows, total } = await repo.listPersonsPlaced(ctx.db, { prefix, nameHash: q.name ? ctx.crypto.lookupHash(`name:${q.name}`) : undefined, idNumberHash: byId, phoneHash: byPhone }, q.pageSize, (q.page - 1) * q.pageSize);
  const day = today(ctx.clock);
  return {
    items: rows.map((r) => {
      const view = presentPerson(r.p, day);
      // A child's address is not shown, so neither is the household's: the number still opens the card.
      const household = r.household?.id ? { id: r.household.id, number: r.household.number, address: view.ageBand === 'under14' ? null : r.household.address } : null;
      return { ...view, gridName: r.gridName, household };
    }),
    total, page: q.page, pageSize: q.pageSize,
  };
}

const EXPORT_CAP = 50_000;

/**
 * The persons of the actor's scope (or one grid), masked, as XLSX with a watermark of user and time; the export
 * is audited with its filter and row count. @throws FORBIDDEN, VALIDATION_FAILED (more than 50,000 rows: narrow it)
 */
export async function exportPersons(ctx: AppContext, actor: Actor, q: { grid?: string; region?: string }) {
  requirePermission(actor, 'person:read');
  const n = await codeNames(ctx, ['person_type', 'sex', 'ethnicity', 'household_relation']);
  const label = (table: string, code: string | null) => (code ? n[table]!.get(code) ?? code : '');
  const prefix = await listPrefix(ctx, actor, q);
  const first = await repo.listPersonsPlaced(ctx.db, { prefix }, 1, 0);
  if (first.total > EXPORT_CAP) throw new AppError('VALIDATION_FAILED', [{ path: 'query.grid', code: 'too_many', message: `共 ${first.total} 人，超过 ${EXPORT_CAP}：请按网格导出` }]);
  const day = today(ctx.clock);
  const rows = [];
  for (let offset = 0; offset < first.total; offset += 5000) {
    for (const r of (await repo.listPersonsPlaced(ctx.db, { prefix }, 5000, offset)).rows) {
      const v = presentPerson(r.p, day);
      rows.push({ name: v.name, sex: label('sex', v.sex), age: v.age, personType: label('person_type', v.personType), idNumber: v.idNumber, phone: v.phone, ethnicity: label('ethnicity', v.ethnicity), address: v.address, grid: r.gridName ?? v.gridCode, relation: label('household_relation', v.relation) });
    }
  }
  const now = ctx.clock.now();
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.export', objectType: 'person', countyCode: actor.scopeCode.slice(0, 6), detail: { grid: q.grid ?? null, region: q.region ?? null, rows: rows.length } });
  return { rows, watermark: exportWatermark(actor.name, now, `${rows.length} 人`) };
}

/** The full values of some fields, for `person:reveal`, written to the audit log with the reason. @throws FORBIDDEN, NOT_FOUND */
export async function revealPerson(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof RevealSchema>) {
  requirePermission(actor, 'person:reveal');
  const p = foundOrMissing(await repo.personInScope(ctx.db, id, scopePrefix(actor)));
  await spendRevealBudget(ctx, actor, 'person.reveal');
  // Audited before anything is decrypted: a failure after this point still leaves the trace.
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'person.reveal', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { fields: input.fields, reason: input.reason } });
  const out: Record<string, string | null> = {};
  for (const f of input.fields) {
    if (f === 'name') out.name = ctx.crypto.decrypt(p.nameEnc);
    if (f === 'idNumber') out.idNumber = p.idNumberEnc ? ctx.crypto.decrypt(p.idNumberEnc) : null;
    if (f === 'phone') out.phone = p.phoneEnc ? ctx.crypto.decrypt(p.phoneEnc) : null;
    if (f === 'birthDate') out.birthDate = p.birthDate;
  }
  if (input.fields.includes('records')) {
    const records = await repo.recordsOf(ctx.db, p.countyCode, p.id);
    return { ...out, records: records.map((r) => ({ id: r.id, kind: r.kind, ...recordCategory(ctx, r), data: r.data, sensitive: r.dataEnc ? (JSON.parse(ctx.crypto.decrypt(r.dataEnc)) as unknown) : null })) };
  }
  return out;
}

/** One history row as shown. */
export function presentHistory(h: repo.HistoryRow) {
  return { event: h.event, objectType: h.objectType, objectId: h.objectId, fromGrid: h.fromGrid, toGrid: h.toGrid, data: h.data, actorName: h.actorName, at: h.at.toISOString() };
}

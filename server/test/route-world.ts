/**
 * A world for tests that walk the whole route table: one object of every kind in village A and in village B,
 * ids that name nothing, and a valid body for every route that takes one (so validation never hides the
 * access answer).
 */
import { randomUUID } from 'node:crypto';
import type { ScopedObject } from '../http/route-config.ts';
import { systemActor } from '../lib/actor.ts';
import { addStaff } from '../modules/grids/grids.service.ts';
import { createToken } from '../modules/tokens/tokens.service.ts';
import { insertGroups } from '../modules/grids/grids.repository.ts';
import { createCase } from '../modules/cases/case-intake.service.ts';
import { storeUpload } from '../modules/uploads/uploads.service.ts';
import { tinyPng } from './media-fixtures.ts';
import { checkCharacter } from '../../core/people/id-number.ts';
import { createPerson } from '../modules/people/persons.service.ts';
import { addMember, createHousehold } from '../modules/people/households.service.ts';
import { createBuilding, createPlace } from '../modules/people/places.service.ts';
import { addDwelling, registerRental } from '../modules/people/dwellings.service.ts';
import { fixture, makeUser, type TestEnv } from './harness.ts';
import { deliverDue, enqueue } from '../modules/outbox/outbox.service.ts';
import { registerPetition } from '../modules/petitions/petition-register.service.ts';
import { render as renderDocument, store as storeDocument } from '../modules/documents/documents.service.ts';
import { createCommittee, createMediator, createRoom } from '../modules/mediation/organisation.service.ts';
import { registerDispute } from '../modules/mediation/dispute-register.service.ts';
import { startPatrol } from '../modules/field/patrols.service.ts';
import { addRecord } from '../modules/people/records.service.ts';
import { assignCare } from '../modules/field-tasks/care-assignments.service.ts';
import { generateForCounty } from '../modules/field-tasks/visit-task-generator.service.ts';

export type Side = 'A' | 'B' | 'missing';

/** Records that belong to one user (a notice): every other caller, in scope or not, gets the missing answer. */
export const ownObjects: ScopedObject[] = ['notification'];

/** Reference data shared by every region (not scoped): routes naming only these are checked for permission, not place. */
export const globalObjects: ScopedObject[] = ['category', 'department', 'codeTable', 'clientId'];

/** A valid body for each workflow action. */
const actionSamples: Record<string, object> = {
  accept: {}, reject: { reason: '无效' }, redirect: { unit: '县供电公司' }, merge: { duplicateOf: '632221-00000001' }, dispatch: { userId: randomUUID() },
  return: { reason: '非本部门' }, transfer: { regionCode: fixture.villageC, reason: '转办' }, escalate: {}, assist: { departmentId: randomUUID() }, start: {},
  reportBack: { text: '已处理' }, verify: { result: 'pass' }, followUp: { satisfaction: 'satisfied' }, close: {}, closeUnresolved: { reason: '无法解决' },
  extendRequest: { minutes: 1440, reason: '需要时间' }, extendDecide: { approve: true }, urge: {}, pause: { reason: '等待群众' }, resume: {},
};

const conclusion = { facts: '经查属实', basis: '有关规定', decision: '依法处理' };
/** A valid body for each petition action (issue 14). */
const petitionSamples: Record<string, object> = {
  transfer: { to: { departmentId: randomUUID() } }, assign: { to: { regionCode: fixture.townshipB }, reportBy: '2026-12-31' }, handOver: { to: '县纪委监委' },
  notAccept: { ground: 'litigation', reason: '应通过诉讼解决', steerTo: '县人民法院' }, accept: {}, object: { reason: '不属本单位职责' },
  requestExtension: { days: 10, reason: '情况复杂' }, approveExtension: {}, conclude: conclusion, serve: { method: 'in_person', servedAt: '2026-03-02T01:00:00.000Z' },
  requestReview: { to: { regionCode: fixture.county }, reason: '不服' }, concludeReview: conclusion, requestReReview: { to: { regionCode: fixture.county }, reason: '仍不服' },
  startHearing: {}, endHearing: {}, concludeReReview: conclusion, urge: {}, close: {},
};

/** A valid body for each dispute action (issue 15). */
const twoParties = [{ side: 'applicant', name: '样例甲', phone: '13700001111' }, { side: 'respondent', name: '样例乙' }];
const disputeSamples: Record<string, object> = {
  assign: { mediatorIds: [randomUUID()] }, choose: { mediatorIds: [randomUUID()] }, transfer: { committeeId: randomUUID(), reason: '移送镇调委会' }, accept: {},
  scheduleSession: { at: '2026-03-05T01:00:00.000Z', place: '村委会' }, recordSession: { partyIds: [randomUUID()], record: '双方陈述' },
  extend: { days: 10, reason: '双方同意', consents: [{ partyId: randomUUID(), how: 'signed', at: '2026-03-02T01:00:00.000Z' }] },
  recordAgreement: { form: 'oral', terms: '赔偿500元' }, recordFailure: { reason: '分歧大', routesTold: '可向法院起诉', toldAt: '2026-03-02T01:00:00.000Z' },
  refer: { to: 'court', receiver: '县人民法院', reason: '诉调对接' }, recordReferralAnswer: { answer: 'accepted', text: '已立案', answeredAt: '2026-03-02T01:00:00.000Z' },
  refuse: { partyId: randomUUID(), reason: '不同意调解' }, urge: {}, close: {},
  sign: { signer: 'mediator', method: 'screen' }, applyConfirmation: { court: '县人民法院', appliedAt: '2026-03-02T01:00:00.000Z' },
  recordCourtAcceptance: { accepted: true, caseNo: '调确字第1号', at: '2026-03-02T01:00:00.000Z' }, extendCourtReview: { approvedBy: '院长' },
  recordCourtDecision: { outcome: 'confirmed', decidedAt: '2026-03-02T01:00:00.000Z' }, recordPerformance: { term: 0, result: 'performed' },
  recordFollowUpVisit: { outcome: 'urged', note: '电话回访' }, fileDocuments: { kind: 'identity', uploadIds: [randomUUID()] },
};

/** A valid body for each route with an object in its path that takes one. */
export const sampleBodies: Record<string, object> = {
  'POST /api/cases/:code/reporter': { reason: '回访核实' },
  'POST /api/notifications/:id/read': {},
  ...Object.fromEntries(Object.entries(actionSamples).map(([a, b]) => [`POST /api/cases/:code/actions/${a}`, b])),
  ...Object.fromEntries(Object.entries(petitionSamples).map(([a, b]) => [`POST /api/petitions/:code/actions/${a}`, b])),
  'POST /api/petitions/:code/petitioners/reveal': { reason: '电话回访核实' },
  ...Object.fromEntries(Object.entries(disputeSamples).map(([a, b]) => [`POST /api/disputes/:code/actions/${a}`, b])),
  'POST /api/disputes/:code/parties/reveal': { reason: '电话联系当事人' },
  'POST /api/cases/:code/dispute': { category: 'neighbour', parties: twoParties },
  'POST /api/petitions/:code/dispute': { category: 'neighbour', parties: twoParties },
  'PATCH /api/mediation/committees/:id': { name: '改名调委会' },
  'PATCH /api/mediation/rooms/:id': { mode: 'mobile' },
  'PATCH /api/mediators/:id': { languages: ['zh', 'bo'] },
  'POST /api/petitions/:code/case-links': { caseCode: '632221-00000000' },
  'POST /api/petitions/:code/cases': { petitionerAsReporter: false },
  'POST /api/cases/:code/petition': { kind: 'complaint' },
  'PUT /api/grids/:code/duties': { duties: ['safety'] },
  'POST /api/grids/:code/staff': { role: 'gridWorker', name: '测试' },
  'PATCH /api/users/:id': { displayName: '改名' },
  'POST /api/users/:id/unlock': {},
  'POST /api/users/:id/password': { password: 'Reset#pass2026' },
  'POST /api/users/:id/reset-totp': {},
  'PATCH /api/categories/:id': { name: '道路破损' },
  'PATCH /api/departments/:id': { name: '县住建局' },
  'POST /api/people/:id/reveal': { fields: ['name', 'idNumber', 'phone'], reason: '入户核实身份' },
  'POST /api/people/:id/records': { kind: 'care', category: '01', data: { note: '独居' } },
  'POST /api/people/:id/leave': { reason: 'moved_away', on: '2026-01-10' },
  'POST /api/people/:id/legal-hold': { hold: true, reason: '涉诉案件' },
  'POST /api/households/:id/members': { personId: randomUUID(), relation: '10' },
  'POST /api/households/:id/move': { gridCode: fixture.gridA2, reason: '搬迁' },
  'PATCH /api/people/:id': { version: 0, address: 'A村2号' },
  'POST /api/people/:id/move': { gridCode: fixture.gridA2, reason: '搬迁' },
  'PATCH /api/households/:id': { version: 0, riskLevel: 'attention' },
  'POST /api/households/:id/members/:personId/remove': {},
  'POST /api/buildings/:id/dwellings': { label: '102' },
  'PATCH /api/buildings/:id': { version: 0, floors: 5 },
  'PATCH /api/places/:id': { version: 0, contactPhone: '13900001111' },
  'POST /api/dwellings/:id/rental': { use: '1', registeredOn: '2026-01-05', landlordIdNumber: '63222119700315001' + checkCharacter('63222119700315001'), landlordName: '房东多吉' },
  // A's person (the world's first) moves in; later callers are told they already live there.
  'POST /api/dwellings/:id/tenants': { idNumber: '63222119850612123' + checkCharacter('63222119850612123'), since: '2026-01-06' },
  'POST /api/dwellings/:id/tenants/:personId/end': { until: '2026-01-07' },
  // ── Session 11, helper S: field records (a patrol is its worker's own; `clientId` is a new record's client UUID) ──
  'POST /api/field/patrols/:patrolId/end': { id: randomUUID(), endedAt: '2026-03-02T01:00:00.000Z' },
  'POST /api/field/patrols/:patrolId/track': { id: randomUUID(), seq: 0, points: [[1772413200000, 37.05, 101.05, 5]] },
  'POST /api/field/patrols/:patrolId/findings': { id: randomUUID(), recordedAt: '2026-03-02T01:00:00.000Z', categoryId: 'municipal.road', description: '巡查发现路面破损', lat: 37.05, lng: 101.05 },
  'PUT /api/field/attachments/:id': {},
  // ── Session 12, helper A: responsible workers (an account id that names nobody: the worker check answers 400) ──
  'PUT /api/field/care-assignments/:personId': { workerId: randomUUID() },
};

const LANDLORD_ID = { A: '63222119700315001' + checkCharacter('63222119700315001'), B: '63222119710416002' + checkCharacter('63222119710416002') };

/** The plain values of the sensitive fields of the world's persons: no answer may contain them unless revealed. */
export const sensitiveValues: string[] = [];

/** Texts and ids of village B's records: no answer to a caller placed in village A may contain one. */
export const outOfScopeMarkers: string[] = [];

/**
 * Each list route (GET without path parameters) with the queries that would bring village B's records or numbers
 * to a caller of village A if the scope were forgotten: `clean` answers may hold none of B's markers; `refused`
 * ones name a place outside the scope and must answer exactly as the same query naming a place that does not
 * exist (`missingPlace`). The matrix fails on a
 * list route missing here, so a new list is probed the day it is added.
 */
export const listProbes: Record<string, { query: string; want: 'clean' | 'refused' }[]> = {
  'GET /api/auth/me': [],
  'GET /api/regions/root': [],
  'GET /api/regions/search': [{ query: `?q=${encodeURIComponent('头塘')}`, want: 'clean' }],
  'GET /api/categories': [],
  'GET /api/departments': [],
  'GET /api/deadline-policies': [],
  'GET /api/calendar': [],
  'GET /api/code-tables': [],
  'GET /api/routing-rules': [{ query: '?county=632221', want: 'clean' }],
  'GET /api/tokens': [{ query: '', want: 'clean' }],
  'GET /api/notifications': [{ query: '', want: 'clean' }],
  'GET /api/users': [{ query: '', want: 'clean' }, { query: '?q=target', want: 'clean' }],
  'GET /api/audit': [{ query: '', want: 'clean' }],
  'GET /api/audit/actors': [{ query: '', want: 'clean' }, { query: `?q=${encodeURIComponent('operator')}`, want: 'clean' }],
  'GET /api/handlers': [{ query: '', want: 'clean' }],
  'GET /api/cases': [{ query: '', want: 'clean' }, { query: '?q=B村道路破损', want: 'clean' }, { query: '?category=municipal.road', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }],
  'GET /api/cases/boxes': [{ query: '', want: 'clean' }],
  'GET /api/cases/export': [{ query: '', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/kpis': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }],
  'GET /api/kpis/petitions': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/grids': [{ query: '', want: 'clean' }, { query: '?q=B', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/grids/geojson': [{ query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/locate': [{ query: '?lng=101.25&lat=37.05', want: 'refused' }],
  'GET /api/people': [{ query: '', want: 'clean' }, { query: '?name=卓玛拉姆', want: 'clean' }, { query: `?idNumber=63222120150301456${checkCharacter('63222120150301456')}`, want: 'clean' }, { query: '?phone=13698765432', want: 'clean' }, { query: `?grid=${fixture.gridB1}`, want: 'refused' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/people/import': [],
  'GET /api/people/import/errors': [],
  'GET /api/people/import/template': [],
  'GET /api/people/export': [{ query: `?grid=${fixture.gridB1}`, want: 'refused' }],
  'GET /api/people/stats': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.gridB1}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }],
  'GET /api/people/expiring': [{ query: '', want: 'clean' }, { query: `?grid=${fixture.gridB1}`, want: 'refused' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/buildings': [{ query: `?grid=${fixture.gridB1}`, want: 'refused' }],
  'GET /api/places': [{ query: '', want: 'clean' }, { query: `?grid=${fixture.gridB1}`, want: 'refused' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/households': [{ query: '', want: 'clean' }, { query: `?grid=${fixture.gridB1}`, want: 'refused' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/rentals': [{ query: `?grid=${fixture.gridB1}`, want: 'refused' }],
  'GET /api/petitions': [{ query: '', want: 'clean' }, { query: `?q=${encodeURIComponent('B村信访道路')}`, want: 'clean' }, { query: '?box=inbox', want: 'clean' }],
  'GET /api/petitions/boxes': [{ query: '', want: 'clean' }],
  'GET /api/petitions/repeats': [{ query: `?matter=${encodeURIComponent('B村信访道路')}&villageCode=${fixture.villageB}`, want: 'clean' }, { query: '?phone=13833334444', want: 'clean' }],
  'GET /api/rentals/export': [{ query: `?grid=${fixture.gridB1}`, want: 'refused' }],
  'GET /api/disputes': [{ query: '', want: 'clean' }, { query: `?q=${encodeURIComponent('B村纠纷宅基地')}`, want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'clean' }, { query: '?box=urgent', want: 'clean' }],
  'GET /api/disputes/boxes': [{ query: '', want: 'clean' }],
  'GET /api/mediation/committees': [{ query: '', want: 'clean' }],
  // Session 10, helper S: mediation statistics, subsidies and the ranking (region-scoped like the KPIs).
  'GET /api/kpis/mediation': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/mediation/subsidy-rates': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/mediation/subsidies': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/mediation/subsidies.xlsx': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/mediation/experts': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/mediation/rooms': [{ query: '', want: 'clean' }],
  'GET /api/mediators': [{ query: '', want: 'clean' }, { query: '?language=bo', want: 'clean' }],
  'GET /api/mediation/accounts': [{ query: '', want: 'clean' }],
  // ── Session 11, helper T: visit tasks (mine, or the scope's) ──
  'GET /api/field/coverage': [{ query: '', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?grid=${fixture.gridB1}`, want: 'refused' }],
  'GET /api/field/coverage.xlsx': [{ query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/field/snapshot': [{ query: '', want: 'clean' }],
  'GET /api/field/tasks': [{ query: '', want: 'clean' }, { query: '?scope=all', want: 'clean' }, { query: `?scope=all&region=${fixture.villageB}`, want: 'refused' }, { query: `?scope=all&grid=${fixture.gridB1}`, want: 'refused' }],
  // Session 11, helper S: field records.
  'GET /api/field/templates': [{ query: '', want: 'clean' }],
  'GET /api/field/patrols': [{ query: '', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }],
  'GET /api/field/visits': [{ query: '', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }],
  'GET /api/kpis/field': [{ query: `?region=${fixture.villageB}`, want: 'refused' }, { query: '?region=000000000000', want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }, { query: '', want: 'clean' }],
  'GET /api/field/patrol-compliance': [{ query: '', want: 'clean' }, { query: '?from=2026-03-01&to=2026-03-02', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }],
  // Session 12 (lead): the grid map's 安全风险 layer.
  'GET /api/field/risk-by-grid': [{ query: '', want: 'clean' }, { query: `?region=${fixture.villageB}`, want: 'refused' }, { query: `?region=${fixture.county}`, want: 'refused' }],
};

/** The probe's query with village B's places replaced by codes that name nothing. */
export function missingPlace(query: string): string {
  return query
    .replace(fixture.gridB1, '632221100299001')
    .replace(fixture.villageB, '632221100299')
    .replace('000000000000', '632299000000')
    .replace(fixture.county, '632299000000')
    .replace('lng=101.25', 'lng=120.5');
}

/** Objects of every kind in villages A and B, and ids naming nothing. */
export async function buildRouteWorld(env: TestEnv): Promise<Record<Side, Record<ScopedObject, string>>> {
  const objects: Record<Side, Record<ScopedObject, string>> = {
    A: { region: fixture.villageA, grid: fixture.gridA1, householdGroup: '', gridStaff: '', user: '', token: '', case: '', attachment: '', category: 'municipal.road', department: '', codeTable: 'sex', person: '', household: '', place: '', building: '', dwelling: '', notification: '', document: '', petition: '', petitionAttachment: '', dispute: '', mediationCommittee: '', mediationRoom: '', mediator: '', patrol: '', clientId: randomUUID() },
    B: { region: fixture.villageB, grid: fixture.gridB1, householdGroup: '', gridStaff: '', user: '', token: '', case: '', attachment: '', category: 'municipal.road', department: '', codeTable: 'sex', person: '', household: '', place: '', building: '', dwelling: '', notification: '', document: '', petition: '', petitionAttachment: '', dispute: '', mediationCommittee: '', mediationRoom: '', mediator: '', patrol: '', clientId: randomUUID() },
    missing: { region: '632221100299', grid: '632221100201099', householdGroup: randomUUID(), gridStaff: randomUUID(), user: randomUUID(), token: randomUUID(), case: '632221-00000000', attachment: randomUUID(), category: 'no.such', department: randomUUID(), codeTable: 'no_such_table', person: randomUUID(), household: randomUUID(), place: randomUUID(), building: randomUUID(), dwelling: randomUUID(), notification: '999999999', document: randomUUID(), petition: '632221-X0000000', petitionAttachment: randomUUID(), dispute: '632221-M0000000', mediationCommittee: randomUUID(), mediationRoom: randomUUID(), mediator: randomUUID(), patrol: randomUUID(), clientId: randomUUID() },
  };
  const root = systemActor(fixture.province, 'test');
  for (const side of ['A', 'B'] as const) {
    const village = side === 'A' ? fixture.villageA : fixture.villageB;
    const grid = objects[side].grid;
    const groupId = randomUUID();
    await insertGroups(env.ctx.db, [{ id: groupId, gridCode: grid, countyCode: grid.slice(0, 6), name: `${side}联户组`, kind: 'household', leaderName: null, memberCount: 10, createdAt: env.clock.now() }]);
    objects[side].householdGroup = groupId;
    objects[side].gridStaff = (await addStaff(env.ctx, root, grid, { role: 'gridWorker', name: `${side}网格员` })).id;
    objects[side].user = await makeUser(env.ctx, `target-${side.toLowerCase()}`, 'gridWorker', village);
    objects[side].token = (await createToken(env.ctx, root, { name: side, scopeCode: village })).id;
    const upload = await storeUpload(env.ctx, tinyPng());
    // A's and B's cases lie 140 m apart across the villages' border, same category and words: each is the other's
    // likely duplicate, so a list that forgets the scope shows it.
    objects[side].case = (await createCase(env.ctx, root, { channel: 'patrol', categoryId: 'municipal.road', description: `${side}村道路破损`, lat: 37.05, lng: side === 'A' ? 101.1992 : 101.2008, uploadIds: [upload.id] })).code;
    objects[side].attachment = upload.id;
    const first17 = side === 'A' ? '63222119850612123' : '63222120150301456'; // B's person is a child under 14
    const idNumber = first17 + checkCharacter(first17);
    const name = side === 'A' ? '扎西才让' : '卓玛拉姆';
    const phone = side === 'A' ? '13912345678' : '13698765432';
    const household = await createHousehold(env.ctx, root, { gridCode: grid, address: `${side}村1号`, riskLevel: 'normal' });
    const person = await createPerson(env.ctx, root, { gridCode: grid, personType: '01', name, idNumber, phone });
    await addMember(env.ctx, root, household.id, { personId: person.id, relation: '02', head: true });
    objects[side].person = person.id;
    objects[side].household = household.id;
    objects[side].place = (await createPlace(env.ctx, root, { gridCode: grid, kind: '01', name: `${side}村小学`, contactName: '校长甲', contactPhone: phone })).id;
    sensitiveValues.push(name, idNumber, idNumber.slice(6, 14), phone);
    // A building with a let dwelling whose landlord is not in the registry (kept encrypted, shown masked).
    const building = await createBuilding(env.ctx, root, { gridCode: grid, name: `${side}村3号楼` });
    const dwelling = await addDwelling(env.ctx, root, building.id, { label: '101' });
    const landlord = { name: side === 'A' ? '房东多吉' : '房东次仁', idNumber: LANDLORD_ID[side], phone: side === 'A' ? '13733334444' : '13755556666' };
    await registerRental(env.ctx, root, dwelling.id, { use: '1', registeredOn: '2026-01-05', landlordIdNumber: landlord.idNumber, landlordName: landlord.name, landlordPhone: landlord.phone });
    objects[side].building = building.id;
    objects[side].dwelling = dwelling.id;
    sensitiveValues.push(landlord.name, landlord.idNumber, landlord.phone);
    // A notice of the side's target user: no caller owns it, so every caller gets the missing answer.
    objects[side].notification = String(await noticeFor(env, objects[side].user, objects[side].case));
    objects[side].document = await documentFor(env, village, objects[side].case);
    // A petition about the side's village, registered by the county's 信访部门 (issue 14).
    const scan = await storeUpload(env.ctx, tinyPng());
    objects[side].petitionAttachment = scan.id;
    objects[side].petition = (await registerPetition(env.ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: `${side}村信访道路`, villageCode: village, skippedLevel: false, uploadIds: [scan.id], petitioners: [{ name: side === 'A' ? '信访甲' : '信访乙', phone: side === 'A' ? '13811112222' : '13833334444', representative: false }] })).code;
    sensitiveValues.push(side === 'A' ? '信访甲' : '信访乙', side === 'A' ? '13811112222' : '13833334444');
    // The side's mediation committee, room and mediator, and a dispute of its village (issue 15).
    const committee = await createCommittee(env.ctx, root, { level: 'village', regionCode: village, name: `${side}村调委会`, active: true });
    objects[side].mediationCommittee = committee.id;
    objects[side].mediationRoom = (await createRoom(env.ctx, root, { committeeId: committee.id, name: `${side}村调解室`, mode: 'onsite', active: true })).id;
    objects[side].mediator = (await createMediator(env.ctx, root, { committeeId: committee.id, name: `${side}调解员`, isHead: false, skills: [], languages: ['zh', 'bo'], awards: [], active: true })).id;
    const party = { name: side === 'A' ? '纠纷甲' : '纠纷乙', phone: side === 'A' ? '13722221111' : '13744443333' };
    objects[side].dispute = (await registerDispute(env.ctx, root, { source: 'walk_in', category: 'homestead', facts: `${side}村纠纷宅基地`, villageCode: village, escalationRisk: true, parties: [{ kind: 'person', side: 'applicant', ...party }, { kind: 'person', side: 'respondent', name: '对方当事人' }] })).code;
    sensitiveValues.push(party.name, party.phone);
    // The side's grid worker on patrol in the side's grid (issue 16): the patrol is theirs alone.
    const worker = { kind: 'user' as const, id: objects[side].user, name: `target-${side.toLowerCase()}`, role: 'gridWorker' as const, scopeCode: village };
    objects[side].patrol = (await startPatrol(env.ctx, worker, { id: randomUUID(), gridCode: grid, startedAt: '2026-03-02T00:00:00.000Z' })).id;
  }
  // ── Session 12, helper A: each side's person is under care and has an open visit task; A's has a responsible
  // worker (its target user), B's has none, so B's shows in a coverage list that forgets the scope. ──
  for (const side of ['A', 'B'] as const) await addRecord(env.ctx, root, objects[side].person, { kind: 'care', category: '01', data: { note: `${side}独居老人` } });
  await assignCare(env.ctx, root, objects.A.person, objects.A.user);
  await generateForCounty(env.ctx, fixture.county.slice(0, 6));
  const [bTask] = await env.ctx.database.query<{ id: string }>('SELECT id FROM visit_tasks WHERE county_code = $1 AND subject_id = $2', [fixture.county.slice(0, 6), objects.B.person]);
  const b = objects.B;
  outOfScopeMarkers.push(bTask!.id, 'B独居老人');
  outOfScopeMarkers.push(b.patrol);
  outOfScopeMarkers.push(b.dispute, 'B村纠纷宅基地', 'B村调委会', 'B村调解室', 'B调解员', b.mediationCommittee, b.mediationRoom, b.mediator);
  outOfScopeMarkers.push(b.document, b.petition, 'B村信访道路', b.case, 'B村道路破损', 'B村小学', 'B村3号楼', 'B村1号', 'B网格员', 'B联户组', 'target-b', b.person, b.household, b.place, b.building, b.dwelling, b.user, b.gridStaff);
  return objects;
}

/** Renders and stores one document of a case in `village` (read under case:read) and returns its id. */
async function documentFor(env: TestEnv, village: string, code: string): Promise<string> {
  const rendered = await renderDocument(env.ctx, 'petition.acceptance_notice', { docNo: '测〔2026〕1号', issuer: '测试县信访局', issuedOn: '2026-01-05', petitionCode: code, matter: '道路破损', petitioner: '测试人', receivedOn: '2026-01-02', acceptedOn: '2026-01-03', route: '转交住建部门', procedure: '调查—处理—答复' });
  const root = systemActor(fixture.province, 'test');
  return (await env.ctx.db.transaction((tx) => storeDocument(tx, env.ctx, root, { countyCode: village.slice(0, 6), regionCode: village, subjectType: 'case', subjectId: randomUUID(), subjectCode: code, readPermission: 'case:read', personal: true, rendered }))).id;
}

/** Delivers one notice about a case to a user and returns its id. */
async function noticeFor(env: TestEnv, userId: string, code: string): Promise<number> {
  await env.ctx.db.transaction((tx) => enqueue(tx, env.clock.now(), code.slice(0, 6), { kind: 'notify', userIds: [userId], subject: { type: 'case', id: randomUUID(), code }, text: `通知 ${code}` }));
  await deliverDue(env.ctx);
  const [row] = await env.ctx.database.query<{ id: number }>('SELECT id FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId]);
  return Number(row!.id);
}

/** The route's URL with each parameter replaced by the object of that kind on `side` (Open311 `:format` = json). */
export function fillRoute(objects: Record<Side, Record<ScopedObject, string>>, url: string, kinds: ScopedObject[], side: Side): string {
  let i = 0;
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'format' ? 'json' : objects[side][kinds[i++]!]));
}

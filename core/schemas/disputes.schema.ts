/**
 * One zod schema per dispute and mediation request (register, each workflow action, list query, the online
 * application, committees, rooms, mediators). The routes validate with these (server/modules/mediation/*.routes.ts).
 */
import { z } from 'zod';
import { agreementForms, committeeLevels, disputeScales, referralTargets, roomModes } from '../workflow/dispute-workflow.ts';
import { disputeCategories } from '../mediation/categories.ts';
import { MAX_EXTENSION_DAYS } from '../mediation/clock-kinds.ts';
import { Instant, Paging, RegionCode } from './common.schema.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Note = z.string().max(500).optional();
const Id = z.string().uuid();

/** A dispute's code: county + `M` + 7 characters (petitions' are county + `X` + 7). */
export const DisputeCode = z.string().regex(/^\d{6}-M[0-9A-Z]{7}$/, '纠纷编号格式应为 632221-M1234567');

/** One party (当事人): a person or an organisation; name, ID number and phone stored encrypted and shown masked. */
export const DisputePartyInput = z.object({
  kind: z.enum(['person', 'organisation']).default('person'),
  side: z.enum(['applicant', 'respondent']),
  name: Text(100),
  idType: z.enum(['resident_id', 'passport', 'hk_macao_pass', 'taiwan_pass', 'credit_code', 'other']).optional(),
  /** A 居民身份证号 is checked (GB 11643); a 统一社会信用代码 for an organisation. */
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().max(200).optional(),
  /** 代理人 (a lawyer, a relative): name, phone, relation. */
  agent: z.object({ name: Text(50), phone: z.string().trim().max(30).optional(), relation: z.string().max(30).optional() }).optional(),
});
export type DisputePartyInput = z.infer<typeof DisputePartyInput>;

const Place = {
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  villageCode: RegionCode.optional(),
  address: z.string().max(200).optional(),
};

const common = {
  category: z.enum(disputeCategories),
  scale: z.enum(disputeScales).default('ordinary'),
  /** 涉及人数. */
  peopleCount: z.number().int().min(1).max(100000).optional(),
  /** 民转刑 risk: urgent, and the leaders are told. */
  escalationRisk: z.boolean().default(false),
  /** The main facts (纠纷的主要事实). */
  facts: Text(4000),
  /** The points in dispute and what each side asks (争议事项). */
  claims: z.string().max(2000).optional(),
  ...Place,
  /** The committee it goes to (defaults to the village's, else the township's). */
  committeeId: Id.optional(),
  parties: z.array(DisputePartyInput).min(2).max(30),
};

/** POST /api/disputes: staff register a dispute found by screening (排查) or brought in person (walk-in). */
export const DisputeRegisterSchema = z.object({ source: z.enum(['screening', 'walk_in']), ...common, receivedAt: Instant.optional() })
  .refine((v) => v.parties.some((p) => p.side === 'applicant') && v.parties.some((p) => p.side === 'respondent'), { message: '至少一方申请人和一方被申请人', path: ['parties'] });
export type DisputeRegisterInput = z.infer<typeof DisputeRegisterSchema>;

/** POST /api/cases/:code/dispute and /api/petitions/:code/dispute: the record becomes a dispute (parties given here). */
export const DisputeFromRecordSchema = z.object({ ...common, category: z.enum(disputeCategories).optional(), facts: z.string().max(4000).optional() })
  .refine((v) => v.parties.some((p) => p.side === 'applicant') && v.parties.some((p) => p.side === 'respondent'), { message: '至少一方申请人和一方被申请人', path: ['parties'] });
export type DisputeFromRecordInput = z.infer<typeof DisputeFromRecordSchema>;

/** POST /api/public/disputes: a resident applies for mediation on the H5 pages (no sign-in; answers a code and a key). */
export const PublicDisputeSchema = z.object({
  category: z.enum(disputeCategories),
  facts: Text(2000),
  claims: z.string().max(1000).optional(),
  ...Place,
  name: Text(50),
  phone: Text(30),
  idNumber: z.string().trim().max(18).optional(),
  /** The other side, as far as the applicant knows them. */
  otherParty: z.object({ name: Text(100), phone: z.string().trim().max(30).optional(), kind: z.enum(['person', 'organisation']).default('person') }),
});
export type PublicDisputeInput = z.infer<typeof PublicDisputeSchema>;

/** One party's consent to an extension: how it was given and when. */
const Consent = z.object({ partyId: Id, how: z.enum(['signed', 'fingerprint', 'oral_recorded']), at: Instant });

/** The body of each workflow action (POST /api/disputes/:code/actions/:action). */
export const disputeActionSchemas = {
  assign: z.object({ mediatorIds: z.array(Id).min(1).max(5), leadId: Id.optional(), roomId: Id.optional(), note: Note }),
  choose: z.object({ mediatorIds: z.array(Id).min(1).max(5), leadId: Id.optional(), roomId: Id.optional(), note: Note }),
  transfer: z.object({ committeeId: Id, reason: Text(500) }),
  accept: z.object({ note: Note }),
  scheduleSession: z.object({ at: Instant, roomId: Id.optional(), place: z.string().max(200).optional(), online: z.boolean().default(false) })
    .refine((v) => v.online || !!v.roomId || !!v.place, { message: '请选择调解室、填写地点或选择网上调解', path: ['roomId'] }),
  recordSession: z.object({
    /** The session scheduled before (else a session held now is recorded). */
    sessionId: Id.optional(),
    heldAt: Instant.optional(),
    partyIds: z.array(Id).min(1).max(30),
    mediatorIds: z.array(Id).max(5).default([]),
    othersCount: z.number().int().min(0).max(1000).default(0),
    /** 调解笔录. */
    record: Text(20000),
    signedPartyIds: z.array(Id).max(30).default([]),
    signedMediatorIds: z.array(Id).max(5).default([]),
  }),
  extend: z.object({ days: z.number().int().min(1).max(MAX_EXTENSION_DAYS), reason: Text(500), consents: z.array(Consent).min(1).max(30) }),
  recordAgreement: z.object({ form: z.enum(agreementForms), terms: Text(8000), note: Note }),
  recordFailure: z.object({ reason: Text(1000), routesTold: Text(1000), toldAt: Instant }),
  refer: z.object({ to: z.enum(referralTargets), receiver: Text(100), reason: Text(1000) }),
  recordReferralAnswer: z.object({ answer: z.enum(['accepted', 'declined']), text: Text(1000), answeredAt: Instant }),
  refuse: z.object({ partyId: Id, reason: Text(500) }),
  urge: z.object({ note: Note }),
  close: z.object({ note: Note }),
};
export type DisputeActionInputs = { [K in keyof typeof disputeActionSchemas]: z.infer<(typeof disputeActionSchemas)[K]> };

/** Workbench boxes of GET /api/disputes. */
export const disputeBoxes = ['all', 'mine', 'new', 'sessionsToday', 'overdue', 'urgent'] as const;

/** GET /api/disputes */
export const DisputeListQuery = Paging.extend({
  /** mine: mine to mediate; new: waiting for a mediator; sessionsToday: a session scheduled today; overdue; urgent (民转刑). */
  box: z.enum(disputeBoxes).default('all'),
  status: z.string().max(200).optional(),
  category: z.enum(disputeCategories).optional(),
  committeeId: Id.optional(),
  region: RegionCode.optional(),
  q: z.string().max(50).optional(),
});

/** POST /api/disputes/:code/parties/reveal and the session record's read: the reason, recorded in the audit row. */
export const DisputeRevealSchema = z.object({ reason: z.string().trim().min(2, '请填写查看原因（至少2个字）').max(200) });

/** POST /api/mediation/committees, PATCH …/:id */
export const CommitteeSchema = z.object({ level: z.enum(committeeLevels), regionCode: RegionCode, name: Text(100), industry: z.string().max(50).optional(), active: z.boolean().default(true) });
export const CommitteePatchSchema = z.object({ name: Text(100).optional(), industry: z.string().max(50).nullable().optional(), active: z.boolean().optional() });

/** POST /api/mediation/rooms, PATCH …/:id */
export const RoomSchema = z.object({ committeeId: Id, name: Text(100), mode: z.enum(roomModes), namedAfter: z.string().max(50).optional(), address: z.string().max(200).optional(), active: z.boolean().default(true) });
export const RoomPatchSchema = z.object({ name: Text(100).optional(), mode: z.enum(roomModes).optional(), namedAfter: z.string().max(50).nullable().optional(), address: z.string().max(200).nullable().optional(), active: z.boolean().optional() });

const Tags = z.array(z.string().trim().min(1).max(30)).max(20);
/** POST /api/mediators, PATCH …/:id (languages as BCP 47 codes: zh, bo (Tibetan), mn, ug …). */
export const MediatorSchema = z.object({ committeeId: Id, name: Text(50), userId: Id.optional(), isHead: z.boolean().default(false), skills: Tags.default([]), languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(10).default(['zh']), awards: Tags.default([]), active: z.boolean().default(true) });
export const MediatorPatchSchema = z.object({ name: Text(50).optional(), userId: Id.nullable().optional(), isHead: z.boolean().optional(), skills: Tags.optional(), languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(10).optional(), awards: Tags.optional(), active: z.boolean().optional() });

/** GET /api/mediators: the pool with current load, for assignment. */
export const MediatorListQuery = z.object({ committeeId: Id.optional(), language: z.string().regex(/^[a-z]{2,3}$/).optional(), skill: z.string().max(30).optional() });

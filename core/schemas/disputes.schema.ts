/**
 * One zod schema per dispute and mediation request (register, each workflow action, list query, the online
 * application, committees, rooms, mediators). The routes validate with these (server/modules/mediation/*.routes.ts).
 */
import { z } from 'zod';
import { agreementForms, committeeLevels, disputeScales, referralTargets, roomModes } from '../workflow/dispute-workflow.ts';
import { disputeCategories } from '../mediation/categories.ts';
import { MAX_EXTENSION_DAYS } from '../mediation/clock-kinds.ts';
import { Day, Instant, Paging, RegionCode } from './common.schema.ts';
import { followUpOutcomes, performanceResults, signatureMethods } from '../mediation/agreement.ts';
import { statusMatters } from '../mediation/judicial-confirmation.ts';

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

/** One agreed term (协议内容): what, how, where and by when it is performed. */
export const AgreementItem = z.object({ content: Text(1000), manner: Text(200), place: z.string().trim().max(200).optional(), deadline: Day });

/** Who signs: a party (its id), the mediator, or the committee (its seal). */
export const Signer = z.union([Id, z.enum(['mediator', 'committee'])]);

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
  /**
   * 达成协议. `terms` is the agreement's content as text (an oral agreement's record). A written agreement also
   * gives what Art. 29 requires the 调解协议书 to say: the points in dispute, each side's responsibility and each
   * term with its manner, place and deadline of performance (`items`); its PDF is rendered from them.
   */
  recordAgreement: z.object({
    form: z.enum(agreementForms),
    terms: Text(8000),
    note: Note,
    /** 争议事项 (defaults to the dispute's claims). */
    points: z.string().trim().max(2000).optional(),
    /** 各方当事人的责任. */
    responsibility: z.string().trim().max(2000).optional(),
    items: z.array(AgreementItem).max(20).default([]),
    /** The agreement concerns identity, adoption or marriage status: no judicial confirmation. */
    statusMatter: z.enum(statusMatters).optional(),
  }).refine((v) => v.form === 'oral' || (v.items.length > 0 && !!v.responsibility), { message: '书面协议须写明各方责任和至少一项协议内容（履行方式、期限）', path: ['items'] }),
  recordFailure: z.object({ reason: Text(1000), routesTold: Text(1000), toldAt: Instant }),
  refer: z.object({ to: z.enum(referralTargets), receiver: Text(100), reason: Text(1000) }),
  recordReferralAnswer: z.object({ answer: z.enum(['accepted', 'declined']), text: Text(1000), answeredAt: Instant }),
  refuse: z.object({ partyId: Id, reason: Text(500) }),
  urge: z.object({ note: Note }),
  close: z.object({ note: Note }),
  /** A signature, seal or fingerprint on the written agreement; a signed scan names its upload. */
  sign: z.object({ signer: Signer, method: z.enum(signatureMethods), uploadId: Id.optional(), note: Note })
    .refine((v) => v.method !== 'scan' || !!v.uploadId, { message: '扫描件签名须上传签名页', path: ['uploadId'] }),
  /** 共同申请司法确认: the court and the day the parties applied. */
  applyConfirmation: z.object({ court: Text(100), appliedAt: Instant, note: Note }),
  /** The court's answer on acceptance: accepted with its 调确字 number, or not accepted with the reason. */
  recordCourtAcceptance: z.object({ accepted: z.boolean(), caseNo: z.string().trim().max(60).optional(), at: Instant, reason: z.string().trim().max(500).optional() })
    .refine((v) => !v.accepted || !!v.caseNo, { message: '受理须填写调确字案号', path: ['caseNo'] })
    .refine((v) => v.accepted || !!v.reason, { message: '不予受理须填写理由', path: ['reason'] }),
  /** The court's 10 more days, approved by its president (who approved, recorded). */
  extendCourtReview: z.object({ approvedBy: Text(50), note: Note }),
  /** The court's decision: confirmed, or the agreement invalid (不予确认). */
  recordCourtDecision: z.object({ outcome: z.enum(['confirmed', 'invalid']), decidedAt: Instant, note: z.string().trim().max(500).optional() }),
  /** 履行情况 of one term (by its position in the agreement). */
  recordPerformance: z.object({ term: z.number().int().min(0).max(19), result: z.enum(performanceResults), note: z.string().trim().max(500).optional(), proofUploadIds: z.array(Id).max(9).default([]) }),
  /** 回访 on a term not (fully) performed: urged it, or told the parties of litigation and enforcement. */
  recordFollowUpVisit: z.object({ term: z.number().int().min(0).max(19).optional(), outcome: z.enum(followUpOutcomes), note: Text(1000), visitedAt: Instant.optional() }),
  /** 归档: uploads filed in the mediation file, each of a kind the checklist knows. */
  fileDocuments: z.object({ kind: z.enum(['application', 'identity', 'authorization', 'investigation', 'evidence', 'signature', 'performance', 'confirmation', 'other']), uploadIds: z.array(Id).min(1).max(9), title: z.string().trim().max(100).optional() }),
};
export type DisputeActionInputs = { [K in keyof typeof disputeActionSchemas]: z.infer<(typeof disputeActionSchemas)[K]> };

/** Workbench boxes of GET /api/disputes. */
export const disputeBoxes = ['all', 'mine', 'new', 'sessionsToday', 'overdue', 'urgent', 'toSign', 'followUps'] as const;

/** GET /api/disputes */
export const DisputeListQuery = Paging.extend({
  /** mine: mine to mediate; new: waiting for a mediator; sessionsToday: a session scheduled today; overdue; urgent (民转刑); followUps: an agreed term due and not performed (回访). */
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

/** GET /api/mediation/accounts: an account to link a mediator record to, looked up by name or username. */
export const MediatorAccountQuery = z.object({ q: z.string().trim().max(50).optional() });

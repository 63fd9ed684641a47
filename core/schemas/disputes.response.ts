/**
 * What the dispute and mediation routes answer. The presenter (server/modules/mediation/mediation.presenter.ts)
 * is typed with these and the web infers its types from them. Parties are masked (马*, 139****2222,
 * 632221********0011) unless a reveal answered them in full (audited); the public view holds no person.
 */
import { z } from 'zod';

/** One row of the register or a workbench box (GET /api/disputes). */
export const DisputeListItem = z.object({
  code: z.string(),
  status: z.string(),
  source: z.string().describe('screening, case, petition, walk_in, online'),
  category: z.string(),
  categoryName: z.string(),
  scale: z.string().describe('ordinary, complex, major'),
  /** The first 120 characters of the facts. */
  facts: z.string(),
  /** The first party's name, masked. */
  firstParty: z.string().nullable(),
  peopleCount: z.number(),
  /** 民转刑 risk: shown first, in red. */
  urgent: z.boolean(),
  escalationRisk: z.boolean(),
  villageCode: z.string().nullable(),
  committeeId: z.string(),
  committeeName: z.string().nullable(),
  /** The mediators' names, the lead first (staff, not masked); empty until one is assigned or chosen. */
  mediators: z.array(z.string()),
  isOverdue: z.boolean(),
  /** The nearest due time of a running mediation clock (the month, a referral's answer). */
  nextDueAt: z.string().nullable(),
  registeredAt: z.string(),
});
export type DisputeListItem = z.infer<typeof DisputeListItem>;

/** A page of disputes. */
export const DisputeListPage = z.object({ items: z.array(DisputeListItem), total: z.number(), page: z.number(), pageSize: z.number() });

/** A party (当事人), masked unless revealed; an organisation's name is shown as it is. */
export const DisputeParty = z.object({
  id: z.string(),
  kind: z.string().describe('person, organisation'),
  side: z.string().describe('applicant, respondent'),
  name: z.string(),
  idType: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  /** '***' when one is kept (masked), the address after a reveal. */
  address: z.string().nullable(),
  agent: z.object({ name: z.string().nullable(), phone: z.string().nullable(), relation: z.string().nullable() }).nullable(),
});
export type DisputeParty = z.infer<typeof DisputeParty>;

/** A clock of the dispute with its label and the rule's source (shown, never used in logic). */
export const DisputeClock = z.object({
  kind: z.string().describe('mediate_by, referral_answer, confirmation_window, court_accept, court_decide'),
  label: z.string(),
  limitDays: z.number(),
  startedAt: z.string(),
  dueAt: z.string(),
  state: z.string(),
  paused: z.boolean(),
  colour: z.string(),
  source: z.string(),
});

/** A session: scheduled, then held; the record only for the dispute's mediators and committee. */
export const DisputeSession = z.object({
  id: z.string(),
  scheduledAt: z.string(),
  heldAt: z.string().nullable(),
  room: z.string().nullable(),
  place: z.string().nullable(),
  online: z.boolean(),
  partyIds: z.array(z.string()),
  mediatorIds: z.array(z.string()),
  othersCount: z.number(),
  signedPartyIds: z.array(z.string()),
  signedMediatorIds: z.array(z.string()),
  hasRecord: z.boolean(),
  /** 调解笔录 (null for readers who do not take part). */
  record: z.string().nullable(),
});

/** A step of the staff timeline. */
export const DisputeEvent = z.object({
  id: z.number(),
  type: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
  at: z.string(),
});

/** How it ended (each null until it happens). */
export const DisputeOutcome = z.object({
  agreement: z.object({ form: z.string(), terms: z.string(), at: z.string().nullable() }).nullable(),
  failure: z.object({ reason: z.string(), routesTold: z.string(), toldAt: z.string().nullable() }).nullable(),
  referral: z.object({ to: z.string(), receiver: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() }).nullable(),
  refusal: z.object({ party: z.string().nullable(), reason: z.string(), at: z.string().nullable() }).nullable(),
});

/** The agreement: its document, signatures (effect at the last), terms with performance, judicial confirmation. */
export const DisputeAgreement = z.object({
  form: z.string().describe('written, oral'),
  docNo: z.string().nullable(),
  /** The stored 调解协议书 (GET /api/documents/:id/file). */
  documentId: z.string().nullable(),
  points: z.string().nullable(),
  responsibility: z.string().nullable(),
  /** Set when the agreement took effect (the last signature or seal; an oral one when reached). */
  effectiveAt: z.string().nullable(),
  signatures: z.array(z.object({ signer: z.string(), label: z.string(), method: z.string(), signedAt: z.string() })),
  /** Who has yet to sign: party ids, 'mediator', 'committee' (empty once effective or for an oral agreement). */
  missingSigners: z.array(z.string()),
  terms: z.array(z.object({ position: z.number(), content: z.string(), manner: z.string(), place: z.string().nullable(), deadline: z.string(), performance: z.string().nullable(), performanceNote: z.string().nullable(), performanceAt: z.string().nullable() })),
  /** Why no court would confirm it (identity, adoption, marriage status), else null. */
  confirmationRefusal: z.string().nullable(),
  confirmation: z.object({
    court: z.string().nullable(), appliedAt: z.string().nullable(), caseNo: z.string().nullable(), acceptedAt: z.string().nullable(),
    extendedBy: z.string().nullable(), outcome: z.string().nullable().describe('confirmed, invalid, not_accepted'), decidedAt: z.string().nullable(), note: z.string().nullable(),
  }),
});

/** A stored document of the dispute (download: GET /api/documents/:id/file). */
export const DisputeDocument = z.object({ id: z.string(), template: z.string(), title: z.string(), sm3: z.string(), createdAt: z.string() });

/** The card (GET /api/disputes/:code). */
export const DisputeCard = DisputeListItem.extend({
  factsFull: z.string(),
  claims: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  gridCode: z.string().nullable(),
  villageName: z.string().nullable(),
  committee: z.object({ id: z.string(), name: z.string(), level: z.string() }).nullable(),
  room: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignedBy: z.string().nullable().describe('committee, parties'),
  acceptedAt: z.string().nullable(),
  /** Days added to the month, each time with every party's consent. */
  extDays: z.number(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  mediators: z.array(z.object({ id: z.string(), name: z.string(), lead: z.boolean(), languages: z.array(z.string()) })),
  parties: z.array(DisputeParty),
  canRevealParties: z.boolean(),
  sessions: z.array(DisputeSession),
  outcome: DisputeOutcome,
  clocks: z.array(DisputeClock),
  timeline: z.array(DisputeEvent),
  links: z.array(z.object({ type: z.string(), code: z.string() })),
  version: z.number(),
  allowedActions: z.array(z.string()),
  agreement: DisputeAgreement.nullable(),
  documents: z.array(DisputeDocument),
  /** The mediation file's checklist: closing is refused while a required item is missing (GET …/file.pdf exports it). */
  file: z.array(z.object({ id: z.string(), title: z.string(), required: z.boolean(), present: z.boolean() })),
});
export type DisputeCard = z.infer<typeof DisputeCard>;

/** A mediator of the pool, with the current load (open disputes). */
export const MediatorItem = z.object({
  id: z.string(),
  committeeId: z.string(),
  committeeName: z.string().nullable(),
  name: z.string(),
  userId: z.string().nullable(),
  isHead: z.boolean(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  awards: z.array(z.string()),
  active: z.boolean(),
  openDisputes: z.number(),
});
export type MediatorItem = z.infer<typeof MediatorItem>;

/** The public follow-up (GET /api/public/disputes/:code): no person, no reason, no record. */
export const DisputeTracking = z.object({
  code: z.string(),
  status: z.string(),
  stage: z.string(),
  category: z.string(),
  registeredAt: z.string(),
  committeeName: z.string().nullable(),
  nextSessionAt: z.string().nullable(),
  outcome: z.string().nullable().describe('agreed, failed, referred, refused (once closed)'),
  timeline: z.array(z.object({ type: z.string(), status: z.string().nullable(), at: z.string() })),
});
export type DisputeTracking = z.infer<typeof DisputeTracking>;

/** An account a mediator record can link to (GET /api/mediation/accounts), with the mediator it already links, if any. */
export const MediatorAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  /** The account's place by name (城关社区), never its code. */
  scopeName: z.string(),
  /** The name of the mediator record already linked to this account, in the same county. */
  linkedMediator: z.string().nullable(),
});
export type MediatorAccount = z.infer<typeof MediatorAccount>;
export const MediatorAccountList = z.object({ items: z.array(MediatorAccount) });

/**
 * What the petition routes answer. The presenter (server/modules/petitions/petitions.presenter.ts) is typed with
 * these and the web infers its types from them. Personal values are masked here (张*, 138****1234,
 * 632221********1234) unless a `reveal` answered them in full (audited); the public view holds none.
 */
import { z } from 'zod';

/** The body a petition is at: a department or a township, with its name. */
export const PetitionBody = z.object({ departmentId: z.string().nullable(), regionCode: z.string().nullable(), name: z.string() });

/** One row of the register or a workbench box (GET /api/petitions). */
export const PetitionListItem = z.object({
  code: z.string(),
  status: z.string(),
  kind: z.string(),
  channel: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  /** The first 120 characters of the matter. */
  matter: z.string(),
  /** The first petitioner's name, masked (张*). */
  petitionerName: z.string().nullable(),
  peopleCount: z.number(),
  collective: z.boolean(),
  skippedLevel: z.boolean(),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
  body: PetitionBody.nullable(),
  isOverdue: z.boolean(),
  /** The nearest due time of a running clock (past: overdue), null when none runs. */
  nextDueAt: z.string().nullable(),
  /** The colour of the nearest running clock: green, yellow (past its warning), red (overdue); null when none runs. */
  nextDueColour: z.enum(['green', 'yellow', 'red']).nullable(),
  /** The petitioner's running 复查/复核 request window (replied: 复查, reviewed: 复核); their time, never overdue. */
  windowDueAt: z.string().nullable(),
  /** A document of this petition has not been served yet. */
  toServe: z.boolean(),
  repeatOf: z.string().nullable(),
  registeredAt: z.string(),
  allowedActions: z.array(z.string()),
});
export type PetitionListItem = z.infer<typeof PetitionListItem>;

/** A page of petitions. */
export const PetitionListPage = z.object({ items: z.array(PetitionListItem), total: z.number(), page: z.number(), pageSize: z.number() });
export type PetitionListPage = z.infer<typeof PetitionListPage>;

/** Counts of the workbench boxes (GET /api/petitions/boxes). */
export const PetitionBoxCounts = z.array(z.object({ box: z.string(), count: z.number() }));

/** A statutory clock of the petition, with the time left. */
export const PetitionClock = z.object({
  /** transfer_by, notify_by, objection_by, conclude_by, review_window, review_reply, re_review_window, re_review_reply. */
  kind: z.string(),
  /** 'calendar' or 'working' days. */
  mode: z.string(),
  limitDays: z.number(),
  startedAt: z.string(),
  /** The instant it falls due (the end of the last counted day, CST). */
  dueAt: z.string(),
  state: z.string().describe('open, warned, met, breached, cancelled'),
  paused: z.boolean(),
  colour: z.string().describe('green, yellow (warned), red (due or breached), grey (settled)'),
  /** The rule's source text, e.g. 「信访工作条例第二十三条」 (shown as a tooltip; never used in logic). */
  source: z.string(),
});
export type PetitionClock = z.infer<typeof PetitionClock>;

/** One petitioner, masked unless revealed. */
export const PetitionPetitioner = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  representative: z.boolean(),
  /** The registry person when the ID number matched one (the registry card opens with it). */
  personId: z.string().nullable(),
});
export type PetitionPetitioner = z.infer<typeof PetitionPetitioner>;

/** A step of the staff timeline. */
export const PetitionEvent = z.object({
  id: z.number(),
  type: z.string(),
  actorKind: z.enum(['resident', 'system', 'seed', 'user', 'token']),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
  at: z.string(),
});
export type PetitionEvent = z.infer<typeof PetitionEvent>;

/** A document of the petition with its service records (downloaded through GET /api/documents/:id/file). */
export const PetitionDocument = z.object({
  id: z.string(),
  template: z.string(),
  title: z.string(),
  sm3: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  url: z.string(),
  services: z.array(z.object({ id: z.string(), method: z.string(), servedAt: z.string(), trackingNo: z.string().nullable(), proofUploadIds: z.array(z.string()) })),
});
export type PetitionDocument = z.infer<typeof PetitionDocument>;

/** An attachment (letter scan, envelope, evidence, proof of service), served by the petition's attachment route. */
export const PetitionAttachment = z.object({ id: z.string(), role: z.string().describe('letter, envelope, evidence, proof'), mime: z.string(), size: z.number(), url: z.string() });

/** A suggested earlier petition of the same person or matter (item 6), shown with its status. */
export const PetitionRepeat = z.object({
  code: z.string(),
  status: z.string(),
  /** person: same ID number or phone (keyed hash); matter: similar text at the same place or body. */
  match: z.enum(['person', 'matter']),
  /** The earlier one went through 复核: the same facts are not accepted again (the officer confirms). */
  final: z.boolean(),
  matter: z.string(),
  registeredAt: z.string(),
});
export type PetitionRepeat = z.infer<typeof PetitionRepeat>;

/** One petition for staff (GET /api/petitions/:code): the card. */
export const PetitionCard = PetitionListItem.extend({
  matterFull: z.string(),
  concerns: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  gridCode: z.string().nullable(),
  registeredBy: z.string().nullable(),
  registeringRegion: z.string(),
  receivedAt: z.string(),
  /** 交办 report-back day (YYYY-MM-DD) when assigned. */
  reportBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  /** The pending or approved extension: days, reason, who asked, who approved (null until approved). */
  extension: z.object({ days: z.number(), reason: z.string(), requestedBy: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable() }).nullable(),
  /** Days of hearing not counted so far, and whether a hearing is running. */
  hearing: z.object({ running: z.boolean(), days: z.number() }),
  rating: z.string().nullable(),
  /** 不予受理 / 不再受理 ground and reason, when refused. */
  notAccepted: z.object({ ground: z.string(), reason: z.string(), steerTo: z.string().nullable() }).nullable(),
  petitioners: z.array(PetitionPetitioner),
  canRevealPetitioners: z.boolean(),
  clocks: z.array(PetitionClock),
  timeline: z.array(PetitionEvent),
  documents: z.array(PetitionDocument),
  attachments: z.array(PetitionAttachment),
  repeats: z.array(PetitionRepeat),
  caseCodes: z.array(z.string()),
  /** Whether this reader may make a case of it (转为案件): its 信访部门 or its body, never for an accusation. */
  canMakeCase: z.boolean(),
  /** The disputes it was sent to (转人民调解) that this reader may open; the others are only counted. */
  disputeCodes: z.array(z.string()),
  disputesHidden: z.number(),
  /** Whether this reader may send it to people's mediation (dispute:register, and none made yet). */
  canMakeDispute: z.boolean(),
});
export type PetitionCard = z.infer<typeof PetitionCard>;

/** The answer to making a case of a petition: the new case's code and every case now linked. */
export const PetitionCaseMade = z.object({ caseCode: z.string(), caseCodes: z.array(z.string()) });
export type PetitionCaseMade = z.infer<typeof PetitionCaseMade>;

/** The answer to registering: the code, the repeats found, and (online form only) the petitioner's key. */
export const PetitionRegistered = z.object({
  code: z.string(),
  status: z.string(),
  repeats: z.array(PetitionRepeat),
  /** Only on the public form: the key of the tracking link (#k=…) that lets the petitioner rate. */
  petitionerKey: z.string().optional(),
});
export type PetitionRegistered = z.infer<typeof PetitionRegistered>;

/** The answer to a workflow action; `documentId` when the action issued a document. */
export const PetitionActionResult = z.object({ code: z.string(), status: z.string(), event: z.string(), documentId: z.string().nullable(), allowedActions: z.array(z.string()) });
export type PetitionActionResult = z.infer<typeof PetitionActionResult>;

/** The public tracking view (GET /api/public/petitions/:code): progress, stage and dates; NO personal data, no body staff. */
export const PetitionTracking = z.object({
  code: z.string(),
  status: z.string(),
  kind: z.string(),
  /** The stage in words the page translates: registered, with_body, handling, replied, review, re_review, final, closed, not_accepted, handed_over. */
  stage: z.string(),
  registeredAt: z.string(),
  /** The name of the body handling it (a department or a township: public bodies, not persons). */
  bodyName: z.string().nullable(),
  /** When the current step is due (notice, conclusion, review opinion), null when none runs. */
  expectedBy: z.string().nullable(),
  /** When the latest written reply was served, and until when a review may be asked. */
  servedAt: z.string().nullable(),
  reviewUntil: z.string().nullable(),
  canRate: z.boolean(),
  isPetitioner: z.boolean(),
  rating: z.string().nullable(),
  timeline: z.array(z.object({ type: z.string(), status: z.string().nullable(), at: z.string() })),
});
export type PetitionTracking = z.infer<typeof PetitionTracking>;

/**
 * The routes (server/modules/petitions/petitions.routes.ts, public.routes.ts), for helper W and the authz matrix.
 * Permissions: petition:read (see the register in scope), petition:register, petition:act (workflow actions;
 * which ones: core/workflow/petition-workflow.ts and the policy), pii:view for reveal.
 */
export const petitionRoutes = [
  { method: 'GET', url: '/api/petitions', query: 'PetitionListQuery', answers: 'PetitionListPage', permission: 'petition:read' },
  { method: 'GET', url: '/api/petitions/boxes', answers: 'PetitionBoxCounts', permission: 'petition:read' },
  { method: 'GET', url: '/api/petitions/repeats', query: 'PetitionRepeatQuery', answers: 'PetitionRepeat[]', permission: 'petition:register' },
  { method: 'POST', url: '/api/petitions', body: 'PetitionRegisterSchema', answers: 'PetitionRegistered', permission: 'petition:register' },
  { method: 'GET', url: '/api/petitions/:code', answers: 'PetitionCard', permission: 'petition:read' },
  { method: 'POST', url: '/api/petitions/:code/actions/:action', body: 'petitionActionSchemas[action]', answers: 'PetitionActionResult', permission: 'petition:act' },
  { method: 'POST', url: '/api/petitions/:code/petitioners/reveal', body: 'RevealPetitionersSchema', answers: 'PetitionPetitioner[]', permission: 'pii:view' },
  { method: 'GET', url: '/api/petitions/:code/attachments/:id', answers: 'file', permission: 'petition:read' },
  { method: 'POST', url: '/api/petitions/:code/case-links', body: 'PetitionCaseLinkSchema', answers: '{ caseCodes }', permission: 'petition:act' },
  { method: 'POST', url: '/api/petitions/:code/cases', body: 'PetitionToCaseSchema', answers: 'PetitionCaseMade', permission: 'petition:act (its office or body)' },
  { method: 'POST', url: '/api/cases/:code/petition', body: 'CaseToPetitionSchema', answers: 'PetitionRegistered & { caseCode }', permission: 'petition:register (and the case readable)' },
  { method: 'POST', url: '/api/public/petitions', body: 'PublicPetitionSchema', answers: 'PetitionRegistered', permission: 'public (rate-limited)' },
  { method: 'GET', url: '/api/public/petitions/:code', answers: 'PetitionTracking', permission: 'public (the key in the X-Petitioner-Key header sets isPetitioner)' },
  { method: 'POST', url: '/api/public/petitions/:code/rating', body: 'PublicPetitionRatingSchema', answers: 'PetitionTracking', permission: 'public (petitioner key)' },
] as const;

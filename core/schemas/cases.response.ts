/**
 * What the staff case routes answer. The server's presenter is typed with these and the web infers its types from
 * them (`z.infer`), so the two cannot drift. Statuses and kinds are plain strings here: the database holds them as
 * text with a CHECK, and the workflow table in core/workflow names the values.
 */
import { z } from 'zod';

/** One row of a case list or inbox (GET /api/cases). */
export const CaseListItem = z.object({
  code: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  categoryId: z.string(),
  categoryName: z.string(),
  tier: z.string(),
  urgency: z.string(),
  channel: z.string(),
  /** The first 120 characters. */
  description: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  unitLevel: z.string(),
  unitCode: z.string(),
  isOverdue: z.boolean(),
  paused: z.boolean(),
  meTooCount: z.number(),
  createdAt: z.string(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

/** A page of cases, each with the actions the reader may take. */
export const CaseListPage = z.object({
  items: z.array(CaseListItem.extend({ allowedActions: z.array(z.string()), nextDueAt: z.string().nullable().describe('the nearest due time of a running clock (past: overdue), null when none runs') })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type CaseListPage = z.infer<typeof CaseListPage>;

/** The inboxes this user may list, each with how many cases it holds now (GET /api/cases/boxes). */
export const CaseBoxCounts = z.array(z.object({ box: z.string(), count: z.number() }));
export type CaseBoxCounts = z.infer<typeof CaseBoxCounts>;

/** A clock of the case: first response, stage, total, extension. */
export const CaseClock = z.object({
  kind: z.string(),
  mode: z.string(),
  limitMinutes: z.number(),
  startedAt: z.string(),
  dueAt: z.string(),
  state: z.string(),
  paused: z.boolean(),
  colour: z.string().describe('green, yellow (warned), red (due or breached), grey (settled)'),
});

/** A photo or voice note, served by the case's attachment route. */
export const CaseAttachment = z.object({ id: z.string(), kind: z.string(), mime: z.string(), size: z.number(), eventType: z.string().nullable(), url: z.string() });

/** A step of the staff timeline. */
export const CaseEvent = z.object({
  id: z.number(),
  type: z.string(),
  /** Who acted, for words on screen: a resident, the system's own steps, the demo seed, a user or an integration. */
  actorKind: z.enum(['resident', 'system', 'seed', 'user', 'token']),
  /** A user's display name (never the username); the token's name; null for residents and the system. */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromUnit: z.string().nullable(),
  toUnit: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
  at: z.string(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

/** Name and phone of the reporter: masked by default, in full after an audited reveal. */
export const CaseReporter = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

/** One case for staff (GET /api/cases/:code). */
export const CaseDetail = CaseListItem.extend({
  suggestedTier: z.string(),
  outcomeNote: z.string().nullable(),
  redirectTo: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  gridCode: z.string().nullable(),
  townshipName: z.string(),
  countyName: z.string(),
  unitName: z.string().nullable(),
  handler: z.object({ department: z.string().nullable(), user: z.string().nullable() }),
  assisting: z.unknown(),
  reporter: CaseReporter,
  isPublic: z.boolean(),
  reopenCount: z.number(),
  satisfaction: z.string().nullable(),
  pendingExtension: z.unknown(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
  /** Whether this reader may reveal the reporter's full name and phone (audited), so the button shows only then. */
  canRevealReporter: z.boolean(),
  timeline: z.array(CaseEvent),
  clocks: z.array(CaseClock),
  attachments: z.array(CaseAttachment),
  /** Petitions linked to the case (信访件) the reader may read; the others are only counted. */
  petitionCodes: z.array(z.string()),
  petitionsHidden: z.number(),
  /** Whether this reader may send the case to the petition register (转信访: petition:register). */
  canSendToPetition: z.boolean(),
  /** The disputes the case became (转人民调解) that this reader may open; the others are only counted. */
  disputeCodes: z.array(z.string()),
  disputesHidden: z.number(),
  /** Whether this reader may make a dispute of it (dispute:register, and none made yet). */
  canMakeDispute: z.boolean(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** A possible duplicate of a case (GET /api/cases/:code/duplicates). */
export const CaseDuplicate = z.object({ code: z.string(), distance: z.number(), similarity: z.number(), status: z.string(), isPublic: z.boolean(), description: z.string() });
export type CaseDuplicate = z.infer<typeof CaseDuplicate>;

/** A person a case can be dispatched to (GET /api/handlers). */
export const CaseHandler = z.object({ id: z.string(), displayName: z.string(), role: z.string(), scopeCode: z.string(), departmentId: z.string().nullable() });
export type CaseHandler = z.infer<typeof CaseHandler>;

/** The answer to a workflow action. */
export const CaseActionResult = z.object({ code: z.string(), status: z.string(), event: z.string() });

/** The answer to a batch dispatch: one result per case, in order. */
export const BatchDispatchResult = z.object({ results: z.array(z.object({ code: z.string(), ok: z.boolean(), error: z.string().optional() }).passthrough()) });
export type BatchDispatchResult = z.infer<typeof BatchDispatchResult>;

/** The answer to taking in a report: the code, where it went, possible duplicates; a resident also gets the key that lets them rate. */
export const CaseCreated = z.object({
  code: z.string(),
  status: z.string(),
  tier: z.string(),
  suggestedTier: z.string(),
  unitLevel: z.string(),
  isPublic: z.boolean(),
  duplicates: z.array(z.object({ code: z.string(), distance: z.number(), similarity: z.number() }).passthrough()),
  reporterKey: z.string().optional(),
});
export type CaseCreated = z.infer<typeof CaseCreated>;

/** The public tracking view (GET /api/public/cases/:code): no staff and no reporter data. */
export const CaseTracking = z.object({
  code: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  category: z.string().nullable(),
  place: z.string().nullable(),
  createdAt: z.string(),
  /** The first-response limit (一小时内响应) while nobody has responded yet; null once met. */
  respondBy: z.string().nullable(),
  /** When the case should be resolved (the end-to-end limit), once it is running; null when none or met. */
  expectedBy: z.string().nullable(),
  canRate: z.boolean(),
  /** True when the request carried this case's reporter key (the tracking link's #k=…). */
  isReporter: z.boolean(),
  /** The handler's report-back text and after-photos, shown to the reporter (with the key) once staff checked the work. */
  result: z.object({ text: z.string().nullable(), photos: z.array(z.object({ id: z.string(), url: z.string() })) }).nullable(),
  satisfaction: z.string().nullable(),
  meTooCount: z.number().nullable(),
  canMeToo: z.boolean(),
  timeline: z.array(z.object({ type: z.string(), status: z.string().nullable(), at: z.string() })),
});
export type CaseTracking = z.infer<typeof CaseTracking>;

/**
 * One zod schema per petition request (register, each workflow action, list query, public side). The web's forms
 * derive their rules from these; the routes validate with them (server/modules/petitions/petitions.routes.ts).
 */
import { z } from 'zod';
import { COLLECTIVE_VISIT_MIN, MAX_REPRESENTATIVES, notAcceptGrounds, petitionChannels, petitionKinds, petitionRatings } from '../workflow/petition-workflow.ts';
import { Instant, Paging, RegionCode } from './common.schema.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const UploadIds = z.array(z.string().uuid()).max(10).default([]);
const Note = z.string().max(500).optional();

/** A petition's tracking code: county + `X` + 7 characters (cases' codes are county + 8). */
export const PetitionCode = z.string().regex(/^\d{6}-X[0-9A-Z]{7}$/, '信访件编号格式应为 632221-X1234567');
export const petitionCodePattern = /^\d{6}-X[0-9A-Z]{7}$/;

/** One petitioner (信访人): name, 证件号码 and phone are stored encrypted and shown masked. */
export const PetitionerInput = z.object({
  name: Text(50),
  /** 居民身份证号 (18 digits, checked) or empty when unknown (anonymous letters, phone calls). */
  idNumber: z.string().trim().max(18).optional(),
  phone: z.string().trim().max(30).optional(),
  address: z.string().max(200).optional(),
  /** One of the (up to five) representatives of a 集体访. */
  representative: z.boolean().default(false),
});
export type PetitionerInput = z.infer<typeof PetitionerInput>;

/** Where the matter is: a point (located to a grid) or the village it concerns, and an address. */
const Place = {
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  villageCode: RegionCode.optional(),
  address: z.string().max(200).optional(),
};

/** The body a petition concerns or is sent to: a department from the catalog, or a township (region). */
export const BodyRef = z
  .object({ departmentId: z.string().uuid().optional(), regionCode: RegionCode.optional() })
  .refine((v) => !!v.departmentId !== !!v.regionCode, { message: 'departmentId or regionCode (one of them)', path: ['departmentId'] });

const common = {
  kind: z.enum(petitionKinds),
  /** A category of the catalog (e.g. 土地征收, 劳动社保). */
  categoryId: z.string().min(1).max(64),
  /** The matter: facts and what the petitioner asks for. */
  matter: Text(4000),
  ...Place,
  /** The body the matter concerns (被反映单位), when known. */
  concerns: z.string().max(100).optional(),
  /** 越级: a level was skipped. */
  skippedLevel: z.boolean().default(false),
  /** Attachments uploaded first through /api/uploads. */
  uploadIds: UploadIds,
  /** When the 信访部门 received it (defaults to now; a letter's postmark day may be earlier). */
  receivedAt: Instant.optional(),
  /** The officer confirms a suggested repeat: the earlier petition's code (item 6). */
  repeatOf: PetitionCode.optional(),
};

/** POST /api/petitions: the 信访部门 registers a petition from one of the channels (online ones come from the H5 form). */
export const PetitionRegisterSchema = z.discriminatedUnion('channel', [
  z
    .object({
      channel: z.literal('visit'),
      ...common,
      /** How many came; five or more is a 集体访. */
      peopleCount: z.number().int().min(1).max(10000),
      petitioners: z.array(PetitionerInput).min(1).max(20),
    })
    .refine((v) => v.peopleCount >= COLLECTIVE_VISIT_MIN || v.petitioners.every((p) => !p.representative), { message: '只有集体访（5人及以上）推选代表', path: ['petitioners'] })
    .refine((v) => v.petitioners.filter((p) => p.representative).length <= MAX_REPRESENTATIVES, { message: `代表不超过${MAX_REPRESENTATIVES}人`, path: ['petitioners'] }),
  z.object({
    channel: z.literal('letter'),
    ...common,
    petitioners: z.array(PetitionerInput).min(1).max(20),
    /** The scanned letter (one or more pages) and its envelope, uploaded first. */
    letterUploadIds: z.array(z.string().uuid()).min(1).max(20),
    envelopeUploadIds: z.array(z.string().uuid()).max(2).default([]),
  }),
  z.object({ channel: z.literal('phone'), ...common, petitioners: z.array(PetitionerInput).min(1).max(5) }),
  z.object({ channel: z.literal('video'), ...common, petitioners: z.array(PetitionerInput).min(1).max(5) }),
  z.object({ channel: z.literal('online'), ...common, petitioners: z.array(PetitionerInput).min(1).max(5) }),
]);
export type PetitionRegisterInput = z.infer<typeof PetitionRegisterSchema>;

/** POST /api/public/petitions: the online form on the resident H5 pages (no sign-in; answers the code and a key). */
export const PublicPetitionSchema = z.object({
  kind: z.enum(['complaint', 'suggestion']),
  categoryId: z.string().min(1).max(64),
  matter: Text(4000),
  ...Place,
  name: Text(50),
  idNumber: z.string().trim().max(18).optional(),
  phone: Text(30),
  uploadIds: UploadIds,
});
export type PublicPetitionInput = z.infer<typeof PublicPetitionSchema>;

/** The body of each workflow action (POST /api/petitions/:code/actions/:action). */
export const petitionActionSchemas = {
  transfer: z.object({ to: BodyRef, note: Note }),
  assign: z.object({ to: BodyRef, reportBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').describe('交办 report-back day'), note: Note }),
  handOver: z.object({ to: Text(100).describe('the 纪检监察 body'), note: Note }),
  notAccept: z.object({ ground: z.enum(notAcceptGrounds), reason: Text(1000), steerTo: z.string().max(100).optional().describe('where to go instead (court, arbitration committee, review body)') }),
  accept: z.object({ note: Note, /** The route and procedure the notice tells the petitioner. */ procedure: z.string().max(1000).optional() }),
  object: z.object({ reason: Text(1000) }),
  requestExtension: z.object({ days: z.number().int().min(1).max(30), reason: Text(500) }),
  approveExtension: z.object({ note: Note }),
  conclude: z.object({ facts: Text(4000), basis: Text(2000), decision: Text(2000), uploadIds: UploadIds }),
  serve: z.object({
    /** The document served (defaults to the latest unserved one). */
    documentId: z.string().uuid().optional(),
    method: z.enum(['in_person', 'post', 'sms_link']),
    servedAt: Instant,
    trackingNo: z.string().max(40).optional(),
    /** A signed receipt or the post's return slip. */
    proofUploadIds: z.array(z.string().uuid()).max(5).default([]),
    note: Note,
  }).refine((v) => v.method !== 'post' || !!v.trackingNo, { message: '邮寄送达须填写邮件单号', path: ['trackingNo'] }),
  requestReview: z.object({ to: BodyRef, reason: Text(1000), requestedAt: Instant.optional() }),
  concludeReview: z.object({ facts: Text(4000), basis: Text(2000), decision: Text(2000), uploadIds: UploadIds }),
  requestReReview: z.object({ to: BodyRef, reason: Text(1000), requestedAt: Instant.optional() }),
  startHearing: z.object({ note: Note }),
  endHearing: z.object({ note: Note }),
  concludeReReview: z.object({ facts: Text(4000), basis: Text(2000), decision: Text(2000), uploadIds: UploadIds }),
  urge: z.object({ note: Note }),
  close: z.object({ note: Note }),
};
export type PetitionActionInputs = { [K in keyof typeof petitionActionSchemas]: z.infer<(typeof petitionActionSchemas)[K]> };

/** Workbench boxes of GET /api/petitions. */
export const petitionBoxes = ['all', 'new', 'dueToday', 'overdue', 'toServe', 'inbox'] as const;

/** GET /api/petitions */
export const PetitionListQuery = Paging.extend({
  /** new: registered, not routed; dueToday / overdue: by the nearest running clock; toServe: a document not yet served; inbox: sent to my body. */
  box: z.enum(petitionBoxes).default('all'),
  sort: z.enum(['newest', 'due']).default('newest'),
  status: z.string().max(200).optional(),
  kind: z.enum(petitionKinds).optional(),
  channel: z.enum(petitionChannels).optional(),
  region: RegionCode.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: z.string().max(50).optional(),
});

/** POST /api/petitions/:code/petitioners/reveal: the reason, recorded in the audit row. */
export const RevealPetitionersSchema = z.object({ reason: z.string().trim().min(2, '请填写查看原因（至少2个字）').max(200) });

/** GET /api/petitions/repeats: candidates for item 6 before registering (by ID number/phone or by matter). */
export const PetitionRepeatQuery = z.object({
  idNumber: z.string().max(18).optional(),
  phone: z.string().max(30).optional(),
  matter: z.string().max(4000).optional(),
  villageCode: RegionCode.optional(),
});

/** POST /api/public/petitions/:code/rating (once, after a reply was served; the key from the register answer). */
export const PublicPetitionRatingSchema = z.object({ rating: z.enum(petitionRatings), comment: z.string().max(500).optional(), key: z.string().min(1).max(100) });

/** POST /api/petitions/:code/case-links: link an existing case to the petition (either came first). */
export const PetitionCaseLinkSchema = z.object({ caseCode: z.string().regex(/^\d{6}-[0-9A-Z]{8}$/), note: Note });

/**
 * POST /api/petitions/:code/cases: the petition becomes a case (item 7). Its category, place and matter carry over;
 * `categoryId` picks a case category when the petition's does not fit one, `villageCode` a place when it has none.
 */
export const PetitionToCaseSchema = z.object({
  categoryId: z.string().min(1).max(64).optional(),
  villageCode: RegionCode.optional(),
  /** 以信访人为反映人: only for a petition with exactly one petitioner; otherwise the case has no reporter. */
  petitionerAsReporter: z.boolean().default(false),
  note: Note,
});
export type PetitionToCaseInput = z.infer<typeof PetitionToCaseSchema>;

/** POST /api/cases/:code/petition: the case is sent to the petition register (转信访); the case stays open. */
export const CaseToPetitionSchema = z.object({
  kind: z.enum(petitionKinds).default('complaint'),
  /** A petition category when the case's is not one any more (inactive). */
  categoryId: z.string().min(1).max(64).optional(),
  /** The body the matter concerns (被反映单位), when known. */
  concerns: z.string().max(100).optional(),
  note: Note,
});
export type CaseToPetitionInput = z.infer<typeof CaseToPetitionSchema>;

/** Configuration from the environment, read once at start. Every variable is documented in README.md. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /**
   * The PostgreSQL URL of the schema's owner, used only to apply migrations; the application itself connects
   * with `databaseUrl` (a role that cannot alter or truncate the audit log: `anwang db roles`).
   */
  migrateUrl?: string;
  /** Map tile URL template for Leaflet (e.g. a 天地图 or local tile server); empty = no base map. */
  tileUrl: string;
  tileAttribution: string;
  /** Set when served behind HTTPS so cookies get the Secure flag. */
  secureCookies: boolean;
  /**
   * Hex SM4 keys for field encryption, newest first, comma-separated (the first encrypts, all decrypt); when
   * absent, the key ring lives in `keys.json` in the data directory.
   */
  secretKeyHex?: string;
  /** Hex key of the keyed SM3 lookup hashes; defaults to the oldest key listed (or the key file's). */
  lookupKeyHex?: string;
  /** Hex HMAC-SM3 key(s) of the audit chain, newest first; default: keys.json's, or derived from the lookup key. */
  auditKeyHex?: string;
  /** Append-only file of the audit chain's anchored heads; default `audit-anchors.jsonl` in the data directory. */
  auditAnchorFile?: string;
  /** How often a server appends the audit chain's head to the anchor file (ms). */
  auditAnchorMs: number;
  logLevel: string;
  /**
   * Request limits per window: sign-in per IP and per account, resident submissions per IP and per reporter
   * phone, integrations per token (staff sessions per user), password changes per user.
   */
  rateLimits: { login: RateLimit; loginAccount: RateLimit; public: RateLimit; reporter: RateLimit; token: RateLimit; meToo: RateLimit; password: RateLimit };
  /** The address residents and integrations reach this installation at (Open311 discovery); never taken from a request. */
  publicUrl: string;
  /** Full reads of personal data (registry and reporter reveals) per user; crossing it alerts the security administrators. */
  revealLimit: RateLimit;
  /** Sessions one user may hold at once; signing in beyond it ends the oldest. */
  maxSessionsPerUser: number;
  /** Days an integration token lives when its creator does not say. */
  tokenDays: number;
  /** Days after moving away or death before a person's personal data is purged (unless on legal hold). */
  personRetentionDays: number;
  /** How long categories, deadline policies and the calendar stay cached in memory (ms; 0 = off). */
  referenceCacheMs: number;
  /** How long an Idempotency-Key claim may stay in flight before a replay takes it over (its process died). */
  idempotencyStaleMs: number;
  /**
   * Group commit of intake (ANWANG_INTAKE_BATCH_MS, ANWANG_INTAKE_BATCH_MAX): while a batch of reports is being
   * written, new reports gather for up to `ms` milliseconds or `max` reports and are written in one transaction;
   * `max` 1 writes every report alone.
   */
  intakeBatch: { ms: number; max: number; inFlight: number };
  /** Limits of persons imports uploaded from the web page (the CLI keeps the row limit off). */
  imports: ImportConfig;
  /**
   * Addresses or CIDRs of the reverse proxies whose X-Forwarded-For is believed (ANWANG_TRUST_PROXY); empty = none,
   * so the client address is the socket's and nobody can choose it.
   */
  trustProxy: string[];
  /** Send Strict-Transport-Security (ANWANG_HSTS; on by default when ANWANG_SECURE_COOKIES says HTTPS). */
  hsts: boolean;
  /** Largest JSON or form body in bytes (ANWANG_BODY_LIMIT_KB); uploads and imports are multipart with their own limits. */
  bodyLimit: number;
  /** Unclaimed uploads (files not yet attached to a record) allowed per address, per staff account and in all (count and bytes). */
  uploadQuota: { perIp: Quota; perUser: Quota; total: Quota };
  /** Hours after which an upload no record claimed is deleted (file and row). */
  unclaimedUploadHours: number;
}

export interface Quota {
  count: number;
  bytes: number;
}

export interface ImportConfig {
  /** Largest upload (CSV or XLSX), bytes. */
  maxBytes: number;
  /** Largest XLSX once inflated (all zip entries together), bytes. */
  maxUncompressedBytes: number;
  /** Data rows per file. */
  maxRows: number;
  /** Refused rows kept for the error report (the rest are counted). */
  maxProblems: number;
  /** Imports waiting behind the one that runs (one runs at a time per server process). */
  maxQueued: number;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Parses "MAX/SECONDS" (e.g. "20/60"). @throws Error naming the variable */
function rate(name: string, value: string | undefined, fallback: string): RateLimit {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? fallback);
  if (!m) throw new Error(`${name} must look like MAX/SECONDS, e.g. ${fallback}`);
  return { max: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

/** An absolute http(s) base URL without a trailing slash, or '' when unset. @throws Error for anything else */
function publicUrl(value: string | undefined): string {
  if (!value) return '';
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error('ANWANG_PUBLIC_URL must be an absolute URL, e.g. https://anwang.example.gov.cn');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('ANWANG_PUBLIC_URL must start with https:// or http://');
  return u.href.replace(/\/+$/, '');
}

const MB = 1024 * 1024;

/** Parses a positive whole number. @throws Error naming the variable */
function positive(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return n;
}

/** Parses "COUNT/MEGABYTES" (e.g. "30/100"). @throws Error naming the variable */
function quota(name: string, value: string | undefined, fallback: string): Quota {
  const m = /^(\d+)\/(\d+)$/.exec(value ?? fallback);
  if (!m) throw new Error(`${name} must look like COUNT/MEGABYTES, e.g. ${fallback}`);
  return { count: Number(m[1]), bytes: Number(m[2]) * 1024 * 1024 };
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** Reads the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.ANWANG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    migrateUrl: env.ANWANG_MIGRATE_URL || undefined,
    tileUrl: env.ANWANG_TILE_URL ?? '',
    tileAttribution: env.ANWANG_TILE_ATTRIBUTION ?? '',
    secureCookies: truthy(env.ANWANG_SECURE_COOKIES),
    trustProxy: (env.ANWANG_TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    hsts: env.ANWANG_HSTS !== undefined && env.ANWANG_HSTS !== '' ? truthy(env.ANWANG_HSTS) : truthy(env.ANWANG_SECURE_COOKIES),
    bodyLimit: Number(env.ANWANG_BODY_LIMIT_KB ?? 256) * 1024,
    uploadQuota: {
      perIp: quota('ANWANG_UPLOAD_QUOTA_IP', env.ANWANG_UPLOAD_QUOTA_IP, '30/100'),
      perUser: quota('ANWANG_UPLOAD_QUOTA_USER', env.ANWANG_UPLOAD_QUOTA_USER, '100/300'),
      total: quota('ANWANG_UPLOAD_QUOTA_TOTAL', env.ANWANG_UPLOAD_QUOTA_TOTAL, '5000/5120'),
    },
    unclaimedUploadHours: Number(env.ANWANG_UNCLAIMED_UPLOAD_HOURS ?? 24),
    secretKeyHex: env.ANWANG_SECRET_KEY || undefined,
    lookupKeyHex: env.ANWANG_LOOKUP_KEY || undefined,
    auditKeyHex: env.ANWANG_AUDIT_KEY || undefined,
    auditAnchorFile: env.ANWANG_AUDIT_ANCHOR_FILE ? resolve(env.ANWANG_AUDIT_ANCHOR_FILE) : undefined,
    auditAnchorMs: Number(env.ANWANG_AUDIT_ANCHOR_SECONDS ?? 60) * 1000,
    logLevel: env.LOG_LEVEL ?? 'info',
    idempotencyStaleMs: Number(env.ANWANG_IDEMPOTENCY_STALE_MS ?? 60_000),
    referenceCacheMs: Number(env.ANWANG_REFERENCE_CACHE_MS ?? 10_000),
    intakeBatch: { ms: positive('ANWANG_INTAKE_BATCH_MS', env.ANWANG_INTAKE_BATCH_MS, 5), max: positive('ANWANG_INTAKE_BATCH_MAX', env.ANWANG_INTAKE_BATCH_MAX, 64), inFlight: positive('ANWANG_INTAKE_BATCH_IN_FLIGHT', env.ANWANG_INTAKE_BATCH_IN_FLIGHT, 1) },
    personRetentionDays: Number(env.ANWANG_PERSON_RETENTION_DAYS ?? 1095),
    imports: {
      maxBytes: Number(env.ANWANG_IMPORT_MAX_MB ?? 50) * MB,
      maxUncompressedBytes: Number(env.ANWANG_IMPORT_MAX_UNCOMPRESSED_MB ?? 200) * MB,
      maxRows: Number(env.ANWANG_IMPORT_MAX_ROWS ?? 200_000),
      maxProblems: Number(env.ANWANG_IMPORT_MAX_PROBLEMS ?? 10_000),
      maxQueued: Number(env.ANWANG_IMPORT_MAX_QUEUED ?? 3),
    },
    rateLimits: {
      login: rate('ANWANG_RATE_LOGIN', env.ANWANG_RATE_LOGIN, '20/60'),
      loginAccount: rate('ANWANG_RATE_LOGIN_ACCOUNT', env.ANWANG_RATE_LOGIN_ACCOUNT, '10/60'),
      public: rate('ANWANG_RATE_PUBLIC', env.ANWANG_RATE_PUBLIC, '30/60'),
      reporter: rate('ANWANG_RATE_REPORTER', env.ANWANG_RATE_REPORTER, '10/3600'),
      token: rate('ANWANG_RATE_TOKEN', env.ANWANG_RATE_TOKEN, '600/60'),
      meToo: rate('ANWANG_RATE_ME_TOO', env.ANWANG_RATE_ME_TOO, '30/3600'),
      password: rate('ANWANG_RATE_PASSWORD', env.ANWANG_RATE_PASSWORD, '10/900'),
    },
    publicUrl: publicUrl(env.ANWANG_PUBLIC_URL),
    revealLimit: rate('ANWANG_RATE_REVEAL', env.ANWANG_RATE_REVEAL, '30/3600'),
    maxSessionsPerUser: positive('ANWANG_MAX_SESSIONS', env.ANWANG_MAX_SESSIONS, 5),
    tokenDays: positive('ANWANG_TOKEN_DAYS', env.ANWANG_TOKEN_DAYS, 365),
  };
}

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
   * phone, integrations per token (staff sessions per user).
   */
  rateLimits: { login: RateLimit; loginAccount: RateLimit; public: RateLimit; reporter: RateLimit; token: RateLimit };
  /** Days after moving away or death before a person's personal data is purged (unless on legal hold). */
  personRetentionDays: number;
  /** How long categories, deadline policies and the calendar stay cached in memory (ms; 0 = off). */
  referenceCacheMs: number;
  /** How long an Idempotency-Key claim may stay in flight before a replay takes it over (its process died). */
  idempotencyStaleMs: number;
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
    secureCookies: env.ANWANG_SECURE_COOKIES === '1' || env.ANWANG_SECURE_COOKIES === 'true',
    secretKeyHex: env.ANWANG_SECRET_KEY || undefined,
    lookupKeyHex: env.ANWANG_LOOKUP_KEY || undefined,
    auditKeyHex: env.ANWANG_AUDIT_KEY || undefined,
    auditAnchorFile: env.ANWANG_AUDIT_ANCHOR_FILE ? resolve(env.ANWANG_AUDIT_ANCHOR_FILE) : undefined,
    auditAnchorMs: Number(env.ANWANG_AUDIT_ANCHOR_SECONDS ?? 60) * 1000,
    logLevel: env.LOG_LEVEL ?? 'info',
    idempotencyStaleMs: Number(env.ANWANG_IDEMPOTENCY_STALE_MS ?? 60_000),
    referenceCacheMs: Number(env.ANWANG_REFERENCE_CACHE_MS ?? 10_000),
    personRetentionDays: Number(env.ANWANG_PERSON_RETENTION_DAYS ?? 1095),
    rateLimits: {
      login: rate('ANWANG_RATE_LOGIN', env.ANWANG_RATE_LOGIN, '20/60'),
      loginAccount: rate('ANWANG_RATE_LOGIN_ACCOUNT', env.ANWANG_RATE_LOGIN_ACCOUNT, '10/60'),
      public: rate('ANWANG_RATE_PUBLIC', env.ANWANG_RATE_PUBLIC, '30/60'),
      reporter: rate('ANWANG_RATE_REPORTER', env.ANWANG_RATE_REPORTER, '10/3600'),
      token: rate('ANWANG_RATE_TOKEN', env.ANWANG_RATE_TOKEN, '600/60'),
    },
  };
}

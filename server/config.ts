/** Configuration from the environment, read once at start. Every variable is documented in README.md. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Map tile URL template for Leaflet (e.g. a 天地图 or local tile server); empty = no base map. */
  tileUrl: string;
  tileAttribution: string;
  /** Set when served behind HTTPS so cookies get the Secure flag. */
  secureCookies: boolean;
  /** Hex SM4 key for field encryption; when absent, a key file is created in the data directory. */
  secretKeyHex?: string;
  logLevel: string;
}

/** Reads the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.ANWANG_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    tileUrl: env.ANWANG_TILE_URL ?? '',
    tileAttribution: env.ANWANG_TILE_ATTRIBUTION ?? '',
    secureCookies: env.ANWANG_SECURE_COOKIES === '1' || env.ANWANG_SECURE_COOKIES === 'true',
    secretKeyHex: env.ANWANG_SECRET_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

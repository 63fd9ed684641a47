/**
 * Cryptography behind one interface so a certified module (密码机/HSM) can replace it: SM3 for hashes and keyed
 * lookups, SM4-GCM (authenticated, GB/T 38636 / RFC 8998) for field encryption at rest. Every ciphertext carries
 * the id of its key, so keys rotate: new values use the current key, older ones decrypt with the key they name
 * until `anwang keys reencrypt` has moved them. Keys live outside the database (environment or a 0600 file).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sm4Gcm } from './sm4-gcm.ts';
import { openFileWith, sealFileWith } from './file-crypto.ts';

export interface CryptoProvider {
  /** Encrypts UTF-8 text with the current key; returns base64 of version, key id, nonce, ciphertext and tag. */
  encrypt(plain: string): string;
  /** Decrypts what encrypt produced (with whichever key it names). @throws Error on an unknown key or tampered data */
  decrypt(enc: string): string;
  /** Keyed SM3 (HMAC) for exact-match lookups, first 128 bits as hex; its key does not rotate with the cipher key. */
  lookupHash(value: string): string;
  /** The id (8 hex) of the key a ciphertext was made with. */
  keyIdOf(enc: string): string;
  /** The id of the key new values are encrypted with. */
  readonly currentKeyId: string;
  /** Encrypts many values at once (bulk imports; a hardware module would take them as one request); same output as encrypt. */
  encryptMany(values: (string | null)[]): Promise<(string | null)[]>;
  /** Releases what the provider holds (sessions with a hardware module). */
  close(): Promise<void>;
  /** Encrypts a stored file (photo, voice note, document) with the current key: the format of file-crypto.ts. */
  sealFile(plain: Uint8Array): Promise<Buffer>;
  /** Decrypts what sealFile produced. @throws Error on an unknown key or changed, cut or reordered data */
  openFile(sealed: Uint8Array): Promise<Buffer>;
}

/** The keys a provider works with: `keys[0]` encrypts; all of them decrypt. */
export interface KeyRing {
  keys: string[];
  /** HMAC key of the lookup hashes (kept when the cipher key rotates, or every stored hash would change). */
  lookupKey: string;
}

const V1_CBC = 1;
const V2_GCM = 2;

/** SM3 digest of a string, hex. */
export function sm3Hex(data: string): string {
  return createHash('sm3').update(data).digest('hex');
}

/** A key's id: the first 4 bytes of its SM3 digest, hex (reveals nothing usable about the key). */
export function keyId(keyHex: string): string {
  return createHash('sm3').update(Buffer.from(keyHex, 'hex')).digest('hex').slice(0, 8);
}

function checkKey(hex: string): Buffer {
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 16 || !/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('an SM4 key must be 32 hex characters (128 bits)');
  return key;
}

// Nonces come from a pooled CSPRNG buffer: one randomBytes call per 4,096 encryptions instead of one each
// (bulk imports encrypt millions of fields). A spent pool is dropped, never refilled in place.
let noncePool = Buffer.alloc(0);
let noncePos = 0;
function freshNonce(): Buffer {
  if (noncePos + 12 > noncePool.length) {
    noncePool = randomBytes(12 * 4096);
    noncePos = 0;
  }
  const n = noncePool.subarray(noncePos, noncePos + 12);
  noncePos += 12;
  return n;
}

/** A software CryptoProvider over a key ring (or one key, which then also keys the lookups). */
export function softwareCrypto(ring: KeyRing | string): CryptoProvider {
  const r: KeyRing = typeof ring === 'string' ? { keys: [ring], lookupKey: ring } : ring;
  if (!r.keys.length) throw new Error('no encryption key');
  const byId = new Map(r.keys.map((k) => [keyId(k), new Sm4Gcm(checkKey(k))] as const));
  const current = r.keys[0]!;
  const currentId = keyId(current);
  const currentGcm = byId.get(currentId)!;
  const prefix = Buffer.concat([Buffer.from([V2_GCM]), Buffer.from(currentId, 'hex')]);
  const lookupKey = checkKey(r.lookupKey);
  const gcmFor = (id: string) => {
    const k = byId.get(id);
    if (!k) throw new Error(`ciphertext made with key ${id}, which is not configured`);
    return k;
  };
  /** Version, key id, nonce, ciphertext and tag, as base64, for each value (nulls stay null). */
  const seal = (values: (string | null)[]): (string | null)[] => {
    const inputs = values.flatMap((v) => (v === null ? [] : [{ nonce: freshNonce(), plain: Buffer.from(v, 'utf8') }]));
    const sealed = currentGcm.sealMany(inputs);
    let i = 0;
    return values.map((v) => {
      if (v === null) return null;
      const s = sealed[i]!;
      return Buffer.concat([prefix, inputs[i++]!.nonce, s.ciphertext, s.tag]).toString('base64');
    });
  };
  const provider: CryptoProvider = {
    currentKeyId: currentId,
    async encryptMany(values) {
      return seal(values);
    },
    async close() {},
    sealFile: (plain) => sealFileWith(currentGcm, currentId, plain),
    openFile: (sealed) => openFileWith(gcmFor, sealed),
    encrypt(plain) {
      return seal([plain])[0]!;
    },
    decrypt(enc) {
      const buf = Buffer.from(enc, 'base64');
      if (buf[0] === V2_GCM) {
        if (buf.length < 1 + 4 + 12 + 16) throw new Error('ciphertext too short');
        const gcm = gcmFor(buf.subarray(1, 5).toString('hex'));
        // Throws "authentication tag mismatch" for a changed ciphertext, nonce, key id or tag.
        return gcm.open(buf.subarray(5, 17), buf.subarray(17, buf.length - 16), buf.subarray(buf.length - 16)).toString('utf8');
      }
      if (buf[0] === V1_CBC) {
        // Before key ids (SM4-CBC, no tag): only the oldest configured key can have made it.
        const d = createDecipheriv('sm4-cbc', checkKey(r.keys[r.keys.length - 1]!), buf.subarray(1, 17));
        return Buffer.concat([d.update(buf.subarray(17)), d.final()]).toString('utf8');
      }
      throw new Error('unknown ciphertext version');
    },
    keyIdOf(enc) {
      const buf = Buffer.from(enc, 'base64');
      return buf[0] === V2_GCM ? buf.subarray(1, 5).toString('hex') : keyId(r.keys[r.keys.length - 1]!);
    },
    lookupHash(value) {
      // 128 bits find an exact match as surely as 256 and keep the lookup indexes small (migration 0008).
      return createHmac('sm3', lookupKey).update(value).digest('hex').slice(0, 32);
    },
  };
  return provider;
}

/** SM4-CBC with the first version's layout; kept for tests that prove old rows still read and re-encrypt. */
export function legacyEncrypt(keyHex: string, plain: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', checkKey(keyHex), iv);
  return Buffer.concat([Buffer.from([V1_CBC]), iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
}

interface KeyFile {
  lookupKey: string;
  keys: { id: string; key: string; createdAt: string }[];
  /** HMAC key of the audit chain and its anchors (added to older files on first use). */
  auditKey?: string;
}

/**
 * The key ring from configuration or from `dataDir/keys.json` (mode 0600, created on first use; a key from the
 * first version's `secret.key` is carried over so existing data stays readable).
 * ANWANG_SECRET_KEY may list several keys, newest first: the first encrypts, all decrypt, and the last (the
 * original) keys the lookup hashes unless ANWANG_LOOKUP_KEY is set.
 */
export function loadKeyRing(secretKeys: string | undefined, lookupKey: string | undefined, dataDir: string | undefined): KeyRing {
  if (secretKeys) {
    const keys = secretKeys.split(',').map((k) => k.trim()).filter(Boolean);
    keys.forEach(checkKey);
    return { keys, lookupKey: lookupKey ?? keys[keys.length - 1]! };
  }
  if (!dataDir) {
    const k = randomBytes(16).toString('hex');
    return { keys: [k], lookupKey: k };
  }
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) {
    const legacy = join(dataDir, 'secret.key');
    const first = existsSync(legacy) ? readFileSync(legacy, 'utf8').trim() : randomBytes(16).toString('hex');
    writeKeyFile(dataDir, { lookupKey: first, keys: [{ id: keyId(first), key: first, createdAt: new Date().toISOString() }] });
  }
  const f = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  // Newest last in the file, newest first in the ring.
  return { keys: [...f.keys].reverse().map((k) => k.key), lookupKey: lookupKey ?? f.lookupKey };
}

function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys.json');
}

function writeKeyFile(dataDir: string, f: KeyFile): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keyFilePath(dataDir), JSON.stringify(f, null, 2) + '\n', { mode: 0o600 });
}

/** Adds a fresh key to `dataDir/keys.json` as the current one; returns its id. @throws Error when keys come from the environment */
export function addKeyToFile(dataDir: string): string {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) throw new Error(`no key file at ${file} (keys set by ANWANG_SECRET_KEY are rotated by listing a new key first)`);
  const f = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const key = randomBytes(16).toString('hex');
  f.keys.push({ id: keyId(key), key, createdAt: new Date().toISOString() });
  writeKeyFile(dataDir, f);
  return keyId(key);
}

/**
 * The keys of the audit chain: rows and anchors are HMAC-SM3 under `current`; older keys (listed after it) still
 * verify what they made. Kept apart from the database, so access to the database alone cannot re-chain the log.
 */
export interface AuditKeys {
  /** Id (8 hex) of the key new rows are hashed with. */
  readonly currentId: string;
  /** HMAC-SM3 of text under the current key, hex (64 characters). */
  mac(text: string): string;
  /** HMAC-SM3 under the key with this id, or undefined when no such key is configured. */
  macWith(id: string, text: string): string | undefined;
}

/** AuditKeys over hex keys, newest first. @throws Error on a key shorter than 128 bits or not hex */
export function auditKeys(hexKeys: string[]): AuditKeys {
  if (!hexKeys.length) throw new Error('no audit key');
  const byId = new Map(
    hexKeys.map((hex) => {
      if (!/^(?:[0-9a-fA-F]{2}){16,64}$/.test(hex)) throw new Error('an audit key must be 32 to 128 hex characters (128 to 512 bits)');
      return [keyId(hex), Buffer.from(hex, 'hex')] as const;
    }),
  );
  const currentId = keyId(hexKeys[0]!);
  const macWith = (id: string, text: string) => {
    const k = byId.get(id);
    return k && createHmac('sm3', k).update(text).digest('hex');
  };
  return { currentId, mac: (text) => macWith(currentId, text)!, macWith };
}

/**
 * The audit keys: ANWANG_AUDIT_KEY (hex, newest first, comma-separated) when set; else the `auditKey` of
 * `dataDir/keys.json` (generated on first use); with keys from the environment and no audit key, one derived from
 * the lookup key (HMAC-SM3 with a fixed label), so every server of a deployment agrees without a new variable.
 */
export function loadAuditKeys(auditKeyHex: string | undefined, ring: KeyRing, keysFromEnv: boolean, dataDir: string | undefined): AuditKeys {
  if (auditKeyHex) return auditKeys(auditKeyHex.split(',').map((k) => k.trim()).filter(Boolean));
  if (keysFromEnv || !dataDir) return auditKeys([createHmac('sm3', Buffer.from(ring.lookupKey, 'hex')).update('anwang audit chain v1').digest('hex')]);
  const f = JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile;
  if (!f.auditKey) {
    f.auditKey = randomBytes(32).toString('hex');
    writeKeyFile(dataDir, f);
  }
  return auditKeys([f.auditKey]);
}

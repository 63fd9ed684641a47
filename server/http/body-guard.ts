/**
 * What every request body, query and path parameter passes before any route sees it:
 * - JSON is parsed by our own parser, which first measures the nesting in one linear pass and refuses anything
 *   deeper than `maxJsonDepth` (an 18 MB `[[[[…` never reaches JSON.parse), under a small body limit;
 * - no string anywhere (values or keys, at any depth) may hold NUL or another C0 control character except tab,
 *   line feed and carriage return: such input is refused with 400 VALIDATION_FAILED naming the field, before
 *   validation, services or the database (which answers 500 to NUL in text) ever see it.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.ts';

/** Deepest nesting of arrays and objects accepted in a JSON body (real bodies need fewer than 10). */
export const maxJsonDepth = 64;

/** The nesting depth of a JSON text (strings skipped), stopping as soon as it exceeds `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

// C0 controls except \t \n \r (matching control characters is the point of this expression).
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** The path of the first string (value or key) holding a forbidden control character, or null. */
export function findControlCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return forbidden.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], `${path}.${i}`);
      if (hit) return hit;
    }
    return null;
  }
  // Buffers, streams and multipart parts are not text: their contents are checked by the upload code. (Parsed
  // query strings are objects without Object.prototype, so the test is on what the value is, not its prototype.)
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  for (const [k, v] of Object.entries(value)) {
    if (forbidden.test(k)) return `${path}.${k.replace(forbidden, '?')}`;
    const hit = findControlCharacter(v, `${path}.${k}`);
    if (hit) return hit;
  }
  return null;
}

/** Installs the JSON parser (size and depth limits) and the control-character check on body, query and params. */
export function installBodyGuard(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = body as string;
    if (text === '') return done(null, undefined);
    if (jsonDepthExceeds(text, maxJsonDepth)) {
      return done(new AppError('VALIDATION_FAILED', [{ path: 'body', code: 'too_deep', message: `JSON nested deeper than ${maxJsonDepth} levels` }]));
    }
    try {
      // __proto__ keys become ordinary own properties of JSON.parse's result; they are dropped to be safe.
      done(null, JSON.parse(text, (k, v) => (k === '__proto__' || k === 'constructor' ? undefined : v)));
    } catch {
      done(new AppError('VALIDATION_FAILED', [{ path: 'body', code: 'invalid_json', message: 'the body is not valid JSON' }]));
    }
  });
  app.addHook('preValidation', async (req) => {
    const hit = findControlCharacter(req.params, 'params') ?? findControlCharacter(req.query, 'query') ?? findControlCharacter(req.body, 'body');
    if (hit) throw new AppError('VALIDATION_FAILED', [{ path: hit, code: 'control_character', message: 'text must not contain NUL or other control characters' }]);
  });
}

/** The one place errors become HTTP answers: stable code, localised message, no internals. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectionLost } from '../db/connection-errors.ts';
import { AppError, errorCatalog, errorMessage, type ErrorCode, type FieldIssue, type Locale } from '../../core/errors.ts';
import { localiseIssue, type IssueFacts } from '../../core/error-language.ts';

/** A field problem with the figures its message can be rebuilt from (zod's minimum, maximum, origin, format). */
type Issue = FieldIssue & { facts?: Omit<IssueFacts, 'code'> };

/**
 * Sends `{ error: { code, message, details? } }` with the code's status, every message in the request's language
 * only (a detail written in another language is rebuilt from its code: core/error-language.ts).
 */
export function sendError(reply: import('fastify').FastifyReply, code: ErrorCode, locale: Locale, details?: Issue[]) {
  const localised = details?.map(({ facts, ...d }) => ({ ...d, message: localiseIssue(d.message, { ...facts, code: d.code }, locale) }));
  return reply.code(errorCatalog[code].status).send({ error: { code, message: errorMessage(code, locale), ...(localised?.length ? { details: localised } : {}) } });
}

const storageCodes = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EIO', 'EROFS', 'EMFILE', 'ENFILE']);

/** Whether an error is the file system refusing a write or read (disk full, permissions, I/O, read-only). */
export function isStorageFailure(err: { code?: unknown; syscall?: unknown }): boolean {
  return typeof err.code === 'string' && storageCodes.has(err.code) && typeof err.syscall === 'string';
}

/** Installs the error and not-found handlers. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    if (err instanceof AppError) return sendError(reply, err.code, locale, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        code: String(v.keyword ?? 'invalid'),
        message: v.message ?? 'invalid',
        facts: v.params as Omit<IssueFacts, 'code'>,
      }));
      return sendError(reply, 'VALIDATION_FAILED', locale, details);
    }
    if (err.statusCode === 429) return sendError(reply, 'RATE_LIMITED', locale);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (bad JSON, body too large, wrong content type).
      return sendError(reply, 'VALIDATION_FAILED', locale, [{ path: 'body', code: err.code ?? 'bad_request', message: err.message }]);
    }
    if (isStorageFailure(err)) {
      // A full disk or a lost mount: say so and that nothing was saved, rather than a bare 500.
      req.log.error({ err: { type: err.name, code: err.code } }, 'file storage unavailable');
      reply.header('retry-after', '30');
      return sendError(reply, 'UNAVAILABLE', locale, [{ path: 'storage', code: String(err.code).toLowerCase(), message: '文件存储不可写（磁盘已满或无权限），请稍后重试 (file storage cannot be written, retry later)' }]);
    }
    if (isConnectionLost(err)) {
      req.log.error({ err: { type: err.name, code: (err as { cause?: { code?: string } }).cause?.code ?? err.code } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(reply, 'UNAVAILABLE', locale);
    }
    // Log the error class and stack only: messages from the database can carry submitted values.
    req.log.error({ err: { type: err.name, code: err.code, stack: err.stack?.split('\n').slice(1, 6).join('\n') } }, 'unhandled error');
    return sendError(reply, 'INTERNAL', locale);
  });
}

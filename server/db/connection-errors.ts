/**
 * Telling a lost database from a bad query: a lost connection or a server shutting down is answered 503
 * (the transaction was rolled back, so the client may retry), anything else stays a 500.
 */

// SQLSTATE class 08 (connection exception), 57P01–57P03 (server shutting down / starting), 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// node-postgres raises plain Errors with these messages when the socket goes away mid-query.
const MESSAGES = /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** Whether `err` (or anything in its cause chain, as Drizzle wraps driver errors) means the database went away. */
export function isConnectionLost(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
  }
  return false;
}

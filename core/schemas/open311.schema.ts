/**
 * Open311 GeoReport v2 inputs (wiki.open311.org/GeoReport_v2; fixtures in server/modules/open311/fixtures). Clients
 * send form-encoded bodies and query strings, so every value arrives as text (or as a list when repeated: the first
 * is taken, as before); numbers from a JSON body are read as their text. Errors keep Open311's own shape
 * `[{code, description}]` (the routes' error handler), with each field's problem in the description.
 */
import { z } from 'zod';

/** One query or form value as text: the first when repeated, a number as its digits, anything else absent. */
const scalar = (v: unknown): string | undefined => (Array.isArray(v) ? scalar(v[0]) : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined);

/** An optional text value. */
const Text = z.preprocess(scalar, z.string().optional());

/** An optional w3c date-time bound (`start_date`, `end_date`); an empty value means none. */
const W3cDate = (name: string) =>
  z.preprocess(scalar, z.string().optional()).transform((s, ctx) => {
    if (!s) return undefined;
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: `${name} must be ISO 8601 (w3c)` });
      return z.NEVER;
    }
    return d;
  });

/** An optional whole number from 1 to `max`, `def` when absent. */
const Count = (name: string, def: number, max: number) =>
  z.preprocess(scalar, z.string().optional()).transform((s, ctx) => {
    if (s === undefined) return def;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      ctx.addIssue({ code: 'custom', message: `${name} must be 1–${max}` });
      return z.NEVER;
    }
    return n;
  });

/** GET requests: filter by ids (comma-separated), service, date range and open/closed, paged. */
export const Open311RequestsQuery = z.object({
  service_request_id: Text.transform((s) => s?.split(',').map((x) => x.trim()).filter(Boolean)),
  service_code: Text,
  start_date: W3cDate('start_date'),
  end_date: W3cDate('end_date'),
  status: z.preprocess((v) => scalar(v) || undefined, z.enum(['open', 'closed'], { message: 'status is open or closed' }).optional()),
  page: Count('page', 1, 100_000),
  page_size: Count('page_size', 50, 200),
});

/** GET servicerequestupdates (mySociety's extension): updates between two instants. */
export const Open311UpdatesQuery = z.object({ start_date: W3cDate('start_date'), end_date: W3cDate('end_date') });

/** A finite coordinate; a missing or non-numeric one is refused (an address alone is not accepted). */
const Coordinate = z.preprocess(scalar, z.string({ message: 'lat and long are required (address_string alone is not accepted)' })).transform((s, ctx) => {
  const n = Number(s);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: 'lat and long are required (address_string alone is not accepted)' });
    return z.NEVER;
  }
  return n;
});

/** POST requests: the fields Anwang takes (api_key is checked first, on its own, so it is not listed here). */
export const Open311CreateBody = z.object({
  service_code: z.preprocess(scalar, z.string({ message: 'service_code is required' }).min(1, 'service_code is required')),
  lat: Coordinate,
  long: Coordinate,
  description: z.preprocess(scalar, z.string({ message: 'description is required' }).trim().min(1, 'description is required')),
  address_string: Text,
  first_name: Text,
  last_name: Text,
  phone: Text,
});

/** The integration token of a POST: the body's `api_key`, else the query's (GeoReport allows both). */
export const Open311ApiKey = z.object({ api_key: Text });

/**
 * What this phone keeps for the resident: the reporter's key of each case it reported (the tracking link
 * carries it as #k=…; rating needs it) and a random device id, so "me too" counts this phone once.
 */
const KEYS = 'anwang.reporterKeys';
const DEVICE = 'anwang.deviceId';

function stored(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(KEYS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** The tracking link of a case, carrying its key in the fragment (never sent to the server in a URL or logged). */
export function trackingLink(code: string, key?: string): string {
  return `/track/${code}${key ? `#k=${encodeURIComponent(key)}` : ''}`;
}

/** Remembers the key of a case reported from this phone. */
export function rememberKey(code: string, key: string): void {
  try {
    localStorage.setItem(KEYS, JSON.stringify({ ...stored(), [code]: key }));
  } catch {
    /* private mode: the link still carries the key */
  }
}

/** The key for a case: from the link's #k=… (then remembered), else one this phone kept. */
export function keyFor(code: string): string | undefined {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('k') ?? undefined;
  if (fromLink) {
    rememberKey(code, fromLink);
    return fromLink;
  }
  return stored()[code];
}

/** This phone's random id for "me too" (made once). */
export function deviceId(): string {
  let id: string | null = null;
  try {
    id = localStorage.getItem(DEVICE);
  } catch {
    /* no storage: a fresh id each time */
  }
  if (id && /^[A-Za-z0-9_-]{16,64}$/.test(id)) return id;
  id = crypto.randomUUID();
  try {
    localStorage.setItem(DEVICE, id);
  } catch {
    /* as above */
  }
  return id;
}

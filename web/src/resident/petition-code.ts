/** A petition's tracking code (county, X, seven characters) as against a case's: the tracking page serves both. */
export function isPetitionCode(code: string): boolean {
  return /^\d{6}-X[0-9A-Z]{7}$/.test(code);
}

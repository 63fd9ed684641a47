/** A dispute's code (county, M, seven characters): the tracking page serves cases, petitions and disputes. */
export function isDisputeCode(code: string): boolean {
  return /^\d{6}-M[0-9A-Z]{7}$/.test(code);
}

/**
 * A statutory period runs through its last counted day and falls due at the midnight after it (China time): the
 * petitioner is told that last day (复查 may be asked until 12/09), not the midnight's date (12/10), which would
 * promise a day the server refuses.
 */
export function lastDayOf(dueIso: string): Date {
  return new Date(Date.parse(dueIso) - 1);
}

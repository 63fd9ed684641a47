import { codeKind } from '../../../core/tracking-code';

/** A petition's tracking code (county, X, seven characters) as against a case's: the tracking page serves both. */
export function isPetitionCode(code: string): boolean {
  return codeKind(code) === 'petition';
}

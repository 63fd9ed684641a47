import { codeKind } from '../../../core/tracking-code';

/** A dispute's code (county, M, seven characters): the tracking page serves cases, petitions and disputes. */
export function isDisputeCode(code: string): boolean {
  return codeKind(code) === 'dispute';
}

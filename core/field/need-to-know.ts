/**
 * Roles that see only their own patrols (a grid worker's or household leader's movements are theirs): place alone
 * does not open another worker's patrol or track to them. Holders of field:track (leaders) read the tracks of
 * patrols in their scope, each read audited.
 */
import type { Role } from '../roles.ts';

export const patrolOwnOnly: readonly Role[] = ['gridWorker', 'householdLeader'];

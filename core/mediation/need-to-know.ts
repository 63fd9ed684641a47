/**
 * Roles that read only the disputes they registered (a grid worker's screening, a petition officer's hand-over):
 * disputes are private matters (family, neighbours, wages), so place alone does not open them to these roles.
 * Mediators, operators and leaders read disputes whose committee or place is in their scope.
 */
import type { Role } from '../roles.ts';

export const disputeOwnOnly: readonly Role[] = ['gridWorker', 'petitionOfficer'];

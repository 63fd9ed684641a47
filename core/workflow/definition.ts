/**
 * A workflow as data: statuses, the terminal ones, roles, variants and the transition table (action → the
 * statuses it leaves from, where it goes, who may take it). Every workflow (cases, petitions, rectification
 * tasks …) is one `defineWorkflow` call; `allowedActions` and `nextStatus` are the same functions for all of
 * them, and `checkTable` is the exhaustive table test each workflow's test runs against a hand-written table.
 */

/** One row of the table: from which statuses, to where ('same' keeps the status; a map picks by variant), by whom. */
export interface TransitionRule<S extends string, R extends string, V extends string> {
  from: readonly S[];
  to: S | 'same' | Partial<Record<V, S>>;
  roles: readonly R[];
}

/** A workflow's vocabulary and table. */
export interface WorkflowDefinition<S extends string, A extends string, R extends string, V extends string> {
  /** Name used in audit actions (`<name>.<action>`) and messages. */
  name: string;
  statuses: readonly S[];
  terminal: readonly S[];
  roles: readonly R[];
  actions: readonly A[];
  transitions: Record<A, TransitionRule<S, R, V>>;
}

/** Raised when an action may not be taken from a status by a role (or a needed variant is missing). */
export class InvalidTransition extends Error {
  constructor(
    readonly status: string,
    readonly action: string,
    readonly role: string,
  ) {
    super(`INVALID_TRANSITION: ${action} by ${role} from ${status}`);
  }
}

/** Builds a definition from its table; the action list is the table's keys, in order. */
export function defineWorkflow<S extends string, R extends string, V extends string, T extends Record<string, TransitionRule<S, R, V>>>(d: {
  name: string;
  statuses: readonly S[];
  terminal: readonly S[];
  roles: readonly R[];
  variants?: readonly V[];
  transitions: T;
}): WorkflowDefinition<S, Extract<keyof T, string>, R, V> {
  return { name: d.name, statuses: d.statuses, terminal: d.terminal, roles: d.roles, actions: Object.keys(d.transitions) as Extract<keyof T, string>[], transitions: d.transitions as unknown as Record<Extract<keyof T, string>, TransitionRule<S, R, V>> };
}

/** The variants an action needs; empty for actions without branches. */
export function variantsOf<S extends string, A extends string, R extends string, V extends string>(def: WorkflowDefinition<S, A, R, V>, action: A): V[] {
  const to = def.transitions[action].to;
  return typeof to === 'object' ? (Object.keys(to) as V[]) : [];
}

/** Actions a role may take in this status (before the module's place and person checks). */
export function allowedActions<S extends string, A extends string, R extends string, V extends string>(def: WorkflowDefinition<S, A, R, V>, status: S, role: R): A[] {
  return def.actions.filter((a) => {
    const t = def.transitions[a];
    return t.from.includes(status) && t.roles.includes(role);
  });
}

/** The status after `action`. @throws InvalidTransition when not allowed from here for this role, or a needed variant is missing */
export function nextStatus<S extends string, A extends string, R extends string, V extends string>(def: WorkflowDefinition<S, A, R, V>, status: S, action: A, role: R, variant?: V): S {
  const t = def.transitions[action] as TransitionRule<S, R, V> | undefined;
  if (!t || !t.from.includes(status) || !t.roles.includes(role)) throw new InvalidTransition(status, action, role);
  if (t.to === 'same') return status;
  if (typeof t.to === 'string') return t.to;
  const next = variant ? t.to[variant] : undefined;
  if (!next) throw new InvalidTransition(status, `${action}:${variant ?? '?'}`, role);
  return next;
}

/** True when nothing more happens in this status. */
export function isTerminal<S extends string, A extends string, R extends string, V extends string>(def: WorkflowDefinition<S, A, R, V>, status: S): boolean {
  return def.terminal.includes(status);
}

/** The hand-written table a workflow's test compares with: action → statuses it leaves from, roles, target (when not by variant). */
export type ExpectedTable<S extends string, A extends string, R extends string> = Record<A, { from: readonly S[]; roles: readonly R[]; to?: S | 'same' }>;

/** One disagreement between the code's table and the hand-written one. */
export interface TableMismatch {
  status: string;
  action: string;
  role: string;
  variant?: string;
  problem: string;
}

/**
 * The exhaustive table test: every status × action × role (× variant) gives the hand-written table's answer —
 * allowed or refused by `allowedActions`, a target or `InvalidTransition` from `nextStatus`, nothing leaving a
 * terminal status. Returns the mismatches (empty when all agree) and how many combinations were checked.
 */
export function checkTable<S extends string, A extends string, R extends string, V extends string>(def: WorkflowDefinition<S, A, R, V>, expected: ExpectedTable<S, A, R>): { mismatches: TableMismatch[]; checked: number } {
  const mismatches: TableMismatch[] = [];
  let checked = 0;
  const keys = (o: object) => Object.keys(o).sort().join(',');
  if (keys(expected) !== [...def.actions].sort().join(',')) mismatches.push({ status: '*', action: '*', role: '*', problem: `actions differ: ${[...def.actions].sort().join(',')} vs ${keys(expected)}` });
  for (const status of def.statuses)
    for (const action of def.actions)
      for (const role of def.roles) {
        const want = expected[action];
        if (!want) continue;
        const ok = want.from.includes(status) && want.roles.includes(role) && !def.terminal.includes(status);
        if (allowedActions(def, status, role).includes(action) !== ok) mismatches.push({ status, action, role, problem: `allowedActions says ${!ok}` });
        const variants = variantsOf(def, action);
        for (const v of variants.length ? variants : [undefined]) {
          checked++;
          let got: S | InvalidTransition;
          try {
            got = nextStatus(def, status, action, role, v);
          } catch (e) {
            if (!(e instanceof InvalidTransition)) throw e;
            got = e;
          }
          if (!ok) {
            if (!(got instanceof InvalidTransition)) mismatches.push({ status, action, role, variant: v, problem: `moved to ${got}, expected refusal` });
          } else if (got instanceof InvalidTransition) mismatches.push({ status, action, role, variant: v, problem: 'refused, expected allowed' });
          else if (want.to && got !== (want.to === 'same' ? status : want.to)) mismatches.push({ status, action, role, variant: v, problem: `moved to ${got}, expected ${want.to}` });
        }
      }
  for (const s of def.terminal) for (const r of def.roles) if (allowedActions(def, s, r).length) mismatches.push({ status: s, action: '*', role: r, problem: 'an action leaves a terminal status' });
  return { mismatches, checked };
}

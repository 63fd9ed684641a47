/** `anwang audit verify [--chain C]`: every audit chain and its anchors checked, in words an operator can act on. */
import type { AppContext } from '../server/lib/context.ts';
import { verifyChain, type ChainResult, type VerifyResult } from '../server/modules/audit/audit.service.ts';

type Broken = NonNullable<VerifyResult['firstBroken']>;

const explain: Record<Broken['reason'], (b: Broken) => string> = {
  gap: (b) => `row ${b.id} is missing (the ids jump over it)`,
  prev_hash_mismatch: (b) => `row ${b.id} does not link to the row before it`,
  hash_mismatch: (b) => `row ${b.id} does not match its hash (changed, or hashed without the audit key)`,
  unknown_key: (b) => `row ${b.id} names an audit key that is not configured (ANWANG_AUDIT_KEY or keys.json)`,
  unkeyed: (b) => `row ${b.id} carries a plain SM3 hash where the audit key is required (rewritten and re-chained)`,
  anchor_mismatch: (b) => (b.anchoredAt ? `row ${b.id} differs from the anchor written at ${b.anchoredAt}: the log up to it was rewritten` : `the legacy chain's end (row ${b.id}) differs from where the anchors pinned it`),
  truncated: (b) => (b.anchoredAt ? `rows from ${b.id} on are missing: the anchor written at ${b.anchoredAt} recorded the chain up to row ${b.anchoredId} (tail removed)` : `rows from ${b.id} on are missing: the chain was started and its rows are gone`),
};

/** A chain's name as an operator reads it. */
const chainName = (chain: string) => (chain === 'legacy' ? 'legacy chain (rows before the per-county chains)' : chain === '000000' ? 'chain 000000 (system-wide)' : `chain ${chain}`);

/** One line per chain. */
function chainLine(c: ChainResult): string {
  if (!c.firstBroken) return `  ${chainName(c.chain)}: OK, ${c.checked} rows`;
  const b = c.firstBroken;
  return `  审计日志链断裂 audit ${chainName(c.chain)} BROKEN at row ${b.id} (${b.reason}): ${explain[b.reason](b)}; ${c.checked} rows before it are intact`;
}

/** Verifies the audit log (every chain, or only `chain`); returns whether it is intact and the lines to print (stdout when ok, stderr otherwise). */
export async function auditVerifyReport(ctx: Pick<AppContext, 'db' | 'audit'>, chain?: string): Promise<{ ok: boolean; text: string }> {
  const r = await verifyChain(ctx, chain);
  const where = r.anchors.file ?? '(none: in-memory database)';
  if (r.anchors.problem === 'not_authentic') {
    return { ok: false, text: `审计锚点文件被改动 audit anchors NOT AUTHENTIC: ${where} line ${r.anchors.line} was edited or written without the audit key` };
  }
  const lines = r.chains.map(chainLine);
  if (chain !== undefined && r.chains.length === 0) return { ok: false, text: `no audit chain named ${chain} (a county code, 000000 or legacy)` };
  if (r.firstBroken) {
    const broken = r.chains.filter((c) => !c.ok).map((c) => c.chain);
    return { ok: false, text: [`审计日志链断裂 audit log BROKEN in ${broken.length} of ${r.chains.length} chains (${broken.join(', ')}); first: ${chainName(r.firstBroken.chain)} at row ${r.firstBroken.id}`, ...lines].join('\n') };
  }
  if (r.anchors.problem === 'missing') {
    return { ok: false, text: [`缺少审计锚点 audit anchors MISSING: no anchor file at ${where}, so a removed tail cannot be detected (the server appends every chain's head every minute; restore the file or point ANWANG_AUDIT_ANCHOR_FILE at it). The ${r.checked} rows themselves chain correctly.`, ...lines].join('\n') };
  }
  return { ok: true, text: [`审计日志完整 audit chain OK: ${r.chains.length} chains, ${r.checked} rows; ${r.anchors.count} anchors in ${where}, every anchored head still in its chain`, ...lines].join('\n') };
}

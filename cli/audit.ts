/** `anwang audit verify`: the chain and its anchors checked, in words an operator can act on. */
import type { AppContext } from '../server/lib/context.ts';
import { verifyChain, type VerifyResult } from '../server/modules/audit/audit.service.ts';

const explain: Record<NonNullable<VerifyResult['firstBroken']>['reason'], (b: NonNullable<VerifyResult['firstBroken']>) => string> = {
  gap: (b) => `row ${b.id} is missing (the ids jump over it)`,
  prev_hash_mismatch: (b) => `row ${b.id} does not link to the row before it`,
  hash_mismatch: (b) => `row ${b.id} does not match its hash (changed, or hashed without the audit key)`,
  unknown_key: (b) => `row ${b.id} names an audit key that is not configured (ANWANG_AUDIT_KEY or keys.json)`,
  unkeyed: (b) => `row ${b.id} carries a plain SM3 hash where the audit key is required (rewritten and re-chained)`,
  anchor_mismatch: (b) => `row ${b.id} differs from the anchor written at ${b.anchoredAt}: the log up to it was rewritten`,
  truncated: (b) => `rows from ${b.id} on are missing: the anchor written at ${b.anchoredAt} recorded the chain up to row ${b.anchoredId} (tail removed)`,
};

/** Verifies the audit log; returns whether it is intact and the lines to print (stdout when ok, stderr otherwise). */
export async function auditVerifyReport(ctx: Pick<AppContext, 'db' | 'audit'>): Promise<{ ok: boolean; text: string }> {
  const r = await verifyChain(ctx);
  const where = r.anchors.file ?? '(none: in-memory database)';
  if (r.anchors.problem === 'not_authentic') {
    return { ok: false, text: `审计锚点文件被改动 audit anchors NOT AUTHENTIC: ${where} line ${r.anchors.line} was edited or written without the audit key` };
  }
  if (r.firstBroken) {
    return { ok: false, text: `审计日志链断裂 audit chain BROKEN at row ${r.firstBroken.id} (${r.firstBroken.reason}): ${explain[r.firstBroken.reason](r.firstBroken)}; ${r.checked} rows before it are intact` };
  }
  if (r.anchors.problem === 'missing') {
    return { ok: false, text: `缺少审计锚点 audit anchors MISSING: no anchor file at ${where}, so a removed tail cannot be detected (the server appends the head every minute; restore the file or point ANWANG_AUDIT_ANCHOR_FILE at it). The ${r.checked} rows themselves chain correctly.` };
  }
  return { ok: true, text: `审计日志完整 audit chain OK: ${r.checked} rows; ${r.anchors.count} anchors in ${where}, every anchored head still in the chain` };
}

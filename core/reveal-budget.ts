/**
 * The budget of full reads of personal data (reveals) per user, as a leaky bucket: each reveal adds one, the level
 * drains at `max` per `windowMs`, and a reveal that would take it past `max` is refused. Unlike a fixed window it
 * has no boundary at which twice the limit fits. The first refusal in a window raises an alert.
 */
export interface RevealBucket {
  level: number;
  updatedAt: Date;
  alertedAt: Date | null;
}

export interface RevealLimit {
  max: number;
  windowMs: number;
}

/** One more reveal at `now`: whether it may go ahead, the bucket after it, and whether to alert now. */
export function spendReveal(b: RevealBucket | null, now: Date, limit: RevealLimit): { allowed: boolean; alert: boolean; next: RevealBucket } {
  const elapsed = b ? Math.max(0, now.getTime() - b.updatedAt.getTime()) : 0;
  const level = b ? Math.max(0, b.level - (elapsed * limit.max) / limit.windowMs) : 0;
  const alertedAt = b?.alertedAt ?? null;
  if (level + 1 <= limit.max) return { allowed: true, alert: false, next: { level: level + 1, updatedAt: now, alertedAt } };
  // Refused: one alert per window, however long the attempts go on.
  const alert = !alertedAt || now.getTime() - alertedAt.getTime() >= limit.windowMs;
  return { allowed: false, alert, next: { level, updatedAt: now, alertedAt: alert ? now : alertedAt } };
}

/**
 * Repeat petitions (issue 14, item 6), pure: the same person (a keyed hash of the ID number or the phone matched,
 * done by the repository) or the same matter — similar text (character bigrams, which suit Chinese without a word
 * splitter) at the same village or about the same body. An earlier petition that went through 复核 makes a new
 * one on the same facts 不再受理, which the officer confirms.
 */

/** How alike two texts are, 0…1 (Jaccard over character bigrams, punctuation and spaces ignored). */
export function matterSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const chars = [...s.replace(/[\s\p{P}\p{S}]/gu, '')];
    const set = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i]! + chars[i + 1]!);
    if (chars.length === 1) set.add(chars[0]!);
    return set;
  };
  const x = grams(a), y = grams(b);
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

/** Texts at least this alike are suggested as the same matter. */
export const SAME_MATTER = 0.45;

/** An earlier petition as the ranking sees it. */
export interface EarlierPetition {
  code: string;
  status: string;
  matter: string;
  createdAt: Date;
  /** It went through 复核 (final). */
  final: boolean;
}

/** A suggested repeat. */
export interface Repeat {
  code: string;
  status: string;
  match: 'person' | 'matter';
  final: boolean;
  matter: string;
  registeredAt: string;
}

/** Ranks candidates: every person match, then matter matches above the threshold; newest first within each, at most `limit`. */
export function rankRepeats(matter: string, byPerson: EarlierPetition[], nearby: EarlierPetition[], limit = 10): Repeat[] {
  const seen = new Set<string>();
  const out: Repeat[] = [];
  const add = (p: EarlierPetition, match: Repeat['match']) => {
    if (seen.has(p.code)) return;
    seen.add(p.code);
    // Final only for the same facts: a person's earlier, different matter does not bar a new one.
    const final = p.final && matterSimilarity(matter, p.matter) >= SAME_MATTER;
    out.push({ code: p.code, status: p.status, match, final, matter: p.matter.slice(0, 120), registeredAt: p.createdAt.toISOString() });
  };
  const newest = (a: EarlierPetition, b: EarlierPetition) => b.createdAt.getTime() - a.createdAt.getTime();
  for (const p of [...byPerson].sort(newest)) add(p, 'person');
  for (const p of nearby.filter((q) => matterSimilarity(matter, q.matter) >= SAME_MATTER).sort(newest)) add(p, 'matter');
  return out.slice(0, limit);
}

/** True when a new petition on these facts is 不再受理: an earlier one of the same person or matter went through 复核. */
export function isFinalRepeat(repeats: Repeat[]): Repeat | null {
  return repeats.find((r) => r.final) ?? null;
}

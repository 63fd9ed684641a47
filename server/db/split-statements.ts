/**
 * Splits an SQL script into its statements at top-level semicolons, keeping quoted text, dollar-quoted bodies and
 * comments whole. A Citus coordinator forwards a DDL statement's own text to the workers, so migrations are sent
 * to it one statement at a time.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text && !/^(?:--[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(text)) out.push(text);
  };
  while (i < script.length) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') i = lineEnd(script, i);
    else if (c === '/' && next === '*') i = commentEnd(script, i);
    else if (c === "'" || c === '"') i = quoteEnd(script, i, c);
    else if (c === '$') i = dollarEnd(script, i);
    else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(script.length);
  return out;
}

function lineEnd(s: string, i: number): number {
  const n = s.indexOf('\n', i);
  return n < 0 ? s.length : n + 1;
}

function commentEnd(s: string, i: number): number {
  // PostgreSQL's block comments nest.
  let depth = 0;
  while (i < s.length) {
    if (s.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (s.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (!depth) return i;
    } else i++;
  }
  return i;
}

function quoteEnd(s: string, i: number, q: string): number {
  // E'…' strings escape with a backslash; others double the quote (which the loop reads as two strings).
  const escapes = q === "'" && i > 0 && /[eE]/.test(s[i - 1]!) && !/[\w$]/.test(s[i - 2] ?? ' ');
  for (let j = i + 1; j < s.length; j++) {
    if (escapes && s[j] === '\\') j++;
    else if (s[j] === q) return j + 1;
  }
  return s.length;
}

function dollarEnd(s: string, i: number): number {
  // $tag$ … $tag$, but not a parameter ($1) or a dollar inside an identifier.
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i));
  if (!m || (i > 0 && /[\w$]/.test(s[i - 1]!))) return i + 1;
  const close = s.indexOf(m[0], i + m[0].length);
  return close < 0 ? s.length : close + m[0].length;
}

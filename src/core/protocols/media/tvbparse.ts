/**
 * A small grammar matcher with Wireshark's tvbparse semantics, for the text dissectors that
 * are built on it (JSON, XML): sequences skip the "ignore" pattern (whitespace) after each
 * element, alternatives take the first that matches, repetitions are greedy, and callbacks run
 * only once a whole top-level element has matched, depth first (before on entry, after on exit).
 * Matching the same quirks matters: they decide what tshark accepts.
 */

export interface Token {
  id: number;
  offset: number;
  len: number;
  wanted: Wanted;
  /** First child; children are linked through `next`. */
  sub: Token | null;
  next: Token | null;
  /** Last child (for appending). */
  last: Token | null;
}

export type Callback<D> = (data: D, tok: Token) => void;

export interface Wanted {
  id: number;
  /** Minimum number of bytes a match needs (a quick bound check). */
  minLen: number;
  match(p: Parser, offset: number): { len: number; tok: Token } | null;
  before?: Callback<never>;
  after?: Callback<never>;
}

export class Parser {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    readonly ignore: Wanted | null,
  ) {
    this.offset = start;
  }

  skipIgnore(offset: number): number {
    if (!this.ignore) return 0;
    let n = 0;
    for (;;) {
      const m = this.ignore.match(this, offset + n);
      if (!m || m.len <= 0) return n;
      n += m.len;
    }
  }

  /** tvbparse_get: one element at the current offset; runs its callbacks on success. */
  get<D>(wanted: Wanted, data: D): Token | null {
    const offset = this.offset + this.skipIgnore(this.offset);
    const m = wanted.match(this, offset);
    if (!m) return null;
    runCallbacks(m.tok, data);
    this.offset = offset + m.len;
    return m.tok;
  }
}

function tok(id: number, offset: number, len: number, wanted: Wanted): Token {
  return { id, offset, len, wanted, sub: null, next: null, last: null };
}

function setOf(chars: string): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < chars.length; i++) s[chars.charCodeAt(i)] = 1;
  return s;
}

interface Hooks {
  before?: Callback<never>;
  after?: Callback<never>;
}

export function char(id: number, chars: string, hooks: Hooks = {}): Wanted {
  const set = setOf(chars);
  const w: Wanted = {
    id,
    minLen: 1,
    ...hooks,
    match(p, offset) {
      if (offset >= p.end || !set[p.bytes[offset]]) return null;
      return { len: 1, tok: tok(id, offset, 1, w) };
    },
  };
  return w;
}

function run(id: number, chars: string, min: number, max: number, inSet: boolean, hooks: Hooks): Wanted {
  const set = setOf(chars);
  const lo = min || 1;
  const hi = max || 0x3fffffff;
  const w: Wanted = {
    id,
    minLen: lo,
    ...hooks,
    match(p, offset) {
      let n = 0;
      while (n < hi && offset + n < p.end && (set[p.bytes[offset + n]] === 1) === inSet) n++;
      if (n < lo) return null;
      return { len: n, tok: tok(id, offset, n, w) };
    },
  };
  return w;
}

/** tvbparse_chars: a run of bytes from the set (min 0 means 1, max 0 means unlimited). */
export function chars(id: number, min: number, max: number, set: string, hooks: Hooks = {}): Wanted {
  return run(id, set, min, max, true, hooks);
}

/** tvbparse_not_chars: a run of bytes outside the set. */
export function notChars(id: number, min: number, max: number, set: string, hooks: Hooks = {}): Wanted {
  return run(id, set, min, max, false, hooks);
}

/** tvbparse_string: an exact byte string. */
export function literal(id: number, s: string, hooks: Hooks = {}): Wanted {
  const w: Wanted = {
    id,
    minLen: s.length,
    ...hooks,
    match(p, offset) {
      if (offset + s.length > p.end) return null;
      for (let i = 0; i < s.length; i++) if (p.bytes[offset + i] !== s.charCodeAt(i)) return null;
      return { len: s.length, tok: tok(id, offset, s.length, w) };
    },
  };
  return w;
}

/** tvbparse_set_seq; elements may be filled in later (for recursive grammars). */
export function seq(id: number, elems: Wanted[], hooks: Hooks = {}): Wanted {
  const w: Wanted = {
    id,
    minLen: 0,
    ...hooks,
    match(p, offset) {
      const start = offset;
      let ret: Token | null = null;
      for (const e of elems) {
        if (offset + e.minLen > p.end) return null;
        const m = e.match(p, offset);
        if (!m) return null;
        if (ret) {
          if (m.tok.len) ret.len = m.tok.offset - ret.offset + m.tok.len;
          (ret.last as Token).next = m.tok;
          ret.last = m.tok;
        } else {
          ret = tok(id, m.tok.offset, m.tok.len, w);
          ret.sub = m.tok;
          ret.last = m.tok;
        }
        offset += m.len;
        offset += p.skipIgnore(offset);
      }
      return ret ? { len: offset - start, tok: ret } : null;
    },
  };
  return w;
}

/** tvbparse_set_oneof: the first alternative that matches, wrapped in a token of this id. */
export function oneOf(id: number, alts: Wanted[], hooks: Hooks = {}): Wanted {
  const w: Wanted = {
    id,
    minLen: 0,
    ...hooks,
    match(p, offset) {
      for (const a of alts) {
        if (offset + a.minLen > p.end) continue;
        const m = a.match(p, offset);
        if (m) {
          const t = tok(id, m.tok.offset, m.tok.len, w);
          t.sub = m.tok;
          return { len: m.len, tok: t };
        }
      }
      return null;
    },
  };
  return w;
}

/** tvbparse_some: `elem` repeated min..max times, greedily. */
export function some(id: number, min: number, max: number, elem: Wanted, hooks: Hooks = {}): Wanted {
  const w: Wanted = {
    id,
    minLen: 0,
    ...hooks,
    match(p, offset) {
      const start = offset;
      let ret: Token | null = min === 0 ? tok(id, offset, 0, w) : null;
      let got = 0;
      while (got < max) {
        if (offset > p.end) return null;
        const m = elem.match(p, offset);
        if (!m) break;
        if (ret) {
          if (m.tok.len) ret.len = m.tok.offset - ret.offset + m.tok.len;
          if (ret.sub) {
            (ret.last as Token).next = m.tok;
            ret.last = m.tok;
          } else {
            ret.sub = m.tok;
            ret.last = m.tok;
          }
        } else {
          ret = m.tok;
        }
        offset += m.len;
        got++;
        // A repetition that consumes nothing would repeat forever.
        if (m.len === 0) break;
      }
      if (got < min || !ret) return null;
      return { len: offset - start, tok: ret };
    },
  };
  return w;
}

export function optional(elem: Wanted): Wanted {
  return some(-1, 0, 1, elem);
}

/** Depth-first walk running before/after callbacks, as tvbparse's execute_callbacks. */
function runCallbacks<D>(root: Token, data: D): void {
  const stack: Token[] = [];
  let curr: Token | null = root;
  while (curr) {
    (curr.wanted.before as Callback<D> | undefined)?.(data, curr);
    if (curr.sub) {
      stack.push(curr);
      curr = curr.sub;
      continue;
    }
    (curr.wanted.after as Callback<D> | undefined)?.(data, curr);
    curr = curr.next;
    while (!curr && stack.length > 0) {
      const up = stack.pop() as Token;
      (up.wanted.after as Callback<D> | undefined)?.(data, up);
      curr = up.next;
    }
  }
}

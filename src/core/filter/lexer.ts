import { KEYWORDS, SYMBOLS, errorAt, type TokKind, type Token } from './tokens';
import { scanCharConst, scanQuoted } from './lexer-strings';

/**
 * The display-filter scanner. It follows Wireshark 4.0's flex scanner: words (field names and
 * unquoted values) are not classified here except where their shape alone decides (addresses and
 * byte strings become LITERAL tokens); '[' switches to slice-range scanning and '#' to layer
 * scanning. Scanning stops at the first error, which becomes an ERROR token the parser reports
 * when it gets there (so an earlier syntax error wins, as in tshark).
 */
export function tokenize(text: string): Token[] {
  const macro = macroError(text);
  if (macro) return [macro, eof(text)];
  const out: Token[] = [];
  let p = 0;
  const n = text.length;
  let mode: 'normal' | 'range' | 'layer' = 'normal';
  while (true) {
    if (mode === 'range') {
      if (p >= n) {
        out.push(errorAt(n, n + 1, 'The right bracket was missing from a slice.'));
        break;
      }
      const c = text[p];
      if (c === ']') {
        out.push(tok('RBRACKET', p, p + 1, text));
        p++;
        mode = 'normal';
      } else if (c === ',') {
        out.push(tok('COMMA', p, p + 1, text));
        p++;
      } else {
        let q = p;
        while (q < n && text[q] !== ']' && text[q] !== ',') q++;
        out.push(tok('RANGE', p, q, text));
        p = q;
      }
      continue;
    }
    if (mode === 'layer') {
      mode = 'normal';
      if (p >= n) continue;
      const c = text[p];
      if (isDigit(c)) {
        let q = p;
        while (q < n && isDigit(text[q])) q++;
        out.push(tok('INDEX', p, q, text));
        p = q;
        continue;
      }
      if (c === '[') {
        out.push(tok('LBRACKET', p, p + 1, text));
        p++;
        mode = 'range';
        continue;
      }
      out.push(errorAt(p, p + 1, `Expected digit or "[", not "${c}"`));
      break;
    }
    while (p < n && isSpace(text[p])) p++;
    if (p >= n) break;
    const c = text[p];
    if (c === '"' || ((c === 'r' || c === 'R') && text[p + 1] === '"')) {
      const t = scanQuoted(text, p);
      out.push(t);
      if (t.kind === 'ERROR') break;
      p = t.to;
      continue;
    }
    if (c === "'") {
      const t = scanCharConst(text, p);
      out.push(t);
      if (t.kind === 'ERROR') break;
      p = t.to;
      continue;
    }
    if (c === '[') {
      out.push(tok('LBRACKET', p, p + 1, text));
      p++;
      mode = 'range';
      continue;
    }
    if (c === ']') {
      out.push(tok('RBRACKET', p, p + 1, text));
      p++;
      continue;
    }
    if (c === '#') {
      out.push(tok('HASH', p, p + 1, text));
      p++;
      mode = 'layer';
      continue;
    }
    if (c === '$') {
      if (text[p + 1] === '{') {
        const close = text.indexOf('}', p + 2);
        // macroError() already rejected unterminated and macro-shaped ${...}.
        const name = text.slice(p + 2, close).trim();
        out.push({ kind: 'REFERENCE', from: p, to: close + 1, text: text.slice(p, close + 1), name });
        p = close + 1;
        continue;
      }
      out.push(tok('DOLLAR', p, p + 1, text));
      p++;
      continue;
    }
    if (c === '.' && text[p + 1] !== '.') {
      const w = wordEnd(text, p + 1);
      if (w > p + 1) {
        out.push({ kind: 'FIELD', from: p, to: w, text: text.slice(p, w), name: text.slice(p + 1, w) });
        p = w;
      } else {
        out.push(tok('UNKNOWN', p, p + 1, text));
        p++;
      }
      continue;
    }
    if (isWordStart(c) || c === ':') {
      const t = scanWordOrLiteral(text, p);
      if (t) {
        out.push(t);
        p = t.to;
        continue;
      }
    }
    const sym = SYMBOLS.find(([s]) => text.startsWith(s, p));
    if (sym) {
      out.push(tok(sym[1], p, p + sym[0].length, text));
      p += sym[0].length;
      continue;
    }
    out.push(tok('UNKNOWN', p, p + 1, text));
    p++;
  }
  out.push(eof(text));
  return out;
}

function tok(kind: TokKind, from: number, to: number, text: string): Token {
  return { kind, from, to, text: text.slice(from, to) };
}

function eof(text: string): Token {
  return { kind: 'EOF', from: text.length, to: text.length, text: '' };
}

/**
 * ${name} is a macro when the name has no dot (Wireshark expands macros before scanning, so a
 * missing macro beats every other error); ${field.name} is a field reference.
 */
function macroError(text: string): Token | null {
  let i = text.indexOf('${');
  while (i >= 0) {
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      return errorAt(i, text.length, 'end of filter in the middle of a macro expression', true);
    }
    const name = text.slice(i + 2, close);
    if (/^[A-Za-z0-9_]+(:.*)?$/.test(name)) {
      const macroName = name.split(':')[0];
      return errorAt(i, close + 1, `macro '${macroName}' does not exist`, true);
    }
    i = text.indexOf('${', close + 1);
  }
  return null;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c === '_';
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (isWordStart(c) || c === '-');
}

/** End of a word starting at p: [A-Za-z0-9_-]+ segments joined by single dots (never "..", never a trailing dot). */
function wordEnd(text: string, p: number): number {
  let q = p;
  if (!isWordStart(text[q] ?? '')) return p;
  while (true) {
    while (isWordChar(text[q])) q++;
    if (text[q] === '.' && isWordChar(text[q + 1])) {
      q++;
      continue;
    }
    return q;
  }
}

const HEX = '[0-9A-Fa-f]';
const DEC_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = `${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}`;
const H16 = `${HEX}{1,4}`;
const LS32 = `(?:${H16}:${H16}|${IPV4})`;
const IPV6_ALTERNATIVES = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].map((s) => new RegExp(`${s}(?:/[0-9]{1,3})?`, 'y'));
const IPV4_RE = new RegExp(`${IPV4}(?:/[0-9]{1,2})?`, 'y');
/** Byte strings with colons ("aa:bb"), which a word cannot contain. */
const COLON_BYTES_RE = new RegExp(`${HEX}{2}(?::${HEX}{2})+`, 'y');
/** After a ':' prefix: hex digits or byte strings with any separator. */
const PREFIXED_RE = new RegExp(
  `:(?:${HEX}{2}(?::${HEX}{2})+|${HEX}{2}(?:-${HEX}{2})+|${HEX}{2}(?:\\.${HEX}{2})+|${HEX}+)`,
  'y',
);

function matchLen(re: RegExp, text: string, p: number): number {
  re.lastIndex = p;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/** The longest of: a word, an IPv4/IPv6 address (with prefix), a colon byte string, a ':'-prefixed literal. */
function scanWordOrLiteral(text: string, p: number): Token | null {
  const word = wordEnd(text, p) - p;
  let lit = Math.max(matchLen(IPV4_RE, text, p), matchLen(COLON_BYTES_RE, text, p));
  for (const re of IPV6_ALTERNATIVES) lit = Math.max(lit, matchLen(re, text, p));
  if (text[p] === ':') lit = Math.max(lit, matchLen(PREFIXED_RE, text, p));
  if (word === 0 && lit === 0) return null;
  if (lit >= word) {
    const s = text.slice(p, p + lit);
    return { kind: 'LITERAL', from: p, to: p + lit, text: s, value: s };
  }
  const s = text.slice(p, p + word);
  const kw = KEYWORDS.get(s);
  return { kind: kw ?? 'UNPARSED', from: p, to: p + word, text: s };
}

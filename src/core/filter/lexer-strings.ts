import { errorAt, type Token } from './tokens';

/** Escapes shared by strings and character constants (C's simple escapes). */
const SIMPLE_ESCAPES: Record<string, number> = {
  "'": 0x27,
  '"': 0x22,
  '\\': 0x5c,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** C11's rule for universal character names: no surrogates, nothing past U+10FFFF, nothing below U+00A0 except $ @ `. */
function validUcn(cp: number): boolean {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  if (cp < 0xa0) return cp === 0x24 || cp === 0x40 || cp === 0x60;
  return true;
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** UTF-8 bytes of a JS string. */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) pushUtf8(out, ch.codePointAt(0) ?? 0);
  return Uint8Array.from(out);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as a JS string: UTF-8 when valid, otherwise one character per byte. */
export function bytesToString(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
    return s;
  }
}

/**
 * Scans "..." or r"..." starting at p. Escape errors point at the escape sequence; an unterminated
 * string points just past the end (as tshark's caret does).
 */
export function scanQuoted(text: string, p: number): Token {
  const raw = text[p] !== '"';
  let i = raw ? p + 2 : p + 1;
  const bytes: number[] = [];
  while (true) {
    if (i >= text.length) {
      return errorAt(text.length, text.length + 1, 'The final quote was missing from a quoted string.');
    }
    const c = text[i];
    if (c === '"') {
      i++;
      break;
    }
    if (c !== '\\') {
      const cp = text.codePointAt(i) ?? 0;
      pushUtf8(bytes, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) {
      return errorAt(text.length, text.length + 1, 'The final quote was missing from a quoted string.');
    }
    if (raw) {
      // Raw strings keep the backslash; \" and \\ only stop the quote from ending the string.
      bytes.push(0x5c);
      pushUtf8(bytes, text.codePointAt(i + 1) ?? 0);
      i += 2;
      continue;
    }
    if (isOct(e)) {
      let j = i + 1;
      while (j < i + 4 && isOct(text[j])) j++;
      const v = parseInt(text.slice(i + 1, j), 8);
      if (v > 0xff) return errorAt(i, j, `${text.slice(i, j)} is larger than 255.`);
      bytes.push(v);
      i = j;
      continue;
    }
    if (e === 'x' && isHex(text[i + 2])) {
      let j = i + 2;
      while (j < i + 4 && isHex(text[j])) j++;
      bytes.push(parseInt(text.slice(i + 2, j), 16));
      i = j;
      continue;
    }
    if (e === 'u' || e === 'U') {
      const want = e === 'u' ? 4 : 8;
      let j = i + 2;
      while (j < i + 2 + want && isHex(text[j])) j++;
      const seq = text.slice(i, j);
      const cp = j - (i + 2) === want ? parseInt(text.slice(i + 2, j), 16) : -1;
      if (cp < 0 || !validUcn(cp)) return errorAt(i, j, `${seq} is not a valid universal character name`);
      pushUtf8(bytes, cp);
      i = j;
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple === undefined) {
      return errorAt(i, i + 2, `\\${e} is not a valid character escape sequence`);
    }
    bytes.push(simple);
    i += 2;
  }
  const b = Uint8Array.from(bytes);
  return { kind: 'STRING', from: p, to: i, text: text.slice(p, i), bytes: b, value: bytesToString(b) };
}

/** Scans a character constant '...' starting at p and computes its value. */
export function scanCharConst(text: string, p: number): Token {
  let i = p + 1;
  while (true) {
    if (i >= text.length) {
      return errorAt(text.length, text.length + 1, 'The final quote was missing from a character constant.');
    }
    if (text[i] === '\\') {
      if (i + 1 >= text.length) {
        return errorAt(
          text.length,
          text.length + 1,
          'The final quote was missing from a character constant.',
        );
      }
      i += 2;
      continue;
    }
    if (text[i] === "'") break;
    i++;
  }
  const to = i + 1;
  const whole = text.slice(p, to);
  const body = text.slice(p + 1, i);
  const fail = (msg: string): Token => errorAt(p, to, msg);
  if (body.length === 0) return fail('Empty character constant.');
  if (body[0] !== '\\') {
    const first = utf8Bytes(body)[0];
    if (first < 0x20 || first >= 0x7f) {
      // tshark sign-extends the C char, hence the 64-bit spelling of high bytes.
      const hex = first >= 0x80 ? `ffffffffffffff${first.toString(16)}` : first.toString(16);
      return fail(`Non-printable value '0x${hex}' in character constant.`);
    }
    if (body.length > 1) return fail(`${whole} is too long to be a valid character constant.`);
    return { kind: 'CHARCONST', from: p, to, text: whole, char: first };
  }
  const e = body[1];
  let value: number;
  let used: number;
  if (isOct(e)) {
    let j = 1;
    while (j < 4 && isOct(body[j])) j++;
    value = parseInt(body.slice(1, j), 8);
    used = j;
    if (used === body.length && value > 0xff) {
      return fail(`${whole} is too large to be a valid character constant.`);
    }
  } else if (e === 'x') {
    let j = 2;
    while (j < 4 && isHex(body[j])) j++;
    if (j === 2) return fail(`${whole} isn't a valid character constant.`);
    value = parseInt(body.slice(2, j), 16);
    used = j;
  } else if (e === 'u' || e === 'U') {
    const want = e === 'u' ? 4 : 8;
    const digits = body.slice(2);
    const cp = digits.length === want && /^[0-9A-Fa-f]+$/.test(digits) ? parseInt(digits, 16) : -1;
    if (cp < 0 || !validUcn(cp)) return fail(`${whole} is not a valid universal character name`);
    value = cp;
    used = body.length;
  } else {
    const simple = SIMPLE_ESCAPES[e];
    if (simple === undefined) return fail(`${whole} isn't a valid character constant.`);
    value = simple;
    used = 2;
  }
  if (used < body.length) return fail(`${whole} is too long to be a valid character constant.`);
  return { kind: 'CHARCONST', from: p, to, text: whole, char: value };
}

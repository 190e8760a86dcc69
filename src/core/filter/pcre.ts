/**
 * Translates a PCRE2 pattern (what `matches` takes in Wireshark, compiled caseless) into a
 * JavaScript RegExp with the same meaning. Syntax JavaScript cannot express (possessive
 * quantifiers, atomic groups, recursion, conditionals, verbs, inline option changes inside the
 * pattern) is rejected with a message rather than silently mistranslated. Returns the RegExp or
 * an error message (PCRE2's own wording for syntax errors).
 */
export function translatePcre(pattern: string): RegExp | string {
  try {
    const t = new Translator(pattern);
    const src = t.run();
    return new RegExp(src, (t.caseless ? 'i' : '') + (t.unicode ? 'u' : ''));
  } catch (e) {
    if (e instanceof PcreError) return e.message;
    if (e instanceof SyntaxError) return `unsupported regular expression (${e.message})`;
    throw e;
  }
}

class PcreError {
  constructor(readonly message: string) {}
}

const SPACE = '\\t\\n\\v\\f\\r ';
const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: SPACE,
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
  word: '0-9A-Za-z_',
  ascii: '\\x00-\\x7f',
};

/** Characters JavaScript lets (and in unicode mode requires) us to escape. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

function hexEscape(code: number): string {
  if (code > 0xff) throw new PcreError('character code point value in \\x{} or \\o{} is too large');
  return '\\x' + code.toString(16).padStart(2, '0');
}

/** A literal character, escaped as JavaScript needs it. */
function literal(ch: string): string {
  if (JS_SYNTAX.has(ch)) return '\\' + ch;
  const c = ch.charCodeAt(0);
  if (c < 0x20 || c === 0x7f) return hexEscape(c);
  return ch;
}

class Translator {
  caseless = true;
  unicode = false;
  private extended = false;
  private dotAll = false;
  private multiline = false;
  private i = 0;
  private groups = 0;
  private readonly groupCount: number;
  private depth = 0;

  constructor(private readonly p: string) {
    this.groupCount = countGroups(p);
  }

  run(): string {
    this.leadingOptions();
    const out = this.alternation();
    if (this.i < this.p.length) throw new PcreError('unmatched closing parenthesis');
    return out;
  }

  /** (?i) (?-i) (?s) (?m) (?x) at the very start set options for the whole pattern. */
  private leadingOptions(): void {
    while (true) {
      const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(this.p.slice(this.i));
      if (!m || (m[1] === '' && m[2] === undefined)) return;
      this.applyOptions(m[1], true);
      this.applyOptions(m[2] ?? '', false);
      this.i += m[0].length;
    }
  }

  private applyOptions(letters: string, on: boolean): void {
    for (const c of letters) {
      if (c === 'i') this.caseless = on;
      else if (c === 's') this.dotAll = on;
      else if (c === 'm') this.multiline = on;
      else if (c === 'x') this.extended = on;
      else if (c === 'n' || c === 'J') continue;
      else throw new PcreError(`option (?${c}) is not supported by this filter engine`);
    }
  }

  private alternation(): string {
    let out = this.sequence();
    while (this.p[this.i] === '|') {
      this.i++;
      out += '|' + this.sequence();
    }
    return out;
  }

  private sequence(): string {
    let out = '';
    let repeatable = false;
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      if (c === '|') break;
      if (c === ')') {
        if (this.depth === 0) throw new PcreError('unmatched closing parenthesis');
        break;
      }
      if (this.extended && /\s/.test(c)) {
        this.i++;
        continue;
      }
      if (this.extended && c === '#') {
        while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
        continue;
      }
      const q = this.quantifier();
      if (q !== null) {
        if (!repeatable) throw new PcreError('quantifier does not follow a repeatable item');
        out += q;
        repeatable = false;
        continue;
      }
      const atom = this.atom();
      out += atom.text;
      repeatable = atom.repeatable;
    }
    return out;
  }

  /** A quantifier at the current position (with lazy suffix), or null. */
  private quantifier(): string | null {
    const rest = this.p.slice(this.i);
    const m = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) {
      const lo = Number(m[1]);
      const hi = m[3] ? Number(m[3]) : null;
      if (lo > 65535 || (hi !== null && hi > 65535)) throw new PcreError('number too big in {} quantifier');
      if (hi !== null && hi < lo) throw new PcreError('numbers out of order in {} quantifier');
    }
    this.i += m[0].length;
    let q = m[0];
    const next = this.p[this.i];
    if (next === '+') throw new PcreError('possessive quantifiers are not supported by this filter engine');
    if (next === '?') {
      q += '?';
      this.i++;
    }
    return q;
  }

  private atom(): { text: string; repeatable: boolean } {
    const c = this.p[this.i];
    switch (c) {
      case '(':
        return { text: this.group(), repeatable: true };
      case '[':
        return { text: this.charClass(), repeatable: true };
      case '\\':
        return this.escape();
      case '.':
        this.i++;
        return { text: this.dotAll ? '[\\s\\S]' : '[^\\n]', repeatable: true };
      case '^':
        this.i++;
        return { text: this.multiline ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^', repeatable: false };
      case '$':
        this.i++;
        return {
          text: this.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))',
          repeatable: false,
        };
      case '{':
        // Not a quantifier (checked before): a literal brace.
        this.i++;
        return { text: '\\{', repeatable: true };
      default: {
        const cp = this.p.codePointAt(this.i) ?? 0;
        const ch = String.fromCodePoint(cp);
        this.i += ch.length;
        return { text: literal(ch), repeatable: true };
      }
    }
  }

  private group(): string {
    const rest = this.p.slice(this.i);
    let open: string;
    if (rest.startsWith('(?#')) {
      const end = this.p.indexOf(')', this.i);
      if (end < 0) throw new PcreError('missing ) at end of (?# comment');
      this.i = end + 1;
      return '';
    }
    if (rest.startsWith('(*'))
      throw new PcreError('backtracking control verbs are not supported by this filter engine');
    if (rest.startsWith('(?:') || rest.startsWith('(?=') || rest.startsWith('(?!')) {
      open = rest.slice(0, 3);
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      open = rest.slice(0, 4);
    } else if (/^\(\?(P?<|')[A-Za-z_]/.test(rest)) {
      const m = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
      if (!m) throw new PcreError('syntax error in subpattern name (missing terminator?)');
      this.groups++;
      this.i += m[0].length;
      return this.groupBody(`(?<${m[1] ?? m[2]}>`);
    } else if (rest.startsWith('(?>')) {
      throw new PcreError('atomic groups are not supported by this filter engine');
    } else if (rest.startsWith('(?|')) {
      throw new PcreError('branch reset groups are not supported by this filter engine');
    } else if (rest.startsWith('(?(')) {
      throw new PcreError('conditional groups are not supported by this filter engine');
    } else if (/^\(\?(R|[+-]?\d|&|P>|P=)/.test(rest)) {
      const named = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
      if (named) {
        this.i += named[0].length;
        return `\\k<${named[1]}>`;
      }
      throw new PcreError('recursion and subroutine calls are not supported by this filter engine');
    } else if (rest.startsWith('(?C')) {
      throw new PcreError('callouts are not supported by this filter engine');
    } else if (rest.startsWith('(?')) {
      const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(\)|:)/.exec(rest);
      if (!m) throw new PcreError('unrecognized character after (? or (?-');
      if (!this.sameOptions(m[1], m[2] ?? '')) {
        throw new PcreError('option changes inside the pattern are not supported by this filter engine');
      }
      this.i += m[0].length;
      if (m[3] === ')') return '';
      return this.groupBody('(?:');
    } else {
      this.groups++;
      open = '(';
    }
    this.i += open.length;
    return this.groupBody(open);
  }

  /** Whether an inline option setting changes nothing (then it can be dropped). */
  private sameOptions(on: string, off: string): boolean {
    const state: Record<string, boolean> = {
      i: this.caseless,
      s: this.dotAll,
      m: this.multiline,
      x: this.extended,
    };
    for (const c of on) if (state[c] !== true) return false;
    for (const c of off) if (state[c] !== false) return false;
    return true;
  }

  private groupBody(open: string): string {
    this.depth++;
    const inner = this.alternation();
    this.depth--;
    if (this.p[this.i] !== ')') throw new PcreError('missing closing parenthesis');
    this.i++;
    return open + inner + ')';
  }

  private escape(): { text: string; repeatable: boolean } {
    const p = this.p;
    const e = p[this.i + 1];
    if (e === undefined) throw new PcreError('\\ at end of pattern');
    this.i += 2;
    const cls = classEscape(e);
    if (cls !== null) {
      if (e === 'p' || e === 'P') return { text: this.property(e), repeatable: true };
      return { text: cls.length > 2 ? `[${cls}]` : cls, repeatable: true };
    }
    switch (e) {
      case 'b':
      case 'B':
        return { text: '\\' + e, repeatable: false };
      case 'A':
        return { text: '(?<![\\s\\S])', repeatable: false };
      case 'z':
        return { text: '(?![\\s\\S])', repeatable: false };
      case 'Z':
        return { text: '(?=\\n?(?![\\s\\S]))', repeatable: false };
      case 'G':
      case 'K':
        throw new PcreError(`\\${e} is not supported by this filter engine`);
      case 'R':
        return { text: '(?:\\r\\n|[\\n\\v\\f\\r\\x85])', repeatable: true };
      case 'N':
        return { text: '[^\\n]', repeatable: true };
      case 'C':
        return { text: '[\\s\\S]', repeatable: true };
      case 'X':
        throw new PcreError('\\X is not supported by this filter engine');
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const lit = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        this.i = end < 0 ? p.length : end + 2;
        return { text: [...lit].map(literal).join(''), repeatable: lit.length > 0 };
      }
      case 'E':
        return { text: '', repeatable: false };
      case 'g':
      case 'k':
        return { text: this.backref(e), repeatable: true };
      default:
        break;
    }
    if (e >= '1' && e <= '9') {
      const m = /^\d+/.exec(p.slice(this.i - 1)) as RegExpExecArray;
      const n = Number(m[0]);
      if (n < 10 || n <= this.groupCount) {
        this.i += m[0].length - 1;
        if (n > this.groupCount) throw new PcreError('reference to non-existent subpattern');
        return { text: `(?:\\${n})`, repeatable: true };
      }
    }
    return { text: this.charEscape(e), repeatable: true };
  }

  /** \p{..} needs JavaScript's unicode mode. */
  private property(e: string): string {
    const m = /^\{\^?([A-Za-z_&]+)\}|^([A-Za-z])/.exec(this.p.slice(this.i));
    if (!m) throw new PcreError('malformed \\P or \\p sequence');
    this.i += m[0].length;
    this.unicode = true;
    const negated = m[0].startsWith('{^');
    const name = m[1] ?? m[2];
    const letter = negated ? (e === 'p' ? 'P' : 'p') : e;
    return `\\${letter}{${name.replace('&', '')}}`;
  }

  private backref(e: string): string {
    const rest = this.p.slice(this.i);
    const m =
      /^\{(-?\d+)\}|^(-?\d+)/.exec(rest) ??
      (e === 'k' || e === 'g' ? /^[<{']([A-Za-z_]\w*)[>}']/.exec(rest) : null);
    if (!m) throw new PcreError(`a numbered reference must not be zero`);
    this.i += m[0].length;
    const num = m[1] ?? m[2];
    if (num === undefined) return `\\k<${m[1] ?? m[3] ?? m[0].slice(1, -1)}>`;
    let n = Number(num);
    if (n < 0) n = this.groups + 1 + n;
    if (n <= 0 || n > this.groupCount) throw new PcreError('reference to non-existent subpattern');
    return `(?:\\${n})`;
  }

  /** An escape that stands for one character (inside or outside a class). */
  private charEscape(e: string): string {
    const p = this.p;
    switch (e) {
      case 'a':
        return '\\x07';
      case 'e':
        return '\\x1b';
      case 'f':
        return '\\f';
      case 'n':
        return '\\n';
      case 'r':
        return '\\r';
      case 't':
        return '\\t';
      case 'c': {
        const x = p[this.i];
        if (x === undefined) throw new PcreError('\\c at end of pattern');
        this.i++;
        return hexEscape(x.toUpperCase().charCodeAt(0) ^ 0x40);
      }
      case 'x': {
        if (p[this.i] === '{') {
          const end = p.indexOf('}', this.i);
          const digits = end < 0 ? '' : p.slice(this.i + 1, end);
          if (!/^[0-9A-Fa-f]+$/.test(digits))
            throw new PcreError('\\x{ is not followed by a hexadecimal number');
          this.i = end + 1;
          return hexEscape(parseInt(digits, 16));
        }
        const m = /^[0-9A-Fa-f]{0,2}/.exec(p.slice(this.i)) as RegExpExecArray;
        this.i += m[0].length;
        return hexEscape(m[0] ? parseInt(m[0], 16) : 0);
      }
      case 'o': {
        const m = /^\{([0-7]+)\}/.exec(p.slice(this.i));
        if (!m) throw new PcreError('missing opening brace after \\o');
        this.i += m[0].length;
        return hexEscape(parseInt(m[1], 8));
      }
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      const m = /^[0-7]{0,2}/.exec(p.slice(this.i)) as RegExpExecArray;
      this.i += m[0].length;
      return hexEscape(parseInt(e + m[0], 8));
    }
    if (/[A-Za-z0-9]/.test(e)) throw new PcreError('unrecognized character follows \\');
    return literal(e);
  }

  private charClass(): string {
    const p = this.p;
    this.i++;
    let out = '[';
    if (p[this.i] === '^') {
      out += '^';
      this.i++;
    }
    let first = true;
    while (true) {
      if (this.i >= p.length) throw new PcreError('missing terminating ] for character class');
      const c = p[this.i];
      if (c === ']' && !first) {
        this.i++;
        return out + ']';
      }
      first = false;
      if (c === '[') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(this.i));
        if (m) {
          const set = POSIX[m[2]];
          if (!set) throw new PcreError('unknown POSIX class name');
          if (m[1]) throw new PcreError('negated POSIX classes are not supported by this filter engine');
          out += set;
          this.i += m[0].length;
          continue;
        }
        out += '\\[';
        this.i++;
        continue;
      }
      if (c === '\\') {
        const e = p[this.i + 1];
        if (e === undefined) throw new PcreError('\\ at end of pattern');
        this.i += 2;
        const cls = classEscape(e);
        if (cls !== null) {
          if (e === 'p' || e === 'P') out += this.property(e);
          else if (cls.startsWith('^')) {
            throw new PcreError(`\\${e} inside a character class is not supported by this filter engine`);
          } else out += cls;
          continue;
        }
        if (e === 'b') {
          out += '\\x08';
          continue;
        }
        if (e === 'Q') {
          const end = p.indexOf('\\E', this.i);
          const lit = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
          this.i = end < 0 ? p.length : end + 2;
          out += [...lit].map(literal).join('');
          continue;
        }
        if (e === 'E') continue;
        out += this.charEscape(e);
        continue;
      }
      if (c === '-') {
        out += '-';
        this.i++;
        continue;
      }
      const cp = p.codePointAt(this.i) ?? 0;
      const ch = String.fromCodePoint(cp);
      this.i += ch.length;
      out += ch === ']' ? '\\]' : literal(ch);
    }
  }
}

/**
 * Class escapes (\d \s \w \h \v and negations) as the body of a JavaScript class, in PCRE's
 * non-UTF meaning (\s without Unicode spaces; \v is vertical space, not VT). Null if `e` is not one.
 */
function classEscape(e: string): string | null {
  switch (e) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return '\\' + e;
    case 's':
      return SPACE;
    case 'S':
      return `^${SPACE}`;
    case 'h':
      return ' \\t\\xa0';
    case 'H':
      return '^ \\t\\xa0';
    case 'v':
      return '\\n\\v\\f\\r\\x85';
    case 'V':
      return '^\\n\\v\\f\\r\\x85';
    case 'p':
    case 'P':
      return '';
    default:
      return null;
  }
}

/** Number of capturing groups in a pattern (for telling back references from octal escapes). */
function countGroups(p: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (p[i + 1] === ']' || (p[i + 1] === '^' && p[i + 2] === ']')) i += p[i + 1] === '^' ? 2 : 1;
      continue;
    }
    if (c === '(' && (p[i + 1] !== '?' || /^\(\?(P?<[A-Za-z_]|')/.test(p.slice(i)))) {
      if (p[i + 1] !== '*') n++;
    }
  }
  return n;
}

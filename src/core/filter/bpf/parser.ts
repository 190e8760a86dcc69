/**
 * Recursive-descent parser for libpcap's filter grammar. It accepts the same language as
 * libpcap's yacc grammar and resolves its inherited qualifiers ("host a or b", "port 80 or 443",
 * "host a and not b") the same way; where the grammar is ambiguous to a top-down parser it tries
 * the alternatives in turn (tokens are pre-scanned, so backtracking is cheap and side-effect free).
 */
import type { Arth, ArthOp, Node, QAddr, QDir, QProto, Qual } from './ast';
import { QERR } from './ast';
import type { Token } from './lexer';
import {
  PNAMES,
  DQUALS,
  AQUALS,
  ARTH_OPS,
  UMINUS_PREC,
  RELOPS,
  ATM_TYPES,
  MTP2_TYPES,
  MTP3_FIELDS,
  PF_KEYWORDS,
  FC0_TYPE_MASK,
  FC0_SUBTYPE_MASK,
  WLAN_TYPES,
  WLAN_SUBTYPES,
  lookupCi,
  hex2,
} from './grammar-tables';

/** Thrown inside the parser only; compileBpf turns it into an error Result. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly from: number,
    readonly to: number,
    /** Index of the token where parsing failed. */
    readonly tokenIndex = -1,
  ) {
    super(message);
  }
}

/** A construct the parser completed (libpcap would already have generated its code). */
export interface Completed {
  item: Node | Arth;
  /** Index of the token after it. */
  end: number;
}

const SYNTAX = "can't parse filter expression: syntax error";

interface Blk {
  node: Node;
  q: Qual;
}

class Parser {
  private pos = 0;
  /** Furthest token the parser looked at (a scanner error there is what libpcap reports). */
  furthest = 0;
  /** Completed constructs, in completion order (post-order). */
  log: Completed[] = [];
  /** Source span of each construct, for error positions. */
  readonly spans = new WeakMap<object, [number, number]>();

  /** Records the span from token `start` to the last consumed token, unless already known. */
  private span<T extends object>(start: number, item: T): T {
    if (!this.spans.has(item) && this.pos > start) {
      this.spans.set(item, [this.toks[start].from, this.toks[this.pos - 1].to]);
    }
    return item;
  }

  private done<T extends Node | Arth>(item: T): T {
    this.log.push({ item, end: this.pos });
    return item;
  }

  constructor(private readonly toks: Token[]) {}

  private peek(ahead = 0): Token {
    const i = Math.min(this.pos + ahead, this.toks.length - 1);
    if (i > this.furthest) this.furthest = i;
    return this.toks[i];
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  private fail(): never {
    const t = this.peek();
    throw new FilterSyntaxError(SYNTAX, t.from, t.to, Math.min(this.pos, this.toks.length - 1));
  }

  private expect(kind: string): Token {
    if (this.peek().kind !== kind) this.fail();
    return this.next();
  }

  /**
   * Runs alternatives in order; the first that parses wins. When all fail, the failure that got
   * furthest (the path an LR parser would have been on) propagates, with its completed constructs.
   */
  private attempt<T>(...alts: (() => T)[]): T {
    const start = this.pos;
    const base = this.log.length;
    let best: FilterSyntaxError | null = null;
    let bestLog: Completed[] = [];
    for (const alt of alts) {
      this.pos = start;
      try {
        return alt();
      } catch (e) {
        if (!(e instanceof FilterSyntaxError)) throw e;
        if (!best || e.tokenIndex >= best.tokenIndex) {
          best = e;
          bestLog = this.log.slice(base);
        }
        this.log.length = base;
      }
    }
    this.log.push(...bestLog);
    throw best as FilterSyntaxError;
  }

  parseProgram(): Node | null {
    if (this.peek().kind === 'EOF') return null;
    const e = this.parseExpr(QERR);
    this.expect('EOF');
    return e.node;
  }

  private parseExpr(inherited: Qual): Blk {
    let left = this.parseTerm(inherited);
    for (;;) {
      const t = this.peek().kind;
      if (t !== 'AND' && t !== 'OR') return left;
      this.next();
      const q = left.q;
      const right = this.attempt(
        () => this.parseTerm(q),
        () => this.parseId(q),
      );
      left = { node: this.done({ k: t === 'AND' ? 'and' : 'or', l: left.node, r: right.node }), q: right.q };
    }
  }

  private parseTerm(inherited: Qual): Blk {
    const start = this.pos;
    const r = this.parseTermInner(inherited);
    this.span(start, r.node);
    return r;
  }

  private parseTermInner(inherited: Qual): Blk {
    if (this.peek().kind === '!') {
      this.next();
      const inner = this.parseTerm(inherited);
      return { node: this.done({ k: 'not', e: inner.node }), q: inner.q };
    }
    return this.parseRterm(inherited);
  }

  private isHeadStart(kind: string): boolean {
    return (
      kind in DQUALS || kind in AQUALS || kind === 'PROTO' || kind === 'PROTOCHAIN' || kind === 'GATEWAY'
    );
  }

  private parseRterm(inherited: Qual): Blk {
    const t = this.peek();
    const k = t.kind;
    if (k === '(') {
      return this.attempt(
        () => this.parseRelation(),
        () => {
          this.next();
          const e = this.parseExpr(inherited);
          this.expect(')');
          return { node: e.node, q: inherited };
        },
      );
    }
    if (k in PNAMES) {
      const after = this.peek(1).kind;
      if (after === '[') return this.parseRelation();
      if (this.isHeadStart(after)) return this.parseHeadId();
      if (after === 'TK_BROADCAST' || after === 'TK_MULTICAST') {
        this.next();
        this.next();
        return {
          node: this.done({ k: after === 'TK_BROADCAST' ? 'broadcast' : 'multicast', proto: PNAMES[k] }),
          q: QERR,
        };
      }
      if (after === 'TYPE' || after === 'SUBTYPE' || after === 'DIR') {
        this.next();
        const r = this.parseP80211();
        this.done(r.node);
        return r;
      }
      this.next();
      return { node: this.done({ k: 'abbrev', proto: PNAMES[k] }), q: QERR };
    }
    if (this.isHeadStart(k)) return this.parseHeadId();
    if (k === 'TK_BROADCAST' || k === 'TK_MULTICAST') {
      this.next();
      return {
        node: this.done({ k: k === 'TK_BROADCAST' ? 'broadcast' : 'multicast', proto: 'default' }),
        q: QERR,
      };
    }
    if (k === 'NUM' || k === '-' || k === 'LEN') return this.parseRelation();
    return { node: this.done(this.parseOther()), q: QERR };
  }

  /** `head id`: optional protocol, direction and address-type qualifiers, then the value. */
  private parseHeadId(): Blk {
    let proto: QProto = 'default';
    let dir: QDir = 'default';
    let addr: QAddr = 'default';
    const first = this.peek().kind;
    if (first in PNAMES) {
      proto = PNAMES[first];
      this.next();
    }
    const k = this.peek().kind;
    if (k === 'PROTO' || k === 'PROTOCHAIN' || k === 'GATEWAY') {
      this.next();
      addr = k === 'PROTO' ? 'proto' : k === 'PROTOCHAIN' ? 'protochain' : 'gateway';
    } else {
      if (k in DQUALS) {
        this.next();
        dir = DQUALS[k];
        const conj = this.peek().kind;
        if ((k === 'SRC' || k === 'DST') && (conj === 'OR' || conj === 'AND')) {
          this.next();
          this.expect(k === 'SRC' ? 'DST' : 'SRC');
          dir = conj === 'OR' ? 'or' : 'and';
        }
      }
      const a = this.peek().kind;
      if (a in AQUALS) {
        this.next();
        addr = AQUALS[a];
      }
    }
    const q: Qual = { proto, dir, addr };
    return this.parseId(q);
  }

  /** `id`: a value that takes its qualifiers from the left context. */
  private parseId(q: Qual): Blk {
    const start = this.pos;
    const r = this.parseIdInner(q);
    this.span(start, r.node);
    return r;
  }

  private parseIdInner(q: Qual): Blk {
    const t = this.peek();
    switch (t.kind) {
      case 'NUM':
      case '(':
        return this.attempt(
          () => ({ node: this.done({ k: 'ncode', s: null, v: this.parsePnum(), q }), q }),
          () => {
            this.expect('(');
            const node = this.parsePid(q);
            this.expect(')');
            return { node, q };
          },
        );
      default:
        return { node: this.done(this.parseNid(q)), q };
    }
  }

  /** `pid`: the inside of "host (a or b)". */
  private parsePid(q: Qual): Node {
    let left: Node;
    const k = this.peek().kind;
    if (k === 'NUM' || k === '(') {
      left = this.done({ k: 'ncode', s: null, v: this.parsePnum(), q });
      const c = this.peek().kind;
      if (c !== 'AND' && c !== 'OR') this.fail();
    } else {
      left = this.done(this.parseNid(q));
    }
    for (;;) {
      const c = this.peek().kind;
      if (c !== 'AND' && c !== 'OR') return left;
      this.next();
      const right = this.parseId(q);
      left = this.done({ k: c === 'AND' ? 'and' : 'or', l: left, r: right.node });
    }
  }

  private parseNid(q: Qual): Node {
    const t = this.next();
    switch (t.kind) {
      case 'ID':
        return { k: 'scode', name: t.text, q };
      case 'HID': {
        if (this.peek().kind === '/') {
          this.next();
          const n = this.expect('NUM');
          return { k: 'mcode', s1: t.text, s2: null, masklen: n.num, q };
        }
        if (this.peek().kind === 'NETMASK') {
          this.next();
          const m = this.expect('HID');
          return { k: 'mcode', s1: t.text, s2: m.text, masklen: 0, q };
        }
        const bad: Partial<Record<QAddr, string>> = {
          port: "'port' modifier applied to ip host",
          portrange: "'portrange' modifier applied to ip host",
          proto: "'proto' modifier applied to ip host",
          protochain: "'protochain' modifier applied to ip host",
        };
        const msg = bad[q.addr];
        if (msg) return { k: 'error', message: msg };
        return { k: 'ncode', s: t.text, v: 0, q };
      }
      case 'HID6': {
        if (this.peek().kind === '/') {
          this.next();
          const n = this.expect('NUM');
          return { k: 'mcode6', s: t.text, masklen: n.num, q };
        }
        return { k: 'mcode6', s: t.text, masklen: 128, q };
      }
      case 'EID':
        return { k: 'ecode', s: t.text, q };
      case 'AID':
        return { k: 'acode', s: t.text, q };
      case '!': {
        const inner = this.parseId(q);
        return { k: 'not', e: inner.node };
      }
      default:
        this.pos--;
        return this.fail();
    }
  }

  /** `pnum`: a number, possibly parenthesized. */
  private parsePnum(): number {
    if (this.peek().kind === '(') {
      this.next();
      const v = this.parsePnum();
      this.expect(')');
      return v;
    }
    return this.expect('NUM').num;
  }

  /** `arth relop arth`. */
  private parseRelation(): Blk {
    const start = this.pos;
    const r = this.parseRelationInner();
    this.span(start, r.node);
    return r;
  }

  private parseRelationInner(): Blk {
    const a0 = this.parseArth();
    const rel = RELOPS[this.peek().kind];
    if (!rel) this.fail();
    this.next();
    const a1 = this.parseArth();
    return { node: this.done({ k: 'rel', code: rel.code, reversed: rel.reversed, a0, a1 }), q: QERR };
  }

  /**
   * Arithmetic with yacc's conflict resolution: reduce when the operator on the stack binds at
   * least as tightly as the lookahead; when either has no precedence ('%', '^'), shift.
   */
  private parseArth(): Arth {
    type Op = { op: ArthOp | 'neg'; prec: number | null };
    const ops: Op[] = [];
    const vals: Arth[] = [];
    const reduce = (): void => {
      const o = ops.pop() as Op;
      if (o.op === 'neg') {
        vals.push(this.done({ k: 'neg', a: vals.pop() as Arth }));
      } else {
        const r = vals.pop() as Arth;
        const l = vals.pop() as Arth;
        vals.push(this.done({ k: 'bin', op: o.op, l, r }));
      }
    };
    let wantOperand = true;
    for (;;) {
      const k = this.peek().kind;
      if (wantOperand) {
        if (k === '-') {
          this.next();
          ops.push({ op: 'neg', prec: UMINUS_PREC });
          continue;
        }
        vals.push(this.parseArthPrimary());
        wantOperand = false;
        continue;
      }
      const bin = ARTH_OPS[k];
      if (!bin) break;
      while (ops.length > 0) {
        const top = ops[ops.length - 1];
        if (top.prec === null || bin.prec === null || top.prec < bin.prec) break;
        reduce();
      }
      ops.push({ op: bin.op, prec: bin.prec });
      this.next();
      wantOperand = true;
    }
    while (ops.length > 0) reduce();
    return vals[0];
  }

  private parseArthPrimary(): Arth {
    const t = this.peek();
    if (t.kind === 'NUM') {
      this.next();
      return this.done({ k: 'imm', v: t.num });
    }
    if (t.kind === 'LEN') {
      this.next();
      return this.done({ k: 'len' });
    }
    if (t.kind === '(') {
      this.next();
      const a = this.parseArth();
      this.expect(')');
      return a;
    }
    if (t.kind in PNAMES && this.peek(1).kind === '[') {
      this.next();
      this.next();
      const index = this.parseArth();
      let size = 1;
      if (this.peek().kind === ':') {
        this.next();
        size = this.expect('NUM').num;
      }
      this.expect(']');
      return this.done({ k: 'load', proto: PNAMES[t.kind], index, size });
    }
    return this.fail();
  }

  /** The `other` productions: less/greater/byte/vlan/mpls/... */
  private parseOther(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'LESS':
      case 'GREATER':
        return { k: t.kind === 'LESS' ? 'less' : 'greater', n: this.expect('NUM').num };
      case 'CBYTE': {
        const idx = this.expect('NUM').num;
        const op = this.next().kind;
        if (!['&', '|', '<', '>', '='].includes(op)) {
          this.pos--;
          this.fail();
        }
        const val = this.expect('NUM').num;
        return { k: 'byte', idx, op, val };
      }
      case 'INBOUND':
      case 'OUTBOUND':
        return { k: 'inbound', dir: t.kind === 'INBOUND' ? 0 : 1 };
      case 'IFINDEX':
        return { k: 'ifindex', n: this.expect('NUM').num };
      case 'VLAN':
      case 'MPLS':
      case 'PPPOES':
      case 'GENEVE': {
        const kind =
          t.kind === 'VLAN' ? 'vlan' : t.kind === 'MPLS' ? 'mpls' : t.kind === 'PPPOES' ? 'pppoes' : 'geneve';
        const n = this.peek().kind;
        const num = n === 'NUM' || n === '(' ? this.parsePnum() : null;
        return { k: kind, num };
      }
      case 'PPPOED':
        return { k: 'pppoed' };
      case 'LLC': {
        const n = this.peek();
        if (n.kind === 'ID') {
          this.next();
          return { k: 'llc', kind: n.text };
        }
        if (n.kind === 'PF_RNR') {
          this.next();
          return { k: 'llc', kind: 'rnr' };
        }
        return { k: 'llc', kind: null };
      }
      case 'TYPE':
      case 'SUBTYPE':
      case 'DIR':
        this.pos--;
        return this.parseP80211().node;
      default:
        break;
    }
    if (t.kind in ATM_TYPES)
      return { k: 'unsupported', what: `'${ATM_TYPES[t.kind]}' supported only on raw ATM` };
    if (t.kind in MTP2_TYPES) return { k: 'unsupported', what: MTP2_TYPES[t.kind] };
    if (t.kind === 'VPI' || t.kind === 'VCI') {
      this.parseFieldValue();
      return { k: 'unsupported', what: `'${t.kind.toLowerCase()}' supported only on raw ATM` };
    }
    if (t.kind in MTP3_FIELDS) {
      this.parseFieldValue();
      return { k: 'unsupported', what: `'${MTP3_FIELDS[t.kind]}' supported only on SS7` };
    }
    if (t.kind in PF_KEYWORDS) {
      const n = this.next();
      const wantsNum = t.kind === 'PF_RNR' || t.kind === 'PF_SRNR';
      if (wantsNum ? n.kind !== 'NUM' : n.kind !== 'ID' && !(t.kind === 'PF_REASON' && n.kind === 'NUM')) {
        this.pos--;
        this.fail();
      }
      return { k: 'unsupported', what: PF_KEYWORDS[t.kind] };
    }
    this.pos--;
    return this.fail();
  }

  /** ATM / MTP3 field value: NUM, relop NUM, or a parenthesized list of NUMs joined by "or". */
  private parseFieldValue(): void {
    const k = this.peek().kind;
    if (k === 'NUM') {
      this.next();
      return;
    }
    if (RELOPS[k]) {
      this.next();
      this.expect('NUM');
      return;
    }
    this.expect('(');
    this.expect('NUM');
    while (this.peek().kind === 'OR') {
      this.next();
      this.expect('NUM');
    }
    this.expect(')');
  }

  /** "type T [subtype S]", "subtype S", "dir D" (802.11 frame control). */
  private parseP80211(): Blk {
    const t = this.next();
    const node = (n: Node): Blk => ({ node: n, q: QERR });
    if (t.kind === 'TYPE') {
      const type = this.parseWord();
      let value: number;
      if (type.kind === 'NUM') {
        if (type.num & ~FC0_TYPE_MASK)
          return node({ k: 'error', message: `invalid 802.11 type value 0x${hex2(type.num)}` });
        value = type.num;
      } else {
        const v = lookupCi(WLAN_TYPES, type.text);
        if (v === undefined) return node({ k: 'error', message: `unknown 802.11 type name "${type.text}"` });
        value = v;
      }
      if (this.peek().kind !== 'SUBTYPE') return node({ k: 'p80211type', value, mask: FC0_TYPE_MASK });
      this.next();
      const sub = this.parseWord();
      if (sub.kind === 'NUM') {
        if (sub.num & ~FC0_SUBTYPE_MASK) {
          return node({ k: 'error', message: `invalid 802.11 subtype value 0x${hex2(sub.num)}` });
        }
        return node({ k: 'p80211type', value: value | sub.num, mask: FC0_TYPE_MASK | FC0_SUBTYPE_MASK });
      }
      const table = WLAN_SUBTYPES.find(([ty]) => ty === value);
      if (!table) return node({ k: 'error', message: 'unknown 802.11 type' });
      const sv = lookupCi(table[1], sub.text);
      if (sv === undefined) return node({ k: 'error', message: `unknown 802.11 subtype name "${sub.text}"` });
      return node({ k: 'p80211type', value: value | sv, mask: FC0_TYPE_MASK | FC0_SUBTYPE_MASK });
    }
    if (t.kind === 'SUBTYPE') {
      const name = this.expect('ID').text;
      for (const [ty, table] of WLAN_SUBTYPES) {
        const sv = lookupCi(table, name);
        if (sv !== undefined) {
          return node({ k: 'p80211type', value: sv | ty, mask: FC0_TYPE_MASK | FC0_SUBTYPE_MASK });
        }
      }
      return node({ k: 'error', message: 'unknown 802.11 type name' });
    }
    if (t.kind === 'DIR') {
      const d = this.parseWord();
      if (d.kind === 'NUM') return node({ k: 'p80211dir', value: d.num });
      const v = lookupCi({ nods: 0, tods: 1, fromds: 2, dstods: 3 }, d.text);
      if (v === undefined) return node({ k: 'error', message: 'unknown 802.11 direction' });
      return node({ k: 'p80211dir', value: v });
    }
    this.pos--;
    return this.fail();
  }

  private parseWord(): Token {
    const k = this.peek().kind;
    if (k !== 'NUM' && k !== 'ID') this.fail();
    return this.next();
  }
}

export interface ParseResult {
  /** null for an empty expression (accepts everything). */
  node: Node | null;
  completed: Completed[];
  spans: WeakMap<object, [number, number]>;
}

/** Thrown by parseFilter: the syntax error, and what had been completed before it. */
export class FilterParseFailure extends Error {
  constructor(
    readonly error: FilterSyntaxError,
    readonly completed: Completed[],
    readonly spans: WeakMap<object, [number, number]>,
  ) {
    super(error.message);
  }
}

/**
 * Parses tokens into a tree. On a syntax error throws FilterParseFailure (caught by the
 * compiler), carrying the constructs completed before it: libpcap generates code while it
 * parses, so their own errors come first. A scanner error the parser reached is reported with
 * the scanner's message, as libpcap does.
 */
export function parseFilter(tokens: Token[]): ParseResult {
  const p = new Parser(tokens);
  try {
    const node = p.parseProgram();
    return { node, completed: p.log, spans: p.spans };
  } catch (e) {
    if (!(e instanceof FilterSyntaxError)) throw e;
    let error = e;
    for (let i = 0; i <= p.furthest && i < tokens.length; i++) {
      const t = tokens[i];
      if (t.error) {
        error = new FilterSyntaxError(t.error, t.from, t.to, i);
        break;
      }
    }
    const failAt = error.tokenIndex < 0 ? p.furthest : error.tokenIndex;
    throw new FilterParseFailure(
      error,
      p.log.filter((c) => c.end <= failAt),
      p.spans,
    );
  }
}

/** Scanner messages the parser would have met even on a successful parse (bogus addresses). */
export function scannerError(tokens: Token[]): { token: Token; index: number } | null {
  const index = tokens.findIndex((t) => t.error !== undefined);
  return index < 0 ? null : { token: tokens[index], index };
}

/** The maximal completed constructs (those not part of a later one), in completion order. */
export function completedRoots(completed: Completed[]): Completed[] {
  const children = new Set<Node | Arth>();
  for (const { item } of completed) {
    switch (item.k) {
      case 'and':
      case 'or':
        children.add(item.l).add(item.r);
        break;
      case 'not':
        children.add(item.e);
        break;
      case 'rel':
        children.add(item.a0).add(item.a1);
        break;
      case 'bin':
        children.add(item.l).add(item.r);
        break;
      case 'neg':
        children.add(item.a);
        break;
      case 'load':
        children.add(item.index);
        break;
      default:
        break;
    }
  }
  return completed.filter((c) => !children.has(c.item));
}

import { err, ok, type Result } from '../../base/result';
import { fieldByAbbrev } from '../dissect/fields';
import { filterFieldByName } from './field-names';
import type { CmpOp, FieldNode, Quantifier, RangeNode, SetElement, TestNode, ValueNode } from './ast';
import { parseRange } from './drange';
import type { ArithOp } from './ftypes';
import { tokenize } from './lexer';
import { COMPARISON_KINDS, type TokKind, type Token } from './tokens';
import type { FilterError } from './types';

/** Functions the language knows (Wireshark 4.0's df_functions). */
export const FUNCTIONS: ReadonlySet<string> = new Set([
  'lower',
  'upper',
  'len',
  'count',
  'string',
  'max',
  'min',
  'abs',
]);

class SyntaxFailure {
  constructor(readonly error: FilterError) {}
}

const CMP_OPS: Partial<Record<TokKind, CmpOp>> = {
  ANY_EQ: 'any_eq',
  ALL_NE: 'all_ne',
  ALL_EQ: 'all_eq',
  ANY_NE: 'any_ne',
  GT: 'gt',
  GE: 'ge',
  LT: 'lt',
  LE: 'le',
};

/**
 * Parses a display filter into a syntax tree (null for an empty filter). Syntax errors carry
 * tshark's message and the span of the offending token. The grammar is Wireshark 4.0's:
 *   expr     := expr or expr | expr and expr | not expr | ( expr ) | relation | arith
 *   relation := [any|all] (arith cmp arith [cmp arith]... | entity contains|matches entity
 *               | entity [not] in { elem, ... })
 *   arith    := arith (&|+|-|*|/|%) arith | (+|-) entity | { arith } | entity
 *   entity   := literal | string | 'c' | field[#layer] | function(args) | ${field} | entity[ranges]
 */
export function parseFilter(text: string): Result<TestNode | null, FilterError> {
  const p = new Parser(text, tokenize(text));
  try {
    if (p.peek().kind === 'EOF') return ok(null);
    const t = p.parseExpr();
    p.expectEnd();
    return ok(t);
  } catch (e) {
    if (e instanceof SyntaxFailure) return err(e.error);
    throw e;
  }
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  peek(offset = 0): Token {
    return this.toks[Math.min(this.pos + offset, this.toks.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind === 'ERROR') this.unexpected(t);
    this.pos++;
    return t;
  }

  /** Reports `t` the way tshark's parser does. */
  private unexpected(t: Token): never {
    if (t.kind === 'ERROR') {
      throw new SyntaxFailure({
        message: t.message ?? 'Invalid filter.',
        from: t.from,
        to: t.to,
        ...(t.noLocation ? { noLocation: true } : {}),
      });
    }
    if (t.kind === 'EOF') {
      throw new SyntaxFailure({
        message: 'Unexpected end of filter expression.',
        from: this.text.length,
        to: this.text.length,
        noLocation: true,
      });
    }
    this.fail(`"${t.text}" was unexpected in this context.`, t.from, t.to);
  }

  private fail(message: string, from: number, to: number): never {
    throw new SyntaxFailure({ message, from, to });
  }

  private expect(kind: TokKind): Token {
    const t = this.peek();
    if (t.kind !== kind) this.unexpected(t);
    return this.next();
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'EOF') this.unexpected(t);
  }

  parseExpr(): TestNode {
    let a = this.parseAnd();
    while (this.peek().kind === 'OR') {
      const op = this.next();
      const b = this.parseAnd();
      a = { k: 'or', a, b, from: op.from, to: op.to };
    }
    return a;
  }

  private parseAnd(): TestNode {
    let a = this.parseNot();
    while (this.peek().kind === 'AND') {
      const op = this.next();
      const b = this.parseNot();
      a = { k: 'and', a, b, from: op.from, to: op.to };
    }
    return a;
  }

  private parseNot(): TestNode {
    const t = this.peek();
    if (t.kind === 'NOT') {
      this.next();
      const arg = this.parseNot();
      return { k: 'not', arg, from: t.from, to: t.to };
    }
    if (t.kind === 'LPAREN') {
      this.next();
      const e = this.parseExpr();
      this.expect('RPAREN');
      return e;
    }
    if (t.kind === 'ANY' || t.kind === 'ALL') {
      this.next();
      return this.parseRelation(t.kind === 'ANY' ? 'any' : 'all');
    }
    return this.parseRelation(null);
  }

  /** A relation, or (when quant is null) an arithmetic expression or entity used as a test. */
  private parseRelation(quant: Quantifier): TestNode {
    const a = this.parseArith();
    // contains/matches/in take an entity, not an arithmetic expression (tshark's grammar).
    const isEntity = a.k !== 'arith' && a.k !== 'neg' && a.k !== 'group';
    const t = this.peek();
    if (COMPARISON_KINDS.has(t.kind)) return this.parseComparison(a, quant);
    if (isEntity && (t.kind === 'CONTAINS' || t.kind === 'MATCHES')) {
      this.next();
      const b = this.parseEntity();
      return {
        k: t.kind === 'CONTAINS' ? 'contains' : 'matches',
        opText: t.text,
        a,
        b,
        quant,
        from: t.from,
        to: t.to,
      };
    }
    if (isEntity && t.kind === 'IN') {
      this.next();
      return { k: 'in', a, set: this.parseSet(), quant, from: t.from, to: t.to };
    }
    if (isEntity && t.kind === 'NOT' && this.peek(1).kind === 'IN') {
      this.next();
      const inTok = this.next();
      const test: TestNode = { k: 'in', a, set: this.parseSet(), quant, from: inTok.from, to: inTok.to };
      return { k: 'not', arg: test, from: t.from, to: t.to };
    }
    if (isEntity && t.kind === 'NOT') {
      this.next();
      this.unexpected(this.peek());
    }
    if (quant !== null) this.unexpected(t);
    return { k: 'value', v: a, from: a.from, to: a.to, noLocation: a.noLocation };
  }

  /** a op b [op c ...]: a chain is the conjunction of its adjacent comparisons. */
  private parseComparison(a: ValueNode, quant: Quantifier): TestNode {
    const op = this.next();
    const b = this.parseArith();
    const first: TestNode = {
      k: 'cmp',
      op: CMP_OPS[op.kind] as CmpOp,
      opText: op.text,
      a,
      b,
      quant,
      from: op.from,
      to: op.to,
    };
    if (!COMPARISON_KINDS.has(this.peek().kind)) return first;
    const rest = this.parseComparison(b, quant);
    return { k: 'and', a: first, b: rest, from: op.from, to: op.to };
  }

  private parseSet(): SetElement[] {
    this.expect('LBRACE');
    const out: SetElement[] = [];
    while (true) {
      const lo = this.parseSetEntity();
      let hi: ValueNode | null = null;
      if (this.peek().kind === 'DOTDOT') {
        this.next();
        hi = this.parseSetEntity();
      }
      out.push({ lo, hi });
      const t = this.peek();
      if (t.kind === 'COMMA') {
        this.next();
        continue;
      }
      this.expect('RBRACE');
      return out;
    }
  }

  private parseSetEntity(): ValueNode {
    const t = this.peek();
    if (t.kind === 'MINUS') {
      this.next();
      const arg = this.parseEntity();
      return { k: 'neg', arg, from: t.from, to: t.to };
    }
    if (t.kind === 'PLUS') this.next();
    return this.parseEntity();
  }

  private parseArith(): ValueNode {
    return this.parseBinary(0);
  }

  private static readonly LEVELS: readonly (readonly [TokKind, ArithOp][])[] = [
    [['BITAND', '&']],
    [
      ['PLUS', '+'],
      ['MINUS', '-'],
    ],
    [
      ['STAR', '*'],
      ['SLASH', '/'],
      ['PERCENT', '%'],
    ],
  ];

  private parseBinary(level: number): ValueNode {
    if (level === Parser.LEVELS.length) return this.parseUnary();
    let a = this.parseBinary(level + 1);
    while (true) {
      const t = this.peek();
      const op = Parser.LEVELS[level].find(([k]) => k === t.kind);
      if (!op) return a;
      this.next();
      const b = this.parseBinary(level + 1);
      a = { k: 'arith', op: op[1], a, b, from: t.from, to: t.to };
    }
  }

  private parseUnary(): ValueNode {
    const t = this.peek();
    if (t.kind === 'MINUS') {
      this.next();
      const arg = this.parseEntity();
      return { k: 'neg', arg, from: t.from, to: t.to };
    }
    if (t.kind === 'PLUS') {
      this.next();
      const arg = this.parseEntity();
      return { k: 'group', arg, from: arg.from, to: arg.to, noLocation: arg.noLocation };
    }
    if (t.kind === 'LBRACE') {
      this.next();
      const arg = this.parseArith();
      this.expect('RBRACE');
      return { k: 'group', arg, from: arg.from, to: arg.to, noLocation: arg.noLocation };
    }
    return this.parseEntity();
  }

  parseEntity(): ValueNode {
    let e = this.parseAtom();
    while (this.peek().kind === 'LBRACKET') {
      const ranges = this.parseRanges();
      e = { k: 'slice', entity: e, ranges, from: e.from, to: this.toks[this.pos - 1].to, noLocation: true };
    }
    return e;
  }

  private parseAtom(): ValueNode {
    const t = this.peek();
    switch (t.kind) {
      case 'STRING':
        this.next();
        return {
          k: 'string',
          text: t.text,
          value: t.value ?? '',
          bytes: t.bytes ?? new Uint8Array(0),
          from: t.from,
          to: t.to,
        };
      case 'CHARCONST':
        this.next();
        return { k: 'charconst', text: t.text, value: t.char ?? 0, from: t.from, to: t.to };
      case 'LITERAL':
        this.next();
        return { k: 'literal', text: t.text, value: t.value ?? t.text, from: t.from, to: t.to };
      case 'FIELD': {
        this.next();
        const def = filterFieldByName(t.name ?? '');
        if (!def) this.fail(`"${t.name}" is not a valid protocol or protocol field.`, t.from, t.to);
        const field: FieldNode = { k: 'field', def, text: t.text, layers: null, from: t.from, to: t.to };
        if (this.peek().kind === 'HASH') field.layers = this.parseLayer();
        return field;
      }
      case 'REFERENCE': {
        this.next();
        const def = fieldByAbbrev(t.name ?? '');
        if (!def) this.fail(`${t.name} is not a valid field`, t.from + 2, t.to - 1);
        return { k: 'reference', def, text: t.text, from: t.from + 2, to: t.to - 1 };
      }
      case 'DOLLAR':
        this.next();
        this.unexpected(this.peek());
        break;
      case 'UNPARSED': {
        this.next();
        if (this.peek().kind === 'LPAREN') return this.parseCall(t);
        const def = filterFieldByName(t.text);
        if (this.peek().kind === 'HASH') {
          const layers = this.parseLayer();
          if (!def) this.fail(`${t.text} is not a valid field`, t.from, t.to);
          return { k: 'field', def, text: t.text, layers, from: t.from, to: t.to };
        }
        if (def) return { k: 'field', def, text: t.text, layers: null, from: t.from, to: t.to };
        return { k: 'unparsed', text: t.text, from: t.from, to: t.to };
      }
      default:
        break;
    }
    this.unexpected(t);
  }

  /** #n or #[ranges] after a field. */
  private parseLayer(): RangeNode[] {
    this.expect('HASH');
    const t = this.peek();
    if (t.kind === 'INDEX') {
      this.next();
      const r = parseRange(t.text, t.from, t.to);
      if (typeof r === 'string') this.fail(r, t.from, t.to);
      return [r];
    }
    if (t.kind === 'LBRACKET') return this.parseRanges();
    this.unexpected(t);
  }

  private parseRanges(): RangeNode[] {
    this.expect('LBRACKET');
    const out: RangeNode[] = [];
    while (true) {
      const t = this.expect('RANGE');
      const r = parseRange(t.text, t.from, t.to);
      if (typeof r === 'string') {
        // The range is checked when the parser reduces it, i.e. once the next token is known.
        const after = this.peek();
        if (after.kind === 'ERROR') this.unexpected(after);
        this.fail(r, t.from, t.to);
      }
      out.push(r);
      if (this.peek().kind === 'COMMA') {
        this.next();
        continue;
      }
      this.expect('RBRACKET');
      return out;
    }
  }

  private parseCall(name: Token): ValueNode {
    this.expect('LPAREN');
    const args: ValueNode[] = [];
    if (this.peek().kind !== 'RPAREN') {
      while (true) {
        args.push(this.parseArith());
        if (this.peek().kind === 'COMMA') {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expect('RPAREN');
    if (!FUNCTIONS.has(name.text)) this.fail(`Function '${name.text}' does not exist`, name.from, name.to);
    return { k: 'func', name: name.text, args, from: name.from, to: name.to };
  }
}

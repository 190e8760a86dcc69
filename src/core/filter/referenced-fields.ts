import type { FieldDef } from '../dissect/fields';
import type { TExpr, VExpr } from './ir';

/** Every field a checked filter reads (for the session to know what dissection must produce). */
export function referencedFields(t: TExpr): FieldDef[] {
  const out = new Set<FieldDef>();
  const value = (v: VExpr): void => {
    switch (v.k) {
      case 'field':
      case 'ref':
        out.add(v.def);
        break;
      case 'bytes':
      case 'slice':
        value(v.src);
        break;
      case 'neg':
        value(v.a);
        break;
      case 'arith':
        value(v.a);
        value(v.b);
        break;
      case 'func':
        v.args.forEach(value);
        break;
      case 'const':
        break;
    }
  };
  const test = (x: TExpr): void => {
    switch (x.k) {
      case 'true':
        break;
      case 'exists':
        value(x.field);
        break;
      case 'truthy':
        value(x.v);
        break;
      case 'not':
        test(x.a);
        break;
      case 'and':
      case 'or':
        test(x.a);
        test(x.b);
        break;
      case 'cmp':
      case 'contains':
        value(x.a);
        value(x.b);
        break;
      case 'matches':
        value(x.a);
        break;
      case 'in':
        value(x.a);
        for (const e of x.set) {
          value(e.lo);
          if (e.hi) value(e.hi);
        }
        break;
    }
  };
  test(t);
  return [...out];
}

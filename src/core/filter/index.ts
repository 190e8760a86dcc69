import { err, ok, type Result } from '../../base/result';
import type { DissectedFrame } from '../dissect/frame';
import type { FieldDef } from '../dissect/fields';
import { TreeAccessor, type FieldAccessor } from './accessor';
import { checkFilter } from './check';
import { compileTest, type CompileContext, type Test } from './compile';
import { referencedFields } from './referenced-fields';
import { parseFilter } from './parser';
import type { DisplayFilter, FilterError } from './types';

export type { DisplayFilter, FilterError } from './types';
export type { FieldAccessor } from './accessor';
export { TreeAccessor } from './accessor';

/** A compiled display filter; `evaluate` runs it over any FieldAccessor (tree or index columns). */
class CompiledFilter implements DisplayFilter {
  private readonly tree = new TreeAccessor();
  private readonly refTree = new TreeAccessor();

  constructor(
    readonly text: string,
    readonly fields: readonly FieldDef[],
    private readonly test: Test,
    private readonly ctx: CompileContext,
  ) {}

  matches(frame: DissectedFrame): boolean {
    return this.test(this.tree.use(frame.tree));
  }

  evaluate(acc: FieldAccessor): boolean {
    return this.test(acc);
  }

  setReference(frame: DissectedFrame | null): void {
    this.ctx.reference = frame ? this.refTree.use(frame.tree) : null;
  }
}

/**
 * Compiles a Wireshark (4.0) display filter. Errors carry tshark's message and the span of the
 * offending text; `noLocation` marks the errors tshark reports without a location.
 */
export function compileDisplayFilter(text: string): Result<DisplayFilter, FilterError> {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  const checked = checkFilter(parsed.value);
  if (!checked.ok) return err(checked.error);
  const ctx: CompileContext = { reference: null };
  const test = compileTest(checked.value, ctx);
  return ok(new CompiledFilter(text, referencedFields(checked.value), test, ctx));
}

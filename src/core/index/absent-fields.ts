/**
 * A FieldAccessor for reasoning about frames without evaluating them: the fields it is told
 * are absent have no occurrence, and asking anything else throws NotIndexed. An evaluation that
 * completes therefore gives the filter's answer for every frame where those fields are absent,
 * whatever its other fields (the protocol pre-filter and the frame-mark shortcut use it).
 */
import type { FieldValue } from '../dissect/field-types';
import type { FieldDef } from '../dissect/fields';
import type { FieldAccessor } from '../filter/accessor';
import { NotIndexed } from './index-accessor';

export class AbsentFields implements FieldAccessor {
  constructor(private readonly isAbsent: (def: FieldDef) => boolean) {}

  count(def: FieldDef): number {
    if (this.isAbsent(def)) return 0;
    throw new NotIndexed(def.abbrev);
  }
  value(def: FieldDef): FieldValue {
    throw new NotIndexed(def.abbrev);
  }
  bytes(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }
  tail(def: FieldDef): Uint8Array {
    throw new NotIndexed(def.abbrev);
  }
  length(def: FieldDef): number {
    throw new NotIndexed(def.abbrev);
  }
  layer(def: FieldDef): number {
    throw new NotIndexed(def.abbrev);
  }
  layerCount(def: FieldDef): number {
    if (this.isAbsent(def)) return 0;
    throw new NotIndexed(def.abbrev);
  }
}

import { BASE, FT, type Base, type FieldType } from './field-types';

/** Value names for integer fields (Wireshark's value_string), or true/false texts for booleans. */
export type ValueStrings = ReadonlyMap<number, string>;

/** A field as a protocol declares it, once. */
export interface FieldSpec {
  /** The filter name, exactly as Wireshark's (`tcp.flags.syn`). */
  abbrev: string;
  /** The display name (`Syn`). */
  name: string;
  type: FieldType;
  base?: Base;
  /** Value names; for booleans a map with keys 1 (true text) and 0 (false text). */
  strings?: ValueStrings;
  /** For bit fields: the mask within the parent integer (tshark shows it in the tree). */
  bitmask?: number;
  /** For bit fields and booleans: the width in bits of the containing integer. */
  bitWidth?: number;
  /** Description shown by autocompletion. */
  blurb?: string;
  /** Unit suffix of the value in tree labels (" bytes", " seconds"). */
  unit?: string;
}

export interface FieldDef extends Readonly<FieldSpec> {
  /** Dense id, index into the registry's table. */
  readonly id: number;
  /** The protocol abbreviation this field belongs to (`tcp`). */
  readonly proto: string;
  readonly base: Base;
}

const byAbbrev = new Map<string, FieldDef>();
const byId: FieldDef[] = [];

function protoOf(abbrev: string): string {
  const dot = abbrev.indexOf('.');
  return dot < 0 ? abbrev : abbrev.slice(0, dot);
}

function define(spec: FieldSpec): FieldDef {
  const existing = byAbbrev.get(spec.abbrev);
  // Wireshark allows one abbreviation to be registered several times with the same type
  // (e.g. per-option variants); we keep the first declaration as the canonical one.
  if (existing) return existing;
  const def: FieldDef = {
    ...spec,
    id: byId.length,
    proto: protoOf(spec.abbrev),
    base: spec.base ?? (spec.type === FT.NONE || spec.type === FT.PROTOCOL ? BASE.NONE : BASE.DEC),
  };
  byId.push(def);
  byAbbrev.set(def.abbrev, def);
  return def;
}

/** Declares a protocol (an FT_PROTOCOL field named like the protocol's filter name). */
export function registerProtocol(abbrev: string, name: string, shortName: string): FieldDef {
  return define({ abbrev, name, type: FT.PROTOCOL, blurb: shortName });
}

/** Declares a protocol's fields; returns them keyed like the input object. */
export function registerFields<K extends string>(specs: Record<K, FieldSpec>): Record<K, FieldDef> {
  const out = {} as Record<K, FieldDef>;
  for (const key of Object.keys(specs) as K[]) out[key] = define(specs[key]);
  return out;
}

export function fieldByAbbrev(abbrev: string): FieldDef | undefined {
  return byAbbrev.get(abbrev);
}

export function fieldById(id: number): FieldDef {
  return byId[id];
}

/** Every registered field, in registration order (for autocompletion and docs). */
export function allFields(): readonly FieldDef[] {
  return byId;
}

/** Builds a value-string map from an object literal `{1: 'Request', 2: 'Reply'}`. */
export function vals(o: Record<number, string>): ValueStrings {
  return new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
}

/** Boolean texts (Wireshark's true_false_string). */
export function tfs(trueText: string, falseText: string): ValueStrings {
  return new Map([
    [1, trueText],
    [0, falseText],
  ]);
}

export const TFS_SET = tfs('Set', 'Not set');

import { fieldByAbbrev, type FieldDef } from '../dissect/fields';

/**
 * Old protocol names tshark 4.0 still accepts in display filters for a renamed protocol: the
 * protocol and every one of its fields answer to the old name too ("ssl" is "tls",
 * "ssl.handshake.type" is "tls.handshake.type"). Only protocols Wirelight dissects are listed.
 */
const PROTOCOL_ALIASES: ReadonlyMap<string, string> = new Map([['ssl', 'tls']]);

/** The field or protocol a filter names, by its own name or by its protocol's old name. */
export function filterFieldByName(name: string): FieldDef | undefined {
  const def = fieldByAbbrev(name);
  if (def) return def;
  const dot = name.indexOf('.');
  const target = PROTOCOL_ALIASES.get(dot < 0 ? name : name.slice(0, dot));
  if (target === undefined) return undefined;
  return fieldByAbbrev(dot < 0 ? target : target + name.slice(dot));
}

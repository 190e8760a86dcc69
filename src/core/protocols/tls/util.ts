import type { Columns } from '../../dissect/columns';
import type { FieldDef } from '../../dissect/fields';
import { hexBytes } from '../../dissect/format';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { VERSIONS } from './values-data';

/** Short version names used in the Protocol column and record titles ("TLSv1.2"). */
const SHORT: Record<number, string> = {
  0x0002: 'SSLv2',
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
  0xfeff: 'DTLSv1.0',
  0xfefd: 'DTLSv1.2',
  0x0100: 'DTLS 1.0 (OpenSSL pre 0.9.8f)',
};

export function versionShort(v: number, fallback = 'TLS'): string {
  return SHORT[v] ?? fallback;
}

export function versionName(v: number): string {
  return VERSIONS.get(v) ?? `Unknown (0x${v.toString(16).padStart(4, '0')})`;
}

/**
 * Adds a byte field; long values are shown cut at 36 bytes with an ellipsis in the tree label,
 * as Wireshark does (the field value itself stays complete).
 */
export function addBytes(
  t: ProtoNode,
  def: FieldDef,
  tvb: Tvb,
  off: number,
  len: number,
  suffix = '',
): ProtoNode {
  const v = tvb.view(off, len);
  const shown = len > 36 ? hexBytes(v.subarray(0, 36)) + '…' : hexBytes(v);
  return t.add(def, tvb, off, len, v, `${def.name}: ${shown}${suffix}`);
}

/** GREASE values (RFC 8701) are left out of JA3 strings. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

/**
 * Wireshark's col_append_sep_str: the separator goes in whenever the column already has text,
 * even text behind a fence (a second TLS call in one frame continues the first one's list).
 */
export function appendInfoSep(cols: Columns | null, text: string): void {
  if (!cols) return;
  cols.appendInfo(cols.info.length > 0 ? `, ${text}` : text);
}

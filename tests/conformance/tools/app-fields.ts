/**
 * The application-layer fields Wirelight registers (DNS, HTTP, TLS, X.509, the HTTP media
 * types) and how tshark prints them with -T fields, for comparisons against tshark output.
 */
import { allFields, type FieldDef } from '../../../src/core/dissect/fields';
import { FT } from '../../../src/core/dissect/field-types';
import { fieldsText } from '../../../src/core/dissect/format';
import type { FrameTree } from '../../../src/core/dissect/tree';

/** Protocol filter names whose fields are compared. */
export const APP_PROTOCOLS = [
  'dns',
  'mdns',
  'llmnr',
  'http',
  'tls',
  'x509af',
  'x509ce',
  'x509if',
  'x509sat',
  'pkcs1',
  'pkix1implicit',
  'json',
  'urlencoded-form',
  'data-text-lines',
  'media',
  'message-http',
  'png',
  'image-gif',
  'image-jfif',
  'xml',
  'mime_multipart',
];

/** Layers (frame.protocols names) whose frames get their Protocol/Info columns compared. */
export const APP_LAYERS = new Set([...APP_PROTOCOLS.filter((p) => p !== 'pkcs1'), 'pkcs-1']);

/** Every non-protocol field of APP_PROTOCOLS, in registration order. */
export function appFields(): FieldDef[] {
  return allFields().filter(
    (f) => f.type !== FT.PROTOCOL && APP_PROTOCOLS.some((p) => f.abbrev.startsWith(p + '.')),
  );
}

/** tshark -T fields escapes these control characters in string values (-E escape=y). */
export function tsharkEscape(s: string): string {
  return s.replace(
    /[\b\f\n\r\t]/g,
    (c) => ({ '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c,
  );
}

/** One field of a frame as `tshark -T fields -E occurrence=a -E aggregator=,` prints it. */
export function fieldCell(tree: FrameTree | null, def: FieldDef): string {
  if (!tree) return '';
  return tree
    .occurrences(def)
    .map((n) => (def.type === FT.STRING ? tsharkEscape(fieldsText(n)) : fieldsText(n)))
    .join(',');
}

/**
 * Builds TLS records and handshake messages byte by byte for hand-made captures
 * (see ../pcap-builder.ts): hellos with the usual extensions, certificates, alerts.
 */
import { ascii, concatBytes } from '../pcap-builder';

function u16(v: number): number[] {
  return [(v >>> 8) & 255, v & 255];
}

function u24(v: number): number[] {
  return [(v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

/** Bytes with a 1-, 2- or 3-byte length prefix. */
export function vec(lenBytes: 1 | 2 | 3, ...parts: (Uint8Array | number[])[]): Uint8Array {
  const body = concatBytes(...parts);
  const n = body.length;
  const prefix = lenBytes === 1 ? [n] : lenBytes === 2 ? u16(n) : u24(n);
  return concatBytes(prefix, body);
}

export function record(type: number, version: number, body: Uint8Array | number[]): Uint8Array {
  return concatBytes([type, ...u16(version), ...u16(body.length)], body);
}

export function handshake(type: number, body: Uint8Array | number[]): Uint8Array {
  return concatBytes([type, ...u24(body.length)], body);
}

export function extension(type: number, body: Uint8Array | number[]): Uint8Array {
  return concatBytes(u16(type), vec(2, body));
}

export function fill(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 17 + 7) & 255;
  return b;
}

export interface ClientHelloOptions {
  sni?: string;
  alpn?: string[];
  /** supported_versions list (adds the extension when given). */
  versions?: number[];
  ciphers?: number[];
  legacyVersion?: number;
}

export function clientHello(o: ClientHelloOptions = {}): Uint8Array {
  const exts: Uint8Array[] = [];
  if (o.sni !== undefined) exts.push(extension(0, vec(2, [0], vec(2, ascii(o.sni)))));
  exts.push(extension(10, vec(2, u16(0x001d), u16(0x0017))));
  exts.push(extension(11, vec(1, [0])));
  exts.push(extension(13, vec(2, u16(0x0403), u16(0x0804))));
  if (o.alpn) exts.push(extension(16, vec(2, ...o.alpn.map((p) => vec(1, ascii(p))))));
  if (o.versions) exts.push(extension(43, vec(1, ...o.versions.map((v) => u16(v)))));
  if (o.versions?.includes(0x0304)) exts.push(extension(51, vec(2, u16(0x001d), vec(2, fill(32, 3)))));
  const ciphers = o.ciphers ?? [0x1301, 0x1302, 0xc02f, 0xc030];
  return handshake(
    1,
    concatBytes(
      u16(o.legacyVersion ?? 0x0303),
      fill(32, 5),
      vec(1, fill(32, 6)),
      vec(2, ...ciphers.map((c) => u16(c))),
      vec(1, [0]),
      vec(2, ...exts),
    ),
  );
}

export interface ServerHelloOptions {
  cipher?: number;
  /** Selected version via supported_versions (TLS 1.3). */
  selected?: number;
  alpn?: string;
}

export function serverHello(o: ServerHelloOptions = {}): Uint8Array {
  const exts: Uint8Array[] = [];
  if (o.selected) exts.push(extension(43, u16(o.selected)));
  if (o.selected === 0x0304) exts.push(extension(51, concatBytes(u16(0x001d), vec(2, fill(32, 9)))));
  if (o.alpn) exts.push(extension(16, vec(2, vec(1, ascii(o.alpn)))));
  return handshake(
    2,
    concatBytes(u16(0x0303), fill(32, 7), vec(1, fill(32, 8)), u16(o.cipher ?? 0xc02f), [0], vec(2, ...exts)),
  );
}

/** TLS 1.2 Certificate message carrying DER certificates. */
export function certificate(ders: Uint8Array[]): Uint8Array {
  return handshake(11, vec(3, ...ders.map((d) => vec(3, d))));
}

export function serverHelloDone(): Uint8Array {
  return handshake(14, []);
}

export function alert(level: number, desc: number): Uint8Array {
  return record(21, 0x0303, [level, desc]);
}

export function ccs(): Uint8Array {
  return record(20, 0x0303, [1]);
}

export function appData(n: number, seed = 2): Uint8Array {
  return record(23, 0x0303, fill(n, seed));
}

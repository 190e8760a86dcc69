/**
 * TLS records for the synthetic web capture: a browser-like ClientHello offering TLS 1.3 and
 * 1.2, the TLS 1.2 server flight (ServerHello, Certificate chain, ECDHE ServerKeyExchange,
 * ServerHelloDone), the TLS 1.3 ServerHello, and opaque encrypted records. Keys, randoms and
 * ciphertext are pseudo-random bytes: nothing here can be decrypted.
 */
import { ascii, be, concat } from './packets';
import type { Rng } from './rng';
import { CERT_CHAIN } from './web-certs';

export const CT_CCS = 20;
export const CT_ALERT = 21;
export const CT_HANDSHAKE = 22;
export const CT_APPDATA = 23;

const u8 = (...xs: number[]): Uint8Array => new Uint8Array(xs);

export function record(type: number, version: number, body: Uint8Array): Uint8Array {
  return concat([u8(type), be(version, 2), be(body.length, 2), body]);
}

function handshake(type: number, body: Uint8Array): Uint8Array {
  return concat([u8(type), be(body.length, 3), body]);
}

function ext(type: number, data: Uint8Array): Uint8Array {
  return concat([be(type, 2), be(data.length, 2), data]);
}

function list16(items: readonly number[]): Uint8Array {
  return concat([be(items.length * 2, 2), ...items.map((x) => be(x, 2))]);
}

const SUITES = [
  0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d,
  0x002f, 0x0035,
];
const SIG_ALGS = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];
const ALPN = concat([be(9, 2), u8(8), ascii('http/1.1')]);

/** A ClientHello record for `sni` offering TLS 1.3 and 1.2 (one record, TLS 1.0 record version). */
export function clientHello(rng: Rng, sni: string): Uint8Array {
  const name = ascii(sni);
  const exts = concat([
    ext(0x0000, concat([be(name.length + 3, 2), u8(0), be(name.length, 2), name])),
    ext(0x0017, new Uint8Array(0)),
    ext(0xff01, u8(0)),
    ext(0x000a, list16([0x001d, 0x0017, 0x0018])),
    ext(0x000b, u8(1, 0)),
    ext(0x0023, new Uint8Array(0)),
    ext(0x0010, ALPN),
    ext(0x0005, u8(1, 0, 0, 0, 0)),
    ext(0x000d, list16(SIG_ALGS)),
    ext(0x0033, concat([be(36, 2), be(0x001d, 2), be(32, 2), rng.bytes(32)])),
    ext(0x002d, u8(1, 1)),
    ext(0x002b, u8(4, 3, 4, 3, 3)),
  ]);
  const body = concat([
    be(0x0303, 2),
    rng.bytes(32),
    u8(32),
    rng.bytes(32),
    list16(SUITES),
    u8(1, 0),
    be(exts.length, 2),
    exts,
  ]);
  return record(CT_HANDSHAKE, 0x0301, handshake(1, body));
}

/** The TLS 1.2 server flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone. */
export function serverFlight12(rng: Rng, ticket: boolean): Uint8Array {
  const exts = concat([
    ext(0xff01, u8(0)),
    ext(0x000b, u8(1, 0)),
    ext(0x0010, ALPN),
    ext(0x0017, new Uint8Array(0)),
    ...(ticket ? [ext(0x0023, new Uint8Array(0))] : []),
  ]);
  const hello = handshake(
    2,
    concat([
      be(0x0303, 2),
      rng.bytes(32),
      u8(32),
      rng.bytes(32),
      be(0xc02b, 2),
      u8(0),
      be(exts.length, 2),
      exts,
    ]),
  );
  const certs = concat(CERT_CHAIN.map((c) => concat([be(c.length, 3), c])));
  const certificate = handshake(11, concat([be(certs.length, 3), certs]));
  const sig = concat([u8(0x30, 0x44, 0x02, 0x20), rng.bytes(32), u8(0x02, 0x20), rng.bytes(32)]);
  const ske = handshake(
    12,
    concat([u8(3), be(0x001d, 2), u8(32), rng.bytes(32), be(0x0403, 2), be(sig.length, 2), sig]),
  );
  const done = handshake(14, new Uint8Array(0));
  return concat([
    record(CT_HANDSHAKE, 0x0303, hello),
    record(CT_HANDSHAKE, 0x0303, certificate),
    record(CT_HANDSHAKE, 0x0303, concat([ske, done])),
  ]);
}

/** TLS 1.2 client: ClientKeyExchange, ChangeCipherSpec, encrypted Finished. */
export function clientFinish12(rng: Rng): Uint8Array {
  return concat([
    record(CT_HANDSHAKE, 0x0303, handshake(16, concat([u8(32), rng.bytes(32)]))),
    record(CT_CCS, 0x0303, u8(1)),
    record(CT_HANDSHAKE, 0x0303, rng.bytes(40)),
  ]);
}

/** TLS 1.2 server: optional NewSessionTicket, ChangeCipherSpec, encrypted Finished. */
export function serverFinish12(rng: Rng, ticket: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  if (ticket) {
    const t = rng.bytes(192);
    parts.push(record(CT_HANDSHAKE, 0x0303, handshake(4, concat([be(7200, 4), be(t.length, 2), t]))));
  }
  parts.push(record(CT_CCS, 0x0303, u8(1)), record(CT_HANDSHAKE, 0x0303, rng.bytes(40)));
  return concat(parts);
}

/** TLS 1.3 server: ServerHello, ChangeCipherSpec, and the encrypted rest of its handshake. */
export function serverFlight13(rng: Rng): Uint8Array {
  const exts = concat([
    ext(0x002b, be(0x0304, 2)),
    ext(0x0033, concat([be(0x001d, 2), be(32, 2), rng.bytes(32)])),
  ]);
  const hello = handshake(
    2,
    concat([
      be(0x0303, 2),
      rng.bytes(32),
      u8(32),
      rng.bytes(32),
      be(0x1301, 2),
      u8(0),
      be(exts.length, 2),
      exts,
    ]),
  );
  return concat([
    record(CT_HANDSHAKE, 0x0303, hello),
    record(CT_CCS, 0x0303, u8(1)),
    record(CT_APPDATA, 0x0303, rng.bytes(rng.range(2300, 2900))),
  ]);
}

/** TLS 1.3 client: ChangeCipherSpec and the encrypted Finished. */
export function clientFinish13(rng: Rng): Uint8Array {
  return concat([record(CT_CCS, 0x0303, u8(1)), record(CT_APPDATA, 0x0303, rng.bytes(53))]);
}

/**
 * `plain` bytes of application data as encrypted records of at most 16 KB of plaintext each
 * (`overhead`: 24 for TLS 1.2 AES-GCM, 17 for TLS 1.3).
 */
export function appData(rng: Rng, plain: number, overhead: number): Uint8Array {
  const parts: Uint8Array[] = [];
  while (plain > 0) {
    const n = Math.min(plain, 16384);
    parts.push(record(CT_APPDATA, 0x0303, rng.bytes(n + overhead)));
    plain -= n;
  }
  return concat(parts);
}

/** An encrypted close_notify alert. */
export function encryptedAlert(rng: Rng, overhead: number): Uint8Array {
  return record(CT_ALERT, 0x0303, rng.bytes(2 + overhead));
}

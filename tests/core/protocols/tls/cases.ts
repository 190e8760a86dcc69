/**
 * Hand-made TLS captures for the TLS and X.509 tests; the expected values in the tests were read
 * from tshark 4.0 on these exact bytes. Certificates: ../x509/certs (a test CA, an EC server
 * certificate with SAN/key usage, and an old RSA one without extensions).
 */
import { readFileSync } from 'node:fs';
import { CLIENT4, concatBytes, PcapBuilder, SERVER4, type TcpFlow } from '../pcap-builder';
import * as T from './tls-builder';

export function cert(name: 'ca' | 'ec' | 'rsa'): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../x509/certs/${name}.der`, import.meta.url)));
}

function connection(p: PcapBuilder, port = 443, clientPort = 50000): TcpFlow {
  return p.tcp({ ip: CLIENT4, port: clientPort }, { ip: SERVER4, port }).handshake();
}

/** A TLS 1.3 ClientHello whose record arrives in three TCP segments (3 + 57 + rest bytes). */
export function clientHelloInThreeSegments(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  const ch = T.record(
    22,
    0x0301,
    T.clientHello({ sni: 'split.example', versions: [0x0304, 0x0303], alpn: ['http/1.1'] }),
  );
  f.send('c', ch.subarray(0, 3));
  f.send('c', ch.subarray(3, 60));
  f.send('c', ch.subarray(60));
  return p.build();
}

/** TLS 1.2 server flight whose Certificate message is split over two records of one segment. */
export function certificateOverTwoRecords(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send('c', T.record(22, 0x0303, T.clientHello({ sni: 'frag.example' })));
  const sh = T.serverHello({ cipher: 0xc02b });
  const hs = concatBytes(sh, T.certificate([cert('ec'), cert('ca')]), T.serverHelloDone());
  const cut = sh.length + 700;
  f.send('s', concatBytes(T.record(22, 0x0303, hs.subarray(0, cut)), T.record(22, 0x0303, hs.subarray(cut))));
  return p.build();
}

/** A Certificate message fragmented over three records in three segments (RSA certificate). */
export function certificateOverThreeSegments(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send('c', T.record(22, 0x0303, T.clientHello({ sni: 'frag3.example' })));
  const c = T.certificate([cert('rsa')]);
  f.send('s', T.record(22, 0x0303, concatBytes(T.serverHello({ cipher: 0x009c }), c.subarray(0, 2))));
  f.send('s', T.record(22, 0x0303, c.subarray(2, 300)));
  f.send('s', T.record(22, 0x0303, concatBytes(c.subarray(300), T.serverHelloDone())));
  return p.build();
}

/** TLS 1.3: ServerHello, CCS, then the encrypted handshake and application data. */
export function tls13(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send(
    'c',
    T.record(
      22,
      0x0301,
      T.clientHello({ sni: 'a.example', versions: [0x0304, 0x0303], alpn: ['h2', 'http/1.1'] }),
    ),
  );
  f.send(
    's',
    concatBytes(
      T.record(22, 0x0303, T.serverHello({ cipher: 0x1302, selected: 0x0304 })),
      T.ccs(),
      T.appData(60),
    ),
  );
  f.send('c', concatBytes(T.ccs(), T.appData(40, 3)));
  f.send('c', T.appData(100, 4));
  return p.build();
}

/** Broken and odd records: an alert, bytes that are no record, heartbeats, an empty record. */
export function oddRecords(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send('c', T.record(22, 0x0303, T.clientHello({ sni: 'bad.example' })));
  f.send('s', concatBytes(T.record(22, 0x0303, T.serverHello({ cipher: 0xc02f })), T.alert(2, 40)));
  f.send('s', new Uint8Array([0x99, 1, 2, 3, 4, 5, 6, 7]));
  f.send('c', T.record(24, 0x0303, [1, 0, 3, 1, 2, 3, ...T.fill(16, 1)]));
  f.send('s', T.record(22, 0x0303, []));
  // A heartbeat whose payload length leaves no room for the 16 padding bytes.
  f.send('s', T.record(24, 0x0303, [2, 0, 100, ...T.fill(17, 2)]));
  return p.build();
}

/** An SSLv2-compatible ClientHello answered with SSL 3.0-style records. */
export function sslv2ClientHello(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  const specs = [0x000039, 0x000038, 0x000035, 0x000016, 0x000013, 0x00000a, 0x0700c0];
  const body = concatBytes(
    [0x01, 0x03, 0x01, 0x00, specs.length * 3, 0x00, 0x00, 0x00, 0x20],
    ...specs.map((s) => [s >> 16, (s >> 8) & 255, s & 255]),
    T.fill(32, 3),
  );
  f.send('c', concatBytes([0x80 | (body.length >> 8), body.length & 255], body));
  f.send('s', T.record(22, 0x0301, concatBytes(T.serverHello({ cipher: 0x0035 }), T.serverHelloDone())));
  return p.build();
}

/** TLS on port 8443, found by the heuristic. */
export function heuristicPort(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p, 8443);
  f.send('c', T.record(22, 0x0301, T.clientHello({ sni: 'heur.example', versions: [0x0304] })));
  f.send('s', T.record(22, 0x0303, T.serverHello({ cipher: 0x1301, selected: 0x0304 })));
  return p.build();
}

/** Records cut by a 96-byte snaplen (the server flight and application data). */
export function snaplenCut(): Uint8Array {
  const p = new PcapBuilder();
  const g = connection(p);
  g.send('c', T.record(22, 0x0303, T.clientHello({ sni: 'trunc12.example' })), { caplen: 300 });
  const hs = T.record(
    22,
    0x0303,
    concatBytes(
      T.serverHello({ cipher: 0xc02b }),
      T.certificate([cert('ec'), cert('ca')]),
      T.serverHelloDone(),
    ),
  );
  g.send('s', hs.subarray(0, 1400), { caplen: 96 });
  g.send('s', hs.subarray(1400), { caplen: 96 });
  g.send('s', concatBytes(T.ccs(), T.appData(600)), { caplen: 96 });
  return p.build();
}

/** Every case, by name (the tshark fixture's keys). */
export const TLS_CASES: Record<string, () => Uint8Array> = {
  clientHelloInThreeSegments,
  certificateOverTwoRecords,
  certificateOverThreeSegments,
  tls13,
  oddRecords,
  sslv2ClientHello,
  heuristicPort,
  snaplenCut,
};

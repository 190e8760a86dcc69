/**
 * Hand-made HTTP/1.x captures for the HTTP and media-type tests; the expected values in the
 * tests were read from tshark 4.0 on these exact bytes.
 */
import { gzipSync } from 'fflate';
import { ascii, CLIENT4, concatBytes, PcapBuilder, SERVER4, type TcpFlow } from '../pcap-builder';

function connection(p: PcapBuilder, port = 80, clientPort = 40000): TcpFlow {
  return p.tcp({ ip: CLIENT4, port: clientPort }, { ip: SERVER4, port }).handshake();
}

function response(headers: string, body: Uint8Array | string): Uint8Array {
  return concatBytes(ascii(headers), typeof body === 'string' ? ascii(body) : body);
}

/** A chunked response whose body is gzip-compressed, sent in three segments. */
export function chunkedGzip(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send('c', 'GET /data.json HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: gzip\r\n\r\n');
  const gz = gzipSync(new TextEncoder().encode('{"items":[1,2,3],"name":"wirelight","ok":true}'), {
    mtime: 0,
  });
  const chunk1 = gz.subarray(0, 20);
  const chunk2 = gz.subarray(20);
  const head =
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n';
  const body = concatBytes(
    ascii(`${chunk1.length.toString(16)}\r\n`),
    chunk1,
    ascii(`\r\n${chunk2.length.toString(16)}\r\n`),
    chunk2,
    ascii('\r\n0\r\n\r\n'),
  );
  const all = response(head, body);
  f.send('s', all.subarray(0, 60));
  f.send('s', all.subarray(60, 130));
  f.send('s', all.subarray(130));
  return p.build();
}

/** Two pipelined requests in one segment, then both responses in one segment. */
export function pipelined(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  f.send('c', 'GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nUser-Agent: test/1.0\r\n\r\n');
  f.send(
    's',
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nAAA' +
      'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
  );
  return p.build();
}

/** HTTP on port 8000 (not in the HTTP port list): found by the heuristic. */
export function heuristicPort(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p, 8000);
  f.send(
    'c',
    'POST /form HTTP/1.1\r\nHost: h:8000\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 13\r\n\r\nname=x&page=2',
  );
  f.send('s', 'HTTP/1.0 204 No Content\r\nServer: tiny\r\n\r\n');
  return p.build();
}

/** A download cut by a 128-byte snaplen: request and status line cut inside, body segments. */
export function snaplenDownload(): Uint8Array {
  const p = new PcapBuilder();
  const f = connection(p);
  const req =
    'GET /files/dl-1.bin HTTP/1.1\r\nHost: downloads.example.com\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n';
  f.send('c', req, { caplen: 128 });
  const head =
    'HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Type: application/octet-stream\r\nContent-Length: 3000\r\n\r\n';
  const body = new Uint8Array(3000).map((_, i) => (i * 7) & 255);
  const all = response(head, body);
  for (let o = 0; o < all.length; o += 1448) f.send('s', all.subarray(o, o + 1448), { caplen: 128 });
  return p.build();
}

/** Responses carrying XML, a GIF, a JPEG and a multipart body. */
export function mediaTypes(): Uint8Array {
  const p = new PcapBuilder();
  const gif = concatBytes(
    ascii('GIF89a'),
    [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b],
  );
  const jpeg = new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
  ]);
  const xml = ascii('<?xml version="1.0" encoding="UTF-8"?><feed><entry id="1">hi</entry></feed>');
  const multipart = ascii('--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--xx--\r\n');
  const items: [string, Uint8Array][] = [
    ['application/xml', xml],
    ['image/gif', gif],
    ['image/jpeg', jpeg],
    ['multipart/form-data; boundary=xx', multipart],
  ];
  let port = 41000;
  for (const [type, body] of items) {
    const f = connection(p, 80, port++);
    f.send('c', 'GET /x HTTP/1.1\r\nHost: h\r\n\r\n');
    f.send(
      's',
      response(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n`, body),
    );
  }
  return p.build();
}

/**
 * multipart bodies: preamble, part headers (known, unknown, folded, compact), nested types,
 * octet-stream parts, a trailer, a missing boundary parameter and a missing last boundary.
 */
export function multipartBodies(): Uint8Array {
  const p = new PcapBuilder();
  const bodies: [string, string][] = [
    [
      'multipart/mixed; boundary="b 1"',
      'This is the preamble.\r\n--b 1\r\nContent-Type: text/plain; charset=utf-8\r\n' +
        'Content-ID: <part1@x>\r\nX-Custom: yes\r\nContent-Description: first\r\n  part, folded\r\n\r\n' +
        'hello\r\n--b 1\r\nc: application/json\r\ne: identity\r\nl: 7\r\n\r\n{"a":1}\r\n' +
        '--b 1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n' +
        '\x01\x02\x03\r\n--b 1--\r\nepilogue text\r\n',
    ],
    ['multipart/mixed', '--x\r\nContent-Type: text/plain\r\n\r\nno boundary parameter\r\n--x--\r\n'],
    [
      'multipart/related; type="text/xml"; boundary=MIME_b; start="<r@x>"',
      '--MIME_b\r\nContent-Type: text/xml\r\nContent-Id: <r@x>\r\n\r\n<a><b/></a>\r\n' +
        '--MIME_b\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n' +
        '--inner\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--inner--\r\n--MIME_b--',
    ],
    [
      'multipart/form-data; boundary=zz',
      '--zz\r\nContent-Disposition: form-data; name="f"\r\n\r\nunterminated',
    ],
    ['multipart/form-data; boundary=yy', 'junk before\r\n--yy\r\n\r\nno headers\r\n--yy--'],
  ];
  let port = 43000;
  for (const [type, b] of bodies) {
    const f = connection(p, 80, port++);
    f.send('c', 'GET /m HTTP/1.1\r\nHost: h\r\n\r\n');
    f.send(
      's',
      response(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${b.length}\r\n\r\n`, b),
    );
  }
  return p.build();
}

/** JSON bodies: nested values, escapes, numbers, and text that is not JSON. */
export function jsonBodies(): Uint8Array {
  const p = new PcapBuilder();
  const bodies = [
    '{"k\\u0041":"a\\"b","n":-1.5e+3,"arr":[1,[2,{"x":null}],{"y":false}],"e":{},"t":true}',
    'not json at all',
  ];
  let port = 42000;
  for (const b of bodies) {
    const f = connection(p, 80, port++);
    f.send('c', 'GET /x HTTP/1.1\r\nHost: h\r\n\r\n');
    f.send(
      's',
      response(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\n\r\n`, b),
    );
  }
  return p.build();
}

/** Every case, by name (the tshark fixture's keys). */
export const HTTP_CASES: Record<string, () => Uint8Array> = {
  chunkedGzip,
  pipelined,
  heuristicPort,
  snaplenDownload,
  mediaTypes,
  multipartBodies,
  jsonBodies,
};

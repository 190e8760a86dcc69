/**
 * What the synthetic web capture's clients and servers say: sites (names, addresses, CNAMEs),
 * HTTP/1.1 requests with browser-like headers, and responses with HTML, CSS, JavaScript, JSON or
 * binary bodies — sometimes gzip-compressed, sometimes chunked, sometimes 301/304/404.
 */
import { gzipSync } from 'fflate';
import { ascii, concat, ipv4, ipv6 } from './packets';
import type { Rng } from './rng';

export interface Site {
  host: string;
  cname: string | null;
  v4: number;
  v6: Uint8Array | null;
}

const PREFIXES = [
  'www',
  'api',
  'static',
  'cdn',
  'img',
  'assets',
  'login',
  'shop',
  'news',
  'video',
  'metrics',
];
const DOMAINS = [
  'example.com',
  'example.net',
  'example.org',
  'shop.example',
  'news.example',
  'media.example',
];

/** The sites of the capture: every prefix × domain, a third of them behind a CDN alias. */
export function makeSites(): Site[] {
  const sites: Site[] = [];
  let i = 0;
  for (const d of DOMAINS) {
    for (const p of PREFIXES) {
      const n = i++;
      sites.push({
        host: `${p}.${d}`,
        cname: n % 3 === 2 ? `${p}-${d.replace('.', '-')}.edge${n % 4}.cdn-provider.example` : null,
        v4: n % 2 === 0 ? ipv4(198, 51, 100, 10 + n) : ipv4(203, 0, 113, 10 + n),
        v6: n % 4 === 0 ? ipv6([0x2001, 0xdb8, 0xab, 0, 0, 0, 0, 0x100 + n]) : null,
      });
    }
  }
  return sites;
}

const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'curl/8.4.0',
  'python-requests/2.31.0',
];
const SERVERS = ['nginx/1.24.0', 'Apache/2.4.57 (Debian)', 'envoy', 'cloudflare', 'Microsoft-IIS/10.0'];
const WORDS =
  'network packet capture filter stream segment window latency request response header server client cache session proxy route address protocol frame'.split(
    ' ',
  );

function words(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + rng.pick(WORDS);
  return s;
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(16)];
  return s;
}

type Kind = 'html' | 'css' | 'js' | 'json' | 'bin';

const TYPES: Record<Kind, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  bin: 'application/octet-stream',
};

function body(rng: Rng, kind: Kind, size: number): Uint8Array {
  if (kind === 'bin') return rng.bytes(size);
  let s = '';
  if (kind === 'html') {
    s = `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${words(rng, 3)}</title>\n`;
    s += '<link rel="stylesheet" href="/css/site.css"></head>\n<body>\n';
    while (s.length < size) s += `<p class="c${rng.int(9)}">${words(rng, 12 + rng.int(30))}</p>\n`;
    s += '</body>\n</html>\n';
  } else if (kind === 'css') {
    while (s.length < size) s += `.c${rng.int(100)} { margin: ${rng.int(20)}px; color: #${hex(rng, 6)}; }\n`;
  } else if (kind === 'js') {
    while (s.length < size) s += `function f${rng.int(1000)}(a, b) { return a * ${rng.int(100)} + b; }\n`;
  } else {
    const items: string[] = [];
    let len = 20;
    while (len < size) {
      const item = `{"id":${rng.int(100000)},"name":"${words(rng, 2)}","price":${rng.int(10000) / 100},"tags":["${rng.pick(WORDS)}"]}`;
      items.push(item);
      len += item.length + 1;
    }
    s = `{"page":${rng.int(50)},"items":[${items.join(',')}]}`;
  }
  return ascii(s);
}

export interface Exchange {
  request: Uint8Array;
  response: Uint8Array;
  /** The server closes after this response (Connection: close). */
  close: boolean;
}

const PATHS: { path: string; kind: Kind; size: [number, number] }[] = [
  { path: '/', kind: 'html', size: [2000, 40000] },
  { path: '/index.html', kind: 'html', size: [2000, 40000] },
  { path: '/css/site.css', kind: 'css', size: [500, 20000] },
  { path: '/js/app.js', kind: 'js', size: [1000, 90000] },
  { path: '/api/v1/items?page=', kind: 'json', size: [200, 12000] },
  { path: '/downloads/data.bin', kind: 'bin', size: [5000, 250000] },
];

/**
 * One request/response pair. `httpDate` is the Date header; `last` says whether this is the
 * connection's last exchange (then a third of the time the server closes it).
 */
export function makeExchange(rng: Rng, site: Site, httpDate: string, last: boolean, ua: string): Exchange {
  const r = rng.next();
  const close = last && rng.chance(0.33);
  const connHdr = close ? 'close' : 'keep-alive';
  let req = '';
  let reqBody: Uint8Array | null = null;
  let status = '200 OK';
  let kind: Kind = 'html';
  let size = 0;
  const common = `Host: ${site.host}\r\nUser-Agent: ${ua}\r\nAccept-Language: en-US,en;q=0.9\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n`;
  if (r < 0.08) {
    // Form login or JSON API call.
    const form = rng.chance(0.5);
    reqBody = form
      ? ascii(`username=user${rng.int(1000)}&password=${hex(rng, 12)}&remember=on`)
      : ascii(`{"item":${rng.int(100000)},"quantity":${1 + rng.int(5)}}`);
    const ctype = form ? 'application/x-www-form-urlencoded' : 'application/json';
    req = `POST ${form ? '/login' : '/api/v1/cart'} HTTP/1.1\r\n${common}Accept: */*\r\nContent-Type: ${ctype}\r\nContent-Length: ${reqBody.length}\r\nCookie: session=${hex(rng, 32)}\r\n\r\n`;
    kind = 'json';
    size = 100 + rng.int(400);
  } else {
    const p = rng.pick(PATHS);
    let path = p.path;
    if (path.endsWith('=')) path += String(1 + rng.int(40));
    kind = p.kind;
    size = rng.range(p.size[0], p.size[1]);
    const x = rng.next();
    const cond = x < 0.1;
    if (x >= 0.1 && x < 0.14) {
      status = '404 Not Found';
      path = `/missing/${hex(rng, 8)}.html`;
      kind = 'html';
      size = 300;
    } else if (x >= 0.14 && x < 0.17) {
      status = '301 Moved Permanently';
    } else if (cond) {
      status = '304 Not Modified';
    }
    const accept = kind === 'html' ? 'text/html,application/xhtml+xml,*/*;q=0.8' : '*/*';
    req = `GET ${path} HTTP/1.1\r\n${common}Accept: ${accept}\r\n`;
    if (cond) req += `If-None-Match: "${hex(rng, 16)}"\r\n`;
    if (rng.chance(0.4)) req += `Cookie: session=${hex(rng, 32)}; theme=dark\r\n`;
    req += '\r\n';
  }
  let head = `HTTP/1.1 ${status}\r\nDate: ${httpDate}\r\nServer: ${rng.pick(SERVERS)}\r\n`;
  let content: Uint8Array = new Uint8Array(0);
  if (status.startsWith('304')) {
    head += `ETag: "${hex(rng, 16)}"\r\nCache-Control: max-age=600\r\n`;
  } else if (status.startsWith('301')) {
    content = ascii('<html><head><title>301 Moved Permanently</title></head><body>Moved</body></html>\n');
    head += `Location: https://${site.host}/\r\nContent-Type: text/html\r\nContent-Length: ${content.length}\r\n`;
  } else {
    content = body(rng, kind, size);
    head += `Content-Type: ${TYPES[kind]}\r\n`;
    if (kind !== 'bin' && content.length > 1000 && rng.chance(0.4)) {
      content = gzipSync(content, { mtime: 0 });
      head += 'Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n';
    }
    if (status.startsWith('200'))
      head += `Cache-Control: max-age=${rng.pick([0, 60, 3600, 86400])}\r\nETag: "${hex(rng, 16)}"\r\n`;
    if (rng.chance(0.25)) {
      head += 'Transfer-Encoding: chunked\r\n';
      content = chunked(rng, content);
    } else {
      head += `Content-Length: ${content.length}\r\n`;
    }
  }
  head += `X-Request-Id: ${hex(rng, 16)}\r\nConnection: ${connHdr}\r\n\r\n`;
  const request = reqBody ? concat([ascii(req), reqBody]) : ascii(req);
  return { request, response: concat([ascii(head), content]), close };
}

/** Chunked transfer coding with chunks of 1–8 KB and an empty last chunk. */
function chunked(rng: Rng, data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    const n = Math.min(data.length - o, rng.range(1024, 8192));
    parts.push(ascii(`${n.toString(16)}\r\n`), data.subarray(o, o + n), ascii('\r\n'));
    o += n;
  }
  parts.push(ascii('0\r\n\r\n'));
  return concat(parts);
}

export function userAgent(rng: Rng): string {
  return rng.pick(USER_AGENTS);
}

/** RFC 9110 IMF-fixdate of a µs timestamp. */
export function httpDate(tsUs: number): string {
  return new Date(Math.floor(tsUs / 1000)).toUTCString();
}

/**
 * A deterministic web-traffic capture for the benchmarks (issue #7/#9): thousands of HTTP/1.1
 * and HTTPS connections from a few dozen clients, each preceded by DNS lookups when the name is
 * not cached (A and AAAA, CNAMEs to a CDN, the odd NXDOMAIN), TLS 1.2 (with the certificate
 * chain) or TLS 1.3 handshakes, keep-alive request/response exchanges with realistic headers and
 * bodies (gzip, chunked, 301/304/404), losses, retransmissions, duplicate ACKs and window
 * updates. Connections run concurrently: a scheduler interleaves them by time.
 */
import { writeCapture, type CaptureFormat, type Emit } from './capture-writer';
import { DNS_A, DNS_AAAA, dnsAnswer, dnsNxdomain, dnsQuery } from './dns-messages';
import { concat, ipv4, ipv6, mac, udpFrame, type Endpoints } from './packets';
import { Rng } from './rng';
import {
  appData,
  clientFinish12,
  clientFinish13,
  clientHello,
  encryptedAlert,
  serverFinish12,
  serverFlight12,
  serverFlight13,
} from './tls-messages';
import { httpDate, makeExchange, makeSites, userAgent, type Site } from './web-content';
import { TcpConnection, makeClock, type Clock } from './web-tcp';

export interface WebOptions {
  /** TCP connections (HTTP and HTTPS) to make. */
  connections: number;
  seed: number;
  format: CaptureFormat;
  /** Share of TCP segments lost, e.g. 0.01. */
  loss: number;
}

type Step = Generator<number, void, void>;

interface Task {
  t: number;
  id: number;
  step: Step;
}

/** Min-heap of tasks by (time, id): the next thing to happen. */
class Agenda {
  private readonly a: Task[] = [];

  get size(): number {
    return this.a.length;
  }

  private less(x: Task, y: Task): boolean {
    return x.t < y.t || (x.t === y.t && x.id < y.id);
  }

  push(task: Task): void {
    const a = this.a;
    a.push(task);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): Task {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as Task;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

interface Client {
  mac: Uint8Array;
  v4: number;
  v6: Uint8Array | null;
  nextPort: number;
  /** Host name -> µs time its DNS answer expires. */
  dnsCache: Map<string, number>;
  ua: string;
}

const GATEWAY_MAC = mac([0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x01]);
const RESOLVER = ipv4(10, 1, 0, 1);
/** 2026-11-23 08:00:00 UTC. */
const START_US = Date.UTC(2026, 10, 23, 8, 0, 0) * 1000;

/** Generates the capture, passing each frame to `emit` in time order. */
export function synthesizeWeb(opts: WebOptions, emit: Emit): void {
  const rng = new Rng(opts.seed);
  const sites = makeSites();
  let now = START_US;
  const clock: Clock = makeClock(
    emit,
    () => now,
    (us) => (now += us),
  );
  const clients: Client[] = [];
  for (let i = 0; i < 60; i++) {
    clients.push({
      mac: mac([0x02, 0x00, 0x00, 0x00, 0x01, 10 + i]),
      v4: ipv4(10, 1, 0, 10 + i),
      v6: i % 3 === 0 ? ipv6([0x2001, 0xdb8, 0x10, 0, 0, 0, 0, 10 + i]) : null,
      nextPort: 49152 + ((i * 977) % 12000),
      dnsCache: new Map(),
      ua: userAgent(rng),
    });
  }
  const agenda = new Agenda();
  let ids = 0;
  const start = (step: Step, at: number): void => agenda.push({ t: at, id: ids++, step });

  const port = (c: Client): number => {
    const p = c.nextPort;
    c.nextPort += 1 + rng.int(3);
    if (c.nextPort > 65535) c.nextPort = 49152;
    return p;
  };
  const toGw = (c: Client, v6: boolean, dst: number | Uint8Array): Endpoints => ({
    srcMac: c.mac,
    dstMac: GATEWAY_MAC,
    src: v6 ? (c.v6 as Uint8Array) : c.v4,
    dst,
  });
  const fromGw = (c: Client, v6: boolean, src: number | Uint8Array): Endpoints => ({
    srcMac: GATEWAY_MAC,
    dstMac: c.mac,
    src,
    dst: v6 ? (c.v6 as Uint8Array) : c.v4,
  });

  /** DNS lookups of the site's A (and AAAA) records unless cached. */
  function* lookup(c: Client, site: Site, v6: boolean): Step {
    const until = c.dnsCache.get(site.host);
    if (until !== undefined && until > now) return;
    const qs = v6 ? [DNS_A, DNS_AAAA] : [DNS_A];
    const asked = qs.map((qtype) => ({ qtype, id: rng.int(65536), port: port(c) }));
    for (const q of asked)
      clock.out(
        udpFrame(toGw(c, false, RESOLVER), rng.int(65536), q.port, 53, dnsQuery(q.id, site.host, q.qtype)),
      );
    yield rng.range(2_000, 40_000);
    const ttl = rng.pick([60, 300, 3600]);
    for (const q of asked) {
      const addrs =
        q.qtype === DNS_A
          ? [new Uint8Array([site.v4 >>> 24, (site.v4 >>> 16) & 255, (site.v4 >>> 8) & 255, site.v4 & 255])]
          : [site.v6 as Uint8Array];
      const answer = dnsAnswer(q.id, site.host, q.qtype, { cname: site.cname, addrs, ttl });
      clock.out(udpFrame(fromGw(c, false, RESOLVER), rng.int(65536), 53, q.port, answer));
    }
    c.dnsCache.set(site.host, now + ttl * 1e6);
    yield rng.range(100, 1_500);
  }

  /** A lookup of a mistyped name that does not exist. */
  function* typo(c: Client): Step {
    const name = `${rng.pick(['wwww', 'ww', 'shpo', 'ap1'])}.${rng.pick(['exmaple.com', 'example.cmo', 'examlpe.net'])}`;
    const id = rng.int(65536);
    const p = port(c);
    clock.out(udpFrame(toGw(c, false, RESOLVER), rng.int(65536), p, 53, dnsQuery(id, name, DNS_A)));
    yield rng.range(5_000, 60_000);
    clock.out(udpFrame(fromGw(c, false, RESOLVER), rng.int(65536), 53, p, dnsNxdomain(id, name, DNS_A)));
  }

  function* connection(c: Client, site: Site, tls: boolean, tls13: boolean): Step {
    const v6 = c.v6 !== null && site.v6 !== null;
    yield* lookup(c, site, v6);
    const server = v6 ? (site.v6 as Uint8Array) : site.v4;
    const sport = tls ? 443 : rng.chance(0.1) ? 8080 : 80;
    const rtt = rng.range(8_000, 90_000);
    const tcp = new TcpConnection(
      clock,
      rng,
      toGw(c, v6, server),
      fromGw(c, v6, server),
      port(c),
      sport,
      rtt,
      opts.loss,
    );
    yield* tcp.handshake();
    const overhead = tls13 ? 17 : 24;
    if (tls) {
      yield* tcp.clientSend(clientHello(rng, site.host));
      yield rtt;
      if (tls13) {
        yield* tcp.serverSend(serverFlight13(rng));
        yield 300;
        yield* tcp.clientSend(clientFinish13(rng));
      } else {
        const ticket = rng.chance(0.5);
        yield* tcp.serverSend(serverFlight12(rng, ticket));
        yield 400;
        yield* tcp.clientSend(clientFinish12(rng));
        yield rtt;
        yield* tcp.serverSend(serverFinish12(rng, ticket));
      }
    }
    const n = 1 + rng.int(5);
    let serverClosed = false;
    for (let i = 0; i < n; i++) {
      const ex = makeExchange(rng, site, httpDate(now), i === n - 1, c.ua);
      yield* tcp.clientSend(tls ? appData(rng, ex.request.length, overhead) : ex.request);
      const think = rng.range(200, 120_000);
      if (think > 40_000) {
        yield rtt;
        tcp.serverAck();
        yield think;
      } else {
        yield rtt + think;
      }
      let response = tls ? appData(rng, ex.response.length, overhead) : ex.response;
      if (tls13 && i === 0) response = concat([appData(rng, 240, 17), appData(rng, 240, 17), response]);
      serverClosed = ex.close && !tls;
      yield* tcp.serverSend(response, serverClosed);
      if (serverClosed) break;
      if (rng.chance(0.08)) {
        yield rng.range(1_000, 50_000);
        tcp.windowUpdate();
      }
      if (i < n - 1) yield rng.range(1_000, 400_000);
    }
    if (!serverClosed && rng.chance(0.04)) {
      yield rng.range(10_000, 2_000_000);
      tcp.clientReset();
      return;
    }
    yield rng.range(50_000, 3_000_000);
    if (tls && !serverClosed) {
      yield* tcp.clientSend(tls13 ? appData(rng, 2, 17) : encryptedAlert(rng, 24));
    }
    yield* tcp.clientClose(serverClosed);
  }

  function* spawner(): Step {
    for (let i = 0; i < opts.connections; i++) {
      const c = rng.pick(clients);
      if (rng.chance(0.02)) start(typo(c), now);
      const tls = rng.chance(0.55);
      start(connection(c, rng.pick(sites), tls, tls && rng.chance(0.5)), now);
      // Exponential inter-arrival times, mean 15 ms.
      yield Math.max(1, Math.round(-Math.log(1 - rng.next()) * 15_000));
    }
  }

  start(spawner(), now);
  while (agenda.size > 0) {
    const task = agenda.pop();
    if (task.t > now) now = task.t;
    const r = task.step.next();
    if (!r.done) {
      task.t = now + Math.round(r.value);
      agenda.push(task);
    }
  }
}

/** Writes the web-traffic capture to `path`. */
export function writeWebCapture(path: string, opts: WebOptions): { bytes: number; packets: number } {
  return writeCapture(path, opts.format, 65535, (emit) => synthesizeWeb(opts, emit));
}

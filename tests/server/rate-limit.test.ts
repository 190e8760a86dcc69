import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, rateLimitKey } from '../../src/server/client-address';
import { TokenBucketLimiter } from '../../src/server/rate-limit';
import { makeTempRoot, randomPayload, removeTempRoot, send, startServer, type TestServer } from './helpers';

describe('token bucket', () => {
  it('allows a burst, then refills at the configured rate', () => {
    const limiter = new TokenBucketLimiter(60); // one per second, burst 60
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('a', t0).allowed).toBe(true);
    const denied = limiter.take('a', t0);
    expect(denied).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', t0).allowed).toBe(true); // other clients are unaffected
    expect(limiter.take('a', t0 + 500).allowed).toBe(false);
    expect(limiter.take('a', t0 + 1000).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1000).allowed).toBe(false);
  });

  it('reports how long to wait', () => {
    const limiter = new TokenBucketLimiter(2, 1); // one token every 30 s
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limiter.take('a', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('is disabled at 0 and forgets idle clients', () => {
    const off = new TokenBucketLimiter(0);
    for (let i = 0; i < 1000; i++) expect(off.take('a').allowed).toBe(true);
    const limiter = new TokenBucketLimiter(60, 60, 10);
    for (let i = 0; i < 25; i++) limiter.take(`client-${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(10);
    limiter.take('late', 10 * 60_000);
    expect(limiter.size).toBe(1);
  });
});

describe('client address', () => {
  it('groups IPv6 by /64 and unmaps IPv4', () => {
    expect(rateLimitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitKey('::FFFF:cb00:7109')).toBe('203.0.113.9');
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey(undefined)).toBe('unknown');
  });

  it('trusts X-Forwarded-For only when told to, and only its last entry', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.7', false)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.7', true)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', ['1.1.1.1', '198.51.100.8'], true)).toBe('198.51.100.8');
    expect(clientAddress('10.0.0.1', undefined, true)).toBe('10.0.0.1');
  });
});

describe('rate limiting on the server', () => {
  let srv: TestServer | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await srv?.stop();
    if (root) await removeTempRoot(root);
  });

  it('answers 429 with Retry-After once a client exceeds its request budget', async () => {
    const dirs = await makeTempRoot();
    root = dirs.root;
    srv = await startServer(dirs, { requestsPerMinute: 5 });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await send(srv.port, { path: '/' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(last?.headers['content-security-policy']).toBeDefined();
  });

  it('limits uploads separately from other requests', async () => {
    const dirs = await makeTempRoot();
    root = dirs.root;
    srv = await startServer(dirs, { uploadsPerMinute: 2, requestsPerMinute: 600 });
    const post = () =>
      send(srv!.port, {
        method: 'POST',
        path: '/api/captures',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: randomPayload(100),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBe(30);
    expect((await send(srv.port, { path: '/api/config' })).status).toBe(200);
  });

  it('keys clients by X-Forwarded-For behind a trusted proxy', async () => {
    const dirs = await makeTempRoot();
    root = dirs.root;
    srv = await startServer(dirs, { requestsPerMinute: 2, trustProxy: true });
    const from = (ip: string) =>
      send(srv!.port, { path: '/', headers: { 'X-Forwarded-For': `6.6.6.6, ${ip}` } });
    expect([(await from('198.51.100.1')).status, (await from('198.51.100.1')).status]).toEqual([200, 200]);
    expect((await from('198.51.100.1')).status).toBe(429);
    expect((await from('198.51.100.2')).status).toBe(200);
  });
});

/**
 * A tiny test runner for the end-to-end tests: builds the app, serves dist/ on 127.0.0.1,
 * drives Debian's Chromium with playwright-core, fails a test on any console error.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(ROOT, 'test-results');
export const CAPTURES = '/work/shared/captures';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function build() {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed with status ${r.status}`);
}

/** Serves dist/ (and extra files by absolute path under /__file/ for fetch-based tests). */
export function serve(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file;
    if (url.pathname.startsWith('/__file/')) {
      file = normalize(decodeURIComponent(url.pathname.slice('/__file'.length)));
      if (!file.startsWith(CAPTURES) && !file.startsWith(RESULTS)) file = '';
    } else {
      file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) file = '';
      if (file && (!existsSync(file) || statSync(file).isDirectory())) file = join(root, 'index.html');
    }
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs tests in order, each in a fresh browser context; prints "N passed, M failed". */
export async function runTests(tests, { baseUrl, browser, only }) {
  mkdirSync(RESULTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const t0 = Date.now();
    try {
      await withTimeout(t.fn({ page, context, baseUrl }), t.timeout ?? 60_000, t.name);
      if (consoleErrors.length > 0) throw new Error(`console errors:\n  ${consoleErrors.join('\n  ')}`);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `FAIL ${t.name} (${Date.now() - t0} ms)\n     ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 6)
          .join('\n     ')}`,
      );
      await page.screenshot({ path: join(RESULTS, `FAIL-${slug(t.name)}.png`) }).catch(() => undefined);
    } finally {
      await context.close();
    }
  }
  return { passed, failed };
}

function withTimeout(p, ms, name) {
  let timer;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
    }),
  ]);
}

export function slug(s) {
  return s
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

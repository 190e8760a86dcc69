/**
 * End-to-end tests of share links against the REAL share server (src/server, bundled here with
 * esbuild as scripts/start.mjs does) serving the built app: upload from one browser context, open
 * in a fresh one, check the view, read what the server stored, delete; plus the error paths and
 * a static deployment (the harness's plain file server, which has no /api/config).
 */
import { build as esbuild } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPTURES, ROOT, assert, assertEqual, serve } from './harness.mjs';
import { applyFilter, counts, openFile, shot, waitApplied, waitLoaded } from './app.mjs';

const cap = (name) => join(CAPTURES, name);
const packetCount = (name) =>
  readFileSync(join(CAPTURES, 'oracle', name, 'columns.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean).length;

const WRONG_KEY = "The link's key does not open this capture";
const NO_KEY = 'The link has no key';
const NOT_FOUND = 'This shared capture does not exist or has expired.';

/**
 * Bundles the share server and starts it on 127.0.0.1 (any free port) over `distDir`, with a
 * fresh data directory. Request rate limiting is off so page loads in quick succession never
 * trip it; everything else is the default configuration.
 */
export async function startShareServer(distDir) {
  const work = mkdtempSync(join(tmpdir(), 'wirelight-share-e2e-'));
  const bundle = join(work, 'server.mjs');
  await esbuild({
    stdin: {
      contents:
        "export { createServer } from './src/server/create-server.ts';\nexport { loadConfig } from './src/server/config.ts';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const { createServer, loadConfig } = await import(pathToFileURL(bundle).href);
  const dataDir = join(work, 'data');
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    WIRELIGHT_DATA_DIR: dataDir,
    WIRELIGHT_DIST_DIR: distDir,
    WIRELIGHT_RATE_REQUESTS_PER_MIN: '0',
  });
  if (!config.ok) throw new Error(`share server config: ${config.error.join('; ')}`);
  const logs = [];
  const server = createServer(config.value, (m) => logs.push(m));
  const { port } = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir,
    distDir,
    logs,
    async close() {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A second, fresh browser context (no storage shared with the first) that records console errors. */
async function freshPage(context) {
  const other = await context.browser().newContext({ viewport: { width: 1400, height: 900 } });
  const page = await other.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors, close: () => other.close() };
}

async function followContent(page) {
  await page.waitForFunction(
    () => (document.querySelector('[aria-label="Stream content"]')?.textContent ?? '') !== '',
  );
  return page.getByLabel('Stream content').textContent();
}

/** Clicks Share (in `scope`), confirms the upload and returns the link shown. */
async function shareByUpload(page, scope) {
  await scope.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share capture' });
  await dialog.getByRole('button', { name: 'Encrypt and upload' }).waitFor();
  await dialog.getByRole('button', { name: 'Encrypt and upload' }).click();
  const box = dialog.getByRole('textbox', { name: 'Share link' });
  await box.waitFor({ timeout: 30_000 });
  return { dialog, link: await box.inputValue() };
}

/** Every 16-byte window of `plain` that occurs anywhere in `stored` (there should be none). */
function sharedWindows(plain, stored) {
  const W = 16;
  const windows = new Set();
  for (let i = 0; i + W <= plain.length; i++) windows.add(plain.toString('latin1', i, i + W));
  const found = [];
  for (let i = 0; i + W <= stored.length && found.length < 5; i++) {
    if (windows.has(stored.toString('latin1', i, i + W))) found.push(i);
  }
  return found;
}

/** The share tests; `server` is what startShareServer returned (baseUrl is its url). */
export function shareTests(server) {
  return [
    {
      name: 'share: a link opens the same capture and view in a fresh browser; the server stores only ciphertext',
      timeout: 120_000,
      fn: async ({ page, context, baseUrl }) => {
        await page.goto(baseUrl);
        const n = packetCount('http-basic');
        await openFile(page, cap('http-basic.pcap'), n);
        await applyFilter(page, 'http.request');
        await page.locator('[role="row"][aria-rowindex="3"]').click();
        const selected = await page.locator('[role="row"][aria-selected="true"]').getAttribute('id');
        assert(/^pkt-row-\d+$/.test(selected ?? ''), `selected row id ${selected}`);
        await page.keyboard.press('Control+Alt+Shift+KeyT');
        const follow = page.getByRole('dialog', { name: 'Follow TCP Stream' });
        await follow.waitFor();
        await follow.getByLabel('Direction').selectOption('c2s');
        const filter = await page.getByRole('textbox', { name: 'Display filter' }).inputValue();
        assert(/^tcp\.stream eq \d+$/.test(filter), `filter after Follow: ${filter}`);
        await waitApplied(page, filter);
        const followText = await followContent(page);
        assert(followText.startsWith('GET '), `followed stream starts with ${followText.slice(0, 20)}`);
        await follow.getByRole('button', { name: 'Share', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Share capture' });
        await dialog.getByText(/encrypted in your browser/).waitFor();
        await dialog.getByText(/Browsers never send that part to servers/).waitFor();
        await dialog.getByText(/after 30 days/).waitFor();
        await shot(page, 'share-confirm');
        await dialog.getByRole('button', { name: 'Encrypt and upload' }).click();
        const box = dialog.getByRole('textbox', { name: 'Share link' });
        await box.waitFor({ timeout: 30_000 });
        const link = await box.inputValue();
        const m = /^http:\/\/127\.0\.0\.1:\d+\/s\/([0-9a-f]{32})#k=([A-Za-z0-9_-]{43})&(.*)$/.exec(link);
        assert(m, `share link ${link}`);
        const [, id, key, rest] = m;
        const frame = selected.replace('pkt-row-', '');
        const stream = filter.replace('tcp.stream eq ', '');
        assertEqual(
          rest,
          `f=tcp.stream%20eq%20${stream}&p=${frame}&follow=tcp:${stream}:c2s`,
          'view part of the link',
        );
        await dialog.getByRole('button', { name: 'Copy' }).click();
        await dialog.getByText('Link copied.').waitFor();
        assertEqual(await page.evaluate(() => navigator.clipboard.readText()), link, 'clipboard');
        await shot(page, 'share-link');

        // What the server stored: the ciphertext, nothing readable.
        const plain = readFileSync(cap('http-basic.pcap'));
        const stored = readFileSync(join(server.dataDir, `${id}.bin`));
        const records = Math.max(1, Math.ceil(plain.length / (1 << 20)));
        assertEqual(stored.length, 12 + plain.length + 16 * records, 'stored size (nonce + data + tags)');
        for (const magic of ['d4c3b2a1', 'a1b2c3d4', '4d3cb2a1', 'a1b23c4d', '0a0d0d0a']) {
          assertEqual(
            stored.indexOf(Buffer.from(magic, 'hex')),
            -1,
            `capture magic ${magic} in the stored file`,
          );
        }
        assertEqual(stored.indexOf('HTTP/1.1'), -1, '"HTTP/1.1" in the stored file');
        assertEqual(stored.indexOf(key), -1, 'key in the stored file');
        const leaks = sharedWindows(plain, stored);
        assertEqual(
          leaks.length,
          0,
          `16-byte windows of the pcap in the stored file (at ${leaks.join(', ')})`,
        );
        for (const f of readdirSync(server.dataDir)) {
          assert(!readFileSync(join(server.dataDir, f)).includes(key), `key found in ${f}`);
        }

        // A fresh browser (no storage, no cache) opens the link.
        const b = await freshPage(context);
        try {
          await b.page.goto(link);
          await waitLoaded(b.page, n);
          await waitApplied(b.page, filter);
          assertEqual(
            await b.page.getByRole('textbox', { name: 'Display filter' }).inputValue(),
            filter,
            'filter in the second browser',
          );
          assertEqual((await counts(b.page)).displayed, (await counts(page)).displayed, 'displayed packets');
          await b.page.waitForFunction(
            (want) => document.querySelector('[role="row"][aria-selected="true"]')?.id === want,
            selected,
          );
          const followB = b.page.getByRole('dialog', { name: 'Follow TCP Stream' });
          await followB.waitFor();
          assertEqual(await followB.getByLabel('Direction').inputValue(), 'c2s', 'follow direction');
          assertEqual(await followContent(b.page), followText, 'Follow stream content');
          assertEqual(
            await b.page.locator('.status-file').textContent(),
            `Shared capture ${id.slice(0, 8)}`,
            'name',
          );
          await shot(b.page, 'share-opened-in-second-browser');
          // The recipient may share the view on: the same upload, no new one, no Delete.
          await followB.getByRole('button', { name: 'Share', exact: true }).click();
          const again = b.page.getByRole('dialog', { name: 'Share capture' });
          const again$ = await again.getByRole('textbox', { name: 'Share link' }).inputValue();
          assert(again$.startsWith(`${baseUrl}s/${id}#k=${key}&`), `re-shared link ${again$}`);
          assertEqual(
            await again.getByRole('button', { name: /^Delete/ }).count(),
            0,
            'no Delete for others',
          );
          await again.getByRole('button', { name: 'Done' }).click();
          assertEqual(b.errors.length, 0, `console errors in the second browser: ${b.errors.join(' | ')}`);
        } finally {
          await b.close();
        }

        // The uploader deletes it; the link stops working.
        await dialog.getByRole('button', { name: 'Delete from server…' }).click();
        await dialog.getByRole('button', { name: 'Delete now' }).click();
        await dialog.getByText(/was deleted from the server/).waitFor();
        assert(!existsSync(join(server.dataDir, `${id}.bin`)), 'stored file removed');
        await shot(page, 'share-deleted');
        await dialog.getByRole('button', { name: 'Close' }).click();
        assertEqual(await dialog.count(), 0, 'share dialog closed');
      },
    },
    {
      name: 'share: wrong, damaged or missing keys and unknown ids give clear messages',
      timeout: 120_000,
      fn: async ({ page, context, baseUrl }) => {
        await page.goto(baseUrl);
        await openFile(page, cap('dns.pcap'), packetCount('dns'));
        const { link } = await shareByUpload(page, page.getByRole('banner'));
        const m = /\/s\/([0-9a-f]{32})#k=([A-Za-z0-9_-]{43})(.*)$/.exec(link);
        assert(m, `share link ${link}`);
        const [, id, key, rest] = m;
        const otherKey = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
        const b = await freshPage(context);
        try {
          const cases = [
            [`${baseUrl}s/${id}#k=${otherKey}${rest}`, WRONG_KEY],
            [`${baseUrl}s/${id}#k=${key.slice(0, 30)}${rest}`, WRONG_KEY],
            [`${baseUrl}s/${id}${rest.replace(/^&/, '#')}`, NO_KEY],
            [`${baseUrl}s/${'0'.repeat(32)}#k=${key}`, NOT_FOUND],
            [`${baseUrl}s/not-an-id#k=${key}`, NOT_FOUND],
          ];
          for (const [url, message] of cases) {
            // Only the fragment differs between some cases: leave first so each is a real load.
            await b.page.goto('about:blank');
            await b.page.goto(url);
            await b.page.getByRole('status').filter({ hasText: message }).waitFor({ timeout: 20_000 });
            assertEqual(
              await b.page.locator('.status-file').textContent(),
              'No capture open',
              `nothing opened by ${url}`,
            );
            assertEqual(
              await b.page.getByRole('button', { name: 'Share', exact: true }).isDisabled(),
              true,
              'Share disabled without a capture',
            );
          }
          await shot(b.page, 'share-not-found');
          await b.page.goto('about:blank');
          await b.page.goto(`${baseUrl}s/${id}#k=${otherKey}`);
          await b.page.getByRole('status').filter({ hasText: WRONG_KEY }).waitFor();
          await shot(b.page, 'share-wrong-key');
          // Opening a local file instead leaves the share route: a reload must not bring the share back.
          await openFile(b.page, cap('icmp.pcapng'), packetCount('icmp'));
          await b.page.waitForFunction(() => location.pathname === '/');
          // The right key still opens it afterwards in the same tab.
          await b.page.goto('about:blank');
          await b.page.goto(link);
          await waitLoaded(b.page, packetCount('dns'));
          assertEqual(b.errors.length, 0, `console errors: ${b.errors.join(' | ')}`);
        } finally {
          await b.close();
        }
      },
    },
    {
      name: 'share: upload progress; size limit, rate limit and network failures are explained',
      timeout: 120_000,
      fn: async ({ page, context, baseUrl }) => {
        // Progress: a 1.8 MB capture over a throttled uplink.
        await page.goto(baseUrl);
        await openFile(page, cap('http-loss.pcap'), packetCount('http-loss'));
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: 600 * 1024,
        });
        await page.getByRole('banner').getByRole('button', { name: 'Share', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Share capture' });
        await dialog.getByRole('button', { name: 'Encrypt and upload' }).click();
        const bar = dialog.getByRole('progressbar', { name: 'Uploading' });
        await page.waitForFunction(() => {
          const p = document.querySelector('progress[aria-label="Uploading"]');
          return p !== null && p.value > 0 && p.value < p.max;
        });
        const max = Number(await bar.getAttribute('max'));
        assertEqual(max, 12 + readFileSync(cap('http-loss.pcap')).length + 16 * 2, 'bytes to upload');
        await shot(page, 'share-uploading');
        await dialog.getByRole('textbox', { name: 'Share link' }).waitFor({ timeout: 60_000 });
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
        await dialog.getByRole('button', { name: 'Done' }).click();

        // Refusals, in a context of their own: Chromium logs 4xx answers as console errors.
        const b = await freshPage(context);
        try {
          const config = await (await fetch(`${baseUrl}api/config`)).json();
          await b.page.route('**/api/config', (route) =>
            route.fulfill({ json: { ...config, maxUploadBytes: 50_000 } }),
          );
          await b.page.goto(baseUrl);
          await openFile(b.page, cap('http-basic.pcap'), packetCount('http-basic'));
          const share = b.page.getByRole('banner').getByRole('button', { name: 'Share', exact: true });
          await share.click();
          const d = b.page.getByRole('dialog', { name: 'Share capture' });
          await d
            .getByRole('alert')
            .filter({
              hasText: /too large to share here.*encrypted it is 320 KB, and this server accepts up to 49 KB/,
            })
            .waitFor();
          assertEqual(
            await d.getByRole('button', { name: 'Encrypt and upload' }).isDisabled(),
            true,
            'upload disabled',
          );
          await shot(b.page, 'share-too-large');
          assert(
            await d.evaluate((el) => el.contains(document.activeElement)),
            'focus inside the dialog when its main button is disabled',
          );
          await d.getByRole('button', { name: 'Cancel' }).click();

          await b.page.unroute('**/api/config');
          await b.page.goto('about:blank');
          await b.page.route('**/api/captures', (route) =>
            route.fulfill({
              status: 429,
              headers: { 'Retry-After': '42' },
              json: { error: 'Too many uploads' },
            }),
          );
          await b.page.goto(baseUrl);
          await openFile(b.page, cap('dns.pcap'), packetCount('dns'));
          await share.click();
          await d.getByRole('button', { name: 'Encrypt and upload' }).click();
          await d.getByRole('alert').filter({ hasText: 'Try again in 42 seconds.' }).waitFor();
          await shot(b.page, 'share-rate-limited');
          await d.getByRole('button', { name: 'Back' }).click();
          await b.page.unroute('**/api/captures');
          await b.page.route('**/api/captures', (route) => route.abort('connectionreset'));
          await d.getByRole('button', { name: 'Encrypt and upload' }).click();
          await d
            .getByRole('alert')
            .filter({ hasText: /^The upload failed: the server could not be reached/ })
            .waitFor();
          await d.getByRole('button', { name: 'Close' }).click();
          const unexpected = b.errors.filter(
            (e) =>
              !/Failed to load resource: (the server responded with a status of 429|net::ERR_CONNECTION_RESET)/.test(
                e,
              ),
          );
          assertEqual(unexpected.length, 0, `console errors: ${unexpected.join(' | ')}`);
        } finally {
          await b.close();
        }
      },
    },
    {
      name: 'share: without a share server, only captures opened from an address get a (view) link',
      timeout: 90_000,
      fn: async ({ page }) => {
        // The harness's static file server: no /api/config (it answers index.html), like a CDN.
        const statics = await serve(server.distDir);
        const base = `http://127.0.0.1:${statics.address().port}/`;
        try {
          await page.goto(base);
          await openFile(page, cap('dns.pcap'), packetCount('dns'));
          await page.getByRole('banner').getByRole('button', { name: 'Share', exact: true }).click();
          const dialog = page.getByRole('dialog', { name: 'Share capture' });
          await dialog.getByText(/needs a hosted Wirelight instance/).waitFor();
          assertEqual(
            await dialog.getByRole('textbox', { name: 'Share link' }).count(),
            0,
            'no link for a local file',
          );
          await shot(page, 'share-static-local-file');
          await page.keyboard.press('Escape');
          assertEqual(await dialog.count(), 0, 'Escape closes the dialog');

          const address = `${base}__file${cap('http-basic.pcap')}`;
          await page.goto(`${base}?url=${encodeURIComponent(address)}`);
          await waitLoaded(page, packetCount('http-basic'));
          await applyFilter(page, 'tcp.port == 80');
          await page.getByRole('banner').getByRole('button', { name: 'Share', exact: true }).click();
          const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
          assertEqual(link, `${base}#f=tcp.port%20%3D%3D%2080&url=${address}`, 'view link');
          await shot(page, 'share-static-view-link');
          const b = await page.context().newPage();
          await b.goto(link);
          await waitLoaded(b, packetCount('http-basic'));
          await waitApplied(b, 'tcp.port == 80');
          assertEqual(
            (await counts(b)).displayed,
            (await counts(page)).displayed,
            'displayed via the view link',
          );
          await b.close();
        } finally {
          statics.close();
        }
      },
    },
  ];
}

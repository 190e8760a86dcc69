/**
 * node tests/e2e/stats-timing.mjs [--no-build] [capture] — not part of npm test.
 * Opens the benchmark's 1M-packet capture in headless Chromium and times, from the menu click
 * to the chart drawn: the I/O graph, and a TCP stream graph (Stevens) of the stream of the
 * selected packet. Prints the figures (ms) and saves screenshots to tests/e2e/screenshots/.
 */
import { join } from 'node:path';
import { ROOT, build, launch, serve } from './harness.mjs';
import { waitLoaded } from './app.mjs';

const args = process.argv.slice(2);
const capture = args.find((a) => !a.startsWith('--')) ?? join(ROOT, 'bench-out/synth-1m-headers.pcap');
const SHOTS = join(ROOT, 'tests/e2e/screenshots');

if (!args.includes('--no-build')) build();
const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const t0 = Date.now();
  await page.getByLabel('Open capture').setInputFiles(capture);
  await page.getByRole('progressbar', { name: 'Loading capture' }).waitFor({ timeout: 30_000 });
  await waitLoaded(page);
  console.log(`load: ${Date.now() - t0} ms`);

  // I/O graph: click → the chart's lines are drawn.
  await page.getByRole('button', { name: /^Statistics/ }).click();
  let t = Date.now();
  await page.getByRole('menuitem', { name: 'I/O Graph', exact: true }).click();
  const io = page.getByRole('dialog', { name: 'I/O Graph' });
  await io.locator('.io-chart path.recharts-curve').first().waitFor({ timeout: 120_000 });
  const ioMs = Date.now() - t;
  const points = await io.getByRole('group', { name: 'I/O graph chart' }).getAttribute('data-points');
  console.log(`I/O graph: ${ioMs} ms (${points} points)`);
  await page.screenshot({ path: join(SHOTS, 'timing-io-graph-1m.png') });
  await io.getByRole('button', { name: 'Close' }).click();

  // A TCP stream graph of the first TCP packet's stream.
  const box = page.getByRole('textbox', { name: 'Packet number' });
  if (await box.count()) {
    await page.keyboard.press('Control+g');
    await box.fill('1');
    await box.press('Enter');
  }
  await page.getByRole('button', { name: /^Statistics/ }).click();
  await page.getByRole('menuitem', { name: 'TCP Stream Graphs' }).hover();
  t = Date.now();
  await page
    .getByRole('menu', { name: 'TCP Stream Graphs' })
    .getByRole('menuitem', { name: 'Time Sequence (Stevens)' })
    .click();
  const g = page.getByRole('dialog', { name: 'TCP Stream Graph' });
  await g.getByRole('list', { name: 'Series' }).waitFor({ timeout: 120_000 });
  await g.locator('svg path').first().waitFor({ timeout: 120_000 });
  const tcpMs = Date.now() - t;
  const legend = await g.getByRole('list', { name: 'Series' }).textContent();
  console.log(`TCP stream graph (Stevens): ${tcpMs} ms (${legend?.replace(/\s+/g, ' ').trim()})`);
  await page.screenshot({ path: join(SHOTS, 'timing-stevens-1m.png') });
} finally {
  await browser.close();
  server.close();
}

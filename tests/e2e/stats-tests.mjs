/**
 * End-to-end tests of the Statistics and Analyze menus: the numbers the tables, the I/O graph
 * and the TCP stream graphs show (read from the DOM: cell values, legend counts, the subpaths
 * the charts draw) against tshark's oracle (`-z` reports, fields.tsv, filters.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURES, ROOT, assert, assertEqual, slug } from './harness.mjs';
import { openFile, waitApplied, waitLoaded } from './app.mjs';

/** Screenshots of the statistics views are kept in the repository (looked at, diffed in review). */
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${slug(name)}.png`) });
}

const cap = (name) => join(CAPTURES, name);
const FILES = {
  'http-basic': 'http-basic.pcap',
  'http-loss': 'http-loss.pcap',
  'iperf-loss': 'iperf-loss.pcap',
  dns: 'dns.pcap',
};
/** Every capture of the corpus, by oracle name. */
const ALL = Object.fromEntries(
  readdirSync(CAPTURES)
    .filter(
      (f) => /\.pcap(ng)?$/.test(f) && existsSync(join(CAPTURES, 'oracle', f.replace(/\.pcap(ng)?$/, ''))),
    )
    .map((f) => [f.replace(/\.pcap(ng)?$/, ''), f]),
);
Object.assign(FILES, ALL);
/** tshark's statistics; without decryption (stats.nokeys) where the capture has a key log. */
const stat = (name, file) => {
  const nokeys = join(CAPTURES, 'oracle', name, 'stats.nokeys', file);
  return readFileSync(existsSync(nokeys) ? nokeys : join(CAPTURES, 'oracle', name, 'stats', file), 'utf8');
};
const filters = (name) => JSON.parse(readFileSync(join(CAPTURES, 'oracle', name, 'filters.json'), 'utf8'));

function fieldsTsv(name) {
  const lines = readFileSync(join(CAPTURES, 'oracle', name, 'fields.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const header = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const r = {};
    header.forEach((h, i) => (r[h] = cells[i] ?? ''));
    return r;
  });
}

/** wsutil's format_size as tshark's conversation tables print byte counts ("290 kB", "2004 bytes"). */
function formatSize(n) {
  for (const [p, name] of [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]) {
    if (Math.floor(n / p) > 9) return `${Math.floor(n / p)} ${name}B`;
  }
  return `${n} bytes`;
}

/** Rows of a `-z conv,X` report: A, B, frames/bytes B→A ("<-"), A→B ("->"), total, start, duration. */
function oracleConversations(text) {
  const size = '(\\d+ (?:bytes|[kMGTP]B))';
  const re = new RegExp(
    `^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+) ${size}\\s+(\\d+) ${size}\\s+(\\d+) ${size}\\s+(\\S+)\\s+(\\S+)\\s*$`,
  );
  return text
    .split('\n')
    .map((l) => re.exec(l))
    .filter(Boolean)
    .map((m) => ({
      a: m[1],
      b: m[2],
      framesBtoA: Number(m[3]),
      bytesBtoA: m[4],
      framesAtoB: Number(m[5]),
      bytesAtoB: m[6],
      frames: Number(m[7]),
      bytes: m[8],
      start: m[9],
      duration: m[10],
    }));
}

/** The data values of every row of a statistics table (`data-col` → `data-value`). */
async function tableRows(table) {
  return table.evaluate((t) =>
    [...t.querySelectorAll('tbody tr[aria-rowindex]')].map((tr) => {
      const r = {};
      for (const td of tr.querySelectorAll('td')) r[td.dataset.col] = td.dataset.value;
      r.depth = tr.dataset.depth;
      return r;
    }),
  );
}

async function openStatistics(page, item) {
  await page.getByRole('button', { name: /^Statistics/ }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

async function openTcpGraphMenu(page, item) {
  await page.getByRole('button', { name: /^Statistics/ }).click();
  await page.getByRole('menuitem', { name: 'TCP Stream Graphs' }).hover();
  await page.getByRole('menu', { name: 'TCP Stream Graphs' }).getByRole('menuitem', { name: item }).click();
}

async function goTo(page, frame) {
  await page.keyboard.press('Control+g');
  const box = page.getByRole('textbox', { name: 'Packet number' });
  await box.fill(String(frame));
  await box.press('Enter');
  await waitHashFrame(page, frame);
}

async function waitHashFrame(page, frame) {
  await page.waitForFunction((f) => new RegExp(`[#&]p=${f}(&|$)`).test(location.hash), frame, {
    timeout: 10_000,
  });
}

/** Frame number the link says is selected, once it is another than `before`. */
async function selectedFrame(page, before) {
  await page.waitForFunction(
    (b) => {
      const m = /[#&]p=(\d+)/.exec(location.hash);
      return m && Number(m[1]) !== b;
    },
    before,
    { timeout: 10_000 },
  );
  return Number(/[#&]p=(\d+)/.exec(await page.evaluate(() => location.hash))[1]);
}

/** The legend's counts of a TCP graph: {series: {total, inRange, drawn}}. */
async function legend(dialog) {
  const items = await dialog
    .getByRole('list', { name: 'Series' })
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.dataset.series,
        {
          total: Number(li.dataset.total),
          inRange: Number(li.dataset.inRange),
          drawn: Number(li.dataset.drawn),
        },
      ]),
    );
  return Object.fromEntries(items);
}

/** Subpaths ("M" commands) of a series' SVG path: one per dot or bar drawn. */
async function drawnMarks(dialog, id) {
  const d = await dialog.locator(`.series-${id} path`).first().getAttribute('d');
  return (d?.match(/M/g) ?? []).length;
}

/** The first point a series draws, in page pixels. */
async function firstMark(dialog, id) {
  const svg = dialog.locator('.zoom-chart svg').first();
  const box = await svg.boundingBox();
  const d = await dialog.locator(`.series-${id} path`).first().getAttribute('d');
  const m = /M\s*([-\d.e]+)[ ,]([-\d.e]+)/.exec(d ?? '');
  assert(m && box, `no drawn point in series ${id}`);
  return { x: box.x + Number(m[1]), y: box.y + Number(m[2]) };
}

/**
 * What the oracle says a stream's graphs hold, for data sent by `sender` ("addr:port"):
 * data segments, retransmissions, the receiver's ACKs, SACK blocks, RTT samples, window
 * advertisements and the sender's bytes-in-flight samples.
 */
function expectedGraph(name, stream, sender) {
  const rows = fieldsTsv(name).filter((r) => r['tcp.stream'] === String(stream));
  const retrans = new Set(filters(name)['tcp.analysis.retransmission']);
  const key = (r) => `${r['ip.src'] || `[${r['ipv6.src']}]`}:${r['tcp.srcport']}`;
  const mine = rows.filter((r) => key(r) === sender);
  const theirs = rows.filter((r) => key(r) !== sender);
  const data = mine.filter((r) => Number(r['tcp.len']) > 0);
  const acks = theirs.filter((r) => r['tcp.flags.ack'] === '1' || r['tcp.flags.ack'] === 'True');
  return {
    segments: data.length,
    retransmissions: data.filter((r) => retrans.has(Number(r['frame.number']))).length,
    retransFrames: new Set(
      data.filter((r) => retrans.has(Number(r['frame.number']))).map((r) => Number(r['frame.number'])),
    ),
    acks: acks.length,
    sacks: acks.reduce(
      (n, r) => n + (r['tcp.options.sack_le'] ? r['tcp.options.sack_le'].split(',').length : 0),
      0,
    ),
    rtt: theirs.filter((r) => Number(r['tcp.analysis.ack_rtt']) > 0).length,
    rwnd: theirs.filter((r) => r['tcp.window_size'] !== '').length,
    inflight: mine.filter((r) => Number(r['tcp.analysis.bytes_in_flight']) > 0).length,
    firstFrame: Number(rows[0]['frame.number']),
    busier: (() => {
      const a = key(rows[0]);
      const aData = rows.filter((r) => key(r) === a && Number(r['tcp.len']) > 0).length;
      const bData = rows.filter((r) => key(r) !== a && Number(r['tcp.len']) > 0).length;
      return bData > aData ? 'B' : 'A';
    })(),
  };
}

/** "… · stream 1 · 192.168.1.100:80 → 192.168.1.10:36664" → the sender. */
async function graphSender(dialog) {
  const text = await dialog.locator('.stats-subtitle').textContent();
  const m = / · ([^ ]+) → ([^ ]+)$/.exec(text ?? '');
  assert(m, `no direction in the graph title "${text}"`);
  return { sender: m[1], receiver: m[2] };
}

async function waitGraph(dialog, kind) {
  await dialog.locator('.stats-subtitle', { hasText: kind }).waitFor({ timeout: 60_000 });
  await dialog.getByRole('list', { name: 'Series' }).waitFor({ timeout: 60_000 });
  await dialog
    .page()
    .waitForFunction(() => !document.querySelector('.graph-info')?.textContent?.includes('updating'), null, {
      timeout: 60_000,
    });
}

async function checkAxes(dialog, yLabel) {
  const texts = await dialog.locator('.recharts-cartesian-axis-tick-value').allTextContents();
  assert(texts.length >= 4, `axes have ticks (${texts.join(', ')})`);
  await dialog.getByText('Time (s)', { exact: true }).waitFor();
  await dialog.locator('.recharts-label', { hasText: yLabel }).first().waitFor();
}

export const statsTests = [
  {
    name: 'stats: Conversations (TCP, UDP, IPv4) and Endpoints (IPv4) equal tshark -z conv/endpoints',
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const name of Object.keys(ALL)) {
        await openFile(page, cap(FILES[name]));
        await openStatistics(page, 'Conversations');
        const dialog = page.getByRole('dialog', { name: 'Conversations' });
        for (const [tab, file, ports] of [
          ['TCP', 'conv_tcp.txt', true],
          ['UDP', 'conv_udp.txt', true],
          ['IPv4', 'conv_ip.txt', false],
        ]) {
          const want = oracleConversations(stat(name, file));
          await dialog.getByRole('tab', { name: new RegExp(`^${tab} · `) }).click();
          const label = `${tab} conversations`;
          const table = dialog.getByRole('table', { name: label });
          if (want.length === 0) {
            assertEqual(
              await dialog.getByRole('tab', { selected: true }).textContent(),
              `${tab} · 0`,
              `${name} ${tab} tab`,
            );
            continue;
          }
          const got = await tableRows(table);
          assertEqual(got.length, want.length, `${name} ${tab} conversations`);
          got.forEach((g, i) => {
            const w = want[i];
            const a = ports ? `${g.a}:${g.portA}` : g.a;
            const b = ports ? `${g.b}:${g.portB}` : g.b;
            const what = `${name} ${tab} row ${i + 1}`;
            assertEqual(`${a} ${b}`, `${w.a} ${w.b}`, `${what} endpoints`);
            assertEqual(
              [
                g.framesBtoA,
                formatSize(Number(g.bytesBtoA)),
                g.framesAtoB,
                formatSize(Number(g.bytesAtoB)),
                g.frames,
                formatSize(Number(g.bytes)),
              ].join(' '),
              [w.framesBtoA, w.bytesBtoA, w.framesAtoB, w.bytesAtoB, w.frames, w.bytes].join(' '),
              `${what} counts`,
            );
            assertEqual(Number(g.relStart).toFixed(9), w.start, `${what} start`);
            assertEqual(Number(g.duration).toFixed(4), w.duration, `${what} duration`);
          });
        }
        if (name === 'http-basic') await shot(page, 'stats-conversations-http-basic');
        await dialog.getByRole('button', { name: 'Close' }).click();

        await openStatistics(page, 'Endpoints');
        const ends = page.getByRole('dialog', { name: 'Endpoints' });
        await ends.getByRole('tab', { name: /^IPv4 · / }).click();
        const got = await tableRows(ends.getByRole('table', { name: 'IPv4 endpoints' }));
        const want = stat(name, 'endpoints_ip.txt')
          .split('\n')
          .filter((l) => /^\d+\.\d+\.\d+\.\d+\s/.test(l))
          .map((l) => l.trim().split(/\s+/).join(' '));
        assertEqual(
          got
            .map((e) =>
              [e.address, e.frames, e.bytes, e.txFrames, e.txBytes, e.rxFrames, e.rxBytes].join(' '),
            )
            .join('\n'),
          want.join('\n'),
          `${name} IPv4 endpoints`,
        );
        await ends.getByRole('button', { name: 'Close' }).click();
      }
    },
  },
  {
    name: 'stats: a conversation row sorts, filters on its stream and follows it',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap(FILES['http-basic']), 379);
      await openStatistics(page, 'Conversations');
      const dialog = page.getByRole('dialog', { name: 'Conversations' });
      await dialog.getByRole('tab', { name: /^TCP · 13$/ }).click();
      const table = dialog.getByRole('table', { name: 'TCP conversations' });
      // Ascending by packets: the smallest conversation first.
      await table.getByRole('columnheader', { name: 'Packets', exact: true }).getByRole('button').click();
      await table.getByRole('columnheader', { name: 'Packets', exact: true }).getByRole('button').click();
      assertEqual(
        await table.getByRole('columnheader', { name: 'Packets', exact: true }).getAttribute('aria-sort'),
        'ascending',
        'aria-sort',
      );
      const rows = await tableRows(table);
      assertEqual(rows[0].frames, '10', 'smallest conversation first');
      const big = rows.find((r) => r.frames === '225');
      const row = table.locator('tbody tr', {
        has: page.locator(`td[data-col="stream"][data-value="${big.stream}"]`),
      });
      await row.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Filter on this conversation' }).click();
      await waitApplied(page, `tcp.stream eq ${big.stream}`);
      await page.getByText(/^Packets: 379 · Displayed: 225 /).waitFor();
      // Keyboard: the context-menu key on a focused row.
      await row.focus();
      await page.keyboard.press('Shift+F10');
      await page.getByRole('menuitem', { name: 'Follow stream' }).click();
      const follow = page.getByRole('dialog', { name: 'Follow TCP Stream' });
      await follow.getByText(/client pkts/).waitFor();
      await shot(page, 'stats-conversation-follow');
      await follow.getByRole('button', { name: 'Close' }).click();
      // UDP conversations carry no stream number: Follow finds it from the first packet.
      await openFile(page, cap(FILES.dns), 44);
      const udp = page.getByRole('dialog', { name: 'Conversations' });
      await udp.getByRole('tab', { name: /^UDP · / }).click();
      const first = udp.getByRole('table', { name: 'UDP conversations' }).locator('tbody tr').first();
      await first.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Follow stream' }).click();
      await page
        .getByRole('dialog', { name: 'Follow UDP Stream' })
        .getByText(/client pkts/)
        .waitFor();
    },
  },
  {
    name: 'stats: Protocol Hierarchy equals tshark -z io,phs',
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const name of Object.keys(ALL)) {
        await openFile(page, cap(FILES[name]));
        await openStatistics(page, 'Protocol Hierarchy');
        const dialog = page.getByRole('dialog', { name: 'Protocol Hierarchy' });
        const table = dialog.getByRole('table', { name: 'Protocol hierarchy' });
        await table.waitFor({ timeout: 90_000 });
        const got = (await tableRows(table)).map((r) => `${r.depth} ${r.proto} ${r.frames} ${r.bytes}`);
        const want = stat(name, 'io_phs.txt')
          .split('\n')
          .map((l) => /^( *)(\S+)\s+frames:(\d+) bytes:(\d+)/.exec(l))
          .filter(Boolean)
          .map((m) => `${m[1].length / 2} ${m[2]} ${m[3]} ${m[4]}`);
        assertEqual(got.join('\n'), want.join('\n'), `${name} protocol hierarchy`);
        if (name === 'http-basic') await shot(page, 'stats-protocol-hierarchy');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
    },
  },
  {
    name: 'stats: Expert Information counts per severity equal tshark -z expert; an item selects its packet',
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const SEV = { Errors: 'Error', Warns: 'Warning', Notes: 'Note', Chats: 'Chat', Comments: 'Comment' };
      for (const name of Object.keys(ALL)) {
        await openFile(page, cap(FILES[name]));
        // Keyboard: Alt+A opens Analyze, Enter picks its first item.
        await page.keyboard.press('Alt+a');
        await page.getByRole('menuitem', { name: 'Expert Information' }).press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Expert Information' });
        await dialog.locator('section[data-severity]').first().waitFor({ timeout: 90_000 });
        const got = await dialog
          .locator('section[data-severity]')
          .evaluateAll((ss) => ss.map((s) => `${s.dataset.severity} ${s.dataset.count}`));
        const want = [
          ...stat(name, 'expert.txt').matchAll(/^(Errors|Warns|Notes|Chats|Comments) \((\d+)\)$/gm),
        ].map((m) => `${SEV[m[1]]} ${m[2]}`);
        assertEqual(got.join(', '), want.join(', '), `${name} expert severities`);
        // Every (summary, count) row of the report is there.
        const rows = await dialog
          .locator('.expert-item')
          .evaluateAll((li) =>
            li.map((x) => `${x.dataset.count} ${x.querySelector('.expert-summary')?.textContent}`).sort(),
          );
        const wantRows = [...stat(name, 'expert.txt').matchAll(/^\s+(\d+)\s+\S+\s+\S+\s+(.*)$/gm)]
          .map((m) => `${m[1]} ${m[2]}`)
          .sort();
        assertEqual(rows.join('\n'), wantRows.join('\n'), `${name} expert rows`);
        if (name === 'http-loss') {
          const warn = dialog.locator('section[data-severity="Warning"]');
          const item = warn.getByRole('button', { name: /TCP Zero Window segment/ });
          await item.click();
          assertEqual(await item.getAttribute('aria-expanded'), 'true', 'expanded');
          const frames = dialog
            .getByRole('group', { name: 'Packets: TCP Zero Window segment' })
            .getByRole('button');
          assertEqual(
            await frames.count(),
            filters(name)['tcp.analysis.zero_window'].length,
            'zero window packets',
          );
          const second = Number(await frames.nth(1).textContent());
          await frames.nth(1).click();
          await waitHashFrame(page, second);
          assert(
            filters(name)['tcp.analysis.zero_window'].includes(second),
            'a zero-window packet was selected',
          );
          await page
            .getByRole('tree', { name: 'Packet details' })
            .getByRole('treeitem', { name: new RegExp(`^Frame ${second}:`) })
            .waitFor();
          await shot(page, 'stats-expert-http-loss');
        }
        await dialog.getByRole('button', { name: 'Close' }).click();
      }
    },
  },
  {
    name: "stats: I/O graph at 1 s shows io,stat's frames and bytes; a click selects the interval's first packet",
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const name of ['http-basic', 'http-loss']) {
        await openFile(page, cap(FILES[name]));
        // Keyboard: Alt+S, then the menu by arrows.
        await page.keyboard.press('Alt+s');
        const menu = page.getByRole('menu', { name: 'Statistics' });
        await menu.getByRole('menuitem', { name: 'Protocol Hierarchy' }).waitFor();
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'I/O Graph' });
        await dialog.getByRole('group', { name: 'I/O graph chart' }).waitFor({ timeout: 60_000 });
        await dialog.getByRole('combobox', { name: 'Interval' }).selectOption({ label: '1 s' });
        // The settings stay as they were left (the first capture's round ends on Bytes).
        await dialog.getByRole('combobox', { name: 'Y axis' }).selectOption('packets');
        const rows = stat(name, 'io_stat_1.txt')
          .split('\n')
          .map((l) => /^\|\s*\d+ <> \S+\s*\|\s*(\d+) \|\s*(\d+) \|/.exec(l))
          .filter(Boolean);
        await page.waitForFunction(
          (n) =>
            Number(document.querySelector('[aria-label="I/O graph chart"]')?.getAttribute('data-points')) ===
            n,
          rows.length,
          { timeout: 60_000 },
        );
        // A click on the second point selects the first packet at or after 1 s.
        const dot = dialog.locator('circle.recharts-line-dot[name="All packets"]').nth(1);
        const box = await dot.boundingBox();
        // Hover first: the chart's tooltip names the point a click then selects.
        await page.mouse.move(box.x + box.width / 2 - 2, box.y + box.height / 2);
        await dialog
          .locator('.recharts-tooltip-wrapper', { hasText: 'click: go to its first packet' })
          .waitFor();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const firstAfter1s = readFileSync(join(CAPTURES, 'oracle', name, 'columns.tsv'), 'utf8')
          .split('\n')
          .slice(1)
          .map((l) => l.split('\t'))
          .find((c) => Number(c[1]) >= 1)[0];
        await waitHashFrame(page, Number(firstAfter1s));
        if (name === 'http-loss') await shot(page, 'stats-io-graph-http-loss');
        await dialog.getByRole('checkbox', { name: 'Show values as a table' }).check();
        const table = dialog.getByRole('table', { name: 'I/O graph values' });
        const packets = (await tableRows(table)).map((r) => Number(r.s0));
        assertEqual(packets.join(' '), rows.map((m) => m[1]).join(' '), `${name} frames per second`);
        const retrans = (await tableRows(table)).reduce((n, r) => n + Number(r.s2), 0);
        assertEqual(retrans, filters(name)['tcp.analysis.retransmission'].length, `${name} retransmissions`);
        await dialog.getByRole('combobox', { name: 'Y axis' }).selectOption('bytes');
        await page.waitForFunction(
          (want) =>
            document
              .querySelector('[aria-label="I/O graph values"] td[data-col="s0"]')
              ?.getAttribute('data-value') === want,
          rows[0][2],
        );
        const bytes = (await tableRows(table)).map((r) => Number(r.s0));
        assertEqual(bytes.join(' '), rows.map((m) => m[2]).join(' '), `${name} bytes per second`);
        await dialog.getByRole('button', { name: 'Close' }).click();
      }
    },
  },
  {
    name: 'stats: I/O graph series by display filter; a bad filter is reported',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap(FILES['http-basic']), 379);
      await openStatistics(page, 'I/O Graph');
      const dialog = page.getByRole('dialog', { name: 'I/O Graph' });
      await dialog.getByRole('combobox', { name: 'Interval' }).selectOption({ label: '10 s' });
      await dialog.getByRole('button', { name: 'Add series' }).click();
      const filter = dialog.getByRole('textbox', { name: 'Display filter of series 4' });
      await filter.fill('http.request ==');
      await filter.press('Enter');
      await dialog.getByRole('alert').waitFor();
      await filter.fill('http.request');
      await filter.press('Enter');
      await dialog.getByRole('checkbox', { name: 'Show values as a table' }).check();
      const table = dialog.getByRole('table', { name: 'I/O graph values' });
      await table.getByRole('columnheader', { name: 'Series 4' }).waitFor();
      const rows = await tableRows(table);
      assertEqual(rows.length, 1, 'one 10 s interval');
      assertEqual(rows[0].s3, String(filters('http-basic')['http.request'].length), 'http.request packets');
      await dialog.getByRole('button', { name: 'Remove series 2' }).click();
      await table.getByRole('columnheader', { name: 'TCP errors' }).waitFor({ state: 'detached' });
    },
  },
  {
    name: 'stats: Retransmissions per conversation equal tshark tcp.analysis.retransmission',
    timeout: 90_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const name of ['http-loss', 'iperf-loss']) {
        await openFile(page, cap(FILES[name]));
        await openStatistics(page, 'Retransmission Summary');
        const dialog = page.getByRole('dialog', { name: 'Retransmissions' });
        const table = dialog.getByRole('table', { name: 'Retransmissions per conversation' });
        await table.waitFor({ timeout: 60_000 });
        const retrans = new Set(filters(name)['tcp.analysis.retransmission']);
        const perStream = new Map();
        for (const r of fieldsTsv(name)) {
          if (r['tcp.stream'] === '') continue;
          const s = Number(r['tcp.stream']);
          const e = perStream.get(s) ?? { data: 0, retrans: 0 };
          if (Number(r['tcp.len']) > 0) e.data++;
          if (retrans.has(Number(r['frame.number']))) e.retrans++;
          perStream.set(s, e);
        }
        const rows = await tableRows(table);
        assertEqual(rows.length, perStream.size, `${name} conversations`);
        for (const r of rows) {
          const e = perStream.get(Number(r.stream));
          assertEqual(
            `${r.dataSegments} ${r.retransmissions}`,
            `${e.data} ${e.retrans}`,
            `${name} stream ${r.stream}`,
          );
          assertEqual(r.flagged, Number(r.share) > 0.01 ? '1' : '0', `${name} stream ${r.stream} flag`);
        }
        const total = [...perStream.values()].reduce((n, e) => n + e.retrans, 0);
        assertEqual(total, retrans.size, `${name} all retransmissions in some stream`);
        const whole = dialog.getByRole('group', { name: 'Retransmissions over the capture' });
        const sum = Number(await whole.getAttribute('data-sum'));
        assertEqual(await whole.locator('.recharts-bar-rectangle').count(), 10, 'ten bars');
        assert(sum > 0 && sum <= retrans.size, `bars hold the retransmitted data segments (${sum})`);
        await shot(page, `stats-retransmissions-${name}`);
        await dialog.getByRole('button', { name: 'Close' }).click();
      }
    },
  },
  {
    name: 'stats: TCP stream graphs (Stevens, tcptrace, window scaling, RTT) hold the oracle counts; zoom, reset, click',
    timeout: 240_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const [name, stream] of [
        ['http-loss', 1],
        ['iperf-loss', 1],
      ]) {
        await openFile(page, cap(FILES[name]));
        // Main-thread long tasks from here on: the graphs are prepared in the worker.
        await page.evaluate(() => {
          window.__longTasks = [];
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) window.__longTasks.push(Math.round(e.duration));
          }).observe({ type: 'longtask' });
        });
        const first = expectedGraph(name, stream, '').firstFrame;
        await goTo(page, first);
        await openTcpGraphMenu(page, 'Time Sequence (Stevens)');
        const dialog = page.getByRole('dialog', { name: 'TCP Stream Graph' });
        await waitGraph(dialog, 'Stevens');
        assertEqual(
          await dialog.getByRole('spinbutton', { name: 'Stream' }).inputValue(),
          String(stream),
          'stream of the selected packet',
        );
        await page.waitForFunction((s) => location.hash.includes(`graph=stevens:${s}`), stream);
        // The default direction carries the data.
        let { sender } = await graphSender(dialog);
        let want = expectedGraph(name, stream, sender);
        const ownData = want.segments;
        assert(ownData > 100, `${name}: the default direction is the data direction (${ownData} segments)`);
        let got = await legend(dialog);
        assertEqual(got.segments.total, want.segments, `${name} Stevens segments`);
        assertEqual(got.retransmissions.total, want.retransmissions, `${name} Stevens retransmissions`);
        assertEqual(got.retransmissions.drawn, want.retransmissions, `${name} every retransmission drawn`);
        assertEqual(
          await drawnMarks(dialog, 'retransmissions'),
          want.retransmissions,
          `${name} retransmission marks`,
        );
        assertEqual(await drawnMarks(dialog, 'segments'), got.segments.drawn, `${name} segment marks`);
        assert(got.segments.drawn <= 3000, 'downsampled to what the chart can show');
        await checkAxes(dialog, 'Sequence number');
        await shot(page, `stats-stevens-${name}`);

        // Clicking a retransmission selects its packet.
        const p = await firstMark(dialog, 'retransmissions');
        await page.mouse.move(p.x, p.y);
        await dialog.getByRole('status').filter({ hasText: 'Retransmissions' }).waitFor();
        await page.mouse.click(p.x, p.y);
        const picked = await selectedFrame(page, first);
        assert(want.retransFrames.has(picked), `clicked point selected retransmission ${picked}`);

        // Drag the left half: fewer segments in view, all drawn when they fit.
        const chart = dialog.getByRole('group', { name: /chart$/ });
        const box = await chart.boundingBox();
        await page.mouse.move(box.x + 120, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2 + 2, { steps: 5 });
        await page.mouse.up();
        await page.waitForFunction(
          (total) => {
            const li = document.querySelector('[aria-label="Series"] li[data-series="segments"]');
            return li && Number(li.getAttribute('data-in-range')) < total;
          },
          want.segments,
          { timeout: 30_000 },
        );
        await waitGraph(dialog, 'Stevens');
        got = await legend(dialog);
        assert(got.segments.inRange > 0, 'zoomed view has segments');
        if (got.segments.inRange <= 3000)
          assertEqual(got.segments.drawn, got.segments.inRange, 'zoomed: all drawn');
        await shot(page, `stats-stevens-zoomed-${name}`);
        await dialog.getByRole('button', { name: 'Reset zoom' }).click();
        await page.waitForFunction(
          (total) =>
            Number(
              document
                .querySelector('[aria-label="Series"] li[data-series="segments"]')
                ?.getAttribute('data-in-range'),
            ) === total,
          want.segments,
        );
        // Wheel zoom, then 0 resets from the keyboard.
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -300);
        await dialog.getByRole('button', { name: 'Reset zoom' }).waitFor({ state: 'visible' });
        assert(await dialog.getByRole('button', { name: 'Reset zoom' }).isEnabled(), 'wheel zoomed');
        await chart.focus();
        await page.keyboard.press('0');
        await page.waitForFunction(() =>
          document.querySelector('.graph-side button.tool-button')?.hasAttribute('disabled'),
        );

        // tcptrace: segments, the receiver's ACK and window lines, SACK blocks.
        await dialog
          .getByRole('combobox', { name: 'Graph type' })
          .selectOption({ label: 'Time Sequence (tcptrace)' });
        await waitGraph(dialog, 'tcptrace');
        got = await legend(dialog);
        assertEqual(
          ['segments', 'retransmissions', 'acks', 'window', 'sacks'].map((k) => got[k].total).join(' '),
          [want.segments, want.retransmissions, want.acks, want.acks, want.sacks].join(' '),
          `${name} tcptrace series`,
        );
        assertEqual(
          await drawnMarks(dialog, 'retransmissions'),
          want.retransmissions,
          `${name} tcptrace retransmission bars`,
        );
        await checkAxes(dialog, 'Sequence number');
        await shot(page, `stats-tcptrace-${name}`);

        // Window scaling and RTT.
        await dialog.getByRole('combobox', { name: 'Graph type' }).selectOption({ label: 'Window Scaling' });
        await waitGraph(dialog, 'Window Scaling');
        got = await legend(dialog);
        assertEqual(
          `${got.rwnd.total} ${got.inflight.total}`,
          `${want.rwnd} ${want.inflight}`,
          `${name} window scaling`,
        );
        await checkAxes(dialog, 'Bytes');
        await shot(page, `stats-wscale-${name}`);
        await dialog.getByRole('combobox', { name: 'Graph type' }).selectOption({ label: 'Round Trip Time' });
        await waitGraph(dialog, 'Round Trip Time');
        got = await legend(dialog);
        assertEqual(got.rtt.total, want.rtt, `${name} RTT samples`);
        await page.waitForFunction((s) => location.hash.includes(`graph=rtt:${s}`), stream);

        // The other direction.
        await dialog
          .getByRole('combobox', { name: 'Graph type' })
          .selectOption({ label: 'Time Sequence (Stevens)' });
        await waitGraph(dialog, 'Stevens');
        const before = sender;
        await dialog.getByRole('button', { name: 'Switch direction' }).click();
        await page.waitForFunction(
          (s) => !document.querySelector('.stats-subtitle')?.textContent?.includes(`· ${s} →`),
          before,
        );
        await waitGraph(dialog, 'Stevens');
        ({ sender } = await graphSender(dialog));
        want = expectedGraph(name, stream, sender);
        got = await legend(dialog);
        assertEqual(got.segments.total, want.segments, `${name} Stevens, other direction`);
        assert(want.segments < ownData, 'the other direction carries less data');
        const long = await page.evaluate(() => window.__longTasks);
        console.log(
          `     ${name}: main-thread long tasks during the graph steps: ${long.length}, max ${Math.max(0, ...long)} ms`,
        );
        await dialog.getByRole('button', { name: 'Close' }).click();
      }
    },
  },
  {
    name: 'stats: a link with graph=tcptrace:N reopens the graph once its capture has loaded',
    timeout: 90_000,
    fn: async ({ page, baseUrl }) => {
      const url = `/__file${cap(FILES['iperf-loss'])}`;
      await page.goto(`${baseUrl}?url=${encodeURIComponent(url)}#graph=tcptrace:1`);
      await waitLoaded(page);
      const dialog = page.getByRole('dialog', { name: 'TCP Stream Graph' });
      await waitGraph(dialog, 'tcptrace');
      assertEqual(
        await dialog.getByRole('spinbutton', { name: 'Stream' }).inputValue(),
        '1',
        'stream from the link',
      );
      const { sender } = await graphSender(dialog);
      assertEqual(
        (await legend(dialog)).segments.total,
        expectedGraph('iperf-loss', 1, sender).segments,
        'segments',
      );
      await dialog.getByRole('button', { name: 'Next stream' }).isDisabled();
      await dialog.getByRole('button', { name: 'Previous stream' }).click();
      await page.waitForFunction(() => location.hash.includes('graph=tcptrace:0'));
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.waitForFunction(() => !location.hash.includes('graph='));
      await shot(page, 'stats-link-closed');
    },
  },
];

/** The end-to-end tests: real Chromium, real captures, answers from the tshark oracle. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { join } from 'node:path';
import { CAPTURES, RESULTS, assert, assertEqual } from './harness.mjs';
import {
  applyFilter,
  counts,
  openFile,
  rowCells,
  shot,
  visibleRows,
  waitApplied,
  waitLoaded,
} from './app.mjs';
import { writeSyntheticPcap, writeUdpStreamPcap } from './synthetic.mjs';

const cap = (name) => join(CAPTURES, name);
const oracle = (name, file) => JSON.parse(readFileSync(join(CAPTURES, 'oracle', name, file), 'utf8'));
const columns = (name) =>
  readFileSync(join(CAPTURES, 'oracle', name, 'columns.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));

const FILTER_CASES = {
  'http-basic': [
    'not tcp',
    'arp',
    'ip.src == 192.168.1.10',
    'tcp.port == 80',
    'tcp.flags.syn == 1 && tcp.flags.ack == 0',
    'frame.len < 100',
    'http.request',
    'tcp.stream eq 5',
    '!(arp or dns or icmp)',
  ],
  'tcp-failures': ['tcp.analysis.flags', 'tcp.flags.reset == 1', 'tcp.analysis.retransmission', 'icmpv6'],
  dns: ['dns', 'udp.port == 53', 'dns.flags.rcode != 0'],
};
const FILES = { 'http-basic': 'http-basic.pcap', 'tcp-failures': 'tcp-failures.pcap', dns: 'dns.pcap' };

export const tests = [
  {
    name: 'opens a capture through the file input and lists every packet',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const rows = columns('http-basic');
      await openFile(page, cap('http-basic.pcap'), rows.length);
      const grid = page.getByRole('grid', { name: 'Packet list' });
      assertEqual(await grid.getAttribute('aria-rowcount'), String(rows.length + 1), 'aria-rowcount');
      const first = await rowCells(page, 1);
      assertEqual(first[0], '1', 'first row number');
      await shot(page, 'opened-http-basic');
    },
  },
  {
    name: 'packet list columns match tshark (columns.tsv)',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      for (const [name, file] of [
        ['http-basic', 'http-basic.pcap'],
        ['dns', 'dns.pcap'],
        ['icmp', 'icmp.pcapng'],
      ]) {
        const rows = columns(name);
        await openFile(page, cap(file), rows.length);
        for (let i = 1; i <= 12; i++) {
          const cells = await rowCells(page, i);
          const o = rows[i - 1];
          // No., Time, Source, Destination, Protocol, Length, Info
          // The GUI dissects again once the whole file is read, so it knows what tshark's one
          // pass cannot yet: ICMP "(reply in N)" links.
          const ours = cells.join('\t').replace(/ \(reply in \d+\)$/, '');
          assertEqual(ours, o.join('\t'), `${name} row ${i}`);
        }
      }
    },
  },
  ...Object.entries(FILTER_CASES).map(([name, filters]) => ({
    name: `display filters on ${name} give tshark's counts`,
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const expected = oracle(name, 'filters.json');
      await openFile(page, cap(FILES[name]), columns(name).length);
      const problems = [];
      for (const f of filters) {
        const want = expected[f];
        try {
          await applyFilter(page, f);
          const c = await counts(page);
          if (c.displayed !== want.length)
            problems.push(`"${f}": displayed ${c.displayed}, tshark ${want.length}`);
          const grid = page.getByRole('grid', { name: 'Packet list' });
          const rc = await grid.getAttribute('aria-rowcount');
          if (rc !== String(c.displayed + 1)) problems.push(`"${f}": aria-rowcount ${rc}`);
        } catch (e) {
          problems.push(String(e.message ?? e));
        }
      }
      await shot(page, `filters-${name}`);
      assert(problems.length === 0, problems.join('\n'));
    },
  })),
  {
    name: 'an invalid filter turns the bar red with the message in an alert',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap('dns.pcap'), columns('dns').length);
      const box = page.getByRole('textbox', { name: 'Display filter' });
      await box.fill('tcp.port in {80 443 8080}');
      await page.waitForFunction(
        () =>
          document.querySelector('input[aria-label="Display filter"]')?.getAttribute('aria-invalid') ===
          'true',
      );
      const alert = page.getByRole('alert');
      const text = (await alert.textContent()) ?? '';
      assert(/443/.test(text) && /character \d+/.test(text), `alert text: ${text}`);
      await shot(page, 'invalid-filter');
      await box.fill('tcp');
      await page.waitForFunction(
        () =>
          document.querySelector('input[aria-label="Display filter"]')?.getAttribute('aria-invalid') ===
          'false',
      );
      assertEqual(await page.getByRole('alert').count(), 0, 'alerts after fixing the filter');
    },
  },
  {
    name: 'autocompletion offers fields, then operators, then values',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap('http-basic.pcap'), columns('http-basic').length);
      const box = page.getByRole('textbox', { name: 'Display filter' });
      await box.click();
      await page.keyboard.type('tcp.flags.sy');
      const list = page.getByRole('listbox', { name: 'Filter suggestions' });
      await list.getByRole('option', { name: /^tcp\.flags\.syn/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assertEqual(await box.inputValue(), 'tcp.flags.syn', 'field accepted');
      await page.keyboard.type(' ');
      await list.getByRole('option', { name: /^== Equal/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
      assertEqual(await box.inputValue(), 'tcp.flags.syn == ', 'operator accepted');
      await list.getByRole('option', { name: /^True/ }).waitFor();
      await shot(page, 'autocomplete-values');
      await page.keyboard.type('1');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await waitApplied(page, 'tcp.flags.syn == 1');
      const want = oracle('http-basic', 'filters.json')['tcp.flags.syn == 1'].length;
      assertEqual((await counts(page)).displayed, want, 'SYN frames');
      // The recent filters menu remembers it.
      await page.getByRole('button', { name: 'Recent filters' }).click();
      await page.getByRole('menuitem', { name: 'tcp.flags.syn == 1' }).waitFor();
    },
  },
  {
    name: 'BPF filters (bpf: prefix) select what tcpdump selects',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const expected = oracle('http-basic', 'bpf.json');
      await openFile(page, cap('http-basic.pcap'), columns('http-basic').length);
      for (const expr of ['tcp[tcpflags] & tcp-syn != 0', 'greater 1000', 'arp']) {
        await applyFilter(page, `bpf:${expr}`);
        assertEqual((await counts(page)).displayed, expected[expr].length, `bpf "${expr}"`);
      }
    },
  },
  {
    name: 'Follow TCP Stream shows the stream as tshark does',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap('http-basic.pcap'), columns('http-basic').length);
      for (const stream of [0, 3]) {
        const want = oracle('http-basic', `follow/tcp-stream-${stream}.json`);
        await applyFilter(page, `tcp.stream eq ${stream}`);
        await page.locator('[role="row"][aria-rowindex="2"]').click();
        await page.keyboard.press('Control+Alt+Shift+KeyT');
        const dialog = page.getByRole('dialog', { name: 'Follow TCP Stream' });
        await dialog.waitFor();
        await dialog.getByLabel('Show data as').selectOption('raw');
        const content = dialog.getByLabel('Stream content');
        await page.waitForFunction(
          () => (document.querySelector('[aria-label="Stream content"]')?.textContent ?? '') !== '',
        );
        const text = (await content.textContent()) ?? '';
        const lines = text.split('\n').filter(Boolean);
        assertEqual(
          lines.join('\n'),
          want.chunks.map((c) => c.hex).join('\n'),
          `stream ${stream} raw content`,
        );
        await dialog.getByLabel('Show data as').selectOption('ascii');
        await shot(page, `follow-tcp-${stream}`);
        await dialog.getByRole('button', { name: 'Close' }).click();
        await waitApplied(page, `tcp.stream eq ${stream}`);
      }
    },
  },
  {
    name: 'opening by drag and drop (gzip), ?url= and Ctrl+O',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const n = columns('dns').length;
      const gz = [...gzipSync(readFileSync(cap('dns.pcap')))];
      await page.evaluate((bytes) => {
        const file = new File([new Uint8Array(bytes)], 'dropped.pcap.gz');
        const dt = new DataTransfer();
        dt.items.add(file);
        window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, gz);
      await waitLoaded(page, n);
      assertEqual(await page.locator('.status-file').textContent(), 'dropped.pcap.gz', 'file name');
      await page.getByRole('grid', { name: 'Packet list' }).focus();
      await page.keyboard.press('End');
      const row = await rowCells(page, n);
      assertEqual(row[0], String(n), 'last row of the inflated capture');
      // Ctrl+O opens the file chooser.
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.keyboard.press('Control+o'),
      ]);
      await chooser.setFiles(cap('icmp.pcapng'));
      await waitLoaded(page, columns('icmp').length);
      // ?url= fetches the capture (streamed, with progress).
      const url = `${baseUrl}__file${cap('http-basic.pcap')}`;
      await page.goto(`${baseUrl}?url=${encodeURIComponent(url)}`);
      await waitLoaded(page, columns('http-basic').length);
      await page.waitForFunction(() => location.hash.includes('url='));
    },
  },
  {
    name: 'Follow shows a long stream page by page as it is scrolled, up to the display limit',
    fn: async ({ page, baseUrl }) => {
      // 3000 x 1000 bytes: 3 MB of data, 13.5 M characters as a hex dump (shown: the first 4 M).
      const file = join(RESULTS, 'udp-stream-3mb.pcap');
      if (!existsSync(file)) writeUdpStreamPcap(file, 3000, 1000);
      await page.goto(baseUrl);
      await openFile(page, file, 3000);
      await page.locator('[role="row"][aria-rowindex="2"]').click();
      await page.keyboard.press('Control+Alt+Shift+KeyU');
      const dialog = page.getByRole('dialog', { name: 'Follow UDP Stream' });
      await dialog.waitFor();
      await dialog.getByLabel('Show data as').selectOption('hexdump');
      const state = () =>
        page.evaluate(() => {
          const el = document.querySelector('[aria-label="Stream content"]');
          return {
            pages: el?.querySelectorAll('.follow-page').length ?? 0,
            text: el?.textContent ?? '',
            truncated: (document.querySelector('.follow-summary')?.textContent ?? '').includes('truncated'),
          };
        });
      await page.waitForFunction(
        () => (document.querySelector('[aria-label="Stream content"]')?.textContent ?? '') !== '',
      );
      const first = await state();
      assertEqual(first.pages, 1, 'pages before scrolling');
      assert(first.text.length < 200_000, `first page of ${first.text.length} characters`);
      assert(!first.truncated, 'not marked truncated while more can be shown');
      // Scroll to the end until nothing more comes: pages join, then the limit stops them.
      let last = first;
      for (let i = 0; i < 400 && !last.truncated; i++) {
        await page.evaluate(() => {
          const el = document.querySelector('[aria-label="Stream content"]');
          if (el) el.scrollTop = el.scrollHeight;
        });
        await page.waitForTimeout(10);
        last = await state();
      }
      assert(last.truncated, `display truncated after scrolling (${last.pages} pages)`);
      assert(last.pages > 10, `pages after scrolling: ${last.pages}`);
      assert(last.text.startsWith(first.text), 'later pages follow the first');
      assert(last.text.length >= 4_000_000 && last.text.length < 4_100_000, `shown: ${last.text.length}`);
      // The hex dump runs on without a gap or repeat across pages: each 1000-byte frame makes
      // 63 lines (62 of 16 bytes, one of 8), the offsets counting the stream's bytes.
      const offsets = last.text
        .split('\n')
        .filter(Boolean)
        .map((l) => parseInt(l.slice(0, 8), 16));
      offsets.forEach((o, i) =>
        assertEqual(o, Math.floor(i / 63) * 1000 + (i % 63) * 16, `offset of line ${i}`),
      );
      // Raw starts again at the top, with pages enough to fill the box (its few long lines do
      // not overflow it, so no scroll event asks for them); frame 1's bytes are 00 01 02 ...
      await dialog.getByLabel('Show data as').selectOption('raw');
      await page.waitForFunction(() => {
        const el = document.querySelector('[aria-label="Stream content"]');
        return !!el && el.textContent?.startsWith('000102') && el.scrollHeight >= 2 * el.clientHeight;
      });
      const raw = await state();
      assert(raw.pages >= 2 && raw.pages < 20, `raw pages: ${raw.pages}`);
      assertEqual(
        await page.evaluate(() => document.querySelector('[aria-label="Stream content"]')?.scrollTop),
        0,
        'raw view scrolled to the top',
      );
    },
  },
  {
    name: 'Follow UDP Stream: next stream, one direction, "Filter out this stream"',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap('dns.pcap'), columns('dns').length);
      const want = oracle('dns', 'follow/udp-stream-1.json');
      const dnsFrames = oracle('dns', 'filters.json').dns.length;
      await applyFilter(page, 'dns');
      await page.locator('[role="row"][aria-rowindex="2"]').click();
      await page.keyboard.press('Control+Alt+Shift+KeyU');
      const dialog = page.getByRole('dialog', { name: 'Follow UDP Stream' });
      await dialog.waitFor();
      await waitApplied(page, 'udp.stream eq 0');
      await dialog.getByRole('button', { name: 'Next stream' }).click();
      await waitApplied(page, 'udp.stream eq 1');
      await dialog.getByLabel('Show data as').selectOption('raw');
      const content = dialog.getByLabel('Stream content');
      const wantAll = want.chunks.map((c) => c.hex).join('\n');
      await page.waitForFunction(
        (w) =>
          (document.querySelector('[aria-label="Stream content"]')?.textContent ?? '')
            .split('\n')
            .filter(Boolean)
            .join('\n') === w,
        wantAll,
        { timeout: 10_000 },
      );
      // The client side only.
      await dialog.getByLabel('Direction').selectOption('c2s');
      const c2s = (await content.textContent()) ?? '';
      assertEqual(
        c2s.split('\n').filter(Boolean).join('\n'),
        want.chunks
          .filter((c) => c.dir === 'c2s')
          .map((c) => c.hex)
          .join('\n'),
        'client side of udp stream 1',
      );
      await page.waitForFunction(() => location.hash.includes('follow=udp:1:c2s'));
      await shot(page, 'follow-udp-1');
      await dialog.getByRole('button', { name: 'Filter out this stream' }).click();
      // The filter from before Follow, without the stream (as Wireshark combines them).
      await waitApplied(page, '(dns) && !(udp.stream eq 1)');
      assertEqual(
        (await counts(page)).displayed,
        dnsFrames - want.chunks.length,
        'dns frames outside stream 1',
      );
      assertEqual(await dialog.count(), 0, 'dialog closed');
    },
  },
  {
    name: 'reload restores the filter, the selection and the time format from the link',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await page.getByRole('button', { name: 'Open sample ▾' }).click();
      await page.getByRole('menuitem', { name: 'dns.pcap' }).click();
      await waitLoaded(page, columns('dns').length);
      await applyFilter(page, 'udp.port == 53');
      const want = (await counts(page)).displayed;
      await page.locator('[role="row"][aria-rowindex="3"]').click();
      await page.getByLabel('Time format').selectOption('utc');
      await page.waitForFunction(() => location.hash.includes('t=utc') && location.hash.includes('p='));
      const hash = await page.evaluate(() => location.hash);
      await page.reload();
      await waitLoaded(page, columns('dns').length);
      await waitApplied(page, 'udp.port == 53');
      assertEqual(
        await page.getByRole('textbox', { name: 'Display filter' }).inputValue(),
        'udp.port == 53',
        'filter text',
      );
      assertEqual((await counts(page)).displayed, want, 'displayed after reload');
      assertEqual(await page.getByLabel('Time format').inputValue(), 'utc', 'time format');
      const sel = await page.locator('[role="row"][aria-selected="true"]').getAttribute('aria-rowindex');
      assertEqual(sel, '3', 'selected row after reload');
      assertEqual(await page.evaluate(() => location.hash), hash, 'fragment');
      await shot(page, 'reloaded');
    },
  },
  {
    name: 'reload restores an open Follow dialog; reassembled data has its own bytes tab',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await page.getByRole('button', { name: 'Open sample ▾' }).click();
      await page.getByRole('menuitem', { name: 'http-basic.pcap' }).click();
      await waitLoaded(page, columns('http-basic').length);
      await page.getByRole('grid', { name: 'Packet list' }).focus();
      await page.keyboard.press('Control+g');
      await page.getByLabel('Packet number').fill('36');
      await page.keyboard.press('Enter');
      // Frame 36 ends an HTTP response reassembled from several segments.
      const tabs = page.getByRole('region', { name: 'Packet bytes' }).getByRole('tab');
      await tabs.nth(1).waitFor();
      assert((await tabs.count()) >= 2, 'a tab per data source');
      assert(/^Reassembled TCP/.test((await tabs.nth(1).textContent()) ?? ''), 'reassembled data tab');
      await shot(page, 'reassembled-bytes');
      await page.keyboard.press('Control+Alt+Shift+KeyT');
      const dialog = page.getByRole('dialog', { name: 'Follow TCP Stream' });
      await dialog.waitFor();
      await page.waitForFunction(
        () => /follow=tcp:\d+:both/.test(location.hash) && /f=tcp.stream/.test(location.hash),
      );
      const hash = await page.evaluate(() => location.hash);
      await page.reload();
      await waitLoaded(page, columns('http-basic').length);
      await dialog.waitFor();
      const m = /follow=tcp:(\d+)/.exec(hash);
      await waitApplied(page, `tcp.stream eq ${m?.[1]}`);
      await page.waitForFunction(() =>
        (document.querySelector('[aria-label="Stream content"]')?.textContent ?? '').startsWith('GET '),
      );
    },
  },
  {
    name: 'a broken file shows an error and keeps the open capture',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const n = columns('dns').length;
      await openFile(page, cap('dns.pcap'), n);
      const junk = join(RESULTS, 'not-a-capture.txt');
      writeFileSync(junk, 'hello, this is a text file and not a capture\n'.repeat(20));
      await page.getByLabel('Open capture').setInputFiles(junk);
      await page.getByText(/isn't a capture file/).waitFor();
      assertEqual((await counts(page)).packets, n, 'packets still shown');
      const rows = await visibleRows(page);
      assert(rows.length > 0, 'rows still shown');
      await shot(page, 'broken-file');
      // A capture cut short in the middle: what could be read is shown, with a warning.
      const bytes = readFileSync(cap('http-basic.pcap'));
      const cut = join(RESULTS, 'cut-short.pcap');
      writeFileSync(cut, bytes.subarray(0, 100_000));
      await page.getByLabel('Open capture').setInputFiles(cut);
      await page.getByText(/cut short in the middle of a packet/).waitFor();
      const c = await counts(page);
      assert(c.packets > 50 && c.packets < columns('http-basic').length, `cut-short packets ${c.packets}`);
    },
  },
  {
    name: 'keyboard: arrows, Home/End, Ctrl+G, details tree and bytes',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const rows = columns('http-basic');
      await openFile(page, cap('http-basic.pcap'), rows.length);
      const grid = page.getByRole('grid', { name: 'Packet list' });
      await grid.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const tree = page.getByRole('tree', { name: 'Packet details' });
      await tree.getByRole('treeitem', { name: /^Frame 2:/ }).waitFor();
      await page.keyboard.press('End');
      await page.waitForFunction(
        (n) =>
          document.querySelector('[role="row"][aria-selected="true"]')?.getAttribute('aria-rowindex') ===
          String(n + 1),
        rows.length,
      );
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+g');
      await page.getByLabel('Packet number').fill('42');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('[role="row"][aria-selected="true"]')?.id === 'pkt-row-42',
      );
      // Click a byte: the deepest field covering it is selected in the tree.
      const bytes = page.getByRole('region', { name: 'Packet bytes' });
      await bytes.locator('.bytes-hex [data-off="12"]').click();
      const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
      assert(
        /^Type: /.test((await selected.textContent()) ?? ''),
        `selected item: ${await selected.textContent()}`,
      );
      assert((await bytes.locator('.bytes-hex .hl').count()) === 2, 'two highlighted bytes');
      await shot(page, 'keyboard-and-bytes');
    },
  },
  {
    name: 'context menu: Apply as Filter from the keyboard',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      await openFile(page, cap('http-basic.pcap'), columns('http-basic').length);
      await page.locator('[role="row"][aria-rowindex="2"]').click();
      const tree = page.getByRole('tree', { name: 'Packet details' });
      await tree.getByRole('treeitem').first().waitFor();
      await tree.focus();
      // Ethernet II is the second top-level item; open it and go to its first field (Destination).
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+F10');
      const menu = page.getByRole('menu').first();
      await menu.waitFor();
      // Expand Subtrees, Collapse Subtrees, Expand All, Collapse All, then Apply as Filter.
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      assert(focused?.startsWith('Apply as Filter'), `focused menu item: ${focused}`);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await waitApplied(page, 'eth.dst == ff:ff:ff:ff:ff:ff');
      const c = await counts(page);
      assertEqual(
        c.displayed,
        oracle('http-basic', 'filters.json')['eth.addr == ff:ff:ff:ff:ff:ff'].length,
        'broadcast frames',
      );
    },
  },
  {
    name: 'sorting by Length puts the shortest packets first',
    fn: async ({ page, baseUrl }) => {
      await page.goto(baseUrl);
      const rows = columns('http-basic');
      await openFile(page, cap('http-basic.pcap'), rows.length);
      await page.getByRole('columnheader', { name: 'Length' }).getByRole('button').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[role="columnheader"][aria-sort="ascending"]') !== null &&
          !document.querySelector('progress[aria-label="Sorting"]'),
      );
      const min = Math.min(...rows.map((r) => Number(r[5])));
      const first = await rowCells(page, 1);
      assertEqual(first[5], String(min), 'shortest length first');
      // Descending, then the third click goes back to frame order.
      const sortButton = page.getByRole('columnheader', { name: 'Length' }).getByRole('button');
      await sortButton.click();
      await page.locator('[role="columnheader"][aria-sort="descending"]').waitFor();
      await sortButton.click();
      await page.waitForFunction(
        () =>
          document.querySelector('[role="columnheader"][aria-sort]') === null &&
          document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]')?.id === 'pkt-row-1',
      );
      assertEqual((await rowCells(page, 1))[5], rows[0][5], 'frame 1 first again');
    },
  },
  {
    name: 'Cancel stops a load and keeps the packets read so far',
    timeout: 120_000,
    fn: async ({ page, baseUrl }) => {
      const file = join(RESULTS, 'synthetic-1m.pcap');
      if (!existsSync(file)) writeSyntheticPcap(file, 1_000_000);
      await page.goto(baseUrl);
      await page.getByLabel('Open capture').setInputFiles(file);
      const bar = page.getByRole('progressbar', { name: 'Loading capture' });
      await bar.waitFor();
      await page.getByText(/packets\/s/).waitFor();
      await shot(page, 'loading-progress');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await bar.waitFor({ state: 'detached' });
      const c = await counts(page);
      assert(c.packets > 0 && c.packets < 1_000_000, `packets after cancel: ${c.packets}`);
      assertEqual(c.displayed, c.packets, 'all read packets displayed');
      assertEqual((await rowCells(page, 1))[4], 'UDP', 'first row usable');
    },
  },
  {
    name: 'a million packets load with rows shown while loading, scroll and filter',
    timeout: 240_000,
    fn: async ({ page, baseUrl }) => {
      const file = join(RESULTS, 'synthetic-1m.pcap');
      writeSyntheticPcap(file, 1_000_000);
      await page.addInitScript(() => {
        const w = window;
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            w.__longTasks.push({ start: Math.round(e.startTime), ms: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(baseUrl);
      await page.waitForTimeout(500);
      await page.evaluate(() => (window.__longTasks.length = 0));
      const marks = [];
      const stamp = async (what) =>
        marks.push(await page.evaluate((w) => ({ what: w, at: Math.round(performance.now()) }), what));
      await stamp('open');
      const t0 = Date.now();
      await page.getByLabel('Open capture').setInputFiles(file);
      // Rows appear while the file is still loading.
      await page
        .locator('[role="row"][aria-rowindex="2"] [role="gridcell"]:nth-child(5)')
        .filter({ hasText: 'UDP' })
        .waitFor();
      const stillLoading = await page.getByRole('progressbar', { name: 'Loading capture' }).count();
      assertEqual(stillLoading, 1, 'progress bar shown while the first rows are visible');
      await stamp('rows visible');
      await waitLoaded(page, 1_000_000);
      await stamp('loaded');
      const loadMs = Date.now() - t0;
      const grid = page.getByRole('grid', { name: 'Packet list' });
      await grid.focus();
      await page.keyboard.press('End');
      await page.waitForFunction(
        () => document.querySelector('[role="row"][aria-selected="true"]')?.id === 'pkt-row-1000000',
      );
      await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
      await page.waitForTimeout(300);
      const mid = await visibleRows(page);
      assert(mid.length > 10 && mid[0].rowindex > 400_000, `rows in the middle: ${mid[0]?.rowindex}`);
      await shot(page, 'million-packets');
      await stamp('scrolled');
      const t1 = Date.now();
      await applyFilter(page, 'udp.srcport == 1024');
      const filterMs = Date.now() - t1;
      assertEqual((await counts(page)).displayed, 20, 'frames from port 1024');
      await stamp('filtered');
      const tasks = await page.evaluate(() => window.__longTasks);
      const max = Math.max(0, ...tasks.map((t) => t.ms));
      if (max >= 50) console.log('     long tasks:', JSON.stringify(tasks), 'steps:', JSON.stringify(marks));
      console.log(
        `     1M packets loaded in ${loadMs} ms, filtered in ${filterMs} ms; long tasks: ${tasks.length}, max ${max.toFixed(0)} ms`,
      );
      // Reported, not asserted: speed is judged by `npm run bench` (tests/bench/browser.mjs), never
      // by timed assertions that a loaded CI machine would fail at random.
    },
  },
];

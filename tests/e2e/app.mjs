/** Page helpers that drive the app through its accessibility names, like a user would. */
import { join } from 'node:path';
import { RESULTS, assert, slug } from './harness.mjs';

export async function openFile(page, path, expectPackets) {
  await page.getByLabel('Open capture').setInputFiles(path);
  await waitLoaded(page, expectPackets);
}

/** Waits until loading finished and (optionally) the status bar counts `packets`. */
export async function waitLoaded(page, packets) {
  await page
    .getByRole('progressbar', { name: 'Loading capture' })
    .waitFor({ state: 'detached', timeout: 120_000 });
  if (packets !== undefined) {
    await page.getByText(new RegExp(`^Packets: ${packets} · `)).waitFor({ timeout: 30_000 });
  }
}

export async function counts(page) {
  const text = await page.locator('.status-counts').textContent();
  const m = /Packets: (\d+) · Displayed: (\d+)/.exec(text ?? '');
  assert(m, `no packet counts in the status bar (${text})`);
  return { packets: Number(m[1]), displayed: Number(m[2]) };
}

/** Types a filter, presses Enter, waits until the display reflects it. */
export async function applyFilter(page, text) {
  const box = page.getByRole('textbox', { name: 'Display filter' });
  await box.fill(text);
  await box.press('Enter');
  await waitApplied(page, text);
}

export async function waitApplied(page, text) {
  const t = text.trim();
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('.status-filter');
      const shown = el ? el.textContent?.replace(/^Filter: /, '') : '';
      const busy = document.querySelector('progress[aria-label="Filtering"], progress[aria-label="Sorting"]');
      const invalid =
        document.querySelector('input[aria-label="Display filter"]')?.getAttribute('aria-invalid') === 'true';
      return (shown === want && !busy) || invalid;
    },
    t,
    { timeout: 60_000 },
  );
  const invalid = await page.getByRole('textbox', { name: 'Display filter' }).getAttribute('aria-invalid');
  if (invalid === 'true') {
    const msg = await page.getByRole('alert').textContent();
    throw new Error(`filter "${text}" was rejected: ${msg}`);
  }
}

/** Cells of the rendered data rows: {rowindex, cells[]} */
export async function visibleRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="grid"][aria-label="Packet list"] .pl-body [role="row"]')]
      .map((r) => ({
        rowindex: Number(r.getAttribute('aria-rowindex')),
        cells: [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? ''),
      }))
      .sort((a, b) => a.rowindex - b.rowindex),
  );
}

/** Waits until the row with this display index (1-based data row) has its Info loaded. */
export async function rowCells(page, dataRow) {
  const row = page.locator(
    `[role="grid"][aria-label="Packet list"] [role="row"][aria-rowindex="${dataRow + 1}"]`,
  );
  await row.waitFor();
  await page.waitForFunction(
    (i) => {
      const r = document.querySelector(`[role="grid"] [role="row"][aria-rowindex="${i}"]`);
      const cells = r ? [...r.querySelectorAll('[role="gridcell"]')] : [];
      return cells.length === 7 && cells[4].textContent !== '';
    },
    dataRow + 1,
    { timeout: 20_000 },
  );
  return row.locator('[role="gridcell"]').allTextContents();
}

export async function shot(page, name) {
  await page.screenshot({ path: join(RESULTS, `${slug(name)}.png`) });
}

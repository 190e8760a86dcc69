import { join } from 'node:path';
import { ROOT, launch, serve, CAPTURES } from '/work/main/tests/e2e/harness.mjs';
import { openFile, applyFilter, counts } from '/work/main/tests/e2e/app.mjs';
const server = await serve(join(ROOT, 'dist'));
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e));
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await openFile(page, join(CAPTURES, process.argv[2]), undefined);
for (const f of process.argv.slice(3)) {
  const t0 = Date.now();
  try {
    await applyFilter(page, f);
    console.log(f, await counts(page), Date.now() - t0, 'ms');
  } catch (e) {
    console.log(f, 'ERR', String(e).slice(0, 300));
    console.log(await page.locator('.status-bar').textContent(), await page.locator('.progress-bar').count());
  }
}
await browser.close();
server.close();

/**
 * npm run test:e2e — builds the app, serves dist/ on 127.0.0.1 and runs the end-to-end tests in
 * Debian's Chromium. Prints "N passed, M failed" last; exits non-zero on any failure.
 * `node tests/e2e/run.mjs --only <text>` runs the tests whose name contains <text>;
 * `--no-build` reuses dist/.
 */
import { join } from 'node:path';
import { ROOT, build, launch, runTests, serve } from './harness.mjs';
import { tests } from './tests.mjs';
import { shareTests, startShareServer } from './share-tests.mjs';
import { statsTests } from './stats-tests.mjs';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

if (!args.includes('--no-build')) build();
const server = await serve(join(ROOT, 'dist'));
const { port } = server.address();
const browser = await launch();
let result = { passed: 0, failed: 1 };
try {
  result = await runTests([...tests, ...statsTests], { baseUrl: `http://127.0.0.1:${port}/`, browser, only });
  // Share links run against the real share server (src/server) serving the same build.
  const share = await startShareServer(join(ROOT, 'dist'));
  try {
    const r = await runTests(shareTests(share), { baseUrl: share.url, browser, only });
    result = { passed: result.passed + r.passed, failed: result.failed + r.failed };
  } finally {
    await share.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);

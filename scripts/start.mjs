// `npm start`: (re)build the web app when its sources are newer than dist/, bundle the share
// server with esbuild into dist-server/main.mjs, and run it (it prints the URL).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const APP_SOURCES = ['src', 'index.html', 'public', 'sample-pcaps', 'vite.config.ts'];

/** Newest modification time (ms) of a file or of any file below a directory; 0 if absent. */
function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function appNeedsBuild() {
  const stamp = join(root, 'dist', 'index.html');
  if (!existsSync(stamp)) return 'dist/ has no build';
  const built = statSync(stamp).mtimeMs;
  const changed = APP_SOURCES.find((p) => newestMtime(join(root, p)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

const reason = appNeedsBuild();
if (reason) {
  console.log(`Wirelight: building the web app (${reason}) ...`);
  const result = spawnSync('npx', ['vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    console.error(
      `\nWirelight: building the web app with \`npx vite build\` failed (${how}); the server was not started.`,
    );
    if (!existsSync(join(root, 'index.html'))) {
      console.error(
        '  index.html is missing at the repository root: the web UI (src/ui) is not in place yet.',
      );
    } else {
      console.error('  Fix the build errors printed above, then run `npm start` again.');
    }
    process.exit(result.status || 1);
  }
}

const outfile = join(root, 'dist-server', 'main.mjs');
try {
  await build({
    entryPoints: [join(root, 'src/server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch (e) {
  console.error(`Wirelight: bundling the server failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

// Paths relative to the checkout, whatever directory npm start was run from.
process.env.WIRELIGHT_DIST_DIR ??= join(root, 'dist');
process.env.WIRELIGHT_DATA_DIR ??= join(root, '.wirelight-data');
process.setSourceMapsEnabled(true);
await import(pathToFileURL(outfile).href);

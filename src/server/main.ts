/** Entry point of a hosted instance: `node dist-server/main.mjs` (npm start builds and runs it). */
import { loadConfig } from './config';
import { createServer } from './create-server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.ok) {
    console.error('Wirelight server: invalid configuration:\n  ' + config.error.join('\n  '));
    process.exit(2);
  }
  const server = createServer(config.value);
  let listening;
  try {
    listening = await server.listen();
  } catch (e) {
    console.error(
      `Wirelight server: cannot start on port ${config.value.port}: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  }
  const { dataDir, retentionDays, maxUploadBytes, publicUrl } = config.value;
  console.log(`Wirelight is running at ${listening.url}`);
  console.log(
    `  shares: ${dataDir} (kept ${retentionDays} days, up to ${maxUploadBytes} bytes each)` +
      (publicUrl ? `, links use ${publicUrl}` : ''),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1); // second Ctrl-C: do not wait
    stopping = true;
    console.log(`Wirelight server: ${signal}, shutting down`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

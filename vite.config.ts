import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // Sample captures must stay real files: links keep their http(s) address.
    assetsInlineLimit: (file) => (/\.(pcap|pcapng|cap|gz)$/i.test(file) ? false : undefined),
    // The worker bundle's one slow transform is expected; its timing report is noise in CI logs.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { host: '127.0.0.1' },
});

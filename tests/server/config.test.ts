import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';

describe('server config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, '/srv/wl');
    expect(c).toEqual({
      ok: true,
      value: {
        port: 8080,
        host: undefined,
        dataDir: '/srv/wl/.wirelight-data',
        distDir: '/srv/wl/dist',
        maxUploadBytes: 268435456,
        retentionDays: 30,
        publicUrl: undefined,
        uploadsPerMinute: 20,
        requestsPerMinute: 600,
        sweepIntervalMinutes: 60,
        trustProxy: false,
      },
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        WIRELIGHT_DATA_DIR: 'data',
        WIRELIGHT_DIST_DIR: '/opt/wl/dist',
        WIRELIGHT_MAX_UPLOAD_BYTES: '1048576',
        WIRELIGHT_RETENTION_DAYS: '0.5',
        WIRELIGHT_PUBLIC_URL: 'https://wl.example.org/',
        WIRELIGHT_RATE_UPLOADS_PER_MIN: '0',
        WIRELIGHT_RATE_REQUESTS_PER_MIN: '100',
        WIRELIGHT_SWEEP_MINUTES: '5',
        WIRELIGHT_TRUST_PROXY: 'true',
      },
      '/srv/wl',
    );
    expect(c.ok && c.value).toEqual({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/wl/data',
      distDir: '/opt/wl/dist',
      maxUploadBytes: 1048576,
      retentionDays: 0.5,
      publicUrl: 'https://wl.example.org',
      uploadsPerMinute: 0,
      requestsPerMinute: 100,
      sweepIntervalMinutes: 5,
      trustProxy: true,
    });
  });

  it('reports every bad value at once', () => {
    const c = loadConfig({
      PORT: '80a',
      WIRELIGHT_MAX_UPLOAD_BYTES: '1.5',
      WIRELIGHT_RETENTION_DAYS: '-1',
      WIRELIGHT_PUBLIC_URL: 'ftp://x',
    });
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.error).toHaveLength(4);
      expect(c.error[0]).toMatch(/^PORT="80a"/);
      expect(c.error.join('\n')).toMatch(/WIRELIGHT_PUBLIC_URL="ftp:\/\/x" must be a plain http\(s\) URL/);
    }
    expect(loadConfig({ WIRELIGHT_PUBLIC_URL: 'not a url' }).ok).toBe(false);
    expect(loadConfig({ WIRELIGHT_PUBLIC_URL: 'https://x.example/?a=1' }).ok).toBe(false);
  });
});

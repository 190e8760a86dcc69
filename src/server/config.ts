/** Server configuration, read from the environment once at start-up. */
import { resolve } from 'node:path';
import { err, ok, type Result } from '../base/result';

export interface ServerConfig {
  port: number;
  /** Interface to bind; undefined lets Node listen on all interfaces (IPv6 and IPv4). */
  host: string | undefined;
  /** Where shared (encrypted) captures are kept. */
  dataDir: string;
  /** The built web app (vite build output). */
  distDir: string;
  maxUploadBytes: number;
  retentionDays: number;
  /** Origin used in share links, without a trailing slash; undefined = derive from the request. */
  publicUrl: string | undefined;
  /** Token-bucket limits per client address; 0 disables a limit. */
  uploadsPerMinute: number;
  requestsPerMinute: number;
  /** How often the retention sweep runs (it also runs at start). */
  sweepIntervalMinutes: number;
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  trustProxy: boolean;
}

export const DEFAULTS = {
  port: 8080,
  dataDir: './.wirelight-data',
  distDir: './dist',
  maxUploadBytes: 256 * 1024 * 1024,
  retentionDays: 30,
  uploadsPerMinute: 20,
  requestsPerMinute: 600,
  sweepIntervalMinutes: 60,
} as const;

type Env = Record<string, string | undefined>;

function numberVar(
  env: Env,
  name: string,
  fallback: number,
  check: { integer?: boolean; min: number; max?: number },
  problems: string[],
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (
    !Number.isFinite(n) ||
    (check.integer && !Number.isInteger(n)) ||
    n < check.min ||
    (check.max !== undefined && n > check.max)
  ) {
    const range = check.max === undefined ? `>= ${check.min}` : `${check.min}..${check.max}`;
    problems.push(
      `${name}=${JSON.stringify(raw)} is not ${check.integer ? 'an integer' : 'a number'} ${range}`,
    );
    return fallback;
  }
  return n;
}

/** Validates WIRELIGHT_PUBLIC_URL: an http(s) origin, optionally with a path prefix. */
function publicUrlVar(env: Env, problems: string[]): string | undefined {
  const raw = env.WIRELIGHT_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`WIRELIGHT_PUBLIC_URL=${JSON.stringify(raw)} is not a URL`);
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    problems.push(
      `WIRELIGHT_PUBLIC_URL=${JSON.stringify(raw)} must be a plain http(s) URL such as https://wirelight.example.org`,
    );
    return undefined;
  }
  return url.href.replace(/\/+$/, '');
}

/** All problems are reported together so a misconfigured deployment is fixed in one go. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Result<ServerConfig, string[]> {
  const problems: string[] = [];
  const config: ServerConfig = {
    port: numberVar(env, 'PORT', DEFAULTS.port, { integer: true, min: 0, max: 65535 }, problems),
    host: env.HOST?.trim() || undefined,
    dataDir: resolve(cwd, env.WIRELIGHT_DATA_DIR?.trim() || DEFAULTS.dataDir),
    distDir: resolve(cwd, env.WIRELIGHT_DIST_DIR?.trim() || DEFAULTS.distDir),
    maxUploadBytes: numberVar(
      env,
      'WIRELIGHT_MAX_UPLOAD_BYTES',
      DEFAULTS.maxUploadBytes,
      { integer: true, min: 1 },
      problems,
    ),
    retentionDays: numberVar(
      env,
      'WIRELIGHT_RETENTION_DAYS',
      DEFAULTS.retentionDays,
      { min: 0.0001 },
      problems,
    ),
    publicUrl: publicUrlVar(env, problems),
    uploadsPerMinute: numberVar(
      env,
      'WIRELIGHT_RATE_UPLOADS_PER_MIN',
      DEFAULTS.uploadsPerMinute,
      { min: 0 },
      problems,
    ),
    requestsPerMinute: numberVar(
      env,
      'WIRELIGHT_RATE_REQUESTS_PER_MIN',
      DEFAULTS.requestsPerMinute,
      { min: 0 },
      problems,
    ),
    sweepIntervalMinutes: numberVar(
      env,
      'WIRELIGHT_SWEEP_MINUTES',
      DEFAULTS.sweepIntervalMinutes,
      { min: 0.001 },
      problems,
    ),
    trustProxy: /^(1|true|yes)$/i.test(env.WIRELIGHT_TRUST_PROXY?.trim() ?? ''),
  };
  return problems.length > 0 ? err(problems) : ok(config);
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const ZLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Environment variables Maillon reads, with their defaults. */
const ZEnv = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z
    .url({ error: 'must be an absolute URL such as https://maillon.example.org' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters long').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  TZ_NETWORK: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .default('Europe/Paris'),
  LOG_LEVEL: ZLogLevel.default('info'),
  SEED_DEMO: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  TRUST_PROXY: z
    .string()
    .refine(
      (value) => value !== 'true',
      'true would believe an X-Forwarded-For sent by anyone: list the addresses of your reverse proxies instead, e.g. 127.0.0.1 or 10.0.0.0/8,::1',
    )
    .refine(
      (value) => value === 'false' || value === 'true' || proxyListOf(value) !== null,
      'must be false or a comma-separated list of proxy addresses or networks (CIDR), e.g. 127.0.0.1,10.0.0.0/8; loopback, linklocal and uniquelocal name those ranges',
    )
    .default('false'),
  MAILLON_WORKERS: z.coerce
    .number({ error: 'must be a whole number between 1 and 64' })
    .int('must be a whole number between 1 and 64')
    .min(1, 'must be a whole number between 1 and 64')
    .max(64, 'must be a whole number between 1 and 64')
    .default(1),
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_EMAIL: z.email({ error: 'must be an e-mail address' }).optional(),
});

export type TConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  sessionSecret: string;
  smtpUrl: string | undefined;
  timeZone: string;
  logLevel: z.infer<typeof ZLogLevel>;
  /** Seed the demo network: default on for the embedded database, off for PostgreSQL. */
  seedDemo: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDR networks, or the names
   * loopback, linklocal, uniquelocal), or false: the client address is then the one of the
   * connection. Never "any proxy": a client could name any address and escape the address limit.
   */
  trustProxy: false | string[];
  /** Append-only file where housekeeping writes the audit chain's head daily (DATA_DIR by default). */
  auditAnchorFile: string;
  /** Where the daily anchor is also mailed, if set. */
  auditAnchorEmail: string | undefined;
  /** The bearer token GET /metrics asks for; unset: no metrics route (README "Metrics"). */
  metricsToken?: string | undefined;
  /**
   * Server processes sharing the port (node:cluster, decision 043): PostgreSQL only, the embedded
   * database being one process's. 1: no cluster.
   */
  workers: number;
};

/** Raised when the environment holds values Maillon cannot start with. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The entries of TRUST_PROXY, or null when one is not an address, a CIDR network or a range name. */
function proxyListOf(value: string): string[] | null {
  const entries = value.split(',').map((entry) => entry.trim());
  const isValid = (entry: string) => {
    if (PROXY_RANGE_NAMES.has(entry)) return true;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || rest.length) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
  };
  return entries.every(isValid) ? entries : null;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Variables whose whole value is a secret: an error gives their length, never the value. */
const SECRET_VARIABLES = new Set(['SESSION_SECRET', 'METRICS_TOKEN']);
/** Variables that may carry a password in their URL. */
const URL_VARIABLES = ['DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL'] as const;

/** A value as an error message shows it: secrets hidden, a URL's password replaced by ***. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'undefined';
  if (SECRET_VARIABLES.has(name)) return `(hidden, ${value.length} characters)`;
  return JSON.stringify(hideQueryPassword(hideUrlPassword(value).shown).shown);
}

/** Hides a password given as a query parameter (postgres://host/db?password=…, as pg accepts). */
function hideQueryPassword(value: string): { shown: string; password: string | null } {
  const match = /[?&]password=([^&#]*)/i.exec(value);
  if (!match?.[1]) return { shown: value, password: null };
  const start = match.index + match[0].length - match[1].length;
  return {
    shown: `${value.slice(0, start)}***${value.slice(start + match[1].length)}`,
    password: match[1],
  };
}

/**
 * Hides the password of user:password@host, also in a malformed URL (a typo in the scheme is
 * exactly when the value gets printed): everything between the first ":" of the user part and
 * the last "@".
 */
function hideUrlPassword(value: string): { shown: string; password: string | null } {
  const at = value.lastIndexOf('@');
  if (at < 0) return { shown: value, password: null };
  const slashes = value.indexOf('//');
  const start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  const colon = value.slice(start, at).indexOf(':');
  if (colon < 0) return { shown: value, password: null };
  return {
    shown: `${value.slice(0, start + colon + 1)}***${value.slice(at)}`,
    password: value.slice(start + colon + 1, at),
  };
}

/** Cuts the secrets this environment holds out of a text about to be printed (a start-up failure). */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const secrets: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value) secrets.push(value);
  }
  for (const name of URL_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    for (const password of [hideUrlPassword(value).password, hideQueryPassword(value).password]) {
      if (!password) continue;
      secrets.push(password);
      try {
        secrets.push(decodeURIComponent(password));
      } catch {
        // not percent-encoded: the raw form is enough
      }
    }
  }
  return secrets
    .filter((secret) => secret.length >= 3)
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join('***'), text);
}

/** Reads and validates the environment; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const input = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ZEnv.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${shownValue(name, env[name])}: ${issue.message}`;
      }),
    );
  }
  const values = parsed.data;
  if (values.MAILLON_WORKERS > 1 && !values.DATABASE_URL) {
    throw new ConfigError([
      `MAILLON_WORKERS=${values.MAILLON_WORKERS}: several server processes need PostgreSQL (DATABASE_URL); the embedded database belongs to one process`,
    ]);
  }
  const dataDir = resolve(values.DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    sessionSecret: values.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: values.SMTP_URL,
    timeZone: values.TZ_NETWORK,
    logLevel: values.LOG_LEVEL,
    seedDemo: values.SEED_DEMO ? values.SEED_DEMO === 'true' : !values.DATABASE_URL,
    trustProxy: values.TRUST_PROXY === 'false' ? false : (proxyListOf(values.TRUST_PROXY) ?? false),
    auditAnchorFile: resolve(values.AUDIT_ANCHOR_FILE ?? join(dataDir, 'audit-anchors.log')),
    auditAnchorEmail: values.AUDIT_ANCHOR_EMAIL,
    metricsToken: values.METRICS_TOKEN,
    workers: values.MAILLON_WORKERS,
  };
}

/** The secret is generated once and kept in DATA_DIR so sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/**
 * Helpers for the browser tests: start a throw-away Maillon server, launch Chromium, sign in
 * through the login form.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { and, desc, eq, like } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/platform.js';
import { fillDataDirFromTemplate } from '../helpers/database-template.js';
import { currentServerArgs, serverTimeoutMs } from '../helpers/server-process.js';

/** The password of every demo login (see src/seed/demo.seed.ts). */
export const DEMO_PASSWORD = 'Maillon-demo-2026!';

export const DEMO = {
  admin: 'admin@reseau-demo.fr',
  coordinator: 'coordinatrice@reseau-demo.fr',
  professional: 'medecin@reseau-demo.fr',
  social: 'social@reseau-demo.fr',
  patient: 'patient@reseau-demo.fr',
  steering: 'pilotage@reseau-demo.fr',
} as const;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A TCP port nobody is listening on right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  baseUrl: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its data directory. */
  stop: () => Promise<void>;
  /**
   * The newest one-time link (its path) of a mail to this address whose link contains `kind`
   * ('/invitation/', '/password-reset/'), read from the database (outbox.link): no screen shows
   * a patient invitation or a reset link (decision 008). The embedded database has one user, so
   * the server stops for the read and starts again on the same port and data (sessions survive).
   */
  linkMailedTo: (email: string, kind: string) => Promise<string>;
};

/**
 * Starts `src/server/main.ts` on a fresh data directory with the demo network seeded, and waits
 * until GET /api/health answers 200. Expects dist/web to be built already. The data directory
 * starts from the tests' migrated and demo-seeded template (decisions 045 and 048): the server,
 * started with SEED_DEMO=true as before, finds nothing to migrate and the demo already there (the
 * first start on an empty folder is tested by test/embedded-mode.test.ts, the seed itself by
 * src/seed/demo.seed.test.ts).
 */
export async function startServer(
  // A loaded machine starts servers slowly: MAILLON_BROWSER_SERVER_TIMEOUT_MS, else the tests'
  // MAILLON_TEST_SERVER_TIMEOUT_MS.
  timeoutMs = serverTimeoutMs(serverTimeoutMs(60_000), 'MAILLON_BROWSER_SERVER_TIMEOUT_MS'),
): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'maillon-browser-'));
  await fillDataDirFromTemplate(dataDir, 'demo');
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const spawnServer = () => {
    const process_ = spawn(process.execPath, currentServerArgs(), {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'true',
        PUBLIC_URL: baseUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process_.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return process_;
  };
  let child = spawnServer();

  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  const healthy = async () => {
    try {
      await waitForHealth(baseUrl, child, timeoutMs);
    } catch (error) {
      await stop();
      throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
    }
  };

  const linkMailedTo = async (email: string, kind: string) => {
    await stopChild(child);
    const database = await openPglite(dataDir);
    let link: string | undefined;
    try {
      const [row] = await database.db
        .select({ link: outbox.link })
        .from(outbox)
        .where(and(eq(outbox.toAddress, email), like(outbox.link, `%${kind}%`)))
        .orderBy(desc(outbox.createdAt))
        .limit(1);
      link = row?.link ?? undefined;
    } finally {
      await database.close();
      child = spawnServer();
      await healthy();
    }
    if (!link) throw new Error(`no ${kind} link in the outbox for ${email}`);
    return new URL(link).pathname;
  };

  await healthy();
  return { baseUrl, stop, linkMailedTo };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * An axe scan of the page, run in the page itself ("legacy mode"). The default mode runs axe in
 * each frame, then finishes in a new blank page, loading axe's 650 KB three times a scan: 1.2–2.9 s
 * a scan against 0.5–1.3 s here, the same rules and results. Maillon's pages have no frames.
 */
export const axeBuilder = (page: Page): AxeBuilder => new AxeBuilder({ page }).setLegacyMode();

/** Chromium as installed on the machine (no downloaded browsers). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * What pages reported that a person would suffer from: content-security-policy refusals (a blocked
 * script or style breaks a screen silently) and uncaught errors. Each browser test file ends by
 * checking there were none.
 */
export const pageProblems: string[] = [];

/** Records the problems of every page of this context into pageProblems. */
export function watchForPageProblems(context: BrowserContext): BrowserContext {
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      pageProblems.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    }
  });
  context.on('weberror', (error) => {
    pageProblems.push(`${error.page()?.url() ?? '?'}: ${error.error().message}`);
  });
  return context;
}

/** Fills and submits the French login form, then waits for the home page. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
}

/** GETs a JSON API path with the page's cookies (the signed-in person's view). */
export async function getJson<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}${path}`);
  if (!response.ok()) throw new Error(`GET ${path} answered ${response.status()}`);
  return (await response.json()) as T;
}

/**
 * What every browser test file sets up the same way: one server and one Chromium for the file
 * (started before its tests, stopped after), French pages watched for page problems, and the
 * WCAG 2.1 AA check. Call it at the top level of the file; read `server` and `browser` inside tests.
 */
export type BrowserSuite = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a fresh French context of this viewport (900 px high unless said), 15 s timeouts. */
  freshPage: (width: number, height?: number) => Promise<Page>;
  /**
   * A fresh page as freshPage, signed in as this person and on the home page, as after signIn.
   * The first page of each person of the file signs in through the form; the next ones start
   * with that sign-in's cookies (the same session): no form, no password hashing again.
   */
  signedInPage: (email: string, width: number, height?: number) => Promise<Page>;
  /** The page's WCAG 2.1 A/AA violations found by axe, once the network is idle, one line each. */
  axe: (page: Page) => Promise<string[]>;
};

export function browserSuite(options: { shots?: string } = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    if (options.shots) await mkdir(options.shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserSuite: read server/browser inside a test');
    return value;
  };
  type TSignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;
  const sessions = new Map<string, TSignedIn>();
  const newPage = async (width: number, height: number, storageState?: TSignedIn) => {
    const context = watchForPageProblems(
      await started(browser).newContext({
        locale: 'fr-FR',
        viewport: { width, height },
        storageState,
      }),
    );
    // 30 s: under `npm test` the crash test and a second browser file share the two cores, and a
    // page that reads several answers once took over 15 s to show its heading (session 14).
    context.setDefaultTimeout(30_000);
    return context.newPage();
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    freshPage: (width, height = 900) => newPage(width, height),
    async signedInPage(email, width, height = 900) {
      const baseUrl = started(server).baseUrl;
      const session = sessions.get(email);
      const page = await newPage(width, height, session);
      if (session === undefined) {
        await signIn(page, baseUrl, email);
        sessions.set(email, await page.context().storageState());
      } else {
        await page.goto(`${baseUrl}/`);
        await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
      }
      return page;
    },
    async axe(page) {
      await page.waitForLoadState('networkidle');
      const results = await axeBuilder(page)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      return results.violations.map((v) => `${page.url()} — ${v.id}: ${v.help}`);
    },
  };
}

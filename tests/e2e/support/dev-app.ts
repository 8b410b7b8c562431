/**
 * `npm run dev` for the browser tests: run in this checkout with a database
 * of its own (a temporary directory) on the ports given, until it prints
 * where Steward is in the devstore admin; and headless Chromium to drive it.
 * stop() ends both and removes the database, also after a start that failed
 * or timed out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Shopify's library answers bot user agents (HeadlessChrome included) with 410.
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** Where the tests save their screenshots. */
export const RESULTS = path.resolve('test-results');

/**
 * Waits until React has hydrated the app's document (root.tsx marks it from an
 * effect, so after the whole root has committed). Server-rendered content shows
 * earlier, and a node holding a fiber proves nothing: React attaches fibers
 * while it is still rendering. Typing or clicking before this races hydration.
 */
export async function hydrated(app: FrameLocator): Promise<void> {
  await expect.poll(() => app.locator('html[data-hydrated]').count(), { timeout: 120_000 }).toBe(1);
}

export interface DevAppOptions {
  /** Names the temporary directory (steward-e2e-<name>-…). */
  name: string;
  port: string;
  devstorePort: string;
  /** Further environment of `npm run dev` (DEVSTORE_ORDERS, DEVSTORE_TRAFFIC…). */
  env?: Record<string, string>;
}

export class DevApp {
  /** Steward in the devstore admin, as `npm run dev` printed it. */
  shellUrl = '';
  /** What `npm run dev` printed so far. */
  output = '';
  #dataDir = '';
  #child: ChildProcess | undefined;
  #browser: Browser | undefined;
  readonly #options: DevAppOptions;

  constructor(options: DevAppOptions) {
    this.#options = options;
  }

  /** The embedded database's directory (PGLITE_DATA_DIR). */
  get databaseDir(): string {
    return path.join(this.#dataDir, 'pglite');
  }

  async start(): Promise<void> {
    const { name, port, devstorePort, env } = this.#options;
    this.#dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `steward-e2e-${name}-`));
    const child = spawn('npm', ['run', 'dev'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PGLITE_DATA_DIR: this.databaseDir,
        PORT: port,
        SHOPIFY_APP_URL: `http://localhost:${port}`,
        DEVSTORE_PORT: devstorePort,
        ...env,
        NODE_ENV: 'development',
        HOST: '',
      },
    });
    this.#child = child;
    this.shellUrl = await new Promise<string>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /Steward in the devstore admin: (\S+)/.exec(this.output);
        if (match?.[1]) resolve(match[1]);
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.on('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${this.output}`)));
    });
    this.#browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  }

  /** A new page in the browser, as desktop Chrome. */
  newPage(options: Omit<NonNullable<Parameters<Browser['newPage']>[0]>, 'userAgent'> = {}): Promise<Page> {
    if (!this.#browser) throw new Error('the dev app is not started');
    return this.#browser.newPage({ ...options, userAgent: USER_AGENT });
  }

  /**
   * Collects the page's errors (uncaught ones in `problems`; console errors
   * and failed responses in errors()) and, when the test fails, prints them
   * with the end of what `npm run dev` said.
   */
  watch(page: Page): { problems: string[]; errors(): string[] } {
    const problems: string[] = [];
    const consoleLines: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) consoleLines.push(`HTTP ${response.status()} ${response.url()}`);
    });
    this.onFailureShow(consoleLines);
    return {
      problems,
      errors: () => consoleLines.filter((line) => line.startsWith('error') || line.startsWith('HTTP')),
    };
  }

  /** When the test fails, prints the end of what `npm run dev` said and these lines from the browser. */
  onFailureShow(consoleLines: string[]): void {
    onTestFailed(() => {
      console.warn(`npm run dev said:\n${this.output.slice(-6000)}\nthe browser said:\n${consoleLines.join('\n')}`);
    });
  }

  async stop(): Promise<void> {
    await this.#browser?.close();
    const child = this.#child;
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    if (this.#dataDir) fs.rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

// What the security tests share: the real bot as a process (src/index.ts, configured only by the
// environment) in production mode with a local token authority and a recording connector, its
// memory as the kernel reports it, and a store that counts every call made to it.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store/collection';
import { interceptCalls } from '../support/flakyStore';
import { startTokenAuthority, type TokenAuthority } from '../support/botFrameworkTokens';
import { FakeConnector } from '../support/fakeTeams';

export const ROOT = path.resolve(__dirname, '../..');
export const APP_ID = '8a6c1c3e-2f4b-4b8e-9d1a-0c6f2b7e5a11';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '0b5e8c8e-1111-4a4a-9c9c-123456789abc';
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
const STARTUP_TIMEOUT_MS = 90_000;
/** For a test or hook that starts the bot as a process. */
export const PROCESS_TEST_TIMEOUT_MS = STARTUP_TIMEOUT_MS + 30_000;

/** The production settings, with the token authority and the connector on this machine. */
export function productionEnv(authority: TokenAuthority, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_ID: APP_ID,
    BOT_PASSWORD: 'not-a-real-secret',
    BOT_TENANT_ID: TENANT,
    BOT_TYPE: 'SingleTenant',
    BOT_OPENID_METADATA: authority.metadataUrl,
    BOT_SERVICE_URL_HOSTS: '127.0.0.1',
    ...extra,
  };
}

/** A Teams message activity in the allowed tenant, answered on `serviceUrl`. */
export function teamsMessage(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:stranger', name: 'Someone', aadObjectId: '00000000-0000-0000-0000-00000000b001' },
    recipient: { id: `28:${APP_ID}`, name: 'Placement Stability Bot' },
    conversation: { id: 'a:personal-b001', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: 'help',
    ...overrides,
  };
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything it has written, stdout and stderr together, in arrival order. */
  output(): string;
  stderr(): string;
  /** The process's resident memory now and at its peak, in MB (from /proc). */
  memory(): { rssMb: number; peakMb: number };
  alive(): boolean;
  stop(): Promise<void>;
}

/** Runs `src/index.ts` (or `command` through sh, for a test that prepares something first) and waits until it listens. */
export async function startBotProcess(env: Record<string, string>, options: { shell?: string } = {}): Promise<BotProcess> {
  let output = '';
  let stderr = '';
  const node = [process.execPath, ...TS_NODE, 'src/index.ts'];
  const fullEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', MONGODB_URI: '', ...env };
  const child = options.shell
    ? spawn('sh', ['-c', `${options.shell}; exec "$@"`, 'sh', ...node], { cwd: ROOT, env: fullEnv })
    : spawn(node[0], node.slice(1), { cwd: ROOT, env: fullEnv });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => {
    output += d;
    stderr += d;
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  // Starting takes a few seconds (ts-node compiles as it loads), far longer on a busy machine.
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const line = output.split('\n').find((l) => l.includes('Placement Stability Bot listening'));
      if (line) return resolve(JSON.parse(line).port as number);
      if (exited) return reject(new Error(`the bot exited before listening:\n${output}`));
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        return reject(new Error(`the bot did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
      }
      setTimeout(check, 50);
    };
    check();
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stderr: () => stderr,
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    alive: () => !exited && child.exitCode === null,
    stop: async () => {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** A token authority and a recording connector, started and stopped together. */
export async function startTeamsStandIns(): Promise<{ authority: TokenAuthority; connector: FakeConnector; stop(): Promise<void> }> {
  const authority = await startTokenAuthority();
  const connector = new FakeConnector();
  await connector.start();
  return { authority, connector, stop: async () => void (await Promise.all([authority.stop(), connector.stop()])) };
}

/** A store that counts every call to any collection (reads and writes alike). */
export interface CountingStore extends Store {
  calls: number;
  /** Collection and method of each call, for a failure message. */
  log: string[];
}

export function counting(real: Store): CountingStore {
  const store: CountingStore = {
    calls: 0,
    log: [],
    kind: real.kind,
    collection: interceptCalls(real, (name, method) => {
      store.calls++;
      store.log.push(`${name}.${method}`);
      return undefined;
    }),
    ping: () => real.ping(),
    close: () => real.close(),
  };
  return store;
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/**
 * Sends raw bytes to the bot with the given headers and resolves with its answer. Over node:http
 * rather than fetch: the bot may answer and close the connection before the whole body is sent,
 * and the answer counts even if the rest of the upload then fails.
 */
export function postRaw(url: string, body: Buffer | string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const length = headers['transfer-encoding'] ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request(url, { method, headers: { ...length, ...headers } }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

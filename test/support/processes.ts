// The bot as a real process (`node -r ts-node/register/transpile-only src/index.ts`, as `npm start`
// runs it), for the end-to-end tests that start one. Tests wait on readiness (the process's
// "listening" log line, or a condition they poll), never on a fixed sleep. The limits are
// generous on purpose: on a 2-core machine shared with other work, ts-node's start alone can take
// tens of seconds, and a limit only decides how long a broken run takes to fail.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** How long a process may take to say it is listening: enough for a loaded 2-core machine. */
export const READY_TIMEOUT_MS = 120_000;
/** How long a condition the bot brings about (a message sent, a record written) may take. */
export const SETTLE_TIMEOUT_MS = 60_000;

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Starts `src/index.ts` with the given environment on top of this one; stdout and stderr are collected. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  let output = '';
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  running.add(child);
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, output: () => output, exited };
}

/** Kills every bot process a test left running (for afterEach / afterAll). */
export function killBotProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** The port from the process's "Placement Stability Bot listening" line; fails at once if the process exits first. */
export async function listeningPort(bot: BotProcess, timeoutMs = READY_TIMEOUT_MS): Promise<number> {
  return waitUntil(
    'the bot to say it is listening',
    () => {
      const line = bot
        .output()
        .split('\n')
        .find((l) => l.includes('Placement Stability Bot listening'));
      if (line) return JSON.parse(line).port as number;
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) throw new Error(`the bot exited before listening:\n${bot.output()}`);
      return undefined;
    },
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${bot.output()}`);
  });
}

/** Polls `predicate` until it returns a truthy value, which it resolves with. */
export async function waitUntil<T>(what: string, predicate: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = SETTLE_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves when the process exits, with its exit code. */
export const exitCodeOf = (bot: BotProcess): Promise<number | null> => bot.exited.then((e) => e.code);

// Small helpers shared by the bench scripts: timing with memory figures, child processes that run
// TypeScript, and plain-text tables.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

export const MB = 1024 * 1024;

/** A full garbage collection, so memory figures show what is live rather than what is not yet collected. */
export const collectGarbage: () => void = (() => {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

export interface StepFigures {
  name: string;
  ms: number;
  /** Resident set size of the process right after the step (MB). */
  rssMb: number;
  /** V8 heap in use right after the step, before any collection (MB). */
  heapMb: number;
  /** The process's peak resident set size during the step (MB): everything it holds, not only the step's own. */
  peakRssMb: number;
  note?: string;
}

/**
 * Linux keeps the peak RSS in /proc/self/status (VmHWM) and lets a process reset it by writing 5 to
 * /proc/self/clear_refs, which gives the peak of each step. Elsewhere the peak since start is used.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function memoryNow(): { rssMb: number; heapMb: number; peakRssMb: number } {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapMb: m.heapUsed / MB, peakRssMb: peakRssMb() };
}

/** Runs `fn` once, timing it, with the peak RSS during it; garbage is collected before it starts. */
export async function step<T>(name: string, fn: () => T | Promise<T>, note?: (result: T) => string): Promise<{ result: T; figures: StepFigures }> {
  collectGarbage();
  resetPeakRss();
  const started = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const figures: StepFigures = { name, ms, ...memoryNow(), note: note?.(result) };
  return { result, figures };
}

/** Forks a TypeScript file of bench/ with an IPC channel (ts-node, transpile only). */
export function forkTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, execArgv: string[] = []): ChildProcess {
  return fork(path.join(__dirname, file), args, {
    execArgv: [...execArgv, '-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message from a child that satisfies `match` (rejects if the child exits first). */
export function nextMessage<T>(child: ChildProcess, match: (m: any) => boolean = () => true, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer from child process within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: any) => {
      if (m && m.error) return done(new Error(String(m.error)));
      if (match(m)) done(undefined, m as T);
    };
    const onExit = (code: number | null) => done(new Error(`child process exited (${code}) before answering`));
    function done(err?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends a request to a child process and waits for the answer with the same id. */
let requestIds = 0;
export async function ask<T>(child: ChildProcess, command: string, payload: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
  const id = ++requestIds;
  const answer = nextMessage<{ id: number; result: T }>(child, (m) => m && m.id === id, timeoutMs);
  child.send({ id, command, ...payload });
  return (await answer).result;
}

/** Waits briefly for a child that was asked to stop, then sends SIGTERM, then SIGKILL. */
export function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const term = setTimeout(() => child.kill('SIGTERM'), 2000);
    const kill = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.disconnect();
  });
}

/** A plain-text table; numbers right-aligned. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (/^[-+]?[\d.,]+( ?[%x×])?$/.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A Markdown table. */
export function markdownTable(headers: string[], rows: Array<Array<string | number>>): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export const fixed = (n: number, digits = 0): string => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// The bot as a newcomer runs it: a real process, configured only by the environment.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

function startProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [...TS_NODE, 'src/index.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function waitForListening(output: () => string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = output().split('\n').find((l) => l.includes('Placement Stability Bot listening'));
    if (line) return JSON.parse(line).port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bot did not start:\n${output()}`);
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('the bot process', () => {
  test('starts in local mode with the embedded store, answers /healthz, refuses a second writer, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-proc-'));
    const bot = startProcess({ PORT: '0', DATA_DIR: dataDir, BOT_ID: '' });
    try {
      const port = await waitForListening(bot.output);
      expect(bot.output()).toContain('local mode');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', store: 'embedded' });

      // psb on the same data folder refuses rather than writing beside the running bot.
      const cli = spawnSync(process.execPath, [...TS_NODE, 'src/cli/main.ts', 'roster', 'import', 'examples/roster.csv'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain('is in use by another process');

      bot.child.kill('SIGTERM');
      expect(await exitOf(bot.child)).toBe(0);
      expect(bot.output()).toContain('stopping');
    } finally {
      bot.child.kill('SIGKILL');
    }
  });

  test('a bad setting stops it with a message naming the variable and what is expected', async () => {
    const bot = startProcess({ PORT: 'eighty', BOT_TYPE: 'Personal', MONGODB_URI: 'postgres://x' });
    expect(await exitOf(bot.child)).toBe(2);
    expect(bot.output()).toContain('PORT: expected a port number');
    expect(bot.output()).toContain('BOT_TYPE: expected one of SingleTenant, MultiTenant, UserAssignedMSI');
    expect(bot.output()).toContain('MONGODB_URI: expected a MongoDB connection string');
    expect(bot.output()).not.toContain('postgres://x');
  });
});

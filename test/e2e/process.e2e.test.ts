// The bot as a newcomer runs it: a real process, configured only by the environment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exitCodeOf, killBotProcesses, listeningPort, ROOT, startBotProcess } from '../support/processes';

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

describe('the bot process', () => {
  afterEach(killBotProcesses);

  test('starts in local mode with the embedded store, answers /healthz, refuses a second writer, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-proc-'));
    const bot = startBotProcess({ PORT: '0', DATA_DIR: dataDir, BOT_ID: '' });
    try {
      const port = await listeningPort(bot);
      expect(bot.output()).toContain('local mode');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', store: 'embedded', undelivered: 0 });

      // psb on the same data folder refuses rather than writing beside the running bot.
      const cli = spawnSync(process.execPath, [...TS_NODE, 'src/cli/main.ts', 'roster', 'import', 'examples/roster.csv'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain('is in use by another process');

      bot.child.kill('SIGTERM');
      expect(await exitCodeOf(bot)).toBe(0);
      expect(bot.output()).toContain('stopping');
    } finally {
      bot.child.kill('SIGKILL');
    }
  }, 300_000);

  test('a bad setting stops it with a message naming the variable and what is expected', async () => {
    const bot = startBotProcess({ PORT: 'eighty', BOT_TYPE: 'Personal', MONGODB_URI: 'postgres://x' });
    expect(await exitCodeOf(bot)).toBe(2);
    expect(bot.output()).toContain('PORT: expected a port number');
    expect(bot.output()).toContain('BOT_TYPE: expected one of SingleTenant, MultiTenant, UserAssignedMSI');
    expect(bot.output()).toContain('MONGODB_URI: expected a MongoDB connection string');
    expect(bot.output()).not.toContain('postgres://x');
  }, 300_000);

  test('a port in use stops it with one line saying so and a non-zero exit; nothing says it listens in local mode', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const bot = startBotProcess({ PORT: String(port), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'psb-proc-busy-')), BOT_ID: '' });
      expect(await exitCodeOf(bot)).toBe(4);
      expect(bot.output()).toContain(`port ${port} is in use: set PORT or stop the other process\n`);
      expect(bot.output()).not.toContain('EADDRINUSE'); // no stack trace
      // It never listened, so no line says it listens on loopback in local mode, before or after the failure.
      expect(bot.output()).not.toContain('BOT_ID is not set');
    } finally {
      taken.close();
    }
  }, 300_000);
});

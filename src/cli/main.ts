// psb: the command line, run as `npm run -s psb -- <command>`. It finds the command by its words
// and runs it; commands are thin calls into the same services the chat uses.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { silentLogger, type ServiceContext } from '../services/context';
import { StoreLockedError } from '../store/embeddedStore';
import { openStore } from '../store/openStore';
import { openRecords } from '../store/records';
import { UsageError, type CliIo } from './command';
import { COMMANDS } from './commands';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Placement Stability Bot command line',
    '',
    'Usage: npm run -s psb -- <command>',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'With no MONGODB_URI the embedded store in DATA_DIR is used. It has one user at a time: stop',
    'the bot before running a command that uses the store, or configure MongoDB.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const command = COMMANDS.filter((c) => c.words.every((w, i) => positionals[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (!command) {
    io.out(usage());
    return positionals.length === 0 || ['help', '--help', '-h'].includes(positionals[0]) || values.help ? 0 : 2;
  }
  try {
    const args = { positionals: positionals.slice(command.words.length), flags: values as Record<string, string | boolean | string[]>, io };
    if (!command.needsStore) return await command.run({ ...args, ctx: null });
    const config = loadConfig(env);
    const store = await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR });
    try {
      const ctx: ServiceContext = { records: await openRecords(store), now: () => new Date(), log: silentLogger, onOutboxChanged: () => undefined };
      return await command.run({ ...args, ctx });
    } finally {
      await store.close();
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof StoreLockedError) {
      io.err(err.message);
      return 2;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`File not found: ${(err as NodeJS.ErrnoException).path}`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}

// psb: the command line, run as `npm run -s psb -- <command>`. It finds the command by its words
// and runs it; commands are thin calls into the same services the chat uses.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { silentLogger, type ServiceContext } from '../services/context';
import { StoreLockedError } from '../store/embeddedStore';
import { openStore } from '../store/openStore';
import { openRecords } from '../store/records';
import { UsageError, type CliCommand, type CliFlags, type CliIo } from './command';
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

/** The command's own words removed, its declared options read, and list options filled in order. */
function argsFor(command: CliCommand, argv: string[]): { positionals: string[]; flags: CliFlags } {
  const options = command.options ?? {};
  const { values, tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, options, tokens: true });
  const flags = { ...values } as CliFlags;
  const isList = (name: string) => options[name]?.type === 'string' && options[name]?.multiple === true;
  for (const name of Object.keys(flags)) if (isList(name)) flags[name] = [];

  const positionals: string[] = [];
  let list: string[] | null = null; // the list option that takes the words that follow
  for (const token of tokens) {
    if (token.kind === 'option') {
      list = isList(token.name) ? (flags[token.name] as string[]) : null;
      if (list && token.value !== undefined) list.push(token.value);
    } else if (token.kind === 'option-terminator') {
      list = null;
    } else if (list) {
      list.push(token.value);
    } else {
      positionals.push(token.value);
    }
  }
  return { positionals: positionals.slice(command.words.length), flags };
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const command = COMMANDS.filter((c) => c.words.every((w, i) => positionals[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (!command) {
    io.out(usage());
    return positionals.length === 0 || ['help', '--help', '-h'].includes(positionals[0]) || values.help ? 0 : 2;
  }
  try {
    const args = { ...argsFor(command, argv), io, env };
    const needsStore = command.needsStoreFor ? command.needsStoreFor(args.flags) : command.needsStore;
    if (!needsStore) return await command.run({ ...args, ctx: null, store: null });
    const config = loadConfig(env);
    const store = await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR });
    try {
      const ctx: ServiceContext = { records: await openRecords(store), now: () => new Date(), log: silentLogger, onOutboxChanged: () => undefined };
      return await command.run({ ...args, ctx, store });
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

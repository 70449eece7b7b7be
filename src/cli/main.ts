#!/usr/bin/env node
// psb: the command line, run as `npm run -s psb -- <command>`. It finds the command by its words
// and runs it; commands are thin calls into the same services the chat uses.
import { ConfigError, loadConfig } from '../config';
import { silentLogger, type ServiceContext } from '../services/context';
import { InvalidInputError, NotFoundError } from '../services/errors';
import { StoreLockedError } from '../store/embeddedStore';
import { openStore } from '../store/openStore';
import { openRecords } from '../store/records';
import { helpText, usageLine, USAGE_PREFIX, UsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { parseCommandLine, shown } from './parse';

function overview(): string {
  const lines = COMMANDS.map((c) => [usageLine(c), c.summary]);
  const width = Math.max(...lines.map(([usage]) => usage.length));
  return [
    'Placement Stability Bot command line',
    '',
    `Usage: ${USAGE_PREFIX} <command>   (${USAGE_PREFIX} <command> --help describes one)`,
    '',
    ...lines.map(([usage, summary]) => `  ${usage.padEnd(width)}  ${summary}`),
    '',
    'With no MONGODB_URI the embedded store in DATA_DIR is used. It has one user at a time: stop',
    'the bot before running a command that uses the store, or configure MongoDB.',
  ].join('\n');
}

/** The command whose words begin the line (the longest such: `digest preview` before a `digest`). */
function commandOf(argv: string[]): CliCommand<any, any> | undefined {
  return COMMANDS.filter((c) => c.words.every((w, i) => argv[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
}

export async function runCli(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = commandOf(argv);
  if (!command) {
    if (argv.length === 0 || (['help', '--help', '-h'].includes(argv[0]) && argv.length === 1)) {
      io.out(overview());
      return 0;
    }
    if (argv[0] === 'help' && commandOf(argv.slice(1))) {
      io.out(helpText(commandOf(argv.slice(1))!));
      return 0;
    }
    const words =
      argv
        .filter((w) => !w.startsWith('-'))
        .slice(0, 2)
        .join(' ') || argv[0];
    io.err(`Unknown command: ${/^[\w .:@/-]*$/.test(words) ? words : shown(words)}`);
    io.err(overview());
    return 2;
  }

  let parsed;
  try {
    parsed = parseCommandLine(command, argv.slice(command.words.length));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    usageProblem(io, command, err.message);
    return 2;
  }
  if (parsed.help) {
    io.out(helpText(command));
    return 0;
  }

  try {
    const input = { args: parsed.args, options: parsed.options, io, env };
    const needsStore = command.needsStoreFor ? command.needsStoreFor(parsed.options) : command.needsStore;
    if (!needsStore) return await command.run({ ...input, ctx: null, store: null });
    const config = loadConfig(env);
    const store = await openStore({ mongodbUri: config.MONGODB_URI, mongodbDb: config.MONGODB_DB, dataDir: config.DATA_DIR });
    try {
      const ctx: ServiceContext = { records: await openRecords(store), now: () => new Date(), log: silentLogger, onOutboxChanged: () => undefined };
      return await command.run({ ...input, ctx, store });
    } finally {
      await store.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      usageProblem(io, command, err.message);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof StoreLockedError || err instanceof InvalidInputError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof NotFoundError) {
      io.err(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`File not found: ${(err as NodeJS.ErrnoException).path}`);
      return 2;
    }
    throw err;
  }
}

/** What is wrong with the line, then how the command is written. */
function usageProblem(io: CliIo, command: CliCommand<any, any>, problem: string): void {
  io.err(`psb ${command.words.join(' ')}: ${problem}`);
  io.err(`usage: ${USAGE_PREFIX} ${usageLine(command)}`);
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

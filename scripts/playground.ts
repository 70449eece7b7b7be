// `npm run playground`: try the bot in a Teams-like client on your own machine, no Microsoft 365
// tenant needed. Starts the bot in local mode with the embedded store in .playground-data/ (the
// made-up example roster and children are loaded on first run), then one Microsoft 365 Agents
// Playground per person, each in its own browser tab. Ctrl+C stops everything.
//
//   npm run playground                 everyone (six Playgrounds)
//   npm run playground -- sam hana     only these people
//   npm run playground -- --fresh      start again from the example data
//   npm run playground -- --write-config   rewrite playground/.m365agentsplayground.yml
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startBot, type RunningBot } from '../src/startBot';
import { StoreLockedError } from '../src/store/embeddedStore';
import {
  CONFIG_FILE_NAME,
  PLAYGROUND_DIR,
  PLAYGROUND_PEOPLE,
  PLAYGROUND_TEAM,
  playgroundCli,
  playgroundConfigYaml,
  playgroundLogFile,
  playgroundPerson,
  startPlaygroundProcess,
  writePlaygroundFolder,
  type PlaygroundPerson,
  type PlaygroundProcess,
} from './playgroundSetup';

const ROOT = path.resolve(__dirname, '..');
const WORK_DIR = path.join(ROOT, '.playground-data');
const FIRST_PORT = 56150;
/** Playgrounds started at once: each is a Node process that is busy for its first seconds. */
const AT_ONCE = 2;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--write-config')) {
    writeFileSync(path.join(PLAYGROUND_DIR, CONFIG_FILE_NAME), playgroundConfigYaml('sam'));
    process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(PLAYGROUND_DIR, CONFIG_FILE_NAME))}\n`);
    return;
  }
  if (!playgroundCli()) fail('The Microsoft 365 Agents Playground is not installed. Run `npm install` (it is a devDependency) and try again.');
  let people;
  try {
    const keys = args.filter((a) => !a.startsWith('--'));
    people = keys.length ? keys.map(playgroundPerson) : PLAYGROUND_PEOPLE;
  } catch (err) {
    fail((err as Error).message);
  }

  const storeDir = path.join(WORK_DIR, 'store');
  if (args.includes('--fresh')) rmSync(storeDir, { recursive: true, force: true });
  // Only the settings a local run needs: a BOT_ID in your shell must not switch off local mode here.
  let config;
  try {
    config = loadConfig({ PORT: process.env.PORT ?? '3978', DATA_DIR: storeDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', GUIDANCE_DIR: process.env.GUIDANCE_DIR });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  let bot: RunningBot;
  try {
    bot = await startBot(config, { log: createLogger(config.LOG_LEVEL) });
  } catch (err) {
    if (err instanceof StoreLockedError) fail(`${err.message}\nIs another \`npm run playground\` running?`);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`Port ${config.PORT} is in use (is \`npm start\` running?). Stop it, or run with PORT=3979 npm run playground.`);
    throw err;
  }
  const botEndpoint = `http://127.0.0.1:${bot.port}/api/messages`;
  process.stdout.write(`The bot is listening at ${botEndpoint}; starting ${people.length} Playground(s), ${AT_ONCE} at a time...\n`);

  const playgrounds: PlaygroundProcess[] = [];
  const stopAll = async () => {
    await Promise.all(playgrounds.map((p) => p.stop()));
    await bot.stop();
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('\nStopping the Playgrounds and the bot...\n');
      void stopAll().then(() => process.exit(0));
    });
  }

  // A few at a time, each waited on until it prints its own "Listening on N", and tried once more
  // if it fails: six started together on a busy 2-core machine could each miss a fixed limit.
  const startOne = async (person: PlaygroundPerson): Promise<PlaygroundProcess> => {
    // Sam's Playground runs from the committed playground/ folder; the others from generated copies.
    const cwd = person.key === 'sam' ? PLAYGROUND_DIR : writePlaygroundFolder(path.join(WORK_DIR, 'playground', person.key), person.key);
    const port = FIRST_PORT + PLAYGROUND_PEOPLE.indexOf(person);
    try {
      return await startPlaygroundProcess({ cwd, person, botEndpoint, port });
    } catch (err) {
      process.stdout.write(`${(err as Error).message.split('\n')[0]}; trying once more\n`);
      try {
        return await startPlaygroundProcess({ cwd, person, botEndpoint, port });
      } catch (again) {
        throw new Error(`${person.name}'s Playground failed to start twice. ${(again as Error).message}\nIts log: ${path.relative(process.cwd(), playgroundLogFile(cwd))}`, {
          cause: again,
        });
      }
    }
  };
  const waiting = [...people];
  const starters = Array.from({ length: Math.min(AT_ONCE, waiting.length) }, async () => {
    for (let person = waiting.shift(); person && !stopping; person = waiting.shift()) {
      try {
        playgrounds.push(await startOne(person));
      } catch (err) {
        waiting.length = 0; // start no one else
        throw err;
      }
      process.stdout.write(`  ${person.name}'s Playground is up (${playgrounds.length} of ${people.length})\n`);
    }
  });
  const failed = (await Promise.allSettled(starters)).find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    fail((failed.reason as Error).message);
  }
  playgrounds.sort((a, b) => PLAYGROUND_PEOPLE.indexOf(a.person) - PLAYGROUND_PEOPLE.indexOf(b.person));

  const width = Math.max(...playgrounds.map((p) => p.person.name.length));
  process.stdout.write(
    [
      '',
      `Placement Stability Bot (local mode) at ${botEndpoint}, data in ${path.relative(process.cwd(), storeDir)}`,
      "Open each person in their own browser tab; each tab is that person's Teams:",
      ...playgrounds.map((p) => `  ${p.person.name.padEnd(width)}  ${p.url}   ${p.person.role}`),
      '',
      `Start as Sam: type "request a move". Then, as Hana, say "hi" to get the approval card. In the team "${PLAYGROUND_TEAM.name}",`,
      `channel "${PLAYGROUND_TEAM.managersChannel.name}", Tom can @mention the bot: "digest here North", then "digest now".`,
      'The README\'s "Try it in the Playground" has the whole walkthrough. Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

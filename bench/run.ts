// `npm run bench`: the performance figures of issues 5 and 7, printed and saved to bench/results.md.
// Nothing here asserts a timing: it measures, prints, and says which targets were met.
//
//   npm run bench                      data scale + load (both stores) + 100,000-turn soak
//   npm run bench -- --parts=data      only some parts (data, load, soak; comma-separated)
//   npm run bench -- --parts=load --phases=writes   only the submit and approval phases of the load
//   npm run bench -- --soak-turns=20000 --seconds=6 --rounds=2 --requests-per-user=10 --backends=embedded
//
// Parts run in processes of their own: the data-scale steps in one (so its memory is its own), and
// for the load the connector stand-in, the echo bot, the real bot and the MongoDB-wire server each
// in theirs, with autocannon in this one.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataScaleResult } from './dataScale';
import { dataScaleTable } from './dataScale';
import { fixed, forkTs, markdownTable, nextMessage, table } from './lib';
import { CONNECTIONS, LOAD_HEADERS, MAX_STORE_OPS, TARGET_PHASES, WRITE_PHASES, loadRows, loadTable, runLoad, runSoak, type LoadResult, type SoakResult } from './load';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'] as const;
  }),
);
const parts = new Set((args.get('parts') ?? 'data,load,soak').split(','));
const seconds = Number(args.get('seconds') ?? 12);
const rounds = Number(args.get('rounds') ?? 3);
const requestsPerUser = Number(args.get('requests-per-user') ?? 20);
const soakTurns = Number(args.get('soak-turns') ?? 100_000);
const backends = (args.get('backends') ?? 'embedded,mongodb').split(',') as Array<'embedded' | 'mongodb'>;
const writesOnly = args.get('phases') === 'writes';
const log = (line: string) => console.log(line);

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try {
    nproc = execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // not on Linux
  }
  return `${nproc} CPUs (nproc; ${cpu}), ${fixed(os.totalmem() / 1024 ** 3, 1)} GB memory, Node ${process.version}, ${os.type()} ${os.release()}`;
}

async function dataScale(): Promise<DataScaleResult> {
  const child = forkTs('dataScale.ts', [], {}, ['--expose-gc']);
  return (await nextMessage<{ dataScale: DataScaleResult }>(child, (m) => m && m.dataScale, 15 * 60_000)).dataScale;
}

async function main(): Promise<void> {
  const started = Date.now();
  const when = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  log(`Placement Stability Bot bench, ${when}\nMachine: ${machine()}\nLoad average (1 min) at start: ${fixed(loadAtStart, 2)}\n`);

  let data: DataScaleResult | null = null;
  let load: LoadResult | null = null;
  let soak: SoakResult | null = null;

  if (parts.has('data')) {
    log('== Data scale (issue 5): 10,000 children, 100,000 episodes, five annual returns ==');
    data = await dataScale();
    log('');
  }
  if (parts.has('load')) {
    log(`== Load (issue 7): ${CONNECTIONS} simulated Teams users at once, loopback HTTP, autocannon ==`);
    load = await runLoad({ seconds, rounds, requestsPerUser, backends, writesOnly, log });
    log('');
  }
  if (parts.has('soak')) {
    log(`== Soak: ${soakTurns.toLocaleString('en-GB')} guidance-question turns on the embedded store, ${CONNECTIONS} users at once ==`);
    soak = await runSoak(soakTurns, log);
    log('');
  }

  // ---- summary ----
  const sections: string[] = [];
  const busy = `Load average (1 min) ${fixed(loadAtStart, 2)} at the start and ${fixed(os.loadavg()[0], 2)} at the end: anything else running on the machine shares its ${os.availableParallelism?.() ?? os.cpus().length} CPUs with the bench, and figures move by a fifth or more from run to run when it is busy.`;
  const markdown: string[] = [
    `# Bench results\n\nTaken ${when} with \`npm run bench\` on: ${machine()}. ${busy}\n`,
    'Figures only; no test asserts a timing. Re-run `npm run bench` to refresh this file.\n',
  ];
  if (data) {
    sections.push(
      `Data scale: ${data.children.toLocaleString('en-GB')} children, ${data.episodes.toLocaleString('en-GB')} episodes (${data.rows.toLocaleString('en-GB')} rows in 5 returns, ${fixed(data.csvMb, 1)} MB of CSV, ${data.junkRows} unreadable rows on purpose). Targets: 2 s and 500 MB each.\n${dataScaleTable(data)}`,
    );
    markdown.push(
      `## Data scale (issue 5)\n\n${data.children.toLocaleString('en-GB')} generated children with ${data.episodes.toLocaleString('en-GB')} episodes over five years (${data.rows.toLocaleString('en-GB')} rows in five annual returns, ${fixed(data.csvMb, 1)} MB of CSV, ${data.junkRows} unreadable rows on purpose). Target: each step within 2 s, memory under 500 MB. Peak RSS is the data-scale process's during the step (it holds the embedded store's data in memory).\n`,
      markdownTable(
        ['step', 'time (ms)', 'peak RSS (MB)', 'heap after (MB)', 'target', 'note'],
        data.steps.map((s) => [
          s.name,
          fixed(s.ms),
          fixed(s.peakRssMb),
          fixed(s.heapMb),
          s.target ? (s.ms <= 2000 && s.peakRssMb <= 500 ? 'met' : '**missed**') : '-',
          s.note ?? '',
        ]),
      ),
      '',
    );
  }
  if (load) {
    sections.push(
      `Load: ${CONNECTIONS} connections, targets for ${TARGET_PHASES.join(' and ')}: >= 0.5x echo turns/s and <= 2x echo p99; for ${WRITE_PHASES.join(' and ')}: <= ${MAX_STORE_OPS} store ops/turn and >= 0.5x echo turns/s.\n${loadTable(load)}\n${load.notes.join('\n')}`,
    );
    markdown.push(
      `## Load (issue 7)\n\n${CONNECTIONS} simulated Teams users at once (autocannon, ${CONNECTIONS} connections, loopback HTTP), each request a Teams-shaped activity from a roster user of its own (50 social workers, 50 Heads of Service); the bots' connector calls answered by bench/connector.ts in its own process. The echo bot is a bare teams-ai Application on the same botbuilder/teams-ai/restify stack. The guidance question and the move form ran ${seconds} s on each bot, in ${rounds} rounds alternating echo bot and bot; move submits are one per child (${requestsPerUser} per social worker, so none is refused), approvals one per pending request by its team's Head of Service; "move submit again" presses Send for approval for a child whose request is already open (refused). Latencies are per request, from sending to the full answer. Target for the guidance question and the move form: at least 0.5x the echo bot's turns/s and at most 2x its p99. Target for a move submit and an approval (issue 12): at most ${MAX_STORE_OPS} store operations per turn (every store call made while the bot processes the activity, averaged over the phase, to one decimal; the outbox sender's work is not the turn's) and at least 0.5x the echo bot's turns/s.\n`,
      markdownTable(
        LOAD_HEADERS,
        loadRows(load.phases).map((r) => r.map((c) => (c === 'NO' ? '**no**' : c))),
      ),
      '',
      ...load.notes.map((n) => `- ${n}`),
      '',
    );
  }
  if (soak) {
    const first = soak.samples[0];
    const last = soak.samples[soak.samples.length - 1];
    const line = `Soak: ${soak.turns.toLocaleString('en-GB')} guidance turns in ${fixed(soak.seconds)} s (${fixed(soak.turnsPerSecond)} turns/s, worst p99 ${fixed(soak.p99)} ms, ${soak.failures} failed). Bot RSS after a full GC: ${fixed(first.rssMb)} MB at the start, ${fixed(last.rssMb)} MB at the end (heap ${fixed(first.heapMb)} -> ${fixed(last.heapMb)} MB).`;
    const rows = soak.samples.map((s) => [s.turns, fixed(s.rssMb), fixed(s.heapMb), fixed(s.heapTotalMb), fixed(s.externalMb)]);
    sections.push(`${line}\n${table(['turns', 'RSS MB', 'heap used MB', 'heap total MB', 'external MB'], rows)}`);
    markdown.push(
      `## Soak\n\n${line} Memory read after a full garbage collection in the bot process, every 10,000 turns.\n`,
      markdownTable(['turns done', 'RSS (MB)', 'heap used (MB)', 'heap total (MB)', 'external (MB)'], rows),
      '',
    );
  }

  log('================================ Summary ================================');
  log(`Machine: ${machine()}\n${busy}\n`);
  log(sections.join('\n\n'));
  const minutes = (Date.now() - started) / 60_000;
  log(`\nBench took ${fixed(minutes, 1)} min.`);
  markdown.push(`Bench took ${fixed(minutes, 1)} min.\n`);
  const file = path.join(__dirname, 'results.md');
  if (writesOnly) return log('Not saved: a run of the write phases only leaves bench/results.md as it was.');
  writeFileSync(file, parts.size === 3 || !existsSync(file) ? markdown.join('\n') : withSectionsReplaced(readFileSync(file, 'utf8'), markdown.join('\n'), when));
  log(`Saved to ${path.relative(process.cwd(), file)}`);
}

/**
 * After a run of some parts only: the earlier results with the sections of the parts that ran
 * replaced (each "## " section by its title), and a line saying which were refreshed when.
 */
function withSectionsReplaced(earlier: string, fresh: string, when: string): string {
  const sectionsOf = (text: string) => text.split(/^(?=## )/m);
  const freshSections = new Map(
    sectionsOf(fresh)
      .filter((x) => x.startsWith('## '))
      .map((x) => [x.split('\n')[0], x]),
  );
  // (an earlier line saying these same sections were refreshed is out of date once they are replaced)
  const superseded = (line: string) => [...line.matchAll(/"([^"]+)"/g)].every(([, title]) => freshSections.has(`## ${title}`));
  const merged = sectionsOf(earlier)
    .map((x) => freshSections.get(x.split('\n')[0]) ?? x)
    .join('')
    .replace(/^Sections? "[^\n]*" refreshed [^\n]*\n\n/gm, (line) => (superseded(line) ? '' : line));
  return merged.replace(
    /^(# Bench results\n\n)/,
    `$1Sections ${[...freshSections.keys()].map((t) => `"${t.slice(3)}"`).join(', ')} refreshed ${when} (\`npm run bench -- --parts=${[...parts].join(',')}\`); the others are from the run below.\n\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

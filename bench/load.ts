// Load (issue 7 item 1): the real bot, in its own process, driven over loopback HTTP by autocannon
// with 50 simulated Teams users at once, its connector calls answered by bench/connector.ts; the
// same load against a bare echo bot on the same stack, for the ratios. Also the soak: many guidance
// turns with the bot's memory read before and after.
import type { ChildProcess } from 'node:child_process';
import { startWireServer, type WireServer } from '../test/support/mongoWire';
import { validMoveForm } from '../test/support/moveForm';
import { ask, fixed, forkTs, nextMessage, stopChild, table } from './lib';

// autocannon ships no types; the few fields used here are typed below.
const autocannon: (opts: Record<string, unknown>) => Promise<AutocannonResult> = require('autocannon');

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  latency: { p50: number; p99: number; max: number; totalCount: number; average: number };
}

export const CONNECTIONS = 50;
/** How long the bench watches the outbox drain after the load (it reports the rate, not a target). */
const DRAIN_WAIT_MS = 20_000;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export type Target = 'echo bot (with embedded)' | 'echo bot (with MongoDB)' | 'bot, embedded store' | 'bot, MongoDB wire server';

export interface PhaseResult {
  target: Target;
  phase: string;
  requests: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  /** What the answers said, checked from the response bodies or the connector. */
  outcome: string;
  /** Store operations per turn (the real bot only), and the busiest kinds of them. */
  storeOpsPerTurn: number | null;
  storeOpsDetail: string;
  /** CPU time of the answering process per turn, in ms (user + system; the real bot's includes its outbox sender). */
  cpuMsPerTurn: number | null;
}

// ---- the simulated people ----------------------------------------------------------------------

export interface BenchUser {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  team: string;
}

const nn = (i: number) => String(i + 1).padStart(2, '0');
const guid = (group: string, i: number) => `00000000-0000-4000-${group}-${String(i + 1).padStart(12, '0')}`;

/** One team per social worker, each with its own Head of Service; one placements officer for all. */
export function benchPeople(count = CONNECTIONS) {
  const team = (i: number) => `Load ${nn(i)}`;
  const socialWorkers: BenchUser[] = Array.from({ length: count }, (_, i) => ({
    id: `29:sw-${nn(i)}`,
    name: `Social Worker ${nn(i)}`,
    aadObjectId: guid('8000', i),
    email: `sw-${nn(i)}@bench.example`,
    team: team(i),
  }));
  const heads: BenchUser[] = Array.from({ length: count }, (_, i) => ({
    id: `29:hos-${nn(i)}`,
    name: `Head of Service ${nn(i)}`,
    aadObjectId: guid('9000', i),
    email: `hos-${nn(i)}@bench.example`,
    team: team(i),
  }));
  const placements: BenchUser = { id: '29:placements-01', name: 'Placements Officer', aadObjectId: guid('a000', 0), email: 'placements-01@bench.example', team: '*' };
  return { socialWorkers, heads, placements, everyone: [...socialWorkers, ...heads, placements] };
}

/**
 * The roster and the children list: each social worker has `caseload` children; the first
 * `caseload` are theirs for the move form and each takes exactly one move request (a fresh child
 * per request, since the bot refuses a second open request for the same child).
 */
export function benchSeed(caseload: number, count = CONNECTIONS) {
  const people = benchPeople(count);
  const roster = [
    'email,name,aadObjectId,roles,teams',
    ...people.socialWorkers.map((u) => `${u.email},${u.name},${u.aadObjectId},social_worker,${u.team}`),
    ...people.heads.map((u) => `${u.email},${u.name},${u.aadObjectId},head_of_service,${u.team}`),
    `${people.placements.email},${people.placements.name},${people.placements.aadObjectId},placements_team,*`,
  ].join('\n');
  const childRef = (sw: number, k: number) => `LD-${nn(sw)}-${String(k + 1).padStart(3, '0')}`;
  const children = [
    'caseRef,name,dateOfBirth,team,legalStatus,placementType,placementProvider,placementStart,carerName,carerEmail,socialWorker,supervisingSocialWorker,iro',
    ...people.socialWorkers.flatMap((u, i) =>
      Array.from({ length: caseload }, (_, k) => `${childRef(i, k)},Child ${nn(i)}-${k + 1},2012-05-0${1 + (k % 9)},${u.team},C2,U4,PR1,2025-09-01,Carer ${k + 1},,${u.email},,`),
    ),
  ].join('\n');
  return { people, roster, children, childRef };
}

// ---- Teams-shaped activities ---------------------------------------------------------------------

let activitySeq = 0;
function activity(user: BenchUser, serviceUrl: string, type: 'message' | 'invoke', extra: Record<string, unknown>): string {
  return JSON.stringify({
    type,
    id: `act-${++activitySeq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:bot-id', name: 'Placement Stability Bot' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    ...extra,
  });
}

export const message = (user: BenchUser, serviceUrl: string, text: string) => activity(user, serviceUrl, 'message', { text });
const press = (user: BenchUser, serviceUrl: string, verb: string, data: Record<string, unknown>) =>
  activity(user, serviceUrl, 'invoke', { name: 'adaptiveCard/action', replyToId: `msg-${activitySeq}`, value: { action: { type: 'Action.Execute', verb, data } } });

/** Questions social workers ask, each answered from the guidance pack. */
export const QUESTIONS = [
  "the carer says she can't cope any more, what do I do?",
  'who has to approve an unplanned move?',
  'how soon after a move do I visit the child?',
  'do I need to tell the virtual school before a move?',
  'what is a disruption meeting?',
];

// ---- processes -------------------------------------------------------------------------------------

interface Started {
  child: ChildProcess;
  port: number;
}

/** BENCH_NODE_ARGS adds Node options to the bot processes (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them). */
export async function startProcess(file: string, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const extra = file === 'connector.ts' ? [] : (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = forkTs(file, [], env, ['--expose-gc', '--no-deprecation', ...extra]);
  const ready = await nextMessage<{ port: number }>(child, (m) => m && m.ready);
  return { child, port: ready.port };
}

/** The real bot in its own process, with the bench's roster and children imported before it starts. */
export async function startBot(env: NodeJS.ProcessEnv, seed: { roster: string; children: string }): Promise<Started> {
  const process = await startProcess('botProcess.ts', env);
  const started = await ask<{ port: number; problems: unknown[] }>(process.child, 'seed', { roster: seed.roster, children: seed.children }, 600_000);
  if (started.problems.length) throw new Error(`seeding the bot failed: ${JSON.stringify(started.problems)}`);
  return { child: process.child, port: started.port };
}

// ---- one load phase ---------------------------------------------------------------------------------

interface PhaseSpec {
  phase: string;
  /** A request body for the n-th request of the phase (n from 0). */
  body: (n: number) => string;
  /** Fixed number of requests, or a duration in seconds. */
  amount?: number;
  seconds?: number;
  /** Classifies each answer body (invokes answer in the HTTP response; messages through the connector). */
  classify?: (body: string) => string;
}

/** One autocannon run, with every request's latency recorded here (so that rounds can be merged). */
interface Run {
  seconds: number;
  latencies: number[];
  failures: number;
  non2xx: number;
  answers: Map<string, number>;
  bodies: string[];
  /** Messages the bot sent to the connector during the run. */
  sent: number;
  /** Store operations the bot's turns made during the run, by collection and operation (null: not counted). */
  storeOps: Record<string, number> | null;
  /** CPU time the answering process used during the run, in ms (null: not measured). */
  cpuMs: number | null;
}

/** The difference of two store-operation counts. */
function opsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)])
      .filter(([, v]) => (v as number) > 0),
  );
}

/**
 * One autocannon run against the bot at `port`. `bot` (the real bot) is asked for its store
 * operations; `answering` (the process at `port`, the real bot by default) for its CPU time.
 */
export async function runOnce(port: number, spec: PhaseSpec, connector: Started | null, bot: Started | null = null, answering: Started | null = bot): Promise<Run> {
  let n = 0;
  const answers = new Map<string, number>();
  const bodies: string[] = [];
  const latencies: number[] = [];
  // The run's time is from its first request to its last answer: autocannon only notices the end
  // of a count-bound run at its next one-second tick, which would understate short runs.
  let first: bigint | null = null;
  let last: bigint | null = null;
  const before = connector ? await ask<{ sent: number }>(connector.child, 'counts') : null;
  const opsBefore = bot ? await ask<Record<string, number>>(bot.child, 'storeOps') : null;
  const cpuBefore = answering ? await ask<number>(answering.child, 'cpu') : null;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    pipelining: 1,
    timeout: 20,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.seconds ?? 10 }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // The context lives from building a request to its response (autocannon renews it for the next one).
        setupRequest: (req: Record<string, unknown>, context: { sentAt?: bigint }) => {
          context.sentAt = process.hrtime.bigint();
          first ??= context.sentAt;
          return { ...req, body: spec.body(n++) };
        },
        onResponse: (status: number, body: string, context: { sentAt?: bigint }) => {
          last = process.hrtime.bigint();
          if (context.sentAt !== undefined) latencies.push(Number(last - context.sentAt) / 1e6);
          if (!spec.classify) return;
          const kind = status >= 300 ? `HTTP ${status}` : spec.classify(body);
          answers.set(kind, (answers.get(kind) ?? 0) + 1);
          bodies.push(body);
        },
      },
    ],
  });
  const after = connector ? await ask<{ sent: number }>(connector.child, 'counts') : null;
  const opsAfter = bot ? await ask<Record<string, number>>(bot.child, 'storeOps') : null;
  const cpuAfter = answering ? await ask<number>(answering.child, 'cpu') : null;
  return {
    cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    storeOps: opsBefore && opsAfter ? opsBetween(opsBefore, opsAfter) : null,
    seconds: first !== null && last !== null ? Number((last as bigint) - first) / 1e9 : result.duration,
    latencies,
    failures: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    answers,
    bodies,
    sent: before && after ? after.sent - before.sent : 0,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Several runs of one phase as one result: turns over the time they took, percentiles over all their latencies. */
function summarise(target: Target, phase: string, runs: Run[]): PhaseResult & { bodies: string[] } {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const answers = new Map<string, number>();
  for (const r of runs) for (const [k, v] of r.answers) answers.set(k, (answers.get(k) ?? 0) + v);
  const ok = latencies.length - runs.reduce((t, r) => t + r.non2xx, 0);
  const ops = runs.every((r) => r.storeOps)
    ? runs.reduce<Record<string, number>>((t, r) => {
        for (const [k, v] of Object.entries(r.storeOps!)) t[k] = (t[k] ?? 0) + v;
        return t;
      }, {})
    : null;
  const totalOps = ops ? Object.values(ops).reduce((a, b) => a + b, 0) : 0;
  const cpuMs = runs.every((r) => r.cpuMs !== null) ? runs.reduce((t, r) => t + r.cpuMs!, 0) : null;
  return {
    cpuMsPerTurn: cpuMs !== null && latencies.length ? cpuMs / latencies.length : null,
    storeOpsPerTurn: ops && latencies.length ? totalOps / latencies.length : null,
    storeOpsDetail:
      ops && latencies.length
        ? Object.entries(ops)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${fixed(v / latencies.length, 1)}`)
            .join(', ')
        : '',
    target,
    phase,
    requests: latencies.length,
    seconds,
    turnsPerSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    failures: runs.reduce((t, r) => t + r.failures, 0),
    outcome: answers.size > 0 ? [...answers].map(([k, v]) => `${v} ${k}`).join(', ') : `${runs.reduce((t, r) => t + r.sent, 0)} replies sent to Teams`,
    bodies: runs.flatMap((r) => r.bodies),
  };
}

export async function runPhase(target: Target, port: number, spec: PhaseSpec, connector: Started | null): Promise<PhaseResult & { bodies: string[] }> {
  return summarise(target, spec.phase, [await runOnce(port, spec, connector)]);
}

// ---- the whole load run -------------------------------------------------------------------------------

export interface LoadOptions {
  /** Seconds of load per bot for each duration-bound phase (guidance question, move form), split into rounds. */
  seconds: number;
  /** Rounds the duration-bound phases are split into, alternating echo bot and bot. */
  rounds: number;
  /** Move requests per social worker (and so approvals per Head of Service). */
  requestsPerUser: number;
  backends: Array<'embedded' | 'mongodb'>;
  /** Only the write phases (submit, approval): quicker when working on those. */
  writesOnly?: boolean;
  log: (line: string) => void;
}

export interface LoadResult {
  phases: PhaseResult[];
  notes: string[];
}

/** Phases whose targets the issue sets (the others are printed with their ratios for information). */
export const TARGET_PHASES = ['guidance question', 'move form ("request a move")'];
/** Issue 12: a submit and an approval make at most this many store operations, and run at least 0.5x the echo bot's turns per second. */
export const MAX_STORE_OPS = 8;
export const WRITE_PHASES = ['move submit (fresh child each)', 'approval (move.decide)'];

export const echoTarget = (bot: Target): Target => (bot === 'bot, embedded store' ? 'echo bot (with embedded)' : 'echo bot (with MongoDB)');

/**
 * For each store: the real bot and the echo bot side by side. The duration-bound phases alternate
 * between the two in short rounds, so that whatever else the machine is doing weighs on both alike;
 * the count-bound phases (submit, approve) run on one straight after the other.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const phases: PhaseResult[] = [];
  const notes: string[] = [];
  const connector = await startProcess('connector.ts');
  const serviceUrl = `http://127.0.0.1:${connector.port}/`;
  const seed = benchSeed(options.requestsPerUser);
  const { socialWorkers, heads, everyone } = seed.people;
  const submits = socialWorkers.length * options.requestsPerUser;
  const record = (r: PhaseResult) => {
    phases.push(r);
    options.log(
      `    ${r.target.padEnd(26)} ${r.phase.padEnd(31)} ${fixed(r.turnsPerSecond).padStart(5)} turns/s${r.cpuMsPerTurn !== null ? `  CPU ${fixed(r.cpuMsPerTurn, 2)} ms/turn` : ''}  p50 ${fixed(r.p50).padStart(4)} ms  p99 ${fixed(r.p99).padStart(5)} ms  ${r.requests} turns${r.failures ? `, ${r.failures} FAILED` : ''}  ${r.outcome}${r.storeOpsPerTurn !== null ? `  store ops/turn ${fixed(r.storeOpsPerTurn, 1)} (${r.storeOpsDetail})` : ''}`,
    );
  };

  const guidanceBody = (n: number) => message(socialWorkers[n % socialWorkers.length], serviceUrl, QUESTIONS[n % QUESTIONS.length]);
  const formBody = (n: number) => message(socialWorkers[n % socialWorkers.length], serviceUrl, 'request a move');
  // Request n is for child n div (social workers) of social worker n mod (social workers): a fresh child every time.
  const submitBody = (n: number) =>
    press(
      socialWorkers[n % socialWorkers.length],
      serviceUrl,
      'move.submit',
      validMoveForm({ caseRef: seed.childRef(n % socialWorkers.length, Math.floor(n / socialWorkers.length) % options.requestsPerUser) }),
    );
  const classifySubmit = (body: string) =>
    body.includes('Sent for approval as PM-')
      ? 'sent for approval'
      : body.includes('is already')
        ? 'refused: already open'
        : body.includes('attention')
          ? 'refused: invalid'
          : 'other answer';
  const classifyDecide = (body: string) =>
    body.includes('Your decision is recorded')
      ? 'approved'
      : body.includes('already')
        ? 'refused: already decided'
        : body.includes('Only a Head of Service')
          ? 'refused: not permitted'
          : 'other answer';
  const roundSeconds = Math.max(2, Math.round(options.seconds / options.rounds));

  const echo = await startProcess('echoBot.ts');
  try {
    for (const backend of options.backends) {
      const target: Target = backend === 'embedded' ? 'bot, embedded store' : 'bot, MongoDB wire server';
      const echoName = echoTarget(target);
      options.log(`  ${target}, with the echo bot alongside`);
      let wire: WireServer | null = null;
      if (backend === 'mongodb') wire = await startWireServer();
      const bot = await startBot(wire ? { BENCH_MONGODB_URI: wire.uri } : {}, seed);
      try {
        // Everyone opens the bot once (so it can reach them later), then both bots warm up.
        await runOnce(bot.port, { phase: 'first contact', amount: everyone.length, body: (n) => message(everyone[n % everyone.length], serviceUrl, 'hi') }, null);
        for (const port of [echo.port, bot.port]) await runOnce(port, { phase: 'warm-up', seconds: 3, body: (n) => (n % 2 ? guidanceBody(n) : formBody(n)) }, null);

        for (const [phase, body] of options.writesOnly
          ? []
          : ([
              ['guidance question', guidanceBody],
              ['move form ("request a move")', formBody],
            ] as const)) {
          const echoRuns: Run[] = [];
          const botRuns: Run[] = [];
          for (let round = 0; round < options.rounds; round++) {
            echoRuns.push(await runOnce(echo.port, { phase, seconds: roundSeconds, body }, connector, null, echo));
            botRuns.push(await runOnce(bot.port, { phase, seconds: roundSeconds, body }, connector, bot));
          }
          record(summarise(echoName, phase, echoRuns));
          record(summarise(target, phase, botRuns));
        }

        const submitPhase = 'move submit (fresh child each)';
        // The echo bot's figure for a press is taken over seconds, not over the bot's count of turns: a
        // thousand echoes last well under a second, and such a short run moved its figure by half from run to run.
        record(
          summarise(echoName, submitPhase, [
            await runOnce(echo.port, { phase: submitPhase, seconds: roundSeconds, body: submitBody, classify: () => 'echoed' }, connector, null, echo),
          ]),
        );
        const submitted = summarise(target, submitPhase, [
          await runOnce(bot.port, { phase: submitPhase, amount: submits, body: submitBody, classify: classifySubmit }, connector, bot),
        ]);
        record(submitted);
        // The reference of each request, and the team it is for (the number in the child's reference is its social worker's).
        const requests = submitted.bodies.flatMap((b) => {
          const ref = /Sent for approval as (PM-\d{4}-\d+)/.exec(b)?.[1];
          const sw = /LD-(\d{2})-\d{3}/.exec(b)?.[1];
          return ref && sw ? [{ ref, head: heads[Number(sw) - 1] }] : [];
        });
        if (requests.length < submitted.requests) notes.push(`${target}: only ${requests.length} of ${submitted.requests} submit answers named their request and child.`);

        // Every social worker presses "Send for approval" again for a child that now has an open request: refused.
        record(
          summarise(target, 'move submit again (refused)', [
            await runOnce(bot.port, { phase: 'again', seconds: roundSeconds * 2, body: (n) => submitBody(n % submits), classify: classifySubmit }, connector, bot),
          ]),
        );

        const decidePhase = 'approval (move.decide)';
        const decideBody = (n: number) => press(heads[n % heads.length], serviceUrl, 'move.decide', { ref: `PM-0000-${n}`, outcome: 'approved', comment: '' });
        if (requests.length > 0) {
          record(
            summarise(echoName, decidePhase, [
              await runOnce(echo.port, { phase: decidePhase, seconds: roundSeconds, body: decideBody, classify: () => 'echoed' }, connector, null, echo),
            ]),
          );
          const approveBody = (n: number) => press(requests[n].head, serviceUrl, 'move.decide', { ref: requests[n].ref, outcome: 'approved', comment: '' });
          record(
            summarise(target, decidePhase, [await runOnce(bot.port, { phase: decidePhase, amount: requests.length, body: approveBody, classify: classifyDecide }, connector, bot)]),
          );
        }

        // The notifications the requests and decisions queued: how long the sender takes to deliver them.
        const drainStart = Date.now();
        let outbox = await ask<{ pending: number; sending: number; sent: number; failed: number; errors: string[] }>(bot.child, 'outbox');
        const queuedAtEnd = outbox.pending + outbox.sending;
        const sentAtEnd = outbox.sent;
        while (outbox.pending + outbox.sending > 0 && Date.now() - drainStart < DRAIN_WAIT_MS) {
          await new Promise((r) => setTimeout(r, 1000));
          outbox = await ask(bot.child, 'outbox');
        }
        const drainSeconds = (Date.now() - drainStart) / 1000;
        const left = outbox.pending + outbox.sending;
        const rate = fixed((outbox.sent - sentAtEnd) / Math.max(drainSeconds, 0.001));
        const note = `${target}: ${sentAtEnd + queuedAtEnd} notifications queued by the submits and approvals (approval cards, notices, card updates); ${queuedAtEnd} were still waiting when the load stopped, ${left === 0 ? `all delivered ${fixed(drainSeconds)} s later (${rate}/s)` : `${outbox.sent - sentAtEnd} delivered in the next ${fixed(drainSeconds)} s (${rate}/s, one outbox sender; the bench stops waiting there)`}; ${outbox.failed} failed${outbox.errors.length ? ` (${outbox.errors.join('; ')})` : ''}.`;
        notes.push(note);
        options.log(`    ${note}`);
      } finally {
        await ask(bot.child, 'stop', {}, 60_000).catch(() => undefined);
        await stopChild(bot.child);
        await wire?.stop();
      }
    }
  } finally {
    await stopChild(echo.child);
    await stopChild(connector.child);
  }
  return { phases, notes };
}

// ---- the soak -----------------------------------------------------------------------------------------

export interface SoakResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p99: number;
  failures: number;
  /** RSS and heap after a full collection, at each checkpoint (turns done so far). */
  samples: Array<{ turns: number; rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }>;
}

export async function runSoak(turns: number, log: (line: string) => void): Promise<SoakResult> {
  const connector = await startProcess('connector.ts');
  const serviceUrl = `http://127.0.0.1:${connector.port}/`;
  const seed = benchSeed(5);
  const bot = await startBot({}, seed);
  const samples: SoakResult['samples'] = [];
  try {
    const { socialWorkers } = seed.people;
    const body = (n: number) => message(socialWorkers[n % socialWorkers.length], serviceUrl, QUESTIONS[n % QUESTIONS.length]);
    // Warm up first (JIT, caches, every user's turn state exists), then measure from there.
    await runPhase('bot, embedded store', bot.port, { phase: 'warm-up', amount: 2000, body }, null);
    const sample = async (done: number) => {
      const m = await ask<{ rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number }>(bot.child, 'memory', { gc: true });
      samples.push({ turns: done, ...m });
      log(
        `    after ${String(done).padStart(6)} turns: RSS ${fixed(m.rssMb)} MB, heap used ${fixed(m.heapMb)} MB of ${fixed(m.heapTotalMb)} MB, external ${fixed(m.externalMb)} MB`,
      );
    };
    await sample(0);
    const chunk = 10_000;
    let done = 0;
    let seconds = 0;
    let failures = 0;
    let p99 = 0;
    while (done < turns) {
      const amount = Math.min(chunk, turns - done);
      const r = await runPhase('bot, embedded store', bot.port, { phase: 'soak', amount, body }, null);
      done += amount;
      seconds += r.seconds;
      failures += r.failures;
      p99 = Math.max(p99, r.p99);
      await sample(done);
    }
    return { turns: done, seconds, turnsPerSecond: done / seconds, p99, failures, samples };
  } finally {
    await ask(bot.child, 'stop', {}, 60_000).catch(() => undefined);
    await stopChild(bot.child);
    await stopChild(connector.child);
  }
}

/** The echo bot's figures for the same phase on the same store (a refused resubmit compares with a submit). */
export function echoFor(phases: PhaseResult[], p: PhaseResult): PhaseResult | undefined {
  if (p.target.startsWith('echo')) return undefined;
  const phase = p.phase === 'move submit again (refused)' ? 'move submit (fresh child each)' : p.phase;
  return phases.find((e) => e.target === echoTarget(p.target) && e.phase === phase);
}

export function loadRows(phases: PhaseResult[]): Array<Array<string | number>> {
  return phases.map((p) => {
    const base = echoFor(phases, p);
    const tput = base ? p.turnsPerSecond / base.turnsPerSecond : null;
    const lat = base ? p.p99 / base.p99 : null;
    const bot = !p.target.startsWith('echo');
    const met = TARGET_PHASES.includes(p.phase)
      ? tput !== null && lat !== null && tput >= 0.5 && lat <= 2 && p.failures === 0
      : // Store operations per turn as printed (one decimal): a roster cache refreshed once in thousands of turns does not tip it.
        tput !== null && tput >= 0.5 && p.storeOpsPerTurn !== null && Math.round(p.storeOpsPerTurn * 10) / 10 <= MAX_STORE_OPS && p.failures === 0;
    const targeted = bot && (TARGET_PHASES.includes(p.phase) || WRITE_PHASES.includes(p.phase));
    return [
      p.target,
      p.phase,
      fixed(p.turnsPerSecond),
      p.cpuMsPerTurn === null ? '-' : fixed(p.cpuMsPerTurn, 2),
      fixed(p.p50),
      fixed(p.p99),
      p.requests,
      p.failures,
      tput === null ? '-' : `${fixed(tput, 2)}x`,
      lat === null ? '-' : `${fixed(lat, 2)}x`,
      p.storeOpsPerTurn === null ? '-' : fixed(p.storeOpsPerTurn, 1),
      targeted ? (met ? 'yes' : 'NO') : '-',
      p.outcome,
    ];
  });
}

export const LOAD_HEADERS = [
  'target',
  'phase',
  'turns/s',
  'CPU ms/turn',
  'p50 ms',
  'p99 ms',
  'turns',
  'failed',
  'x echo turns/s',
  'x echo p99',
  'store ops/turn',
  'target met',
  'answers',
];

export function loadTable(result: LoadResult): string {
  return table(LOAD_HEADERS, loadRows(result.phases));
}

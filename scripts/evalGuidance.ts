// npm run eval:guidance: how well the guidance search answers questions, set by set.
//
// - the old regression set (test/guidance/questions.ts): written by the pack's authors, labelled
//   with the entry that should answer (target: top-1 at least 90%, no false answers);
// - the held-out sets (test/guidance/heldout/guidance-heldout.json and, when present,
//   guidance-heldout2.json), each written by someone who never saw the pack: the dev half (tuned
//   on; its misses are listed) and the test half (reported as figures only; `--no-test` leaves
//   both test halves out, and the third and fifth sets (guidance-heldout3.json, -5.json), all test;
//   `--show-test-misses` lists their misses, which must not be used for tuning);
//   judged on the facts a right answer must hold (target: test half at least 90% right, at most
//   1 in 20 near-miss questions answered);
// - how the dev halves' figures move with the confidence cut 10% either way (a cut the figures
//   fall off sharply beside is fitted to the dev questions);
// - every development set is asked of an index that does not know that set's own questions (the
//   known questions, src/guidance/knownQuestions.ts, come from the development sets), so its
//   figures say what a set nobody had asked before would get; the test and checking sets are never
//   among the known questions;
// - the shared sample (../shared/guidance-sample) when it is there;
// - the index at ten times today's size (synthetic council passages): answer latency p99 and
//   index memory (target: under 20 ms and under 50 MB). `--no-scale` leaves it out;
// - when a model is configured (OPENAI_API_KEY or AZURE_OPENAI_*), how its wording of the
//   headline changes the right answers (facts kept or lost).
//
// Run with --expose-gc (the npm script does) so the memory figure is after a full collection.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { evaluateFacts, evaluateGuidance, evaluateModelWording, type FactReport, type FactSet } from '../src/guidance/evaluate';
import { createGuidancePhraser, guidanceModelConfigSchema } from '../src/guidance/phrasing';
import { loadGuidancePack } from '../src/guidance/pack';
import type { GuidanceEntry } from '../src/guidance/types';
import { DEFAULT_MIN_CONFIDENCE, GuidanceIndex } from '../src/guidance/search';
import { KNOWN_QUESTIONS } from '../src/guidance/knownQuestions';
import type { CouncilPassage } from '../src/guidance/types';
import { COVERED_QUESTIONS, UNCOVERED_QUESTIONS } from '../test/guidance/questions';
import { CHECKING_SET_FILES, DEVELOPMENT_ONLY_SET_FILES, SPLIT_SET_FILES, TEST_ONLY_SETS } from '../test/guidance/heldout/questionSets';

const args = new Set(process.argv.slice(2));
const argsSchema = z.array(z.enum(['--show-test-misses', '--no-scale', '--quiet', '--no-test', '--diagnose']));
const parsedArgs = argsSchema.safeParse([...args]);
if (!parsedArgs.success) {
  console.error('usage: npm run eval:guidance [-- --no-scale] [--quiet] [--no-test] [--show-test-misses] [--diagnose]');
  process.exit(2);
}

const ROOT = path.resolve(__dirname, '..');
const HELDOUT = path.join(ROOT, 'test/guidance/heldout/guidance-heldout.json');
const HELDOUT2 = path.join(ROOT, 'test/guidance/heldout/guidance-heldout2.json');
const SAMPLE_DIR = path.resolve(ROOT, '../shared/guidance-sample');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const quiet = args.has('--quiet');

const factSetSchema = z.object({
  answerable: z.array(z.object({ q: z.string(), all: z.array(z.string()) }).passthrough()),
  unanswerable: z.array(z.object({ q: z.string() }).passthrough()),
});
const heldoutSchema = z.object({ dev: factSetSchema, test: factSetSchema }).passthrough();

const index = new GuidanceIndex();
let ok = true;

/**
 * The index as if a development set had never been asked: the known questions (which come from the
 * development sets) less that set's own, so none of its questions meets itself. The test halves,
 * the test-only sets and the checking sets are never among the known questions.
 */
function indexUnseen(...files: string[]): GuidanceIndex {
  return new GuidanceIndex({ knownQuestions: KNOWN_QUESTIONS.filter((known) => !files.includes(known.set)) });
}

// ── the old regression set ──
const old = evaluateGuidance(index, [...COVERED_QUESTIONS, ...UNCOVERED_QUESTIONS]);
console.log(`== Old regression set (test/guidance/questions.ts): ${old.covered} covered, ${old.uncovered} not covered ==`);
console.log(`top-1: ${pct(old.top1)} (${old.top1Hits}/${old.covered})   target >= 90%`);
console.log(`top-3: ${pct(old.top3)} (${old.top3Hits}/${old.covered})`);
console.log(`false answers: ${old.falseAnswers}/${old.uncovered}   target 0`);
if (!quiet) for (const miss of old.misses) console.log(`  miss: "${miss.question}" expected ${miss.expected ?? 'no answer'}, got ${miss.got ?? 'no answer'}`);
ok &&= old.top1 >= 0.9 && old.falseAnswers === 0;

function printFacts(name: string, report: FactReport, showMisses: boolean): void {
  console.log(`\n== ${name}: ${report.answerable} answerable, ${report.unanswerable} not answered by the documents ==`);
  console.log(`answered with every required fact and a source: ${pct(report.rightRate)} (${report.right}/${report.answerable})`);
  const fromDefinitions = report.falseAnswersFromDataDefinitions
    ? `; ${report.falseAnswersFromDataDefinitions} of them from the national data definitions (SSDA903), which the five documents lack`
    : '';
  console.log(`near-miss questions answered anyway: ${pct(report.falseAnswerRate)} (${report.falseAnswers}/${report.unanswerable}${fromDefinitions})`);
  if (!showMisses) return;
  for (const miss of report.misses) {
    if (miss.kind === 'refused') console.log(`  refused: "${miss.question}" (nearest ${miss.got ?? 'none'})${diagnosis(miss.question, miss.facts)}`);
    else if (miss.kind === 'facts') console.log(`  facts: "${miss.question}" got ${miss.got}, missing ${miss.missingFacts!.join(' ; ')}${diagnosis(miss.question, miss.facts)}`);
    else console.log(`  answered: "${miss.question}" got ${miss.got}`);
  }
}

// --diagnose: for each answerable miss, which pack entries hold every required fact and where the
// ranking puts them. "pack lacks" means no entry could answer it right (a gap in the pack, or a
// fact only a two-part answer holds); "ranked N" means the pack holds it and the ranking or the
// confidence cut lost it.
const packEntries = loadGuidancePack();
function entryText(entry: GuidanceEntry): string {
  return [entry.answer, ...entry.steps.map((s) => `${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`)].join('\n');
}
function diagnosis(question: string, facts: string[] | undefined): string {
  if (!args.has('--diagnose') || !facts) return '';
  const holders = packEntries.filter((entry) => facts.every((fact) => new RegExp(fact, 'i').test(entryText(entry))));
  if (holders.length === 0) return '\n      diagnosis: pack lacks (no single entry holds every fact)';
  const ranked = index.rank(question, packEntries.length).map((hit) => hit.id);
  const places = holders.map((entry) => `${entry.id} ranked ${ranked.indexOf(entry.id) + 1 || 'unranked'}`);
  return `\n      diagnosis: held by ${places.join(', ')}`;
}

// ── the held-out sets: the first, and the second written later by another helper ──
const heldout = heldoutSchema.parse(JSON.parse(readFileSync(HELDOUT, 'utf8')));
// (each set is evaluated whatever the other's result: no short-circuit)
const firstMet = evaluateHeldout('Held-out', heldout, 'guidance-heldout.json');
ok = ok && firstMet;
if (existsSync(HELDOUT2)) {
  const secondMet = evaluateHeldout('Second held-out (guidance-heldout2.json)', heldoutSchema.parse(JSON.parse(readFileSync(HELDOUT2, 'utf8'))), 'guidance-heldout2.json');
  ok = ok && secondMet;
} else console.log('\n== Second held-out set: skipped (test/guidance/heldout/guidance-heldout2.json is not there) ==');

// ── the test-only sets (the third, and the fifth to thirteenth written later): measured by the lead, never tuned on ──
for (const { file, name } of TEST_ONLY_SETS) {
  const setPath = path.join(ROOT, 'test/guidance/heldout', file);
  if (!existsSync(setPath)) continue;
  if (args.has('--no-test')) {
    console.log(`\n== ${file} (test only): left out (--no-test) ==`);
    continue;
  }
  const report = evaluateFacts(
    index,
    z
      .object({ test: factSetSchema })
      .passthrough()
      .parse(JSON.parse(readFileSync(setPath, 'utf8'))).test,
  );
  printFacts(name, report, args.has('--show-test-misses'));
  ok = ok && report.rightRate >= 0.9 && report.falseAnswerRate <= 0.05;
}

/** Prints a held-out set's dev half and (unless --no-test) its test half; true when its targets are met. */
function evaluateHeldout(name: string, set: z.infer<typeof heldoutSchema>, file: string): boolean {
  const dev = evaluateFacts(indexUnseen(file), set.dev);
  printFacts(`${name}, dev half (tuned on; its own questions left out of the known ones)`, dev, !quiet);
  // --no-test leaves the test half out altogether (while tuning, so its figures cannot steer a choice)
  // (asked without the same writer's development half among the known questions)
  const test = args.has('--no-test') ? null : evaluateFacts(indexUnseen(file), set.test);
  if (test) printFacts(`${name}, test half (reported, never tuned on)`, test, args.has('--show-test-misses'));
  console.log('targets: test half >= 90% right; at most 1 in 20 near-miss questions answered (each half)');
  return !!test && test.rightRate >= 0.9 && test.falseAnswerRate <= 0.05 && dev.falseAnswerRate <= 0.05;
}

// ── the private development set (written on this branch before tuning; tuned on like the dev half) ──
const OWN_DEV = path.join(ROOT, 'test/guidance/heldout/own-dev.json');
if (existsSync(OWN_DEV))
  printFacts('Own development set (test/guidance/heldout/own-dev.json)', evaluateFacts(index, factSetSchema.parse(JSON.parse(readFileSync(OWN_DEV, 'utf8')))), !quiet);

// ── development-only sets (guidance-dev*.json): written for tuning by helpers who never saw the
// code, pack or other sets, each from the five source documents; tuned on, never a measure of
// unseen phrasing (the test halves and the third set are that) ──
const HELDOUT_DIR = path.join(ROOT, 'test/guidance/heldout');
/** What became of a checking set's seclusion, where it did not hold. */
const CHECKING_SET_NOTES: Record<string, string> = {
  'guidance-check4a.json': 'used to choose between changes; in the eighth round word searches over the sets showed some of its questions, so it is no longer unseen',
};
const devOnlyFiles: string[] = [...CHECKING_SET_FILES, ...DEVELOPMENT_ONLY_SET_FILES];
const devOnlyTotals = { right: 0, answerable: 0, falseAnswers: 0, unanswerable: 0 };
for (const file of devOnlyFiles) {
  // a checking set keeps its questions under "check" (older ones under "dev"), so that tools reading
  // the development sets' questions pass it by
  const parts = z
    .object({ dev: factSetSchema.optional(), check: factSetSchema.optional() })
    .passthrough()
    .parse(JSON.parse(readFileSync(path.join(HELDOUT_DIR, file), 'utf8')));
  const set = parts.check ?? parts.dev;
  if (!set) continue;
  // a checking set was kept aside while tuning: its figures chose between changes, its questions were not to be read
  const checking = file.startsWith('guidance-check');
  const report = evaluateFacts(checking ? index : indexUnseen(file), set);
  printFacts(
    checking
      ? `Checking set (${file}; ${CHECKING_SET_NOTES[file] ?? 'kept aside while tuning, figures only'})`
      : `Development-only set (${file}; tuned on; its own questions left out of the known ones)`,
    report,
    !quiet && !checking,
  );
  if (checking) continue;
  devOnlyTotals.right += report.right;
  devOnlyTotals.answerable += report.answerable;
  devOnlyTotals.falseAnswers += report.falseAnswers;
  devOnlyTotals.unanswerable += report.unanswerable;
}
if (devOnlyFiles.length > 1)
  console.log(
    `\n== Development-only sets together: ${pct(devOnlyTotals.right / devOnlyTotals.answerable)} right (${devOnlyTotals.right}/${devOnlyTotals.answerable}); near misses answered ${devOnlyTotals.falseAnswers}/${devOnlyTotals.unanswerable} ==`,
  );

// ── how steady the figures are: the confidence cut moved 10% either way ──
// A cut that the dev figures fall off sharply on either side is fitted to those questions rather
// than to how practitioners ask: a sign to distrust the dev figures as a forecast for unseen ones.
{
  const sets = [heldout, ...(existsSync(HELDOUT2) ? [heldoutSchema.parse(JSON.parse(readFileSync(HELDOUT2, 'utf8')))] : [])];
  console.log(`\n== Stability of the confidence cut (${DEFAULT_MIN_CONFIDENCE}) on the dev halves: right answers / near misses answered ==`);
  for (const factor of [0.9, 1, 1.1]) {
    const cut = DEFAULT_MIN_CONFIDENCE * factor;
    const shifted = new GuidanceIndex({
      minConfidence: cut,
      knownQuestions: KNOWN_QUESTIONS.filter((known) => known.set !== 'guidance-heldout.json' && known.set !== 'guidance-heldout2.json'),
    });
    const figures = sets.map((set) => evaluateFacts(shifted, set.dev)).map((r) => `${r.right}/${r.answerable} right, ${r.falseAnswers}/${r.unanswerable} near misses`);
    console.log(`cut ${cut.toFixed(3)}: ${figures.join('   |   ')}`);
  }
}

// ── the shared sample ──
if (existsSync(path.join(SAMPLE_DIR, 'questions.json'))) {
  const answerable = z.array(z.object({ q: z.string(), all: z.array(z.string()) })).parse(JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'questions.json'), 'utf8')));
  const unanswerablePath = path.join(SAMPLE_DIR, 'unanswerable.json');
  const unanswerable = existsSync(unanswerablePath)
    ? z
        .array(z.union([z.string(), z.object({ q: z.string() })]))
        .parse(JSON.parse(readFileSync(unanswerablePath, 'utf8')))
        .map((u) => (typeof u === 'string' ? { q: u } : u))
    : [];
  const sample: FactSet = { answerable, unanswerable };
  printFacts('Shared sample (../shared/guidance-sample)', evaluateFacts(index, sample), !quiet);
} else {
  console.log('\n== Shared sample: skipped (../shared/guidance-sample is not there) ==');
}

// ── scale: ten times today's passages ──
if (!args.has('--no-scale')) measureScale();

process.exitCode = ok ? 0 : 1;

// ── a configured model's effect on the answers (offline by default: none) ──
void measureModelWording();

/**
 * When a model is configured (OPENAI_API_KEY, or the AZURE_OPENAI_* settings), the bot lets it word
 * the headline of an answer the retrieval found. This puts every right answer of the unseen sets
 * (or, with --no-test, of the development halves) to the model and says how often its headline
 * kept every required fact, lost one, or gave nothing (the card then keeps the retrieved headline).
 */
async function measureModelWording(): Promise<void> {
  const phraser = createGuidancePhraser(guidanceModelConfigSchema.parse(process.env));
  if (!phraser) {
    console.log('\n== Model wording: no model configured (offline, as by default): every headline is the retrieved one ==');
    return;
  }
  const readSet = (file: string, half: 'dev' | 'test') => {
    const full = path.join(ROOT, 'test/guidance/heldout', file);
    if (!existsSync(full)) return null;
    const parsed = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
    return parsed[half] ? factSetSchema.parse(parsed[half]) : null;
  };
  const half = args.has('--no-test') ? 'dev' : 'test';
  const files: string[] = half === 'dev' ? [...SPLIT_SET_FILES] : [...SPLIT_SET_FILES, ...TEST_ONLY_SETS.map((set) => set.file)];
  console.log(`\n== Model wording (${half} halves): the model's headline with the retrieved steps, on answers the retrieval got right ==`);
  for (const file of files) {
    const set = readSet(file, half);
    if (!set) continue;
    const r = await evaluateModelWording(index, set, phraser);
    console.log(`${file}: ${r.worded} right answers worded; every fact kept ${r.keptFacts}, a fact lost ${r.droppedFacts}, no wording (retrieved headline kept) ${r.fellBack}`);
  }
}

/**
 * Builds the index with ten times today's documents (the pack's entries plus, as the council's
 * documents, synthetic passages written from the pack's own words) and measures answer latency
 * and the index's heap. Today's size is taken as the pack plus a council folder as large as the
 * five source documents (about 150 passages).
 */
function measureScale(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const entries = loadGuidancePack();
  const todaysDocuments = entries.length + 150;
  const passageCount = todaysDocuments * 10 - entries.length;
  const passages = syntheticPassages(
    passageCount,
    entries.flatMap((e) => [e.title, e.answer, ...e.questions, ...e.steps.map((s) => s.what)]),
  );
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const big: GuidanceIndex | null = new GuidanceIndex({ passages });
  big.prepare(); // the known questions too, as the bot builds them at start
  const buildMs = performance.now() - started;
  gc?.();
  const indexMb = (process.memoryUsage().heapUsed - before) / 1024 ** 2;

  const questions = [
    ...COVERED_QUESTIONS.map((q) => q.question),
    ...UNCOVERED_QUESTIONS.map((q) => q.question),
    ...heldout.dev.answerable.map((q) => q.q),
    ...heldout.dev.unanswerable.map((q) => q.q),
  ];
  for (const q of questions.slice(0, 50)) big.search(q); // warm up
  const times: number[] = [];
  // CPU time of this process too: on a busy shared machine the wall-clock time includes waiting
  // for a core, which says more about the machine than about the search
  const cpuTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of questions) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      big.search(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  // the index keeps the texts it read analysed (titles, steps, passages): its heap grows as it answers
  gc?.();
  const answeredMb = (process.memoryUsage().heapUsed - before) / 1024 ** 2;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const at = (p: number, list = times) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
  console.log(`\n== Scale: ${entries.length} pack entries + ${passageCount} synthetic council passages (10x today's ${todaysDocuments} documents) ==`);
  console.log(
    `index built in ${buildMs.toFixed(0)} ms; index heap ${gc ? `${indexMb.toFixed(1)} MB, ${answeredMb.toFixed(1)} MB after answering ${times.length} questions` : 'not measured (run with --expose-gc)'}   target < 50 MB`,
  );
  console.log(`answer latency over ${times.length} questions: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${at(1).toFixed(2)} ms   target p99 < 20 ms`);
  console.log(`CPU time per answer: p50 ${at(0.5, cpuTimes).toFixed(2)} ms, p99 ${at(0.99, cpuTimes).toFixed(2)} ms`);
  // timings on a shared machine depend on what else runs: say how busy it was
  console.log(`machine: ${os.availableParallelism?.() ?? os.cpus().length} CPUs, load average (1 min) ${os.loadavg()[0]!.toFixed(2)}`);
}

/** Passages of 80-220 words drawn from the pack's vocabulary plus council-specific words, deterministic. */
function syntheticPassages(count: number, texts: string[]): CouncilPassage[] {
  let seed = 13;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const vocabulary = texts.join(' ').split(/\s+/).filter(Boolean);
  const passages: CouncilPassage[] = [];
  for (let i = 0; i < count; i++) {
    const length = 80 + Math.floor(random() * 140);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      // one word in twenty is the council's own (a team, a form, a place), so the vocabulary grows with the documents
      words.push(random() < 0.05 ? `council${Math.floor(random() * 5000)}` : vocabulary[Math.floor(random() * vocabulary.length)]!);
    }
    passages.push({
      id: `synthetic-${i}`,
      file: `synthetic/procedure-${Math.floor(i / 20)}.md`,
      docTitle: `Council procedure ${Math.floor(i / 20)}`,
      section: words.slice(0, 5).join(' '),
      text: words.join(' '),
    });
  }
  return passages;
}

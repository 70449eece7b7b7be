// Fits the model by which the known questions vouch for a match that covers too little of a
// question (src/guidance/vouching.ts), on the development sets only, and checks it by leaving each
// set out of the fit in turn. Prints the weights to put in VOUCH_MODEL and, for the model in
// vouching.ts and for the one fitted, how many more development questions each would answer right
// and how many more near misses it would answer.
//
//   npm run guidance:fit-vouching
import { GuidanceIndex } from '../src/guidance/search';
import { KNOWN_QUESTIONS } from '../src/guidance/knownQuestions';
import { entriesHolding } from '../src/guidance/evaluate';
import { VOUCH_MODEL, vouchFeatures, vouchesFor, type VouchReading } from '../src/guidance/vouching';
import { developmentHalves } from '../test/guidance/heldout/questionSets';

interface Example {
  set: string;
  reading: VouchReading;
  /** 1: an answerable question whose match holds every required fact; 0: a near miss. */
  label: 0 | 1;
}

/** The questions each development set's index refuses for coverage, labelled. */
function examples(): Example[] {
  const found: Example[] = [];
  for (const { file, set } of developmentHalves()) {
    const seen: { refused?: VouchReading } = {};
    const index = new GuidanceIndex({ knownQuestions: KNOWN_QUESTIONS.filter((k) => k.set !== file), vouching: false, onCoverageRefusal: (r) => (seen.refused ??= r) });
    const entries = index.listEntries();
    const ask = (question: string) => {
      seen.refused = undefined;
      const answer = index.search(question);
      // only a refusal of the whole message (not of its asking clause alone) that stood
      // (set by the index while it answered: read through a cast, as the compiler sees only the reset above)
      const refused = seen.refused as VouchReading | undefined;
      return !answer.found && refused?.question === question ? refused : undefined;
    };
    for (const { q, all } of set.answerable) {
      const reading = ask(q);
      // a refused match that lacks the facts would be a wrong answer either way: it teaches nothing
      if (reading && entriesHolding(all, entries).includes(reading.entryId)) found.push({ set: file, reading, label: 1 });
    }
    for (const { q } of set.unanswerable) {
      const reading = ask(q);
      if (reading) found.push({ set: file, reading, label: 0 });
    }
  }
  return found;
}

type Model = typeof VOUCH_MODEL;

/** Logistic regression on standardised features, classes weighted equally, a little L2 (gradient descent). */
function fit(data: Example[]): Model {
  const x = data.map((e) => vouchFeatures(e.reading));
  const y = data.map((e) => e.label);
  const n = x.length;
  const k = 4;
  const mean = Array.from({ length: k }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from({ length: k }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) + 1e-9);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const positives = y.filter((v) => v === 1).length;
  const positiveWeight = (n - positives) / Math.max(positives, 1);
  const w = new Array<number>(k).fill(0);
  let b = 0;
  for (let step = 0; step < 3000; step++) {
    const gw = new Array<number>(k).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(z[i]!.reduce((s, v, j) => s + v * w[j]!, 0) + b)));
      const g = (p - y[i]!) * (y[i] === 1 ? positiveWeight : 1);
      for (let j = 0; j < k; j++) gw[j]! += g * z[i]![j]!;
      gb += g;
    }
    for (let j = 0; j < k; j++) w[j]! -= 0.1 * (gw[j]! / n + w[j]! / n);
    b -= (0.1 * gb) / n;
  }
  const raw = w.map((v, j) => v / sd[j]!);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    intercept: round(b - w.reduce((s, v, j) => s + (v * mean[j]!) / sd[j]!, 0)),
    share: round(raw[0]!),
    logWords: round(raw[1]!),
    coveredOverNearMiss: round(raw[2]!),
    support: round(raw[3]!),
  };
}

function count(data: Example[], vouches: (e: Example) => boolean): { right: number; nearMisses: number } {
  const taken = data.filter(vouches);
  return { right: taken.filter((e) => e.label === 1).length, nearMisses: taken.filter((e) => e.label === 0).length };
}

const data = examples();
const sets = [...new Set(data.map((e) => e.set))];
console.log(`refused for coverage: ${data.filter((e) => e.label === 1).length} answerable (match holding the facts), ${data.filter((e) => e.label === 0).length} near misses`);
console.log(
  'model in vouching.ts, in sample:',
  count(data, (e) => vouchesFor(e.reading)),
);
// each set judged by a model fitted without it
const leftOut = sets.map((set) => {
  const model = fit(data.filter((e) => e.set !== set));
  return count(
    data.filter((e) => e.set === set),
    (e) => vouchesFor(e.reading, model),
  );
});
console.log('fitted leaving each set out:', { right: leftOut.reduce((s, c) => s + c.right, 0), nearMisses: leftOut.reduce((s, c) => s + c.nearMisses, 0) });
const fitted = fit(data);
console.log(
  'fitted on all (for VOUCH_MODEL):',
  JSON.stringify(fitted),
  count(data, (e) => vouchesFor(e.reading, fitted)),
);

// Fits the three models by which the known questions weigh in on an answer (src/guidance/
// knownQuestionModels.ts: vouching for a match that covers too little, withdrawing an answer they
// speak against, choosing the answering entry among the matches), on the development sets only, and
// checks each by leaving each set out of the fit in turn. Prints the weights to put in VOUCH_MODEL,
// WITHDRAW_MODEL and CHOICE_MODEL and, for the models in that file and for the ones fitted, what each
// changes on the development questions.
//
//   npm run guidance:fit-models
import { GuidanceIndex } from '../src/guidance/search';
import { KNOWN_QUESTIONS } from '../src/guidance/knownQuestions';
import { answerText, entriesHolding } from '../src/guidance/evaluate';
import {
  CHOICE_FEATURES,
  CHOICE_MODEL,
  VOUCH_MODEL,
  WITHDRAW_MODEL,
  choiceFeatures,
  chosenEntry,
  vouchFeatures,
  vouchesFor,
  withdrawFeatures,
  withdraws,
  type EntryChoiceReading,
  type VouchReading,
  type WithdrawReading,
} from '../src/guidance/knownQuestionModels';
import { developmentHalves } from '../test/guidance/heldout/questionSets';

/** A reading with its set and label: 1 is what the model should act on (answer it; withdraw it). */
interface Example<R> {
  set: string;
  reading: R;
  label: 0 | 1;
}

/** Each development set asked with its own questions left out of the known ones, both models off. */
function readSets(): { refusals: Example<VouchReading>[]; answers: Example<WithdrawReading>[] } {
  const refusals: Example<VouchReading>[] = [];
  const answers: Example<WithdrawReading>[] = [];
  for (const { file, set } of developmentHalves()) {
    // (set by the index while it answers, so read through casts below)
    const seen: { refused?: VouchReading; weighed?: WithdrawReading } = {};
    const index = new GuidanceIndex({
      knownQuestions: KNOWN_QUESTIONS.filter((k) => k.set !== file),
      vouching: false,
      withdrawing: false,
      onCoverageRefusal: (r) => (seen.refused ??= r),
      onAnswerWeighed: (r) => (seen.weighed = r),
    });
    const entries = index.listEntries();
    const ask = (question: string) => {
      seen.refused = undefined;
      seen.weighed = undefined;
      const answer = index.search(question);
      const refused = seen.refused as VouchReading | undefined;
      const weighed = seen.weighed as WithdrawReading | undefined;
      return {
        answer,
        // only a refusal of the whole message (not of its asking clause alone) that stood
        refused: !answer.found && refused?.question === question ? refused : undefined,
        weighed: answer.found && weighed?.entryId === answer.entryId ? weighed : undefined,
      };
    };
    for (const { q, all } of set.answerable) {
      const { answer, refused, weighed } = ask(q);
      // a refused match that lacks the facts would be a wrong answer either way: it teaches nothing
      if (refused && entriesHolding(all, entries).includes(refused.entryId)) refusals.push({ set: file, reading: refused, label: 1 });
      if (weighed && all.every((fact) => new RegExp(fact, 'i').test(answerText(answer)))) answers.push({ set: file, reading: weighed, label: 0 });
    }
    for (const { q } of set.unanswerable) {
      const { refused, weighed } = ask(q);
      if (refused) refusals.push({ set: file, reading: refused, label: 0 });
      if (weighed) answers.push({ set: file, reading: weighed, label: 1 });
    }
  }
  return { refusals, answers };
}

/** Logistic regression on standardised features, classes weighted equally, a little L2 (gradient descent); weights on the raw features. */
function fitLogistic(x: readonly (readonly number[])[], y: readonly number[]): { intercept: number; weights: number[] } {
  const n = x.length;
  const k = x[0]!.length;
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
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { intercept: round(b - w.reduce((s, v, j) => s + (v * mean[j]!) / sd[j]!, 0)), weights: w.map((v, j) => round(v / sd[j]!)) };
}

function fitVouching(data: Example<VouchReading>[]): typeof VOUCH_MODEL {
  const { intercept, weights } = fitLogistic(
    data.map((e) => vouchFeatures(e.reading)),
    data.map((e) => e.label),
  );
  const [share, logWords, coveredOverNearMiss, support] = weights as [number, number, number, number];
  return { intercept, share, logWords, coveredOverNearMiss, support };
}

function fitWithdrawing(data: Example<WithdrawReading>[]): typeof WITHDRAW_MODEL {
  const { intercept, weights } = fitLogistic(
    data.map((e) => withdrawFeatures(e.reading)),
    data.map((e) => e.label),
  );
  const [share, logWords, coveredOverNearMiss, nearestNearMiss, support] = weights as [number, number, number, number, number];
  return { intercept, share, logWords, coveredOverNearMiss, nearestNearMiss, support };
}

/** How many of the examples a model acts on, by label: [label 1, label 0]. */
function acted<R, M>(data: Example<R>[], model: M, acts: (reading: R, model: M) => boolean): [number, number] {
  const taken = data.filter((e) => acts(e.reading, model));
  return [taken.filter((e) => e.label === 1).length, taken.filter((e) => e.label === 0).length];
}

/** The same, each set judged by a model fitted without it. */
function actedLeavingOut<R, M>(data: Example<R>[], fit: (rest: Example<R>[]) => M, acts: (reading: R, model: M) => boolean): [number, number] {
  const totals: [number, number] = [0, 0];
  for (const set of new Set(data.map((e) => e.set))) {
    const [ones, zeros] = acted(
      data.filter((e) => e.set === set),
      fit(data.filter((e) => e.set !== set)),
      acts,
    );
    totals[0] += ones;
    totals[1] += zeros;
  }
  return totals;
}

const { refusals, answers } = readSets();
const vouch = (reading: VouchReading, model: typeof VOUCH_MODEL) => vouchesFor(reading, model);
const withdraw = (reading: WithdrawReading, model: typeof WITHDRAW_MODEL) => withdraws(reading, model);
const count = (data: Example<unknown>[]) => `${data.filter((e) => e.label === 1).length} and ${data.filter((e) => e.label === 0).length}`;

console.log(`Vouching: refused for coverage, answerable with the match holding the facts and near misses: ${count(refusals)}`);
console.log(`  in knownQuestionModels.ts (more right, more near misses answered): ${acted(refusals, VOUCH_MODEL, vouch).join(' and ')}`);
console.log(`  fitted leaving each set out: ${actedLeavingOut(refusals, fitVouching, vouch).join(' and ')}`);
const vouching = fitVouching(refusals);
console.log(`  fitted on all: ${JSON.stringify(vouching)}: ${acted(refusals, vouching, vouch).join(' and ')}`);

// (answers citing the national data definitions, and those acting on safeguarding, are never weighed:
// the search keeps them before it asks the model)
const weighed = answers;
console.log(`Withdrawing: answers given, near misses and answerable answered right: ${count(weighed)}`);
console.log(`  in knownQuestionModels.ts (fewer near misses answered, fewer right): ${acted(weighed, WITHDRAW_MODEL, withdraw).join(' and ')}`);
console.log(`  fitted leaving each set out: ${actedLeavingOut(weighed, fitWithdrawing, withdraw).join(' and ')}`);
const withdrawing = fitWithdrawing(weighed);
console.log(`  fitted on all: ${JSON.stringify(withdrawing)}: ${acted(weighed, withdrawing, withdraw).join(' and ')}`);

/** A choice read on an answerable development question, with the entries holding every fact its writer required. */
interface ChoiceExample {
  set: string;
  reading: EntryChoiceReading;
  holders: ReadonlySet<string>;
}

/** Each development set's answerable questions asked with its own questions left out of the known ones, as shipped but choosing nothing. */
function readChoices(): ChoiceExample[] {
  const choices: ChoiceExample[] = [];
  for (const { file, set } of developmentHalves()) {
    let reading: EntryChoiceReading | undefined;
    const index = new GuidanceIndex({ knownQuestions: KNOWN_QUESTIONS.filter((k) => k.set !== file), choosing: false, onEntryChoice: (r) => (reading = r) });
    const entries = index.listEntries();
    for (const { q, all } of set.answerable) {
      reading = undefined;
      index.search(q);
      if (reading) choices.push({ set: file, reading, holders: new Set(entriesHolding(all, entries)) });
    }
  }
  return choices;
}

/**
 * A conditional logit (each candidate scored by weighted features, softmax over a question's
 * candidates) maximising the chance of the entries holding the facts, on standardised features with
 * a little L2, by gradient descent; weights on the raw features. A question whose candidates all
 * hold the facts, or none does, teaches nothing and is left out.
 */
function fitChoice(data: ChoiceExample[]): typeof CHOICE_MODEL {
  const usable = data.filter((e) => e.reading.candidates.some((c) => e.holders.has(c.id)) && e.reading.candidates.some((c) => !e.holders.has(c.id)));
  const x = usable.map((e) => choiceFeatures(e.reading));
  const y = usable.map((e) => e.reading.candidates.map((c) => e.holders.has(c.id)));
  const k = CHOICE_FEATURES.length;
  const rows = x.flat();
  const mean = Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const sd = Array.from({ length: k }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / rows.length) + 1e-9);
  const z = x.map((question) => question.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!)));
  const w = new Array<number>(k).fill(0);
  for (let step = 0; step < 400; step++) {
    const g = new Array<number>(k).fill(0);
    z.forEach((question, i) => {
      const scores = question.map((r) => r.reduce((s, v, j) => s + v * w[j]!, 0));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const all = e.reduce((a, b) => a + b, 0);
      const holding = e.reduce((a, v, t) => a + (y[i]![t] ? v : 0), 0);
      question.forEach((r, t) => {
        const gap = e[t]! / all - (y[i]![t] ? e[t]! / holding : 0);
        for (let j = 0; j < k; j++) g[j]! += gap * r[j]!;
      });
    });
    for (let j = 0; j < k; j++) w[j]! -= 0.5 * (g[j]! / z.length + 0.002 * w[j]!);
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return Object.fromEntries(CHOICE_FEATURES.map((name, j) => [name, round(w[j]! / sd[j]!)])) as typeof CHOICE_MODEL;
}

/** How many choices pick an entry holding the facts: the rules' choice, and a model's. */
function chosenRight(data: ChoiceExample[], model: typeof CHOICE_MODEL): { rules: number; model: number } {
  const rules = data.filter((e) => e.holders.has(e.reading.candidates.find((c) => c.ruleChosen)!.id)).length;
  return { rules, model: data.filter((e) => e.holders.has(chosenEntry(e.reading, model))).length };
}

const choices = readChoices();
console.log(`Choosing: answerable questions reaching the choice: ${choices.length}`);
const inFile = chosenRight(choices, CHOICE_MODEL);
console.log(`  rules alone: ${inFile.rules} chose an entry holding the facts; in knownQuestionModels.ts: ${inFile.model}`);
let leftOut = 0;
for (const set of new Set(choices.map((e) => e.set)))
  leftOut += chosenRight(
    choices.filter((e) => e.set === set),
    fitChoice(choices.filter((e) => e.set !== set)),
  ).model;
console.log(`  fitted leaving each set out: ${leftOut}`);
const choosing = fitChoice(choices);
console.log(`  fitted on all: ${JSON.stringify(choosing)}: ${chosenRight(choices, choosing).model}`);

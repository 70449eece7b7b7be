// Scores the index against sets of questions with known answers. Used by the tests and by
// `npm run eval:guidance`.
//
// Two ways of judging:
// - evaluateGuidance: the project's own regression set, labelled with the pack entry that should
//   answer (top-1 and top-3 accuracy, and answers given to questions the guidance does not cover).
// - evaluateFacts: sets written by others from the source documents, labelled with the facts a
//   right answer must hold. A question is answered right when an answer is given (not refused),
//   it cites a source, and every required fact (a case-insensitive regular expression) matches
//   the answer's headline or steps; a question the documents do not answer is answered wrongly
//   when any answer is given.

import { SAFEGUARDING_FIRST } from './question';
import type { GuidancePhraser } from './phrasing';
import type { GuidanceIndex } from './search';
import type { GuidanceAnswer, GuidanceEntry } from './types';

export interface LabelledQuestion {
  question: string;
  /** Entry id that should answer, or null when the guidance does not cover the question. */
  expected: string | null;
}

export interface EvaluationReport {
  covered: number;
  uncovered: number;
  top1Hits: number;
  top3Hits: number;
  /** Share of covered questions answered (found: true) with the expected entry. */
  top1: number;
  /** Share of covered questions whose expected entry is among the first three ranked. */
  top3: number;
  /** Uncovered questions that nonetheless got an answer. */
  falseAnswers: number;
  falseAnswerRate: number;
  misses: Array<{ question: string; expected: string | null; got?: string }>;
}

export function evaluateGuidance(index: GuidanceIndex, questions: LabelledQuestion[]): EvaluationReport {
  const report: EvaluationReport = {
    covered: 0,
    uncovered: 0,
    top1Hits: 0,
    top3Hits: 0,
    top1: 0,
    top3: 0,
    falseAnswers: 0,
    falseAnswerRate: 0,
    misses: [],
  };
  for (const { question, expected } of questions) {
    const answer = index.search(question);
    const got = answer.found ? (answer.entryId ?? answer.passage?.id) : undefined;
    if (expected === null) {
      report.uncovered += 1;
      if (answer.found) {
        report.falseAnswers += 1;
        report.misses.push({ question, expected, got });
      }
      continue;
    }
    report.covered += 1;
    // a two-part answer counts when either part is the expected entry
    if (got === expected || (answer.found && answer.also?.entryId === expected)) report.top1Hits += 1;
    else report.misses.push({ question, expected, got });
    if (index.rank(question, 3).some((hit) => hit.id === expected)) report.top3Hits += 1;
  }
  report.top1 = report.covered ? report.top1Hits / report.covered : 0;
  report.top3 = report.covered ? report.top3Hits / report.covered : 0;
  report.falseAnswerRate = report.uncovered ? report.falseAnswers / report.uncovered : 0;
  return report;
}

/** A question and the facts (case-insensitive regular expressions) a right answer must hold. */
export interface FactQuestion {
  q: string;
  all: string[];
}

/** A question the documents do not answer. */
export interface NearMissQuestion {
  q: string;
}

export interface FactSet {
  answerable: FactQuestion[];
  unanswerable: NearMissQuestion[];
}

export interface FactMiss {
  question: string;
  /** 'refused' (no answer given), 'facts' (answered without every fact), or 'answered' (should have said it does not know). */
  kind: 'refused' | 'facts' | 'answered';
  got?: string;
  missingFacts?: string[];
  /** The facts a right answer must hold (answerable questions only). */
  facts?: string[];
}

export interface FactReport {
  answerable: number;
  /** Answered, with a source and every required fact. */
  right: number;
  rightRate: number;
  unanswerable: number;
  /** Unanswerable questions that got an answer anyway. */
  falseAnswers: number;
  /**
   * Of those, answered from the national data definitions (an entry citing the project's domain
   * notes, such as the SSDA903 reason codes): the five documents do not hold them, so the sets'
   * writers count them as near misses, though the answer may be right.
   */
  falseAnswersFromDataDefinitions: number;
  falseAnswerRate: number;
  misses: FactMiss[];
}

/** The text a fact may be found in: every part's headline and steps (who, what, when). */
export function answerText(answer: GuidanceAnswer): string {
  if (!answer.found) return '';
  const parts = [answer, ...(answer.also ? [answer.also] : [])];
  // the answer as shown: an immediate safeguarding matter leads with acting on it
  const lead = answer.urgentSafeguarding ? [SAFEGUARDING_FIRST] : [];
  return [
    ...lead,
    ...parts.flatMap((part) => [part.answer ?? '', ...(part.steps ?? []).map((s) => `${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`), part.passage?.text ?? '']),
  ].join('\n');
}

/**
 * The pack entries that answer a labelled question: those whose headline and steps hold every one
 * of its facts (as evaluateFacts judges an answer). The known questions carry them.
 */
export function entriesHolding(facts: readonly string[], entries: readonly GuidanceEntry[]): string[] {
  const patterns = facts.map((fact) => new RegExp(fact, 'i'));
  return entries
    .filter((entry) => {
      const text = answerText({ question: '', found: true, score: 0, confidence: 0, entryId: entry.id, answer: entry.answer, steps: entry.steps, sources: entry.sources });
      return patterns.every((pattern) => pattern.test(text));
    })
    .map((entry) => entry.id);
}

export function evaluateFacts(index: GuidanceIndex, set: FactSet): FactReport {
  const misses: FactMiss[] = [];
  let right = 0;
  for (const { q, all } of set.answerable) {
    const answer = index.search(q);
    const got = answer.found ? [answer.entryId ?? answer.passage?.id, answer.also?.entryId].filter(Boolean).join(' + ') : undefined;
    if (!answer.found || !answer.sources?.length) {
      misses.push({ question: q, kind: 'refused', got: answer.suggestions?.[0]?.id, facts: all });
      continue;
    }
    const text = answerText(answer);
    const missingFacts = all.filter((fact) => !new RegExp(fact, 'i').test(text));
    if (missingFacts.length === 0) right += 1;
    else misses.push({ question: q, kind: 'facts', got, missingFacts, facts: all });
  }
  let falseAnswers = 0;
  let falseAnswersFromDataDefinitions = 0;
  for (const { q } of set.unanswerable) {
    const answer = index.search(q);
    if (answer.found) {
      falseAnswers += 1;
      if (answer.sources?.some((source) => source.doc === 'domain')) falseAnswersFromDataDefinitions += 1;
      misses.push({ question: q, kind: 'answered', got: answer.entryId ?? answer.passage?.id });
    }
  }
  return {
    answerable: set.answerable.length,
    right,
    rightRate: set.answerable.length ? right / set.answerable.length : 0,
    unanswerable: set.unanswerable.length,
    falseAnswers,
    falseAnswersFromDataDefinitions,
    falseAnswerRate: set.unanswerable.length ? falseAnswers / set.unanswerable.length : 0,
    misses,
  };
}

/** What a configured model's wording of the headline did to answers the retrieval got right. */
export interface ModelWordingReport {
  /** Questions the retrieval answered right, whose headline the model was asked to word. */
  worded: number;
  /** The model's headline, with the retrieved steps, still holds every required fact. */
  keptFacts: number;
  /** The model's headline lost a required fact that the retrieved headline held. */
  droppedFacts: number;
  /** The model gave nothing (timeout, error, refusal): the card keeps the retrieved headline. */
  fellBack: number;
}

/**
 * Puts each right answer's headline to the model, as the bot does, and checks the required facts
 * against the model's headline with the retrieved steps (the steps and sources are never worded
 * by the model). Near misses are unaffected: a model only words answers the retrieval gave.
 */
export async function evaluateModelWording(index: GuidanceIndex, set: FactSet, phraser: GuidancePhraser): Promise<ModelWordingReport> {
  const report: ModelWordingReport = { worded: 0, keptFacts: 0, droppedFacts: 0, fellBack: 0 };
  for (const { q, all } of set.answerable) {
    const answer = index.search(q);
    if (!answer.found || !answer.sources?.length || !all.every((fact) => new RegExp(fact, 'i').test(answerText(answer)))) continue;
    report.worded += 1;
    const phrased = await phraser.phrase(answer);
    if (!phrased) {
      report.fellBack += 1;
      continue;
    }
    const text = answerText({ ...answer, answer: phrased.text });
    if (all.every((fact) => new RegExp(fact, 'i').test(text))) report.keptFacts += 1;
    else report.droppedFacts += 1;
  }
  return report;
}

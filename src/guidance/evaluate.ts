// Scores the index against a set of questions with known answers. Used by the tests and meant
// for an `eval:guidance` script: top-1 and top-3 accuracy on answerable questions, and how
// often an unanswerable question wrongly got an answer.

import type { GuidanceIndex } from './search';

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
    if (got === expected) report.top1Hits += 1;
    else report.misses.push({ question, expected, got });
    if (index.rank(question, 3).some((hit) => hit.id === expected)) report.top3Hits += 1;
  }
  report.top1 = report.covered ? report.top1Hits / report.covered : 0;
  report.top3 = report.covered ? report.top3Hits / report.covered : 0;
  report.falseAnswerRate = report.uncovered ? report.falseAnswers / report.uncovered : 0;
  return report;
}

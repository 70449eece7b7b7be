// Questions asked before (src/guidance/knownQuestions.ts): a close twin of a question the guidance is
// known not to answer is not answered either, and the list they come from is the development sets'.
import { GuidanceIndex } from '../../src/guidance/search';
import { loadGuidancePack } from '../../src/guidance/pack';
import { KNOWN_QUESTIONS, KnownQuestionMatcher, type KnownQuestion } from '../../src/guidance/knownQuestions';
import { figureAsked } from '../../src/guidance/question';
import knownQuestionsFile from '../../src/guidance/knownQuestions.data.json';
import { knownQuestionsFileFromSets, unseenQuestions } from './heldout/developmentSets';

const nearMiss = (question: string): KnownQuestion => ({ question, covered: false, set: 'written-for-this-test' });
const covered = (question: string): KnownQuestion => ({ question, covered: true, set: 'written-for-this-test' });

describe('the known questions are the development sets’ and nothing else', () => {
  it('are up to date with the development sets (npm run guidance:known-questions rebuilds them)', () => {
    expect(knownQuestionsFile).toEqual(knownQuestionsFileFromSets());
  });

  it('hold no question of a test half, a test-only set or a checking set', () => {
    const unseen = new Set(unseenQuestions().map((q) => q.trim().toLowerCase()));
    expect(unseen.size).toBeGreaterThan(1000);
    expect(KNOWN_QUESTIONS.filter((known) => unseen.has(known.question.trim().toLowerCase()))).toEqual([]);
  });

  it('hold both kinds, each with the set it came from', () => {
    expect(KNOWN_QUESTIONS.filter((k) => k.covered).length).toBeGreaterThan(2000);
    expect(KNOWN_QUESTIONS.filter((k) => !k.covered).length).toBeGreaterThan(1000);
    expect(new Set(KNOWN_QUESTIONS.map((k) => k.set))).toContain('guidance-dev16.json');
  });
});

describe('a twin of a known near miss is not answered from the pack', () => {
  const formName = "what's the LCS form for the initial support plan called?";
  const asked = 'which LCS form is the initial support plan on?';

  it('is answered when nothing like it is known to be a near miss (the rule below is what refuses it)', () => {
    const index = new GuidanceIndex({ knownQuestions: [] });
    expect(index.search(asked).found).toBe(true);
  });

  it('is told the guidance does not cover it, and led to the entry it would have had as the nearest topic', () => {
    const plain = new GuidanceIndex({ knownQuestions: [] }).search(asked);
    const answer = new GuidanceIndex({ knownQuestions: [nearMiss(formName), covered('who chairs a placement stability meeting?')] }).search(asked);
    expect(answer.found).toBe(false);
    expect(answer.notFoundReason).toBe('not-covered');
    expect(answer.nearest?.id).toBe(plain.entryId);
    expect(answer.suggestions?.[0]?.id).toBe(plain.entryId);
    expect(answer.steps).toBeUndefined();
  });

  it('a question closer to a covered question than to the near miss is left to the coverage rule', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss(formName), covered('what is the initial support plan for?')] });
    expect(index.search('what is the initial support plan for?').found).toBe(true);
  });

  it('a near miss asking for a figure is no twin of a question that asks none', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('how many days before the CLA review should the placement plan be revised?')] });
    expect(index.search('do i need to update the placement plan before the LAC review').found).toBe(true);
    expect(index.search('how many days before the LAC review must the placement plan be updated?').found).toBe(false);
  });

  it('a twin must share what makes it a near miss: the words of it the answering entry lacks', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('is there a cap on how much the wrap around support package can cost?')] });
    expect(index.search('wrap around support package for a fragile placement').found).toBe(true);
  });

  it('an entry citing the national data definitions keeps its answer: the near misses were judged on the five documents only', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('does a respite weekend with another carer count as a placement move in the stability figure?')] });
    const answer = index.search('does respite count as a move for the stability figure');
    expect(answer.found).toBe(true);
    expect(answer.sources?.some((source) => source.doc === 'domain')).toBe(true);
  });

  it('an immediate safeguarding matter keeps its answer', () => {
    const question = 'foster carer hit the child last night, allegation made - what do i do now?';
    const index = new GuidanceIndex({ knownQuestions: [nearMiss(question)] });
    const answer = index.search(question);
    expect(answer.found).toBe(true);
    expect(answer.urgentSafeguarding).toBe(true);
  });

  it('applies to the shipped pack only: other entries know no questions unless given some', () => {
    const index = new GuidanceIndex({ entries: loadGuidancePack() });
    expect(index.search(asked).found).toBe(true);
  });
});

describe('finding the twin', () => {
  const analysis = { termsOf: (question: string) => question.toLowerCase().match(/[a-z0-9]+/g) ?? [], figureOf: figureAsked, isIncidental: () => false };

  it('weighs rare words over common ones: the word that makes it a near miss decides', () => {
    const matcher = new KnownQuestionMatcher(
      [nearMiss('does respite count as a move'), covered('does a change of carer count as a move'), covered('what counts as a move')],
      analysis,
    );
    expect(matcher.uncoveredTwin('does respite count as a move')?.question).toBe('does respite count as a move');
    expect(matcher.uncoveredTwin('does a change of carer count as a move')).toBeNull();
  });

  it('is a twin only if the question shares some of the near miss’s words that the answering entry lacks', () => {
    const matcher = new KnownQuestionMatcher([nearMiss('wrap around package referral form')], analysis);
    const entryNames = (term: string) => ['wrap', 'around', 'package'].includes(term);
    expect(matcher.uncoveredTwin('wrap around package', () => false)?.question).toBe('wrap around package referral form');
    expect(matcher.uncoveredTwin('wrap around package', entryNames)).toBeNull();
    expect(matcher.uncoveredTwin('wrap around package form', entryNames)?.question).toBe('wrap around package referral form');
  });

  it('finds nothing in an empty list, and nothing for a question sharing no word', () => {
    expect(new KnownQuestionMatcher([], analysis).uncoveredTwin('anything')).toBeNull();
    expect(new KnownQuestionMatcher([nearMiss('does respite count')], analysis).uncoveredTwin('who chairs the meeting')).toBeNull();
  });
});

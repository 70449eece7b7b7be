// Questions asked before (src/guidance/knownQuestions.ts): a close twin of a question the guidance is
// known not to answer is not answered either, and the list they come from is the development sets'.
import { GuidanceIndex } from '../../src/guidance/search';
import { loadGuidancePack } from '../../src/guidance/pack';
import { KNOWN_QUESTIONS, KnownQuestionMatcher, type KnownQuestion } from '../../src/guidance/knownQuestions';
import { figureAsked } from '../../src/guidance/question';
import knownQuestionsFile from '../../src/guidance/knownQuestions.data.json';
import {
  CHECKING_SET_FILES,
  DEVELOPMENT_ONLY_SET_FILES,
  NOT_KNOWN_DEVELOPMENT_SETS,
  SPLIT_SET_FILES,
  TEST_ONLY_SETS,
  knownQuestionsFileFromSets,
  setFilesInFolder,
  unseenQuestions,
} from './heldout/questionSets';

const nearMiss = (question: string): KnownQuestion => ({ question, covered: false, set: 'written-for-this-test' });
const covered = (question: string): KnownQuestion => ({ question, covered: true, set: 'written-for-this-test' });

describe('the known questions are the development sets’ and nothing else', () => {
  const reader = new GuidanceIndex({ knownQuestions: [] });

  it('every question set is in exactly one list: split, development only, test only or checking', () => {
    const listed = [...SPLIT_SET_FILES, ...DEVELOPMENT_ONLY_SET_FILES, ...TEST_ONLY_SETS.map((s) => s.file), ...CHECKING_SET_FILES];
    expect([...listed].sort()).toEqual(setFilesInFolder());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('come from the development halves only (less those kept out, whose near misses are written as twins of their own covered questions)', () => {
    expect(Object.keys(knownQuestionsFile).sort()).toEqual([...SPLIT_SET_FILES, ...DEVELOPMENT_ONLY_SET_FILES].filter((f) => !NOT_KNOWN_DEVELOPMENT_SETS.includes(f)).sort());
  });

  it('are up to date with the development sets (npm run guidance:known-questions rebuilds them)', () => {
    expect(knownQuestionsFile).toEqual(
      knownQuestionsFileFromSets(
        (q) => reader.readingOf(q),
        loadGuidancePack(),
        (q) => reader.explain(q).map((match) => match.id),
      ),
    );
  });

  it('hold no question that reads as one of a test half, a test-only set or a checking set', () => {
    const key = (q: string) => [...new Set(reader.readingOf(q))].sort().join(' ');
    const unseen = new Set(unseenQuestions().map(key));
    expect(unseen.size).toBeGreaterThan(1000);
    expect(KNOWN_QUESTIONS.filter((known) => unseen.has(key(known.question))).map((k) => k.question)).toEqual([]);
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
    expect(answer.knownNearMiss).toBe(true);
    expect(answer.nearest?.id).toBe(plain.entryId);
    expect(answer.suggestions?.[0]?.id).toBe(plain.entryId);
    expect(answer.steps).toBeUndefined();
    // nothing of the known question reaches the answer
    expect(JSON.stringify(answer)).not.toContain('called');
  });

  it('a question as close to a covered question as to the near miss is left to the coverage rule', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss(formName), covered('which LCS form is the initial support plan on?')] });
    expect(index.search(asked).found).toBe(true);
  });

  it('is still refused when the case is told first and the asking clause is the twin', () => {
    const message =
      'Tyler (8) moved to his new carers on monday after two weeks of introductions and the carer says he is settling well, school are happy too and contact is going ok. which LCS form is the initial support plan on?';
    expect(new GuidanceIndex({ knownQuestions: [nearMiss(formName)] }).search(message).found).toBe(false);
  });

  it('the words that make the twin a near miss must be in the question, unless the answering entry names them', () => {
    // close enough to be a twin, but the words the entry lacks ("referral", "form") are not asked about
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('wrap around support package referral form')] });
    expect(index.search('wrap around support package - who do we refer to?').found).toBe(true);
  });

  it('an entry citing the national data definitions keeps its answer: the near misses were judged on the five documents only', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('does a respite weekend with another carer count as a placement move in the stability figure?')] });
    const answer = index.search('does respite count as a move for the stability figure');
    expect(answer.found).toBe(true);
    expect(answer.sources?.some((source) => source.doc === 'domain')).toBe(true);
  });

  it('an entry leading with the five documents is withdrawn for a twin, though it cites the national definitions after them', () => {
    // "how is stability measured?" answers from document 000 first; whether respite counts is not what it answers
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('is the reporting date for the stability measure 31 March?')] });
    const answer = index.search('stability measure reporting date - is it 31 march?');
    expect(answer.found).toBe(false);
    expect(answer.nearest?.id).toBe('stability-measure');
  });

  it('the national data definitions keep their answer only for a question of the returns: arranging respite is judged like any other', () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('carer wants a weekend of respite - how do we arrange it?')] });
    const question = 'FC asking for a respite weekend for Jade - how do I arrange it?';
    expect(new GuidanceIndex({ knownQuestions: [] }).search(question).entryId).toBe('what-counts-as-a-move');
    expect(index.search(question).found).toBe(false);
  });

  it("a locality named is case detail: a near miss asking for the north locality's placement officer is no twin of who chairs a north locality carer's stability meeting", () => {
    const index = new GuidanceIndex({ knownQuestions: [nearMiss('placement officer contact for the north locality?')] });
    expect(index.search('who chairs a placement stability meeting for an in house carer in the north locality?').entryId).toBe('stability-meeting-chair');
  });

  it("a council named in a near miss is what it asks about: another council's sign-off is no twin of our own", () => {
    // "Essex" is also a first name; read as one, the near miss would be "placing carer HoS sign-off moves"
    const index = new GuidanceIndex({
      knownQuestions: [nearMiss("We're placing with an Essex carer - does Essex need their own HoS sign-off for moves too?"), covered('who signs off a placement move?')],
    });
    expect(index.search('does a move to a new foster carer need HoS approval?').found).toBe(true);
    expect(index.search('placing with an Essex carer, does Essex need its own HoS sign off for moves as well?').found).toBe(false);
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
  const words = (question: string) => question.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const analysis = { termsOf: words, figureOf: figureAsked, isIncidental: () => false };

  it('weighs rare words over common ones: the word that makes it a near miss decides', () => {
    // counted alike, the question is as close to the covered "count move plan" as to the near miss;
    // "respite", in one known question where "count" and "move" are in all, makes it the near miss's twin
    const known = [nearMiss('respite count move'), covered('count move plan'), covered('count move carer'), covered('count move plan carer')];
    const matcher = new KnownQuestionMatcher(known, analysis);
    expect(matcher.isTwinOfANearMiss('respite count move plan')).toBe(true);
    expect(matcher.isTwinOfANearMiss('count move plan')).toBe(false);
  });

  it('is a twin only from a similarity of 0.55', () => {
    const matcher = new KnownQuestionMatcher([nearMiss('respite weekend carer holiday move count')], analysis);
    expect(matcher.isTwinOfANearMiss('respite weekend carer holiday')).toBe(true); // cosine 0.82
    expect(matcher.isTwinOfANearMiss('respite weekend')).toBe(true); // cosine 0.58
    expect(matcher.isTwinOfANearMiss('respite')).toBe(false); // cosine 0.41
  });

  it('is no twin when a covered question is within 0.09 of the near miss, however many near misses are closer', () => {
    const nearMisses = ['a b c d e', 'a b c d f', 'a b c d g', 'a b c d h', 'a b c d i'].map(nearMiss);
    expect(new KnownQuestionMatcher(nearMisses, analysis).isTwinOfANearMiss('a b c d')).toBe(true);
    expect(new KnownQuestionMatcher([...nearMisses, covered('a b c d j')], analysis).isTwinOfANearMiss('a b c d')).toBe(false);
  });

  it('a near miss asking for a figure is a twin only of a question asking for the same kind of figure', () => {
    const matcher = new KnownQuestionMatcher([nearMiss('how many days notice for ending an ifa placement')], analysis);
    expect(matcher.isTwinOfANearMiss('how many days notice for ending an ifa placement')).toBe(true);
    expect(matcher.isTwinOfANearMiss('notice for ending an ifa placement')).toBe(false);
  });

  it('is a twin only if the question shares some of the near miss’s words that the answering entry lacks', () => {
    const matcher = new KnownQuestionMatcher([nearMiss('wrap around package referral form')], analysis);
    const entryNames = (term: string) => ['wrap', 'around', 'package'].includes(term);
    expect(matcher.isTwinOfANearMiss('wrap around package', () => false)).toBe(true);
    expect(matcher.isTwinOfANearMiss('wrap around package', entryNames)).toBe(false);
    expect(matcher.isTwinOfANearMiss('wrap around package form', entryNames)).toBe(true);
  });

  it('when the answering entry names every word of the near miss, is a twin only if the question asks all of it', () => {
    // "can HoS approval for a move be on LL?": the entry names approval and LL, so how they are put together makes the near miss
    const matcher = new KnownQuestionMatcher([nearMiss('hos approve move caserecord')], analysis);
    const entryNamesAll = () => true;
    expect(matcher.isTwinOfANearMiss('hos approve move caserecord', entryNamesAll)).toBe(true);
    expect(matcher.isTwinOfANearMiss('hos approve move child', entryNamesAll)).toBe(false); // cosine 0.75
  });

  it('asked to, takes only a near miss asking what the answering entry lacks as a twin', () => {
    const matcher = new KnownQuestionMatcher([nearMiss('allegation carer role')], analysis);
    const entryNamesAll = () => true;
    expect(matcher.isTwinOfANearMiss('allegation carer role', entryNamesAll)).toBe(true);
    expect(matcher.isTwinOfANearMiss('allegation carer role', entryNamesAll, { gapNamed: true })).toBe(false);
    expect(matcher.isTwinOfANearMiss('allegation carer role', () => false, { gapNamed: true })).toBe(true);
  });

  it('finds nothing in an empty list, and nothing for a question sharing no word', () => {
    expect(new KnownQuestionMatcher([], analysis).isTwinOfANearMiss('anything')).toBe(false);
    expect(new KnownQuestionMatcher([nearMiss('does respite count')], analysis).isTwinOfANearMiss('who chairs the meeting')).toBe(false);
  });
});

describe('the entry that answered questions like it before answers it', () => {
  const asked = 'once the move is agreed, does anything have to happen on LL straight away?';
  const answeredBefore = (question: string, answeredBy: string[]): KnownQuestion => ({ question, covered: true, set: 'written-for-this-test', answeredBy });
  const likeIt = [
    answeredBefore('move agreed - does anything need doing on LL straight away?', ['coding-a-move']),
    answeredBefore('once a move is agreed what happens on LL?', ['coding-a-move']),
  ];

  it('is ranked below the entry the words alone choose (the rule below is what moves it up)', () => {
    const index = new GuidanceIndex({ knownQuestions: [] });
    expect(index.search(asked).entryId).toBe('urgent-move');
    expect(
      index
        .explain(asked)
        .slice(0, 4)
        .map((e) => e.id),
    ).toContain('coding-a-move');
  });

  it('answers when the closest covered questions were answered by it and not by the entry chosen', () => {
    const answer = new GuidanceIndex({ knownQuestions: likeIt }).search(asked);
    expect(answer.found).toBe(true);
    expect(answer.entryId).toBe('coding-a-move');
  });

  it('changes nothing when the questions like it were answered by the entry chosen as well', () => {
    const both = likeIt.map((k) => ({ ...k, answeredBy: ['coding-a-move', 'urgent-move'] }));
    expect(new GuidanceIndex({ knownQuestions: both }).search(asked).entryId).toBe('urgent-move');
  });

  it('changes nothing on the word of questions that are not close to it', () => {
    const farOff = [answeredBefore('what do I do on LL?', ['coding-a-move']), answeredBefore('anything to do on LL?', ['coding-a-move'])];
    expect(new GuidanceIndex({ knownQuestions: farOff }).search(asked).entryId).toBe('urgent-move');
  });

  it('takes only an entry ranked close to the first: "who records the move on the system" is not about the PPM minutes', () => {
    // (the shipped questions: those about who records the PPM are many, and close to it)
    const question = 'who records the move on the system';
    expect(
      new GuidanceIndex({ knownQuestions: [] })
        .explain(question)
        .slice(0, 4)
        .map((e) => e.id),
    ).toContain('ppm-recording');
    expect(new GuidanceIndex().search(question).entryId).toBe('coding-a-move');
  });
});

describe('what the known questions say of which ranked entry a question asks for', () => {
  const words = (question: string) => question.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const analysis = { termsOf: words, figureOf: figureAsked, isIncidental: (term: string) => term === 'kid' };
  const answered = (question: string, ...answeredBy: string[]): KnownQuestion => ({ question, covered: true, set: 'written-for-this-test', answeredBy });
  const evidenceFor = (matcher: KnownQuestionMatcher, question: string, ranked: string[]) => Object.fromEntries(matcher.entryEvidence(question, ranked).map((e) => [e.id, e]));

  it('support: the closest covered questions each give their similarity to the entries that answered them', () => {
    const evidence = evidenceFor(new KnownQuestionMatcher([answered('a b c d', 'second')], analysis), 'a b c d', ['first', 'second']);
    expect(evidence.second!.support).toBeCloseTo(1);
    expect(evidence.first!.support).toBe(0);
    expect(evidence.second!.closest).toBeCloseTo(1);
  });

  it('support: a question many entries answer says less than one only one entry answers', () => {
    const evidence = evidenceFor(new KnownQuestionMatcher([answered('a b c d', 'second', 'third', 'fourth')], analysis), 'a b c d', ['second', 'third']);
    expect(evidence.second!.support).toBeCloseTo(1 / 3);
  });

  it('support: counts only covered questions at least 0.3 close', () => {
    // each is 0.29 close to "a b c d": together they would give 0.88, but none counts
    const loose = new KnownQuestionMatcher(
      ['a b c e f g h i j k l m n o', 'a b d p q r s t u v w x y z', 'a c d z1 z2 z3 z4 z5 z6 z7 z8 z9 z10 z11'].map((q) => answered(q, 'second')),
      analysis,
    );
    expect(evidenceFor(loose, 'a b c d', ['first', 'second']).second!.support).toBe(0);
    // while "a b c e f g" is close to the first
    expect(evidenceFor(loose, 'a b c e f g', ['first', 'second']).second!.support).toBeGreaterThan(0.5);
  });

  const byWords = [
    answered('respite count move', 'second'),
    answered('respite weekend count', 'second'),
    answered('short break respite', 'second'),
    answered('plan review date', 'first'),
    answered('plan update review', 'first'),
    answered('plan count review', 'first'),
  ];

  it('word model: the entry whose questions use the question’s words is the likelier, as a probability among those ranked', () => {
    const matcher = new KnownQuestionMatcher(byWords, analysis);
    const respite = evidenceFor(matcher, 'does respite count', ['first', 'second']);
    expect(respite.second!.wordProbability).toBeGreaterThan(0.8);
    expect(respite.first!.wordProbability + respite.second!.wordProbability).toBeCloseTo(1);
    expect(evidenceFor(matcher, 'plan review', ['first', 'second']).first!.wordProbability).toBeGreaterThan(0.8);
  });

  it('word model: reads no case detail, so case detail alone leaves the entries alike', () => {
    const evidence = evidenceFor(new KnownQuestionMatcher(byWords, analysis), 'kid kid kid', ['first', 'second']);
    expect(evidence.first!.wordProbability).toBeCloseTo(0.5);
  });

  it('near misses say nothing of which entry is meant, and an empty list says nothing at all', () => {
    const withNearMisses = [...byWords.slice(3), nearMiss('respite count move'), nearMiss('respite weekend count')];
    const evidence = evidenceFor(new KnownQuestionMatcher(withNearMisses, analysis), 'does respite count', ['first', 'second']);
    expect(evidence.second!.support).toBe(0);
    expect(evidence.second!.wordProbability).toBeLessThan(0.5);
    const none = evidenceFor(new KnownQuestionMatcher([], analysis), 'a b c d', ['first', 'second']);
    expect(none.first).toEqual({ id: 'first', support: 0, wordProbability: 0.5, closest: 0 });
  });
});

describe('reading the known questions around a question for an entry', () => {
  const words = (question: string) => question.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const analysis = { termsOf: words, figureOf: figureAsked, isIncidental: () => false };
  const answered = (question: string, ...answeredBy: string[]): KnownQuestion => ({ question, covered: true, set: 'written-for-this-test', answeredBy });

  it('gives how close the nearest near miss and the nearest covered question are, and the support for the entry', () => {
    const matcher = new KnownQuestionMatcher([answered('a b c d', 'entry'), answered('a b c d', 'entry', 'other'), nearMiss('a b x y')], analysis);
    const around = matcher.neighbourhood('a b c d', 'entry');
    expect(around.nearestCovered).toBeCloseTo(1);
    // (the near miss shares two of its words, the commonest two)
    expect(around.nearestNearMiss).toBeGreaterThan(0);
    expect(around.nearestNearMiss).toBeLessThan(0.5);
    // the first gives all its similarity, the second half of it (it is answered by two entries)
    expect(around.support).toBeCloseTo(1.5);
    expect(matcher.neighbourhood('a b c d', 'unknown-entry').support).toBe(0);
  });

  it('reads nothing when no question is known', () => {
    expect(new KnownQuestionMatcher([], analysis).neighbourhood('a b c d', 'entry')).toEqual({ nearestNearMiss: 0, nearestCovered: 0, support: 0, gapShared: 0 });
  });
});

describe('the matcher keeps no question once it is answered', () => {
  it('forgets the question answered, with its nearest known questions', () => {
    const index = new GuidanceIndex();
    index.search('Kayden Smith (11) keeps running off from his carers - is that a trigger for a stability meeting?');
    // (read through a cast: what is kept between questions is private, and is what this checks)
    const matcher = (index as unknown as { knownQuestions: { lastNeighbours?: unknown } }).knownQuestions;
    expect(matcher.lastNeighbours).toBeUndefined();
  });
});

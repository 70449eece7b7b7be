// How the questions asked before weigh in on an answer (src/guidance/knownQuestionModels.ts): vouching
// for a match that covers too little, withdrawing an answer they speak against, choosing the answering entry.
import {
  chosenEntry,
  choiceScores,
  choiceFeatures,
  VOUCH_CUT,
  vouchScore,
  vouchesFor,
  withdrawScore,
  withdraws,
  type EntryChoiceCandidate,
  type EntryChoiceReading,
  type VouchReading,
  type WithdrawReading,
} from '../../src/guidance/knownQuestionModels';
import { GuidanceIndex } from '../../src/guidance/search';

const longCase =
  'Ruby (9) moved to her new carers on Monday after three weeks of introductions, her school is the same and contact with mum carries on at the centre. who do I have to tell now she has moved?';
const reading = (over: Partial<VouchReading> = {}): VouchReading => ({
  question: longCase,
  entryId: 'after-a-move',
  share: 0.4,
  nearestCovered: 0.8,
  nearestNearMiss: 0.35,
  support: 1.2,
  ...over,
});

describe('the known questions vouch for a match that covers too little', () => {
  it('when a covered question it answered is close, and clearly closer than any near miss', () => {
    expect(vouchesFor(reading())).toBe(true);
  });

  it('not when a near miss is as close as the covered question', () => {
    expect(vouchesFor(reading({ nearestNearMiss: 0.8 }))).toBe(false);
  });

  it('not when no close covered question was answered by the entry, however the score reads', () => {
    expect(vouchesFor(reading({ support: 0 }))).toBe(false);
    expect(vouchesFor(reading({ nearestCovered: 0.39, nearestNearMiss: 0 }))).toBe(false);
  });

  it('a short question needs more than a long message: its words are what it asks', () => {
    const near = { nearestCovered: 0.55, nearestNearMiss: 0.45 };
    const short = reading({ ...near, question: 'who do I tell after a move?' });
    expect(vouchesFor(reading(near))).toBe(true);
    expect(vouchesFor(short)).toBe(false);
  });

  it('no near miss near at all is read as one at the floor: distance from everything known is no evidence', () => {
    expect(vouchScore(reading({ nearestNearMiss: 0 }))).toBe(vouchScore(reading({ nearestNearMiss: 0.3 })));
    expect(vouchScore(reading({ nearestNearMiss: 0.5 }))).toBeLessThan(vouchScore(reading({ nearestNearMiss: 0.3 })));
  });

  it('covering more of the question raises the score', () => {
    expect(vouchScore(reading({ share: 0.5 }))).toBeGreaterThan(vouchScore(reading({ share: 0.3 })));
    expect(VOUCH_CUT).toBeGreaterThan(0);
  });
});

describe('the known questions withdraw an answer they speak against', () => {
  const answered = (over: Partial<WithdrawReading> = {}): WithdrawReading => ({
    question: 'is there a form for the placement stability panel?',
    entryId: 'placement-stability-panel',
    share: 0.6,
    nearestCovered: 0.45,
    nearestNearMiss: 0.9,
    support: 0.2,
    gapShared: 1,
    ...over,
  });

  it('when a near miss is far closer than any covered question and little of the question is covered', () => {
    expect(withdraws(answered())).toBe(true);
  });

  it('not when a covered question is as close as the near miss', () => {
    expect(withdraws(answered({ nearestCovered: 0.9, support: 1 }))).toBe(false);
  });

  it('not when the question asks nothing of what makes the near miss one', () => {
    expect(withdraws(answered({ gapShared: 0 }))).toBe(false);
  });

  it('a match covering all the question, or a long message, needs more against it', () => {
    expect(withdrawScore(answered({ share: 1 }))).toBeLessThan(withdrawScore(answered()));
    const long = answered({ question: `${'Sam (9) has been with the same carers for two years and his school is stable. '.repeat(2)}is there a form for the panel?` });
    expect(withdrawScore(long)).toBeLessThan(withdrawScore(answered()));
  });

  it('an index told not to withdraw keeps every answer and reports what the model would read', () => {
    const weighed: WithdrawReading[] = [];
    const index = new GuidanceIndex({ withdrawing: false, onAnswerWeighed: (r) => weighed.push(r) });
    const answer = index.search('who approves a placement move?');
    expect(answer.found).toBe(true);
    expect(weighed.map((r) => r.entryId)).toEqual([answer.entryId]);
  });
});

describe('the choice model picks the answering entry among the matches', () => {
  const candidate = (id: string, over: Partial<EntryChoiceCandidate> = {}): EntryChoiceCandidate => ({
    id,
    rank: 1,
    scoreRatio: 0.9,
    share: 0.8,
    strictShare: 0.7,
    specificity: 0.5,
    ruleChosen: false,
    closeInRank: true,
    missesNamed: false,
    support: 0,
    wordProbability: 0.5,
    closest: 0.4,
    ...over,
  });
  const chosenByRules = (over: Partial<EntryChoiceCandidate> = {}) => candidate('chosen-by-rules', { rank: 0, scoreRatio: 1, ruleChosen: true, ...over });
  const choice = (...candidates: EntryChoiceCandidate[]): EntryChoiceReading => ({ question: 'who agrees how the child is told?', candidates });

  it('keeps what the rules chose when the known questions say nothing either way', () => {
    expect(chosenEntry(choice(chosenByRules(), candidate('other')))).toBe('chosen-by-rules');
  });

  it('takes the entry close covered questions were answered by, and whose questions use the words, over a close-ranked rule choice', () => {
    const preferred = candidate('answered-before', { support: 1.5, closest: 0.8, wordProbability: 0.95 });
    expect(chosenEntry(choice(chosenByRules({ wordProbability: 0.05 }), preferred))).toBe('answered-before');
  });

  it('an entry missing something the question names needs more behind it', () => {
    const preferred = (missesNamed: boolean) => candidate('answered-before', { support: 0.6, closest: 0.6, wordProbability: 0.7, missesNamed });
    const [, holding] = choiceScores(choice(chosenByRules(), preferred(false)));
    const [, missing] = choiceScores(choice(chosenByRules(), preferred(true)));
    expect(missing).toBeLessThan(holding! - 0.5);
  });

  it('reads each feature against the best of the entries read, so adding a weak match changes nothing', () => {
    const reading = choice(chosenByRules(), candidate('other', { support: 0.4 }));
    const withWeak = choice(
      ...reading.candidates,
      candidate('weak', { rank: 5, scoreRatio: 0.2, share: 0.1, strictShare: 0.1, specificity: 0, closeInRank: false, wordProbability: 0.001, closest: 0 }),
    );
    expect(choiceFeatures(withWeak).slice(0, 2)).toEqual(choiceFeatures(reading));
    expect(chosenEntry(withWeak)).toBe(chosenEntry(reading));
  });

  it('an index told not to choose keeps the rules’ choice and reports what the model would read', () => {
    const readings: EntryChoiceReading[] = [];
    const index = new GuidanceIndex({ choosing: false, onEntryChoice: (r) => readings.push(r) });
    const answer = index.search('who approves a placement move?');
    expect(answer.found).toBe(true);
    expect(readings).toHaveLength(1);
    expect(readings[0]!.candidates.find((c) => c.ruleChosen)!.id).toBe(answer.entryId);
  });
});

// When the questions asked before vouch for a match that covers too little (src/guidance/vouching.ts).
import { VOUCH_CUT, vouchScore, vouchesFor, type VouchReading } from '../../src/guidance/vouching';

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

// END-2: after every unplanned ending a Disruption Meeting is offered; its learning is kept in
// structured fields (see outcome.test.ts) and summarised for managers.
import { disruptionMeetingAdvice, isUnplannedEnding, UNPLANNED_ENDING_REASONS } from '../../../src/domain/meetings';
import { REASON_PLACE_CHANGE } from '../../../src/domain/ssda903/codes';

describe('END-2: a Disruption Meeting is offered after every unplanned ending, not only after urgent moves', () => {
  test.each<[string, Parameters<typeof isUnplannedEnding>[0], boolean]>([
    ['a move confirmed as urgent', { kind: 'move', urgency: 'urgent' }, true],
    ['a planned move', { kind: 'move', urgency: 'planned' }, false],
    ['an imported episode ended because the carer asked, over behaviour (CREQB)', { kind: 'episode', reasonPlaceChange: 'CREQB' }, true],
    ['an imported episode ended after an allegation (ALLEG)', { kind: 'episode', reasonPlaceChange: 'alleg ' }, true],
    ['an imported episode ended by the care plan (CARPL)', { kind: 'episode', reasonPlaceChange: 'CARPL' }, false],
    ['a change of status only (PLACE)', { kind: 'episode', reasonPlaceChange: 'PLACE' }, false],
    ['no reason recorded', { kind: 'episode', reasonPlaceChange: null }, false],
  ])('%s', (_name, ending, unplanned) => {
    expect(isUnplannedEnding(ending)).toBe(unplanned);
  });

  test('every unplanned reason is a real REASON_PLACE_CHANGE code', () => {
    for (const code of UNPLANNED_ENDING_REASONS) expect(Object.keys(REASON_PLACE_CHANGE)).toContain(code);
  });

  test('a permanent placement gets one; any other unplanned ending is offered one to consider, six weeks on', () => {
    expect(disruptionMeetingAdvice({ placementType: 'U1', endDate: '2026-03-02', unplanned: true })).toMatchObject({ advice: 'hold', earliestDate: '2026-04-13' });
    expect(disruptionMeetingAdvice({ placementType: 'U3', endDate: '2026-03-02', unplanned: true })).toMatchObject({ advice: 'consider', earliestDate: '2026-04-13' });
    expect(disruptionMeetingAdvice({ placementType: 'U3', endDate: '2026-03-02', unplanned: false }).advice).toBe('none');
  });
});

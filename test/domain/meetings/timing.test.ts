// Placement meetings, specified rule by rule: When a meeting may be held (PLAN-1, FRAG-4, END-2).
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import { addWorkingDays, disruptionMeetingAdvice, meetingDateWindow, validateMeetingDate, type MeetingTimingInput, type MeetingType } from '../../../src/domain/meetings';
import { TODAY } from './helpers';

// ---- timing ---------------------------------------------------------------------------------

type DateCase = [string, Partial<MeetingTimingInput> & { date: string }, true | string | RegExp];
function checkDate(type: MeetingType, input: Partial<MeetingTimingInput> & { date: string }, expected: true | string | RegExp) {
  const check = validateMeetingDate(type, { today: TODAY, ...input });
  if (expected === true) {
    expect(check).toMatchObject({ ok: true, warning: null });
  } else {
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(expected);
  }
}

describe('PLAN-1: a Placement Planning Meeting before the placement starts, or within 72 hours of an emergency placement', () => {
  test.each<DateCase>([
    ['PLAN-1: planned: the day before the start', { placementStart: '2026-03-20', date: '2026-03-19' }, true],
    ['PLAN-1: planned: on the start day, before the child arrives', { placementStart: '2026-03-20', date: '2026-03-20' }, true],
    [
      'PLAN-1: planned: after the start is refused',
      { placementStart: '2026-03-20', date: '2026-03-21' },
      'Too late: For a planned placement the Placement Planning Meeting is held before the placement starts, so by 2026-03-20.',
    ],
    ['PLAN-1: emergency: within 72 hours of the start', { emergency: true, placementStart: '2026-03-09', date: '2026-03-12' }, true],
    [
      'PLAN-1: emergency: the fourth day is refused',
      { emergency: true, placementStart: '2026-03-09', date: '2026-03-13' },
      /^Too late: .*within 72 hours of the start \(2026-03-09\), so by 2026-03-12\.$/,
    ],
    ['PLAN-1: the placement start must be given', { date: '2026-03-12' }, /^Give the placement start date: .*before the placement starts.*72 hours[^()]*$/],
    ['PLAN-1: a later planning meeting at an agreed interval: any future date', { furtherMeeting: true, placementStart: '2025-09-01', date: '2026-09-01' }, true],
    ['no meeting in the past', { placementStart: '2026-03-20', date: '2026-03-09' }, 'A meeting cannot be booked in the past.'],
    ['the date must be a date', { placementStart: '2026-03-20', date: '2026-02-30' }, 'Give the meeting date as a date.'],
  ])('%s', (_name, input, expected) => checkDate('planning', input, expected));

  test('PLAN-1: when the 72 hours have already passed, a date within 5 working days is accepted with a warning; later is refused', () => {
    const late = { today: TODAY, emergency: true, placementStart: '2026-03-01' };
    const ok = validateMeetingDate('planning', { ...late, date: '2026-03-17' });
    expect(ok).toMatchObject({ ok: true, warning: expect.stringMatching(/^Late: .*That date \(2026-03-04\) has passed, so hold it as soon as possible/) });
    expect(validateMeetingDate('planning', { ...late, date: '2026-03-18' }).ok).toBe(false);
  });

  test('PLAN-1: the window gives a date picker its bounds', () => {
    expect(meetingDateWindow('planning', { today: TODAY, placementStart: '2026-03-20' })).toMatchObject({
      earliest: TODAY,
      latest: '2026-03-20',
      late: false,
      ruleIds: ['PLAN-1'],
    });
  });
});

describe('FRAG-4: a Placement Support Meeting as soon as possible (the bot asks for within 5 working days of the signs)', () => {
  test.each<[string, string, number, string]>([
    ['Tuesday + 5 working days is the next Tuesday', '2026-03-10', 5, '2026-03-17'],
    ['Friday + 1 working day is Monday', '2026-03-13', 1, '2026-03-16'],
    ['Saturday + 1 working day is Monday', '2026-03-14', 1, '2026-03-16'],
    ['zero working days is the same day', '2026-03-10', 0, '2026-03-10'],
  ])('addWorkingDays: %s', (_name, from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });

  test.each<DateCase>([
    ['FRAG-4: today', { date: TODAY }, true],
    ['FRAG-4: the fifth working day after the signs are reported today', { date: '2026-03-17' }, true],
    [
      'FRAG-4: the sixth working day is refused',
      { date: '2026-03-18' },
      /^Too late: A Placement Support Meeting is held as soon as there are signs of instability; .*so by 2026-03-17\.$/,
    ],
    ['FRAG-4: counted from when the signs were reported', { signsReportedOn: '2026-03-06', date: '2026-03-13' }, true],
    ['FRAG-4: counted from when the signs were reported, a day too late', { signsReportedOn: '2026-03-06', date: '2026-03-16' }, /by 2026-03-13\.$/],
  ])('%s', (_name, input, expected) => checkDate('support', input, expected));

  test('FRAG-4: signs reported weeks ago: still accepted soon, with a warning', () => {
    expect(validateMeetingDate('support', { today: TODAY, signsReportedOn: '2026-02-20', date: '2026-03-12' })).toMatchObject({
      ok: true,
      warning: expect.stringMatching(/has passed/),
    });
  });
});

describe('END-2 / Meetings table (003): a Disruption Meeting at least six weeks after the placement ended', () => {
  test.each<DateCase>([
    ['six weeks to the day: accepted', { placementEnded: '2026-03-01', date: '2026-04-12' }, true],
    ['later: accepted', { placementEnded: '2026-03-01', date: '2026-06-01' }, true],
    [
      'five weeks after the ending: refused, with the reason',
      { placementEnded: '2026-03-01', date: '2026-04-05' },
      'Too early: A Disruption Meeting is held at least six weeks after the placement ended (2026-03-01), so on or after 2026-04-12.',
    ],
    ['one day short of six weeks: refused', { placementEnded: '2026-03-01', date: '2026-04-11' }, /^Too early: .*on or after 2026-04-12/],
    ['the ending date must be given', { date: '2026-06-01' }, /^Give the date the placement ended: /],
  ])('%s', (_name, input, expected) => checkDate('disruption', input, expected));

  test.each<[string, { placementType: string; endDate: string; unplanned: boolean; permanent?: boolean }, string]>([
    ['END-2: a long-term foster placement broke down: hold one', { placementType: 'U4', endDate: '2026-03-01', unplanned: true }, 'hold'],
    ['END-2: a placement for adoption broke down: hold one', { placementType: 'A5', endDate: '2026-03-01', unplanned: true }, 'hold'],
    ['END-2: any other unplanned ending: consider one', { placementType: 'U6', endDate: '2026-03-01', unplanned: true }, 'consider'],
    ['END-2: the caller may say the placement was permanent', { placementType: 'K2', endDate: '2026-03-01', unplanned: true, permanent: true }, 'hold'],
    ['END-2: a planned ending: none', { placementType: 'U4', endDate: '2026-03-01', unplanned: false }, 'none'],
  ])('%s', (_name, ending, advice) => {
    const result = disruptionMeetingAdvice(ending);
    expect(result.advice).toBe(advice);
    expect(result.ruleIds).toEqual(['END-2']);
    expect(result.earliestDate).toBe(advice === 'none' ? null : '2026-04-12');
  });
});

describe('Other meetings: no fixed date in the rules, but never in the past', () => {
  test.each<[MeetingType, string, boolean]>([
    ['stability', '2026-04-30', true],
    ['multi-agency', '2026-04-30', true],
    ['stability', '2026-03-09', false],
  ])('%s on %s: %s', (type, date, ok) => {
    expect(validateMeetingDate(type, { today: TODAY, date }).ok).toBe(ok);
  });
});

// Placement meetings, specified rule by rule: Convening a meeting (Meetings table, 003).
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import { fieldErrors } from '../../../src/domain/moves';
import { meetingConveneFormSchema, type MeetingType } from '../../../src/domain/meetings';
import { TODAY } from './helpers';

describe('Meetings table (003): a Placement Stability Meeting has an allocated minute taker (convening)', () => {
  const convene = (type: MeetingType, form: Record<string, unknown>) =>
    meetingConveneFormSchema(type, { today: TODAY, placementEnded: '2026-03-01' }).safeParse({ date: '2026-03-20', time: '10:00', ...form });

  test.each<[string, MeetingType, Record<string, unknown>, Record<string, string>]>([
    ['stability without a minute taker: refused', 'stability', {}, { minuteTaker: 'Name the allocated minute taker: every Placement Stability Meeting has one.' }],
    ['stability with a minute taker: accepted', 'stability', { minuteTaker: 'mia.minutes@example.org' }, {}],
    ['stability with a minute taker that is not an email: refused', 'stability', { minuteTaker: 'Mia' }, { minuteTaker: 'Give the minute taker\u2019s email address.' }],
    ['support needs no named minute taker', 'support', { date: '2026-03-12' }, {}],
    [
      'the child left out without a reason: refused (Meetings table, 003)',
      'stability',
      { minuteTaker: 'mia.minutes@example.org', childAttendance: 'not-invited' },
      { childAttendanceReason: expect.stringMatching(/record why they are not invited/) as unknown as string },
    ],
    [
      'a disruption meeting too soon: refused (END-2)',
      'disruption',
      { date: '2026-04-05' },
      { date: expect.stringMatching(/^Too early: A Disruption Meeting is held at least six weeks after the placement ended .*[^)]\.$/) as unknown as string },
    ],
    ['a bad time: refused', 'multi-agency', { time: '25:00' }, { time: 'Give the start time as HH:MM.' }],
  ])('%s', (_name, type, form, errors) => {
    const result = convene(type, form);
    expect(result.success ? {} : fieldErrors(result.error)).toEqual(errors);
  });

  test('a convened meeting keeps the child\u2019s attendance reason only when it is an exception', () => {
    const result = convene('stability', {
      minuteTaker: 'Mia.Minutes@example.org',
      childAttendance: 'second-part',
      childAttendanceReason: 'Adults discuss the allegation detail first.',
    });
    expect(result.success && result.data).toEqual({
      type: 'stability',
      date: '2026-03-20',
      time: '10:00',
      durationMinutes: 60,
      childAttendance: 'second-part',
      childAttendanceReason: 'Adults discuss the allegation detail first.',
      childVoice: { said: null, notAskedBecause: null, advocateOffered: null },
      minuteTaker: 'mia.minutes@example.org',
      dateWarning: null,
    });
  });
});

describe("the child's voice on the convene form: what the child said, or why they were not asked, and whether an advocate was offered", () => {
  const convene = (form: Record<string, unknown>) =>
    meetingConveneFormSchema('support', { today: TODAY, placementEnded: null }).safeParse({ date: '2026-03-12', time: '10:00', ...form });

  test('what the child said and the advocate are kept with the meeting', () => {
    const result = convene({ childSaid: 'I want to stay but I need my own room.', advocateOffered: 'yes' });
    expect(result.success && result.data.childVoice).toEqual({ said: 'I want to stay but I need my own room.', notAskedBecause: null, advocateOffered: true });
  });

  test('left blank, the voice is recorded as not given (the child may speak at the meeting)', () => {
    const result = convene({});
    expect(result.success && result.data.childVoice).toEqual({ said: null, notAskedBecause: null, advocateOffered: null });
  });

  test.each([
    ['an answer about the advocate other than yes or no is refused', { advocateOffered: 'maybe' }, { advocateOffered: 'Say yes or no: was the child offered an advocate?' }],
    ['what the child said longer than 4000 characters is refused', { childSaid: 'x'.repeat(4001) }, { childSaid: 'What the child said about it must be at most 4000 characters.' }],
    ['a MongoDB operator instead of text is refused', { childNotAskedBecause: { $gt: '' } }, { childNotAskedBecause: 'Why the child was not asked must be text.' }],
  ])('%s', (_name, form, errors) => {
    const result = convene(form);
    expect(result.success ? {} : fieldErrors(result.error)).toEqual(errors);
  });
});

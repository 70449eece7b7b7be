// Placement meetings, specified rule by rule: The outcome and what it sets going (FRAG-4 to FRAG-8, END-1, PLAN-1).
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import type { Child } from '../../../src/domain/people';
import { fieldErrors } from '../../../src/domain/moves';
import { decisionsFor, followUpsForOutcome, initialSupportPlanFocus, meetingOutcomeSchema, type MeetingOutcome, type MeetingType } from '../../../src/domain/meetings';
import { ifaFoster, inHouseFoster, residential, sam, steve, withParents } from '../meetingFixtures';
import { TODAY } from './helpers';

// ---- the outcome ------------------------------------------------------------------------------

const MEETING_DATE = '2026-03-10';
const outcomeForm = {
  summary: 'Carer and young person agreed a new evening routine; respite offered.',
  decision: 'continue-with-support',
  reviewDate: '2026-04-07',
  minuteTaker: 'mia.minutes@example.org',
  actions: [{ what: 'Arrange respite weekend', ownerEmail: 'Steve.SSW@example.org', dueDate: '2026-03-20' }],
};
function outcomeErrors(type: MeetingType, change: Record<string, unknown>) {
  const result = meetingOutcomeSchema({ type, meetingDate: MEETING_DATE }).safeParse({ ...outcomeForm, ...change });
  return result.success ? {} : fieldErrors(result.error);
}

describe('Meetings table (003): a Placement Stability Meeting books its review at the meeting and names its minute taker', () => {
  test.each<[string, Record<string, unknown>, string, string | undefined]>([
    ['with a review date and minute taker: accepted', {}, 'reviewDate', undefined],
    ['no review date: refused', { reviewDate: '' }, 'reviewDate', 'Book the review now: a Placement Stability Meeting books its review at the meeting itself.'],
    ['a review date on the day of the meeting: refused', { reviewDate: MEETING_DATE }, 'reviewDate', `The review date must be after the meeting (${MEETING_DATE}).`],
    ['a review date more than a year away: refused', { reviewDate: '2027-04-01' }, 'reviewDate', 'The review date must be within a year of the meeting.'],
    ['no minute taker: refused', { minuteTaker: undefined }, 'minuteTaker', 'Name the allocated minute taker of the Placement Stability Meeting.'],
  ])('%s', (_name, change, field, message) => {
    expect(outcomeErrors('stability', change)[field]).toBe(message);
  });

  test.each<[MeetingType, Record<string, unknown>]>([
    ['multi-agency', { reviewDate: '', minuteTaker: undefined }],
    ['support', { reviewDate: '', minuteTaker: undefined, supportPlanReviewed: 'yes' }],
  ])('a %s meeting does not require a review date or minute taker', (type, change) => {
    expect(outcomeErrors(type, change)).toEqual({});
  });
});

describe('FRAG-4: the initial support plan is reviewed at every Placement Support Meeting', () => {
  test.each<[string, string | undefined, string | undefined]>([
    ['reviewed: accepted', 'yes', undefined],
    ['not reviewed: refused', 'no', 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome.'],
    ['not answered: refused', undefined, 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome.'],
  ])('%s', (_name, supportPlanReviewed, message) => {
    expect(outcomeErrors('support', { supportPlanReviewed }).supportPlanReviewed).toBe(message);
  });
});

describe('Outcome decisions belong to meeting types', () => {
  test.each<[MeetingType, string[]]>([
    ['planning', ['placement-plan-agreed']],
    ['support', ['continue-with-support', 'support-package-agreed', 'commissioning-panel', 'escalate-to-panel']],
    ['stability', ['continue-with-support', 'support-package-agreed', 'commissioning-panel', 'escalate-to-panel', 'planned-ending']],
    ['multi-agency', ['continue-with-support', 'support-package-agreed', 'commissioning-panel', 'escalate-to-panel']],
    ['disruption', ['learning-recorded']],
  ])('%s', (type, decisions) => {
    expect(decisionsFor(type)).toEqual(decisions);
  });

  test('a decision the meeting cannot take is refused, naming the ones it can', () => {
    expect(outcomeErrors('support', { supportPlanReviewed: 'yes', decision: 'planned-ending', plannedEndDate: '2026-04-30' }).decision).toMatch(
      /^A Placement Support Meeting cannot record "Planned ending of the placement": choose "Continue with added support" or/,
    );
    expect(outcomeErrors('stability', { decision: 'maybe' }).decision).toMatch(/^Choose the decision: continue with added support; /);
  });
});

describe('Actions recorded at a meeting become tasks with owners and due dates', () => {
  test.each<[string, unknown, Record<string, string>]>([
    ['an array: accepted', outcomeForm.actions, {}],
    ['a JSON string (a card\u2019s hidden field): accepted', JSON.stringify(outcomeForm.actions), {}],
    ['none: accepted', '', {}],
    [
      'an owner that is not an email: refused',
      [{ what: 'Arrange respite', ownerEmail: 'Steve', dueDate: '2026-03-20' }],
      { actions: 'Give the email address of the person who owns the action.' },
    ],
    [
      'due before the meeting: refused',
      [{ what: 'Arrange respite', ownerEmail: 'steve.ssw@example.org', dueDate: '2026-03-01' }],
      { actions: 'An action cannot be due before the meeting.' },
    ],
    ['unreadable: refused', '[{', { actions: 'The actions could not be read.' }],
  ])('%s', (_name, actions, errors) => {
    expect(outcomeErrors('stability', { actions })).toEqual(errors);
  });

  test('each action becomes a task for its owner, due when the meeting said', () => {
    const outcome = meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE }).parse(outcomeForm);
    expect(followUpsForOutcome(outcome, inHouseFoster, TODAY, 'MT-2026-0007')).toEqual([
      // The title is a fact that may be listed anywhere; the chair's words are kept beside it.
      { kind: 'action', title: 'An action agreed at MT-2026-0007', typed: 'Arrange respite weekend', owner: steve.id, ownerRole: null, dueDate: '2026-03-20', ruleIds: [] },
      {
        kind: 'review-meeting',
        title: 'Hold the review Placement Stability Meeting booked for 2026-04-07',
        owner: sam.id,
        ownerRole: 'social_worker',
        dueDate: '2026-04-07',
        ruleIds: ['FRAG-5'],
      },
    ]);
  });
});

function outcome(change: Partial<MeetingOutcome>): MeetingOutcome {
  return {
    type: 'stability',
    meetingDate: MEETING_DATE,
    summary: 'Agreed.',
    decision: 'continue-with-support',
    serviceNeeded: null,
    plannedEndDate: null,
    actions: [],
    reviewDate: null,
    minuteTaker: 'mia.minutes@example.org',
    supportPlanReviewed: null,
    ...change,
  };
}
const followUps = (o: Partial<MeetingOutcome>, child: Child) =>
  followUpsForOutcome(outcome(o), child, TODAY, 'MT-2026-0007').map((t) => [t.kind, t.ownerRole, t.dueDate, t.ruleIds.join(' ')]);

describe('FRAG-8 / END-1: a planned ending of an external placement: notice to the provider and the Placements Service told at once', () => {
  test.each<[string, Child, string[][]]>([
    [
      'FRAG-8: IFA (PR4): move request, Placements Service told today, notice served today, payments stop at the end',
      ifaFoster,
      [
        ['request-move', 'social_worker', TODAY, 'MOVE-1 MOVE-11'],
        ['tell-placements-service', 'social_worker', TODAY, 'FRAG-8 END-1'],
        ['serve-notice', 'placements_team', TODAY, 'FRAG-8 END-1'],
        ['stop-payments', 'placements_team', '2026-04-30', 'END-1'],
      ],
    ],
    [
      'FRAG-8: private children\u2019s home (K2, PR4): the same',
      residential,
      [
        ['request-move', 'social_worker', TODAY, 'MOVE-1 MOVE-11'],
        ['tell-placements-service', 'social_worker', TODAY, 'FRAG-8 END-1'],
        ['serve-notice', 'placements_team', TODAY, 'FRAG-8 END-1'],
        ['stop-payments', 'placements_team', '2026-04-30', 'END-1'],
      ],
    ],
    [
      'END-1: the council\u2019s own carers (PR1): the Placement Officer is told the end date now; no notice to a provider',
      inHouseFoster,
      [
        ['request-move', 'social_worker', TODAY, 'MOVE-1 MOVE-11'],
        ['tell-placements-service', 'social_worker', TODAY, 'END-1'],
        ['stop-payments', 'placements_team', '2026-04-30', 'END-1'],
      ],
    ],
  ])('%s', (_name, child, expected) => {
    expect(followUps({ decision: 'planned-ending', plannedEndDate: '2026-04-30' }, child)).toEqual(expected);
  });

  test('FRAG-8: the tasks give the end date and name the provider beside the title, never in it (a title is listed in shared places)', () => {
    const tasks = followUpsForOutcome(outcome({ decision: 'planned-ending', plannedEndDate: '2026-04-30' }), ifaFoster, TODAY, 'MT-2026-0007');
    expect(tasks.find((t) => t.kind === 'serve-notice')).toMatchObject({
      title: 'Serve notice on the provider for the planned end on 2026-04-30',
      carerName: 'Bright Futures Fostering',
    });
    expect(tasks.find((t) => t.kind === 'tell-placements-service')).toMatchObject({
      owner: sam.id,
      title: expect.stringMatching(/^Tell the Placements Service today/),
      carerName: 'Bright Futures Fostering',
    });
    for (const t of tasks) expect(t.title).not.toContain('Bright Futures');
  });

  test('END-1: a planned ending needs its end date', () => {
    expect(outcomeErrors('stability', { decision: 'planned-ending' }).plannedEndDate).toBe(
      'Give the planned end date: it is passed to the Placement Officer as early as possible.',
    );
    expect(outcomeErrors('stability', { decision: 'planned-ending', plannedEndDate: '2026-04-30' })).toEqual({});
  });
});

describe('FRAG-7: a costed external service goes to the Commissioning Panel first, presented by the child\u2019s social worker', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['the service described: accepted', { decision: 'commissioning-panel', serviceNeeded: 'Therapeutic parenting support, 12 sessions' }, undefined],
    [
      'the service not described: refused',
      { decision: 'commissioning-panel' },
      'Describe the costed external service the social worker will take to the Commissioning Panel for funding.',
    ],
  ])('%s', (_name, change, message) => {
    expect(outcomeErrors('stability', change).serviceNeeded).toBe(message);
  });

  test('FRAG-7: the social worker presents within 5 working days', () => {
    expect(followUps({ decision: 'commissioning-panel', serviceNeeded: 'Therapy' }, ifaFoster)).toEqual([['commissioning-panel', 'social_worker', '2026-03-17', 'FRAG-7']]);
  });
});

describe('FRAG-6: escalation to the Placement Stability Panel for a service essential to stability', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['the service described: accepted', { decision: 'escalate-to-panel', serviceNeeded: 'CAMHS assessment refused twice' }, undefined],
    [
      'the service not described: refused',
      { decision: 'escalate-to-panel', serviceNeeded: 'CAMHS' },
      'Describe the service essential to stability that cannot be got without the Placement Stability Panel.',
    ],
  ])('%s', (_name, change, message) => {
    expect(outcomeErrors('stability', change).serviceNeeded).toBe(message);
  });

  test('FRAG-6: the case is presented at the panel, with the Virtual School (MOVE-4)', () => {
    expect(followUps({ decision: 'escalate-to-panel', serviceNeeded: 'CAMHS assessment' }, inHouseFoster)).toEqual([
      ['stability-panel', 'social_worker', '2026-03-17', 'FRAG-6 MOVE-4'],
    ]);
  });
});

describe('FRAG-5 / FRAG-4: the review booked at the meeting is followed up', () => {
  test.each<[MeetingType, string]>([
    ['stability', 'FRAG-5'],
    ['support', 'FRAG-4'],
  ])('%s review cites %s', (type, rule) => {
    expect(followUps({ type, reviewDate: '2026-04-07' }, withParents)).toEqual([['review-meeting', 'social_worker', '2026-04-07', rule]]);
  });

  test('the outcome form keeps only the fields its decision uses', () => {
    const parsed = meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE }).parse({ ...outcomeForm, serviceNeeded: 'ignored here', plannedEndDate: '2026-04-30' });
    expect(parsed).toMatchObject({ decision: 'continue-with-support', serviceNeeded: null, plannedEndDate: null, supportPlanReviewed: null, actions: [{ ownerEmail: steve.id }] });
  });
});

describe('Attendance is recorded with the outcome: who came, who sent their views', () => {
  const parse = (change: Record<string, unknown>) =>
    meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE, attendeeKeys: ['sam.social@example.org', 'val.school@example.org', 'child'] }).safeParse({
      ...outcomeForm,
      ...change,
    });
  test('who came and who sent views are kept, from the meeting\u2019s invitees', () => {
    const result = parse({ attended: 'sam.social@example.org,child', sentViews: 'val.school@example.org' });
    expect(result.success && [result.data.attended, result.data.sentViews]).toEqual([['sam.social@example.org', 'child'], ['val.school@example.org']]);
  });
  test.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['no one recorded as coming', {}, { attended: 'Record who came to the meeting.' }],
    ['someone who was not invited', { attended: 'mallory@example.org' }, { attended: 'Choose who came from the meeting\u2019s invitees.' }],
    [
      'came and also sent views',
      { attended: 'sam.social@example.org', sentViews: 'sam.social@example.org' },
      { sentViews: 'Someone who came is not also recorded as sending views.' },
    ],
  ])('%s: refused', (_name, change, expected) => {
    const result = parse(change);
    expect(result.success ? {} : fieldErrors(result.error)).toEqual(expected);
  });
});

describe('Meetings table (001): the Placement Planning Meeting records the initial support plan completed by the supervising social worker, with extra focus for a child who has moved before or is 13 to 15', () => {
  const planning = { ...outcomeForm, decision: 'placement-plan-agreed' };
  test('the outcome needs the initial support plan completed; the extra focus is kept with it', () => {
    expect(outcomeErrors('planning', { decision: 'placement-plan-agreed' })).toEqual({
      initialSupportPlan: 'Record that the supervising social worker completed the initial support plan at the meeting.',
    });
    const focus = 'Give the initial support plan extra focus: the child is 14 (Meetings table, 001).';
    const result = meetingOutcomeSchema({ type: 'planning', meetingDate: MEETING_DATE, extraFocus: focus }).safeParse({ ...planning, initialSupportPlan: 'yes' });
    expect(result.success && [result.data.initialSupportPlanCompleted, result.data.extraFocus]).toEqual([true, focus]);
  });
  test('other meetings do not ask for it', () => {
    const result = meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE }).safeParse(outcomeForm);
    expect(result.success && [result.data.initialSupportPlanCompleted, result.data.extraFocus]).toEqual([null, null]);
  });
  test.each<[string, string, number, string | null]>([
    ['12 with no earlier move: none', '2013-06-01', 0, null],
    ['13 on the meeting day', '2013-03-10', 0, 'Give the initial support plan extra focus: the child is 13 (Meetings table, 001).'],
    ['15, the last year of it', '2010-03-11', 0, 'Give the initial support plan extra focus: the child is 15 (Meetings table, 001).'],
    ['16: none', '2010-03-10', 0, null],
    ['moved before, aged 8', '2018-01-01', 2, 'Give the initial support plan extra focus: the child has moved placement before (2 earlier moves on record) (Meetings table, 001).'],
  ])('%s', (_name, dateOfBirth, moves, expected) => {
    expect(initialSupportPlanFocus({ dateOfBirth }, MEETING_DATE, moves)).toBe(expected);
  });
});

describe('END-2: a Disruption Meeting records its learning in structured fields (what helped, what did not, what to change)', () => {
  const disruption = { ...outcomeForm, decision: 'learning-recorded' };
  test('all three are needed', () => {
    const errors = outcomeErrors('disruption', { decision: 'learning-recorded', whatHelped: 'Respite' });
    expect(Object.keys(errors).sort()).toEqual(['whatDidNotHelp', 'whatHelped', 'whatToChange']);
    expect(errors.whatToChange).toMatch(/^Record the learning: what helped, what did not, and what to change next time\. /);
  });
  test('kept as the learning of the outcome', () => {
    const result = meetingOutcomeSchema({ type: 'disruption', meetingDate: MEETING_DATE }).safeParse({
      ...disruption,
      whatHelped: 'Weekly respite and the school link worker.',
      whatDidNotHelp: 'Three changes of social worker in a year.',
      whatToChange: 'Hold the support meeting at the first signs.',
    });
    expect(result.success && result.data.learning).toEqual({
      helped: 'Weekly respite and the school link worker.',
      didNotHelp: 'Three changes of social worker in a year.',
      change: 'Hold the support meeting at the first signs.',
    });
  });
});

describe("the child's voice with the outcome: what the child said at the meeting, or why they were not asked, and whether an advocate was offered", () => {
  const parse = (change: Record<string, unknown>) => meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE }).safeParse({ ...outcomeForm, ...change });

  test('what the child said is kept with the outcome', () => {
    const result = parse({ childSaid: 'I can stay if I get my own time on Saturdays.', advocateOffered: 'yes' });
    expect(result.success && result.data.childVoice).toEqual({ said: 'I can stay if I get my own time on Saturdays.', notAskedBecause: null, advocateOffered: true });
  });

  test('why the child was not asked is kept in its place', () => {
    const result = parse({ childNotAskedBecause: 'She chose not to come and sent no message.', advocateOffered: 'no' });
    expect(result.success && result.data.childVoice).toEqual({ said: null, notAskedBecause: 'She chose not to come and sent no message.', advocateOffered: false });
  });

  test.each([
    ['an advocate answer other than yes or no is refused', { advocateOffered: 'later' }, { advocateOffered: 'Say yes or no: was the child offered an advocate?' }],
    ['text longer than 4000 characters is refused', { childSaid: 'x'.repeat(4001) }, { childSaid: 'What the child said about it must be at most 4000 characters.' }],
  ])('%s', (_name, change, errors) => {
    expect(outcomeErrors('stability', change)).toEqual(errors);
  });
});

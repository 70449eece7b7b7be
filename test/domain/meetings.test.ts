// Placement meetings, specified rule by rule: DOMAIN.md's "Meetings" table (cited as "Meetings
// table" with its seed numbers, since the table has no rule ids) and the rules PLAN-1, FRAG-3 to
// FRAG-8, MOVE-4, END-1 and END-2. One describe block per rule; each table row is one case.
import { fieldErrors } from '../../src/domain/moves';
import type { Child, Person } from '../../src/domain/people';
import {
  MEETINGS,
  MEETING_TYPES,
  addWorkingDays,
  chooseChair,
  decisionsFor,
  disruptionMeetingAdvice,
  followUpsForOutcome,
  isIfaPlacement,
  isInHouseFosterPlacement,
  meetingConveneFormSchema,
  meetingDateWindow,
  meetingOutcomeSchema,
  placementSetting,
  proposeAttendees,
  validateChair,
  validateChildAttendance,
  validateMeetingDate,
  withChair,
  type AttendeeOptions,
  type ChildAttendance,
  type MeetingOutcome,
  type MeetingTimingInput,
  type MeetingType,
  type ProposedAttendee,
} from '../../src/domain/meetings';
import {
  fiona,
  hana,
  ian,
  ifaFoster,
  inHouseFoster,
  ivy,
  kinship,
  pat,
  perry,
  priya,
  residential,
  roster,
  sally,
  sam,
  semiIndependent,
  steve,
  sue,
  tom,
  val,
  withParents,
} from './meetingFixtures';

const TODAY = '2026-03-10'; // a Tuesday

/** An attendee as "kind" (required), "kind?" (optional), with "(views)" or "(second part)" when not attending throughout. */
function shape(a: ProposedAttendee): string {
  const how = a.participation === 'views-sought' ? ' (views)' : a.participation === 'second-part-only' ? ' (second part)' : '';
  return `${a.kind}${a.required ? '' : '?'}${how}`;
}
const invited = (type: MeetingType, child: Child, options?: AttendeeOptions) => proposeAttendees(type, child, roster, options).attendees.map(shape);
const toArrange = (type: MeetingType, child: Child, options?: AttendeeOptions) => proposeAttendees(type, child, roster, options).toArrange.map((a) => `${a.kind}${a.required ? '' : '?'}`);
const find = (type: MeetingType, child: Child, kind: string, options?: AttendeeOptions) => proposeAttendees(type, child, roster, options).attendees.find((a) => a.kind === kind);

describe('The meeting types are plain data', () => {
  test('five types, each with a label, purpose, timing, rule ids and sources', () => {
    expect(MEETING_TYPES).toEqual(['planning', 'support', 'stability', 'multi-agency', 'disruption']);
    expect(MEETING_TYPES.map((t) => MEETINGS[t].label)).toEqual([
      'Placement Planning Meeting',
      'Placement Support Meeting',
      'Placement Stability Meeting',
      'Multi-agency planning meeting',
      'Disruption Meeting',
    ]);
    for (const type of MEETING_TYPES) {
      const m = MEETINGS[type];
      expect(m.type).toBe(type);
      expect(m.purpose.length).toBeGreaterThan(40);
      expect(m.when.length).toBeGreaterThan(10);
      expect(m.ruleIds.length).toBeGreaterThan(0);
      expect(m.sources.every((s) => /^00[0-4]$/.test(s))).toBe(true);
    }
  });

  test.each<[MeetingType, string]>([
    ['planning', 'PLAN-1'],
    ['support', 'FRAG-4'],
    ['stability', 'FRAG-5'],
    ['multi-agency', 'FRAG-3'],
    ['disruption', 'END-2'],
  ])('%s meetings cite %s', (type, rule) => {
    expect(MEETINGS[type].ruleIds).toContain(rule);
  });
});

describe('Placement codes the rules turn on (PLACE U1-U6 foster, K1/K2/R1/S1 residential, H5/K3 semi-independent; PLACE_PROVIDER PR1 own, PR4/PR5 external)', () => {
  test.each<[string, string, string, boolean, boolean]>([
    ['U4', 'PR1', 'foster', false, true],
    ['U3', 'PR1', 'foster', false, true],
    ['U6', 'PR4', 'foster', true, false],
    ['U1', 'PR5', 'foster', true, false],
    ['U4', 'PR2', 'foster', false, false],
    ['K2', 'PR4', 'residential', false, false],
    ['R1', 'PR1', 'residential', false, false],
    ['H5', 'PR5', 'semi-independent', false, false],
    ['K3', 'PR4', 'semi-independent', false, false],
    ['P1', 'PR0', 'other', false, false],
    ['A5', 'PR1', 'other', false, false],
  ])('%s from %s: %s, IFA %s, in-house foster %s', (placementType, placementProvider, setting, ifa, inHouse) => {
    expect(placementSetting(placementType)).toBe(setting);
    expect(isIfaPlacement({ placementType, placementProvider })).toBe(ifa);
    expect(isInHouseFosterPlacement({ placementType, placementProvider })).toBe(inHouse);
  });
});

// ---- who is invited -------------------------------------------------------------------------

describe('Meetings table, Placement Planning Meeting (004, 001): who contributes', () => {
  test.each<[string, Child, AttendeeOptions | undefined, string[], string[]]>([
    [
      'foster care: the child, SW, foster carers and their SSW; the IRO\u2019s views; the Virtual School offered (MOVE-4)',
      inHouseFoster,
      undefined,
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'virtual_school?', 'iro (views)'],
      ['guardian?', 'advocate?', 'parent?'],
    ],
    [
      'residential: the key worker through the home; the home manager where appropriate',
      residential,
      undefined,
      ['child', 'social_worker', 'key_worker', 'virtual_school?', 'iro (views)'],
      ['home_manager?', 'guardian?', 'advocate?', 'parent?'],
    ],
    [
      'parents where appropriate, and the Guardian\u2019s views where there is one',
      inHouseFoster,
      { parents: [{ name: 'Pat Parent', email: 'pat.parent@example.org' }], guardian: { name: 'Gail Guardian', email: 'gail@cafcass.example' } },
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'virtual_school?', 'iro (views)', 'guardian? (views)', 'parent?'],
      ['advocate?'],
    ],
    [
      'the new placement, when the record still shows the old one: its carers are invited',
      residential,
      { placement: { placementType: 'U4', placementProvider: 'PR1', carerName: 'New Carer', carerEmail: 'new.carer@example.org', supervisingSocialWorker: steve.id } },
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'virtual_school?', 'iro (views)'],
      ['guardian?', 'advocate?', 'parent?'],
    ],
  ])('%s', (_name, child, options, expected, arrange) => {
    expect(invited('planning', child, options)).toEqual(expected);
    expect(toArrange('planning', child, options)).toEqual(arrange);
  });

  test('the new carer\u2019s contact is used, and the IRO is asked for views, not to attend', () => {
    const options = { placement: { placementType: 'U4', placementProvider: 'PR1', carerName: 'New Carer', carerEmail: 'New.Carer@example.org' } };
    expect(find('planning', residential, 'carer', options)).toMatchObject({ personId: null, name: 'New Carer', email: 'new.carer@example.org' });
    expect(find('planning', inHouseFoster, 'iro')).toMatchObject({ personId: ivy.id, participation: 'views-sought', reason: expect.stringMatching(/Meetings table, 004/) });
  });
});

describe('Meetings table, Placement Stability Meeting (003, 001): who attends', () => {
  test.each<[string, Child, string[], string[]]>([
    [
      'in-house foster: child, SW, carers, SSW, fostering manager, Virtual School',
      inHouseFoster,
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager', 'virtual_school'],
      ['advocate?', 'other_professional?'],
    ],
    [
      'IFA: as above, and the Placements Service is offered for an external provider (FRAG-8)',
      ifaFoster,
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager', 'virtual_school', 'placements_team?'],
      ['advocate?', 'other_professional?'],
    ],
    [
      'residential: the key worker, not a foster SSW or the fostering manager',
      residential,
      ['child', 'social_worker', 'key_worker', 'virtual_school', 'placements_team?'],
      ['home_manager?', 'advocate?', 'other_professional?'],
    ],
    [
      'semi-independent: the provider',
      semiIndependent,
      ['child', 'social_worker', 'provider', 'virtual_school', 'placements_team?'],
      ['advocate?', 'other_professional?'],
    ],
  ])('%s', (_name, child, expected, arrange) => {
    expect(invited('stability', child)).toEqual(expected);
    expect(toArrange('stability', child)).toEqual(arrange);
  });

  test('an advocate and other professionals are invited when the organiser names them', () => {
    const options: AttendeeOptions = {
      advocate: { name: 'Ade Advocate', email: 'ade@advocacy.example' },
      otherProfessionals: [{ name: 'Cam Health', email: 'cam@nhs.example', role: 'CAMHS worker' }],
    };
    expect(invited('stability', inHouseFoster, options)).toEqual([
      'child',
      'social_worker',
      'carer',
      'supervising_social_worker',
      'fostering_manager',
      'virtual_school',
      'advocate?',
      'other_professional?',
    ]);
    expect(find('stability', inHouseFoster, 'other_professional', options)?.label).toBe('CAMHS worker');
  });

  test('every attendee says why they are invited, citing the rule or the Meetings table', () => {
    for (const a of proposeAttendees('stability', ifaFoster, roster).attendees) {
      expect(a.reason).toMatch(/\((?:[^)]*Meetings table[^)]*|[^)]*[A-Z]+-\d[^)]*)\)/);
    }
  });

  test('carers, parents and the child are not on the roster: personId is null', () => {
    const { attendees } = proposeAttendees('stability', ifaFoster, roster);
    expect(attendees.find((a) => a.kind === 'child')).toMatchObject({ personId: null });
    expect(attendees.find((a) => a.kind === 'carer')).toMatchObject({ personId: null, name: 'Bright Futures Fostering', email: 'placements@brightfutures.example' });
    expect(attendees.find((a) => a.kind === 'social_worker')).toMatchObject({ personId: sam.id, name: 'Sam Social', email: sam.email });
  });

  test('a carer with no email on record is still proposed, with a note to add one', () => {
    expect(find('stability', kinship, 'carer')).toMatchObject({ name: 'Jo Relative', reason: expect.stringMatching(/No email on record/) });
    expect(find('stability', kinship, 'carer')).not.toHaveProperty('email');
  });

  test('a social worker not on the roster is invited by email; a missing SSW is left to arrange', () => {
    const child = { ...inHouseFoster, socialWorker: 'Agency.Worker@example.org', supervisingSocialWorker: null };
    expect(find('stability', child, 'social_worker')).toMatchObject({ personId: null, email: 'agency.worker@example.org' });
    expect(toArrange('stability', child)).toContain('supervising_social_worker');
  });

  test('no one is invited twice: one person in two roles is merged, keeping both reasons', () => {
    const both: Person = { ...val, roles: ['virtual_school', 'fostering_manager'] };
    const { attendees } = proposeAttendees('stability', inHouseFoster, [sam, steve, both]);
    const vals = attendees.filter((a) => a.personId === val.id);
    expect(vals).toHaveLength(1);
    expect(vals[0].reason).toMatch(/fostering manager.*Also: The Virtual School/);
    expect(vals[0].ruleIds).toEqual(['MOVE-4']);
  });
});

describe('Meetings table, Placement Support Meeting (001): as the stability meeting, the Virtual School included', () => {
  test.each<[string, Child, string[]]>([
    ['in-house foster', inHouseFoster, ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager', 'virtual_school']],
    ['residential', residential, ['child', 'social_worker', 'key_worker', 'virtual_school', 'placements_team?']],
  ])('%s', (_name, child, expected) => {
    expect(invited('support', child)).toEqual(expected);
    expect(find('support', child, 'virtual_school')?.ruleIds).toEqual(['MOVE-4', 'FRAG-4']);
  });
});

describe('MOVE-4: the Virtual School takes part', () => {
  test.each<[MeetingType, boolean]>([
    ['support', true],
    ['stability', true],
    ['multi-agency', true],
    ['planning', false],
    ['disruption', false],
  ])('%s meeting: Virtual School invited, required %s', (type, required) => {
    const vs = find(type, inHouseFoster, 'virtual_school');
    expect(vs).toMatchObject({ personId: val.id, required });
  });

  test('MOVE-4: no Virtual School on the roster is left to arrange', () => {
    const { toArrange: arrange } = proposeAttendees('support', inHouseFoster, roster.filter((p) => p !== val));
    expect(arrange).toContainEqual(expect.objectContaining({ kind: 'virtual_school', required: true, reason: expect.stringMatching(/No one on the roster holds this role for team North/) }));
  });
});

describe('FRAG-3: a multi-agency planning meeting gathers the agencies around the child', () => {
  test.each<[string, Child, string[]]>([
    ['foster: SW, carers, SSW, Virtual School; fostering optional', ifaFoster, ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager?', 'virtual_school']],
    ['residential: SW, key worker, Virtual School', residential, ['child', 'social_worker', 'key_worker', 'virtual_school']],
  ])('%s', (_name, child, expected) => {
    expect(invited('multi-agency', child)).toEqual(expected);
    expect(toArrange('multi-agency', child)).toContain('other_professional?');
    expect(find('multi-agency', child, 'social_worker')?.ruleIds).toEqual(['FRAG-3']);
  });
});

describe('END-2 / Meetings table, Disruption Meeting (003): all those involved', () => {
  test.each<[string, Child, AttendeeOptions | undefined, string[]]>([
    [
      'foster: the child, SW, carers, SSW, and optionally fostering, the Virtual School, the child\u2019s IRO and team manager',
      inHouseFoster,
      undefined,
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager?', 'virtual_school?', 'iro?', 'team_manager?'],
    ],
    [
      'others involved in the case are invited too',
      inHouseFoster,
      { involvedPersonIds: [pat.id, 'outside.worker@example.org'] },
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager?', 'virtual_school?', 'iro?', 'team_manager?', 'involved', 'involved'],
    ],
  ])('%s', (_name, child, options, expected) => {
    expect(invited('disruption', child, options)).toEqual(expected);
  });

  test('END-2: the carers of the placement that ended, not the new ones on the record', () => {
    const options: AttendeeOptions = { placement: { carerName: 'Former Carer', carerEmail: 'former@example.org' } };
    expect(find('disruption', inHouseFoster, 'carer', options)).toMatchObject({ name: 'Former Carer', email: 'former@example.org' });
  });
});

describe('Meetings table (003): the child takes part by default; leaving them out or an adults-only first part needs a recorded reason', () => {
  test.each<[string, ChildAttendance, string[]]>([
    ['by default the child is invited to the whole meeting', 'whole', ['child']],
    ['a two-part meeting: the child joins for the second part', 'second-part', ['child (second part)']],
    ['the child not invited: left off the list', 'not-invited', []],
  ])('%s', (_name, childAttendance, expected) => {
    expect(invited('stability', inHouseFoster, { childAttendance }).filter((s) => s.startsWith('child'))).toEqual(expected);
  });

  test.each<[string, ChildAttendance, string | null, boolean]>([
    ['whole meeting: no reason needed', 'whole', null, true],
    ['two parts with a reason: accepted', 'second-part', 'Adults need to discuss the allegation details first.', true],
    ['two parts without a reason: refused', 'second-part', '', false],
    ['left out with a reason: accepted', 'not-invited', 'Young person has said clearly they do not want to come.', true],
    ['left out with too short a reason: refused', 'not-invited', 'Busy.', false],
  ])('%s', (_name, attendance, reason, ok) => {
    const check = validateChildAttendance(attendance, reason);
    expect(check.ok).toBe(ok);
    if (!check.ok) expect(check.reason).toMatch(/\(Meetings table, 003\)\.$/);
  });
});

// ---- the chair ---------------------------------------------------------------------------------

describe('Meetings table (003): a council manager chairs the Placement Stability Meeting', () => {
  test.each<[string, Child, Person, string, RegExp]>([
    ['IFA (U6, PR4): the children\u2019s social work manager, i.e. the child\u2019s team manager', ifaFoster, tom, 'child-team-manager', /independent fostering agency/],
    ['IFA (U1, PR5): the child\u2019s team manager', { ...ifaFoster, placementType: 'U1', placementProvider: 'PR5' }, tom, 'child-team-manager', /independent fostering agency/],
    ['council\u2019s own foster carers (U4, PR1): the fostering manager', inHouseFoster, fiona, 'fostering-manager', /fostering manager chairs/],
    ['connected carers, council\u2019s own (U3, PR1): the fostering manager', kinship, fiona, 'fostering-manager', /fostering manager chairs/],
    ['our choice: residential (K2, PR4): the child\u2019s team manager, saying why', residential, sue, 'child-team-manager', /names no chair for a residential placement/],
    ['our choice: semi-independent (H5, PR5): the child\u2019s team manager, saying why', semiIndependent, sue, 'child-team-manager', /names no chair for a semi-independent placement/],
    ['our choice: another council\u2019s foster carer (U4, PR2): the child\u2019s team manager', { ...inHouseFoster, placementProvider: 'PR2' }, tom, 'child-team-manager', /names no chair for foster care not provided/],
  ])('%s', (_name, child, chair, basis, reason) => {
    const choice = chooseChair('stability', child, roster);
    expect(choice.person?.id).toBe(chair.id);
    expect(choice.basis).toBe(basis);
    expect(choice.reason).toMatch(reason);
    expect(choice.reason).toMatch(/\(Meetings table, 003\)/);
  });

  test('the support meeting follows the same rule, saying so', () => {
    expect(chooseChair('support', ifaFoster, roster)).toMatchObject({ person: tom, reason: expect.stringMatching(/^No chair is named for a Placement Support Meeting/) });
  });

  test('no manager on the roster: no chair proposed, and the reason says so', () => {
    expect(chooseChair('stability', inHouseFoster, roster.filter((p) => p !== fiona))).toMatchObject({ person: null, reason: expect.stringMatching(/No fostering manager on the roster/) });
    expect(chooseChair('stability', { ...ifaFoster, team: 'East' }, roster)).toMatchObject({ person: null, reason: expect.stringMatching(/No team manager on the roster covers team East/) });
  });

  test.each<[string, Child, Person, boolean, RegExp | null]>([
    ['the fostering manager for own carers: accepted', inHouseFoster, fiona, true, null],
    ['the team manager for an IFA: accepted', ifaFoster, tom, true, null],
    ['another manager for own carers: accepted, with a note to record why', inHouseFoster, tom, true, /fostering manager as chair/],
    ['the fostering manager for an IFA: accepted, with a note', ifaFoster, fiona, true, /child\u2019s team manager as chair/],
    ['a service manager: accepted, with a note', ifaFoster, sally, true, /record why Sally Service/],
    ['the social worker is not a manager: refused', ifaFoster, sam, false, /is not a manager: a Placement Stability Meeting is chaired by a manager of the council/],
    ['an SSW is not a manager: refused', inHouseFoster, steve, false, /is not a manager/],
  ])('validateChair: %s', (_name, child, chair, ok, message) => {
    const check = validateChair('stability', child, chair);
    expect(check.ok).toBe(ok);
    const text = check.ok ? check.note : check.reason;
    if (message) expect(text).toMatch(message);
    else expect(text).toBeNull();
  });

  test('withChair adds the chair once, or marks an attendee who is already invited', () => {
    const proposal = proposeAttendees('stability', ifaFoster, roster);
    const withTom = withChair(proposal.attendees, tom, 'IFA placement.');
    expect(withTom.filter((a) => a.personId === tom.id)).toEqual([expect.objectContaining({ label: 'Chair', required: true, reason: 'Chair: IFA placement.' })]);
    const withFiona = withChair(proposal.attendees, fiona, 'Own carers.');
    expect(withFiona).toHaveLength(proposal.attendees.length);
    expect(withFiona.find((a) => a.personId === fiona.id)?.reason).toMatch(/^Chair: Own carers\. Also: /);
  });
});

describe('Meetings table (003): a Disruption Meeting is chaired by an IRO or similar person not previously involved', () => {
  test.each<[string, string[], Person | null]>([
    ['the child\u2019s own IRO is passed over for an IRO who has not been involved', [], ian],
    ['an IRO named as involved is passed over too; with none left, no one is proposed', [ian.id], null],
  ])('chooseChair: %s', (_name, involved, expected) => {
    const choice = chooseChair('disruption', inHouseFoster, roster, involved);
    expect(choice.person).toEqual(expected);
    expect(choice.basis).toBe('independent');
    expect(choice.candidates).not.toContainEqual(ivy);
    expect(choice.reason).toMatch(/\(Meetings table, 003\)/);
  });

  test.each<[string, Person, string[], boolean, RegExp | null]>([
    ['an IRO not involved: accepted', ian, [], true, null],
    ['the child\u2019s own IRO: refused', ivy, [], false, /^Ivy Reviewer is the child\u2019s own IRO, so cannot chair the Disruption Meeting/],
    ['the child\u2019s social worker: refused', sam, [], false, /is the child\u2019s social worker/],
    ['the child\u2019s team manager: refused', tom, [], false, /is a team manager for the child\u2019s team \(North\)/],
    ['the carers\u2019 supervising social worker: refused', steve, [], false, /supervising social worker/],
    ['anyone listed as involved: refused', ian, ['IAN.Independent@example.org'], false, /has been involved in the case/],
    ['an uninvolved manager of similar standing: accepted, with a note to check', sue, [], true, /is not an IRO: check that they are of similar standing/],
    ['the Virtual School: refused, not an IRO or manager', val, [], false, /is not an IRO or a manager/],
    ['the performance team: refused', perry, [], false, /is not an IRO or a manager/],
  ])('validateChair: %s', (_name, chair, involved, ok, message) => {
    const check = validateChair('disruption', inHouseFoster, chair, involved);
    expect(check.ok).toBe(ok);
    const text = check.ok ? check.note : check.reason;
    if (message) expect(text).toMatch(message);
    else expect(text).toBeNull();
    if (!check.ok) expect(check.reason).toMatch(/\(Meetings table, 003\)\.$/);
  });

  test('a Head of Service for another team\u2019s child counts as a manager: accepted', () => {
    expect(validateChair('disruption', inHouseFoster, hana, []).ok).toBe(true);
  });
});

describe('Planning and multi-agency meetings: no chair is named, so the child\u2019s team manager is proposed', () => {
  test.each<[MeetingType, Child, Person]>([
    ['planning', inHouseFoster, tom],
    ['planning', residential, sue],
    ['multi-agency', ifaFoster, tom],
  ])('%s for %j', (type, child, expected) => {
    const choice = chooseChair(type, child, roster);
    expect(choice.person).toEqual(expected);
    expect(choice.reason).toMatch(/^No chair is named/);
    expect(validateChair(type, child, priya).ok).toBe(true);
  });
});

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
    ['PLAN-1: planned: after the start is refused', { placementStart: '2026-03-20', date: '2026-03-21' }, 'Too late: For a planned placement the Placement Planning Meeting is held before the placement starts, so by 2026-03-20 (PLAN-1).'],
    ['PLAN-1: emergency: within 72 hours of the start', { emergency: true, placementStart: '2026-03-09', date: '2026-03-12' }, true],
    ['PLAN-1: emergency: the fourth day is refused', { emergency: true, placementStart: '2026-03-09', date: '2026-03-13' }, /^Too late: .*within 72 hours of the start \(2026-03-09\), so by 2026-03-12 \(PLAN-1\)\.$/],
    ['PLAN-1: the placement start must be given', { date: '2026-03-12' }, /^Give the placement start date: .*\(PLAN-1\)/],
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
    expect(meetingDateWindow('planning', { today: TODAY, placementStart: '2026-03-20' })).toMatchObject({ earliest: TODAY, latest: '2026-03-20', late: false, ruleIds: ['PLAN-1'] });
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
    ['FRAG-4: the sixth working day is refused', { date: '2026-03-18' }, /^Too late: A Placement Support Meeting is held as soon as there are signs of instability; .*so by 2026-03-17 \(FRAG-4\)\.$/],
    ['FRAG-4: counted from when the signs were reported', { signsReportedOn: '2026-03-06', date: '2026-03-13' }, true],
    ['FRAG-4: counted from when the signs were reported, a day too late', { signsReportedOn: '2026-03-06', date: '2026-03-16' }, /by 2026-03-13 \(FRAG-4\)/],
  ])('%s', (_name, input, expected) => checkDate('support', input, expected));

  test('FRAG-4: signs reported weeks ago: still accepted soon, with a warning', () => {
    expect(validateMeetingDate('support', { today: TODAY, signsReportedOn: '2026-02-20', date: '2026-03-12' })).toMatchObject({ ok: true, warning: expect.stringMatching(/has passed/) });
  });
});

describe('END-2 / Meetings table (003): a Disruption Meeting at least six weeks after the placement ended', () => {
  test.each<DateCase>([
    ['six weeks to the day: accepted', { placementEnded: '2026-03-01', date: '2026-04-12' }, true],
    ['later: accepted', { placementEnded: '2026-03-01', date: '2026-06-01' }, true],
    [
      'five weeks after the ending: refused, with the reason',
      { placementEnded: '2026-03-01', date: '2026-04-05' },
      'Too early: A Disruption Meeting is held at least six weeks after the placement ended (2026-03-01), so on or after 2026-04-12 (END-2; Meetings table, 003).',
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

describe('Meetings table (003): a Placement Stability Meeting has an allocated minute taker (convening)', () => {
  const convene = (type: MeetingType, form: Record<string, unknown>) =>
    meetingConveneFormSchema(type, { today: TODAY, placementEnded: '2026-03-01' }).safeParse({ date: '2026-03-20', time: '10:00', ...form });

  test.each<[string, MeetingType, Record<string, unknown>, Record<string, string>]>([
    ['stability without a minute taker: refused', 'stability', {}, { minuteTaker: 'Name the allocated minute taker: every Placement Stability Meeting has one (Meetings table, 003).' }],
    ['stability with a minute taker: accepted', 'stability', { minuteTaker: 'mia.minutes@example.org' }, {}],
    ['stability with a minute taker that is not an email: refused', 'stability', { minuteTaker: 'Mia' }, { minuteTaker: 'Give the minute taker\u2019s email address.' }],
    ['support needs no named minute taker', 'support', { date: '2026-03-12' }, {}],
    ['the child left out without a reason: refused (Meetings table, 003)', 'stability', { minuteTaker: 'mia.minutes@example.org', childAttendance: 'not-invited' }, { childAttendanceReason: expect.stringMatching(/record why they are not invited/) as unknown as string }],
    ['a disruption meeting too soon: refused (END-2)', 'disruption', { date: '2026-04-05' }, { date: expect.stringMatching(/^Too early: .*\(END-2; Meetings table, 003\)\.$/) as unknown as string }],
    ['a bad time: refused', 'multi-agency', { time: '25:00' }, { time: 'Give the start time as HH:MM.' }],
  ])('%s', (_name, type, form, errors) => {
    const result = convene(type, form);
    expect(result.success ? {} : fieldErrors(result.error)).toEqual(errors);
  });

  test('a convened meeting keeps the child\u2019s attendance reason only when it is an exception', () => {
    const result = convene('stability', { minuteTaker: 'Mia.Minutes@example.org', childAttendance: 'second-part', childAttendanceReason: 'Adults discuss the allegation detail first.' });
    expect(result.success && result.data).toEqual({
      type: 'stability',
      date: '2026-03-20',
      time: '10:00',
      durationMinutes: 60,
      childAttendance: 'second-part',
      childAttendanceReason: 'Adults discuss the allegation detail first.',
      minuteTaker: 'mia.minutes@example.org',
      dateWarning: null,
    });
  });
});

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
    ['no review date: refused', { reviewDate: '' }, 'reviewDate', 'Book the review now: a Placement Stability Meeting books its review at the meeting itself (Meetings table, 003).'],
    ['a review date on the day of the meeting: refused', { reviewDate: MEETING_DATE }, 'reviewDate', `The review date must be after the meeting (${MEETING_DATE}).`],
    ['a review date more than a year away: refused', { reviewDate: '2027-04-01' }, 'reviewDate', 'The review date must be within a year of the meeting.'],
    ['no minute taker: refused', { minuteTaker: undefined }, 'minuteTaker', 'Name the allocated minute taker of the Placement Stability Meeting (Meetings table, 003).'],
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
    ['not reviewed: refused', 'no', 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome (FRAG-4).'],
    ['not answered: refused', undefined, 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome (FRAG-4).'],
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
    ['an owner that is not an email: refused', [{ what: 'Arrange respite', ownerEmail: 'Steve', dueDate: '2026-03-20' }], { actions: 'Give the email address of the person who owns the action.' }],
    ['due before the meeting: refused', [{ what: 'Arrange respite', ownerEmail: 'steve.ssw@example.org', dueDate: '2026-03-01' }], { actions: 'An action cannot be due before the meeting.' }],
    ['unreadable: refused', '[{', { actions: 'The actions could not be read.' }],
  ])('%s', (_name, actions, errors) => {
    expect(outcomeErrors('stability', { actions })).toEqual(errors);
  });

  test('each action becomes a task for its owner, due when the meeting said', () => {
    const outcome = meetingOutcomeSchema({ type: 'stability', meetingDate: MEETING_DATE }).parse(outcomeForm);
    expect(followUpsForOutcome(outcome, inHouseFoster, TODAY)).toEqual([
      { kind: 'action', title: 'Arrange respite weekend', owner: steve.id, ownerRole: null, dueDate: '2026-03-20', ruleIds: [] },
      { kind: 'review-meeting', title: 'Hold the review Placement Stability Meeting booked for 2026-04-07', owner: sam.id, ownerRole: 'social_worker', dueDate: '2026-04-07', ruleIds: ['FRAG-5'] },
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
const followUps = (o: Partial<MeetingOutcome>, child: Child) => followUpsForOutcome(outcome(o), child, TODAY).map((t) => [t.kind, t.ownerRole, t.dueDate, t.ruleIds.join(' ')]);

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

  test('FRAG-8: the tasks name the provider and the end date', () => {
    const tasks = followUpsForOutcome(outcome({ decision: 'planned-ending', plannedEndDate: '2026-04-30' }), ifaFoster, TODAY);
    expect(tasks.find((t) => t.kind === 'serve-notice')?.title).toBe('Serve notice on Bright Futures Fostering for the planned end on 2026-04-30');
    expect(tasks.find((t) => t.kind === 'tell-placements-service')).toMatchObject({ owner: sam.id, title: expect.stringMatching(/^Tell the Placements Service today/) });
  });

  test('END-1: a planned ending needs its end date', () => {
    expect(outcomeErrors('stability', { decision: 'planned-ending' }).plannedEndDate).toBe('Give the planned end date: it is passed to the Placement Officer as early as possible (END-1, FRAG-8).');
    expect(outcomeErrors('stability', { decision: 'planned-ending', plannedEndDate: '2026-04-30' })).toEqual({});
  });
});

describe('FRAG-7: a costed external service goes to the Commissioning Panel first, presented by the child\u2019s social worker', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['the service described: accepted', { decision: 'commissioning-panel', serviceNeeded: 'Therapeutic parenting support, 12 sessions' }, undefined],
    ['the service not described: refused', { decision: 'commissioning-panel' }, 'Describe the costed external service the social worker will take to the Commissioning Panel for funding (FRAG-7).'],
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
    ['the service not described: refused', { decision: 'escalate-to-panel', serviceNeeded: 'CAMHS' }, 'Describe the service essential to stability that cannot be got without the Placement Stability Panel (FRAG-6).'],
  ])('%s', (_name, change, message) => {
    expect(outcomeErrors('stability', change).serviceNeeded).toBe(message);
  });

  test('FRAG-6: the case is presented at the panel, with the Virtual School (MOVE-4)', () => {
    expect(followUps({ decision: 'escalate-to-panel', serviceNeeded: 'CAMHS assessment' }, inHouseFoster)).toEqual([['stability-panel', 'social_worker', '2026-03-17', 'FRAG-6 MOVE-4']]);
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

// Placement meetings, specified rule by rule: Who is invited and why (Meetings table, MOVE-4, FRAG-3, END-2), and the child’s own attendance.
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import type { Child, Person } from '../../../src/domain/people';
import { proposeAttendees, validateChildAttendance, type AttendeeOptions, type ChildAttendance, type MeetingType } from '../../../src/domain/meetings';
import { ifaFoster, inHouseFoster, ivy, kinship, pat, residential, roster, sam, semiIndependent, steve, val } from '../meetingFixtures';
import { invited, toArrange, find } from './helpers';

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
    ['semi-independent: the provider', semiIndependent, ['child', 'social_worker', 'provider', 'virtual_school', 'placements_team?'], ['advocate?', 'other_professional?']],
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
    const { toArrange: arrange } = proposeAttendees(
      'support',
      inHouseFoster,
      roster.filter((p) => p !== val),
    );
    expect(arrange).toContainEqual(
      expect.objectContaining({ kind: 'virtual_school', required: true, reason: expect.stringMatching(/No one on the roster holds this role for team North/) }),
    );
  });
});

describe('FRAG-3: a multi-agency planning meeting gathers the agencies around the child', () => {
  test.each<[string, Child, string[]]>([
    [
      'foster: SW, carers, SSW, Virtual School; fostering optional',
      ifaFoster,
      ['child', 'social_worker', 'carer', 'supervising_social_worker', 'fostering_manager?', 'virtual_school'],
    ],
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
    if (!check.ok) expect(check.reason).toMatch(/^(Holding an adults-only first part is an exception|The child normally takes part): record why.*, in at least \d+ characters\.$/);
  });
});

// ---- the chair ---------------------------------------------------------------------------------

// Placement meetings, specified rule by rule: Who chairs (Meetings table, 003).
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import type { Child, Person } from '../../../src/domain/people';
import { chooseChair, proposeAttendees, validateChair, withChair, type MeetingType } from '../../../src/domain/meetings';
import { fiona, hana, ian, ifaFoster, inHouseFoster, ivy, kinship, perry, priya, residential, roster, sally, sam, semiIndependent, steve, sue, tom, val } from '../meetingFixtures';

describe('Meetings table (003): a council manager chairs the Placement Stability Meeting', () => {
  test.each<[string, Child, Person, string, RegExp]>([
    ['IFA (U6, PR4): the children\u2019s social work manager, i.e. the child\u2019s team manager', ifaFoster, tom, 'child-team-manager', /independent fostering agency/],
    ['IFA (U1, PR5): the child\u2019s team manager', { ...ifaFoster, placementType: 'U1', placementProvider: 'PR5' }, tom, 'child-team-manager', /independent fostering agency/],
    ['council\u2019s own foster carers (U4, PR1): the fostering manager', inHouseFoster, fiona, 'fostering-manager', /fostering manager chairs/],
    ['connected carers, council\u2019s own (U3, PR1): the fostering manager', kinship, fiona, 'fostering-manager', /fostering manager chairs/],
    ['our choice: residential (K2, PR4): the child\u2019s team manager, saying why', residential, sue, 'child-team-manager', /names no chair for a residential placement/],
    [
      'our choice: semi-independent (H5, PR5): the child\u2019s team manager, saying why',
      semiIndependent,
      sue,
      'child-team-manager',
      /names no chair for a semi-independent placement/,
    ],
    [
      'our choice: another council\u2019s foster carer (U4, PR2): the child\u2019s team manager',
      { ...inHouseFoster, placementProvider: 'PR2' },
      tom,
      'child-team-manager',
      /names no chair for foster care not provided/,
    ],
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
    expect(
      chooseChair(
        'stability',
        inHouseFoster,
        roster.filter((p) => p !== fiona),
      ),
    ).toMatchObject({ person: null, reason: expect.stringMatching(/No fostering manager on the roster/) });
    expect(chooseChair('stability', { ...ifaFoster, team: 'East' }, roster)).toMatchObject({
      person: null,
      reason: expect.stringMatching(/No team manager on the roster covers team East/),
    });
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
    if (!check.ok) expect(check.reason).toMatch(/(IRO or (a )?similar person who has not been involved( in the case)?|chaired by a manager of the council)\.$/);
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

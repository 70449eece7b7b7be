// The permission table's rules on their own: decided from the roster, never from what a card says.
import type { Child, Person } from '../../src/domain/people';
import { authorize, may, NotPermittedError } from '../../src/domain/permissions';

const person = (id: string, roles: Person['roles'], teams: string[]): Person => ({ id, email: id, name: id, aadObjectId: null, roles, teams });
const child: Child = {
  caseRef: 'CR-1',
  name: 'Jamie',
  dateOfBirth: '2012-01-01',
  team: 'North',
  legalStatus: 'C2',
  placementType: 'U4',
  placementProvider: 'PR1',
  placementStart: '2025-01-01',
  carerName: 'Alex',
  carerEmail: null,
  socialWorker: 'sw@x',
  supervisingSocialWorker: 'ssw@x',
  iro: 'iro@x',
};
const request = (requestedBy: string) => ({
  request: { ref: 'PM-2026-0001', team: 'North', requestedBy, urgency: 'planned' as const },
  child,
  covers: [] as Array<{ team: string; coverId: string; setBy: string }>,
  outOfHoursApprover: null,
});

describe('who may request a move for a child', () => {
  test.each([
    ['the allocated social worker', person('sw@x', ['social_worker'], ['North']), true],
    ['another social worker in the same team', person('sw2@x', ['social_worker'], ['North']), false],
    ['a team manager of the team', person('tm@x', ['team_manager'], ['North']), true],
    ['a team manager of another team', person('tm@y', ['team_manager'], ['South']), false],
    ['an admin for all teams (administers the bot, does not act on cases)', person('admin@x', ['admin'], ['*']), false],
    ['a placements officer', person('po@x', ['placements_team'], ['*']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(may(p, 'request a move', { child })).toBe(allowed);
  });
});

describe('who may decide a move (MOVE-1, separation of duties)', () => {
  test.each([
    ['a Head of Service for the team', person('hos@x', ['head_of_service'], ['North']), true],
    ['a Head of Service for all teams', person('hos@y', ['head_of_service'], ['*']), true],
    ['a Head of Service for another team', person('hos@z', ['head_of_service'], ['South']), false],
    ['an admin of the team', person('admin@x', ['admin'], ['North']), false],
    ['an admin who is also a Head of Service', person('admin@y', ['admin', 'head_of_service'], ['North']), true],
    ['a team manager', person('tm@x', ['team_manager'], ['North']), false],
    ['the social worker', person('sw@x', ['social_worker'], ['North']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(may(p, 'decide a move', request('sw@x'))).toBe(allowed);
  });

  test('nobody decides a move they requested, even a Head of Service of the team', () => {
    const hos = person('hos@x', ['head_of_service'], ['North']);
    expect(may(hos, 'decide a move', request('hos@x'))).toBe(false);
    expect(may(hos, 'decide a move', request('HOS@x '))).toBe(false);
  });
});

describe("who may see the child's name (in personal chat)", () => {
  test.each([
    ['the supervising social worker', person('ssw@x', ['supervising_social_worker'], ['South']), true],
    ['the IRO', person('iro@x', ['iro'], ['South']), true],
    ["anyone working in the child's team", person('tm@x', ['team_manager'], ['North']), true],
    ['an administrator of every team', person('admin@x', ['admin'], ['*']), false],
    ['someone in another team', person('sw@y', ['social_worker'], ['South']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(may(p, "see the child's name", { child })).toBe(allowed);
  });
});

describe('who may see a move request', () => {
  test.each([
    ['the person who asked', person('tm@x', ['team_manager'], ['South']), true],
    ['the supervising social worker', person('ssw@x', ['supervising_social_worker'], ['South']), true],
    ['a Head of Service of the team', person('hos@x', ['head_of_service'], ['North']), true],
    ['another social worker of the team', person('sw2@x', ['social_worker'], ['North']), false],
    ['the performance team', person('perf@x', ['performance_team'], ['*']), false],
    ['an administrator', person('admin@x', ['admin'], ['*']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(may(p, 'see a move request', request('tm@x'))).toBe(allowed);
  });
});

test('a refusal names the action and who may, and nothing of the record', () => {
  const refuse = () => authorize(person('sw2@x', ['social_worker'], ['North']), 'see a move request', request('tm@x'), 'PM-2026-0001');
  expect(refuse).toThrow(NotPermittedError);
  expect(refuse).toThrow(/^PM-2026-0001: Only the person who asked for it/);
  expect(refuse).not.toThrow(/Jamie|North|tm@x/);
  // A reference that does not look like one is not shown back.
  expect(() => authorize(person('x@x', ['iro'], ['South']), 'see a move request', request('tm@x'), '[click](https://evil)')).toThrow(/^Only /);
});

test('nobody at all when the person is unknown', () => {
  expect(may(null, 'see the move tracker', {})).toBe(false);
});

describe('cover is given only to those who could decide a move (MOVE-1; an administrator does not decide)', () => {
  const cover = (coverId: string, setBy = 'hos@x') => ({ cover: { team: 'North', coverId, setBy } });
  test.each([
    ['a Head of Service of another team', person('hos@s', ['head_of_service'], ['South']), true],
    ['a service manager', person('sm@x', ['service_manager'], ['North']), true],
    ['an administrator', person('admin@x', ['admin'], ['*']), false],
    ['the performance team', person('perf@x', ['performance_team'], ['*']), false],
    ['a team manager', person('tm@x', ['team_manager'], ['North']), false],
    ['a social worker', person('sw@x', ['social_worker'], ['North']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(may(p, 'cover for a Head of Service', cover(p.id))).toBe(allowed);
  });

  test('nobody gives cover to themselves', () => {
    expect(may(person('sm@x', ['service_manager'], ['North']), 'cover for a Head of Service', cover('sm@x', 'sm@x'))).toBe(false);
  });

  test('a cover decides only while they may cover: one given to an administrator, or to someone who has since lost the role, decides nothing', () => {
    const decision = (coverId: string, setBy = 'hos@x') => ({ ...request('sw@x'), covers: [{ team: 'North', coverId, setBy }] });
    expect(may(person('sm@x', ['service_manager'], ['North']), 'decide a move', decision('sm@x'))).toBe(true);
    expect(may(person('admin@x', ['admin'], ['*']), 'decide a move', decision('admin@x'))).toBe(false);
    expect(may(person('perf@x', ['performance_team'], ['*']), 'decide a move', decision('perf@x', 'admin@x'))).toBe(false);
    expect(may(person('sm@x', ['team_manager'], ['North']), 'decide a move', decision('sm@x'))).toBe(false);
    expect(may(person('sm@x', ['service_manager'], ['North']), 'decide a move', decision('sm@x', 'sm@x'))).toBe(false);
  });
});

describe('a person with no current role (a leaver) may do and see nothing, whatever the records still link them to', () => {
  const leaver = person('ssw@x', [], ['North', 'South']);
  const alert = { alert: { ref: 'FA-2026-0001', team: 'North', raisedBy: 'ssw@x' }, child };
  test.each([
    ['see an alert they raised', () => may(leaver, 'see an alert', alert)],
    ['raise an alert on a child they were supervising social worker for', () => may(leaver, 'raise a fragility alert', { child })],
    ["see the child's name", () => may(leaver, "see the child's name", { child })],
    ['see a move request on the child', () => may(leaver, 'see a move request', request('tm@x'))],
    ['convene a meeting', () => may(leaver, 'convene a meeting', { child })],
    [
      'see a meeting they were invited to',
      () =>
        may(leaver, 'see a meeting', {
          child,
          meeting: { ref: 'MT-1', team: 'North', participantIds: ['ssw@x'], chair: { personId: null }, minuteTaker: null, organiser: 'ssw@x' },
        }),
    ],
    ['mark their old task done', () => may(leaver, 'mark a follow-up task done', { task: { owner: 'ssw@x', team: 'North' } })],
  ])('%s', (_what, allowed) => {
    expect(allowed()).toBe(false);
  });
});

describe('panel referrals and the code-unavailable flag are rules of the table', () => {
  test("refer a case to a panel: the child's social worker and the team's case managers; not the supervising social worker, nor another team", () => {
    const referral = { alert: { ref: 'FA-2026-0001', team: 'North' }, child };
    expect(may(person('sw@x', ['social_worker'], ['North']), 'refer a case to a panel', referral)).toBe(true);
    expect(may(person('tm@x', ['team_manager'], ['North']), 'refer a case to a panel', referral)).toBe(true);
    expect(may(person('ssw@x', ['supervising_social_worker'], ['North']), 'refer a case to a panel', referral)).toBe(false);
    expect(may(person('tm@s', ['team_manager'], ['South']), 'refer a case to a panel', referral)).toBe(false);
    expect(may(person('sw@x', ['social_worker'], ['North']), 'refer a case to a panel', { ...referral, child: null })).toBe(false);
  });
  test("flag that the right code is not available: the task's owner or a team manager of the child's team", () => {
    const task = { task: { owner: 'sw@x', team: 'North' } };
    expect(may(person('sw@x', ['social_worker'], ['North']), 'flag that the right code is not available', task)).toBe(true);
    expect(may(person('tm@x', ['team_manager'], ['North']), 'flag that the right code is not available', task)).toBe(true);
    expect(may(person('sw2@x', ['social_worker'], ['North']), 'flag that the right code is not available', task)).toBe(false);
  });
});

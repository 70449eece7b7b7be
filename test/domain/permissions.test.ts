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
  coverIds: [],
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

// Who may do what: decided from the roster, never from what a card says.
import { canActForChild, canDecideMove, canSeeChildDetails, type Child, type Person } from '../../src/domain/people';

const person = (id: string, roles: Person['roles'], teams: string[]): Person => ({ id, email: id, name: id, aadObjectId: null, roles, teams });
const child: Child = {
  caseRef: 'CR-1', name: 'Jamie', dateOfBirth: '2012-01-01', team: 'North', legalStatus: 'C2', placementType: 'U4', placementProvider: 'PR1',
  placementStart: '2025-01-01', carerName: 'Alex', carerEmail: null, socialWorker: 'sw@x', supervisingSocialWorker: 'ssw@x', iro: 'iro@x',
};

describe('who may request a move for a child', () => {
  test.each([
    ['the allocated social worker', person('sw@x', ['social_worker'], ['North']), true],
    ['another social worker in the same team', person('sw2@x', ['social_worker'], ['North']), false],
    ['a team manager of the team', person('tm@x', ['team_manager'], ['North']), true],
    ['a team manager of another team', person('tm@y', ['team_manager'], ['South']), false],
    ['an admin for all teams', person('admin@x', ['admin'], ['*']), true],
    ['a placements officer', person('po@x', ['placements_team'], ['*']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(canActForChild(p, child)).toBe(allowed);
  });
});

describe('who may decide a move (MOVE-1)', () => {
  test.each([
    ['a Head of Service for the team', person('hos@x', ['head_of_service'], ['North']), true],
    ['a Head of Service for all teams', person('hos@y', ['head_of_service'], ['*']), true],
    ['a Head of Service for another team', person('hos@z', ['head_of_service'], ['South']), false],
    ['an admin of the team', person('admin@x', ['admin'], ['North']), true],
    ['a team manager', person('tm@x', ['team_manager'], ['North']), false],
    ['the social worker', person('sw@x', ['social_worker'], ['North']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(canDecideMove(p, 'North')).toBe(allowed);
  });
});

describe('who may see the child\'s name (in personal chat)', () => {
  test.each([
    ['the supervising social worker', person('ssw@x', ['supervising_social_worker'], ['South']), true],
    ['the IRO', person('iro@x', ['iro'], ['South']), true],
    ['anyone working in the child\'s team', person('tm@x', ['team_manager'], ['North']), true],
    ['someone in another team', person('sw@y', ['social_worker'], ['South']), false],
  ])('%s: %s', (_who, p, allowed) => {
    expect(canSeeChildDetails(p, child)).toBe(allowed);
  });
});

// People on the roster, children, and who may do what. Permission is always decided here from the
// roster record of the Teams user, never from anything a card sends.

export const ROLES = [
  'social_worker',
  'supervising_social_worker',
  'team_manager',
  'fostering_manager',
  'service_manager',
  'head_of_service',
  'iro',
  'virtual_school',
  'placements_team',
  'performance_team',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  social_worker: 'Social worker',
  supervising_social_worker: 'Supervising social worker',
  team_manager: 'Team manager',
  fostering_manager: 'Fostering manager',
  service_manager: 'Service manager',
  head_of_service: 'Head of Service',
  iro: 'Independent Reviewing Officer',
  virtual_school: 'Virtual School',
  placements_team: 'Placements team',
  performance_team: 'Performance team',
  admin: 'Administrator',
};

/** '*' in a person's teams means every team. */
export const ALL_TEAMS = '*';

export interface Person {
  /** The lower-cased email address: the roster's key. */
  id: string;
  email: string;
  name: string;
  aadObjectId: string | null;
  roles: Role[];
  teams: string[];
}

export interface Child {
  caseRef: string;
  name: string;
  dateOfBirth: string;
  team: string;
  legalStatus: string;
  placementType: string;
  placementProvider: string;
  placementStart: string;
  carerName: string;
  carerEmail: string | null;
  socialWorker: string | null;
  supervisingSocialWorker: string | null;
  iro: string | null;
}

export function hasRole(person: Person, role: Role): boolean {
  return person.roles.includes(role);
}

export function coversTeam(person: Person, team: string): boolean {
  return person.teams.includes(ALL_TEAMS) || person.teams.includes(team);
}

const MANAGES_TEAM: Role[] = ['team_manager', 'service_manager', 'head_of_service', 'admin'];

/**
 * May this person request a move or raise a concern for the child? The allocated social worker
 * may; so may a manager (team manager, service manager, Head of Service) or an admin of the
 * child's team.
 */
export function canActForChild(person: Person, child: Child): boolean {
  if (child.socialWorker && child.socialWorker === person.id) return true;
  return MANAGES_TEAM.some((role) => hasRole(person, role)) && coversTeam(person, child.team);
}

/** MOVE-1: only a Head of Service (or the panel, held by the same role) for the child's team, or an admin, decides. */
export function canDecideMove(person: Person, team: string): boolean {
  return (hasRole(person, 'head_of_service') || hasRole(person, 'admin')) && coversTeam(person, team);
}

/** Managers see the move tracker (MOVE-8) for their teams. */
export function canSeeMoveTracker(person: Person): boolean {
  return ['team_manager', 'service_manager', 'head_of_service', 'fostering_manager', 'performance_team', 'admin'].some((role) =>
    hasRole(person, role as Role),
  );
}

/** May see the child's name (personal chat only): people who work with the child or manage their team. */
export function canSeeChildDetails(person: Person, child: Child): boolean {
  if ([child.socialWorker, child.supervisingSocialWorker, child.iro].includes(person.id)) return true;
  return coversTeam(person, child.team);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

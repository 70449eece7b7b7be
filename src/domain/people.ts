// People on the roster and children. Who may do what is in permissions.ts, decided from the roster
// record of the Teams user, never from anything a card sends.

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
  /** The next looked-after review, from the children import or set in chat (PLAN-2); absent when not known. */
  nextReviewDate?: string | null;
  /** The placement plan as last agreed or revised (PLAN-1, PLAN-2); recorded when its task is marked done. */
  placementPlan?: PlacementPlanRecord | null;
}

/** The plan as the child's record holds it: agreed once per placement, then revised (not replaced). */
export interface PlacementPlanRecord {
  /** The task whose Done recorded the plan. */
  taskId: string;
  agreedOn: string;
  /** The latest revision, or null before the first. */
  revisedOn: string | null;
  revisions: number;
  /** The task whose Done last changed this record (the plan's, or a revision's): recording it again changes nothing. */
  lastTaskId?: string;
}

export function hasRole(person: Person, role: Role): boolean {
  return person.roles.includes(role);
}

export function coversTeam(person: Person, team: string): boolean {
  return person.teams.includes(ALL_TEAMS) || person.teams.includes(team);
}

// Who may do what is decided in permissions.ts, from these records.

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

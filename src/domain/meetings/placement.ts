// The placement and the roster as the meeting rules see them: which setting a placement code is,
// whether the provider is external, and who on the roster covers the child's team.
import { coversTeam, hasRole, normaliseEmail, type Child, type Person, type Role } from '../people';

export type PlacementSetting = 'foster' | 'residential' | 'semi-independent' | 'other';
export type PlacementRef = Pick<Child, 'placementType' | 'placementProvider'>;

const FOSTER_TYPES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
/** Children's homes, secure homes, residential care homes and residential schools (staffed settings with key workers). */
const RESIDENTIAL_TYPES = ['K1', 'K2', 'R1', 'S1'];
/** Semi-independent living and registered supported accommodation. */
const SEMI_INDEPENDENT_TYPES = ['H5', 'K3'];
/** PLACE_PROVIDER codes for provision outside the council: private and voluntary. */
export const EXTERNAL_PROVIDERS: readonly string[] = ['PR4', 'PR5'];
/** Long-term fostering, fostering for adoption and placed for adoption: the placements we treat as permanent (END-2). */
const PERMANENT_TYPES = ['U1', 'U2', 'U4', 'U5', 'A3', 'A4', 'A5', 'A6'];

/** Foster, residential or semi-independent (the settings a Placement Stability Meeting is for), or other. */
export function placementSetting(placementType: string): PlacementSetting {
  const code = placementType.trim().toUpperCase();
  if (FOSTER_TYPES.includes(code)) return 'foster';
  if (RESIDENTIAL_TYPES.includes(code)) return 'residential';
  if (SEMI_INDEPENDENT_TYPES.includes(code)) return 'semi-independent';
  return 'other';
}

/** PR4/PR5: a private or voluntary provider, so notice has to be served on it when the placement ends (FRAG-8). */
export function isExternalProvider(placementProvider: string): boolean {
  return EXTERNAL_PROVIDERS.includes(placementProvider.trim().toUpperCase());
}

/** An independent fostering agency placement: foster care (U1-U6) from a private or voluntary provider (PR4/PR5). */
export function isIfaPlacement(placement: PlacementRef): boolean {
  return placementSetting(placement.placementType) === 'foster' && isExternalProvider(placement.placementProvider);
}

/** The council's own foster carers: foster care (U1-U6) that is the council's own provision (PR1). */
export function isInHouseFosterPlacement(placement: PlacementRef): boolean {
  return placementSetting(placement.placementType) === 'foster' && placement.placementProvider.trim().toUpperCase() === 'PR1';
}

/** Does the Placement Stability Meeting apply to this placement? Only foster, residential and semi-independent ones do (FRAG-5). */
export function stabilityMeetingApplies(placementType: string): boolean {
  return placementSetting(placementType) !== 'other';
}

export function isPermanentPlacementType(placementType: string): boolean {
  return PERMANENT_TYPES.includes(placementType.trim().toUpperCase());
}

// ---- the roster -------------------------------------------------------------------------------

export function rosterPerson(people: readonly Person[], id: string | null | undefined): Person | null {
  if (!id) return null;
  const key = normaliseEmail(id);
  return people.find((p) => p.id === key) ?? null;
}

/** People holding `role` who cover `team`; those named for the team come before those who cover every team. */
export function peopleForTeam(people: readonly Person[], role: Role, team: string): Person[] {
  const matching = people.filter((p) => hasRole(p, role) && coversTeam(p, team));
  return [...matching.filter((p) => p.teams.includes(team)), ...matching.filter((p) => !p.teams.includes(team))];
}

/** The child's team manager(s): the children's social work managers for the child's team. */
export function childTeamManagers(child: Pick<Child, 'team'>, people: readonly Person[]): Person[] {
  return peopleForTeam(people, 'team_manager', child.team);
}

// A small roster and children for the alert and meeting specifications, shaped like
// examples/roster.csv and examples/children.csv, with a second IRO who has never worked on the
// children (a possible Disruption chair) and a team manager for the South team.
import type { Child, Person, Role } from '../../src/domain/people';
import type { FragilityAlertDoc } from '../../src/store/records';

function person(email: string, name: string, roles: Role[], teams: string[]): Person {
  return { id: email, email, name, aadObjectId: null, roles, teams };
}

export const sam = person('sam.social@example.org', 'Sam Social', ['social_worker'], ['North']);
export const priya = person('priya.patel@example.org', 'Priya Patel', ['social_worker'], ['South']);
export const tom = person('tom.manager@example.org', 'Tom Manager', ['team_manager'], ['North']);
export const sue = person('sue.south@example.org', 'Sue South', ['team_manager'], ['South']);
export const fiona = person('fiona.foster@example.org', 'Fiona Foster', ['fostering_manager'], ['*']);
export const steve = person('steve.ssw@example.org', 'Steve Supervising', ['supervising_social_worker'], ['North', 'South']);
export const ivy = person('ivy.iro@example.org', 'Ivy Reviewer', ['iro'], ['*']);
export const ian = person('ian.independent@example.org', 'Ian Independent', ['iro'], ['*']);
export const val = person('val.school@example.org', 'Val School', ['virtual_school'], ['*']);
export const pat = person('pat.placements@example.org', 'Pat Placements', ['placements_team'], ['*']);
export const hana = person('hana.head@example.org', 'Hana Head', ['head_of_service'], ['North', 'South']);
export const sally = person('sally.service@example.org', 'Sally Service', ['service_manager'], ['North', 'South']);
export const perry = person('perry.performance@example.org', 'Perry Performance', ['performance_team'], ['*']);

export const roster: Person[] = [sam, priya, tom, sue, fiona, steve, ivy, ian, val, pat, hana, sally, perry];

function child(fields: Partial<Child> & Pick<Child, 'caseRef' | 'placementType' | 'placementProvider'>): Child {
  return {
    name: 'A Child',
    dateOfBirth: '2012-04-17',
    team: 'North',
    legalStatus: 'C2',
    placementStart: '2025-09-01',
    carerName: 'Alex Carer',
    carerEmail: 'alex.carer@example.org',
    socialWorker: sam.id,
    supervisingSocialWorker: steve.id,
    iro: ivy.id,
    ...fields,
  };
}

/** The council's own foster carers (U4, PR1). */
export const inHouseFoster = child({ caseRef: 'CR-1001', placementType: 'U4', placementProvider: 'PR1' });
/** An independent fostering agency (U6, PR4). */
export const ifaFoster = child({
  caseRef: 'CR-1002',
  placementType: 'U6',
  placementProvider: 'PR4',
  carerName: 'Bright Futures Fostering',
  carerEmail: 'placements@brightfutures.example',
});
/** A private children's home (K2, PR4). */
export const residential = child({
  caseRef: 'CR-1003',
  team: 'South',
  placementType: 'K2',
  placementProvider: 'PR4',
  carerName: 'Oak House',
  carerEmail: 'manager@oakhouse.example',
  socialWorker: priya.id,
  supervisingSocialWorker: null,
});
/** Connected carers, the council's own (U3, PR1), with no carer email. */
export const kinship = child({ caseRef: 'CR-1004', placementType: 'U3', placementProvider: 'PR1', carerName: 'Jo Relative', carerEmail: null });
/** Semi-independent living from a voluntary provider (H5, PR5). */
export const semiIndependent = child({
  caseRef: 'CR-1005',
  team: 'South',
  placementType: 'H5',
  placementProvider: 'PR5',
  carerName: 'Step Forward Supported Living',
  carerEmail: null,
  socialWorker: priya.id,
  supervisingSocialWorker: null,
});
/** Placed with parents (P1, PR0): no Stability Meeting applies. */
export const withParents = child({
  caseRef: 'CR-1006',
  placementType: 'P1',
  placementProvider: 'PR0',
  carerName: 'Mum',
  carerEmail: null,
  supervisingSocialWorker: null,
});

/** An open fragility alert for CR-1001 raised by Sam at `now` (the carer struggling), with `overrides`. */
export const fragilityAlert = (now: Date, overrides: Partial<FragilityAlertDoc> = {}): FragilityAlertDoc => ({
  _id: 'FA-2026-0001',
  version: 1,
  ref: 'FA-2026-0001',
  caseRef: 'CR-1001',
  team: 'North',
  triggers: ['carer-struggling'],
  description: 'The carer is finding the evenings very hard.',
  immediateSafeguardingRisk: false,
  supportInPlace: null,
  supportAlreadyTried: false,
  noticedOn: '2026-11-23',
  raisedBy: sam.id,
  raisedByName: sam.name,
  raisedAt: now.toISOString(),
  state: 'open',
  closure: null,
  meetingRefs: [],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  pendingEffects: [],
  ...overrides,
});

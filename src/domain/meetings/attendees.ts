// Who is invited to a meeting and why, read from the meeting type's policy (policies.ts), and the
// exception rules for the child's own attendance.
import { hasRole, normaliseEmail, type Child, type Person, type Role } from '../people';
import { MEETINGS, tableCitation, type MeetingType } from './catalogue';
import { childTeamManagers, isExternalProvider, peopleForTeam, placementSetting, rosterPerson } from './placement';
import { policyFor, type InviteWhy, type Participation } from './policies';

export type AttendeeKind =
  | 'child'
  | 'social_worker'
  | 'carer'
  | 'key_worker'
  | 'home_manager'
  | 'provider'
  | 'supervising_social_worker'
  | 'fostering_manager'
  | 'team_manager'
  | 'virtual_school'
  | 'placements_team'
  | 'iro'
  | 'guardian'
  | 'advocate'
  | 'parent'
  | 'other_professional'
  | 'involved';

export interface ProposedAttendee {
  kind: AttendeeKind;
  label: string;
  /** The roster id when the person is on the roster; null for the child, carers, parents, advocates and anyone else off the roster. */
  personId: string | null;
  name?: string;
  email?: string;
  participation: Participation;
  required: boolean;
  /** Why they are invited, with the rule it comes from. */
  reason: string;
  ruleIds: string[];
  sources: string[];
}

/** Someone the rules call for whom the bot could not fill in from the child's record or the roster. */
export interface StillToArrange {
  kind: AttendeeKind;
  label: string;
  required: boolean;
  reason: string;
  ruleIds: string[];
  sources: string[];
}

export interface AttendeeProposal {
  attendees: ProposedAttendee[];
  toArrange: StillToArrange[];
}

/**
 * 'whole': the child takes part throughout (the default). 'second-part': the adults meet first and
 * the child joins for the second part. 'not-invited': the child is left out. Anything but 'whole'
 * is an exception and needs a recorded reason (validateChildAttendance).
 */
export type ChildAttendance = 'whole' | 'second-part' | 'not-invited';
export const CHILD_ATTENDANCE: readonly ChildAttendance[] = ['whole', 'second-part', 'not-invited'];

export interface ExternalContact {
  name: string;
  email?: string | null;
  /** What they are, for other professionals: "School designated teacher", "CAMHS worker". */
  role?: string;
}

/** The placement a meeting is about, where it is not the one on the child's record. */
export type PlacementDetails = Pick<Child, 'placementType' | 'placementProvider' | 'carerName' | 'carerEmail' | 'supervisingSocialWorker'>;

export interface AttendeeOptions {
  childAttendance?: ChildAttendance;
  /**
   * The placement the meeting is about, when the child's record shows another: the new placement
   * for a Placement Planning Meeting held before the record is updated, or the placement that ended
   * for a Disruption Meeting. Defaults to the placement on the child's record.
   */
  placement?: Partial<PlacementDetails>;
  advocate?: ExternalContact | null;
  parents?: ExternalContact[];
  guardian?: ExternalContact | null;
  /** Residential: the child's key (or link) worker, when known; otherwise the home's contact on the child's record is used. */
  keyWorker?: ExternalContact | null;
  /** Residential: the home's registered manager, when known. */
  homeManager?: ExternalContact | null;
  otherProfessionals?: ExternalContact[];
  /** Disruption: roster people who were involved in the case, all of whom are invited. */
  involvedPersonIds?: string[];
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
/** Who the rules say to invite, each with why, and whom the bot could not fill in (`toArrange`), so the organiser starts from the rules; the chair comes from chooseChair (merge with withChair). */
export function proposeAttendees(type: MeetingType, recordedChild: Child, people: readonly Person[], options: AttendeeOptions = {}): AttendeeProposal {
  const child: Child = { ...recordedChild, ...options.placement };
  const invite = policyFor(type).invite;
  const attendees: ProposedAttendee[] = [];
  const toArrange: StillToArrange[] = [];
  const setting = placementSetting(child.placementType);
  const meeting = MEETINGS[type].label;
  const table = tableCitation(type);
  const baseSources = MEETINGS[type].sources;
  type Why = InviteWhy;

  const add = (a: ProposedAttendee) => {
    const same = attendees.find((x) => (a.personId !== null && x.personId === a.personId) || (!!a.email && !!x.email && x.email === a.email));
    if (!same) {
      attendees.push(a);
      return;
    }
    same.required ||= a.required;
    if (same.participation !== 'attends' && a.participation === 'attends') same.participation = 'attends';
    same.reason = `${same.reason} Also: ${a.reason}`;
    same.ruleIds = union(same.ruleIds, a.ruleIds);
    same.sources = union(same.sources, a.sources);
  };
  const addPerson = (kind: AttendeeKind, label: string, person: Person, why: Why) =>
    add({
      kind,
      label,
      personId: person.id,
      name: person.name,
      email: person.email,
      participation: why.participation ?? 'attends',
      required: why.required,
      reason: why.reason,
      ruleIds: why.ruleIds ?? [],
      sources: why.sources ?? baseSources,
    });
  const addContact = (kind: AttendeeKind, label: string, contact: ExternalContact, why: Why) =>
    add({
      kind,
      label,
      personId: null,
      name: contact.name,
      ...(contact.email ? { email: normaliseEmail(contact.email) } : {}),
      participation: why.participation ?? 'attends',
      required: why.required,
      reason: contact.email ? why.reason : `${why.reason} (No email on record: add one or invite them another way.)`,
      ruleIds: why.ruleIds ?? [],
      sources: why.sources ?? baseSources,
    });
  const arrange = (kind: AttendeeKind, label: string, why: Why) =>
    toArrange.push({ kind, label, required: why.required, reason: why.reason, ruleIds: why.ruleIds ?? [], sources: why.sources ?? baseSources });
  /** A person named on the child's record by email: from the roster when there, else invited by email alone. */
  const addNamed = (kind: AttendeeKind, label: string, id: string | null, why: Why, missing: string) => {
    const person = rosterPerson(people, id);
    if (person) addPerson(kind, label, person, why);
    else if (id)
      add({
        kind,
        label,
        personId: null,
        email: normaliseEmail(id),
        participation: why.participation ?? 'attends',
        required: why.required,
        reason: `${why.reason} (Not on the roster: invite by email.)`,
        ruleIds: why.ruleIds ?? [],
        sources: why.sources ?? baseSources,
      });
    else arrange(kind, label, { ...why, reason: `${missing} ${why.reason}` });
  };
  const addRole = (kind: AttendeeKind, label: string, role: Role, why: Why) => {
    const found = peopleForTeam(people, role, child.team);
    if (found.length === 0) arrange(kind, label, { ...why, reason: `No one on the roster holds this role for team ${child.team}. ${why.reason}` });
    for (const person of found) addPerson(kind, label, person, why);
  };
  // The child takes part by default, in every meeting about them.
  const attendance = options.childAttendance ?? 'whole';
  if (attendance !== 'not-invited') {
    add({
      kind: 'child',
      label: 'The child or young person',
      personId: null,
      participation: attendance === 'second-part' ? 'second-part-only' : 'attends',
      required: true,
      reason:
        attendance === 'second-part'
          ? `The child normally takes part; here the adults meet first and the child joins for the second part, with the reason recorded (${table}).`
          : `The child normally takes part in the ${meeting} and their views are heard (${table}).`,
      ruleIds: [],
      sources: baseSources,
    });
  }

  addNamed('social_worker', 'Child\u2019s social worker', child.socialWorker, invite.socialWorker, 'The child has no allocated social worker on record.');

  // Whoever looks after the child day to day.
  const carerWhy = invite.carer;
  const carerContact: ExternalContact | null = child.carerName.trim() ? { name: child.carerName.trim(), email: child.carerEmail } : null;
  if (setting === 'residential') {
    const keyWorker = options.keyWorker ?? carerContact;
    if (keyWorker) addContact('key_worker', options.keyWorker ? 'Key worker' : `Key worker, through ${keyWorker.name}`, keyWorker, carerWhy);
    else arrange('key_worker', 'Key worker', { ...carerWhy, reason: `The child\u2019s record names no home. ${carerWhy.reason}` });
    const homeManagerWhy: Why = {
      required: false,
      reason: `In residential care the home\u2019s manager joins where appropriate (${table}).`,
    };
    if (options.homeManager) addContact('home_manager', 'Home manager', options.homeManager, homeManagerWhy);
    else arrange('home_manager', 'Home manager', { ...homeManagerWhy, reason: `Ask the home whether its manager should come. ${homeManagerWhy.reason}` });
  } else if (carerContact) {
    const [kind, label]: [AttendeeKind, string] =
      setting === 'foster' ? ['carer', 'Foster carer(s)'] : setting === 'semi-independent' ? ['provider', 'Provider / key worker'] : ['carer', 'Carer'];
    addContact(kind, label, carerContact, carerWhy);
  } else {
    arrange(setting === 'semi-independent' ? 'provider' : 'carer', 'Carer or provider', { ...carerWhy, reason: `The child\u2019s record names no carer. ${carerWhy.reason}` });
  }

  // Foster placements: the carer's supervising social worker and, where the policy says, the fostering manager.
  if (setting === 'foster') {
    addNamed(
      'supervising_social_worker',
      'Supervising social worker',
      child.supervisingSocialWorker,
      invite.supervisingSocialWorker,
      'The child is in foster care but no supervising social worker is on record.',
    );
    if (invite.fosteringManager) addRole('fostering_manager', 'Fostering manager', 'fostering_manager', invite.fosteringManager);
  }

  addRole('virtual_school', 'Virtual School', 'virtual_school', invite.virtualSchool);

  if (invite.placementsServiceIfExternal && isExternalProvider(child.placementProvider)) {
    addRole('placements_team', 'Placements Service', 'placements_team', invite.placementsServiceIfExternal);
  }

  if (invite.iro) {
    const { label, ...why } = invite.iro;
    addNamed('iro', label, child.iro, why, 'The child has no IRO on record.');
  }
  if (invite.guardian) {
    if (options.guardian) addContact('guardian', 'Guardian', options.guardian, invite.guardian);
    else arrange('guardian', 'Guardian', invite.guardian);
  }

  // Everyone involved, the child's team managers included (Disruption).
  if (invite.everyoneInvolved) {
    for (const manager of childTeamManagers(child, people)) {
      addPerson('team_manager', 'Team manager', manager, { required: false, reason: `Manages the child\u2019s team, so was involved in the case (${table}).` });
    }
    for (const id of options.involvedPersonIds ?? []) {
      const person = rosterPerson(people, id);
      const why: Why = { required: true, reason: `Involved in the case; everyone involved is invited (${table}).`, ruleIds: ['END-2'] };
      if (person) addPerson('involved', 'Involved in the case', person, why);
      else
        add({
          kind: 'involved',
          label: 'Involved in the case',
          personId: null,
          email: normaliseEmail(id),
          participation: 'attends',
          required: why.required,
          reason: why.reason,
          ruleIds: ['END-2'],
          sources: baseSources,
        });
    }
  }

  // Advocate, parents, other professionals: only the organiser knows them.
  if (options.advocate) addContact('advocate', 'Advocate', options.advocate, invite.advocate.why);
  else if (invite.advocate.arrangeIfMissing) arrange('advocate', 'Advocate', invite.advocate.why);

  for (const parent of options.parents ?? []) addContact('parent', 'Parent', parent, invite.parents.why);
  if (invite.parents.arrangeIfMissing && (options.parents ?? []).length === 0) arrange('parent', 'Parents', invite.parents.why);

  const otherWhy = invite.otherProfessionals.why;
  for (const other of options.otherProfessionals ?? []) addContact('other_professional', other.role ?? 'Other professional', other, otherWhy);
  if (invite.otherProfessionals.arrangeLabel && (options.otherProfessionals ?? []).length === 0) {
    arrange('other_professional', invite.otherProfessionals.arrangeLabel, otherWhy);
  }

  return { attendees, toArrange };
}

/** Adds the chair to a proposal's attendees (or marks an attendee as chair) without inviting anyone twice. */
export function withChair(attendees: readonly ProposedAttendee[], chair: Person, reason: string): ProposedAttendee[] {
  const list = attendees.map((a) => ({ ...a }));
  const same = list.find((a) => a.personId === chair.id || (!!a.email && a.email === chair.email));
  if (same) {
    same.required = true;
    same.participation = 'attends';
    same.reason = `Chair: ${reason} Also: ${same.reason}`;
    return list;
  }
  return [
    ...list,
    {
      kind: chairKind(chair),
      label: 'Chair',
      personId: chair.id,
      name: chair.name,
      email: chair.email,
      participation: 'attends',
      required: true,
      reason: `Chair: ${reason}`,
      ruleIds: [],
      sources: [],
    },
  ];
}

function chairKind(person: Person): AttendeeKind {
  if (hasRole(person, 'iro')) return 'iro';
  if (hasRole(person, 'fostering_manager')) return 'fostering_manager';
  return 'team_manager';
}

/** Validation for the exception: leaving the child out, or an adults-only first part, needs its reason recorded. */
export function validateChildAttendance(attendance: ChildAttendance, reason: string | null | undefined): { ok: true } | { ok: false; reason: string } {
  if (attendance === 'whole') return { ok: true };
  if ((reason ?? '').trim().length >= MIN_REASON) return { ok: true };
  return {
    ok: false,
    reason:
      attendance === 'second-part'
        ? `Holding an adults-only first part is an exception: record why, in at least ${MIN_REASON} characters.` // Meetings table, 003
        : `The child normally takes part: record why they are not invited, in at least ${MIN_REASON} characters.`, // Meetings table, 003
  };
}
const MIN_REASON = 20;

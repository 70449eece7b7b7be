// Placement meetings: which meetings there are, who is invited and why, who chairs, when a meeting
// may be held, and what its outcome sets going. Pure rules: no storage, no Teams, no clock (every
// date is passed in).
//
// Citations: rule ids are those of DOMAIN.md (PLAN-1, FRAG-4, END-2, ...). DOMAIN.md's "Meetings"
// table has no ids of its own, so where only that table applies we cite it as "Meetings table"
// with the seed document number, e.g. "(Meetings table, 003)"; `sources` holds the seed numbers.
import { z } from 'zod';
import { optionalText, text } from './formFields';
import { addDays, isIsoDate } from './dates';
import { coversTeam, hasRole, normaliseEmail, type Child, type Person, type Role } from './people';

// ---- the meeting types ----------------------------------------------------------------------

export const MEETING_TYPES = ['planning', 'support', 'stability', 'multi-agency', 'disruption'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export function isMeetingType(value: unknown): value is MeetingType {
  return typeof value === 'string' && (MEETING_TYPES as readonly string[]).includes(value);
}

export interface MeetingTypeInfo {
  type: MeetingType;
  label: string;
  purpose: string;
  when: string;
  ruleIds: string[];
  sources: string[];
}

export const MEETINGS: Readonly<Record<MeetingType, MeetingTypeInfo>> = {
  planning: {
    type: 'planning',
    label: 'Placement Planning Meeting',
    purpose:
      'Settles the placement plan and how the child\u2019s daily needs will be met, confirms what the carer may decide for the child (delegated authority), and starts the initial support plan.',
    when:
      'Before each placement begins, or within 72 hours of an emergency placement; each time the child enters care or changes placement, then at intervals agreed with the carers or the home.',
    ruleIds: ['PLAN-1'],
    sources: ['004', '001', '002'],
  },
  support: {
    type: 'support',
    label: 'Placement Support Meeting',
    purpose: 'Meets at the first signs that a placement is wobbling, goes over the initial support plan again and agrees the support that should steady it.',
    when: 'As soon as there are signs of instability, and again whenever they return.',
    ruleIds: ['FRAG-4', 'MOVE-4'],
    sources: ['001'],
  },
  stability: {
    type: 'stability',
    label: 'Placement Stability Meeting',
    purpose:
      'Brings everyone in the placement together when added support has not brought lasting change, to understand what is going wrong and lower the risk of breakdown; the next review is booked there and then, and it may agree a planned ending.',
    when: 'When a foster, residential or semi-independent placement is at risk of disrupting and added support has not been enough.',
    ruleIds: ['FRAG-5', 'FRAG-6', 'FRAG-7', 'FRAG-8'],
    sources: ['003', '001'],
  },
  'multi-agency': {
    type: 'multi-agency',
    label: 'Multi-agency planning meeting',
    purpose: 'Gathers the agencies around the child to build a wrap-around package of support, so that the placement does not break down.',
    when: 'When a placement is becoming fragile.',
    ruleIds: ['FRAG-3'],
    sources: ['000'],
  },
  disruption: {
    type: 'disruption',
    label: 'Disruption Meeting',
    purpose:
      'Looks back, with everyone who was part of it, at a placement that ended without a plan, to learn from it and, where it can, to settle things between those involved.',
    when: 'After a permanent placement has broken down (and worth considering after any unplanned ending), no sooner than six weeks after it ended.',
    ruleIds: ['END-2'],
    sources: ['003', '000', '004'],
  },
};

// ---- the placement, as the rules see it -----------------------------------------------------

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

function rosterPerson(people: readonly Person[], id: string | null | undefined): Person | null {
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

// ---- attendees --------------------------------------------------------------------------------

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

/** 'views-sought': asked for their views rather than expected to attend (the IRO and Guardian at a planning meeting). */
export type Participation = 'attends' | 'second-part-only' | 'views-sought';

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

/**
 * Who the rules say should be invited to a meeting about this child, each with why, and who the
 * rules call for that the bot could not fill in (`toArrange`). The chair is not added here: take it
 * from chooseChair and merge it with withChair. People can be added or removed by the organiser
 * before anything is sent.
 *
 * Every meeting: the child (unless `childAttendance` says otherwise; validateChildAttendance), the
 * child's social worker, and whoever cares for the child: foster carers; in residential care the
 * key worker (through the home's contact on the record unless `keyWorker` is given) and, where
 * appropriate, the home manager; in semi-independent living the provider. Foster placements add the
 * supervising social worker, and for support and stability meetings the fostering manager. The
 * Virtual School is required at support, stability and multi-agency meetings (MOVE-4, FRAG-3) and
 * optional elsewhere. Planning adds the IRO's and any Guardian's views and parents where
 * appropriate; Disruption adds everyone involved (the child's IRO and team managers, and
 * `involvedPersonIds`); support and stability meetings on an external placement offer the
 * Placements Service (FRAG-8).
 */
export function proposeAttendees(type: MeetingType, recordedChild: Child, people: readonly Person[], options: AttendeeOptions = {}): AttendeeProposal {
  const child: Child = { ...recordedChild, ...options.placement };
  const attendees: ProposedAttendee[] = [];
  const toArrange: StillToArrange[] = [];
  const setting = placementSetting(child.placementType);
  const meeting = MEETINGS[type].label;
  const table = `Meetings table, ${MEETINGS[type].sources.join('/')}`;
  const baseSources = MEETINGS[type].sources;

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
  type Why = { required: boolean; reason: string; ruleIds?: string[]; sources?: string[]; participation?: Participation };
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
    else if (id) add({ kind, label, personId: null, email: normaliseEmail(id), participation: why.participation ?? 'attends', required: why.required, reason: `${why.reason} (Not on the roster: invite by email.)`, ruleIds: why.ruleIds ?? [], sources: why.sources ?? baseSources });
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

  // The child's social worker.
  const swReason: Record<MeetingType, string> = {
    planning: `The child\u2019s social worker leads the planning, records the outcomes and shares them (Meetings table, 004; PLAN-1).`,
    support: `The child\u2019s social worker is responsible for the child and reviews the support plan with the others (${table}; FRAG-4).`,
    stability: `The child\u2019s social worker is responsible for the child and takes part in every stability meeting (${table}).`,
    'multi-agency': 'The child\u2019s social worker brings the agencies together around the child (FRAG-3).',
    disruption: `The child\u2019s social worker was involved in the placement; everyone involved is invited (${table}; END-2).`,
  };
  addNamed('social_worker', 'Child\u2019s social worker', child.socialWorker, { required: true, reason: swReason[type], ruleIds: type === 'multi-agency' ? ['FRAG-3'] : type === 'disruption' ? ['END-2'] : type === 'planning' ? ['PLAN-1'] : type === 'support' ? ['FRAG-4'] : [] }, 'The child has no allocated social worker on record.');

  // Whoever looks after the child day to day.
  const carerWhy: Why = {
    required: true,
    reason:
      type === 'disruption'
        ? `The carers looked after the child in the placement that ended; everyone involved is invited (${table}).`
        : type === 'multi-agency'
          ? 'Those caring for the child are at the centre of the wrap-around support (FRAG-3).'
          : `Those caring for the child take part in the ${meeting} (${table}).`,
    ruleIds: type === 'multi-agency' ? ['FRAG-3'] : type === 'disruption' ? ['END-2'] : [],
  };
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

  // Foster placements: the carer's supervising social worker and, for the meetings on instability, the fostering manager.
  if (setting === 'foster') {
    addNamed(
      'supervising_social_worker',
      'Supervising social worker',
      child.supervisingSocialWorker,
      {
        required: true,
        reason:
          type === 'planning'
            ? 'The supervising social worker comes with the foster carers and completes the initial support plan at the meeting (Meetings table, 004/001).'
            : type === 'disruption'
              ? `The supervising social worker supported the carers in the placement that ended (${table}).`
              : `The supervising social worker supports the foster carers through the ${meeting} (${type === 'multi-agency' ? 'FRAG-3' : table}).`,
        ruleIds: type === 'multi-agency' ? ['FRAG-3'] : [],
      },
      'The child is in foster care but no supervising social worker is on record.',
    );
    if (type === 'support' || type === 'stability') {
      addRole('fostering_manager', 'Fostering manager', 'fostering_manager', {
        required: true,
        reason: `The fostering manager takes part in meetings on a foster placement at risk (${table}).`,
      });
    } else if (type === 'multi-agency' || type === 'disruption') {
      addRole('fostering_manager', 'Fostering manager', 'fostering_manager', {
        required: false,
        reason: type === 'disruption' ? `Fostering may have been involved in the placement (${table}).` : 'Fostering is one of the services around a foster placement (FRAG-3).',
        ruleIds: type === 'multi-agency' ? ['FRAG-3'] : [],
      });
    }
  }

  // The Virtual School.
  const vs: Record<MeetingType, Why> = {
    planning: { required: false, reason: 'The Virtual School joins discussion of a placement change and plans for any disruption to education (MOVE-4, MOVE-10).', ruleIds: ['MOVE-4', 'MOVE-10'], sources: ['001', '004'] },
    support: { required: true, reason: 'The Virtual School is included in every Placement Support Meeting (MOVE-4; Meetings table, 001).', ruleIds: ['MOVE-4', 'FRAG-4'], sources: ['001'] },
    stability: { required: true, reason: 'The Virtual School takes part when a placement is at risk and a move may be considered (MOVE-4; Meetings table, 001).', ruleIds: ['MOVE-4'], sources: ['001'] },
    'multi-agency': { required: true, reason: 'Education is one of the agencies around the child; the Virtual School speaks for it (FRAG-3, MOVE-4).', ruleIds: ['FRAG-3', 'MOVE-4'], sources: ['000', '001'] },
    disruption: { required: false, reason: `The Virtual School may have been involved in the placement (${table}).`, ruleIds: [] },
  };
  addRole('virtual_school', 'Virtual School', 'virtual_school', vs[type]);

  // External placements: the Placements Service must know at once if a planned ending is agreed.
  if ((type === 'support' || type === 'stability') && isExternalProvider(child.placementProvider)) {
    addRole('placements_team', 'Placements Service', 'placements_team', {
      required: false,
      reason: 'The placement is with an external provider: if a planned ending is agreed, the Placements Service has to know at once and notice served; having them there tells them (FRAG-8, END-1).',
      ruleIds: ['FRAG-8', 'END-1'],
      sources: ['003', '004'],
    });
  }

  // The IRO: views sought for planning; involved (and so a participant, never the chair) for disruption.
  if (type === 'planning') {
    addNamed(
      'iro',
      'Independent Reviewing Officer',
      child.iro,
      { required: true, participation: 'views-sought', reason: 'The IRO\u2019s views are taken into account in placement planning (Meetings table, 004).', sources: ['004'] },
      'The child has no IRO on record.',
    );
    const guardianWhy: Why = { required: false, participation: 'views-sought', reason: 'Where the child has a Guardian, their views are taken into account (Meetings table, 004).', sources: ['004'] };
    if (options.guardian) addContact('guardian', 'Guardian', options.guardian, guardianWhy);
    else arrange('guardian', 'Guardian', guardianWhy);
  } else if (type === 'disruption') {
    addNamed('iro', 'The child\u2019s IRO', child.iro, { required: false, reason: `The child\u2019s IRO knows the case; they may attend but cannot chair (${table}).` }, 'The child has no IRO on record.');
  }

  // Disruption: everyone involved, the child's team managers included.
  if (type === 'disruption') {
    for (const manager of childTeamManagers(child, people)) {
      addPerson('team_manager', 'Team manager', manager, { required: false, reason: `Manages the child\u2019s team, so was involved in the case (${table}).` });
    }
    for (const id of options.involvedPersonIds ?? []) {
      const person = rosterPerson(people, id);
      const why: Why = { required: true, reason: `Involved in the case; everyone involved is invited (${table}).`, ruleIds: ['END-2'] };
      if (person) addPerson('involved', 'Involved in the case', person, why);
      else add({ kind: 'involved', label: 'Involved in the case', personId: null, email: normaliseEmail(id), participation: 'attends', ...why, ruleIds: ['END-2'], sources: baseSources });
    }
  }

  // Advocate, parents, other professionals: only the organiser knows them.
  const advocateWhy: Why = { required: false, reason: `An advocate for the child joins where appropriate (${table}).` };
  if (options.advocate) addContact('advocate', 'Advocate', options.advocate, advocateWhy);
  else if (type === 'planning' || type === 'support' || type === 'stability') arrange('advocate', 'Advocate', advocateWhy);

  const parentWhy: Why = { required: false, reason: type === 'planning' ? 'Parents contribute to placement planning where appropriate (Meetings table, 004).' : `Added by the organiser (${table}).` };
  for (const parent of options.parents ?? []) addContact('parent', 'Parent', parent, parentWhy);
  if (type === 'planning' && (options.parents ?? []).length === 0) arrange('parent', 'Parents', parentWhy);

  const otherWhy: Why =
    type === 'multi-agency'
      ? { required: false, reason: 'The agencies around the child (health, school, CAMHS, youth justice and so on) build the wrap-around package (FRAG-3).', ruleIds: ['FRAG-3'] }
      : { required: false, reason: `Other professionals who work with the child, where relevant (${table}).` };
  for (const other of options.otherProfessionals ?? []) addContact('other_professional', other.role ?? 'Other professional', other, otherWhy);
  if ((type === 'multi-agency' || type === 'support' || type === 'stability') && (options.otherProfessionals ?? []).length === 0) {
    arrange('other_professional', type === 'multi-agency' ? 'Other agencies' : 'Other relevant professionals', otherWhy);
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
  return [...list, { kind: chairKind(chair), label: 'Chair', personId: chair.id, name: chair.name, email: chair.email, participation: 'attends', required: true, reason: `Chair: ${reason}`, ruleIds: [], sources: [] }];
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
        ? `Holding an adults-only first part is an exception: record why, in at least ${MIN_REASON} characters (Meetings table, 003).`
        : `The child normally takes part: record why they are not invited, in at least ${MIN_REASON} characters (Meetings table, 003).`,
  };
}
const MIN_REASON = 20;

// ---- the chair --------------------------------------------------------------------------------

/** Why a chair was chosen: the child's team manager, the fostering manager, or an independent person (Disruption). */
export type ChairBasis = 'child-team-manager' | 'fostering-manager' | 'independent';

export interface ChairChoice {
  person: Person | null;
  basis: ChairBasis;
  /** Everyone who would fit, best first; the organiser may pick another. */
  candidates: Person[];
  reason: string;
  ruleIds: string[];
  sources: string[];
}

/** The roles that make someone "a manager of the council" who may chair a support or stability meeting. */
const MANAGER_ROLES: Role[] = ['team_manager', 'fostering_manager', 'service_manager', 'head_of_service'];
/** Disruption: an IRO, or a person of similar standing (a manager), who has not been involved. */
const INDEPENDENT_CHAIR_ROLES: Role[] = ['iro', ...MANAGER_ROLES];

/**
 * Why this person counts as involved in the child's case (so cannot chair a Disruption Meeting),
 * or null. The child's own IRO, social worker, supervising social worker and team manager(s) are
 * always involved, as is anyone in `involved`.
 */
export function involvementOf(child: Child, person: Person, involved: readonly string[] = []): string | null {
  if (child.iro && normaliseEmail(child.iro) === person.id) return 'is the child\u2019s own IRO';
  if (child.socialWorker && normaliseEmail(child.socialWorker) === person.id) return 'is the child\u2019s social worker';
  if (child.supervisingSocialWorker && normaliseEmail(child.supervisingSocialWorker) === person.id) return 'is the carers\u2019 supervising social worker';
  if (hasRole(person, 'team_manager') && coversTeam(person, child.team)) return `is a team manager for the child\u2019s team (${child.team})`;
  if (involved.map(normaliseEmail).includes(person.id)) return 'has been involved in the case';
  return null;
}

/**
 * The chair the rules call for.
 *
 * - Placement Stability Meeting (Meetings table, 003): a council manager: the child's team manager
 *   (the children's social work manager) for an IFA placement (PR4/PR5 foster care), the fostering
 *   manager for the council's own foster carers (PR1).
 * - Our choice where the guidance names no chair: residential and semi-independent placements,
 *   foster care from another council or public body (PR0/PR2/PR3), and any other placement go to
 *   the child's team manager. The placement is not with the council's own fostering service, so
 *   the fostering manager is not the natural chair, and the social work manager holds the case.
 * - Placement Support Meeting: the guidance names no chair; the same people attend as at a
 *   stability meeting, so the same rule is used.
 * - Planning and multi-agency meetings: no chair is named; the child's team manager is proposed and
 *   may hand over (for example to the social worker).
 * - Disruption Meeting: an IRO or similar person who has not been involved in the case; never the
 *   child's own IRO, social worker, supervising social worker or team manager, nor anyone listed in
 *   `involvedPersonIds`. Only IROs are proposed; if none is free, the organiser picks someone of
 *   similar standing and validateChair checks them.
 */
export function chooseChair(type: MeetingType, child: Child, people: readonly Person[], involvedPersonIds: readonly string[] = []): ChairChoice {
  if (type === 'disruption') {
    const candidates = people.filter((p) => hasRole(p, 'iro') && involvementOf(child, p, involvedPersonIds) === null);
    const person = candidates[0] ?? null;
    return {
      person,
      basis: 'independent',
      candidates,
      reason: person
        ? `A Disruption Meeting is chaired by an IRO or similar person who has not been involved in the case; ${person.name} is an IRO who has not been (Meetings table, 003).`
        : 'A Disruption Meeting is chaired by an IRO or similar person who has not been involved in the case (Meetings table, 003). No IRO on the roster is free of involvement: choose an independent manager of similar standing.',
      ruleIds: ['END-2'],
      sources: ['003'],
    };
  }

  const teamManagers = childTeamManagers(child, people);
  const byTeamManager = (reason: string, ruleIds: string[] = [], sources: string[] = ['003']): ChairChoice => ({
    person: teamManagers[0] ?? null,
    basis: 'child-team-manager',
    candidates: teamManagers,
    reason: teamManagers.length > 0 ? reason : `${reason} No team manager on the roster covers team ${child.team}.`,
    ruleIds,
    sources,
  });

  if (type === 'planning') {
    return byTeamManager('No chair is named for a Placement Planning Meeting; the bot proposes the child\u2019s team manager, who may hand the chair to someone else.', ['PLAN-1'], ['004']);
  }
  if (type === 'multi-agency') {
    return byTeamManager('No chair is named for a multi-agency planning meeting; the bot proposes the child\u2019s team manager.', ['FRAG-3'], ['000']);
  }

  const about = type === 'support' ? 'No chair is named for a Placement Support Meeting; as at a Placement Stability Meeting, ' : '';
  if (isInHouseFosterPlacement(child)) {
    const managers = peopleForTeam(people, 'fostering_manager', child.team);
    const reason = `${about}the fostering manager chairs for the council\u2019s own foster carers (PR1) (Meetings table, 003).`;
    return {
      person: managers[0] ?? null,
      basis: 'fostering-manager',
      candidates: managers,
      reason: capitalise(managers.length > 0 ? reason : `${reason} No fostering manager on the roster covers team ${child.team}.`),
      ruleIds: [],
      sources: ['003'],
    };
  }
  if (isIfaPlacement(child)) {
    return byTeamManager(capitalise(`${about}the children\u2019s social work manager (the child\u2019s team manager) chairs for an independent fostering agency placement (Meetings table, 003).`));
  }
  const setting = placementSetting(child.placementType);
  const what = setting === 'foster' ? 'foster care not provided by the council itself or an agency' : setting === 'other' ? 'this kind of placement' : `a ${setting} placement`;
  return byTeamManager(
    capitalise(`${about}a council manager chairs (Meetings table, 003). The guidance names no chair for ${what}; the bot proposes the children\u2019s social work manager (the child\u2019s team manager), as for an agency placement.`),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ChairCheck = { ok: true; note: string | null } | { ok: false; reason: string };

/**
 * Checks a chair the organiser picked. Disruption: refuses anyone involved in the case (the
 * child's own IRO, social worker, supervising social worker or team manager, or anyone in
 * `involved`), and anyone who is neither an IRO nor a manager. Support and stability: refuses
 * someone who is not a council manager, and notes when the chair is not the one the rules name.
 */
export function validateChair(type: MeetingType, child: Child, chair: Person, involved: readonly string[] = []): ChairCheck {
  if (type === 'disruption') {
    const involvement = involvementOf(child, chair, involved);
    if (involvement) {
      return { ok: false, reason: `${chair.name} ${involvement}, so cannot chair the Disruption Meeting: it needs an IRO or similar person who has not been involved in the case (Meetings table, 003).` };
    }
    if (!INDEPENDENT_CHAIR_ROLES.some((r) => hasRole(chair, r))) {
      return { ok: false, reason: `${chair.name} is not an IRO or a manager: a Disruption Meeting is chaired by an IRO or a similar person who has not been involved (Meetings table, 003).` };
    }
    return { ok: true, note: hasRole(chair, 'iro') ? null : `${chair.name} is not an IRO: check that they are of similar standing and independent of the case (Meetings table, 003).` };
  }
  if (type === 'support' || type === 'stability') {
    if (!MANAGER_ROLES.some((r) => hasRole(chair, r))) {
      return { ok: false, reason: `${chair.name} is not a manager: a ${MEETINGS[type].label} is chaired by a manager of the council (Meetings table, 003).` };
    }
    const expected: Role = isInHouseFosterPlacement(child) ? 'fostering_manager' : 'team_manager';
    const fits = hasRole(chair, expected) && coversTeam(chair, child.team);
    return {
      ok: true,
      note: fits
        ? null
        : expected === 'fostering_manager'
          ? `For the council\u2019s own foster carers the rules name the fostering manager as chair; record why ${chair.name} is chairing instead (Meetings table, 003).`
          : `The rules name the child\u2019s team manager as chair here; record why ${chair.name} is chairing instead (Meetings table, 003).`,
    };
  }
  return { ok: true, note: null };
}

// ---- timing -----------------------------------------------------------------------------------

/** A Placement Support Meeting "as soon as possible": we take that to mean within 5 working days of the signs being reported (FRAG-4). */
export const SUPPORT_MEETING_WORKING_DAYS = 5;
/** Emergency placement: the planning meeting within 72 hours, i.e. by the third day after the placement starts (PLAN-1). */
export const EMERGENCY_PLANNING_DAYS = 3;
/** Disruption Meeting: at least six weeks after the placement ended (Meetings table, 003). */
export const DISRUPTION_MIN_DAYS = 42;
/** When a deadline has already passed, the meeting must still be held as soon as possible: within this many working days of today. */
export const LATE_MEETING_WORKING_DAYS = 5;

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The date `days` working days (Monday to Friday) after `date`. Bank holidays are not known here and count as working days. */
export function addWorkingDays(date: string, days: number): string {
  let d = date;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    const w = weekday(d);
    if (w !== 0 && w !== 6) left -= 1;
  }
  return d;
}

export interface MeetingTimingInput {
  today: string;
  /** The placement's start date (Planning). */
  placementStart?: string | null;
  /** The date the placement ended (Disruption). */
  placementEnded?: string | null;
  /** An emergency placement: the planning meeting may follow within 72 hours (PLAN-1). */
  emergency?: boolean;
  /** A later planning meeting at an agreed interval, not the first one for this placement. */
  furtherMeeting?: boolean;
  /** When the signs of instability were reported (Support); today when not given. */
  signsReportedOn?: string | null;
}

export interface MeetingDateWindow {
  earliest: string;
  /** The last date the rules allow; null when they set none. */
  latest: string | null;
  /** The rule's own deadline has already passed: hold the meeting as soon as possible. */
  late: boolean;
  /** Something the window needs and was not given (e.g. the placement start date), or null. */
  missing: string | null;
  explanation: string;
  ruleIds: string[];
}

/** The dates on which a meeting of this type may be held, with the rule behind them. Useful for a date picker's bounds. */
export function meetingDateWindow(type: MeetingType, input: MeetingTimingInput): MeetingDateWindow {
  const { today } = input;
  const open = (explanation: string, ruleIds: string[]): MeetingDateWindow => ({ earliest: today, latest: null, late: false, missing: null, explanation, ruleIds });
  const deadline = (due: string, explanation: string, ruleIds: string[]): MeetingDateWindow => {
    const late = due < today;
    return {
      earliest: today,
      latest: late ? addWorkingDays(today, LATE_MEETING_WORKING_DAYS) : due,
      late,
      missing: null,
      explanation: late ? `${explanation} That date (${due}) has passed, so hold it as soon as possible: within ${LATE_MEETING_WORKING_DAYS} working days.` : explanation,
      ruleIds,
    };
  };

  switch (type) {
    case 'planning': {
      if (input.furtherMeeting) return open('Further planning meetings are held at intervals agreed with the carers or the home (Meetings table, 004).', ['PLAN-1']);
      if (!input.placementStart || !isIsoDate(input.placementStart)) {
        return { ...open('A Placement Planning Meeting is held before the placement starts, or within 72 hours of an emergency placement (PLAN-1).', ['PLAN-1']), missing: 'the placement start date' };
      }
      return input.emergency
        ? deadline(addDays(input.placementStart, EMERGENCY_PLANNING_DAYS), `For an emergency placement the Placement Planning Meeting is held within 72 hours of the start (${input.placementStart}), so by ${addDays(input.placementStart, EMERGENCY_PLANNING_DAYS)} (PLAN-1).`, ['PLAN-1'])
        : deadline(input.placementStart, `For a planned placement the Placement Planning Meeting is held before the placement starts, so by ${input.placementStart} (PLAN-1).`, ['PLAN-1']);
    }
    case 'support': {
      const base = input.signsReportedOn && isIsoDate(input.signsReportedOn) ? input.signsReportedOn : today;
      const due = addWorkingDays(base, SUPPORT_MEETING_WORKING_DAYS);
      return deadline(due, `A Placement Support Meeting is held as soon as there are signs of instability; the bot asks for it within ${SUPPORT_MEETING_WORKING_DAYS} working days of them being reported (${base}), so by ${due} (FRAG-4).`, ['FRAG-4']);
    }
    case 'disruption': {
      if (!input.placementEnded || !isIsoDate(input.placementEnded)) {
        return { ...open('A Disruption Meeting is held at least six weeks after the placement ended (END-2; Meetings table, 003).', ['END-2']), missing: 'the date the placement ended' };
      }
      const earliest = addDays(input.placementEnded, DISRUPTION_MIN_DAYS);
      return {
        earliest: earliest > today ? earliest : today,
        latest: null,
        late: false,
        missing: null,
        explanation: `A Disruption Meeting is held at least six weeks after the placement ended (${input.placementEnded}), so on or after ${earliest} (END-2; Meetings table, 003).`,
        ruleIds: ['END-2'],
      };
    }
    case 'stability':
      return open('A Placement Stability Meeting is called once added support has not been enough (FRAG-5); the rules set no date, but hold it soon.', ['FRAG-5']);
    case 'multi-agency':
      return open('A multi-agency planning meeting is held when a placement is becoming fragile (FRAG-3); the rules set no date, but hold it soon.', ['FRAG-3']);
  }
}

export type MeetingDateCheck =
  | { ok: true; warning: string | null; window: MeetingDateWindow }
  | { ok: false; reason: string; window: MeetingDateWindow };

/**
 * Is `date` a date the rules allow for this meeting? Planning: before the placement starts, or
 * within 72 hours of an emergency placement (PLAN-1); Support: within 5 working days of the signs
 * being reported (FRAG-4, our reading of "as soon as possible"); Disruption: at least six weeks
 * after the placement ended (END-2). When a deadline has already passed, a date within 5 working
 * days of today is accepted with a warning, since holding the meeting late beats not holding it.
 * No meeting can be booked in the past.
 */
export function validateMeetingDate(type: MeetingType, input: MeetingTimingInput & { date: string }): MeetingDateCheck {
  const window = meetingDateWindow(type, input);
  const refuse = (reason: string): MeetingDateCheck => ({ ok: false, reason, window });
  if (!isIsoDate(input.date)) return refuse('Give the meeting date as a date.');
  if (window.missing) return refuse(`Give ${window.missing}: ${window.explanation}`);
  if (input.date < input.today) return refuse('A meeting cannot be booked in the past.');
  if (input.date < window.earliest) return refuse(`Too early: ${window.explanation}`);
  if (window.latest && input.date > window.latest) return refuse(`Too late: ${window.explanation}`);
  return { ok: true, warning: window.late ? `Late: ${window.explanation}` : null, window };
}

// ---- convening ---------------------------------------------------------------------------------

const email = (message: string) => z.string({ required_error: message, invalid_type_error: message }).trim().email(message).transform(normaliseEmail);
const optionalEmailField = (message: string) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.string().email().safeParse(v).success, message)
    .transform((v) => (v ? normaliseEmail(v) : null));

export interface ConveneDetails {
  type: MeetingType;
  date: string;
  time: string;
  durationMinutes: number;
  childAttendance: ChildAttendance;
  childAttendanceReason: string | null;
  minuteTaker: string | null;
  /** A warning to show the organiser (a late meeting), or null. */
  dateWarning: string | null;
}

/**
 * The "convene meeting" form as a card submits it (strings). Checks the date against the rules
 * (validateMeetingDate), the recorded reason for leaving the child out or an adults-only first part,
 * and, for a Placement Stability Meeting, the named minute taker (Meetings table, 003). The chair is
 * checked separately with validateChair, which needs the roster.
 */
export function meetingConveneFormSchema(type: MeetingType, timing: MeetingTimingInput) {
  return z
    .object({
      date: z.string({ required_error: 'Give the meeting date.' }).trim(),
      time: z
        .string({ required_error: 'Give the start time.' })
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the start time as HH:MM.'),
      durationMinutes: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? Number(v) : 60))
        .refine((n) => Number.isInteger(n) && n >= 15 && n <= 480, 'The length must be between 15 and 480 minutes.'),
      childAttendance: z.enum(['whole', 'second-part', 'not-invited'], { errorMap: () => ({ message: 'Say how the child takes part.' }) }).optional().default('whole'),
      childAttendanceReason: optionalText('The reason'),
      minuteTaker: optionalEmailField('Give the minute taker\u2019s email address.'),
    })
    .superRefine((form, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const dateCheck = validateMeetingDate(type, { ...timing, date: form.date });
      if (!dateCheck.ok) need('date', dateCheck.reason);
      const attendance = validateChildAttendance(form.childAttendance, form.childAttendanceReason);
      if (!attendance.ok) need('childAttendanceReason', attendance.reason);
      if (type === 'stability' && !form.minuteTaker) need('minuteTaker', 'Name the allocated minute taker: every Placement Stability Meeting has one (Meetings table, 003).');
    })
    .transform((form): ConveneDetails => {
      const dateCheck = validateMeetingDate(type, { ...timing, date: form.date });
      return {
        type,
        date: form.date,
        time: form.time,
        durationMinutes: form.durationMinutes,
        childAttendance: form.childAttendance,
        childAttendanceReason: form.childAttendance === 'whole' ? null : form.childAttendanceReason,
        minuteTaker: form.minuteTaker,
        dateWarning: dateCheck.ok ? dateCheck.warning : null,
      };
    });
}

// ---- the outcome -------------------------------------------------------------------------------

export const OUTCOME_DECISIONS = {
  'continue-with-support': { label: 'Continue with added support', ruleIds: ['FRAG-5'], types: ['support', 'stability', 'multi-agency'] },
  'support-package-agreed': { label: 'Support package agreed', ruleIds: ['FRAG-3', 'FRAG-4'], types: ['support', 'stability', 'multi-agency'] },
  'commissioning-panel': { label: 'Refer a costed external service to the Commissioning Panel', ruleIds: ['FRAG-7'], types: ['support', 'stability', 'multi-agency'] },
  'escalate-to-panel': { label: 'Escalate to the Placement Stability Panel', ruleIds: ['FRAG-6'], types: ['support', 'stability', 'multi-agency'] },
  'planned-ending': { label: 'Planned ending of the placement', ruleIds: ['FRAG-8', 'END-1', 'MOVE-1', 'MOVE-11'], types: ['stability'] },
  'placement-plan-agreed': { label: 'Placement plan agreed', ruleIds: ['PLAN-1'], types: ['planning'] },
  'learning-recorded': { label: 'Learning recorded', ruleIds: ['END-2'], types: ['disruption'] },
} as const satisfies Record<string, { label: string; ruleIds: readonly string[]; types: readonly MeetingType[] }>;
export type OutcomeDecision = keyof typeof OUTCOME_DECISIONS;
const DECISIONS = Object.keys(OUTCOME_DECISIONS) as [OutcomeDecision, ...OutcomeDecision[]];

/** The decisions a meeting of this type can record. */
export function decisionsFor(type: MeetingType): OutcomeDecision[] {
  return DECISIONS.filter((d) => (OUTCOME_DECISIONS[d].types as readonly MeetingType[]).includes(type));
}

export interface MeetingAction {
  what: string;
  ownerEmail: string;
  dueDate: string;
}

export interface MeetingOutcome {
  type: MeetingType;
  meetingDate: string;
  summary: string;
  decision: OutcomeDecision;
  /** The service asked for: the costed external service (FRAG-7) or the essential service that cannot be got (FRAG-6). */
  serviceNeeded: string | null;
  /** The agreed end date of a planned ending (END-1: passed on as early as possible). */
  plannedEndDate: string | null;
  actions: MeetingAction[];
  reviewDate: string | null;
  minuteTaker: string | null;
  /** Support meetings: was the initial support plan reviewed (FRAG-4)? null for other meetings. */
  supportPlanReviewed: boolean | null;
}

const MAX_ACTIONS = 30;

/**
 * The outcome form for a meeting of `type` held on `meetingDate`. Actions may come as an array of
 * { what, ownerEmail, dueDate } or as that array in a JSON string (a card's hidden field).
 * Field messages name the rule that makes a field necessary.
 */
export function meetingOutcomeSchema(context: { type: MeetingType; meetingDate: string }) {
  const { type, meetingDate } = context;
  const latest = addDays(meetingDate, 366);
  const allowed = decisionsFor(type);
  const futureDate = (label: string) =>
    z
      .string({ invalid_type_error: `${label} must be a date.` })
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isIsoDate(v), `${label} must be a date.`)
      .refine((v) => v === null || !isIsoDate(v) || v > meetingDate, `${label} must be after the meeting (${meetingDate}).`)
      .refine((v) => v === null || !isIsoDate(v) || v <= latest, `${label} must be within a year of the meeting.`);
  const action = z.object({
    what: text('What the action is', 5),
    ownerEmail: email('Give the email address of the person who owns the action.'),
    dueDate: z
      .string({ required_error: 'Give the action\u2019s due date.' })
      .trim()
      .refine(isIsoDate, 'Give the action\u2019s due date as a date.')
      .refine((d) => !isIsoDate(d) || d >= meetingDate, 'An action cannot be due before the meeting.')
      .refine((d) => !isIsoDate(d) || d <= latest, 'An action must be due within a year of the meeting.'),
  });
  const actions = z.preprocess((v) => {
    if (v === undefined || v === null || v === '') return [];
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, z.array(action, { invalid_type_error: 'The actions could not be read.' }).max(MAX_ACTIONS, `At most ${MAX_ACTIONS} actions.`));

  return z
    .object({
      summary: text('The outcome summary', 20),
      decision: z.enum(DECISIONS, { errorMap: () => ({ message: `Choose the decision: ${allowed.map((d) => OUTCOME_DECISIONS[d].label.toLowerCase()).join('; ')}.` }) }),
      serviceNeeded: optionalText('The service needed'),
      plannedEndDate: futureDate('The planned end date'),
      actions,
      reviewDate: futureDate('The review date'),
      minuteTaker: optionalEmailField('Give the minute taker\u2019s email address.'),
      supportPlanReviewed: z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Say yes or no: was the initial support plan reviewed?' }) }).optional(),
    })
    .superRefine((form, ctx) => {
      const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (!allowed.includes(form.decision)) {
        need('decision', `A ${MEETINGS[type].label} cannot record "${OUTCOME_DECISIONS[form.decision].label}": choose ${allowed.map((d) => `"${OUTCOME_DECISIONS[d].label}"`).join(' or ')}.`);
      }
      if (type === 'stability') {
        if (!form.reviewDate) need('reviewDate', 'Book the review now: a Placement Stability Meeting books its review at the meeting itself (Meetings table, 003).');
        if (!form.minuteTaker) need('minuteTaker', 'Name the allocated minute taker of the Placement Stability Meeting (Meetings table, 003).');
      }
      if (type === 'support' && form.supportPlanReviewed !== 'yes') {
        need('supportPlanReviewed', 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome (FRAG-4).');
      }
      if (form.decision === 'commissioning-panel' && (form.serviceNeeded ?? '').length < 10) {
        need('serviceNeeded', 'Describe the costed external service the social worker will take to the Commissioning Panel for funding (FRAG-7).');
      }
      if (form.decision === 'escalate-to-panel' && (form.serviceNeeded ?? '').length < 10) {
        need('serviceNeeded', 'Describe the service essential to stability that cannot be got without the Placement Stability Panel (FRAG-6).');
      }
      if (form.decision === 'planned-ending' && !form.plannedEndDate) {
        need('plannedEndDate', 'Give the planned end date: it is passed to the Placement Officer as early as possible (END-1, FRAG-8).');
      }
    })
    .transform(
      (form): MeetingOutcome => ({
        type,
        meetingDate,
        summary: form.summary,
        decision: form.decision,
        serviceNeeded: form.decision === 'commissioning-panel' || form.decision === 'escalate-to-panel' ? form.serviceNeeded : null,
        plannedEndDate: form.decision === 'planned-ending' ? form.plannedEndDate : null,
        actions: form.actions,
        reviewDate: form.reviewDate,
        minuteTaker: form.minuteTaker,
        supportPlanReviewed: type === 'support' ? form.supportPlanReviewed === 'yes' : null,
      }),
    );
}

// ---- after the meeting -----------------------------------------------------------------------

export type OutcomeFollowUpKind =
  | 'action'
  | 'review-meeting'
  | 'request-move'
  | 'tell-placements-service'
  | 'serve-notice'
  | 'stop-payments'
  | 'commissioning-panel'
  | 'stability-panel';

export interface OutcomeFollowUp {
  kind: OutcomeFollowUpKind;
  title: string;
  /** The roster id (lower-cased email) of the owner, when one person owns it; null when a team does. */
  owner: string | null;
  /** The role that owns it when no one person does (e.g. the Placements Service), or the owner's role. */
  ownerRole: Role | null;
  dueDate: string;
  ruleIds: string[];
}

/** Panels are asked within this many working days of the meeting (our choice; the guidance sets no time). */
export const PANEL_REFERRAL_WORKING_DAYS = 5;

/**
 * The tasks a recorded outcome sets going, with due dates counted from `today` (the day the
 * outcome is recorded):
 * - every action, owned by its owner, due when the meeting said;
 * - the booked review meeting (Stability: FRAG-5; Support: FRAG-4);
 * - a planned ending (Stability only): request the move for Head of Service approval (MOVE-1, the
 *   ending stays planned: MOVE-11); tell the Placements Service today (FRAG-8 for an external
 *   placement; END-1 for any); for an external provider serve notice today (FRAG-8, END-1); and
 *   tell finance so payments stop by the end date (END-1);
 * - Commissioning Panel (FRAG-7) and Placement Stability Panel (FRAG-6) referrals, presented by the
 *   child's social worker within 5 working days.
 */
export function followUpsForOutcome(outcome: MeetingOutcome, child: Child, today: string): OutcomeFollowUp[] {
  const sw = child.socialWorker ? normaliseEmail(child.socialWorker) : null;
  const bySw = { owner: sw, ownerRole: 'social_worker' as Role };
  const tasks: OutcomeFollowUp[] = outcome.actions.map((a) => ({ kind: 'action', title: a.what, owner: normaliseEmail(a.ownerEmail), ownerRole: null, dueDate: a.dueDate, ruleIds: [] }));

  if (outcome.reviewDate) {
    tasks.push({
      kind: 'review-meeting',
      title: `Hold the review ${MEETINGS[outcome.type].label} booked for ${outcome.reviewDate}`,
      ...bySw,
      dueDate: outcome.reviewDate,
      ruleIds: outcome.type === 'stability' ? ['FRAG-5'] : outcome.type === 'support' ? ['FRAG-4'] : [],
    });
  }

  const external = isExternalProvider(child.placementProvider);
  switch (outcome.decision) {
    case 'planned-ending': {
      const end = outcome.plannedEndDate ?? today;
      tasks.push({
        kind: 'request-move',
        title: `Request the move for Head of Service approval, with the rationale agreed at the meeting, so the placement ends as planned on ${end}`,
        ...bySw,
        dueDate: today,
        ruleIds: ['MOVE-1', 'MOVE-11'],
      });
      tasks.push({
        kind: 'tell-placements-service',
        title: external
          ? `Tell the Placements Service today that the placement with ${child.carerName || 'the provider'} will end on ${end} (unless they were at the meeting)`
          : `Tell the Placement Officer the planned end date (${end}) now, so they can act on it`,
        ...bySw,
        dueDate: today,
        ruleIds: external ? ['FRAG-8', 'END-1'] : ['END-1'],
      });
      if (external) {
        tasks.push({
          kind: 'serve-notice',
          title: `Serve notice on ${child.carerName || 'the provider'} for the planned end on ${end}`,
          owner: null,
          ownerRole: 'placements_team',
          dueDate: today,
          ruleIds: ['FRAG-8', 'END-1'],
        });
      }
      tasks.push({
        kind: 'stop-payments',
        title: `Tell finance the placement ends on ${end} so that payments stop`,
        owner: null,
        ownerRole: 'placements_team',
        dueDate: end < today ? today : end,
        ruleIds: ['END-1'],
      });
      break;
    }
    case 'commissioning-panel':
      tasks.push({
        kind: 'commissioning-panel',
        title: `Present the costed external service to the Commissioning Panel for funding before it is arranged: ${outcome.serviceNeeded ?? ''}`.trim(),
        ...bySw,
        dueDate: addWorkingDays(today, PANEL_REFERRAL_WORKING_DAYS),
        ruleIds: ['FRAG-7'],
      });
      break;
    case 'escalate-to-panel':
      tasks.push({
        kind: 'stability-panel',
        title: `Present the case at the Placement Stability Panel, with the Virtual School, to get the service needed: ${outcome.serviceNeeded ?? ''}`.trim(),
        ...bySw,
        dueDate: addWorkingDays(today, PANEL_REFERRAL_WORKING_DAYS),
        ruleIds: ['FRAG-6', 'MOVE-4'],
      });
      break;
    default:
      break;
  }
  return tasks;
}

// ---- after an unplanned ending ---------------------------------------------------------------

export interface DisruptionAdvice {
  advice: 'hold' | 'consider' | 'none';
  /** The first date a Disruption Meeting may be held (six weeks after the end), or null. */
  earliestDate: string | null;
  reason: string;
  ruleIds: string[];
}

/**
 * Whether to offer a Disruption Meeting after a placement ends (END-2). A permanent placement that
 * ended without a plan gets one ('hold'); any other unplanned ending is worth considering
 * ('consider'); a planned ending needs none. `permanent` defaults from the placement type: long-term
 * fostering (U1, U4), fostering for adoption (U2, U5) and placed for adoption (A3-A6).
 */
export function disruptionMeetingAdvice(ending: { placementType: string; endDate: string; unplanned: boolean; permanent?: boolean }): DisruptionAdvice {
  if (!ending.unplanned) return { advice: 'none', earliestDate: null, reason: 'The placement ended as planned: no Disruption Meeting is needed.', ruleIds: ['END-2'] };
  const permanent = ending.permanent ?? isPermanentPlacementType(ending.placementType);
  const earliestDate = addDays(ending.endDate, DISRUPTION_MIN_DAYS);
  return permanent
    ? { advice: 'hold', earliestDate, reason: `A permanent placement broke down: hold a Disruption Meeting to learn from it, on or after ${earliestDate} (END-2; Meetings table, 003).`, ruleIds: ['END-2'] }
    : { advice: 'consider', earliestDate, reason: `The placement ended without a plan: consider a Disruption Meeting, on or after ${earliestDate} (END-2).`, ruleIds: ['END-2'] };
}

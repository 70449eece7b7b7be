// Who may do what: every permission rule of the bot, in one table keyed by the actions as the
// README's "Who may do what" table names them. Each rule is a function of the person (their roster
// entry, never anything a card sends) and what the action is about (a child, a request, an alert, a
// meeting, a task, teams). The services call `authorize` before they read or change a record for
// someone; lists use `may` to leave out what the person may not see. The README table and the test
// that walks every role through every action are generated from this table (npm run docs:permissions).
import { ALL_TEAMS, coversTeam, hasRole, normaliseEmail, ROLES, type Child, type Person, type Role } from './people';

/** A refusal. Its message names the action and the reference the presser gave, never anything of the record. */
export class NotPermittedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotPermittedError';
  }
}

/** What a rule needs to know about a child: their team and the workers allocated to them. */
export type ChildLinks = Pick<Child, 'caseRef' | 'team' | 'socialWorker' | 'supervisingSocialWorker' | 'iro'>;

export interface OnChild {
  child: ChildLinks;
}
export interface OnMoveRequest {
  request: { ref: string; team: string; requestedBy: string };
  child: ChildLinks | null;
}
/**
 * Deciding also depends on who covers for an absent Head of Service today and, for an urgent
 * request, on the out-of-hours approver named in the settings (services/cover.ts looks them up).
 */
export interface OnMoveDecision {
  request: { ref: string; team: string; requestedBy: string; urgency: 'planned' | 'urgent' };
  child: ChildLinks | null;
  /** The covers of the team in force today: who covers, and who set it. */
  covers: CoverGiven[];
  outOfHoursApprover: string | null;
}
/** A cover as the rules see it: the team, who covers, and who set it ('cli' for the command line). */
export interface CoverGiven {
  team: string;
  coverId: string;
  setBy: string;
}
export interface OnCover {
  cover: CoverGiven;
}
export interface OnTeam {
  team: string;
}
export interface OnAlert {
  alert: { ref: string; team: string; raisedBy: string };
  child: ChildLinks | null;
}
export interface OnMeeting {
  meeting: { ref: string; team: string; participantIds: string[]; chair: { personId: string | null }; minuteTaker: string | null; organiser: string };
  child: ChildLinks | null;
}
export interface OnTask {
  task: { owner: string; team: string };
}
/** An alert's referral to a panel: the alert and its child (FRAG-6, FRAG-7). */
export interface OnReferral {
  alert: { ref: string; team: string };
  child: ChildLinks | null;
}
export interface OnTeams {
  teams: string[];
}
export type Nothing = Record<string, never>;

// ---- who someone is to a child or a team ----------------------------------------------------------

const same = (id: string | null | undefined, person: Person) => !!id && normaliseEmail(id) === person.id;

/** The child's own social worker. */
const isAllocatedTo = (person: Person, child: ChildLinks | null) => !!child && same(child.socialWorker, person);

/** The child's social worker, the carers' supervising social worker, or the child's IRO. */
const worksWith = (person: Person, child: ChildLinks | null) => !!child && [child.socialWorker, child.supervisingSocialWorker, child.iro].some((id) => same(id, person));

/** Holds one of these roles for this team. */
const holdsFor = (person: Person, roles: readonly Role[], team: string) => roles.some((role) => hasRole(person, role)) && coversTeam(person, team);

/** Who may decide for an absent Head of Service (MOVE-1): another Head of Service or a service manager, never an administrator. */
const COVER_ROLES = ['head_of_service', 'service_manager'] as const satisfies readonly Role[];

/**
 * A person with no role has left (the roster import and `roster leaver` take every role away) or was
 * never given one: no rule lets them do or see anything, whatever the records still link them to.
 */
export const hasCurrentRole = (person: Person) => person.roles.length > 0;

/** Managers who act on cases in their teams. The admin role administers the bot and is not one of them. */
const CASE_MANAGERS = ['team_manager', 'service_manager', 'head_of_service'] as const satisfies readonly Role[];
/** Managers who oversee the team's placements (the fostering manager chairs many stability meetings). */
const OVERSEEING_MANAGERS = [...CASE_MANAGERS, 'fostering_manager'] as const satisfies readonly Role[];
/** Roles that see the team's figures and case references (never names) in trackers and digests. */
const OVERSIGHT_ROLES = [...OVERSEEING_MANAGERS, 'performance_team', 'admin'] as const satisfies readonly Role[];

// ---- the table ------------------------------------------------------------------------------------

interface Rule<S> {
  /** Who may, in words, for the refusal message and the README. */
  who: string;
  allows(person: Person, subject: S): boolean;
}
const rule = <S>(who: string, allows: (person: Person, subject: S) => boolean): Rule<S> => ({ who, allows });

/** Whether this person may hold this cover: a Head of Service or a service manager now, who did not give it to themselves. */
const mayCover = (p: Person, cover: CoverGiven) => !same(cover.setBy, p) && COVER_ROLES.some((role) => hasRole(p, role));

/**
 * Whether the person named as out-of-hours approver (settings) may decide urgent requests: only a
 * Head of Service or service manager now, as for cover (MOVE-1). A setting naming anyone else is
 * ignored: they get no approval card and may decide nothing.
 */
export const mayApproveOutOfHours = (p: Person): boolean => COVER_ROLES.some((role) => hasRole(p, role));

export const PERMISSIONS = {
  'request a move': rule<OnChild>(
    "the child's social worker, or a team manager, service manager or Head of Service of the child's team",
    (p, { child }) => isAllocatedTo(p, child) || holdsFor(p, CASE_MANAGERS, child.team),
  ),
  'see a move request': rule<OnMoveRequest>(
    "the person who asked for it, the child's social worker, supervising social worker and IRO, and the managers of the child's team",
    (p, { request, child }) => same(request.requestedBy, p) || worksWith(p, child) || holdsFor(p, OVERSEEING_MANAGERS, request.team),
  ),
  // MOVE-1; separation of duties: nobody decides a move they asked for, covering or not. A cover
  // counts only while its person may still cover (their roles are read again at every decision).
  'decide a move': rule<OnMoveDecision>(
    "a Head of Service of the child's team (or the person covering for them, or for an urgent request the out-of-hours approver, a Head of Service or service manager) who did not ask for the move",
    (p, { request, covers, outOfHoursApprover }) =>
      !same(request.requestedBy, p) &&
      (holdsFor(p, ['head_of_service'], request.team) ||
        covers.some((cover) => cover.team === request.team && same(cover.coverId, p) && mayCover(p, cover)) ||
        (request.urgency === 'urgent' && same(outOfHoursApprover, p) && mayApproveOutOfHours(p))),
  ),
  // MOVE-1: cover goes to someone who could decide in their own right elsewhere, not to whoever sets it.
  'cover for a Head of Service': rule<OnCover>('a Head of Service or a service manager, who did not set the cover themselves', (p, { cover }) => mayCover(p, cover)),
  'withdraw a move request': rule<OnMoveRequest>(
    "the person who asked for the move, or a team manager or Head of Service of the child's team",
    (p, { request }) => same(request.requestedBy, p) || holdsFor(p, ['team_manager', 'head_of_service'], request.team),
  ),
  "answer the approver's question": rule<OnMoveRequest>(
    "the person who asked for the move, the child's social worker, or a team manager of the child's team",
    (p, { request, child }) => same(request.requestedBy, p) || isAllocatedTo(p, child) || holdsFor(p, ['team_manager'], request.team),
  ),
  'confirm the move happened': rule<OnMoveRequest>(
    "the person who asked for the move, the child's social worker, or a team manager of the child's team",
    (p, { request, child }) => same(request.requestedBy, p) || isAllocatedTo(p, child) || holdsFor(p, ['team_manager'], request.team),
  ),
  'mark a follow-up task done': rule<OnTask>(
    "the task's owner, or a team manager of the child's team",
    (p, { task }) => same(task.owner, p) || holdsFor(p, ['team_manager'], task.team),
  ),
  // MOVE-7: from the task of coding a move; its owner (or their team manager when they are away).
  'flag that the right code is not available': rule<OnTask>(
    "the task's owner, or a team manager of the child's team",
    (p, { task }) => same(task.owner, p) || holdsFor(p, ['team_manager'], task.team),
  ),
  // PLAN-2: the review date the plan's revision is timed from.
  'set the next review date': rule<OnChild>(
    "the child's social worker, or a team manager of the child's team",
    (p, { child }) => isAllocatedTo(p, child) || holdsFor(p, ['team_manager'], child.team),
  ),
  // FRAG-1: whoever works with the placement reports a concern.
  'raise a fragility alert': rule<OnChild>(
    "those who work with the child (social worker, supervising social worker, IRO), the team manager, service manager or Head of Service of the child's team, and the fostering manager, Virtual School, placements team and IROs covering it (FRAG-1)",
    (p, { child }) => worksWith(p, child) || holdsFor(p, CASE_MANAGERS, child.team) || holdsFor(p, ['fostering_manager', 'virtual_school', 'placements_team', 'iro'], child.team),
  ),
  'see an alert': rule<OnAlert>(
    "the person who raised it, those who work with the child, and the managers of the child's team",
    (p, { alert, child }) => same(alert.raisedBy, p) || worksWith(p, child) || holdsFor(p, OVERSEEING_MANAGERS, alert.team),
  ),
  // FRAG-6, FRAG-7: the social worker presents the case; their managers may refer it for them.
  'refer a case to a panel': rule<OnReferral>(
    "the child's social worker, or a team manager, service manager or Head of Service of the child's team",
    (p, { child }) => !!child && (isAllocatedTo(p, child) || holdsFor(p, CASE_MANAGERS, child.team)),
  ),
  'close an alert by hand': rule<OnAlert>("a team manager of the child's team", (p, { alert }) => holdsFor(p, ['team_manager'], alert.team)),
  'convene a meeting': rule<OnChild>(
    "those who may raise an alert on the child, and the fostering manager of the child's team",
    (p, { child }) => worksWith(p, child) || holdsFor(p, OVERSEEING_MANAGERS, child.team),
  ),
  'see a meeting': rule<OnMeeting>(
    "those invited, those who work with the child, and the managers of the child's team",
    (p, { meeting, child }) =>
      meeting.participantIds.some((id) => same(id, p)) || same(meeting.organiser, p) || worksWith(p, child) || holdsFor(p, OVERSEEING_MANAGERS, meeting.team),
  ),
  // The organiser may be away: a team manager of the child's team may move or cancel it too.
  'change a meeting': rule<OnMeeting>(
    "the meeting's organiser, or a team manager of the child's team",
    (p, { meeting }) => same(meeting.organiser, p) || holdsFor(p, ['team_manager'], meeting.team),
  ),
  'record a meeting outcome': rule<OnMeeting>("the meeting's chair or minute taker", (p, { meeting }) => same(meeting.chair.personId, p) || same(meeting.minuteTaker, p)),
  // END-2: the learning across Disruption Meetings, of the teams the manager covers.
  'read the learning from disruptions': rule<Nothing>('team managers, fostering managers, service managers and Heads of Service', (p) =>
    OVERSEEING_MANAGERS.some((role) => hasRole(p, role)),
  ),
  // MOVE-8: case references and states only.
  'see the move tracker': rule<Nothing>('managers, the performance team and administrators', (p) => OVERSIGHT_ROLES.some((role) => hasRole(p, role))),
  'choose the approvals channel': rule<OnTeams>('a team manager, service manager, Head of Service or administrator of the team', (p, { teams }) =>
    teams.every((team) => holdsFor(p, [...CASE_MANAGERS, 'admin'], team)),
  ),
  'send the digest to a channel': rule<OnTeams>(
    'managers, the performance team and administrators of every team in the digest',
    (p, { teams }) => OVERSIGHT_ROLES.some((role) => hasRole(p, role)) && teams.every((t) => (t === ALL_TEAMS ? p.teams.includes(ALL_TEAMS) : coversTeam(p, t))),
  ),
  'set cover': rule<OnTeam>('a Head of Service of the team, or an administrator', (p, { team }) => holdsFor(p, ['head_of_service'], team) || hasRole(p, 'admin')),
  // Personal chats only: a shared conversation never shows a name, whoever reads it.
  "see the child's name": rule<OnChild>(
    "those who work with the child, and the people of the child's team, except administrators and the performance team",
    (p, { child }) => worksWith(p, child) || (coversTeam(p, child.team) && p.roles.some((role) => role !== 'admin' && role !== 'performance_team')),
  ),
} as const;

export type Action = keyof typeof PERMISSIONS;
export type SubjectOf<A extends Action> = (typeof PERMISSIONS)[A] extends Rule<infer S> ? S : never;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** May this person do this? For filtering lists and choosing which buttons a card shows. */
export function may<A extends Action>(person: Person | null, action: A, subject: SubjectOf<A>): boolean {
  if (!person || !hasCurrentRole(person)) return false;
  return (PERMISSIONS[action] as Rule<SubjectOf<A>>).allows(person, subject);
}

/**
 * Throws a NotPermittedError unless the person may do this. `ref` is the reference the person gave
 * (shown back to them); the message says who may, never anything of the record.
 */
export function authorize<A extends Action>(person: Person, action: A, subject: SubjectOf<A>, ref?: string): void {
  if (!may(person, action, subject)) throw refusal(action, ref);
}

/** The refusal for an action: the same words whatever the record holds, or whether it exists. */
export function refusal(action: Action, ref?: string): NotPermittedError {
  // The reference came from the presser; it is shown back only when it looks like one.
  const shown = ref && /^[A-Za-z0-9-]{1,40}$/.test(ref) ? `${ref}: ` : '';
  const changed = action.startsWith('see ') ? '' : ' Nothing has changed.';
  return new NotPermittedError(`${shown}Only ${PERMISSIONS[action].who} may ${action}.${changed}`);
}

// ---- the README table -------------------------------------------------------------------------------

/**
 * The README's columns: one person per role, all in team North. The child of the example has a
 * social worker ("allocated"), a supervising social worker and an IRO: those columns' people. The
 * request and the alert were raised by the allocated social worker; the meeting is chaired by the
 * fostering manager, with the social worker, the supervising social worker and the IRO invited.
 */
export const COLUMNS: Array<{ column: string; role: Role; allocated?: boolean }> = [
  { column: 'social worker (allocated)', role: 'social_worker', allocated: true },
  { column: 'social worker (other)', role: 'social_worker' },
  ...ROLES.filter((r) => r !== 'social_worker').map((role) => ({ column: role.replace(/_/g, ' '), role })),
];

export const EXAMPLE_TEAM = 'North';
export const columnPersonId = (column: string) => `${column.replace(/[^a-z]+/g, '-').replace(/-$/, '')}@example.org`;

/** The example subject of each action, as the README's columns meet it. */
export function exampleSubjects(): { [A in Action]: SubjectOf<A> } {
  const id = columnPersonId;
  const child: ChildLinks = {
    caseRef: 'CR-EXAMPLE',
    team: EXAMPLE_TEAM,
    socialWorker: id('social worker (allocated)'),
    supervisingSocialWorker: id('supervising social worker'),
    iro: id('iro'),
  };
  const request = { ref: 'PM-EXAMPLE', team: EXAMPLE_TEAM, requestedBy: child.socialWorker!, urgency: 'planned' as const };
  const alert = { ref: 'FA-EXAMPLE', team: EXAMPLE_TEAM, raisedBy: child.socialWorker! };
  const meeting = {
    ref: 'MT-EXAMPLE',
    team: EXAMPLE_TEAM,
    participantIds: [child.socialWorker!, child.supervisingSocialWorker!, child.iro!, id('fostering manager')],
    chair: { personId: id('fostering manager') },
    minuteTaker: null,
    organiser: child.socialWorker!,
  };
  return {
    'request a move': { child },
    'see a move request': { request, child },
    'decide a move': { request, child, covers: [], outOfHoursApprover: null },
    'cover for a Head of Service': { cover: { team: EXAMPLE_TEAM, coverId: id('service manager'), setBy: id('admin') } },
    'flag that the right code is not available': { task: { owner: child.socialWorker!, team: EXAMPLE_TEAM } },
    'refer a case to a panel': { alert, child },
    'withdraw a move request': { request, child },
    "answer the approver's question": { request, child },
    'confirm the move happened': { request, child },
    'mark a follow-up task done': { task: { owner: child.socialWorker!, team: EXAMPLE_TEAM } },
    'set the next review date': { child },
    'raise a fragility alert': { child },
    'see an alert': { alert, child },
    'close an alert by hand': { alert, child },
    'convene a meeting': { child },
    'see a meeting': { meeting, child },
    'change a meeting': { meeting, child },
    'record a meeting outcome': { meeting, child },
    'read the learning from disruptions': {},
    'see the move tracker': {},
    'choose the approvals channel': { teams: [EXAMPLE_TEAM] },
    'send the digest to a channel': { teams: [EXAMPLE_TEAM] },
    'set cover': { team: EXAMPLE_TEAM },
    "see the child's name": { child },
  };
}

export function columnPerson(c: (typeof COLUMNS)[number]): Person {
  return { id: columnPersonId(c.column), email: columnPersonId(c.column), name: c.column, aadObjectId: null, roles: [c.role], teams: [EXAMPLE_TEAM] };
}

/** The README's permission table, generated from the rules: action -> column -> allowed. */
export function permissionTable(): Array<{ action: Action; allowed: boolean[] }> {
  const subjects = exampleSubjects();
  return ACTIONS.map((action) => ({ action, allowed: COLUMNS.map((c) => may(columnPerson(c), action, subjects[action])) }));
}

export function permissionTableMarkdown(): string {
  const rows = permissionTable().map(({ action, allowed }) => `| ${action} | ${allowed.map((a) => (a ? 'yes' : 'no')).join(' | ')} |`);
  return [`| action | ${COLUMNS.map((c) => c.column).join(' | ')} |`, `|${'---|'.repeat(COLUMNS.length + 1)}`, ...rows].join('\n');
}

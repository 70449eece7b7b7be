// The record kinds the bot keeps, as stored documents. Services read and write them only through
// the Collection contract, so every record kind works on MongoDB and on the embedded store alike.
import type { Child, Person } from '../domain/people';
import type { MoveRequest } from '../domain/moves';
import type { ChildVoice } from '../domain/childVoice';
import type { Cover } from '../domain/cover';
import type { FollowUpKind } from '../domain/moves';
import type { FragilityAlertDetails, PanelId, PanelReferral } from '../domain/alerts';
import type { ChildAttendance, MeetingOutcome, MeetingType, OutcomeFollowUpKind, Participation } from '../domain/meetings';
import type { Episode } from '../domain/ssda903/episodes';
import type { ChecklistAnswers, PlanTaskKind } from '../domain/placementPlan';
import type { Collection, IndexSpec, Store, StoredDoc } from './collection';
import { rememberingReads } from './unitOfWork';

/** One person's verdict on one answer to one question; a second press replaces the first. */
export interface GuidanceFeedbackDoc extends StoredDoc {
  personId: string;
  at: string;
  question: string;
  /** The pack entry or council passage that answered; null when the guidance had no answer. */
  entryId: string | null;
  helpful: boolean;
  comment: string | null;
}

/** A roster entry; `leftOn` is the day they left (or will), as the roster import gave it (missing: never said). */
export type PersonDoc = StoredDoc & Person & { updatedAt: string; leftOn?: string | null };
export type ChildDoc = StoredDoc & Child & { updatedAt: string };

/** Effects still to be queued after a state change; cleared once they are all in the outbox. */
export type PendingEffect = 'requested' | 'info-requested' | 'info-answered' | 'decided' | 'completed' | 'withdrawn';

export type MoveRequestDoc = StoredDoc &
  MoveRequest & {
    createdAt: string;
    updatedAt: string;
    pendingEffects: PendingEffect[];
    /** The audit entries of changes whose effects are still to run: stored with the change, written by the effects (see services/audit.ts). */
    pendingAudit?: AuditDoc[];
    /** The requester's form, which became the request's card: kept current like every copy sent. */
    requesterCopy?: { conversationId: string; activityId: string } | null;
    /** The press of the form that made it (services/claims.ts): the same press again answers with this request. */
    press?: string | null;
    /** Chasing an undecided request (see services/moveChasing.ts): the rounds already reminded and escalated. */
    chase?: { reminded: number[]; escalated: number[] };
    /** When the free text was removed after the retention period. */
    redactedAt?: string;
  };

/** A placement move in the child's history: recorded by the bot when a move is confirmed, or imported. */
export interface PlacementMoveDoc extends StoredDoc {
  caseRef: string;
  date: string;
  placementType: string;
  /** Only moves confirmed in the bot are stored; the returns' moves are worked out from the episodes. */
  source: 'bot';
  requestRef: string | null;
  /** Set on a bot-recorded move once an imported return contains the same move (same child, same date). */
  reconciledBy?: 'import' | null;
}

/** `_id` is `${sourceRef}:${kind}`: one task of each kind per source, however often effects are replayed. */
export interface TaskDoc extends StoredDoc {
  caseRef: string;
  team: string;
  /** What the task follows from: a move request (PM-...), a meeting (MT-...), an alert (FA-...), a coding problem (CODING:...), or the child's case reference (a placement the children import began, a plan revision). Stored as `requestRef` before; see FIELD_RENAMES. */
  sourceRef: string;
  kind: FollowUpKind | OutcomeFollowUpKind | PlanTaskKind | `panel:${PanelId}`;
  /** A structured fact, shown wherever the task is listed (a channel's digest, a group chat): never a name or typed text. */
  title: string;
  /**
   * Kept beside the title, shown through the Disclosure (src/teams/disclosure.ts): the carer whose
   * placement the task is about (where the child's name may be shown) and what a meeting typed for it
   * (an action's words, the service a panel is asked for: in a personal chat only). Missing on tasks
   * stored before they were kept apart; the start-up migration (services/taskTitles.ts) rewrites those.
   */
  carerName?: string | null;
  typed?: string | null;
  ruleIds: string[];
  owner: string;
  dueDate: string;
  /** 'closed': no longer needed (its move request was withdrawn). */
  state: 'open' | 'done' | 'closed';
  createdAt: string;
  doneAt: string | null;
  doneBy: string | null;
  /** The meeting whose booking completed this task (a review booked as a meeting), if that is how it was done. */
  doneVia?: string;
  /** A placement plan task's checklist (PLAN-3 introductions, PLAN-4 information), by item id; see domain/placementPlan.ts. */
  checklist?: ChecklistAnswers;
}

export type Recipient = { kind: 'person'; personId: string } | { kind: 'channel'; conversationId: string };

/** What to show; rendered when it is sent, so a message retried late still shows the current state. */
export type OutboxContent =
  | { kind: 'move-card'; ref: string; view: 'approver' | 'requester' | 'info-request' }
  | { kind: 'notice'; title: string; text: string; ref?: string; facts?: Array<{ title: string; value: string }> }
  /** The managers' digest for some teams, as of the day it is for. */
  | { kind: 'digest'; teams: string[]; date: string }
  /** A person's tasks due today or overdue. */
  | { kind: 'task-reminder'; date: string }
  /** A fragility alert as the reader may see it (urgent ones are marked so Teams alerts the reader). */
  | { kind: 'alert-card'; ref: string }
  /** A meeting as the reader may see it: an invitation, or its recorded outcome. */
  | { kind: 'meeting-card'; ref: string; view: 'invitation' | 'outcome' | 'rescheduled' | 'cancelled' }
  /** Create the Teams meeting through Microsoft Graph, then tell the organiser (retried like any message). */
  | { kind: 'meeting-invite'; ref: string }
  /** Update (reschedule) or cancel the Graph event to match the meeting's change number `sequence`, then tell the organiser. */
  | { kind: 'meeting-event-change'; ref: string; sequence: number }
  /** After an unplanned ending: the offer of a Disruption Meeting about the placement the move ended (END-2). */
  | { kind: 'meeting-offer'; moveRef: string }
  /** After an imported episode that ended without a plan (REASON_PLACE_CHANGE): the offer of a Disruption Meeting (END-2). */
  | { kind: 'episode-disruption-offer'; caseRef: string; endedOn: string; placementType: string; placementProvider: string; reason: string };

export interface OutboxDoc extends StoredDoc {
  recipient: Recipient;
  content: OutboxContent;
  /** 'update' replaces the message sent by outbox entry `updates`. */
  action: 'send' | 'update';
  updates: string | null;
  subjectRef: string | null;
  /** 'held': for a person who has no chat with the bot yet; sent when they first open one. */
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'held';
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  activityId: string | null;
  conversationId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** When it was given up ('failed'); lastError says why. */
  failedAt?: string | null;
  /** False until what follows a failure is done (a fallback, the sender told); see services/undelivered.ts. */
  followedUp?: boolean;
}

export interface AuditDoc extends StoredDoc {
  at: string;
  actor: string;
  action: string;
  subject: string;
  fromState: string | null;
  toState: string | null;
  details: Record<string, string | number | boolean | null>;
}

/**
 * Where the bot can send to a person or a channel without being spoken to first: the plain fields a
 * proactive message needs, whatever Teams SDK sends it (src/teams/botFrameworkEdge.ts turns them into
 * the SDK's own shape).
 */
export interface ConversationAddress {
  /** For a channel, the channel's own id (no thread suffix). */
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  /** The bot's id in the conversation, e.g. "28:<app id>". */
  botId: string;
  /** 'personal', 'channel' or 'groupChat', as Teams says; null when Teams did not say. */
  conversationType: string | null;
  /** The user's Microsoft Entra object id, in a personal chat; null elsewhere. */
  userAadId: string | null;
}

/**
 * How to reach a person (`_id` "person:<roster id>") or a channel (`_id` "channel:<conversation id>");
 * a Teams team the bot is installed in (`_id` "team:<team id>", conversationId the team's id); and a
 * roster person found in such a team's member list who has no chat with the bot yet (`_id`
 * "member:<roster id>": the team's address, their Entra object id and their Teams user id), through
 * which the bot can start a chat with them (src/services/teamReach.ts).
 */
export interface ConversationDoc extends StoredDoc, ConversationAddress {
  kind: 'personal' | 'channel' | 'team' | 'member';
  personId: string | null;
  updatedAt: string;
  /** A member: their Teams user id ("29:..."), the id a new chat is started with. */
  teamsUserId?: string;
  /** A team: when its member list was last read (null: to be read). */
  membersReadAt?: string | null;
  /** null in a document the start-up migration rewrote from the old shape (LegacyConversationDoc). */
  reference?: null;
}

/**
 * A conversation as stored before the plain fields: the Bot Framework SDK's ConversationReference,
 * as JSON, in `reference`. Still read (conversationAddressOf in src/services/conversations.ts),
 * rewritten in plain fields at start-up (migrateStoredConversations) and on the next turn there.
 */
export interface LegacyConversationDoc extends StoredDoc {
  kind: 'personal' | 'channel';
  personId: string | null;
  conversationId: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface TeamSettingsDoc extends StoredDoc {
  approvalsChannel: string | null;
  updatedAt: string;
}

/** Cover for a Head of Service (see src/domain/cover.ts). `_id`: team, cover and first day. */
export type CoverDoc = StoredDoc & Cover & { createdAt: string; cancelledAt: string | null };

export interface CounterDoc extends StoredDoc {
  value: number;
}

/**
 * A claim made by inserting a document with a fixed `_id` (insert-if-absent: the one key both
 * backends enforce): "this press of this form created alert or meeting `ref`"
 * (`press:<kind>:<person>:<form>`), or "`ref` is the child's open move request, made by `press`"
 * (`open-move:<caseRef>`). See services/claims.ts.
 */
export interface ClaimDoc extends StoredDoc {
  ref: string;
  at: string;
  /** For the child's open move request: the press that claimed it. */
  press?: string | null;
}

/**
 * One child's placement history as the imported SSDA903 returns give it: `_id` is the CHILD id,
 * taken to be the bot's case reference (see src/services/episodes.ts); `episodes` holds one episode
 * per DECOM, in DECOM order. `importedAt` and `importRun` say which import last changed it (the run
 * id is in that import's audit entry).
 */
export interface PlacementHistoryDoc extends StoredDoc {
  child: string;
  episodes: Episode[];
  importedAt: string;
  importRun: string;
}

/** A channel that receives the managers' daily digest for some teams. `_id` is the channel's conversation id. */
export interface DigestSubscriptionDoc extends StoredDoc {
  teams: string[];
  /** ISO weekdays (1 = Monday) and a local time in Europe/London. */
  days: number[];
  time: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Effects still to be carried out after a change of an alert (cleared once done, as for moves). */
export type AlertEffect = 'raised' | 'closed' | 'panel-referred' | 'panel-decided';

export interface AlertClosure {
  by: string;
  byName: string;
  at: string;
  reason: string;
  /** The meeting whose outcome closed it, or null when a team manager closed it. */
  meetingRef: string | null;
}

/** A fragility alert (FRAG-1, FRAG-2). `_id` is the reference, e.g. FA-2026-0001. */
export type FragilityAlertDoc = StoredDoc &
  FragilityAlertDetails & {
    ref: string;
    team: string;
    raisedBy: string;
    raisedByName: string;
    raisedAt: string;
    state: 'open' | 'closed';
    closure: AlertClosure | null;
    /** Meetings convened about this alert. */
    meetingRefs: string[];
    /** Referrals to the Placement Stability Panel or the Commissioning Panel (FRAG-6, FRAG-7); absent on older alerts. */
    panelReferrals?: PanelReferral[];
    createdAt: string;
    updatedAt: string;
    pendingEffects: AlertEffect[];
    /** When the free text was removed after the retention period. */
    redactedAt?: string;
    /** The audit entries of changes whose effects are still to run: stored with the change, written by the effects (see services/audit.ts). */
    pendingAudit?: AuditDoc[];
  };

export type MeetingEffect = 'convened' | 'outcome' | 'rescheduled' | 'cancelled';

/** One person invited to a meeting, as the organiser confirmed the list. */
/** A reschedule or cancel of a meeting, as the card shows it and the audit log records it. */
export interface MeetingChange {
  kind: 'rescheduled' | 'cancelled';
  sequence: number;
  by: string;
  byName: string;
  at: string;
  reason: string;
  from: { date: string; time: string };
  /** The new date and time (a reschedule); null for a cancel. */
  to: { date: string; time: string } | null;
}

export interface MeetingAttendee {
  kind: string;
  label: string;
  /** Roster id, or null for the child, carers, parents and others off the roster. */
  personId: string | null;
  name: string | null;
  email: string | null;
  participation: Participation;
  required: boolean;
  reason: string;
  ruleIds: string[];
  /** Added by the organiser rather than proposed by the rules. */
  addedByOrganiser: boolean;
}

export interface MeetingInvitation {
  via: 'graph' | 'teams';
  state: 'pending' | 'sent' | 'failed';
  eventId: string | null;
  joinUrl: string | null;
  error: string | null;
  at: string | null;
}

/** A convened placement meeting. `_id` is the reference, e.g. MT-2026-0001. */
export interface MeetingDoc extends StoredDoc {
  ref: string;
  caseRef: string;
  team: string;
  type: MeetingType;
  /** The alerts it was convened about (all open alerts on the child at the time); closed by its outcome. */
  alertRefs: string[];
  /** The move whose unplanned ending it looks back on (Disruption Meetings offered after a move, END-2). */
  moveRef: string | null;
  date: string;
  time: string;
  durationMinutes: number;
  childAttendance: ChildAttendance;
  childAttendanceReason: string | null;
  /** The child's wishes and feelings as the organiser recorded them when convening, and whether an advocate was offered (absent on older meetings). */
  childVoice?: ChildVoice;
  minuteTaker: string | null;
  chair: { personId: string; name: string; reason: string; note: string | null };
  attendees: MeetingAttendee[];
  /** Roster people taking part (organiser, chair, minute taker, roster attendees): who sees it under "meetings". */
  participantIds: string[];
  /** Proposed by the rules and left out by the organiser; kept so the record shows the choice. */
  removed: Array<{ label: string; name: string | null; required: boolean }>;
  placementEnded: string | null;
  dateWarning: string | null;
  organiser: string;
  organiserName: string;
  state: 'scheduled' | 'held' | 'cancelled';
  /** The iCalendar SEQUENCE: 0 when convened, one more at each reschedule or cancel (missing on older records: 0). */
  sequence?: number;
  /** Reschedules and the cancel, oldest first (missing on older records: none). */
  changes?: MeetingChange[];
  invitation: MeetingInvitation;
  /** Unguessable token for the bot-served .ics file (GET /meetings/{ref}.ics?token=...). */
  icsToken: string;
  outcome: (MeetingOutcome & { recordedBy: string; recordedByName: string; recordedAt: string }) | null;
  createdAt: string;
  updatedAt: string;
  pendingEffects: MeetingEffect[];
  /** When the free text was removed after the retention period. */
  redactedAt?: string;
  /** The audit entries of changes whose effects are still to run: stored with the change, written by the effects (see services/audit.ts). */
  pendingAudit?: AuditDoc[];
}

export interface Records {
  people: Collection<PersonDoc>;
  children: Collection<ChildDoc>;
  moveRequests: Collection<MoveRequestDoc>;
  placementMoves: Collection<PlacementMoveDoc>;
  tasks: Collection<TaskDoc>;
  outbox: Collection<OutboxDoc>;
  audit: Collection<AuditDoc>;
  conversations: Collection<ConversationDoc | LegacyConversationDoc>;
  teamSettings: Collection<TeamSettingsDoc>;
  counters: Collection<CounterDoc>;
  histories: Collection<PlacementHistoryDoc>;
  guidanceFeedback: Collection<GuidanceFeedbackDoc>;
  digestSubscriptions: Collection<DigestSubscriptionDoc>;
  fragilityAlerts: Collection<FragilityAlertDoc>;
  meetings: Collection<MeetingDoc>;
  covers: Collection<CoverDoc>;
  claims: Collection<ClaimDoc>;
}

const INDEXES: Record<keyof Records, IndexSpec[]> = {
  people: [{ fields: { aadObjectId: 1 } }, { fields: { roles: 1 } }],
  children: [{ fields: { team: 1 } }, { fields: { socialWorker: 1 } }],
  moveRequests: [{ fields: { state: 1, requestedAt: 1 } }, { fields: { caseRef: 1 } }, { fields: { team: 1 } }],
  placementMoves: [{ fields: { caseRef: 1, date: 1 } }],
  tasks: [{ fields: { owner: 1, state: 1 } }, { fields: { sourceRef: 1 } }],
  // activityId: a press in a shared conversation finds the card the bot posted there (teams/turns.ts).
  outbox: [{ fields: { state: 1, nextAttemptAt: 1 } }, { fields: { subjectRef: 1 } }, { fields: { state: 1, followedUp: 1 } }, { fields: { activityId: 1 } }],
  audit: [{ fields: { subject: 1, at: 1 } }],
  conversations: [{ fields: { personId: 1 } }],
  teamSettings: [],
  counters: [],
  histories: [], // read by _id (the child)
  guidanceFeedback: [{ fields: { at: -1 } }, { fields: { entryId: 1 } }],
  digestSubscriptions: [{ fields: { active: 1 } }],
  fragilityAlerts: [{ fields: { caseRef: 1, state: 1 } }, { fields: { team: 1, state: 1 } }],
  meetings: [{ fields: { caseRef: 1, date: 1 } }, { fields: { participantIds: 1, date: 1 } }, { fields: { team: 1, date: 1 } }],
  covers: [{ fields: { team: 1, to: 1 } }],
  claims: [], // read by _id only
};

const COLLECTION_NAMES: Record<keyof Records, string> = {
  people: 'people',
  children: 'children',
  moveRequests: 'move_requests',
  placementMoves: 'placement_moves',
  tasks: 'tasks',
  outbox: 'outbox',
  audit: 'audit',
  conversations: 'conversations',
  teamSettings: 'team_settings',
  counters: 'counters',
  histories: 'placement_histories',
  guidanceFeedback: 'guidance_feedback',
  digestSubscriptions: 'digest_subscriptions',
  fragilityAlerts: 'fragility_alerts',
  meetings: 'meetings',
  covers: 'covers',
  claims: 'claims',
};

/** Fields renamed since a release: documents stored before keep the old name until the next start renames them. */
const FIELD_RENAMES: Array<{ collection: keyof Records; from: string; to: string }> = [{ collection: 'tasks', from: 'requestRef', to: 'sourceRef' }];

/** Opens every record collection, brings stored documents up to date and creates the indexes (called once at start). Reads by id are remembered within a unit of work (see unitOfWork.ts). */
export async function openRecords(store: Store): Promise<Records> {
  const records = Object.fromEntries(Object.entries(COLLECTION_NAMES).map(([key, name]) => [key, rememberingReads(store.collection(name))])) as unknown as Records;
  for (const { collection, from, to } of FIELD_RENAMES) await records[collection].renameField(from, to);
  for (const [key, specs] of Object.entries(INDEXES)) {
    if (specs.length > 0) await records[key as keyof Records].ensureIndexes(specs);
  }
  return records;
}

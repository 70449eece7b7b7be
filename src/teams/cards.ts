// Adaptive Cards: templates live in cards/*.json; this module builds each card's data and expands
// the template. What a card may show (names, free text) comes from its Disclosure (disclosure.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CHILD_VOICE_FIELDS, describeChildVoice } from '../domain/childVoice';
import { formatDate, formatInstant, describeAge, ukDate } from '../domain/dates';
import { MOVE_REASON_CODES, MOVE_STATE_LABELS, placementTypeLabel, type FieldErrors, type MoveState } from '../domain/moves';
import type { Child } from '../domain/people';
import { PLACE_CHANGE_REASONS, PLACEMENT_TYPES, PLACEMENT_PROVIDERS } from '../domain/ssda903/codes';
import type { MoveRequestDoc, TaskDoc } from '../store/records';
import { CHECKLIST_ITEMS, checklistCounts } from '../domain/placementPlan';
import type { TrackerRow } from '../services/moves';
import { answersToShowAgain, childChoices, TYPED_NOT_SHOWN, type Disclosure } from './disclosure';
import { plainText } from './plainText';
import { whyLine } from './whyLine';
import { titleForSharedPlaces } from '../services/taskTitles';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const CARDS_DIR = path.resolve(__dirname, '../../cards');
const templates = new Map<string, ACData.Template>();

/**
 * Expanded cards by template and data, as JSON. Expansion is a pure function of the two and the
 * costliest step of most turns (about a millisecond for the move form), while the same card is
 * often asked for again: a worker's blank move form, a common guidance question. Each caller gets
 * a card of its own, parsed from the JSON (several times quicker than structuredClone).
 */
const expanded = new Map<string, string>();
/**
 * The templates whose cards are asked for again with the same data. A record's card (a request, an
 * alert, a meeting, a list) changes with every version and reader: keying it would cost two JSON
 * conversions of the whole card on every turn for a copy that is never used again.
 */
const ASKED_FOR_AGAIN = new Set(['move-request-form', 'alert-form', 'meeting-form', 'cover-form', 'guidance-answer', 'help', 'notice']);
const MOST_EXPANDED = 500;
/** Larger data (a digest) is rarely asked for twice and would make the memory large. */
const LARGEST_KEPT = 20_000;

/**
 * Stands in, while a card is expanded and kept, for words a person typed (see renderCard). Its
 * marks are invisible separators, which no one types and JSON leaves as they are.
 */
export function typedTextPlaceholder(name: string): string {
  return `\u2063${name}\u2063`;
}

/**
 * Expands a card template with data. Words a person typed (the question shown back on a guidance
 * answer) are passed apart, as `typed` (placeholder to text), with the placeholders in `data`: the
 * expansions kept for cards asked for again then hold only what the bot wrote, never a child's name
 * someone typed, and one kept card serves every wording of a common question.
 */
export function renderCard(name: string, data: object, typed: Readonly<Record<string, string>> = {}): AdaptiveCard {
  // (the marks are taken out of what was typed, so typed words never stand in for a placeholder)
  const fill = (json: string) =>
    Object.entries(typed).reduce((text, [placeholder, value]) => text.split(placeholder).join(JSON.stringify(value.replace(/\u2063/g, '')).slice(1, -1)), json);
  const key = ASKED_FOR_AGAIN.has(name) ? `${name}\u0000${JSON.stringify(data)}` : null;
  const known = key === null ? undefined : expanded.get(key);
  if (known !== undefined) return JSON.parse(fill(known)) as AdaptiveCard;

  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  const card = template.expand({ $root: data }) as AdaptiveCard;
  if (key !== null && key.length <= LARGEST_KEPT) {
    if (expanded.size >= MOST_EXPANDED) expanded.delete(expanded.keys().next().value!); // the oldest
    expanded.set(key, JSON.stringify(card));
  }
  return Object.keys(typed).length === 0 ? card : (JSON.parse(fill(JSON.stringify(card))) as AdaptiveCard);
}

/** Whether any kept expansion holds the text (for tests: what people type is never kept). */
export function keptExpansionsHold(text: string): boolean {
  return [...expanded].some(([key, json]) => key.includes(text) || json.includes(text));
}

// ---- move request form ------------------------------------------------------------------------

const FORM_FIELDS = [
  'caseRef',
  'urgency',
  'proposedDate',
  'reasonCode',
  'reasonOther',
  'rationale',
  'safeguardingIssue',
  'alternativesConsidered',
  'virtualSchoolConsulted',
  'virtualSchoolAdvice',
  'educationDisrupted',
  'childToldPlan',
  'childToldAgreed',
  ...CHILD_VOICE_FIELDS,
  'followsAllegation',
  'nextPlacementCanKeepForMonths',
] as const;

/** Keeps only the form's own fields, as strings, so that entered values can be shown again. */
export function formValues(data: unknown): Record<(typeof FORM_FIELDS)[number], string> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, typeof source[f] === 'string' ? (source[f] as string).slice(0, 4000) : ''])) as Record<(typeof FORM_FIELDS)[number], string>;
}

/** The move form's answers that a worker types (the rest are choices, dates and the case reference). */
const MOVE_FORM_TYPED = [
  'reasonOther',
  'rationale',
  'safeguardingIssue',
  'alternativesConsidered',
  'virtualSchoolAdvice',
  'childToldPlan',
  'childSaid',
  'childNotAskedBecause',
] as const satisfies ReadonlyArray<(typeof FORM_FIELDS)[number]>;

export function moveRequestFormCard(options: { children: Child[]; shared: boolean; now: Date; values?: unknown; errors?: FieldErrors; summary?: string }): AdaptiveCard {
  const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, options.errors?.[f] ?? '']));
  const { values, dropped } = answersToShowAgain(formValues(options.values), MOVE_FORM_TYPED, options.shared);
  if (!values.childToldAgreed) values.childToldAgreed = 'false';
  if (!values.nextPlacementCanKeepForMonths) values.nextPlacementCanKeepForMonths = 'false';
  const problemCount = Object.keys(options.errors ?? {}).length;
  const summary = options.summary ?? `Nothing was sent. ${problemCount === 1 ? 'One answer needs' : `${problemCount} answers need`} attention: see the messages in red.`;
  return renderCard('move-request-form', {
    today: ukDate(options.now),
    hasErrors: problemCount > 0 || !!options.summary,
    summary: dropped ? `${summary} ${TYPED_NOT_SHOWN}` : summary,
    form: values,
    errors,
    children: childChoices(options.children, options.shared),
    reasons: MOVE_REASON_CODES.map((code) => ({ title: `${PLACE_CHANGE_REASONS[code]} (${code})`, value: code })),
  });
}

// ---- a move request, for each reader ----------------------------------------------------------

/**
 * Which copy of the card this is: the approvers' (decide), the requester's (answer, confirm,
 * withdraw), or an observer's (no buttons). 'info-request' is the requester's, as older outbox entries name it.
 */
export type MoveCardView = 'approver' | 'requester' | 'info-request' | 'observer';

/** The actions this reader may take on the request now; the server checks again on every press. */
export interface MoveCardAbilities {
  decide: boolean;
  answer: boolean;
  confirm: boolean;
  withdraw: boolean;
}

export interface MoveCardOptions {
  request: MoveRequestDoc;
  child: Child | null;
  view: MoveCardView;
  /** What this reader, in this conversation, may be shown. */
  show: Disclosure;
  tasks?: TaskDoc[];
  notice?: { text: string; style: 'attention' | 'good' | 'warning' | 'accent' };
  fieldErrors?: FieldErrors;
  now: Date;
  may: MoveCardAbilities;
  /** "Harry Hughes is covering for Hana Head (North) until Fri 2 Jan 2027": who decides during cover. */
  coverNote?: string;
}

/**
 * The line at the top of a copy, saying where the request stands and what the reader can do now,
 * e.g. "PM-2026-0001 for Jamie Example (CR-1001) approved by Hana Head on Sun 6 Dec 2026".
 */
export function moveHeadline(request: MoveRequestDoc, childLabel: string, may: MoveCardAbilities): string {
  const about = `${request.ref} for ${childLabel}`;
  switch (request.state) {
    case 'pending':
      return may.decide ? `${about} is waiting for your decision.` : `${about} is waiting for a decision.`;
    case 'info_requested': {
      const lastQuestion = request.infoRequests[request.infoRequests.length - 1];
      return `${plainText(lastQuestion?.askedByName ?? 'The approver')} asked a question about ${about}.${may.answer ? ' Answer it below.' : ''}`;
    }
    case 'approved':
      return `${about} approved by ${plainText(request.decision?.byName ?? '')} on ${formatDate(ukDate(new Date(request.decision!.at)))}.${may.confirm ? ' When the child has moved, confirm it below.' : ''}`;
    case 'declined':
      return `${about} declined by ${plainText(request.decision?.byName ?? '')} on ${formatDate(ukDate(new Date(request.decision!.at)))}.`;
    case 'completed':
      return `${about}: the move on ${formatDate(request.completion!.date)} is recorded.`;
    case 'withdrawn':
      return request.withdrawal
        ? `${about} withdrawn by ${plainText(request.withdrawal.byName)} on ${formatDate(ukDate(new Date(request.withdrawal.at)))}.`
        : `${about} was withdrawn.`;
  }
}

const STATE_COLOURS: Record<MoveState, string> = {
  pending: 'Accent',
  info_requested: 'Warning',
  approved: 'Good',
  declined: 'Attention',
  completed: 'Good',
  withdrawn: 'Default',
};

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

function historyOf(request: MoveRequestDoc): { text: string; warning: string } {
  const before = request.movesInLast12Months;
  const after = before + 1;
  const text = `${before} move${before === 1 ? '' : 's'} in the last 12 months. This move would make ${after}.`;
  const warning =
    after >= 3
      ? `This move would count against the stability measure (3 or more moves in 12 months).`
      : after === 2
        ? `After this move one more would count against the stability measure.`
        : '';
  return { text, warning };
}

export function moveRequestCard(options: MoveCardOptions): AdaptiveCard {
  const request = options.request;
  const child = options.child;
  const show = options.show;
  // The headline names the child as "Jamie Example (CR-1001)" where the name may be shown.
  const childLabel = show.childNamed(request.caseRef);
  const facts = [
    { title: 'Child', value: show.childLabel(request.caseRef) },
    { title: 'Team', value: request.team },
    ...(child
      ? [
          {
            title: 'Current placement',
            value: `${placementTypeLabel(child.placementType)}, ${PLACEMENT_PROVIDERS[child.placementProvider] ?? child.placementProvider}, since ${formatDate(child.placementStart)}`,
          },
        ]
      : []),
    { title: 'Planned or urgent', value: request.urgency === 'urgent' ? 'URGENT (immediate safeguarding issue)' : 'Planned' },
    { title: 'Proposed date', value: formatDate(request.proposedDate) },
    { title: 'Reason', value: `${PLACE_CHANGE_REASONS[request.reasonCode] ?? request.reasonCode} (${request.reasonCode})` },
    { title: 'Requested by', value: `${plainText(request.requestedByName)}, ${formatInstant(request.requestedAt)}` },
  ];
  // Structured answers always; what the worker wrote only where the Disclosure allows it.
  const typed = (heading: string, text: string | null | undefined, why: string) => {
    const shown = show.freeText(text);
    return shown === null ? [] : [{ heading, text: shown, why: whyLine(why) }];
  };
  const advice = show.freeText(request.virtualSchoolAdvice);
  const plan = show.freeText(request.childToldPlan);
  const sections = [
    ...typed('Why the child needs to move', request.rationale, 'MOVE-1'),
    ...(request.reasonOther ? typed('Why no other reason fits', request.reasonOther, 'MOVE-7') : []),
    ...(request.urgency === 'urgent' ? typed('The immediate safeguarding issue that makes it urgent', request.safeguardingIssue ?? '', 'MOVE-3') : []),
    ...(request.alternativesConsidered ? typed('Other placement options considered', request.alternativesConsidered, 'MOVE-3') : []),
    {
      heading: 'The Virtual School\u2019s advice on education',
      why: whyLine('MOVE-4'),
      text: `${request.virtualSchoolConsulted ? 'Consulted.' : 'Not yet consulted.'}${advice === null ? '' : ` ${request.virtualSchoolConsulted ? 'Advice' : 'Why'}: ${advice}`}`,
    },
    {
      heading: 'Will the move disrupt education or training?',
      text: { yes: 'Yes', no: 'No', unknown: 'Not known yet' }[request.educationDisrupted],
      why: whyLine('MOVE-10'),
    },
    {
      heading: 'How and when the child will be told',
      why: whyLine('MOVE-5'),
      text: `${plan === null ? '' : `${plan}\n`}Agreed with the supervising social worker and carer: ${yesNo(request.childToldAgreedWithCarerAndSsw)}`,
    },
    // The child's words are free text about the child: only where free text may be shown (personal chat).
    ...(show.shared
      ? []
      : [
          {
            heading: 'The child\u2019s wishes and feelings',
            text: describeChildVoice(request.childVoice, 'Not recorded (requested before the form asked).')
              .map((l) => plainText(l))
              .join('\n\n'),
            why: '',
          },
        ]),
    {
      heading: 'After an allegation against the carer',
      why: whyLine('MOVE-6'),
      text: request.followsAllegation
        ? `The move follows an allegation. Next placement can keep the child for months: ${yesNo(!!request.nextPlacementCanKeepForMonths)}`
        : 'The move does not follow an allegation.',
    },
  ];
  const questions = request.infoRequests.map((q) => {
    const question = show.freeText(q.question);
    const answer = show.freeText(q.answer);
    return {
      askedBy: plainText(q.askedByName),
      question: question ?? `a question, ${formatInstant(q.askedAt)}`,
      answerText: q.answer ? `Answer (${formatInstant(q.answeredAt!)})${answer === null ? ' given.' : `: ${answer}`}` : 'Waiting for an answer.',
    };
  });
  const decision = request.decision;
  const comment = decision ? show.freeText(decision.comment) : null;
  const outcome = decision
    ? `${decision.outcome === 'approved' ? 'Approved' : 'Declined'} by ${plainText(decision.byName)} at ${formatInstant(decision.at)}${comment ? `: ${comment}` : ''}`
    : request.state === 'info_requested'
      ? `More information asked for; waiting for ${plainText(request.requestedByName)}.`
      : '';
  // A withdrawal's reason is free text: not in a shared conversation.
  const reason = request.withdrawal ? show.freeText(request.withdrawal.reason) : null;
  const withdrawn = request.withdrawal
    ? `Withdrawn by ${plainText(request.withdrawal.byName)} on ${formatDate(ukDate(new Date(request.withdrawal.at)))}${reason === null ? '' : `: ${reason}`}`
    : '';
  return renderCard('move-request', {
    ref: request.ref,
    title: `Placement move request ${request.ref}`,
    stateLabel: request.state === 'completed' && request.completion ? `Moved ${formatDate(request.completion.date)}` : MOVE_STATE_LABELS[request.state],
    stateColor: STATE_COLOURS[request.state],
    notice: [options.notice?.text, show.whereFull].filter(Boolean).join(' '),
    noticeStyle: options.notice?.style ?? (show.whereFull ? 'accent' : 'default'),
    headline: moveHeadline(request, childLabel, options.may),
    coverNote: options.coverNote ?? '',
    facts,
    history: historyOf(request),
    sections,
    questions,
    outcome: withdrawn || outcome,
    outcomeStyle: withdrawn ? 'default' : decision?.outcome === 'approved' ? 'good' : decision?.outcome === 'declined' ? 'attention' : 'warning',
    tasks: (options.tasks ?? []).map((t) => ({ title: taskTitle(t, show), due: formatDate(t.dueDate), owner: t.state === 'done' ? 'done' : 'open' })),
    canDecide: options.may.decide,
    canAnswer: options.may.answer,
    canConfirm: options.may.confirm,
    canWithdraw: options.may.withdraw,
    placementChoices: Object.entries(PLACEMENT_TYPES).map(([value, label]) => ({ title: `${label} (${value})`, value })),
    today: ukDate(options.now),
    fieldErrors: Object.values(options.fieldErrors ?? {}).map((message) => ({ message })),
  });
}

// ---- notices, tasks, tracker, help --------------------------------------------------------------

/** A notice's text can carry what someone typed (a decision's reason, an alert's closing reason): shown as plain text. */
export function noticeCard(title: string, text: string, facts: Array<{ title: string; value: string }> = []): AdaptiveCard {
  return renderCard('notice', { title: plainText(title), text: plainText(text), facts: facts.map((f) => ({ title: f.title, value: plainText(f.value) })) });
}

/**
 * A task's title as this reader may see it, the one place its parts are put together: the title (a
 * structured fact) anywhere; the carer it is about where the Disclosure shows names; what a meeting
 * typed for it where it shows free text (an action's own words stand in for its title).
 */
export function taskTitle(task: Pick<TaskDoc, 'kind' | 'title' | 'carerName' | 'typed' | 'sourceRef'>, show: Disclosure): string {
  const typed = show.freeText(task.typed);
  if (task.kind === 'action' && typed) return typed;
  const carer = show.privateName(task.carerName);
  const title = plainText(show.shared ? titleForSharedPlaces(task) : task.title);
  return `${title}${carer ? ` (the placement with ${carer})` : ''}${typed ? `: ${typed}` : ''}`;
}

/** A person's tasks, each shown as the Disclosure for its child allows (a shared conversation: titles only). */
export function tasksCard(rows: Array<{ task: TaskDoc; show: Disclosure }>, now: Date, notice?: { text: string; color: 'Good' | 'Attention' }): AdaptiveCard {
  const today = ukDate(now);
  return renderCard('tasks', {
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    tasks: rows.map(({ task: t, show }) => ({
      id: t._id,
      title: taskTitle(t, show),
      detail: `${t.caseRef} · ${t.sourceRef} · ${t.dueDate < today ? 'OVERDUE, was due' : 'due'} ${formatDate(t.dueDate)} · ${t.ruleIds.join(', ')}`,
      dueColor: t.dueDate < today ? 'Attention' : 'Default',
      // MOVE-7: never a wrong code because the right one is missing.
      codeUnavailable: t.kind === 'code-move',
      // PLAN-3, PLAN-4: the introductions and information checklist of a placement plan.
      checklist: t.kind === 'placement-plan' ? `Placement checklist (${checklistAnswered(t)} of ${CHECKLIST_ITEMS.length} recorded)` : '',
    })),
  });
}

const checklistAnswered = (t: TaskDoc): number => {
  const counts = checklistCounts(t.checklist);
  return counts.done + counts.notPossible;
};

export function moveTrackerCard(rows: TrackerRow[], now: Date): AdaptiveCard {
  const open = rows.filter((r) => r.state === 'pending' || r.state === 'info_requested').length;
  return renderCard('move-tracker', {
    subtitle: `${open} waiting for a decision, ${rows.length} in all. Case references only.`,
    rows: rows.map((r) => ({
      ref: r.urgency === 'urgent' ? `${r.ref} (urgent)` : r.ref,
      caseRef: r.caseRef,
      state: MOVE_STATE_LABELS[r.state],
      stateColor: STATE_COLOURS[r.state],
      age: describeAge(r.requestedAt, now),
    })),
  });
}

/** "my requests": each open request with what its reader can do now, and a button that opens it. */
export function myRequestsCard(rows: Array<{ request: MoveRequestDoc; childLabel: string; next: string }>, now: Date, title = 'Your open move requests'): AdaptiveCard {
  return renderCard('move-requests', {
    title,
    subtitle: rows.length === 0 ? 'Nothing waiting.' : `${rows.length} open. Open one to answer, confirm or withdraw it.`,
    rows: rows.map(({ request: r, childLabel, next }) => ({
      ref: r.ref,
      label: `${r.ref} for ${childLabel}${r.urgency === 'urgent' ? ' (urgent)' : ''}`,
      detail: `Requested by ${r.requestedByName} on ${formatDate(ukDate(new Date(r.requestedAt)))}, ${describeAge(r.requestedAt, now)} ago. ${next}`,
      state: MOVE_STATE_LABELS[r.state],
      stateColor: STATE_COLOURS[r.state],
      action: 'Open',
    })),
  });
}

/** The cover form: team, who decides, for whom, first and last day; and the cover already set. */
export function coverFormCard(options: {
  teams: string[];
  people: Array<{ id: string; name: string }>;
  heads: Array<{ id: string; name: string }>;
  current: Array<{ coverName: string; forName: string | null; team: string; from: string; to: string; notInForce: string | null }>;
  now: Date;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  notice?: { text: string; style: 'good' | 'attention' };
}): AdaptiveCard {
  const value = (k: string) => (typeof options.values?.[k] === 'string' ? (options.values[k] as string).slice(0, 200) : '');
  return renderCard('cover-form', {
    notice: options.notice?.text ?? '',
    noticeStyle: options.notice?.style ?? 'default',
    form: { team: value('team') || (options.teams.length === 1 ? options.teams[0] : ''), cover: value('cover'), for: value('for'), from: value('from'), to: value('to') },
    errors: {
      team: options.errors?.team ?? '',
      cover: options.errors?.cover ?? '',
      for: options.errors?.for ?? '',
      from: options.errors?.from ?? '',
      to: options.errors?.to ?? '',
    },
    teams: options.teams.map((t) => ({ title: t, value: t })),
    people: options.people.map((p) => ({ title: p.name, value: p.id })),
    heads: options.heads.map((p) => ({ title: p.name, value: p.id })),
    current: options.current.map((c) => ({
      // A cover whose person may not cover is shown as set but void, so the Head of Service sets another.
      line: `${c.coverName} ${c.notInForce ? 'was set to decide' : 'decides'} for ${c.team}${c.forName ? ` (covering ${c.forName})` : ''} from ${formatDate(c.from)} to ${formatDate(c.to)}${c.notInForce ? ` \u2014 ${c.notInForce}` : ''}`,
    })),
    today: ukDate(options.now),
  });
}

/** The help card (and, on first contact, the greeting): the commands given, each with its help line, and their buttons. */
export function helpCard(content: {
  greeting: string;
  firstContact: boolean;
  commands: Array<{ name: string; help: string }>;
  buttons: Array<{ verb: string; title: string }>;
}): AdaptiveCard {
  return renderCard('help', {
    greeting: content.greeting,
    intro: content.firstContact
      ? 'I am the Placement Stability Bot: I help keep looked-after children\u2019s placements stable. These are the commands for your role; type one or press a button:'
      : 'The commands for your role; type one or press a button:',
    commands: content.commands.map((c) => ({ name: plainText(c.name), help: plainText(c.help) })),
    buttons: content.buttons,
  });
}

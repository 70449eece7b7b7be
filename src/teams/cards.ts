// Adaptive Cards: templates live in cards/*.json; this module builds each card's data and expands
// the template. What a card may show (names, free text) comes from its Disclosure (disclosure.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { formatDate, formatInstant, describeAge, ukDate } from '../domain/dates';
import { MOVE_REASON_CODES, MOVE_STATE_LABELS, placementTypeLabel, type FieldErrors, type MoveState } from '../domain/moves';
import type { Child, Person } from '../domain/people';
import { PLACE_CHANGE_REASONS, PLACEMENT_TYPES, PLACEMENT_PROVIDERS } from '../domain/ssda903/codes';
import type { MoveRequestDoc, TaskDoc } from '../store/records';
import type { TrackerRow } from '../services/moves';
import { childChoices, type Disclosure } from './disclosure';
import { plainText } from './plainText';

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
const MOST_EXPANDED = 500;
/** Larger data (a digest) is rarely asked for twice and would make the memory large. */
const LARGEST_KEPT = 20_000;

export function renderCard(name: string, data: object): AdaptiveCard {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const known = expanded.get(key);
  if (known !== undefined) return JSON.parse(known) as AdaptiveCard;

  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  const card = template.expand({ $root: data }) as AdaptiveCard;
  if (key.length <= LARGEST_KEPT) {
    if (expanded.size >= MOST_EXPANDED) expanded.delete(expanded.keys().next().value!); // the oldest
    expanded.set(key, JSON.stringify(card));
  }
  return card;
}

// ---- move request form ------------------------------------------------------------------------

const FORM_FIELDS = [
  'caseRef', 'urgency', 'proposedDate', 'reasonCode', 'reasonOther', 'rationale', 'safeguardingIssue', 'alternativesConsidered',
  'virtualSchoolConsulted', 'virtualSchoolAdvice', 'educationDisrupted', 'childToldPlan', 'childToldAgreed', 'followsAllegation',
  'nextPlacementCanKeepForMonths',
] as const;

/** Keeps only the form's own fields, as strings, so that entered values can be shown again. */
export function formValues(data: unknown): Record<(typeof FORM_FIELDS)[number], string> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(
    FORM_FIELDS.map((f) => [f, typeof source[f] === 'string' ? (source[f] as string).slice(0, 4000) : '']),
  ) as Record<(typeof FORM_FIELDS)[number], string>;
}

export function moveRequestFormCard(options: { children: Child[]; shared: boolean; now: Date; values?: unknown; errors?: FieldErrors; summary?: string }): AdaptiveCard {
  const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, options.errors?.[f] ?? '']));
  const values = formValues(options.values);
  if (!values.childToldAgreed) values.childToldAgreed = 'false';
  if (!values.nextPlacementCanKeepForMonths) values.nextPlacementCanKeepForMonths = 'false';
  const problemCount = Object.keys(options.errors ?? {}).length;
  return renderCard('move-request-form', {
    today: ukDate(options.now),
    hasErrors: problemCount > 0 || !!options.summary,
    summary: options.summary ?? `Nothing was sent. ${problemCount === 1 ? 'One answer needs' : `${problemCount} answers need`} attention: see the messages in red.`,
    form: values,
    errors,
    children: childChoices(options.children, options.shared),
    reasons: MOVE_REASON_CODES.map((code) => ({ title: `${PLACE_CHANGE_REASONS[code]} (${code})`, value: code })),
  });
}

// ---- a move request, for each reader ----------------------------------------------------------

/** Who reads the card decides which buttons it has; an observer gets none. */
export type MoveCardView = 'approver' | 'requester' | 'info-request' | 'observer';

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

export function moveRequestCard(o: MoveCardOptions): AdaptiveCard {
  const r = o.request;
  const child = o.child;
  const show = o.show;
  const facts = [
    { title: 'Child', value: show.childLabel(r.caseRef) },
    { title: 'Team', value: r.team },
    ...(child
      ? [{ title: 'Current placement', value: `${placementTypeLabel(child.placementType)}, ${PLACEMENT_PROVIDERS[child.placementProvider] ?? child.placementProvider}, since ${formatDate(child.placementStart)}` }]
      : []),
    { title: 'Planned or urgent', value: r.urgency === 'urgent' ? 'URGENT (immediate safeguarding issue)' : 'Planned' },
    { title: 'Proposed date', value: formatDate(r.proposedDate) },
    { title: 'Reason', value: `${PLACE_CHANGE_REASONS[r.reasonCode] ?? r.reasonCode} (${r.reasonCode})` },
    { title: 'Requested by', value: `${plainText(r.requestedByName)}, ${formatInstant(r.requestedAt)}` },
  ];
  // Structured answers always; what the worker wrote only where the Disclosure allows it.
  const typed = (heading: string, text: string | null | undefined) => {
    const shown = show.freeText(text);
    return shown === null ? [] : [{ heading, text: shown }];
  };
  const advice = show.freeText(r.virtualSchoolAdvice);
  const plan = show.freeText(r.childToldPlan);
  const sections = [
    ...typed('Rationale (MOVE-1)', r.rationale),
    ...(r.reasonOther ? typed('Why "other"', r.reasonOther) : []),
    ...(r.urgency === 'urgent' ? typed('Immediate safeguarding issue (MOVE-3)', r.safeguardingIssue ?? '') : []),
    ...(r.alternativesConsidered ? typed('Alternative placement options considered (MOVE-3)', r.alternativesConsidered) : []),
    {
      heading: 'Virtual School (MOVE-4)',
      text: `${r.virtualSchoolConsulted ? 'Consulted.' : 'Not yet consulted.'}${advice === null ? '' : ` ${r.virtualSchoolConsulted ? 'Advice' : 'Why'}: ${advice}`}`,
    },
    { heading: 'Education or training disrupted (MOVE-10)', text: { yes: 'Yes', no: 'No', unknown: 'Not known yet' }[r.educationDisrupted] },
    {
      heading: 'Telling the child (MOVE-5)',
      text: `${plan === null ? '' : `${plan}\n`}Agreed with the supervising social worker and carer: ${yesNo(r.childToldAgreedWithCarerAndSsw)}`,
    },
    {
      heading: 'Allegation (MOVE-6)',
      text: r.followsAllegation
        ? `The move follows an allegation. Next placement can keep the child for months: ${yesNo(!!r.nextPlacementCanKeepForMonths)}`
        : 'The move does not follow an allegation.',
    },
  ];
  const questions = r.infoRequests.map((q) => {
    const question = show.freeText(q.question);
    const answer = show.freeText(q.answer);
    return {
      askedBy: plainText(q.askedByName),
      question: question ?? `a question, ${formatInstant(q.askedAt)}`,
      answerText: q.answer ? `Answer (${formatInstant(q.answeredAt!)})${answer === null ? ' given.' : `: ${answer}`}` : 'Waiting for an answer.',
    };
  });
  const d = r.decision;
  const comment = d ? show.freeText(d.comment) : null;
  const outcome = d
    ? `${d.outcome === 'approved' ? 'Approved' : 'Declined'} by ${plainText(d.byName)} at ${formatInstant(d.at)}${comment ? `: ${comment}` : ''}`
    : r.state === 'info_requested'
      ? `More information asked for; waiting for ${plainText(r.requestedByName)}.`
      : '';
  const open = r.state === 'pending' || r.state === 'info_requested';
  const canAnswer = o.view === 'info-request' && r.state === 'info_requested';
  return renderCard('move-request', {
    ref: r.ref,
    title: `Placement move request ${r.ref}`,
    stateLabel: r.state === 'completed' && r.completion ? `Moved ${formatDate(r.completion.date)}` : MOVE_STATE_LABELS[r.state],
    stateColor: STATE_COLOURS[r.state],
    notice: [o.notice?.text, show.whereFull].filter(Boolean).join(' '),
    noticeStyle: o.notice?.style ?? (show.whereFull ? 'accent' : 'default'),
    facts,
    history: historyOf(r),
    sections,
    questions,
    outcome,
    outcomeStyle: d?.outcome === 'approved' ? 'good' : d?.outcome === 'declined' ? 'attention' : 'warning',
    tasks: (o.tasks ?? []).map((t) => ({ title: t.title, due: formatDate(t.dueDate), owner: t.state === 'done' ? 'done' : 'open' })),
    canDecide: o.view === 'approver' && open,
    canAnswer,
    canConfirm: o.view === 'requester' && r.state === 'approved',
    placementChoices: Object.entries(PLACEMENT_TYPES).map(([value, label]) => ({ title: `${label} (${value})`, value })),
    today: ukDate(o.now),
    fieldErrors: Object.values(o.fieldErrors ?? {}).map((message) => ({ message })),
  });
}

// ---- notices, tasks, tracker, help --------------------------------------------------------------

/** A notice's text can carry what someone typed (a decision's reason, an alert's closing reason): shown as plain text. */
export function noticeCard(title: string, text: string, facts: Array<{ title: string; value: string }> = []): AdaptiveCard {
  return renderCard('notice', { title: plainText(title), text: plainText(text), facts: facts.map((f) => ({ title: f.title, value: plainText(f.value) })) });
}

/** `shared`: said in a channel or group chat, where an action's own words (a meeting chair wrote them) are not shown. */
export function tasksCard(tasks: TaskDoc[], now: Date, notice?: { text: string; color: 'Good' | 'Attention' }, shared = false): AdaptiveCard {
  const today = ukDate(now);
  return renderCard('tasks', {
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    tasks: tasks.map((t) => ({
      id: t._id,
      title: shared && t.kind === 'action' ? `An action agreed at ${t.requestRef}` : plainText(t.title),
      detail: `${t.caseRef} · ${t.requestRef} · ${t.dueDate < today ? 'OVERDUE, was due' : 'due'} ${formatDate(t.dueDate)} · ${t.ruleIds.join(', ')}`,
      dueColor: t.dueDate < today ? 'Attention' : 'Default',
    })),
  });
}

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

export const COMMANDS = [
  { name: 'request a move', description: 'Ask a Head of Service to approve a placement move' },
  { name: 'my tasks', description: 'Your open follow-up tasks, with a button to mark each done' },
  { name: 'moves', description: 'The move tracker: requests by state and age (managers)' },
  { name: 'approvals here <team>', description: 'In a channel: post approval cards here when no Head of Service can be reached' },
  { name: 'digest here <teams>', description: 'In a managers\' channel: the daily stability digest (then "digest now", "digest schedule", "digest stop")' },
  { name: 'raise a concern', description: 'Tell the social worker, team manager and supervising social worker that a placement is wobbling (FRAG-1)' },
  { name: 'alerts', description: 'The open fragility alerts in your teams, with their next steps' },
  { name: 'meetings', description: 'Your upcoming placement meetings, outcomes to record and reviews due' },
  { name: 'help', description: 'This list' },
];

export function helpCard(person: Person | null, isManager: boolean): AdaptiveCard {
  return renderCard('help', {
    greeting: person ? `Hello ${person.name.split(' ')[0]}` : 'Hello',
    commands: COMMANDS,
    isManager,
  });
}

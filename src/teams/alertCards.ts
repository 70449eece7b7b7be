// Cards for fragility alerts: the form, one alert as a reader may see it, and the open alerts of
// a person's teams. Pure: the data comes in, a card goes out. Names and free text only where the
// Disclosure allows them.
import { FRAGILITY_TRIGGERS, PANELS, describeChildVoice, describeReferral, triggerLabel, type NextStepsAdvice, type PanelId } from '../domain/alerts';
import { describeAge, formatDate, formatInstant, ukDate } from '../domain/dates';
import { MEETINGS, MEETING_TYPES } from '../domain/meetings';
import type { FieldErrors } from '../domain/moves';
import type { Child } from '../domain/people';
import type { FragilityAlertDoc, MeetingDoc } from '../store/records';
import { renderCard, type AdaptiveCard } from './cards';
import { answersToShowAgain, childChoices, TYPED_NOT_SHOWN, type Disclosure } from './disclosure';
import { plainText } from './plainText';
import { whyLine } from './whyLine';

const FORM_FIELDS = [
  'caseRef',
  'triggers',
  'description',
  'immediateSafeguardingRisk',
  'supportInPlace',
  'essentialServiceUnavailable',
  'costedExternalServiceNeeded',
  'childSaid',
  'childNotAskedBecause',
  'advocateOffered',
  'noticedOn',
] as const;

function formValues(data: unknown): Record<(typeof FORM_FIELDS)[number], string> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const value = (v: unknown) => (typeof v === 'string' ? v.slice(0, 4000) : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : '');
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, value(source[f])])) as Record<(typeof FORM_FIELDS)[number], string>;
}

/** The alert form's answers that a worker types (the rest are choices and dates). */
const TYPED = ['description', 'supportInPlace', 'childSaid', 'childNotAskedBecause'] as const satisfies ReadonlyArray<(typeof FORM_FIELDS)[number]>;

export function alertFormCard(options: { children: Child[]; now: Date; shared: boolean; values?: unknown; errors?: FieldErrors; summary?: string }): AdaptiveCard {
  const problems = Object.keys(options.errors ?? {}).length;
  const { values, dropped } = answersToShowAgain(formValues(options.values), TYPED, options.shared);
  const summary = options.summary ?? `Nothing was sent. ${problems === 1 ? 'One answer needs' : `${problems} answers need`} attention: see the messages in red.`;
  return renderCard('alert-form', {
    today: ukDate(options.now),
    hasErrors: problems > 0 || !!options.summary,
    summary: dropped ? `${summary} ${TYPED_NOT_SHOWN}` : summary,
    form: values,
    errors: Object.fromEntries(FORM_FIELDS.map((f) => [f, options.errors?.[f] ?? ''])),
    children: childChoices(options.children, options.shared),
    triggers: FRAGILITY_TRIGGERS.map((t) => ({ title: `${t.label}: ${t.description}`, value: t.id })),
  });
}

export interface AlertCardOptions {
  alert: FragilityAlertDoc;
  child: Child | null;
  /** What this reader, in this conversation, may be shown. */
  show: Disclosure;
  /** The other open alerts on the child, shown together with this one. */
  others: FragilityAlertDoc[];
  /** Null once the alert is closed. */
  advice: NextStepsAdvice | null;
  /** For the person who raised it: who was told, and who must be told another way. */
  audience: { told: string[]; tellDirectly: string[] } | null;
  meetings: MeetingDoc[];
  canConvene: boolean;
  canClose: boolean;
  /** The panels the alert's answers call for (FRAG-6, FRAG-7), and whether this reader refers and records decisions. */
  suggestedPanels?: PanelId[];
  canReferToPanel?: boolean;
  notice?: { text: string; style: 'attention' | 'good' | 'warning' | 'accent' };
  fieldErrors?: FieldErrors;
  now: Date;
}

export function alertCard(options: AlertCardOptions): AdaptiveCard {
  const alert = options.alert;
  const open = alert.state === 'open';
  const facts = [
    { title: 'Child', value: options.show.childLabel(alert.caseRef) },
    { title: 'Team', value: alert.team },
    { title: 'Signs', value: alert.triggers.map(triggerLabel).join('; ') },
    { title: 'Noticed', value: formatDate(alert.noticedOn) },
    { title: 'Raised by', value: `${plainText(alert.raisedByName)}, ${formatInstant(alert.raisedAt)}` },
  ];
  const description = options.show.freeText(alert.description);
  const support = alert.supportInPlace ? options.show.freeText(alert.supportInPlace) : 'None given.';
  const sections = [
    ...(description === null ? [] : [{ heading: 'What is happening', text: description, why: '' }]),
    {
      heading: 'Support already tried',
      text: support ?? (alert.supportAlreadyTried ? 'Some support has been tried.' : 'None given.'),
      why: whyLine('FRAG-5'),
    },
    // The child's words are free text about the child: only where free text may be shown (personal chat, entitled reader).
    ...(description === null
      ? []
      : [
          {
            heading: 'The child\u2019s wishes and feelings',
            text: describeChildVoice(alert.childVoice)
              .map((l) => plainText(l))
              .join('\n\n'),
            why: '',
          },
        ]),
  ];
  const steps = (options.advice?.steps ?? []).map((s) => ({ title: s.title, detail: s.detail, why: whyLine(s.ruleIds), color: s.urgent ? 'Attention' : 'Default' }));
  const audience = options.audience
    ? [
        ...(options.audience.told.length > 0 ? [{ text: `Told in Teams: ${options.audience.told.map(plainText).join(', ')}.`, color: 'Good' }] : []),
        ...options.audience.tellDirectly.map((text) => ({ text: plainText(text), color: 'Attention' })),
      ]
    : [];
  const suggested = options.advice?.convene ?? 'support';
  return renderCard('alert', {
    ref: alert.ref,
    title: `Fragility alert ${alert.ref}`,
    stateLabel: open ? (alert.immediateSafeguardingRisk ? 'Open, urgent' : 'Open') : 'Closed',
    stateColor: open ? (alert.immediateSafeguardingRisk ? 'Attention' : 'Warning') : 'Good',
    urgent: open && alert.immediateSafeguardingRisk,
    notice: [options.notice?.text, options.show.whereFull].filter(Boolean).join(' '),
    noticeStyle: options.notice?.style ?? (options.show.whereFull ? 'accent' : 'default'),
    facts,
    sections,
    others: options.others.map((x) => ({
      text: `${x.ref}: ${x.triggers.map(triggerLabel).join('; ')}, raised by ${plainText(x.raisedByName)} ${ago(x.raisedAt, options.now)}${x.immediateSafeguardingRisk ? ' (URGENT)' : ''}`,
    })),
    steps,
    notes: (options.advice?.notes ?? []).map((n) => ({ text: n.text, why: whyLine(n.ruleIds) })),
    audience,
    meetings: options.meetings.map((m) => ({ text: `${m.ref}: ${MEETINGS[m.type].label}, ${formatDate(m.date)} ${m.time}${m.state === 'held' ? ' (held)' : ''}` })),
    closure: alert.closure ? closureText(alert.closure, options.show) : '',
    canConvene: open && options.canConvene,
    convene: suggested,
    meetingChoices: MEETING_TYPES.filter((t) => t !== 'disruption').map((t) => ({ title: t === suggested ? `${MEETINGS[t].label} (suggested)` : MEETINGS[t].label, value: t })),
    canClose: open && options.canClose,
    today: ukDate(options.now),
    panels: panelRows(options),
    fieldErrors: Object.values(options.fieldErrors ?? {}).map((message) => ({ message })),
  });
}

function closureText(closure: NonNullable<FragilityAlertDoc['closure']>, show: Disclosure): string {
  const reason = show.freeText(closure.reason);
  const by = `Closed by ${plainText(closure.byName)}, ${formatInstant(closure.at)}`;
  if (reason !== null) return `${by}: ${reason}`;
  return closure.meetingRef ? `${by}, at meeting ${closure.meetingRef}.` : `${by}.`;
}

export function alertsListCard(rows: Array<{ alert: FragilityAlertDoc; show: Disclosure }>, now: Date): AdaptiveCard {
  const urgent = rows.filter((r) => r.alert.immediateSafeguardingRisk).length;
  return renderCard('alerts-list', {
    subtitle: `${rows.length} open${urgent > 0 ? `, ${urgent} urgent` : ''}.${rows.some((r) => !r.show.showName) ? ' Case references only.' : ''}`,
    rows: rows.map(({ alert, show }) => ({
      ref: alert.ref,
      heading: `${alert.ref}: case ${show.childLabel(alert.caseRef)}${alert.immediateSafeguardingRisk ? ' (URGENT)' : ''}`,
      color: alert.immediateSafeguardingRisk ? 'Attention' : 'Default',
      detail: `${alert.team} · ${alert.triggers.map(triggerLabel).join('; ')} · raised ${ago(alert.raisedAt, now)} by ${plainText(alert.raisedByName)}${alert.meetingRefs.length > 0 ? ` · meeting ${alert.meetingRefs.join(', ')}` : ''}`,
    })),
  });
}

/** One row per panel referred to or suggested: the referral and its decision, or the button to refer. */
function panelRows(options: AlertCardOptions) {
  const referrals = options.alert.panelReferrals ?? [];
  const open = options.alert.state === 'open';
  const rows = referrals.map((r) => ({
    panel: r.panel,
    text: describeReferral(r, formatDate),
    color: r.decision ? (r.decision.outcome === 'agreed' ? 'Good' : 'Warning') : 'Default',
    canRefer: false,
    canDecide: !r.decision && !!options.canReferToPanel,
    outcomeId: `outcome_${r.panel}`,
    dateId: `decidedOn_${r.panel}`,
    decideTitle: `Record the ${PANELS[r.panel].label}\u2019s decision`,
    referTitle: '',
  }));
  for (const panel of options.suggestedPanels ?? []) {
    if (!open || referrals.some((r) => r.panel === panel)) continue;
    rows.push({
      panel,
      text:
        panel === 'stability-panel'
          ? `The answers call for the ${PANELS[panel].label}: a service the placement needs cannot be got without escalation.`
          : `The answers call for the ${PANELS[panel].label}: an extra external service that costs money needs its agreement first.`,
      color: 'Default',
      canRefer: !!options.canReferToPanel,
      canDecide: false,
      outcomeId: '',
      dateId: '',
      decideTitle: '',
      referTitle: `Refer to the ${PANELS[panel].label}`,
    });
  }
  return rows;
}

/** "just now" under a minute, otherwise "5 minutes ago", "3 hours ago". */
export function ago(since: string, now: Date): string {
  return now.getTime() - new Date(since).getTime() < 60_000 ? 'just now' : `${describeAge(since, now)} ago`;
}

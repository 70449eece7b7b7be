// Fragility alerts: the signs that a placement may be at risk (FRAG-2), the alert form, who
// must hear about an alert (FRAG-1), and the next steps the guidance asks for (FRAG-3 to FRAG-7,
// with MOVE-3 and MOVE-11 when there is an immediate safeguarding risk). Pure rules: no storage,
// no Teams, no clock.
import { z } from 'zod';
import { childVoiceFields, toChildVoice, type ChildVoice } from './childVoice';
import { optionalText, text } from './formFields';
import { addDays, isIsoDate } from './dates';
import { MEETINGS, peopleForTeam, placementSetting, stabilityMeetingApplies, type MeetingType } from './meetings';
import { normaliseEmail, type Child, type Person, type Role } from './people';
import { may } from './permissions';

// ---- the triggers (FRAG-2) ---------------------------------------------------------------------

export interface FragilityTriggerInfo {
  id: string;
  label: string;
  description: string;
}

/** The signs that a placement may be at risk, as FRAG-2 lists them, in that order. */
export const FRAGILITY_TRIGGERS = [
  {
    id: 'review-concern',
    label: 'Concern raised at a review',
    description: 'A worry about the placement came up through the child\u2019s review, the carer\u2019s review or the home\u2019s review.',
  },
  {
    id: 'allegation-or-complaint',
    label: 'Allegation or complaint',
    description: 'Someone has made an allegation or a complaint about the placement.',
  },
  {
    id: 'missing-or-absent',
    label: 'Going missing or often absent',
    description: 'The child runs away from the placement or is away from it again and again.',
  },
  {
    id: 'fragile-relationship',
    label: 'Relationship under strain',
    description: 'Things between the child and the carer or provider are strained enough that the placement could break down.',
  },
  {
    id: 'child-wants-to-leave',
    label: 'Child wants the placement to end',
    description: 'The child or young person has said they want to leave the placement.',
  },
  {
    id: 'carer-struggling',
    label: 'Carer or provider struggling',
    description: 'The carer or provider says they are finding it hard, or that they cannot go on looking after the child.',
  },
  {
    id: 'needs-not-met',
    label: 'Needs not being met',
    description: 'The social worker or another professional is concerned that the placement does not meet the child\u2019s needs.',
  },
] as const satisfies readonly FragilityTriggerInfo[];

export type FragilityTriggerId = (typeof FRAGILITY_TRIGGERS)[number]['id'];
export const FRAGILITY_TRIGGER_IDS: readonly FragilityTriggerId[] = FRAGILITY_TRIGGERS.map((t) => t.id);

export function isFragilityTrigger(value: unknown): value is FragilityTriggerId {
  return typeof value === 'string' && (FRAGILITY_TRIGGER_IDS as readonly string[]).includes(value);
}

export function triggerLabel(id: string): string {
  return FRAGILITY_TRIGGERS.find((t) => t.id === id)?.label ?? id;
}

export { describeChildVoice, type ChildVoice } from './childVoice';

// ---- the form ------------------------------------------------------------------------------------

export interface FragilityAlertDetails {
  caseRef: string;
  /** In FRAG-2 order, each once. */
  triggers: FragilityTriggerId[];
  description: string;
  immediateSafeguardingRisk: boolean;
  /** Support already in place, as the raiser describes it; null when none was given. */
  supportInPlace: string | null;
  /** Support has already been tried (a description of it was given): feeds suggestNextSteps (FRAG-5). */
  supportAlreadyTried: boolean;
  /** When the signs were noticed: today unless the raiser gave an earlier date. */
  noticedOn: string;
  /** A service essential to the placement's stability cannot be got without escalation (FRAG-6). */
  essentialServiceUnavailable?: boolean;
  /** An extra external service with a cost is thought to be needed (FRAG-7). Both absent on alerts raised before the questions were asked. */
  costedExternalServiceNeeded?: boolean;
  /** The child's wishes and feelings: what they said, or why they were not asked; absent on older alerts. */
  childVoice?: ChildVoice;
}

/** How far back the "noticed on" date may go. */
const NOTICED_WITHIN_DAYS = 366;

/**
 * The fragility alert form exactly as a card submits it (every value a string). `triggers` comes
 * from a multi-select ChoiceSet as a comma-separated string of trigger ids (an array is accepted
 * too). `noticedOn` is optional (default `today`), may not be in the future nor more than a year
 * back. Field messages carry the rule id, so the person raising the alert sees why.
 */
export function fragilityAlertFormSchema(today: string) {
  const earliest = addDays(today, -NOTICED_WITHIN_DAYS);
  return z
    .object({
      caseRef: z.string({ required_error: 'Choose the child.' }).trim().min(1, 'Choose the child.').max(64, 'Choose the child.'),
      triggers: z.preprocess(
        (v) => (v === undefined || v === null ? [] : typeof v === 'string' ? v.split(',') : v),
        z
          .array(z.string({ invalid_type_error: 'Choose what is happening from the list.' }), { invalid_type_error: 'Choose what is happening from the list.' }) // FRAG-2
          .transform((ids) => ids.map((id) => id.trim()).filter(Boolean))
          .superRefine((ids, ctx) => {
            if (ids.length === 0) {
              ctx.addIssue({ code: 'custom', message: 'Choose at least one sign that the placement is at risk.' }); // FRAG-2
              return;
            }
            const unknown = ids.filter((id) => !isFragilityTrigger(id));
            if (unknown.length > 0) {
              ctx.addIssue({ code: 'custom', message: `Not one of the signs listed: ${unknown.join(', ')}. Choose from the list.` }); // FRAG-2
            }
          })
          .transform((ids) => FRAGILITY_TRIGGER_IDS.filter((id) => ids.includes(id))),
      ),
      description: text('A description of what is happening', 20), // FRAG-1
      immediateSafeguardingRisk: z.enum(['yes', 'no'], {
        errorMap: () => ({ message: 'Say yes or no: is there an immediate safeguarding risk?' }), // MOVE-3, MOVE-11
      }),
      supportInPlace: optionalText('The support already in place'), // FRAG-5
      noticedOn: z
        .string({ invalid_type_error: 'Give the date the signs were noticed as a date.' })
        .trim()
        .optional()
        .transform((v) => (v ? v : today))
        .refine(isIsoDate, 'Give the date the signs were noticed as a date.')
        .refine((d) => !isIsoDate(d) || d <= today, 'The date the signs were noticed cannot be in the future.')
        .refine((d) => !isIsoDate(d) || d >= earliest, 'The signs must have been noticed within the last year: raise what is happening now.'), // FRAG-1
      essentialServiceUnavailable: yesNoOptional('Say yes or no: is a service the placement needs impossible to get?'),
      costedExternalServiceNeeded: yesNoOptional('Say yes or no: is an extra external service that costs money needed?'),
      ...childVoiceFields,
    })
    .transform((form): FragilityAlertDetails => ({
      caseRef: form.caseRef,
      triggers: form.triggers,
      description: form.description,
      immediateSafeguardingRisk: form.immediateSafeguardingRisk === 'yes',
      supportInPlace: form.supportInPlace,
      supportAlreadyTried: form.supportInPlace !== null,
      noticedOn: form.noticedOn,
      essentialServiceUnavailable: form.essentialServiceUnavailable,
      costedExternalServiceNeeded: form.costedExternalServiceNeeded,
      childVoice: toChildVoice(form),
    }));
}

/** An optional yes/no question: empty or missing means no. */
function yesNoOptional(message: string) {
  return z
    .enum(['yes', 'no', ''], { errorMap: () => ({ message }) })
    .optional()
    .transform((v) => v === 'yes');
}

// ---- who hears about it (FRAG-1) -----------------------------------------------------------------

export type AlertRecipientRole = 'social_worker' | 'team_manager' | 'service_manager' | 'head_of_service' | 'supervising_social_worker';

export interface AlertRecipient {
  personId: string;
  name: string;
  email: string;
  /** Every reason this person is told (one person can be, say, both team manager and social worker). */
  roles: AlertRecipientRole[];
  reason: string;
  ruleIds: string[];
}

/** Someone who should hear about the alert but cannot be reached through the roster. */
export interface UnreachableRecipient {
  role: AlertRecipientRole;
  email: string | null;
  reason: string;
}

export interface AlertAudience {
  recipients: AlertRecipient[];
  unreachable: UnreachableRecipient[];
}

const RECIPIENT_REASONS: Record<AlertRecipientRole, string> = {
  social_worker: 'The child\u2019s social worker is responsible for the child and calls the meeting (FRAG-1).',
  team_manager: 'The team manager is the social worker\u2019s line manager, told so that a meeting can be called quickly (FRAG-1).',
  service_manager: 'No team manager covers the child\u2019s team, so the service manager is told instead, so that a meeting can still be called quickly (FRAG-1).',
  head_of_service: 'No team manager covers the child\u2019s team, so the Head of Service is told instead, so that a meeting can still be called quickly (FRAG-1).',
  supervising_social_worker: 'The supervising social worker supports the carer and needs to know at once (FRAG-1).',
};

/**
 * Who must hear about an alert on `child` (FRAG-1): the child's social worker, the team
 * manager(s) for the child's team, and the carer's supervising social worker when the child has
 * one (a foster placement without one is reported as unreachable). The person who raised the alert
 * is left out: they know already. People named on the child's record but not on the roster, and
 * roles nobody holds, are listed in `unreachable` so the raiser can be told to pass it on.
 */
export function alertRecipients(child: Child, people: readonly Person[], options: { raisedBy?: string | null } = {}): AlertAudience {
  const raisedBy = options.raisedBy ? normaliseEmail(options.raisedBy) : null;
  const recipients: AlertRecipient[] = [];
  const unreachable: UnreachableRecipient[] = [];

  const tell = (person: Person, role: AlertRecipientRole) => {
    if (person.id === raisedBy) return;
    const existing = recipients.find((r) => r.personId === person.id);
    if (existing) {
      if (!existing.roles.includes(role)) {
        existing.roles.push(role);
        existing.reason = `${existing.reason} ${RECIPIENT_REASONS[role]}`;
      }
      return;
    }
    recipients.push({ personId: person.id, name: person.name, email: person.email, roles: [role], reason: RECIPIENT_REASONS[role], ruleIds: ['FRAG-1'] });
  };
  const named = (id: string | null, role: AlertRecipientRole, noneRecorded: string | null) => {
    if (!id) {
      if (noneRecorded) unreachable.push({ role, email: null, reason: noneRecorded });
      return;
    }
    const key = normaliseEmail(id);
    const person = people.find((p) => p.id === key);
    if (person) tell(person, role);
    else if (key !== raisedBy) unreachable.push({ role, email: key, reason: `${key} is not on the roster: tell them another way.` }); // FRAG-1
  };

  named(child.socialWorker, 'social_worker', 'The child has no allocated social worker on record: tell the team manager directly.'); // FRAG-1
  const managers = peopleForTeam(people, 'team_manager', child.team);
  for (const manager of managers) tell(manager, 'team_manager');
  if (managers.length === 0) {
    // Nobody manages the team day to day: the managers above them hear instead of nobody (FRAG-1).
    const above = [
      ...peopleForTeam(people, 'service_manager', child.team).map((p) => [p, 'service_manager'] as const),
      ...peopleForTeam(people, 'head_of_service', child.team).map((p) => [p, 'head_of_service'] as const),
    ];
    for (const [person, role] of above) tell(person, role);
    if (above.length === 0) {
      unreachable.push({
        role: 'team_manager',
        email: null,
        reason: `No team manager, service manager or Head of Service on the roster covers team ${child.team}: tell your line manager directly.`, // FRAG-1
      });
    }
  }
  named(
    child.supervisingSocialWorker,
    'supervising_social_worker',
    placementSetting(child.placementType) === 'foster' ? 'The child is in foster care but no supervising social worker is on record.' : null, // FRAG-1
  );
  return { recipients, unreachable };
}

// ---- what to do next (FRAG-3 to FRAG-7) ----------------------------------------------------------

export interface NextStepsInput {
  triggers: readonly FragilityTriggerId[];
  immediateRisk: boolean;
  /** Added support has already been tried for these concerns (FRAG-5). */
  supportAlreadyTried: boolean;
  /** Other open alerts on the child, this one not counted. */
  openAlertsOnChild: number;
  /** Meetings already held on the child's current placement. */
  priorMeetings: ReadonlyArray<{ type: MeetingType; date: string }>;
  placementType: string;
  placementProvider: string;
  /** An extra external service with a cost is thought to be needed (FRAG-7). */
  costedExternalServiceNeeded?: boolean;
  /** A service essential to stability cannot be got without escalation (FRAG-6). */
  essentialServiceUnavailable?: boolean;
}

export type NextStepKind = 'act-on-safeguarding' | 'added-support' | 'support-meeting' | 'stability-meeting' | 'multi-agency-meeting' | 'commissioning-panel' | 'stability-panel';

export interface NextStep {
  kind: NextStepKind;
  title: string;
  detail: string;
  /** The meeting to convene for this step, or null when the step is not a meeting. */
  meetingType: MeetingType | null;
  urgent: boolean;
  ruleIds: string[];
}

export interface NextStepsAdvice {
  /** An immediate safeguarding risk: the alert is marked urgent and everyone is told now. */
  urgent: boolean;
  /** In the order to act on them. */
  steps: NextStep[];
  /** The meeting the alert card's "Convene meeting" should offer first: the first step that is a meeting. */
  convene: MeetingType | null;
  notes: Array<{ text: string; ruleIds: string[] }>;
}

/** The next steps after an alert, in the order the guidance puts them: safety before support, support before a stability meeting (FRAG-5), panels last. */
export function suggestNextSteps(input: NextStepsInput): NextStepsAdvice {
  const steps: NextStep[] = [];
  const notes: NextStepsAdvice['notes'] = [];
  const urgent = input.immediateRisk;
  const held = (type: MeetingType) => input.priorMeetings.some((m) => m.type === type);
  // Our reading of FRAG-5: support is shown not to be enough once tried, or once a support meeting was held and the placement still wobbles.
  const supportNotEnough = input.supportAlreadyTried || held('support');
  const stabilityApplies = stabilityMeetingApplies(input.placementType);

  const allegation = input.triggers.includes('allegation-or-complaint');
  if (input.immediateRisk) {
    // A child hurt or at risk, or an allegation against the carer: the council's safeguarding
    // procedures lead, and "support first" or a support meeting would be the wrong advice.
    steps.push({
      kind: 'act-on-safeguarding',
      title: allegation
        ? 'Act on your safeguarding procedures now: an allegation against a carer goes to the council\u2019s allegations process'
        : 'Act on your safeguarding procedures now',
      detail:
        (allegation
          ? 'Follow the council\u2019s procedure for allegations against people who work with children (the Local Authority Designated Officer) today, alongside the child protection procedures. '
          : 'Follow the council\u2019s child protection procedures today. ') +
        'Keep the child safe first and speak to the social worker and team manager straight away, do not wait for a meeting. If the child has to move at once, an urgent move is for an immediate safeguarding issue only, and it is not authorised until the other placement options are understood.',
      meetingType: null,
      urgent: true,
      ruleIds: ['FRAG-1', 'MOVE-3', 'MOVE-11'],
    });
  } else {
    notes.push({ text: 'No immediate safeguarding risk: if the placement has to end, the ending is planned, not an urgent move.', ruleIds: ['MOVE-11', 'MOVE-3'] });
  }

  const supportMeeting = (further: boolean): NextStep => ({
    kind: 'support-meeting',
    title: further ? `Hold a further ${MEETINGS.support.label}` : `Hold a ${MEETINGS.support.label} now`,
    detail: 'Meet as soon as there are signs of instability and go over the initial support plan again, with the Virtual School there.',
    meetingType: 'support',
    urgent,
    ruleIds: ['FRAG-4', 'MOVE-4'],
  });

  if (urgent) {
    // Safeguarding first; the meeting that follows looks at whether the placement can go on.
    if (stabilityApplies) {
      steps.push({
        kind: 'stability-meeting',
        title: `Once the child is safe, call a ${MEETINGS.stability.label}`,
        detail: 'After the safeguarding response, bring everyone in the placement together to decide whether it can safely go on and what it needs.',
        meetingType: 'stability',
        urgent,
        ruleIds: ['FRAG-5'],
      });
    }
  } else if (!supportNotEnough) {
    steps.push({
      kind: 'added-support',
      title: 'Put added support in place first',
      detail: 'Most wobbles are settled by extra support aimed at the concerns; a Placement Stability Meeting follows only if that does not bring lasting change.',
      meetingType: null,
      urgent,
      ruleIds: ['FRAG-5'],
    });
    steps.push(supportMeeting(false));
  } else if (stabilityApplies) {
    const again = held('stability');
    steps.push({
      kind: 'stability-meeting',
      title: again ? `Hold the next ${MEETINGS.stability.label} in the series` : `Call a ${MEETINGS.stability.label}`,
      detail: again
        ? 'Support has still not brought lasting change: meet again to review progress, agree the next small steps and book the next review.'
        : 'Added support has not been enough: bring everyone in the placement together to understand the difficulties and lower the risk of breakdown; book the review at the meeting.',
      meetingType: 'stability',
      urgent,
      ruleIds: ['FRAG-5'],
    });
  } else {
    steps.push(supportMeeting(held('support')));
    notes.push({
      text: 'Placement Stability Meetings are for foster, residential and semi-independent placements; for this placement a further Placement Support Meeting is suggested instead.',
      ruleIds: ['FRAG-5', 'FRAG-4'],
    });
  }

  if (!held('multi-agency')) {
    steps.push({
      kind: 'multi-agency-meeting',
      title: `Hold a ${MEETINGS['multi-agency'].label.toLowerCase()}`,
      detail: 'A placement that is becoming fragile gets the agencies around the child together to build a wrap-around package of support.',
      meetingType: 'multi-agency',
      urgent: false,
      ruleIds: ['FRAG-3'],
    });
  }

  if (input.costedExternalServiceNeeded) {
    steps.push({
      kind: 'commissioning-panel',
      title: 'Take the costed external service to the Commissioning Panel',
      detail: 'Extra external services that cost money need the Commissioning Panel\u2019s agreement to fund them first; the child\u2019s social worker presents the request.',
      meetingType: null,
      urgent: false,
      ruleIds: ['FRAG-7'],
    });
  }
  if (input.essentialServiceUnavailable) {
    steps.push({
      kind: 'stability-panel',
      title: 'Escalate to the Placement Stability Panel',
      detail: 'A service essential to the placement\u2019s stability cannot be got: present the child\u2019s case at the Placement Stability Panel, with the Virtual School.',
      meetingType: null,
      urgent: false,
      ruleIds: ['FRAG-6', 'MOVE-4'],
    });
  }

  if (input.openAlertsOnChild > 0) {
    const n = input.openAlertsOnChild;
    notes.push({
      text: `This child has ${n} other open alert${n === 1 ? '' : 's'}: look at them together with this one${supportNotEnough ? '' : ', and if support has already been tried, say so: the next step is then a Placement Stability Meeting'}.`,
      ruleIds: ['FRAG-5'],
    });
  }
  if (allegation && placementSetting(input.placementType) === 'foster') {
    // Shown first: after an allegation it decides what the next placement must be.
    notes.unshift({
      text: 'If a move follows an allegation against the foster carer, the next placement must be able to keep the child for months, not a week or two.',
      ruleIds: ['MOVE-6'],
    });
  }

  return { urgent, steps, convene: steps.find((s) => s.meetingType !== null)?.meetingType ?? null, notes };
}

// ---- who may raise one ---------------------------------------------------------------------------

/**
 * May this person raise an alert on the child? Those who may act for the child (the social worker,
 * managers of the child's team) and the others who work with the placement: the carers' supervising
 * social worker, the child's IRO, and the fostering manager, Virtual School, placements team and
 * IROs covering the child's team (FRAG-1: whoever sees the concern reports it).
 */
export function canRaiseAlertFor(person: Person, child: Child): boolean {
  return may(person, 'raise a fragility alert', { child });
}

/** Roles that work with every placement in the teams they cover, and so see concerns about them (FRAG-1). */
export const WORKS_WITH_PLACEMENTS: readonly Role[] = ['fostering_manager', 'virtual_school', 'placements_team', 'iro'];

// ---- panel referrals (FRAG-6, FRAG-7) ------------------------------------------------------------

/** The two panels an alert's answers can call for, with the step of suggestNextSteps that suggests each. */
export const PANELS = {
  'stability-panel': { label: 'Placement Stability Panel', step: 'stability-panel', ruleId: 'FRAG-6' },
  'commissioning-panel': { label: 'Commissioning Panel', step: 'commissioning-panel', ruleId: 'FRAG-7' },
} as const satisfies Record<string, { label: string; step: NextStepKind; ruleId: string }>;
export type PanelId = keyof typeof PANELS;
export const PANEL_IDS = Object.keys(PANELS) as PanelId[];

export type PanelOutcome = 'agreed' | 'not-agreed';
export const PANEL_OUTCOME_LABELS: Record<PanelOutcome, string> = { agreed: 'Agreed', 'not-agreed': 'Not agreed' };

export interface PanelDecision {
  outcome: PanelOutcome;
  /** The date the panel decided (a date, not when it was typed in). */
  decidedOn: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
}

/** One referral of the child's case to a panel from an alert, and the panel's decision once recorded back. */
export interface PanelReferral {
  panel: PanelId;
  referredBy: string;
  referredByName: string;
  referredAt: string;
  decision: PanelDecision | null;
}

/** The panels the advice suggests (the answers on the alert call for them). */
export function suggestedPanels(advice: Pick<NextStepsAdvice, 'steps'>): PanelId[] {
  return PANEL_IDS.filter((id) => advice.steps.some((s) => s.kind === PANELS[id].step));
}

const panelField = z.enum(PANEL_IDS as [PanelId, ...PanelId[]], { errorMap: () => ({ message: 'Choose the Placement Stability Panel or the Commissioning Panel.' }) });

export const panelReferralSchema = z.object({ panel: panelField });

/** The panel's decision as a card submits it: agreed or not, and the date, not in the future nor before the referral. */
export function panelDecisionSchema(today: string, referredOn: string) {
  return z.object({
    panel: panelField,
    outcome: z.enum(['agreed', 'not-agreed'], { errorMap: () => ({ message: 'Say whether the panel agreed.' }) }),
    decidedOn: z
      .string({ required_error: 'Give the date of the panel\u2019s decision.', invalid_type_error: 'Give the date of the panel\u2019s decision.' })
      .trim()
      .refine(isIsoDate, 'Give the date of the panel\u2019s decision.')
      .refine((d) => !isIsoDate(d) || d <= today, 'The panel\u2019s decision cannot be dated in the future.')
      .refine((d) => !isIsoDate(d) || d >= referredOn, 'The panel cannot have decided before the case was referred to it.'),
  });
}

/** A short line for cards and the digest: "Placement Stability Panel: referred 2026-12-01, agreed on 2026-12-04". */
export function describeReferral(r: PanelReferral, formatDay: (iso: string) => string = (d) => d): string {
  const referred = `${PANELS[r.panel].label}: referred ${formatDay(r.referredAt.slice(0, 10))} by ${r.referredByName}`;
  return r.decision ? `${referred}; ${PANEL_OUTCOME_LABELS[r.decision.outcome].toLowerCase()} on ${formatDay(r.decision.decidedOn)}` : `${referred}; decision awaited`;
}

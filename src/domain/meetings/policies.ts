// One policy per meeting type: every decision the rules make about a type of meeting, in one
// object. `satisfies Record<MeetingType, MeetingPolicy>` makes a new meeting type a compile error
// until each decision is written down, so no type silently borrows another's rules. The modules
// beside this one (attendees, chair, timing, forms, outcome) interpret these objects; none of them
// branches on the meeting type.
import type { OutcomeDecision } from './decisions';
import type { MeetingType } from './meetingTypes';

/** 'views-sought': asked for their views rather than expected to attend (the IRO and Guardian at a planning meeting). */
export type Participation = 'attends' | 'second-part-only' | 'views-sought';

/** Why someone is invited, with the rule it comes from. Sources default to the meeting's own. */
export interface InviteWhy {
  required: boolean;
  reason: string;
  ruleIds?: string[];
  sources?: string[];
  participation?: Participation;
}

/** When a meeting of this type may be held (see timing.ts). */
export type TimingRule =
  /** Before the placement starts, or within `emergencyDays` of an emergency start (PLAN-1). */
  | { kind: 'before-placement-start'; emergencyDays: number }
  /** Within `workingDays` working days of the signs of instability being reported (FRAG-4). */
  | { kind: 'soon-after-signs'; workingDays: number }
  /** No sooner than `minDays` after the placement ended (END-2). */
  | { kind: 'after-ending'; minDays: number }
  /** The rules set no date: any day from today. */
  | { kind: 'open'; explanation: string; ruleIds: string[] };

/** Who chairs (see chair.ts). */
export type ChairRule =
  /** An IRO or similar person who has not been involved in the case (Meetings table, 003). */
  | { kind: 'independent' }
  /** A council manager: the fostering manager for the council's own foster carers, else the child's team manager. `preamble` says why when the guidance names no chair for this type. */
  | { kind: 'council-manager'; preamble: string }
  /** No chair is named: the child's team manager is proposed and may hand over. */
  | { kind: 'team-manager-proposed'; reason: string; ruleIds: string[]; sources: string[] };

/** Who is invited beyond the child and the carers' home, and why (see attendees.ts). */
export interface InvitationRules {
  socialWorker: InviteWhy;
  /** Whoever cares for the child day to day (foster carer, key worker, provider). */
  carer: InviteWhy;
  /** Foster placements: the carers' supervising social worker. */
  supervisingSocialWorker: InviteWhy;
  /** Foster placements: the fostering manager, or null when not invited. */
  fosteringManager: InviteWhy | null;
  virtualSchool: InviteWhy;
  /** External placements: the Placements Service, or null when not invited. */
  placementsServiceIfExternal: InviteWhy | null;
  /** The child's IRO, with the label they carry, or null when not invited. */
  iro: (InviteWhy & { label: string }) | null;
  /** The child's Guardian (views sought), or null when not asked for. */
  guardian: InviteWhy | null;
  /** Everyone involved in the case: the child's team managers and the people named by the organiser. */
  everyoneInvolved: boolean;
  advocate: { why: InviteWhy; arrangeIfMissing: boolean };
  parents: { why: InviteWhy; arrangeIfMissing: boolean };
  /** `arrangeLabel`: when none were named, what the organiser is asked to arrange (null: nothing). */
  otherProfessionals: { why: InviteWhy; arrangeLabel: string | null };
}

/** What the outcome form insists on; each message says why (null: not required). */
export interface OutcomeRequirements {
  reviewDate: string | null;
  minuteTaker: string | null;
  supportPlanReviewed: string | null;
  /** Planning: the initial support plan completed by the supervising social worker at the meeting (Meetings table, 001). */
  initialSupportPlan: string | null;
  /** Disruption: the learning, in structured fields (what helped, what did not, what to change) (END-2). */
  learning: string | null;
  /** The rules behind the review meeting task when a review date is booked. */
  reviewRuleIds: string[];
}

export interface MeetingPolicy {
  label: string;
  purpose: string;
  when: string;
  ruleIds: string[];
  sources: string[];
  timing: TimingRule;
  chair: ChairRule;
  invite: InvitationRules;
  /** What convening insists on (null: not required). */
  convene: { minuteTaker: string | null };
  /** The decisions its outcome may record. */
  decisions: readonly OutcomeDecision[];
  outcome: OutcomeRequirements;
}

const RS = '\u2019';
const FRAGILE_DECISIONS = ['continue-with-support', 'support-package-agreed', 'commissioning-panel', 'escalate-to-panel'] as const satisfies readonly OutcomeDecision[];
const advocateWhy = (table: string): InviteWhy => ({ required: false, reason: `An advocate for the child joins where appropriate (${table}).` });
const organiserAdded = (table: string): InviteWhy => ({ required: false, reason: `Added by the organiser (${table}).` });
const otherProfessionalsWhy = (table: string): InviteWhy => ({ required: false, reason: `Other professionals who work with the child, where relevant (${table}).` });
const noOutcomeRequirements: OutcomeRequirements = { reviewDate: null, minuteTaker: null, supportPlanReviewed: null, initialSupportPlan: null, learning: null, reviewRuleIds: [] };

export const MEETING_POLICIES = {
  planning: {
    label: 'Placement Planning Meeting',
    purpose: `Settles the placement plan and how the child${RS}s daily needs will be met, confirms what the carer may decide for the child (delegated authority), and starts the initial support plan.`,
    when: 'Before each placement begins, or within 72 hours of an emergency placement; each time the child enters care or changes placement, then at intervals agreed with the carers or the home.',
    ruleIds: ['PLAN-1'],
    sources: ['004', '001', '002'],
    timing: { kind: 'before-placement-start', emergencyDays: 3 },
    chair: {
      kind: 'team-manager-proposed',
      reason: `No chair is named for a Placement Planning Meeting; the bot proposes the child${RS}s team manager, who may hand the chair to someone else.`,
      ruleIds: ['PLAN-1'],
      sources: ['004'],
    },
    invite: {
      socialWorker: {
        required: true,
        reason: `The child${RS}s social worker leads the planning, records the outcomes and shares them (Meetings table, 004; PLAN-1).`,
        ruleIds: ['PLAN-1'],
      },
      carer: { required: true, reason: 'Those caring for the child take part in the Placement Planning Meeting (Meetings table, 004/001/002).' },
      supervisingSocialWorker: {
        required: true,
        reason: 'The supervising social worker comes with the foster carers and completes the initial support plan at the meeting (Meetings table, 004/001).',
      },
      fosteringManager: null,
      virtualSchool: {
        required: false,
        reason: 'The Virtual School joins discussion of a placement change and plans for any disruption to education (MOVE-4, MOVE-10).',
        ruleIds: ['MOVE-4', 'MOVE-10'],
        sources: ['001', '004'],
      },
      placementsServiceIfExternal: null,
      iro: {
        label: 'Independent Reviewing Officer',
        required: true,
        participation: 'views-sought',
        reason: `The IRO${RS}s views are taken into account in placement planning (Meetings table, 004).`,
        sources: ['004'],
      },
      guardian: {
        required: false,
        participation: 'views-sought',
        reason: `Where the child has a Guardian, their views are taken into account (Meetings table, 004).`,
        sources: ['004'],
      },
      everyoneInvolved: false,
      advocate: { why: advocateWhy('Meetings table, 004/001/002'), arrangeIfMissing: true },
      parents: { why: { required: false, reason: 'Parents contribute to placement planning where appropriate (Meetings table, 004).' }, arrangeIfMissing: true },
      otherProfessionals: { why: otherProfessionalsWhy('Meetings table, 004/001/002'), arrangeLabel: null },
    },
    convene: { minuteTaker: null },
    decisions: ['placement-plan-agreed'],
    outcome: {
      ...noOutcomeRequirements,
      initialSupportPlan: 'Record that the supervising social worker completed the initial support plan at the meeting.', // Meetings table, 001
    },
  },
  support: {
    label: 'Placement Support Meeting',
    purpose: 'Meets at the first signs that a placement is wobbling, goes over the initial support plan again and agrees the support that should steady it.',
    when: 'As soon as there are signs of instability, and again whenever they return.',
    ruleIds: ['FRAG-4', 'MOVE-4'],
    sources: ['001'],
    timing: { kind: 'soon-after-signs', workingDays: 5 },
    chair: { kind: 'council-manager', preamble: 'No chair is named for a Placement Support Meeting; as at a Placement Stability Meeting, ' },
    invite: {
      socialWorker: {
        required: true,
        reason: `The child${RS}s social worker is responsible for the child and reviews the support plan with the others (Meetings table, 001; FRAG-4).`,
        ruleIds: ['FRAG-4'],
      },
      carer: { required: true, reason: 'Those caring for the child take part in the Placement Support Meeting (Meetings table, 001).' },
      supervisingSocialWorker: { required: true, reason: 'The supervising social worker supports the foster carers through the Placement Support Meeting (Meetings table, 001).' },
      fosteringManager: { required: true, reason: 'The fostering manager takes part in meetings on a foster placement at risk (Meetings table, 001).' },
      virtualSchool: {
        required: true,
        reason: 'The Virtual School is included in every Placement Support Meeting (MOVE-4; Meetings table, 001).',
        ruleIds: ['MOVE-4', 'FRAG-4'],
        sources: ['001'],
      },
      placementsServiceIfExternal: placementsService(),
      iro: null,
      guardian: null,
      everyoneInvolved: false,
      advocate: { why: advocateWhy('Meetings table, 001'), arrangeIfMissing: true },
      parents: { why: organiserAdded('Meetings table, 001'), arrangeIfMissing: false },
      otherProfessionals: { why: otherProfessionalsWhy('Meetings table, 001'), arrangeLabel: 'Other relevant professionals' },
    },
    convene: { minuteTaker: null },
    decisions: FRAGILE_DECISIONS,
    outcome: {
      ...noOutcomeRequirements,
      supportPlanReviewed: 'The initial support plan is reviewed at every Placement Support Meeting: review it before recording the outcome.', // FRAG-4
      reviewRuleIds: ['FRAG-4'],
    },
  },
  stability: {
    label: 'Placement Stability Meeting',
    purpose:
      'Brings everyone in the placement together when added support has not brought lasting change, to understand what is going wrong and lower the risk of breakdown; the next review is booked there and then, and it may agree a planned ending.',
    when: 'When a foster, residential or semi-independent placement is at risk of disrupting and added support has not been enough.',
    ruleIds: ['FRAG-5', 'FRAG-6', 'FRAG-7', 'FRAG-8'],
    sources: ['003', '001'],
    timing: {
      kind: 'open',
      explanation: 'A Placement Stability Meeting is called once added support has not been enough (FRAG-5); the rules set no date, but hold it soon.',
      ruleIds: ['FRAG-5'],
    },
    chair: { kind: 'council-manager', preamble: '' },
    invite: {
      socialWorker: { required: true, reason: `The child${RS}s social worker is responsible for the child and takes part in every stability meeting (Meetings table, 003/001).` },
      carer: { required: true, reason: 'Those caring for the child take part in the Placement Stability Meeting (Meetings table, 003/001).' },
      supervisingSocialWorker: {
        required: true,
        reason: 'The supervising social worker supports the foster carers through the Placement Stability Meeting (Meetings table, 003/001).',
      },
      fosteringManager: { required: true, reason: 'The fostering manager takes part in meetings on a foster placement at risk (Meetings table, 003/001).' },
      virtualSchool: {
        required: true,
        reason: 'The Virtual School takes part when a placement is at risk and a move may be considered (MOVE-4; Meetings table, 001).',
        ruleIds: ['MOVE-4'],
        sources: ['001'],
      },
      placementsServiceIfExternal: placementsService(),
      iro: null,
      guardian: null,
      everyoneInvolved: false,
      advocate: { why: advocateWhy('Meetings table, 003/001'), arrangeIfMissing: true },
      parents: { why: organiserAdded('Meetings table, 003/001'), arrangeIfMissing: false },
      otherProfessionals: { why: otherProfessionalsWhy('Meetings table, 003/001'), arrangeLabel: 'Other relevant professionals' },
    },
    convene: { minuteTaker: 'Name the allocated minute taker: every Placement Stability Meeting has one.' }, // Meetings table, 003
    decisions: [...FRAGILE_DECISIONS, 'planned-ending'],
    outcome: {
      reviewDate: 'Book the review now: a Placement Stability Meeting books its review at the meeting itself.', // Meetings table, 003
      minuteTaker: 'Name the allocated minute taker of the Placement Stability Meeting.', // Meetings table, 003
      supportPlanReviewed: null,
      initialSupportPlan: null,
      learning: null,
      reviewRuleIds: ['FRAG-5'],
    },
  },
  'multi-agency': {
    label: 'Multi-agency planning meeting',
    purpose: 'Gathers the agencies around the child to build a wrap-around package of support, so that the placement does not break down.',
    when: 'When a placement is becoming fragile.',
    ruleIds: ['FRAG-3'],
    sources: ['000'],
    timing: {
      kind: 'open',
      explanation: 'A multi-agency planning meeting is held when a placement is becoming fragile (FRAG-3); the rules set no date, but hold it soon.',
      ruleIds: ['FRAG-3'],
    },
    chair: {
      kind: 'team-manager-proposed',
      reason: `No chair is named for a multi-agency planning meeting; the bot proposes the child${RS}s team manager.`,
      ruleIds: ['FRAG-3'],
      sources: ['000'],
    },
    invite: {
      socialWorker: { required: true, reason: `The child${RS}s social worker brings the agencies together around the child (FRAG-3).`, ruleIds: ['FRAG-3'] },
      carer: { required: true, reason: 'Those caring for the child are at the centre of the wrap-around support (FRAG-3).', ruleIds: ['FRAG-3'] },
      supervisingSocialWorker: {
        required: true,
        reason: 'The supervising social worker supports the foster carers through the Multi-agency planning meeting (FRAG-3).',
        ruleIds: ['FRAG-3'],
      },
      fosteringManager: { required: false, reason: 'Fostering is one of the services around a foster placement (FRAG-3).', ruleIds: ['FRAG-3'] },
      virtualSchool: {
        required: true,
        reason: 'Education is one of the agencies around the child; the Virtual School speaks for it (FRAG-3, MOVE-4).',
        ruleIds: ['FRAG-3', 'MOVE-4'],
        sources: ['000', '001'],
      },
      placementsServiceIfExternal: null,
      iro: null,
      guardian: null,
      everyoneInvolved: false,
      advocate: { why: advocateWhy('Meetings table, 000'), arrangeIfMissing: false },
      parents: { why: organiserAdded('Meetings table, 000'), arrangeIfMissing: false },
      otherProfessionals: {
        why: {
          required: false,
          reason: 'The agencies around the child (health, school, CAMHS, youth justice and so on) build the wrap-around package (FRAG-3).',
          ruleIds: ['FRAG-3'],
        },
        arrangeLabel: 'Other agencies',
      },
    },
    convene: { minuteTaker: null },
    decisions: FRAGILE_DECISIONS,
    outcome: noOutcomeRequirements,
  },
  disruption: {
    label: 'Disruption Meeting',
    purpose: 'Looks back, with everyone who was part of it, at a placement that ended without a plan, to learn from it and, where it can, to settle things between those involved.',
    when: 'After a permanent placement has broken down (and worth considering after any unplanned ending), no sooner than six weeks after it ended.',
    ruleIds: ['END-2'],
    sources: ['003', '000', '004'],
    timing: { kind: 'after-ending', minDays: 42 },
    chair: { kind: 'independent' },
    invite: {
      socialWorker: {
        required: true,
        reason: `The child${RS}s social worker was involved in the placement; everyone involved is invited (Meetings table, 003/000/004; END-2).`,
        ruleIds: ['END-2'],
      },
      carer: {
        required: true,
        reason: 'The carers looked after the child in the placement that ended; everyone involved is invited (Meetings table, 003/000/004).',
        ruleIds: ['END-2'],
      },
      supervisingSocialWorker: { required: true, reason: 'The supervising social worker supported the carers in the placement that ended (Meetings table, 003/000/004).' },
      fosteringManager: { required: false, reason: 'Fostering may have been involved in the placement (Meetings table, 003/000/004).' },
      virtualSchool: { required: false, reason: 'The Virtual School may have been involved in the placement (Meetings table, 003/000/004).', ruleIds: [] },
      placementsServiceIfExternal: null,
      iro: { label: `The child${RS}s IRO`, required: false, reason: `The child${RS}s IRO knows the case; they may attend but cannot chair (Meetings table, 003/000/004).` },
      guardian: null,
      everyoneInvolved: true,
      advocate: { why: advocateWhy('Meetings table, 003/000/004'), arrangeIfMissing: false },
      parents: { why: organiserAdded('Meetings table, 003/000/004'), arrangeIfMissing: false },
      otherProfessionals: { why: otherProfessionalsWhy('Meetings table, 003/000/004'), arrangeLabel: null },
    },
    convene: { minuteTaker: null },
    decisions: ['learning-recorded'],
    outcome: {
      ...noOutcomeRequirements,
      learning: 'Record the learning: what helped, what did not, and what to change next time.', // END-2
    },
  },
} satisfies Record<MeetingType, MeetingPolicy>;

/** External placements: the Placements Service must know at once if a planned ending is agreed (FRAG-8, END-1). */
function placementsService(): InviteWhy {
  return {
    required: false,
    reason:
      'The placement is with an external provider: if a planned ending is agreed, the Placements Service has to know at once and notice served; having them there tells them (FRAG-8, END-1).',
    ruleIds: ['FRAG-8', 'END-1'],
    sources: ['003', '004'],
  };
}

/** The policy for a meeting type, typed as the general shape. */
export function policyFor(type: MeetingType): MeetingPolicy {
  return MEETING_POLICIES[type];
}

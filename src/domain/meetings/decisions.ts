// The decisions a meeting outcome can record. Which meeting type may record which is a policy
// decision (MEETING_POLICIES[type].decisions).
export const OUTCOME_DECISIONS = {
  'continue-with-support': { label: 'Continue with added support', ruleIds: ['FRAG-5'] },
  'support-package-agreed': { label: 'Support package agreed', ruleIds: ['FRAG-3', 'FRAG-4'] },
  'commissioning-panel': { label: 'Refer a costed external service to the Commissioning Panel', ruleIds: ['FRAG-7'] },
  'escalate-to-panel': { label: 'Escalate to the Placement Stability Panel', ruleIds: ['FRAG-6'] },
  'planned-ending': { label: 'Planned ending of the placement', ruleIds: ['FRAG-8', 'END-1', 'MOVE-1', 'MOVE-11'] },
  'placement-plan-agreed': { label: 'Placement plan agreed', ruleIds: ['PLAN-1'] },
  'learning-recorded': { label: 'Learning recorded', ruleIds: ['END-2'] },
} as const satisfies Record<string, { label: string; ruleIds: readonly string[] }>;
export type OutcomeDecision = keyof typeof OUTCOME_DECISIONS;
export const DECISIONS = Object.keys(OUTCOME_DECISIONS) as [OutcomeDecision, ...OutcomeDecision[]];

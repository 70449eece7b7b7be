// A move request form as the card submits it (every value a string), complete and valid: the
// starting point for end-to-end tests and the bench, which change the fields they are about.
import { addDays, ukDate } from '../../src/domain/dates';

export function validMoveForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    caseRef: 'CR-1001',
    urgency: 'planned',
    proposedDate: addDays(ukDate(new Date()), 14),
    reasonCode: 'CREQB',
    reasonOther: '',
    rationale: 'Carer has given notice after repeated incidents; a matched long-term carer is needed.',
    safeguardingIssue: '',
    alternativesConsidered: '',
    virtualSchoolConsulted: 'yes',
    virtualSchoolAdvice: 'Keep the same school; transport to be arranged.',
    educationDisrupted: 'no',
    childToldPlan: 'SW and carer will tell the child together on Friday after school.',
    childToldAgreed: 'true',
    followsAllegation: 'no',
    nextPlacementCanKeepForMonths: 'false',
    childSaid: 'She would like to stay at the same school and see her brother every week.',
    childNotAskedBecause: '',
    advocateOffered: 'yes',
    ...overrides,
  };
}

// The convene form of a Placement Stability Meeting for CR-1001 as the card submits it (every value
// a string), complete and valid on the service tests' clock (2026-11-23): tests change only the
// fields they are about.
export function validStabilityConveneForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    type: 'stability',
    caseRef: 'CR-1001',
    date: '2026-11-26',
    time: '10:00',
    durationMinutes: '60',
    minuteTaker: 'ada.admin@example.org',
    childAttendance: 'whole',
    ...overrides,
  };
}

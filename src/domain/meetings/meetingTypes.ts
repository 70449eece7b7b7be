// The meeting types. Kept apart from the catalogue, which is built from the policies, so that the
// policies can name the types without importing the catalogue back.
export const MEETING_TYPES = ['planning', 'support', 'stability', 'multi-agency', 'disruption'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export function isMeetingType(value: unknown): value is MeetingType {
  return typeof value === 'string' && (MEETING_TYPES as readonly string[]).includes(value);
}

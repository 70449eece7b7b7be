// Placement meetings: which meetings there are, who is invited and why, who chairs, when a meeting
// may be held, and what its outcome sets going. Pure rules: no storage, no Teams, no clock (every
// date is passed in). Every per-type decision is in policies.ts (one MeetingPolicy per type); the
// other modules interpret it:
//   catalogue   the types, their labels and purposes
//   placement   placement codes and the roster as the rules see them
//   attendees   who is invited and why
//   chair       who chairs, and the check of a chosen chair
//   timing      when a meeting may be held
//   forms       the convene form
//   outcome     the outcome form and the tasks it sets going
//   disruption  after an unplanned ending (END-2)
//   changes     rescheduling and cancelling a convened meeting
export * from './catalogue';
export * from './policies';
export * from './placement';
export * from './attendees';
export * from './chair';
export * from './timing';
export * from './forms';
export * from './outcome';
export * from './disruption';
export * from './changes';

// Meetings are booked on the clock in England; calendars want the instant.
import { ukLocalToInstant } from '../../src/domain/dates';

test.each([
  ['winter (GMT)', '2026-11-26', '10:00', '2026-11-26T10:00:00.000Z'],
  ['summer (BST)', '2026-07-01', '10:00', '2026-07-01T09:00:00.000Z'],
  ['the day the clocks go forward, after the change', '2026-03-29', '09:30', '2026-03-29T08:30:00.000Z'],
  ['the day the clocks go back, after the change', '2026-10-25', '14:00', '2026-10-25T14:00:00.000Z'],
  ['just before midnight in summer', '2026-06-30', '23:45', '2026-06-30T22:45:00.000Z'],
])('%s: %s %s is %s', (_when, date, time, instant) => {
  expect(ukLocalToInstant(date, time).toISOString()).toBe(instant);
});

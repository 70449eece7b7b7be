// The rules of a request's life after it is sent: working time and its targets, who may see,
// withdraw, decide under cover or set cover (rules of the permission table, domain/permissions.ts),
// the dates a confirmation and a cover accept.
import { coverFormSchema, isCoverActive } from '../../src/domain/cover';
import { confirmFormSchema, withdrawFormSchema } from '../../src/domain/moves';
import { may } from '../../src/domain/permissions';
import type { Person, Role } from '../../src/domain/people';
import { addWorkingMinutes, DEFAULT_WORKING_CALENDAR, isWorkingTime, parseChaseTarget } from '../../src/domain/workingTime';
import { PLACEMENT_TYPES } from '../../src/domain/ssda903/codes';

const cal = DEFAULT_WORKING_CALENDAR;
const at = (iso: string) => new Date(iso);

describe('working time in England (chasing targets)', () => {
  test('2 working hours from Friday 16:00 (winter, UTC = UK) end on Monday 10:00', () => {
    expect(addWorkingMinutes(at('2026-11-27T16:00:00Z'), 120, cal).toISOString()).toBe('2026-11-30T10:00:00.000Z');
  });

  test('a request made at night counts from 09:00 the next working day', () => {
    expect(addWorkingMinutes(at('2026-11-24T22:30:00Z'), 120, cal).toISOString()).toBe('2026-11-25T11:00:00.000Z');
  });

  test('England and Wales bank holidays are not working days: Christmas 2026 (Boxing Day substitute on Mon 28 Dec)', () => {
    // Thu 24 Dec 16:00 + 2 working hours: Fri 25, Sat, Sun, Mon 28 are off -> Tue 29 Dec 10:00.
    expect(addWorkingMinutes(at('2026-12-24T16:00:00Z'), 120, cal).toISOString()).toBe('2026-12-29T10:00:00.000Z');
    expect(isWorkingTime(at('2026-12-28T10:00:00Z'), cal)).toBe(false);
  });

  test('a council-added closure day counts as a holiday', () => {
    const extended = { ...cal, bankHolidays: new Set([...cal.bankHolidays, '2026-11-30']) };
    expect(addWorkingMinutes(at('2026-11-27T16:00:00Z'), 120, extended).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  test('in British Summer Time, working hours are UK wall-clock hours (09:00 BST is 08:00 UTC)', () => {
    expect(addWorkingMinutes(at('2026-06-15T07:00:00Z'), 60, cal).toISOString()).toBe('2026-06-15T09:00:00.000Z');
    expect(isWorkingTime(at('2026-06-15T15:59:00Z'), cal)).toBe(true);
    expect(isWorkingTime(at('2026-06-15T16:00:00Z'), cal)).toBe(false);
  });

  test('5 working days are 5 office days of 8 hours: Monday 09:00 -> Friday 17:00', () => {
    const target = parseChaseTarget('2d,5d', cal)!;
    expect(addWorkingMinutes(at('2026-11-23T09:00:00Z'), target.escalateAfterMinutes, cal).toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(target.escalateLabel).toBe('5 working days');
  });

  test.each(['2h', '4h,2h', '2h,2h', '0h,4h', 'two hours,4h', '2w,4w'])('a target of "%s" is refused', (text) => {
    expect(parseChaseTarget(text, cal)).toBeNull();
  });
});

const person = (id: string, role: Role, teams = ['North']): Person => ({ id, email: id, name: id, aadObjectId: null, roles: [role], teams });
const request = { ref: 'PM-2026-0001', requestedBy: 'sw@x', team: 'North' };
const child = { caseRef: 'CR-1', team: 'North', socialWorker: 'sw@x', supervisingSocialWorker: 'ssw@x', iro: 'iro@x' };
const canSeeMoveRequest = (p: Person, r: typeof request) => may(p, 'see a move request', { request: r, child });
const canWithdrawMove = (p: Person, r: typeof request) => may(p, 'withdraw a move request', { request: r, child });
const canWorkOnMoveRequest = (p: Person, r: typeof request) => may(p, 'confirm the move happened', { request: r, child });
const canSetCover = (p: Person, team: string) => may(p, 'set cover', { team });
const decision = (urgency: 'planned' | 'urgent', requestedBy = 'sw@x') => ({
  request: { ...request, requestedBy, urgency },
  child,
  covers: [{ team: 'North', coverId: 'cover@x', setBy: 'hos@x' }],
  outOfHoursApprover: 'ooh@x',
});

describe('who may do what with one request', () => {
  test("see a move request: the requester, the child's workers, managers of the team; not another social worker or another team", () => {
    expect(canSeeMoveRequest(person('sw@x', 'social_worker'), request)).toBe(true);
    expect(canSeeMoveRequest(person('ssw@x', 'supervising_social_worker'), request)).toBe(true);
    expect(canSeeMoveRequest(person('tm@x', 'team_manager'), request)).toBe(true);
    expect(canSeeMoveRequest(person('other@x', 'social_worker'), request)).toBe(false);
    expect(canSeeMoveRequest(person('tm2@x', 'team_manager', ['South']), request)).toBe(false);
    expect(canSeeMoveRequest(person('pt@x', 'placements_team', ['*']), request)).toBe(false);
  });

  test('withdraw a move request: the requester, a team manager or a Head of Service of the team', () => {
    expect(canWithdrawMove(person('sw@x', 'social_worker'), request)).toBe(true);
    expect(canWithdrawMove(person('tm@x', 'team_manager'), request)).toBe(true);
    expect(canWithdrawMove(person('hos@x', 'head_of_service'), request)).toBe(true);
    expect(canWithdrawMove(person('hos2@x', 'head_of_service', ['South']), request)).toBe(false);
    expect(canWithdrawMove(person('sm@x', 'service_manager'), request)).toBe(false);
  });

  test('confirm the move happened: the requester, the allocated social worker, their team manager', () => {
    expect(canWorkOnMoveRequest(person('sw@x', 'social_worker'), { ...request, requestedBy: 'tm@x' })).toBe(true);
    expect(canWorkOnMoveRequest(person('hos@x', 'head_of_service'), request)).toBe(false);
  });

  test('decide a move: the person covering for the team today, and for an urgent request the out-of-hours approver; never their own request (separation of duties)', () => {
    expect(may(person('cover@x', 'service_manager'), 'decide a move', decision('planned'))).toBe(true);
    expect(may(person('ooh@x', 'service_manager', ['South']), 'decide a move', decision('urgent'))).toBe(true);
    expect(may(person('ooh@x', 'service_manager', ['South']), 'decide a move', decision('planned'))).toBe(false);
    expect(may(person('cover@x', 'service_manager'), 'decide a move', decision('planned', 'cover@x'))).toBe(false);
    expect(may(person('ooh@x', 'service_manager'), 'decide a move', decision('urgent', 'ooh@x'))).toBe(false);
    expect(may(person('other@x', 'service_manager'), 'decide a move', decision('urgent'))).toBe(false);
  });

  test('set cover: a Head of Service of the team, or an admin', () => {
    expect(canSetCover(person('hos@x', 'head_of_service'), 'North')).toBe(true);
    expect(canSetCover(person('hos@x', 'head_of_service'), 'South')).toBe(false);
    expect(canSetCover(person('admin@x', 'admin', ['*']), 'South')).toBe(true);
    expect(canSetCover(person('tm@x', 'team_manager'), 'North')).toBe(false);
  });
});

describe('what the forms accept', () => {
  const confirm = confirmFormSchema('2026-12-06', '2026-12-01', PLACEMENT_TYPES);
  test('the move date: not in the future, not before the request, a real date', () => {
    expect(confirm.safeParse({ moveDate: '2026-12-06', placementType: 'U1' }).success).toBe(true);
    expect(confirm.safeParse({ moveDate: '2026-12-01', placementType: 'U1' }).success).toBe(true);
    expect(confirm.safeParse({ moveDate: '2026-12-07', placementType: 'U1' }).error?.issues[0].message).toContain('cannot be in the future');
    expect(confirm.safeParse({ moveDate: '2026-11-30', placementType: 'U1' }).error?.issues[0].message).toContain('before the request was made');
    expect(confirm.safeParse({ moveDate: '2026-02-30', placementType: 'U1' }).success).toBe(false);
    expect(confirm.safeParse({ moveDate: { $gt: '' }, placementType: 'U1' }).success).toBe(false);
  });

  test('withdrawing needs a reason', () => {
    expect(withdrawFormSchema.safeParse({ reason: '  ' }).success).toBe(false);
    expect(withdrawFormSchema.safeParse({ reason: 'No longer needed.' }).success).toBe(true);
  });

  test('cover: last day not before the first, not over, at most 92 days, not for oneself', () => {
    const schema = coverFormSchema('2026-12-06');
    const ok = { team: 'North', cover: 'Harry.HOS@example.org', for: 'hana.head@example.org', from: '2026-12-22', to: '2027-01-02' };
    expect(schema.parse(ok)).toMatchObject({ cover: 'harry.hos@example.org', from: '2026-12-22', to: '2027-01-02' });
    expect(schema.safeParse({ ...ok, to: '2026-12-21' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, from: '2026-11-01', to: '2026-12-05' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, to: '2027-04-30' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, for: 'harry.hos@example.org' }).success).toBe(false);
    expect(isCoverActive({ from: '2026-12-22', to: '2027-01-02' }, '2027-01-02')).toBe(true);
    expect(isCoverActive({ from: '2026-12-22', to: '2027-01-02' }, '2027-01-03')).toBe(false);
  });
});

describe('the settings of working time and chasing (src/config.ts)', () => {
  // Imported here so that the domain tests above stay free of the configuration.
  const { loadConfig } = require('../../src/config') as typeof import('../../src/config');
  const { moveFlowSettings } = require('../../src/services/moveFlowSettings') as typeof import('../../src/services/moveFlowSettings');

  test('defaults: 09:00-17:00, urgent 2h,4h, planned 2d,5d', () => {
    const flow = moveFlowSettings(loadConfig({}));
    expect(flow.calendar).toMatchObject({ start: '09:00', end: '17:00' });
    expect(flow.chase.urgent).toMatchObject({ remindAfterMinutes: 120, escalateAfterMinutes: 240 });
    expect(flow.chase.planned).toMatchObject({ remindAfterMinutes: 2 * 480, escalateAfterMinutes: 5 * 480 });
    expect(flow.outOfHours).toEqual({ approver: null, channel: null });
  });

  test("a council's own hours, closure days and targets are read", () => {
    const flow = moveFlowSettings(
      loadConfig({ WORKING_HOURS: '08:30-16:30', BANK_HOLIDAYS_EXTRA: '2029-01-01, 2029-03-30', MOVE_CHASE_URGENT: '1h,3h', OUT_OF_HOURS_APPROVER: 'Ada.Admin@example.org' }),
    );
    expect(flow.calendar.start).toBe('08:30');
    expect(flow.calendar.bankHolidays.has('2029-03-30')).toBe(true);
    expect(flow.chase.urgent.escalateLabel).toBe('3 working hours');
    expect(flow.outOfHours.approver).toBe('ada.admin@example.org');
  });

  test.each([
    ['WORKING_HOURS', '17:00-09:00'],
    ['WORKING_HOURS', '9-5'],
    ['BANK_HOLIDAYS_EXTRA', '2029-02-30'],
    ['MOVE_CHASE_URGENT', '4h,2h'],
    ['MOVE_CHASE_PLANNED', 'soon'],
    ['OUT_OF_HOURS_APPROVER', 'not an email'],
  ])('%s=%s stops the bot with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: expected`));
  });
});

// The placement plan's rules (PLAN-1 to PLAN-4, AFTER-2) and the move count's use of the child's
// placement start, as pure functions.
import { withRecordedPlacementStart, movesInLast12Months } from '../../src/domain/moves';
import {
  CHECKLIST_ITEMS,
  checklistCounts,
  importedPlacementIsPlanned,
  isRecentPlacement,
  nextPlanRevision,
  parseChecklistForm,
  placementOrLegalChanges,
  planDueDate,
  planTaskTitle,
  reviewDateSchema,
  revisionIsDueToAsk,
  yearAfter,
} from '../../src/domain/placementPlan';

describe('PLAN-1: the placement plan is due before a planned placement starts, within 5 days of an emergency one', () => {
  test('a planned placement: due by its start', () => {
    expect(planDueDate('2026-12-10', true)).toBe('2026-12-10');
    expect(planTaskTitle('2026-12-10', true)).toBe('Finalise the placement plan before the placement starts on Thu, 10 Dec 2026');
  });
  test('an emergency placement: due 5 calendar days after its start', () => {
    expect(planDueDate('2026-12-10', false)).toBe('2026-12-15');
    expect(planTaskTitle('2026-12-10', false)).toContain('within 5 days of the placement starting');
  });
  test('an imported placement starting later is taken as planned; one already started as an emergency', () => {
    expect(importedPlacementIsPlanned('2026-12-20', '2026-12-06')).toBe(true);
    expect(importedPlacementIsPlanned('2026-12-06', '2026-12-06')).toBe(false);
  });
  test('an imported placement that began more than 28 days ago is taken to have its plan already', () => {
    expect(isRecentPlacement('2026-11-08', '2026-12-06')).toBe(true);
    expect(isRecentPlacement('2026-11-07', '2026-12-06')).toBe(false);
  });
});

describe('PLAN-2: the plan is revised before every looked-after review and at least yearly', () => {
  const agreed = { taskId: 't', agreedOn: '2026-01-10', revisedOn: null, revisions: 0 };
  test('before the next review: due the day before it', () => {
    expect(nextPlanRevision({ nextReviewDate: '2026-06-01', placementPlan: agreed }, '2026-05-01')).toEqual({ dueDate: '2026-05-31', because: 'review', reviewDate: '2026-06-01' });
  });
  test('at least yearly: a year after the plan was agreed, when that comes before the review', () => {
    expect(nextPlanRevision({ nextReviewDate: '2027-03-01', placementPlan: agreed }, '2026-12-20')).toEqual({ dueDate: '2027-01-10', because: 'yearly', reviewDate: null });
  });
  test('a year after the last revision, not the first plan (a revision, not a new plan)', () => {
    expect(nextPlanRevision({ nextReviewDate: null, placementPlan: { ...agreed, revisedOn: '2026-09-01', revisions: 1 } }, '2026-12-01')!.dueDate).toBe('2027-09-01');
  });
  test('a review already past is not a reason; nothing known, nothing owed', () => {
    expect(nextPlanRevision({ nextReviewDate: '2026-01-01', placementPlan: null }, '2026-02-01')).toBeNull();
    expect(nextPlanRevision({}, '2026-02-01')).toBeNull();
  });
  test('the social worker is asked 14 days before the revision is due', () => {
    const due = { dueDate: '2026-05-31', because: 'review' as const, reviewDate: '2026-06-01' };
    expect(revisionIsDueToAsk(due, '2026-05-16')).toBe(false);
    expect(revisionIsDueToAsk(due, '2026-05-17')).toBe(true);
  });
  test('a year after 29 February is 28 February', () => {
    expect(yearAfter('2028-02-29')).toBe('2029-02-28');
  });
  test('the review date given in chat: a real date, not past, within two years', () => {
    const schema = reviewDateSchema('2026-12-06');
    expect(schema.safeParse({ caseRef: 'CR-1', reviewDate: '01/03/2027' })).toMatchObject({ success: true, data: { reviewDate: '2027-03-01' } });
    expect(schema.safeParse({ caseRef: 'CR-1', reviewDate: '2026-12-01' }).error!.issues[0].message).toBe('The review date is in the past: give the next review.');
    expect(schema.safeParse({ caseRef: 'CR-1', reviewDate: '2026-02-30' }).error!.issues[0].message).toMatch(/not a date/);
    expect(schema.safeParse({ caseRef: 'CR-1', reviewDate: '2029-01-01' }).error!.issues[0].message).toMatch(/more than two years/);
  });
});

describe('PLAN-3 and PLAN-4: the introductions and the information for the new placement, each done or not possible with a reason', () => {
  test('the checklist holds the introductions (PLAN-3) and what the placement must be told (PLAN-4)', () => {
    expect(CHECKLIST_ITEMS.filter((i) => i.rule === 'PLAN-3').map((i) => i.id)).toEqual(['carer-profile', 'child-views', 'visits', 'overnight']);
    expect(CHECKLIST_ITEMS.filter((i) => i.rule === 'PLAN-4').map((i) => i.id)).toEqual([
      'parenting-tasks',
      'money',
      'contact',
      'why-in-care',
      'care-plan',
      'how-long',
      'objectives',
    ]);
  });
  test('"not possible" needs a reason', () => {
    const parsed = parseChecklistForm({ state_overnight: 'not-possible', reason_overnight: ' ' });
    expect(parsed).toEqual({ ok: false, errors: { reason_overnight: 'Overnight stays before the move: say why it was not possible (at least 5 characters).' } });
  });
  test('done, not possible with its reason, and not recorded yet are read; anything else is refused', () => {
    expect(
      parseChecklistForm({
        state_visits: 'done',
        reason_visits: 'ignored',
        state_overnight: 'not-possible',
        reason_overnight: 'Emergency placement that night.',
        state_money: 'open',
      }),
    ).toEqual({
      ok: true,
      choices: {
        visits: { state: 'done', reason: null },
        overnight: { state: 'not-possible', reason: 'Emergency placement that night.' },
        money: { state: 'open', reason: null },
      },
    });
    expect(parseChecklistForm({ state_visits: { $ne: '' } })).toMatchObject({ ok: false, errors: { state_visits: expect.stringContaining('choose done or not possible') } });
    expect(parseChecklistForm({})).toMatchObject({ ok: false, errors: { checklist: expect.any(String) } });
  });
  test('counts: done, not possible, still to do', () => {
    const by = { by: 'x', at: '2026-12-06T10:00:00Z' };
    expect(checklistCounts({ visits: { state: 'done', reason: null, ...by }, overnight: { state: 'not-possible', reason: 'No time at all.', ...by } })).toEqual({
      done: 1,
      notPossible: 1,
      open: 9,
      total: 11,
    });
  });
});

describe('AFTER-2: changes to the placement or legal status are updated in the case record', () => {
  const before = { legalStatus: 'C2', placementType: 'U4', placementProvider: 'PR1', placementStart: '2025-09-01' };
  test('a change of legal status, of placement, or of its type or provider is named', () => {
    expect(placementOrLegalChanges(before, { ...before, legalStatus: 'C1' })).toEqual(['legal status C2 to C1']);
    expect(placementOrLegalChanges(before, { ...before, placementStart: '2026-12-01', placementType: 'U6' })).toEqual(['a new placement from Tue, 1 Dec 2026']);
    expect(placementOrLegalChanges(before, { ...before, placementProvider: 'PR4' })).toEqual(['placement provider PR1 to PR4']);
  });
  test('no change, no prompt', () => {
    expect(placementOrLegalChanges(before, { ...before })).toEqual([]);
  });
});

describe("the move count uses the placement start held on the child's record, not only the imported returns", () => {
  test('a placement that started 3 to 10 months ago, after the last return, counts as a move', () => {
    for (const start of ['2026-09-06', '2026-02-06']) {
      const dates = withRecordedPlacementStart([], [{ decom: '2024-05-01', dec: null }], start, '2026-12-06');
      expect(movesInLast12Months(dates, '2026-12-06')).toBe(1);
    }
  });
  test('not twice: a move already counted on that date, or returns that reach the date, are the record', () => {
    expect(withRecordedPlacementStart(['2026-09-06'], [], '2026-09-06', '2026-12-06')).toEqual(['2026-09-06']);
    // The return has an episode starting that day (a move, or an entry to care: either way it decides).
    expect(withRecordedPlacementStart([], [{ decom: '2026-09-06', dec: null }], '2026-09-06', '2026-12-06')).toEqual([]);
    expect(withRecordedPlacementStart(['2025-01-01'], [{ decom: '2025-01-01', dec: '2026-10-01' }], '2026-09-06', '2026-12-06')).toEqual(['2025-01-01']);
  });
  test('with no returns at all, the placement start on the record counts', () => {
    expect(withRecordedPlacementStart([], [], '2026-06-01', '2026-12-06')).toEqual(['2026-06-01']);
  });
  test('a placement that has not started yet is not a move yet', () => {
    expect(withRecordedPlacementStart([], [], '2026-12-20', '2026-12-06')).toEqual([]);
  });
});

// The rules of a placement move request, as the form and the follow-ups apply them.
import { fieldErrors, followUpsFor, moveRequestFormSchema, movesInLast12Months, decisionFormSchema } from '../../src/domain/moves';
import { validMoveForm } from '../support/fixtures';

const TODAY = '2026-11-23';

// The shared valid form, dated for this file's fixed today.
const valid = validMoveForm({ proposedDate: '2026-12-07' });

function errorsFor(form: Record<string, unknown>) {
  const result = moveRequestFormSchema(TODAY).safeParse(form);
  return result.success ? {} : fieldErrors(result.error);
}

describe('a move request form', () => {
  test('a complete planned request is accepted', () => {
    const parsed = moveRequestFormSchema(TODAY).parse(valid);
    expect(parsed).toMatchObject({
      caseRef: 'CR-1001',
      urgency: 'planned',
      virtualSchoolConsulted: true,
      childToldAgreedWithCarerAndSsw: true,
      nextPlacementCanKeepForMonths: null,
    });
  });

  test.each([
    ['MOVE-1: a rationale is required', { rationale: '' }, 'rationale', /rationale/i],
    ['MOVE-1: a one-word rationale is not enough', { rationale: 'behaviour' }, 'rationale', /at least 20/],
    ['MOVE-3: an urgent move names the immediate safeguarding issue', { urgency: 'urgent' }, 'safeguardingIssue', /immediate safeguarding/],
    ['MOVE-3: an urgent move lists the alternatives considered', { urgency: 'urgent' }, 'alternativesConsidered', /alternative placement options/],
    ['MOVE-4: a planned move needs the Virtual School asked first', { virtualSchoolConsulted: 'no' }, 'virtualSchoolConsulted', /Virtual School/],
    ["MOVE-4: the Virtual School's advice is recorded", { virtualSchoolAdvice: '' }, 'virtualSchoolAdvice', /advice/],
    ['MOVE-5: how and when the child is told', { childToldPlan: '' }, 'childToldPlan', /told/],
    ['MOVE-5: agreed with the SSW and carer for a planned move', { childToldAgreed: 'false' }, 'childToldAgreed', /supervising social worker and the carer/],
    ['MOVE-6: after an allegation the next placement can keep the child for months', { followsAllegation: 'yes' }, 'nextPlacementCanKeepForMonths', /months/],
    ['MOVE-7: "other" needs an explanation', { reasonCode: 'OTHER' }, 'reasonOther', /exceptional/],
    ['an unknown reason code is refused', { reasonCode: 'BOGUS' }, 'reasonCode', /reason/],
    ['a date in the past is refused', { proposedDate: '2026-11-22' }, 'proposedDate', /past/],
    ['a date more than a year ahead is refused', { proposedDate: '2028-01-01' }, 'proposedDate', /next year/],
    ['a non-date is refused', { proposedDate: 'tomorrow' }, 'proposedDate', /date/],
    ['a MongoDB operator instead of text is refused', { rationale: { $gt: '' } }, 'rationale', /text/],
  ])('%s', (_rule, change, field, message) => {
    expect(errorsFor({ ...valid, ...change })[field]).toMatch(message);
  });

  test('an urgent move may be requested before the Virtual School is asked, saying why and when (MOVE-4)', () => {
    const urgent = {
      ...valid,
      urgency: 'urgent',
      safeguardingIssue: 'Child disclosed harm by another resident last night.',
      alternativesConsidered: 'Two in-house carers, one IFA: all checked.',
      childToldAgreed: 'false',
    };
    expect(errorsFor({ ...urgent, virtualSchoolConsulted: 'no', virtualSchoolAdvice: '' }).virtualSchoolAdvice).toMatch(/not been asked yet/);
    expect(errorsFor({ ...urgent, virtualSchoolConsulted: 'no', virtualSchoolAdvice: 'Out of hours; will call them at 9am.' })).toEqual({});
  });

  test('every problem is reported at once, one message per field', () => {
    const errors = errorsFor({ caseRef: '', urgency: 'urgent', rationale: 'x' });
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['caseRef', 'rationale', 'safeguardingIssue', 'alternativesConsidered', 'proposedDate', 'reasonCode']));
  });
});

describe("the child's voice on a move request: what the child said, or why they were not asked, and whether an advocate was offered", () => {
  test('what the child said and the advocate answer are kept with the request', () => {
    expect(moveRequestFormSchema(TODAY).parse(valid).childVoice).toEqual({ said: valid.childSaid, notAskedBecause: null, advocateOffered: true });
  });

  test('why the child was not asked is enough in place of what they said', () => {
    const parsed = moveRequestFormSchema(TODAY).parse({ ...valid, childSaid: '', childNotAskedBecause: 'He is two years old.', advocateOffered: 'no' });
    expect(parsed.childVoice).toEqual({ said: null, notAskedBecause: 'He is two years old.', advocateOffered: false });
  });

  test.each([
    ['neither what the child said nor why not: refused', { childSaid: '', childNotAskedBecause: '' }, 'childSaid', /^Record what the child said, or why they were not asked\.$/],
    ['no answer about an advocate: refused', { advocateOffered: '' }, 'advocateOffered', /^Say yes or no: was the child offered an advocate\?$/],
    ['an advocate answer other than yes or no: refused', { advocateOffered: 'perhaps' }, 'advocateOffered', /yes or no/],
    ['what the child said longer than 4000 characters: refused', { childSaid: 'x'.repeat(4001) }, 'childSaid', /at most 4000/],
  ])('%s', (_name, change, field, message) => {
    expect(errorsFor({ ...valid, ...change })[field]).toMatch(message);
  });

  test('a missing voice is reported together with every other problem', () => {
    expect(Object.keys(errorsFor({ ...valid, rationale: '', childSaid: '', advocateOffered: '' }))).toEqual(expect.arrayContaining(['rationale', 'childSaid', 'advocateOffered']));
  });
});

describe('a decision', () => {
  test.each([
    [{ outcome: 'approved' }, true],
    [{ outcome: 'declined' }, false],
    [{ outcome: 'declined', comment: 'Try a support package first.' }, true],
    [{ outcome: 'info' }, false],
    [{ outcome: 'info', comment: 'What did the Virtual School say about transport?' }, true],
    [{ outcome: 'maybe' }, false],
  ])('%o is %s', (input, ok) => {
    expect(decisionFormSchema.safeParse(input).success).toBe(ok);
  });
});

describe('moves in the last 12 months (the local measure window)', () => {
  test.each([
    [['2025-11-23'], 0, 'a move on the same date a year before is outside'],
    [['2025-11-24'], 1, 'the day after is inside'],
    [['2026-11-23'], 1, 'a move today is inside'],
    [['2026-11-24'], 0, 'a move after today is not counted'],
    [['2026-01-01', '2026-06-01', '2025-01-01'], 2, 'only the moves inside count'],
  ])('%o -> %i (%s)', (dates, count) => {
    expect(movesInLast12Months(dates, TODAY)).toBe(count);
  });
});

describe('follow-up steps after approval', () => {
  const kinds = (steps: ReturnType<typeof followUpsFor>) => Object.fromEntries(steps.map((s) => [s.kind, s.dueDate]));

  test('planned move: planning meeting and plan by the move date (PLAN-1), visit within a week (AFTER-1), coding within 2 days (MOVE-7)', () => {
    expect(kinds(followUpsFor({ urgency: 'planned', educationDisrupted: 'no', virtualSchoolConsulted: true }, '2026-12-07'))).toEqual({
      'planning-meeting': '2026-12-07',
      'placement-plan': '2026-12-07',
      'sw-visit': '2026-12-14',
      'code-move': '2026-12-09',
    });
  });

  test('urgent move: planning meeting within 72 hours and plan within 5 days of the move (PLAN-1)', () => {
    const due = kinds(followUpsFor({ urgency: 'urgent', educationDisrupted: 'no', virtualSchoolConsulted: true }, '2026-12-30'));
    expect(due['planning-meeting']).toBe('2027-01-02');
    expect(due['placement-plan']).toBe('2027-01-04');
  });

  test('education disrupted or not known: tell the Virtual School (MOVE-10); not yet consulted: ask them (MOVE-4)', () => {
    const steps = followUpsFor({ urgency: 'urgent', educationDisrupted: 'unknown', virtualSchoolConsulted: false }, '2026-12-07');
    expect(steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['virtual-school-told', 'virtual-school-advice']));
    expect(steps.find((s) => s.kind === 'virtual-school-told')!.ruleIds).toEqual(['MOVE-10']);
  });
});

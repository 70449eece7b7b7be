// Rule ids are for the people who build and audit the bot: what a practitioner reads says the rule in
// words. A reason written with its ids in brackets (the domain's way of keeping wording and source
// together) is read without them; the messages of the forms name no ids at all.
import { fragilityAlertFormSchema } from '../../src/domain/alerts';
import { validateMeetingDate } from '../../src/domain/meetings';
import { fieldErrors, moveRequestFormSchema, virtualSchoolReasons } from '../../src/domain/moves';
import { splitRuleIds, withoutRuleIds } from '../../src/domain/ruleIds';
import { validMoveForm } from '../support/fixtures';

const TODAY = '2026-11-23';
const BRACKETED_ID = /\((?:[A-Z]{2,6}-\d+|Meetings table)[^()]*\)/;

describe('rule ids in words: a practitioner reads the rule, never an id in brackets', () => {
  test('a reason splits into its words and its ids; words in brackets that are not ids stay', () => {
    expect(splitRuleIds('Held at least six weeks after the ending (2026-03-01), so on or after 2026-04-12 (END-2; Meetings table, 003).')).toEqual({
      words: 'Held at least six weeks after the ending (2026-03-01), so on or after 2026-04-12.',
      ids: ['END-2; Meetings table, 003'],
    });
    expect(withoutRuleIds('Hold it soon (FRAG-5).')).toBe('Hold it soon.');
  });

  test('every message of the move request form, with every conditional rule broken, is in words only (MOVE-1 to MOVE-7)', () => {
    const broken = validMoveForm({
      proposedDate: '2026-12-07',
      urgency: 'planned',
      reasonCode: 'OTHER',
      reasonOther: 'short',
      rationale: 'too short',
      childToldPlan: 'soon',
      childToldAgreed: 'false',
      virtualSchoolConsulted: 'no',
      followsAllegation: 'yes',
      nextPlacementCanKeepForMonths: 'false',
    });
    const urgent = validMoveForm({
      proposedDate: '2026-12-07',
      urgency: 'urgent',
      safeguardingIssue: '',
      alternativesConsidered: '',
      virtualSchoolConsulted: 'no',
      virtualSchoolAdvice: '',
    });
    const messages = [broken, urgent].flatMap((form) => {
      const result = moveRequestFormSchema(TODAY).safeParse(form);
      return result.success ? [] : Object.values(fieldErrors(result.error));
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        'The rationale for the move needs at least 20 characters.',
        'Ask the Virtual School for advice before requesting a planned move.',
        'An urgent move is only for an immediate safeguarding issue: describe it.',
        'After an allegation, the next placement must be able to keep the child for months, not a week or two: confirm it.',
      ]),
    );
    for (const message of messages) expect(message).not.toMatch(BRACKETED_ID);
  });

  test('the alert form (FRAG-1, FRAG-2, MOVE-3) and a meeting date refused (END-2) say their rule in words only', () => {
    const alert = fragilityAlertFormSchema(TODAY).safeParse({
      caseRef: 'CR-1001',
      triggers: '',
      description: 'short',
      immediateSafeguardingRisk: 'maybe',
      noticedOn: '2020-01-01',
    });
    const messages = alert.success ? [] : Object.values(fieldErrors(alert.error));
    expect(messages).toContain('Say yes or no: is there an immediate safeguarding risk?');
    const early = validateMeetingDate('disruption', { today: TODAY, placementEnded: TODAY, date: '2026-11-30' });
    expect(early.ok ? '' : early.reason).toMatch(/^Too early: A Disruption Meeting is held at least six weeks after the placement ended/);
    for (const message of [...messages, early.ok ? '' : early.reason]) expect(message).not.toMatch(BRACKETED_ID);
  });

  test('the Virtual School is told why in words, each reason with its rule kept apart (MOVE-10, MOVE-4)', () => {
    expect(virtualSchoolReasons({ educationDisrupted: 'unknown', virtualSchoolConsulted: false })).toEqual([
      { text: 'the move may disrupt education or training', ruleId: 'MOVE-10' },
      { text: "the Virtual School's advice has not been given yet", ruleId: 'MOVE-4' },
    ]);
    expect(virtualSchoolReasons({ educationDisrupted: 'no', virtualSchoolConsulted: true })).toEqual([]);
  });
});

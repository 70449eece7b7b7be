// Fragility alerts, specified rule by rule (DOMAIN.md "Rules for a fragile placement"). Each
// describe block is one rule; each row of its table is one case.
import {
  FRAGILITY_TRIGGERS,
  FRAGILITY_TRIGGER_IDS,
  alertRecipients,
  canRaiseAlertFor,
  describeChildVoice,
  fragilityAlertFormSchema,
  panelDecisionSchema,
  suggestedPanels,
  type PanelId,
  suggestNextSteps,
  triggerLabel,
  type FragilityTriggerId,
  type NextStepKind,
  type NextStepsInput,
} from '../../src/domain/alerts';
import { fieldErrors } from '../../src/domain/moves';
import type { Child } from '../../src/domain/people';
import { fiona, hana, ian, ifaFoster, inHouseFoster, ivy, kinship, pat, perry, priya, residential, roster, sally, sam, steve, sue, tom, val } from './meetingFixtures';

const TODAY = '2026-03-10';

const validForm = {
  caseRef: 'CR-1001',
  triggers: 'carer-struggling,fragile-relationship',
  description: 'Carer rang to say the evenings have become very hard since the school exclusion.',
  immediateSafeguardingRisk: 'no',
  supportInPlace: '',
};

function parse(form: Record<string, unknown>) {
  return fragilityAlertFormSchema(TODAY).safeParse(form);
}

function errorsOf(form: Record<string, unknown>) {
  const result = parse(form);
  return result.success ? {} : fieldErrors(result.error);
}

describe('FRAG-2: the triggers are data, one per sign the rule lists', () => {
  test('seven triggers, each with an id, a plain label and a description', () => {
    expect(FRAGILITY_TRIGGER_IDS).toEqual([
      'review-concern',
      'allegation-or-complaint',
      'missing-or-absent',
      'fragile-relationship',
      'child-wants-to-leave',
      'carer-struggling',
      'needs-not-met',
    ]);
    for (const trigger of FRAGILITY_TRIGGERS) {
      expect(trigger.label.length).toBeGreaterThan(5);
      expect(trigger.description.length).toBeGreaterThan(trigger.label.length);
    }
    expect(triggerLabel('missing-or-absent')).toBe('Going missing or often absent');
    expect(triggerLabel('nonsense')).toBe('nonsense');
  });

  test.each<[string, unknown, FragilityTriggerId[] | string]>([
    ['FRAG-2: one trigger', 'allegation-or-complaint', ['allegation-or-complaint']],
    ['FRAG-2: a multi-select ChoiceSet value, comma-separated, put in the rule\u2019s order', 'needs-not-met,review-concern', ['review-concern', 'needs-not-met']],
    ['FRAG-2: spaces and repeats are tidied', ' carer-struggling , carer-struggling,', ['carer-struggling']],
    ['FRAG-2: an array is accepted too', ['child-wants-to-leave', 'missing-or-absent'], ['missing-or-absent', 'child-wants-to-leave']],
    ['FRAG-2: none chosen is refused', '', 'Choose at least one sign that the placement is at risk.'],
    ['FRAG-2: a missing field is refused', undefined, 'Choose at least one sign that the placement is at risk.'],
    ['FRAG-2: an unknown id is refused', 'carer-struggling,bad-weather', 'Not one of the signs listed: bad-weather. Choose from the list.'],
  ])('%s', (_name, triggers, expected) => {
    const result = parse({ ...validForm, triggers });
    if (typeof expected === 'string') {
      expect(result.success).toBe(false);
      if (!result.success) expect(fieldErrors(result.error).triggers).toBe(expected);
    } else {
      expect(result.success).toBe(true);
      if (result.success) expect(result.data.triggers).toEqual(expected);
    }
  });
});

describe('The alert form: field messages name the rule', () => {
  test('a complete form gives the alert details', () => {
    const result = parse({ ...validForm, supportInPlace: 'Weekly SSW visits and respite one weekend a month.', noticedOn: '2026-03-08' });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data).toEqual({
        caseRef: 'CR-1001',
        triggers: ['fragile-relationship', 'carer-struggling'],
        description: validForm.description,
        essentialServiceUnavailable: false,
        costedExternalServiceNeeded: false,
        childVoice: { said: null, notAskedBecause: null, advocateOffered: null },
        immediateSafeguardingRisk: false,
        supportInPlace: 'Weekly SSW visits and respite one weekend a month.',
        supportAlreadyTried: true,
        noticedOn: '2026-03-08',
      });
    }
  });

  test.each<[string, Record<string, unknown>, string, string | undefined]>([
    ['no child chosen', { caseRef: '' }, 'caseRef', 'Choose the child.'],
    ['FRAG-1: the description needs 20 characters', { description: 'Not good.' }, 'description', 'A description of what is happening needs at least 20 characters.'],
    [
      'MOVE-3/MOVE-11: the safeguarding question must be answered',
      { immediateSafeguardingRisk: undefined },
      'immediateSafeguardingRisk',
      'Say yes or no: is there an immediate safeguarding risk?',
    ],
    ['MOVE-3/MOVE-11: only yes or no', { immediateSafeguardingRisk: 'maybe' }, 'immediateSafeguardingRisk', 'Say yes or no: is there an immediate safeguarding risk?'],
    ['support in place is optional', { supportInPlace: undefined }, 'supportInPlace', undefined],
    ['the noticed date cannot be in the future', { noticedOn: '2026-03-11' }, 'noticedOn', 'The date the signs were noticed cannot be in the future.'],
    [
      'FRAG-1: the noticed date must be within the last year',
      { noticedOn: '2025-01-01' },
      'noticedOn',
      'The signs must have been noticed within the last year: raise what is happening now.',
    ],
    ['the noticed date must be a date', { noticedOn: '31/02/2026' }, 'noticedOn', 'Give the date the signs were noticed as a date.'],
  ])('%s', (_name, change, field, message) => {
    expect(errorsOf({ ...validForm, ...change })[field]).toBe(message);
  });

  test('without support described, support has not been tried; noticedOn defaults to today', () => {
    const result = parse(validForm);
    expect(result.success && result.data).toMatchObject({ supportInPlace: null, supportAlreadyTried: false, noticedOn: TODAY, immediateSafeguardingRisk: false });
  });
});

describe('FRAG-1: the child\u2019s social worker, their team manager and the supervising social worker hear about an alert', () => {
  const ids = (child: Child, raisedBy?: string) => alertRecipients(child, roster, { raisedBy }).recipients.map((r) => [r.personId, r.roles.join('+')]);

  test.each<[string, Child, string | undefined, string[][]]>([
    [
      'FRAG-1: foster placement: SW, team manager, SSW',
      inHouseFoster,
      undefined,
      [
        [sam.id, 'social_worker'],
        [tom.id, 'team_manager'],
        [steve.id, 'supervising_social_worker'],
      ],
    ],
    [
      'FRAG-1: the person who raised it is not told again',
      inHouseFoster,
      sam.id,
      [
        [tom.id, 'team_manager'],
        [steve.id, 'supervising_social_worker'],
      ],
    ],
    [
      'FRAG-1: the raiser is matched whatever the case of their email',
      inHouseFoster,
      'Steve.SSW@Example.org',
      [
        [sam.id, 'social_worker'],
        [tom.id, 'team_manager'],
      ],
    ],
    [
      'FRAG-1: residential placement with no SSW: SW and the team manager for the child\u2019s team',
      residential,
      undefined,
      [
        [priya.id, 'social_worker'],
        [sue.id, 'team_manager'],
      ],
    ],
  ])('%s', (_name, child, raisedBy, expected) => {
    expect(ids(child, raisedBy)).toEqual(expected);
  });

  test('FRAG-1: each recipient carries why they are told, citing the rule', () => {
    const { recipients } = alertRecipients(ifaFoster, roster);
    for (const r of recipients) {
      expect(r.ruleIds).toEqual(['FRAG-1']);
      expect(r.reason).toMatch(/\(FRAG-1\)/);
    }
  });

  test('FRAG-1: one person holding two of the roles is told once, with both reasons', () => {
    const child = { ...inHouseFoster, socialWorker: tom.id };
    const { recipients } = alertRecipients(child, roster);
    expect(recipients.filter((r) => r.personId === tom.id)).toEqual([expect.objectContaining({ roles: ['social_worker', 'team_manager'] })]);
  });

  test.each<[string, Child, Array<{ role: string; email: string | null }>]>([
    [
      'FRAG-1: a social worker not on the roster is reported with their email',
      { ...inHouseFoster, socialWorker: 'agency.worker@example.org' },
      [{ role: 'social_worker', email: 'agency.worker@example.org' }],
    ],
    ['FRAG-1: no allocated social worker is reported', { ...inHouseFoster, socialWorker: null }, [{ role: 'social_worker', email: null }]],
    ['FRAG-1: no team manager for the team is reported', { ...inHouseFoster, team: 'East' }, [{ role: 'team_manager', email: null }]],
    ['FRAG-1: a foster placement without an SSW is reported', { ...kinship, supervisingSocialWorker: null }, [{ role: 'supervising_social_worker', email: null }]],
    ['FRAG-1: a residential placement without an SSW is not a gap', residential, []],
  ])('%s', (_name, child, expected) => {
    expect(alertRecipients(child, roster).unreachable.map(({ role, email }) => ({ role, email }))).toEqual(expected);
  });

  test('FRAG-1: the fostering manager, IRO and Virtual School are not told of every alert', () => {
    const told = alertRecipients(inHouseFoster, roster).recipients.map((r) => r.personId);
    expect(told).not.toEqual(expect.arrayContaining([fiona.id]));
    expect(told).not.toContain(ivy.id);
    expect(told).not.toContain(val.id);
  });
});

// ---- next steps -------------------------------------------------------------------------------

const base: NextStepsInput = {
  triggers: ['carer-struggling'],
  immediateRisk: false,
  supportAlreadyTried: false,
  openAlertsOnChild: 0,
  priorMeetings: [],
  placementType: 'U4',
  placementProvider: 'PR1',
};
const kinds = (input: Partial<NextStepsInput>) => suggestNextSteps({ ...base, ...input }).steps.map((s) => s.kind);

describe('FRAG-5: added support comes first; a Placement Stability Meeting when it has not been enough', () => {
  test.each<[string, Partial<NextStepsInput>, NextStepKind[]]>([
    ['FRAG-5: first signs: added support, then a support meeting, then a multi-agency meeting', {}, ['added-support', 'support-meeting', 'multi-agency-meeting']],
    ['FRAG-5: support already tried: a Stability Meeting, and no more "support first"', { supportAlreadyTried: true }, ['stability-meeting', 'multi-agency-meeting']],
    [
      'FRAG-5: a support meeting already held and the placement still wobbling: support was not enough',
      { priorMeetings: [{ type: 'support', date: '2026-02-01' }] },
      ['stability-meeting', 'multi-agency-meeting'],
    ],
    [
      'FRAG-5: residential placements have Stability Meetings',
      { supportAlreadyTried: true, placementType: 'K2', placementProvider: 'PR4' },
      ['stability-meeting', 'multi-agency-meeting'],
    ],
    [
      'FRAG-5: semi-independent placements have Stability Meetings',
      { supportAlreadyTried: true, placementType: 'H5', placementProvider: 'PR5' },
      ['stability-meeting', 'multi-agency-meeting'],
    ],
    [
      'FRAG-5: placed with parents has no Stability Meeting: a further support meeting instead',
      { supportAlreadyTried: true, placementType: 'P1', placementProvider: 'PR0' },
      ['support-meeting', 'multi-agency-meeting'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(kinds(input)).toEqual(expected);
  });

  test('FRAG-5: a Stability Meeting already held: the next one in the series, with its review', () => {
    const advice = suggestNextSteps({
      ...base,
      supportAlreadyTried: true,
      priorMeetings: [
        { type: 'stability', date: '2026-02-01' },
        { type: 'multi-agency', date: '2026-02-03' },
      ],
    });
    expect(advice.steps).toEqual([
      expect.objectContaining({
        kind: 'stability-meeting',
        meetingType: 'stability',
        ruleIds: ['FRAG-5'],
        title: expect.stringMatching(/next Placement Stability Meeting in the series/),
      }),
    ]);
  });

  test('FRAG-5: the note on a non-stability placement names the rule', () => {
    const advice = suggestNextSteps({ ...base, supportAlreadyTried: true, placementType: 'P1', placementProvider: 'PR0' });
    expect(advice.notes).toContainEqual(expect.objectContaining({ ruleIds: ['FRAG-5', 'FRAG-4'] }));
  });

  test('FRAG-5: other open alerts on the child are pointed out', () => {
    expect(suggestNextSteps({ ...base, openAlertsOnChild: 2 }).notes).toContainEqual({
      text: expect.stringMatching(/^This child has 2 other open alerts: look at them together/),
      ruleIds: ['FRAG-5'],
    });
    expect(suggestNextSteps({ ...base, openAlertsOnChild: 1 }).notes.some((n) => /1 other open alert:/.test(n.text))).toBe(true);
    expect(suggestNextSteps(base).notes.some((n) => /open alert/.test(n.text))).toBe(false);
  });
});

describe('FRAG-4: a Placement Support Meeting as soon as there are signs of instability', () => {
  test.each<[string, Partial<NextStepsInput>, string | null]>([
    ['FRAG-4: first signs: the meeting to convene is a Placement Support Meeting', {}, 'support'],
    ['FRAG-4: every trigger is a sign of instability', { triggers: ['review-concern'] }, 'support'],
    ['FRAG-4: signs persist after a support meeting: the card moves on to a Stability Meeting (FRAG-5)', { priorMeetings: [{ type: 'support', date: '2026-02-01' }] }, 'stability'],
  ])('%s', (_name, input, convene) => {
    expect(suggestNextSteps({ ...base, ...input }).convene).toBe(convene);
  });

  test('FRAG-4: the support meeting step cites FRAG-4 and the Virtual School (MOVE-4)', () => {
    const step = suggestNextSteps(base).steps.find((s) => s.kind === 'support-meeting');
    expect(step).toMatchObject({ meetingType: 'support', ruleIds: ['FRAG-4', 'MOVE-4'] });
  });
});

describe('FRAG-3: a fragile placement gets a multi-agency planning meeting', () => {
  test.each<[string, Partial<NextStepsInput>, boolean]>([
    ['FRAG-3: none held yet: suggested', {}, true],
    ['FRAG-3: suggested alongside a Stability Meeting', { supportAlreadyTried: true }, true],
    ['FRAG-3: already held on this placement: not suggested again', { priorMeetings: [{ type: 'multi-agency', date: '2026-01-20' }] }, false],
  ])('%s', (_name, input, suggested) => {
    const step = suggestNextSteps({ ...base, ...input }).steps.find((s) => s.kind === 'multi-agency-meeting');
    expect(step !== undefined).toBe(suggested);
    if (step) expect(step).toMatchObject({ meetingType: 'multi-agency', ruleIds: ['FRAG-3'] });
  });
});

describe('FRAG-6: escalation to the Placement Stability Panel when an essential service cannot be got', () => {
  test.each<[string, Partial<NextStepsInput>, boolean]>([
    ['FRAG-6: an essential service is unavailable: escalate', { essentialServiceUnavailable: true }, true],
    ['FRAG-6: otherwise no escalation is suggested', {}, false],
  ])('%s', (_name, input, suggested) => {
    const step = suggestNextSteps({ ...base, ...input }).steps.find((s) => s.kind === 'stability-panel');
    expect(step !== undefined).toBe(suggested);
    if (step) expect(step.ruleIds).toContain('FRAG-6');
  });
});

describe('FRAG-7: costed external services go to the Commissioning Panel first', () => {
  test.each<[string, Partial<NextStepsInput>, boolean]>([
    ['FRAG-7: a costed external service is needed: Commissioning Panel', { costedExternalServiceNeeded: true }, true],
    ['FRAG-7: no costed service: no panel', {}, false],
  ])('%s', (_name, input, suggested) => {
    const step = suggestNextSteps({ ...base, ...input }).steps.find((s) => s.kind === 'commissioning-panel');
    expect(step !== undefined).toBe(suggested);
    if (step) expect(step).toMatchObject({ ruleIds: ['FRAG-7'], detail: expect.stringMatching(/social worker presents/) });
  });

  test('FRAG-7 then FRAG-6: the panels come after the meetings', () => {
    expect(kinds({ supportAlreadyTried: true, costedExternalServiceNeeded: true, essentialServiceUnavailable: true })).toEqual([
      'stability-meeting',
      'multi-agency-meeting',
      'commissioning-panel',
      'stability-panel',
    ]);
  });
});

describe('MOVE-3 / MOVE-11: an immediate safeguarding risk is urgent; otherwise endings are planned', () => {
  test.each<[string, boolean, boolean, NextStepKind | undefined]>([
    ['MOVE-3: immediate risk: urgent, and acting on it comes first', true, true, 'act-on-safeguarding'],
    ['MOVE-11: no immediate risk: not urgent, support comes first', false, false, 'added-support'],
  ])('%s', (_name, immediateRisk, urgent, first) => {
    const advice = suggestNextSteps({ ...base, immediateRisk });
    expect(advice.urgent).toBe(urgent);
    expect(advice.steps[0]?.kind).toBe(first);
  });

  test('MOVE-3/MOVE-11: the safeguarding step says to act now and cites the rules', () => {
    const step = suggestNextSteps({ ...base, immediateRisk: true }).steps[0];
    expect(step).toMatchObject({ urgent: true, meetingType: null, ruleIds: ['FRAG-1', 'MOVE-3', 'MOVE-11'] });
    expect(step.detail).toMatch(/straight away/);
    expect(step.detail).toMatch(/urgent move is for an immediate safeguarding issue only/);
  });

  test('MOVE-3: with immediate risk "support first" and a support meeting are dropped; the card offers a Stability Meeting', () => {
    const advice = suggestNextSteps({ ...base, immediateRisk: true });
    expect(advice.steps.map((s) => s.kind)).toEqual(['act-on-safeguarding', 'stability-meeting', 'multi-agency-meeting']);
    expect(advice.steps.find((s) => s.kind === 'stability-meeting')?.urgent).toBe(true);
    expect(advice.convene).toBe('stability');
  });

  test('MOVE-11: without immediate risk the advice notes that any ending is planned', () => {
    expect(suggestNextSteps(base).notes).toContainEqual(expect.objectContaining({ ruleIds: ['MOVE-11', 'MOVE-3'] }));
    expect(suggestNextSteps({ ...base, immediateRisk: true }).notes.some((n) => n.ruleIds.includes('MOVE-11'))).toBe(false);
  });
});

describe('MOVE-6: an allegation against a foster carer', () => {
  test.each<[string, Partial<NextStepsInput>, boolean]>([
    ['MOVE-6: allegation in a foster placement: the note is shown', { triggers: ['allegation-or-complaint'] }, true],
    ['MOVE-6: allegation in a children\u2019s home: no foster-carer note', { triggers: ['allegation-or-complaint'], placementType: 'K2', placementProvider: 'PR4' }, false],
    ['MOVE-6: no allegation: no note', { triggers: ['missing-or-absent'] }, false],
  ])('%s', (_name, input, shown) => {
    expect(suggestNextSteps({ ...base, ...input }).notes.some((n) => n.ruleIds.includes('MOVE-6'))).toBe(shown);
  });
});

describe('FRAG-1: who may raise an alert on a child (those who work with the placement)', () => {
  test.each([
    ['the child\u2019s social worker', sam, true],
    ['the team manager of the child\u2019s team', tom, true],
    ['the carers\u2019 supervising social worker', steve, true],
    ['the child\u2019s IRO', ivy, true],
    ['a social worker in another team', priya, false],
    ['FRAG-1: the Virtual School covering the child\u2019s team', val, true],
    ['FRAG-1: the fostering manager covering the child\u2019s team', fiona, true],
    ['FRAG-1: the placements team covering the child\u2019s team', pat, true],
    ['FRAG-1: an IRO who is not this child\u2019s IRO', ian, true],
    ['the performance team (reads figures, does not work with the child)', perry, false],
    ['a team manager of another team', sue, false],
  ] as const)('%s: %s', (_who, person, allowed) => {
    expect(canRaiseAlertFor(person, inHouseFoster)).toBe(allowed);
  });
});

describe('FRAG-1: with no team manager for the team, the service manager and the Head of Service are told', () => {
  test('FRAG-1: no team manager covers the team: the service manager and Head of Service hear instead of nobody', () => {
    const noManagers = roster.filter((p) => p.id !== sue.id);
    const audience = alertRecipients(residential, noManagers);
    expect(audience.recipients.map((r) => [r.personId, r.roles.join('+')])).toEqual([
      [priya.id, 'social_worker'],
      [sally.id, 'service_manager'],
      [hana.id, 'head_of_service'],
    ]);
    expect(audience.unreachable).toEqual([]);
    expect(audience.recipients.find((r) => r.personId === hana.id)?.reason).toMatch(/No team manager/);
  });

  test('FRAG-1: with a team manager, the service manager and Head of Service are not told of every alert', () => {
    const told = alertRecipients(residential, roster).recipients.map((r) => r.personId);
    expect(told).not.toContain(sally.id);
    expect(told).not.toContain(hana.id);
  });
});

describe('MOVE-3 / MOVE-6: an urgent allegation or a child hurt or at risk leads with the safeguarding procedures', () => {
  test('MOVE-3: an urgent allegation against the carer leads with the allegations process and drops support-first advice', () => {
    const advice = suggestNextSteps({ ...base, triggers: ['allegation-or-complaint'], immediateRisk: true });
    expect(advice.steps[0].title).toBe('Act on your safeguarding procedures now: an allegation against a carer goes to the council\u2019s allegations process');
    expect(advice.steps[0].detail).toMatch(/allegations against people who work with children/);
    expect(advice.steps.map((s) => s.kind)).not.toContain('added-support');
    expect(advice.steps.map((s) => s.kind)).not.toContain('support-meeting');
  });

  test('MOVE-3: a child hurt or at risk (no allegation) leads with the child protection procedures', () => {
    const step = suggestNextSteps({ ...base, triggers: ['missing-or-absent'], immediateRisk: true }).steps[0];
    expect(step.title).toBe('Act on your safeguarding procedures now');
    expect(step.detail).toMatch(/child protection procedures today/);
  });

  test('MOVE-6: after an allegation in foster care the next-placement rule is the first note', () => {
    const advice = suggestNextSteps({ ...base, triggers: ['allegation-or-complaint'], immediateRisk: true });
    expect(advice.notes[0].ruleIds).toEqual(['MOVE-6']);
  });
});

describe('FRAG-6 / FRAG-7: panels suggested from the alert\u2019s answers, and the decision recorded back', () => {
  test('FRAG-6/FRAG-7: the form\u2019s two questions set the panel flags (empty means no)', () => {
    const result = fragilityAlertFormSchema(TODAY).safeParse({ ...validForm, essentialServiceUnavailable: 'yes', costedExternalServiceNeeded: '' });
    expect(result.success && result.data).toMatchObject({ essentialServiceUnavailable: true, costedExternalServiceNeeded: false });
    expect(fragilityAlertFormSchema(TODAY).safeParse({ ...validForm, essentialServiceUnavailable: 'perhaps' }).success).toBe(false);
  });

  test.each<[string, Partial<NextStepsInput>, PanelId[]]>([
    ['FRAG-6: an essential service not obtainable: the Placement Stability Panel', { essentialServiceUnavailable: true }, ['stability-panel']],
    ['FRAG-7: a costed external service: the Commissioning Panel', { costedExternalServiceNeeded: true }, ['commissioning-panel']],
    ['FRAG-6/FRAG-7: neither: no panel', {}, []],
  ])('%s', (_name, input, panels) => {
    expect(suggestedPanels(suggestNextSteps({ ...base, ...input }))).toEqual(panels);
  });

  test.each<[string, Record<string, unknown>, string | null]>([
    ['FRAG-6: a decision agreed on a past date is accepted', { panel: 'stability-panel', outcome: 'agreed', decidedOn: '2026-03-09' }, null],
    ['FRAG-6: the decision must say agreed or not', { panel: 'stability-panel', outcome: 'maybe', decidedOn: '2026-03-09' }, 'Say whether the panel agreed.'],
    [
      'FRAG-6: the decision cannot be dated in the future',
      { panel: 'stability-panel', outcome: 'agreed', decidedOn: '2026-03-11' },
      'The panel\u2019s decision cannot be dated in the future.',
    ],
    [
      'FRAG-6: nor before the referral',
      { panel: 'stability-panel', outcome: 'agreed', decidedOn: '2026-03-01' },
      'The panel cannot have decided before the case was referred to it.',
    ],
    ['FRAG-7: only the two panels', { panel: 'cabinet', outcome: 'agreed', decidedOn: '2026-03-09' }, 'Choose the Placement Stability Panel or the Commissioning Panel.'],
  ])('%s', (_name, input, message) => {
    const result = panelDecisionSchema(TODAY, '2026-03-05').safeParse(input);
    expect(result.success ? null : Object.values(fieldErrors(result.error))[0]).toBe(message);
  });
});

describe('The child\u2019s voice: the alert records the child\u2019s wishes and feelings, or why they were not asked, and the advocate', () => {
  test('child\u2019s voice: what the child said and the advocate offer are kept', () => {
    const result = fragilityAlertFormSchema(TODAY).safeParse({ ...validForm, childSaid: '  I want to stay but not with the shouting. ', advocateOffered: 'yes' });
    expect(result.success && result.data.childVoice).toEqual({ said: 'I want to stay but not with the shouting.', notAskedBecause: null, advocateOffered: true });
  });

  test('child\u2019s voice: why the child was not asked is kept instead', () => {
    const result = fragilityAlertFormSchema(TODAY).safeParse({ ...validForm, childNotAskedBecause: 'He was asleep when the carer rang.', advocateOffered: 'no' });
    expect(result.success && result.data.childVoice).toEqual({ said: null, notAskedBecause: 'He was asleep when the carer rang.', advocateOffered: false });
  });

  test('child\u2019s voice: the advocate answer is yes or no only', () => {
    expect(errorsOf({ ...validForm, advocateOffered: 'later' }).advocateOffered).toBe('Say yes or no: was the child offered an advocate?');
  });

  test('child\u2019s voice: a gap is said plainly on the card', () => {
    expect(describeChildVoice({ said: null, notAskedBecause: null, advocateOffered: null })).toEqual([
      'Not recorded: ask the child, or say why they were not asked.',
      'Advocate: not recorded.',
    ]);
    expect(describeChildVoice(undefined)).toEqual(['Not recorded (raised before the form asked).']);
  });
});

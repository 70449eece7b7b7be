// Placement meetings, specified rule by rule: The meeting catalogue and the placement codes it turns on.
// One describe block per rule; each table row is one case. The rules are DOMAIN.md's, the "Meetings
// table" cited with its seed numbers since it has no rule ids.
import {
  MEETINGS,
  MEETING_TYPES,
  MEETING_POLICIES,
  decisionsFor,
  type MeetingPolicy,
  isIfaPlacement,
  isInHouseFosterPlacement,
  placementSetting,
  type MeetingType,
} from '../../../src/domain/meetings';

describe('The meeting types are plain data', () => {
  test('five types, each with a label, purpose, timing, rule ids and sources', () => {
    expect(MEETING_TYPES).toEqual(['planning', 'support', 'stability', 'multi-agency', 'disruption']);
    expect(MEETING_TYPES.map((t) => MEETINGS[t].label)).toEqual([
      'Placement Planning Meeting',
      'Placement Support Meeting',
      'Placement Stability Meeting',
      'Multi-agency planning meeting',
      'Disruption Meeting',
    ]);
    for (const type of MEETING_TYPES) {
      const m = MEETINGS[type];
      expect(m.type).toBe(type);
      expect(m.purpose.length).toBeGreaterThan(40);
      expect(m.when.length).toBeGreaterThan(10);
      expect(m.ruleIds.length).toBeGreaterThan(0);
      expect(m.sources.every((s) => /^00[0-4]$/.test(s))).toBe(true);
    }
  });

  test.each<[MeetingType, string]>([
    ['planning', 'PLAN-1'],
    ['support', 'FRAG-4'],
    ['stability', 'FRAG-5'],
    ['multi-agency', 'FRAG-3'],
    ['disruption', 'END-2'],
  ])('%s meetings cite %s', (type, rule) => {
    expect(MEETINGS[type].ruleIds).toContain(rule);
  });
});

describe('Placement codes the rules turn on (PLACE U1-U6 foster, K1/K2/R1/S1 residential, H5/K3 semi-independent; PLACE_PROVIDER PR1 own, PR4/PR5 external)', () => {
  test.each<[string, string, string, boolean, boolean]>([
    ['U4', 'PR1', 'foster', false, true],
    ['U3', 'PR1', 'foster', false, true],
    ['U6', 'PR4', 'foster', true, false],
    ['U1', 'PR5', 'foster', true, false],
    ['U4', 'PR2', 'foster', false, false],
    ['K2', 'PR4', 'residential', false, false],
    ['R1', 'PR1', 'residential', false, false],
    ['H5', 'PR5', 'semi-independent', false, false],
    ['K3', 'PR4', 'semi-independent', false, false],
    ['P1', 'PR0', 'other', false, false],
    ['A5', 'PR1', 'other', false, false],
  ])('%s from %s: %s, IFA %s, in-house foster %s', (placementType, placementProvider, setting, ifa, inHouse) => {
    expect(placementSetting(placementType)).toBe(setting);
    expect(isIfaPlacement({ placementType, placementProvider })).toBe(ifa);
    expect(isInHouseFosterPlacement({ placementType, placementProvider })).toBe(inHouse);
  });
});

// ---- who is invited -------------------------------------------------------------------------

describe('Design: one policy per meeting type', () => {
  test('every meeting type has a policy holding each decision the rules make about it', () => {
    expect(Object.keys(MEETING_POLICIES).sort()).toEqual([...MEETING_TYPES].sort());
    for (const type of MEETING_TYPES) {
      const policy: MeetingPolicy = MEETING_POLICIES[type];
      expect(MEETINGS[type].label).toBe(policy.label);
      expect(decisionsFor(type)).toEqual([...policy.decisions]);
      expect(policy.decisions.length).toBeGreaterThan(0);
      expect(['before-placement-start', 'soon-after-signs', 'after-ending', 'open']).toContain(policy.timing.kind);
      expect(['independent', 'council-manager', 'team-manager-proposed']).toContain(policy.chair.kind);
      expect(policy.invite.socialWorker.reason.length).toBeGreaterThan(20);
    }
  });

  test('a policy that leaves out a decision does not compile', () => {
    // @ts-expect-error: `chair` and `outcome` missing; the compiler asks for every decision
    const incomplete: MeetingPolicy = { ...MEETING_POLICIES.planning, chair: undefined, outcome: undefined };
    expect(incomplete.label).toBe('Placement Planning Meeting');
  });
});

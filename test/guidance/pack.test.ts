import { GUIDANCE_ENTRIES } from '../../src/guidance/pack.data';
import { GuidancePackError, loadGuidancePack, uncoveredRuleIds, validatePack } from '../../src/guidance/pack';
import { DOMAIN_FACTS } from './domain';

describe('guidance pack', () => {
  const pack = loadGuidancePack();

  it('passes schema validation', () => {
    expect(pack.length).toBeGreaterThanOrEqual(40);
  });

  it('covers every rule id in DOMAIN.md', () => {
    const ruleIds = DOMAIN_FACTS.ruleIds;
    // 11 MOVE + 8 FRAG + 4 PLAN + 2 AFTER + 2 END; a drop here means the parser broke
    expect(ruleIds.length).toBeGreaterThanOrEqual(27);
    expect(uncoveredRuleIds(pack, ruleIds)).toEqual([]);
    expect(() => validatePack(GUIDANCE_ENTRIES, { requiredRuleIds: ruleIds })).not.toThrow();
  });

  it('only cites rule ids that exist in DOMAIN.md', () => {
    const known = new Set(DOMAIN_FACTS.ruleIds);
    const unknown = pack.flatMap((e) => e.rules.filter((r) => !known.has(r)).map((r) => `${e.id}: ${r}`));
    expect(unknown).toEqual([]);
  });

  it('has an entry for every meeting in the DOMAIN.md meetings table', () => {
    const meetings = DOMAIN_FACTS.meetings;
    expect(meetings.length).toBeGreaterThanOrEqual(5);
    for (const meeting of meetings) {
      const entry = pack.find((e) => e.title.toLowerCase().includes(meeting.toLowerCase()));
      expect({ meeting, found: Boolean(entry) }).toEqual({ meeting, found: true });
    }
  });

  it('gives every entry steps, sources and question forms, and a one-line answer', () => {
    for (const entry of pack) {
      expect(entry.steps.length).toBeGreaterThan(0);
      expect(entry.sources.length).toBeGreaterThan(0);
      expect(entry.questions.length).toBeGreaterThanOrEqual(2);
      expect(entry.answer).not.toMatch(/\n/);
    }
  });

  it('cites seed documents that exist', () => {
    const seedIds = new Set(DOMAIN_FACTS.seedIds);
    for (const entry of pack) {
      for (const source of entry.sources) {
        if (source.doc !== 'domain') expect(seedIds).toContain(source.doc);
      }
    }
  });

  it('keeps ids unique and related links resolvable', () => {
    const ids = pack.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of pack) for (const target of entry.related) expect(ids).toContain(target);
  });

  describe('validatePack rejects a broken pack', () => {
    const base = GUIDANCE_ENTRIES[0]!;

    it('duplicate ids', () => {
      expect(() => validatePack([base, { ...base }])).toThrow(/duplicate entry id 'move-approval'/);
    });

    it('related entries that do not exist', () => {
      expect(() => validatePack([{ ...base, related: ['no-such-entry'] }])).toThrow(/missing entry 'no-such-entry'/);
    });

    it('malformed entries, listing the field', () => {
      try {
        validatePack([{ ...base, id: 'Not Kebab', steps: [] }]);
        throw new Error('expected a GuidancePackError');
      } catch (err) {
        expect(err).toBeInstanceOf(GuidancePackError);
        const problems = (err as GuidancePackError).problems.join('\n');
        expect(problems).toMatch(/0\.id/);
        expect(problems).toMatch(/0\.steps/);
      }
    });

    it('a multi-line answer', () => {
      expect(() => validatePack([{ ...base, related: [], answer: 'one\ntwo lines here' }])).toThrow(/one line/);
    });

    it('rule ids no entry covers', () => {
      expect(() => validatePack([{ ...base, related: [] }], { requiredRuleIds: ['MOVE-1', 'END-9'] })).toThrow(/no entry covers rule END-9/);
    });
  });
});

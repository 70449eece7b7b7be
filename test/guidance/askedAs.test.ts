// Practitioners' phrasings of each pack entry (src/guidance/askedAs.data.ts): how people ask, in
// their own words, for what an entry answers. They are searched (at half the weight of the
// entry's own question forms) and never shown.
import { ASKED_AS } from '../../src/guidance/askedAs.data';
import { GUIDANCE_ENTRIES } from '../../src/guidance/pack.data';
import { GuidancePackError, loadGuidancePack, withAskedAs } from '../../src/guidance/pack';
import { GuidanceIndex } from '../../src/guidance/search';

describe("practitioners' phrasings of the pack's entries", () => {
  it('every entry has phrasings, and every phrasing belongs to an entry the pack has', () => {
    const ids = GUIDANCE_ENTRIES.map((entry) => entry.id);
    expect(Object.keys(ASKED_AS).sort()).toEqual([...ids].sort());
    for (const entry of loadGuidancePack()) expect(entry.askedAs?.length).toBeGreaterThanOrEqual(5);
  });

  it('phrasings for an entry the pack does not have are a broken pack', () => {
    expect(() => withAskedAs(GUIDANCE_ENTRIES, { 'no-such-entry': ['who signs off a move?'] })).toThrow(GuidancePackError);
  });

  it("a question in a practitioner's words finds the entry its phrasings point to", () => {
    const withPhrasings = new GuidanceIndex();
    const withoutPhrasings = new GuidanceIndex({ entries: loadGuidancePack().map(({ askedAs: _askedAs, ...entry }) => entry) });
    const question = 'whens the first visit due after a move';
    expect(withPhrasings.search(question).entryId).toBe('visit-after-placement');
    expect(withoutPhrasings.search(question).entryId).not.toBe('visit-after-placement');
  });

  it("a phrasing is searched, never shown: the answer is the entry's own", () => {
    const answer = new GuidanceIndex().search('whens the first visit due after a move');
    const entry = loadGuidancePack().find((e) => e.id === 'visit-after-placement')!;
    expect(answer.answer).toBe(entry.answer);
    expect(JSON.stringify(answer)).not.toContain(entry.askedAs![0]);
  });
});

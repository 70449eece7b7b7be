import { analyse, analyseQuery, analysingOnce, stem, words } from '../../src/guidance/text';
import { abbreviates, editDistance, SpellingCorrector } from '../../src/guidance/spelling';
import { COMMON_ENGLISH_WORDS, isEnglishWord } from '../../src/guidance/question';

describe('stem', () => {
  it.each([
    ['planning', 'plan'],
    ['planned', 'plan'],
    ['plans', 'plan'],
    ['coded', 'cod'],
    ['coding', 'cod'],
    ['code', 'cod'],
    ['agencies', 'agency'],
    ['process', 'process'],
    ['72', '72'],
  ])('%s -> %s', (word, expected) => expect(stem(word)).toBe(expected));

  it('stems "agreed" as "agree" (a verb ending in -ee takes only a d)', () => {
    expect(stem('agreed')).toBe(stem('agree'));
    expect(stem('guaranteed')).toBe(stem('guarantee'));
    expect(stem('needed')).toBe(stem('need'));
  });

  it('joins a noun in -sion to its verb', () => {
    expect(stem('discussion')).toBe(stem('discussed'));
    expect(stem('discussions')).toBe(stem('discuss'));
    expect(stem('supervision')).toBe(stem('supervise'));
    expect(stem('revision')).toBe(stem('revised'));
    // short words keep their ending
    expect(stem('vision')).toBe('vision');
  });

  it('takes -ly off adverbs only: "reply" is not "rep", nor "apply" "ap"', () => {
    expect(stem('quickly')).toBe(stem('quick'));
    expect(stem('reply')).not.toBe(stem('rep'));
    expect(stem('applies')).toBe(stem('apply'));
    expect(stem('applying')).toBe(stem('apply'));
    expect(stem('bullying')).toBe(stem('bully'));
  });
});

describe('analyse', () => {
  const same = (a: string, b: string) => expect(analyse(a)).toEqual(analyse(b));

  it('maps practitioner synonyms onto one term', () => {
    same('LAC', 'looked after child');
    same('CLA', 'child in care');
    same('HoS', 'Head of Service');
    expect(analyseQuery('HARP')).toEqual([['harp', ...analyse('head of service')]]);
    same('SSW', 'supervising social worker');
    same('IRO', 'independent reviewing officer');
    same('PPM', 'placement planning meeting');
    same('IFA', 'independent fostering agency');
    same('kid', 'young person');
    same('YP', 'child');
    same('SW', 'social worker');
    same('VS', 'virtual school');
    same('breakdown', 'disruption');
    same('broken down', 'disrupted');
    same('sign off', 'authorise');
    // what is done as a rule: the guidance says "usually"
    same('is the YP normally at the stability meeting', 'is the YP usually at the stability meeting');
    same('typically', 'usually');
    // the day team taking over is who acts next; handing over to it is the out-of-hours service's workings
    same('does the day team need to hold a PPM', 'does we need to hold a PPM');
    expect(analyse('EDT handover to day team')).toContain('outofhoursservice');
    expect(analyse('what do I pass on to the day team')).toContain('outofhoursservice');
    // a plan that is vague or copied and pasted is one that is not bespoke
    same('too vague', 'too generic');
    same('copy-paste plans', 'bespoke plans');
    expect(analyse('a normal school day')).not.toContain(analyse('usually')[0]);
    same('approve', 'authorize');
    same("can't cope", 'struggling');
    same('no longer care for', 'struggling');
    same('wants to move', 'wants the placement to end');
    same('wants to leave', 'asking to move');
  });

  it("reads the field's own short forms as what they stand for", () => {
    same('PP', 'placement plan');
    same('is the PP done', 'is the placement plan done');
    expect(analyse('see pp. 12-14 of the procedure')).not.toContain('placementplan');
    same('CP concerns', 'child protection concerns');
    same('CiC', 'child in care');
    same('CIC', 'looked after child');
    same('RM', 'registered manager');
    same('PA', 'personal adviser');
    same('IPM', 'introduction planning meeting');
    same('DM', 'disruption meeting');
    same('SGO', 'special guardianship order');
    // a special guardianship order ends the child's looked-after status: it is not a legal status like s20
    expect(analyse('SGO')).not.toEqual(analyse('section 20'));
    same('EHCP', 'education, health and care plan');
    // however section 20 is typed
    for (const typed of ['s.20', 'S 20', 'sec 20', 'S20']) same(`${typed} child`, 'section 20 child');
    same('CPP', 'child protection plan');
    expect(analyse("the carer's 20 years in fostering")).not.toContain('legalorder');
    // the pack says "the council" for the local (responsible) authority
    same('LA', 'local authority');
    same('the responsible authority', 'the council');
    // "DM me" in chat is a direct message
    expect(analyse('DM me')).not.toContain('disruptionmeeting');
  });

  it('reads irregular forms of a stopword as the stopword, so its phrases still match', () => {
    same('who goes to the PSM', 'who should be at the stability meeting');
    same('who went to the PPM', 'who attends the planning meeting');
  });

  it('"sorted", like "sorted out", says a thing is done or arranged, not what it is', () => {
    same('is the PEP sorted', 'is the PEP');
    same('need the referral sorted by friday', 'need the referral by friday');
  });

  it('"vs" between two things compared is versus; asked, told or doing something it is the Virtual School', () => {
    same('stability meeting vs disruption meeting', 'stability meeting versus disruption meeting');
    same('planned vs unplanned ending', 'planned versus unplanned ending');
    same('do VS need to attend', 'does the Virtual School need to attend');
    same('notify VS about the move', 'notify the Virtual School about the move');
    same('IRO and VS', 'IRO and Virtual School');
  });

  it('"is it her call?" asks whose decision it is, which "who decides" already asks: no phone call', () => {
    same('who decides how he is told - is it her call?', 'who decides how he is told');
    same('who tells the child, whose call is it', 'who tells the child');
  });

  it('"at the start" or "from the outset" says when, like "next week": case detail', () => {
    same('is delegated authority confirmed at the start', 'is delegated authority confirmed');
    same('should the IRO be involved from the outset', 'should the IRO be involved');
  });

  it('a foster placement or foster home is a placement with foster carers', () => {
    same('moving from one foster placement to another', 'moving from one carer placement to another');
    same('a foster home', 'the foster carer placement');
  });

  it('asking for the equivalent or version of a thing asks about the thing', () => {
    same('is there an equivalent of the PEP for college', 'is there a PEP for college');
    same('a resi version of the carer profile', 'a resi carer profile');
    same('what is the IFA counterpart to our SSW', 'what is the IFA our SSW');
  });

  it('keeps "supervising social worker" apart from "social worker"', () => {
    expect(analyse('supervising social worker')).toEqual(['ssw']);
    expect(analyse('social worker')).toEqual(['sw']);
  });

  it('matches phrases whatever the word endings', () => {
    same('serves notice', 'serve notice');
    same('placement planning meetings', 'placement planning meeting');
  });

  it('drops question words and filler', () => {
    expect(analyse('what do I do?')).toEqual([]);
    expect(analyse('can you tell me who chairs it')).toEqual(['chair']);
  });

  it('turns rule ids into single terms', () => {
    expect(analyse('MOVE-7')).toEqual(['rulemove7']);
  });

  it('expands "agree" to approval in questions only', () => {
    expect(analyse('agree how to tell the child')).not.toContain('approve');
    expect(analyseQuery('who agrees a move')).toEqual([['agre', 'approve'], ['move']]);
  });
});

describe('a question is analysed once while it is answered, and forgotten after', () => {
  const question = 'Jayden (14) keeps going missing - do we need a stability meeting?';

  it('reads the same text to the same analysis while the question is answered', () => {
    analysingOnce(() => {
      expect(analyseQuery(question)).toBe(analyseQuery(question));
      expect(words(question)).toBe(words(question));
    });
  });

  it('keeps nothing of the question once it is answered (its words hold case detail)', () => {
    const during = analysingOnce(() => analyseQuery(question));
    expect(analyseQuery(question)).not.toBe(during);
    expect(analyseQuery(question)).toEqual(during);
    expect(words(question)).not.toBe(words(question));
  });
});

describe('spelling', () => {
  const speller = new SpellingCorrector(['placement allegation approve approval carer']);

  it('repairs unknown words towards known ones', () => {
    expect(speller.correctWord('placment')).toBe('placement');
    expect(speller.correctWord('alegation')).toBe('allegation');
    expect(speller.correctWord('aproves')).toBe('approve');
  });

  it('leaves known, short and far-off words alone', () => {
    expect(speller.correctWord('placement')).toBeUndefined();
    expect(speller.correctWord('wifi')).toBeUndefined();
    expect(speller.correctWord('mileage')).toBeUndefined();
  });

  it('never drops a negating prefix, even through a stem', () => {
    const withVerbs = new SpellingCorrector(['the supervising social worker visits; registration of the carer']);
    expect(withVerbs.correctWord('unsupervised')).toBeUndefined();
    expect(withVerbs.correctWord('deregistration')).toBeUndefined();
    // a typo that keeps its prefix is still repaired
    expect(new SpellingCorrector(['a disruption meeting']).correctWord('dissruption')).toBe('disruption');
  });

  it("reads a word typed in two as the guidance's one word, unless both halves are the guidance's words", () => {
    const split = new SpellingCorrector(['the timescale for the first visit; oversight of the relationship; the care plan']);
    expect(split.correct('first visit time scale')).toBe('first visit timescale');
    expect(split.correct('evidence over sight of the relation ship')).toBe('evidence oversight of the relationship');
    expect(split.correct('the care plan')).toBe('the care plan');
  });

  it("reads two words typed as one as the guidance's two words, when long enough not to be a word of its own", () => {
    const together = new SpellingCorrector(['placement stability for a foster carer on a week day'], () => false, { isEnglish: isEnglishWord, commonWords: [] });
    expect(together.correct('placementstability for a fostercarer')).toBe('placement stability for a foster carer');
    expect(together.correct('on a weekday')).toBe('on a weekday');
  });

  it('edit distance counts swaps as one edit', () => {
    expect(editDistance('carer', 'caerr')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('chat shorthand is read as the word it shortens', () => {
  const speller = new SpellingCorrector(
    ['the placement manager arranges the accommodation and keeps the documents accurate on the case file; the department of transport'],
    () => false,
    {
      isEnglish: isEnglishWord,
      commonWords: COMMON_ENGLISH_WORDS,
    },
  );

  it("reads a beginning or a skeleton as the guidance's word", () => {
    expect(speller.correctWord('plcmt')).toBe('placement');
    expect(speller.correctWord('mgr')).toBe('manager');
    expect(speller.correctWord('accom')).toBe('accommodation');
    expect(speller.correctWord('docs')).toBe('documents');
  });

  it('falls back to everyday English words the guidance does not use', () => {
    expect(speller.correctWord('wknd')).toBe('weekend');
    expect(speller.correctWord('nxt')).toBe('next');
    expect(speller.correctWord('ppl')).toBe('people');
  });

  it('leaves English words, acronyms that keep too little of a word, and two-letter words alone', () => {
    expect(speller.correctWord('map')).toBeUndefined();
    expect(abbreviates('dbs', 'describes')).toBe(0);
    expect(speller.correctWord('cp')).toBeUndefined();
  });

  it('takes a short form that keeps its vowels, or a three-letter beginning, for an acronym', () => {
    // CSE (child sexual exploitation) is not "case", ACC not "accurate"
    expect(speller.correctWord('cse')).toBeUndefined();
    expect(speller.correctWord('acc')).toBeUndefined();
  });

  it('prefers the word whose consonants it keeps most of', () => {
    expect(abbreviates('ppl', 'people')).toBeGreaterThan(abbreviates('ppl', 'proposal'));
  });
});

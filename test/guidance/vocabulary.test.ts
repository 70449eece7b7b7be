// The field's vocabulary the analyser understands: abbreviations, job slang, other councils' names
// for the same meetings, roles and documents, and everyday words for the guidance's own. Each test
// is named after the rule it checks and uses wording of its own.
import { analyse, analyseQuery, isSecondReading } from '../../src/guidance/text';
import { GuidanceIndex } from '../../src/guidance/search';
import { asksTwoThings, isIncidentalTerm } from '../../src/guidance/question';

const same = (a: string, b: string) => expect(analyse(a)).toEqual(analyse(b));

describe("the field's roles", () => {
  it("a CSW (or the child's SW) is the child's social worker", () => {
    same('CSW', 'social worker');
    same('the CSWs on duty', 'the social workers on duty');
    same("the child's SW", 'the social worker');
    expect(analyse('ask the CSW')).not.toContain('ssw');
  });

  it('a fostering SW or supervising SW is the supervising social worker', () => {
    same('the fostering sw', 'the supervising social worker');
    same('her supervising SW', 'her supervising social worker');
    same('the fostering worker', 'the supervising social worker');
  });

  it("the school's designated teacher or a teacher speaks for education", () => {
    same('the designated teacher', 'the school');
    same('his class teacher', 'his school');
    same('SENCO', 'school');
  });

  it("the looked-after children's nurse speaks for health", () => {
    same('the LAC nurse', 'health');
    same('the CLA nurse', 'health');
    same('a nurse', 'health');
    expect(analyse('LAC nurse')).not.toContain('lac');
  });

  it("a child's mum, dad or birth parents are the parents; a foster mum is a carer", () => {
    same('mum', 'parent');
    same('birth parents', 'parents');
    same('birth dad', 'father');
    same('foster mum', 'carer');
  });
});

describe("other councils' names for the same meetings and documents", () => {
  it('a placement agreement meeting or placement set-up meeting is the placement planning meeting', () => {
    same('placement agreement meeting', 'placement planning meeting');
    same('the placement agreement mtg', 'the PPM');
    same('placement set up meeting', 'PPM');
  });

  it('"agreement" outside that meeting still asks about approval', () => {
    expect(analyseQuery('whose agreement do I need')).toContainEqual(['agreement', 'approve']);
  });

  it('family time is contact', () => {
    same('family time with his nan', 'contact with his nan');
  });

  it('a doc is a document; to write up a meeting or a visit is to record it, to write up a plan is to write it', () => {
    same('the review doc', 'the review document');
    same('write up the visit', 'record the visit');
    same('who writes up the support meeting', 'who records the support meeting');
    same('where do I write up last night meeting', 'where do I record last night meeting');
    same('who writes up the placement plan', 'who writes the placement plan');
  });
});

describe('everyday and chat words for the guidance’s own', () => {
  it('AWOL and MFH are missing; running off is going missing', () => {
    same('went AWOL', 'went missing');
    same('an MFH report', 'a missing report');
    same('she ran off from school', 'she went missing from school');
    same('he did a runner', 'he went missing');
  });

  it('a carer who "can\'t do it any more" or finds it "a bit much" is struggling', () => {
    same("carer says she can't do it any more", 'carer says she is struggling');
    same('carer cannot carry on', 'carer struggling');
    same("it's all getting a bit much for him", 'it is struggling for him');
    same('at the end of her tether', 'struggling');
    // too much of something is not a carer struggling
    expect(analyse('is 3 visits a week too much for the child')).not.toContain('struggle');
  });

  it('a placement on the brink, on a knife edge or going downhill is fragile; the edge of care is not', () => {
    same('the placement is on the brink', 'the placement is fragile');
    same('on a knife edge', 'fragile');
    same('things are going downhill', 'things are wobbly');
    same('the relationship has gone sour', 'the relationship is fragile');
    same('it keeps deteriorating', 'it keeps fragile');
    expect(analyse('a teenager on the edge of care')).not.toContain('fragile');
  });

  it('how a message came (rang, texted, emailed) is case detail; phone and email can be the topic', () => {
    same('the carer rang me last night', 'the carer');
    same('SSW texted to say', 'SSW to say');
    expect(analyse('can I email the form')).toContain('email');
    expect(analyse('a phone call')).not.toEqual([]);
  });

  it('ringing round providers is the search for a placement', () => {
    same('brokerage are ringing round', 'brokerage are searching');
  });

  it('days as typed in chat are days (case detail), not words of their own', () => {
    same('ended on fri', 'ended on friday');
    same('sat night', 'saturday night');
    same('thurs', 'thursday');
    // "sat" and "sun" are words too
    expect(analyse('we sat down with her')).not.toContain(analyse('saturday')[0]);
  });

  it('"actual", "stuff" and "wing it" say how a question is put, not what it asks', () => {
    same('is there an actual template', 'is there a template');
    same('the day to day stuff', 'the day to day');
    same('do we just wing it at the disruption meeting', 'do we at the disruption meeting');
  });

  it('told upfront, up front, in advance or beforehand is before', () => {
    same('tell the carer upfront', 'tell the carer before');
    same('what they need up front', 'what they need before');
    same('shared in advance', 'shared before');
  });

  it('prep, perm, rehab and sibs are read as the words they shorten', () => {
    same('prep for the move', 'preparation for the move');
    same('a perm placement', 'a permanent placement');
    same('rehab home', 'rehabilitation home');
    same('3 sibs', '3 siblings');
  });

  it("a child's rehabilitation home to their parents is reunification", () => {
    same('rehabilitation', 'reunification');
    same('plans to reunite her with mum', 'plans to reunification her with mum');
  });

  it('faith is religion; race and heritage are ethnicity, as are the recorded ethnicities', () => {
    same('his faith', 'his religion');
    same('race', 'ethnicity');
    same('mixed heritage', 'ethnicity');
    same('a White British family', 'an ethnicity family');
    same('cultural needs', 'culture needs');
  });

  it("a children's home is residential care, but getting the kids home is not", () => {
    same("a children's home", 'a residential home');
    same('the childrens home', 'the residential home');
    expect(analyse('getting the kids home to mum')).not.toContain('residential');
  });
});

describe('how a question asks, and more of the field’s words', () => {
  it('"whose job is it to", "who is responsible for" asks who', () => {
    same('whose job is it to book the PPM', 'who books the PPM');
    same('whose responsibility is it to tell the school', 'who tells the school');
    same('who is responsible for the minutes', 'who does the minutes');
    // a role asked about by name is still a role
    expect(analyse('what is the IRO role')).toContain('role');
  });

  it('the fostering team is the fostering service; a social work team is the social workers', () => {
    same('the fostering team', 'the fostering service');
    same('the social work team', 'the social worker');
    same('the CSW team', 'the social worker');
  });

  it('an issue, a problem or a difficulty is a concern, and in a question may be a fragile placement', () => {
    same('an issue with the placement', 'a concern with the placement');
    same('problems at home', 'concerns at home');
    // to issue the minutes is to send them out
    expect(analyse('who issues the minutes')).not.toContain('concern');
    expect(analyseQuery('there are difficulties')).toContainEqual(['concern', 'fragile']);
  });

  it('a PSM is first the placement stability meeting and second, weighing less, the support meeting 001 means by it', () => {
    expect(analyseQuery('who chairs the PSM')).toEqual([['chair'], ['stabilitymeeting', 'supportmeeting']]);
    expect(isSecondReading(['stabilitymeeting', 'supportmeeting'], 1)).toBe(true);
    expect(isSecondReading(['stabilitymeeting', 'supportmeeting'], 0)).toBe(false);
    // spelt out, each meeting is itself
    expect(analyseQuery('the placement support meeting')).toEqual([['supportmeeting']]);
    expect(analyseQuery('the placement stability meeting')).toEqual([['stabilitymeeting']]);
    const index = new GuidanceIndex();
    // where the stability meeting has an answer, it is the one given
    expect(index.search('who comes to a psm').entryId).toBe('stability-meeting-attendees');
    expect(index.search('psm when??').entryId).toBe('placement-stability-meeting');
    // where only the support meeting has one (001: minutes of support meetings), that one
    expect(index.search('how do i minute a PSM on LCS, is there a template?').entryId).toBe('ppm-recording');
  });

  it("meeting a child's needs is no meeting; the meeting that needs to happen is one", () => {
    same("the placement isn't meeting her needs", 'the placement is not meeting needs');
    same("his needs aren't being met", 'not meeting needs');
    expect(analyse("the placement can't meet the child's needs")).not.toContain('meeting');
    expect(analyse('the meeting needs to happen this week')).toContain('meeting');
  });

  it('who is expected at, or meant to be at, a meeting is who attends it', () => {
    same('fostering PPM - who comes?', 'fostering PPM - who attends?');
    same('who should be there', 'who attends');
    same('who comes up with the plan', 'who writes the plan');
    same('should the YP be in the stability meeting', 'should the YP attend the stability meeting');
    same('can I sit in on the PPM', 'can I attend the PPM');
    same('can the advocate come to the PPM', 'can the advocate attend the PPM');
    same('is the IRO going to the stability meeting', 'is the IRO attend the stability meeting');
    same("who's expected at the review", 'who attends the review');
    same('is the child meant to be at the PPM', 'is the child attend the PPM');
  });

  it('to look at something again, or revisit it, is to review it', () => {
    same('what do we look at again at each support meeting', 'what do we review at each support meeting');
    same('revisit the support plan', 'review the support plan');
  });

  it('"what kind of" or "what sort of" frames the question, not its topic', () => {
    same('what kind of support does the stability meeting offer', 'support does the stability meeting offer');
    same('do we call a meeting? what kind?', 'do we call a meeting?');
    same('what sort of intros should happen', 'intros should happen');
  });

  it('a meeting split or held in halves is held in parts; the split between two roles is no meeting', () => {
    same('can we split the stability meeting', 'can we part the stability meeting');
    same('the first half of the meeting', 'the first part of the meeting');
    expect(analyse('the split between my role and the SSW role')).not.toContain('part');
  });

  it('an adults-only bit first, or the child left out for part of it, is a meeting held in parts; to write down why is to record the reasons', () => {
    same('can we do the adults bit first', 'can we do the adult part first');
    same('can we exclude the child for a while', 'can we adult part for a while');
    same('do i need to write down why', 'do i need to record reason');
    // what is not yet written down is not a record of reasons
    expect(analyse('nothing written down yet')).not.toContain('record');
    expect(new GuidanceIndex().search('if we do an adults-only bit first do i need to write down why').entryId).toBe('stability-meeting-attendees');
  });

  it('a one-off or several, or having a few, asks whether meetings come in a series; more than one PPM does not', () => {
    expect(analyse('is it a one off or can there be several')).toContain('series');
    same('is it normal to have a few', 'is it normal series');
    expect(new GuidanceIndex().search('is it usually one stability meeting or several?').entryId).toBe('placement-stability-meeting');
    expect(new GuidanceIndex().search('do we have more than one ppm? FC asking').entryId).not.toBe('placement-stability-meeting');
  });

  it('a placement "starting to go" or "falling apart" is fragile; twins and toddlers are the children of the case', () => {
    same('placement is starting to go', 'placement is fragile');
    same('the twins', 'the children');
  });

  it("a child's identity is their culture; repairing or resolving is resolution; a resi unit is residential and a provider's company the provider", () => {
    same("the child's identity", "the child's culture");
    same('repair things between them', 'resolution things between them');
    same('try to resolve it', 'try to resolution it');
    same('a different unit', 'a different residential');
    same('the same company', 'the same provider');
  });

  it('what a council is judged on is how it is measured; a judge is still the court', () => {
    same('the stability PI we get judged on', 'the stability PI measure');
    expect(analyse('does a judge have to agree the move')).toContain(analyse('judge')[0]);
  });

  it('"24hr" is hours; "HR" alone is human resources', () => {
    expect(analyse('carers gave 24hr notice')).toContain('hour');
    expect(analyse('carers gave 24hr notice')).not.toContain('staffmatters');
    expect(analyse('ask HR about it')).toContain('staffmatters');
  });

  it('an out-of-hours placement is an emergency one: its "hours" are no timescale', () => {
    same('an out-of-hours placement', 'an emergency placement');
    same('placed OOH last night', 'placed emergency last night');
  });

  it('"SW v SSW" is versus', () => {
    same('SW v SSW', 'SW SSW');
    same('PPM v. PSM', 'PPM PSM');
  });

  it('in the room, turning up or showing up is attending', () => {
    same('should the child be in the room', 'should the child attend');
    same('the PA did not turn up', 'the PA did not attend');
    // showing up on a system is no attending
    expect(analyse("the move doesn't show up on the tracker")).not.toContain('attend');
  });

  it('meltdowns, tantrums and outbursts are behaviour', () => {
    same('his meltdowns at bedtime', 'his behaviour at bedtime');
    same('outbursts at school', 'behaviour at school');
  });

  it("police protection is a child's legal status (case detail), like an EPO", () => {
    same('under police protection', 'under section 20');
  });

  it('a lad or a UASC is a child', () => {
    same('the lad', 'the child');
    same('a UASC placed with carers', 'a child placed with carers');
  });

  it('"in the meantime" says when; interjections say how the asker feels', () => {
    same('what does the carer get in the meantime', 'what does the carer get');
    same('ouch, what should it look like', 'what should it look like');
  });
});

describe('words that had been read as something else', () => {
  it('a time of day ("6pm") is when something happened, not a word of the question', () => {
    expect(analyse('placed him at 6pm last night, when is the PPM due?')).toEqual(analyse('placed him last night, when is the PPM due?'));
    expect(analyse('carer rang at 4.30pm')).toEqual(analyse('carer rang'));
  });

  it('"it\'s not her call" says whose decision it is, as "is it her call?" does: not the on-call rota', () => {
    same('who signs off a move? my TM says its not her call', 'who signs off a move? my TM says');
    // so a near miss about the on-call Head of Service is no twin of it
    const onCall = { question: "who's the on-call HoS tonight?", covered: false, set: 'written-for-this-test' };
    expect(new GuidanceIndex({ knownQuestions: [onCall] }).search('who signs off a move?? my TM says its not her call').entryId).toBe('move-approval');
  });

  it('turning up at school or at home is arriving there, not attending a meeting; turning up to the PPM is', () => {
    same('YP turned up at school with a black eye', 'YP arrived at school with a black eye');
    expect(analyse('YP turned up at school with a black eye')).not.toEqual(expect.arrayContaining(analyse('attend')));
    expect(analyse('mum turned up to the PPM')).toEqual(expect.arrayContaining(analyse('attend')));
  });

  it('running a meeting or the school run is not going missing; running away is', () => {
    expect(analyse('who runs the PPM')).not.toContain('missing');
    expect(analyse('does the carer do the school run')).not.toContain('missing');
    same('she keeps running away', 'she keeps going missing');
  });

  it('the fostering panel (or adoption panel) approves carers: it is not the Head of Service panel', () => {
    expect(analyse('the fostering panel')).not.toContain('hos');
    expect(analyse('the adoption panel')).not.toContain('hos');
    same('the fostering panel', 'the adoption panel');
    same('the matching panel', 'the fostering panel');
    same('permanence panel', 'fostering panel');
    expect(analyseQuery('does it go to panel')).toContainEqual(['panel', 'hos']);
  });

  it('DoLS is the deprivation of liberty safeguards, a term of its own', () => {
    same('a DoLS order', 'a deprivation of liberty order');
    expect(analyse('DoLS')).toEqual(['dols']);
  });

  it("a child's life story and later life letters are about the child's history; life story work is direct work of its own", () => {
    same('her life story', 'her history');
    same('a later life letter', 'a history');
    expect(analyse('life story work')).toEqual(['lifestorywork']);
  });

  it('a named faith is religion; an interpreter or EAL is language', () => {
    same('a Muslim family', 'a religion family');
    same('needs an interpreter', 'needs a language');
    same('EAL', 'language');
  });
});

describe('more of the field’s roles, orders and systems', () => {
  it("the DCS is the Director of Children's Services, a role the guidance gives no part in moves", () => {
    same('does the DCS sign it off', "does the director of children's services sign it off");
    expect(new GuidanceIndex({ knownQuestions: [] }).search('does the DCS have to sign off an out of area move?').found).toBe(false);
  });

  it('a connected person, kinship or family-and-friends carer is a carer', () => {
    same('the connected person', 'the carer');
    same('a kinship carer', 'a carer');
    same('family and friends carers', 'carers');
  });

  it("EDT is the emergency duty team, as a council's own documents name it", () => {
    same('ring EDT', 'ring the emergency duty team');
  });

  it('an FSW is the supervising social worker; an ePEP is the PEP', () => {
    same('the FSW', 'the SSW');
    same('the ePEP', 'the PEP');
  });

  it('a therapist or counselling is therapy', () => {
    same('a therapist', 'therapy');
    same('counselling sessions', 'therapy sessions');
  });

  it('a full care order or care proceedings is a legal status (case detail)', () => {
    same('on an FCO', 'on section 20');
    same('in care proceedings', 'on a care order');
  });

  it('CareFirst is a case record system like Mosaic', () => {
    same('on CareFirst', 'on Mosaic');
  });
});

describe('stemming', () => {
  it('joins a verb in -ate to its noun in -ation', () => {
    const sameStem = (a: string, b: string) => expect(analyse(a)).toEqual(analyse(b));
    sameStem('escalate', 'escalation');
    sameStem('escalating', 'escalation');
    sameStem('coordinated', 'coordination');
    sameStem('immediately', 'immediate');
    // short words keep their ending
    expect(analyse('update')).toEqual(analyse('updated'));
  });
});

describe('asking whether the guidance says something', () => {
  it('"a written policy" or "written guidance" asks whether the guidance covers it, with no writing task', () => {
    same('is there a written policy on respite', 'is there guidance on respite');
    expect(analyse('is there written guidance for this')).not.toContain('write');
    // writing a document is still writing
    expect(analyse('who writes the placement plan')).toContain('write');
  });

  it('"anywhere", "somewhere" and "everywhere" are filler', () => {
    same('is the template anywhere', 'is the template');
    same('is it written down somewhere', 'is it written down');
  });

  it('to tell someone off is to blame them, not to notify them', () => {
    expect(analyse('the meeting is not to tell her off')).not.toContain('notify');
    same('told off', 'blamed');
    same('the carer feels blamed', 'the carer feels told off');
  });
});

describe('a meeting’s outcome is not an approval', () => {
  it('"what the PPM decided" or "what the meeting agreed" asks for the outcome, not an approval', () => {
    expect(analyseQuery('who tells everyone what the PPM decided').flat()).not.toContain('approve');
    expect(analyseQuery('where do I put what the stability meeting agreed').flat()).not.toContain('approve');
    // what still has to be agreed is a decision to be taken
    expect(analyseQuery('what needs to be agreed by the HoS').flat()).toContain('approve');
  });
});

describe('the inspectorate, health checks and missing episodes', () => {
  it('Ofsted is a term of its own', () => {
    expect(analyse('tell Ofsted')).toContain('ofsted');
  });

  it('an RHI is the return home interview, not the missing episode itself', () => {
    same('has the RHI been done', 'has the return home interview been done');
    expect(analyse('RHI')).not.toContain('missing');
  });

  it('an initial or review health assessment (IHA, RHA) is a health assessment, a record of its own', () => {
    same('the IHA', 'health assessment');
    same('her RHA', 'her review health assessment');
    expect(analyse('health assessment')).not.toEqual(analyse('health'));
  });

  it('PLO (pre-proceedings) is a legal status, case detail', () => {
    same('in PLO', 'on section 20');
  });

  it('a heads up, keeping someone in the loop, is telling them', () => {
    same('a heads up to the school', 'tell the school');
    expect(analyse('keep the IRO in the loop')).toContain('notify');
  });

  it('rubber stamping or okaying a move is approving it', () => {
    same('who rubber stamps the move', 'who approves the move');
    same('the HoS okayed it', 'the HoS approved it');
  });
});

describe('taking part', () => {
  it('having input, like contributing, counts as taking part in a question', () => {
    expect(analyseQuery('can the school have input into the plan')).toContainEqual(['contribut', 'attend']);
    expect(analyseQuery('can the school contribute to the plan')).toContainEqual(['contribut', 'attend']);
  });
});

describe('going live', () => {
  it('a system going live is its launch, not living', () => {
    expect(analyse('when does the new form go live')).toContain('launch');
    expect(analyse('where does she live')).not.toContain('launch');
  });
});

describe('field acronyms that spelling repair used to bend into other words', () => {
  const index = new GuidanceIndex();

  it('"resis" (children\'s homes) is residential, not "resigns"', () => {
    same('the resis are full', 'the residential homes are full');
    expect(index.rank('resis that take emergency placements', 10).map((hit) => hit.id)).not.toContain('which-reason-code');
  });

  it('CWD and SLT are spelt out, not repaired into "crowd" and "split"', () => {
    same('the CWD team', 'the children with disabilities team');
    same('SLT', 'senior leadership team');
  });
});

describe('chat fillers', () => {
  it('tbh, fyi, idk and atm (at the moment) say nothing of the topic', () => {
    same('tbh is the PPM needed', 'is the PPM needed');
    same('fyi the carer has given notice', 'the carer has given notice');
    same('no placement atm', 'no placement');
  });
});

describe('how people say what they think', () => {
  it('to reckon is to think', () => {
    same('school reckon the placement is not meeting his needs', 'school think the placement is not meeting his needs');
  });
});

describe('more of how people type and what they call things', () => {
  it('"wats" is whats, "nite" is night, a PI is the measure, the financial year is a year', () => {
    same('wats the PI', 'whats the measure');
    same('last nite', 'last night');
    same('the financial yr', 'the year');
  });

  it('"at his new carers" is where the child lives: the placement', () => {
    same('how often do I see him at his new carers?', 'how often do I see him in the new placement?');
    same("she's settled at her carers' house", "she's settled in the placement");
  });

  it('a placement that finishes ends (a plan that is finished is completed); "n" before a question is "and"', () => {
    same('who do I tell when a placement finishes', 'who do I tell when a placement ends');
    same('once the placement has finished', 'once the placement has ended');
    same('is the plan finished', 'is the plan completed');
    same('can it patch things up, n who chairs it', 'can it patch things up, and who chairs it');
    expect(asksTwoThings('can a disruption mtg help patch things up between the carers and birth family, n who chairs it')).toBe(true);
  });

  it('a dropped g is the word with it: "bein", "goin", "strugglin"', () => {
    same('is the tracker still bein built', 'is the tracker still being built');
    same('carer strugglin and goin on leave', 'carer struggling and going on leave');
  });

  it('to "let know" is to tell, with or without someone named between', () => {
    same('who do I need to let know', 'who do I need to tell');
    same('who lets the school know', 'who tells the school');
  });
});

describe('what a plan or meeting is for, and redoing a plan', () => {
  it('what a meeting is meant to achieve is its purpose; redoing a plan is updating it', () => {
    same('what is the meeting meant to achieve', 'what is the meeting meant purpose');
    same('does the plan need redoing', 'does the plan need updating');
  });
});

describe('how a placement in trouble is described', () => {
  it('an NQSW is a social worker; a strained or tense placement is fragile; a carer who cannot carry on is struggling; a generic or copy-and-paste plan is about being specific', () => {
    same('NQSW', 'SW');
    same('new locum here', 'new SW here');
    same('agency worker, new here', 'SW, new here');
    expect(analyse('an agency carer')).toContain('ifa');
    same('things are tense at home', 'things are fragile at home');
    // rows and clashes between carer and child are the strain itself
    same('rows every night with the carer', 'fragile every night with the carer');
    same('they keep clashing', 'they keep fragile');
    same('cracks in the placement', 'fragile in the placement');
    same("she can't carry on", 'she is struggling');
    same('the carers are exhausted', 'the carers are struggling');
    same('staff are burnt out and at breaking point', 'staff are struggling and struggling');
    same('plans are generic copy and paste', 'plans are specific specific');
  });
});

describe('calling a meeting', () => {
  it('to call a meeting is to convene it; to call someone is to phone them', () => {
    same('when is a PSM called', 'when is a PSM convened');
    same('who calls a stability meeting', 'who convenes a stability meeting');
    expect(analyse('call the carer')).not.toContain(analyse('convene')[0]);
  });
});

describe('who wants a move', () => {
  it('a worker or carer wanting to move the child, or asking for a move, plans a move; the child wanting to move asks to leave', () => {
    same('SW wants to move him out of his IFA', 'SW plan to move him out of his IFA');
    same('what do I give HoS when im asking for a move', 'what do I give HoS when im plan to move');
    expect(analyse('he wants to move out')).toEqual(analyse('he wants to leave'));
  });
});

describe('the guidance note', () => {
  it('is a document, not the notes of a meeting', () => {
    expect(analyse('does the stability note say')).not.toContain(analyse('minutes')[0]);
    same('what does the guidance note say', 'what does the guidance say');
  });
});

describe('professionals at a meeting', () => {
  it('health, a nurse or a therapist are read as relevant professionals too, as an alternative that never replaces the word', () => {
    expect(analyseQuery('can health attend')[0]).toEqual(expect.arrayContaining(['health', analyse('professional')[0]]));
    expect(analyseQuery('LAC nurse invited')[0]).toEqual(expect.arrayContaining(['health', analyse('professional')[0]]));
  });

  it('"FM" is the fostering manager', () => {
    same('is the FM at the meeting', 'is the fostering manager at the meeting');
  });
});

describe('everyday ways of saying a placement is strained, or that something starts', () => {
  it('"things are hard with him at the moment" is a fragile placement; "set anything in motion" asks what it triggers', () => {
    same('things are hard at home', 'fragile at home');
    same('does that set anything in motion', 'does that trigger');
  });
});

describe('asking whether something calls for a meeting, or what the aim is', () => {
  it('"grounds for" a meeting asks what triggers one; saving a placement is preventing its disruption; a pre-placement meeting is held before the placement', () => {
    same('is that grounds for a stability meeting', 'is that trigger stability meeting');
    same('do we have to save every placement', 'do we have to prevent disruption');
    same('pre-placement meeting', 'before placement meeting');
    same('it is brittle', 'it is fragile');
  });
});

describe('when, and how a child is involved', () => {
  it('"at what point" asks when, not what something is for; being "involved in writing" the plan is writing it together', () => {
    expect(analyseQuery('at what point')).toEqual([]);
    same('how is she involved in writing the plan', 'how is she together write the plan');
  });
});

describe('siblings and the LADO', () => {
  it("keeping children together or splitting them up asks about siblings; the LADO's timescales are the LADO's own process", () => {
    same('3 siblings need moving - do we have to keep them together?', '3 children need moving - do we have to siblings together?');
    same('the LADO timescale', 'the lado process');
  });
});

describe('what a document links back to', () => {
  it('"which guidance does it link back to?" asks what it rests on, not about family links', () => {
    same('which guidance does the standard link back to', 'which guidance does the standard');
  });
});

describe('kinds of placement', () => {
  it('"which placement types" asks about the kinds of placement the guidance names, not a code\'s type', () => {
    same('which placement types can have a stability meeting', 'which foster, residential or semi independent placements can have a stability meeting');
  });
});

describe('HARP', () => {
  it("is named as itself, and read as the Head of Service's approval too", () => {
    expect(analyseQuery('who chairs HARP')[1]).toEqual(['harp', 'hos']);
    expect(new GuidanceIndex().search('who chairs HARP').found).toBe(false);
  });
});

describe('defining a thing', () => {
  it('to define something is to give its definition', () => {
    same('how does the council define placement stability', 'what is the council definition of placement stability');
  });
});

describe('having an input, and a plan left untouched', () => {
  it('an input is a contribution; a plan "last touched" in 2023 was last updated then', () => {
    same('am I meant to have an input', 'am I meant to have a contribution');
    same('placement plan last touched 2023', 'placement plan update 2023');
  });
});

describe('how a placement looks', () => {
  it('"starts looking shaky" says how the placement is going; "start looking for a placement" is a search', () => {
    same('when a placement starts looking shaky', 'when a placement is shaky');
    same('when a placement starts getting fragile', 'when a placement is fragile');
    same('placement seems a bit rocky', 'placement is rocky');
    expect(analyse('start looking for a placement')).toContain('look');
  });
});

describe('telling the child', () => {
  it('"tell him he is moving", "how and when she is told" is telling the child; "who do I tell when she is moved?" asks who else must know', () => {
    expect(analyse('who decides how and when he is told')).toContain('tellchild');
    expect(analyse('the carer wants to tell her herself tonight')).toContain('tellchild');
    expect(analyse('who do I tell when she is moved in an emergency')).not.toContain('tellchild');
    expect(analyse('do we tell the parents')).not.toContain('tellchild');
    expect(analyse("she's told me she wants out")).not.toContain('tellchild');
  });
});

describe('how something was sent', () => {
  it('"told by text" is case detail: how a child should be told is the question', () => {
    same('she was told by text she is moving', 'she was told she is moving');
  });
});

describe('the time of day', () => {
  it('"at tea", "after school" are case detail', () => {
    same('she wants to tell her tonight at tea', 'she wants to tell her tonight');
  });
});

describe('who does what day to day', () => {
  it('asks how parenting tasks are shared between the carer and the council', () => {
    expect(analyse('who does what day to day between the carer and us')).toEqual(analyse('how day parenting tasks are shared between the carer and us'));
  });
});

describe('early', () => {
  it('is early, not an ear', () => {
    expect(analyse('too early')).toEqual(['early']);
    expect(analyse('earlier')).toEqual(['early']);
  });
});

describe("the source documents' own words", () => {
  it('a telephone call is a phone call', () => {
    same('a telephone call before the visit', 'a phone call before the visit');
    // (that someone phoned is how the case is told, as "rang" is)
    same('she telephoned the carer', 'she phoned the carer');
  });

  it("the source documents' councils by name are the council: a Havering manager, an LBH minute taker, Leicester's procedures", () => {
    same('a Havering manager', 'a council manager');
    same('the LBH minute taker', 'the council minute taker');
    same('Leicester City Council procedures', 'council procedures');
  });
});

describe('chat shorthand for days, noticing, exceptions and being stuck', () => {
  it('"yday", "tmrw" are when the case happened, like "yesterday"', () => {
    same('unplanned ending yday', 'unplanned ending');
    same('meeting tmrw', 'meeting');
  });

  it('to notice something is to see it; notice is otherwise given or served', () => {
    same('if I notice a placement wobbling', 'if I see a placement wobbling');
    same('staff have noticed she is low', 'staff see she is low');
    expect(analyse('the carer gave 28 days notice')).toContain('notice');
    expect(analyse('notice period')).toContain('notice');
  });

  it('"are there exceptions?" asks for the rule\'s own exception, which its "only" or "unless" gives', () => {
    same('should placements end in a planned way or are there exceptions?', 'should placements end in a planned way?');
  });

  it('"coords" is coordinates: who coordinates a meeting organises it', () => {
    same('psm who coords?', 'psm who coordinates?');
  });

  it('"hit a brick wall" says nothing of the topic', () => {
    same("we've hit a brick wall getting therapy", 'getting therapy');
  });

  it('a provider disputing notice, or someone to arbitrate, is a disagreement the documents do not resolve', () => {
    expect(analyse('the IFA is disputing the notice')).toContain('disagreement');
    expect(analyse('who arbitrates')).toContain('disagreement');
  });
});

describe("a case's dates and ages, lists and looking back", () => {
  it("an age in brackets after a name is the child's; the day of a date is case detail (31 March is not)", () => {
    same('Zac (11) moves', 'Zac the child moves');
    same('planned move on 3 june', 'planned move on june');
    same('the 14th of may', '');
    expect(analyse('is the reporting date 31 march?')).toContain('31');
  });

  it('"mon 4th" is a day of the week, case detail like "monday"', () => {
    expect(isIncidentalTerm('mon')).toBe(true);
  });

  it('"the list of" is how the answer is wanted; to look back over a placement is to reflect on it', () => {
    same('whats the list of info the carer gets', 'whats the info the carer gets');
    same('what does the meeting look back over', 'what does the meeting reflect over');
  });
});

describe('being at a meeting, and a mission', () => {
  it('to "be at" a meeting, even "their own placement stability meeting", is to attend it', () => {
    expect(analyse('should the young person be at their own placement stability meeting?')).toContain('attend');
    expect(analyse('will mum be at the PPM')).toContain('attend');
  });

  it('a child "heading to semi indep" is going there: no Head of Service is meant', () => {
    same('Marcus heading to semi indep at 18', 'Marcus semi indep at 18');
    expect(analyse('ask the head of service')).toContain('hos');
  });

  it('a mission statement is a mission, not a missing child', () => {
    expect(analyse('whats the mission statement')).toEqual(['missionstatement', 'statement']);
    // (and "missed" is not a mission)
    expect(analyse('what have i missed')).not.toContain('missionstatement');
  });
});

describe('more shorthand, typos and what a court did', () => {
  it('a MAPM is a multi-agency planning meeting', () => {
    same('mapm for a fragile placement', 'multi agency planning meeting for a fragile placement');
  });

  it('extra attention is extra focus', () => {
    same('extra attention', 'extra focus');
  });

  it('"teh" and other slips of the keys are filler, like "the"', () => {
    same('who does teh initial support plan', 'who does the initial support plan');
  });

  it('"what\'s the ppm for basically" asks what the PPM is for', () => {
    expect(analyse("what's the ppm for basically")).toContain('purpose');
  });

  it('what a court did ("court made a care order", "changed at court") is the case; court permission is still asked about', () => {
    same('court made a full care order yesterday', 'a full care order yesterday');
    same('care plan changed at court', 'care plan changed');
    expect(analyse('do we need court permission to move him')).toContain('court');
  });
});

describe('a child refusing, and whom to email', () => {
  it('"says he\'s not going, can we make him?" is a child refusing a move; "the placement is not going well" is not', () => {
    expect(analyse("says he's not going, can we make him?")).toContain('refuse');
    expect(analyse('the placement is not going well')).not.toContain('refuse');
    expect(analyse('she says she wont go back to school')).not.toContain('refuse');
  });

  it('"said no to the move" and "they said no??" are refusing; "says no need to tell them" and "said no plan was done" are not', () => {
    expect(analyse('HoS said no to the move')).toContain('refuse');
    expect(analyse('they said no?? is that right')).toContain('refuse');
    expect(analyse('providers say no or the placement falls over')).toContain('refuse');
    expect(analyse('SW says no need to tell them')).not.toContain('refuse');
    expect(analyse('the SSW said no support plan was done')).not.toContain('refuse');
  });

  it('"who in the performance team should I email?" asks for a contact, which is a directory\'s', () => {
    expect(analyse('who in the performance team should i email about a coding issue?')).toContain('contactdetails');
  });
});

describe('what something is for, and a carer who cannot keep going', () => {
  it('"what\'s the PPM actually for? FC says..." and "asking what the stability meeting is actually for, she\'s worried" ask its purpose', () => {
    expect(analyse("what's the PPM actually for? FC says its just paperwork")).toContain('purpose');
    expect(analyse("carer asking what the stability meeting is actually for, she's worried")).toContain('purpose');
    expect(analyse('what do i ask for, and when')).not.toContain('purpose');
  });

  it('a carer who does not know if she can keep going is struggling', () => {
    expect(analyse("she doesn't know if she can keep going with him")).toContain('struggle');
  });
});

describe('further meetings, and how long the asker has been in post', () => {
  it('a follow-up or subsequent meeting is a further one', () => {
    same('follow up ppms', 'further ppms');
    same('every subsequent support meeting', 'every further support meeting');
  });

  it('"I\'m only here 3 months" is how long the asker has been in post, not the question', () => {
    same("whose job is it to flag stability worries? I'm only here 3 months", 'whose job is it to flag stability worries?');
  });
});

describe('booking a minute taker', () => {
  it("booking a minute taker or a room, whoever's, is how to work a system", () => {
    expect(analyse('how do i book an LBH minute taker for thursday')).toContain('systemhowto');
    expect(analyse('who takes the minutes')).not.toContain('systemhowto');
  });
});

describe('reporting to the police', () => {
  it('reporting a child missing to the police is the missing protocol, which the documents leave to the council', () => {
    expect(analyse('when do i have to report a YP missing to the police')).toContain('policereport');
    expect(analyse('carer has rung police, 3rd time this month')).not.toContain('policereport');
  });
});

describe('phone numbers and kinds of day', () => {
  it('"whats the EDT number?" asks for a phone number; a chapter\'s number is not one', () => {
    expect(analyse('whats the EDT number if a placement breaks down')).toContain('contactdetails');
    expect(analyse('the PSM one, whats the number')).not.toContain('contactdetails');
  });

  it('"working days or calendar days?" asks what the documents do not say', () => {
    expect(analyse('the 5 days for the plan - working days or calendar days?')).toContain('daytype');
  });
});

describe('staff cover', () => {
  it('who covers for someone away, or a deputy, is staff cover, which the documents do not arrange; being on leave alone is the case', () => {
    expect(analyse('SW on leave and legal status changed - who updates LL?')).toContain('staffcover');
    expect(analyse("fostering manager's on leave - can a deputy chair the stability meeting?")).toContain('staffcover');
    expect(analyse("placed weds 3rd, I'm on leave til the 14th - ok to do the first visit when I'm back?")).not.toContain('staffcover');
  });
});

describe('confirmation tags', () => {
  it('"ppm within 72hrs right?": the tag asking for confirmation is not what is asked about; a right to appeal is', () => {
    same('ppm within 72hrs right?', 'ppm within 72hrs?');
    expect(analyse('does she have a right to appeal?')).toContain('right');
  });
});

describe('the long-term stability measure', () => {
  it('the national long-term stability measure is a topic of its own, which the project does not count; a long-term placement is permanence', () => {
    expect(analyse('do we have a long term stability measure too')).toEqual(['longtermstability']);
    expect(analyse('long term placement')).toContain('permanent');
  });
});

describe('statutory visits and feelings', () => {
  it('a stat visit is a statutory visit, not a statistic', () => {
    same('first stat visit after placement', 'first visit after placement');
  });

  it('how people feel about it ("devastated", "gutted") is the case, not the question', () => {
    same("she's devastated and so is he", 'so is he');
  });
});

describe('paperwork and prepping', () => {
  it('paperwork is documents; to have prepped a child is to have prepared them', () => {
    same('is it just paperwork', 'is it just documents');
    same('how we prepped the child', 'how we prepared the child');
  });
});

describe('a plan that is not bespoke', () => {
  it('a generic, copied or untailored plan is the bespoke topic', () => {
    same('my placement plan was too generic', 'my placement plan was too bespoke');
    same('a tailored plan', 'a bespoke plan');
  });
});

describe('relatives and kinship', () => {
  it('who a relative is to the child ("my grandson", "her aunt") is the case; a kinship carer is a carer', () => {
    same("i've been looking after my grandson since monday", "i've been looking after since monday");
    expect(analyse('kinship carer')).toContain('carer');
  });
});

describe("a meeting's results", () => {
  it('the results of a meeting are its outcomes, and the meeting is still read', () => {
    expect(analyseQuery('who lets everyone know the results of the ppm').flat()).toEqual(expect.arrayContaining([analyse('outcome')[0], 'ppm']));
  });
});

describe('more everyday words for the guidance’s own', () => {
  it('a child refusing school is about their education; bedtimes and curfews are house rules; pocket money is a house rule and money', () => {
    same('he keeps refusing school', 'he keeps his education');
    same('rows about bedtimes', 'rows about house rules');
    expect(analyseQuery('pocket money').flat()).toEqual(expect.arrayContaining(analyseQuery('house rules and payment').flat()));
  });

  it('co-production is co-producing; spotting a problem is recognising it; liaison is liaising; reconvening is a further meeting; a chat is a discussion; what is nailed down is agreed', () => {
    same('co-production of the plan', 'co-produce the plan');
    same('who spotted the risk', 'who recognised the risk');
    same('liaison with the home', 'liaise with the home');
    same('reconvene the PPM', 'a further PPM');
    same('a chat with the carer', 'a discussion with the carer');
    expect(analyseQuery('nailed down')).toEqual(analyseQuery('agree'));
  });

  it('"the money side" is the money; "our principle" is what the guidance says', () => {
    same('the money side', 'the money');
    same('what is our principle on endings', 'what is our rule on endings');
  });
});

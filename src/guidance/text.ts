// Text analysis shared by indexing and querying: practitioners' wording is mapped onto one
// canonical term per idea (LAC = CLA = child in care), then words are lightly stemmed.
// The same analyser runs on the pack, the council documents and the question, so a synonym
// only has to be listed once to work in both directions.
//
// Pipeline: normalise (case, apostrophes, abbreviations) -> words -> multi-word phrases
// (matched on stemmed words, so "serves notice" matches "serve notice") -> stopwords out ->
// single-word synonyms -> stem.

/**
 * Multi-word phrases mapped to canonical terms; the longest phrase starting at a word wins.
 * A replacement may be several terms ("placementplan plan") so the general word still matches;
 * an empty replacement drops the phrase ("can you tell me").
 */
const PHRASES: Array<[string[], string]> = [
  // what gets "nailed down" is agreed
  [['nail down', 'nailed down', 'nailing down', 'pin down', 'pinned down'], 'agre'],
  // a child refusing school is a matter of their education, not someone refusing what is asked of them
  [
    [
      'school refusal',
      'school refuser',
      'school refusing',
      'refusing school',
      'refuses school',
      'refused school',
      'refusing to go to school',
      'refuses to go to school',
      'refused to go to school',
      'refusing to attend school',
      'refusing education',
    ],
    'education',
  ],
  // the national long-term stability measure (same placement for two years) is not one the project counts
  [['long term stability', 'longer term stability', 'long term stability measure', 'long term stability indicator'], 'longtermstability'],
  // filler that would otherwise look like content
  [['can you tell me', 'could you tell me', 'tell me', 'do you know', 'i need to know', 'i want to know', 'what do i do', 'what should i do', 'what now', 'next steps'], ''],
  // a meeting held on Teams or by video: a way of meeting the guidance does not deal with ("Teams"
  // is no team)
  [
    [
      'on teams',
      'over teams',
      'via teams',
      'teams meeting',
      'teams meetings',
      'teams call',
      'teams invite',
      'teams link',
      'on zoom',
      'over zoom',
      'via zoom',
      'by video',
      'video call',
      'video link',
      'virtually',
      'virtual meeting',
      'online meeting',
      'meet online',
      'remotely',
    ],
    'virtualmeeting',
  ],
  // an agency (locum) social worker is a social worker, not an agency's carer
  [['agency worker', 'agency workers', 'agency sw', 'agency sws', 'agency social worker', 'agency social workers', 'locum social worker', 'locum sw'], 'sw'],
  // who is "expected at" a meeting is who attends it, and so is who is "allowed at" it
  [
    [
      'expected at',
      'expected to attend',
      'expected to come',
      'expected to be at',
      'meant to be at',
      'supposed to be at',
      'allowed at',
      'allowed to attend',
      'allowed to come',
      'allowed to be at',
      'permitted to attend',
      'welcome at',
      'wants me at',
      'want me at',
      'wants me to attend',
      'wants me to come',
    ],
    'attend',
  ],
  // to look at something again at each meeting is to review it
  // "who lets everyone know what was agreed": a meeting's results are its outcomes
  [['what was agreed', 'what got agreed', 'what was decided', 'what got decided', 'results of', 'the results'], 'outcome'],
  [['look at again', 'looked at again', 'look again at', 'looking again at', 'go over again', 'revisit', 'revisited', 'revisiting'], 'review'],
  // "what kind of placements", "what sort of intros": the kind asked for, not a topic
  [
    [
      'what kind of',
      'what kinds of',
      'what sort of',
      'what sorts of',
      'what type of',
      'what types of',
      'which kind of',
      'which type of',
      'which sort of',
      'what kind',
      'what sort',
      'which kind',
    ],
    '',
  ],
  // "is there a written policy / guidance?" asks whether the guidance covers it (policy and
  // guidance are stopwords): "written" there is no writing task
  [['written policy', 'written policies', 'written guidance', 'written procedure', 'written procedures', 'written process', 'written down policy'], ''],
  // the financial year is a year, not money
  [['financial year', 'financial yr', 'fiscal year'], 'year'],
  // to "pay attention" is to notice, not to pay
  [
    [
      'pay attention',
      'pays attention',
      'paying attention',
      'paid attention',
      'pay extra attention',
      'paying extra attention',
      'pay particular attention',
      'paying particular attention',
      'pay close attention',
    ],
    '',
  ],
  // how to complain is a procedure of its own (a complaint as a sign of a fragile placement is not)
  [
    ['complaints procedure', 'complaints procedures', 'complaints process', 'complaint procedure', 'complaint process', 'complaints policy', 'complaints route', 'complaints team'],
    'complaintsprocedure',
  ],
  // a phone number or an email address is a directory's, which the guidance is not
  [
    [
      'phone number',
      'phone numbers',
      'telephone number',
      'contact number',
      'contact numbers',
      'mobile number',
      'out of hours number',
      'on call number',
      'duty number',
      'direct line',
      'email address',
      'email addresses',
      'contact details',
      // a named person to contact is a directory's too
      'named contact',
      'named contacts',
      'point of contact',
      'contact person',
      'named officer',
      'named person',
      'need a name',
      'need their name',
      'need a contact',
    ],
    'contactdetails',
  ],
  // how to work a system or book something (access to EDRMS, which menu, who to email, booking a
  // minute taker or a room) is not in the documents
  [
    [
      'get access to',
      'access to edrms',
      'access to lcs',
      'log in',
      'login',
      'which menu',
      'what menu',
      'which tab',
      'who do i email',
      'who do we email',
      'book a minute taker',
      'book the minute taker',
      'book an minute taker',
      'book a room',
      'book the room',
    ],
    'systemhowto',
  ],
  // the LADO's own process (a referral, its timescales, who contacts them) is not in the documents; a
  // LADO merely involved in the case is an allegation (below)
  [
    [
      'lado referral',
      'lado referrals',
      'refer to the lado',
      'refer to lado',
      'referral to the lado',
      'referral to lado',
      'tell the lado',
      'inform the lado',
      'notify the lado',
      'contact the lado',
      'lado process',
      'lado timescale',
      'lado timescales',
      'lado timeframe',
      'lado meeting',
      'lado strategy meeting',
      'lado threshold',
    ],
    'ladoprocess',
  ],
  // how the out-of-hours service itself runs (its on-call rota, what passes to the day team: see
  // normaliseText) is not in the documents; an out-of-hours placement is an emergency one (below)
  [['day duty team', 'on call rota'], 'outofhoursservice'],
  // the child's phone, screen time, social media and curfews (a carer's house rules) are not in the
  // documents ("phone off" alone is a missing child's unanswered phone)
  [
    [
      'phone off him',
      'phone off her',
      'phone off them',
      'phones off them',
      'confiscate',
      'confiscates',
      'confiscated',
      'confiscating',
      'screen time',
      'house rules',
      'social media',
      'curfew',
      'curfews',
      'bedtime',
      'bedtimes',
    ],
    'houserules',
  ],
  // pocket money is a house rule and a payment
  [['pocket money'], 'houserules payment'],
  // two professionals disagreeing, and who has the final say, is a dispute the documents do not resolve
  [
    [
      'disagree',
      'disagrees',
      'disagreed',
      'disagreeing',
      'disagreement',
      'disagreements',
      'final say',
      'dispute resolution',
      'dispute',
      'disputes',
      'disputing',
      'disputed',
      'arbitrate',
      'arbitrates',
      'arbitration',
    ],
    'disagreement',
  ],
  // a carer or placement "on hold" (suspended while something is looked into) is a status the guidance never sets
  [['on hold', 'suspended', 'suspension'], 'suspended'],
  // staff's own employment (leave, sickness, time off in lieu, caseloads) is for HR, not placement guidance
  [
    [
      'human resources',
      'annual leave',
      'off sick',
      'sick leave',
      'time off in lieu',
      'sick pay',
      'pay band',
      'pay bands',
      'pay scale',
      'pay scales',
      'pay grade',
      'salary',
      'salaries',
    ],
    'staffmatters',
  ],
  // appealing or challenging a decision is a procedure the guidance does not set out
  [['challenge the decision', 'challenge a decision', 'challenge that decision', 'challenge this decision', 'challenge the move'], 'appeal'],
  // someone refusing, declining or saying no: what then is a question of its own
  [
    ['turn down', 'turns down', 'turned down', 'turning down', 'turn it down', 'turns it down', 'turned it down', 'turning it down', 'said no', 'says no', 'saying no', 'say no'],
    'refuse',
  ],
  // to "tell someone off" is to reprimand them, not to notify them
  [
    [
      'tell off',
      'told off',
      'tells off',
      'telling off',
      'tell her off',
      'tell him off',
      'tell them off',
      'told her off',
      'told him off',
      'told them off',
      'tell me off',
      'told me off',
    ],
    'blame',
  ],
  // when a system "goes live" asks about its launch, not about living
  [['go live', 'goes live', 'going live', 'went live', 'gone live'], 'launch'],
  // "whose job is it to write the plan?" asks who writes it
  [['whose job', 'whose role', 'whose responsibility', 'who is responsible for', 'who responsible for', 'who is responsible', 'who takes responsibility for'], ''],
  // idioms that say how, not what: "end up", "dealt with", "go straight to"
  [['end up', 'ends up', 'ended up', 'ending up', 'dealt with', 'deal with', 'sorted out', 'straight to', 'sorted', 'wing it', 'winging it', 'make it up as we go'], ''],

  // the placements team "ringing round" providers is its search
  [['ring round', 'ringing round', 'rings round', 'ring around', 'ringing around', 'phone round', 'phoning round', 'phoning around'], 'search'],

  // "in the meantime": until then, which is when, not what
  [['in the meantime', 'in the mean time', 'meanwhile'], ''],
  // a plan that is generic, copied and pasted, or not tailored is one that is not bespoke: the same topic
  [
    [
      'generic',
      'vague',
      'woolly',
      'wishy washy',
      'bland',
      'boilerplate',
      'copy-paste',
      'copy pasted',
      'copied and pasted',
      'tailored',
      'personalised',
      'personalized',
      'individualised',
      'individualized',
      'copy and paste',
      'cut and paste',
      'copy paste',
      'bespoke',
    ],
    'bespoke',
  ],
  // paperwork is documents; to prep is to prepare
  [['paperwork'], 'document'],
  [['prepped', 'prepping', 'preps'], 'prepar'],
  // a statutory ("stat") visit is a visit, not a statistic
  [['stat visit', 'stat visits', 'statutory visit', 'statutory visits', 'stat visiting'], 'visit'],
  // a follow-up or subsequent meeting is a further one
  [['follow up', 'followup', 'follow on', 'subsequent', 'further'], 'further'],
  // a carer who "can't keep going" or "doesn't know if she can keep going" is struggling
  [['cant keep going', 'can not keep going', 'cannot keep going', 'if she can keep going', 'if he can keep going', 'if they can keep going', 'if i can keep going'], 'struggle'],
  // "says he's not going", "can we make him?": a child refusing a move, or being made to go
  [
    [
      'he is not going',
      'she is not going',
      'they are not going',
      'hes not going',
      'shes not going',
      'he not going',
      'she not going',
      'can we make him',
      'can we make her',
      'can we make them',
      'make him go',
      'make her go',
      'make them go',
      'force him',
      'force her',
      'force them',
      'forced to go',
      'forced to move',
    ],
    'refuse',
  ],
  // a child "heading to semi indep" or "heading for 18" is going there (no Head of Service)
  [['heading to', 'heading for', 'heading towards', 'headed to', 'headed for', 'headed towards', 'head to', 'head for'], ''],
  // "whats the list of info...": a list is how the answer is wanted, not what it is about
  [['the list of', 'a list of', 'list of'], ''],
  // to look back over a placement is to reflect on it
  [['look back', 'looks back', 'looking back', 'looked back'], 'reflect'],
  // "we've hit a brick wall": stuck, which says nothing of the topic
  [['hit a brick wall', 'hitting a brick wall', 'brick wall', 'brick walls'], ''],
  // "are there exceptions?" asks what the rule's exception is, which the rule's own "only" or "unless" gives
  [
    [
      'are there exceptions',
      'are there any exceptions',
      'any exceptions',
      'or exceptions',
      'exceptions to this',
      'exceptions to that',
      'exception to this',
      'exception to the rule',
      'exceptions to the rule',
    ],
    '',
  ],
  // asking for the counterpart of a thing elsewhere: the thing is the topic, not the word
  [['equivalent of', 'equivalent for', 'equivalent to', 'counterpart of', 'counterpart to', 'version of'], ''],

  // people and roles
  [['looked after child', 'child looked after', 'child in care', 'looked after'], 'lac'],
  [['head of service', 'senior manager', 'approving panel', 'approval panel', 'harp panel', 'resource panel'], 'hos'],
  [['supervising social worker', 'fostering social worker', 'supervising worker', 'link social worker', 'fostering sw', 'foster sw', 'supervising sw', 'fostering worker'], 'ssw'],
  [['allocated social worker', 'allocated case worker', 'allocated worker', 'social worker', 'case worker', 'child worker', 'child social worker', 'child sw'], 'sw'],
  [['independent reviewing officer', 'reviewing officer'], 'iro'],
  [['young person', 'young people', 'young persons'], 'child'],
  // the child's own parents ("birth mum", "mum and dad"); a foster mum is a carer (above)
  [['birth parent', 'birth parents', 'birth mum', 'birth dad', 'birth mother', 'birth father'], 'parent'],
  // many councils now say "family time" for a looked-after child's contact with their family
  [['family time'], 'contact'],
  // "life story work" is a piece of direct work with the child, which the guidance does not set out;
  // a child's life story on its own is their history
  [['life story work', 'life-story work', 'life story book', 'life story books'], 'lifestorywork'],
  [['life story', 'life stories', 'later life letter', 'later life letters'], 'history'],
  // a child's ethnicity as recorded ("mixed heritage", "White British")
  [['mixed heritage', 'mixed race', 'dual heritage', 'white british', 'black british', 'asian british', 'white other', 'black african', 'black caribbean'], 'ethnicity'],
  [['foster carer', 'foster parent', 'foster mum', 'foster dad', 'foster mother', 'foster father', 'foster family'], 'carer'],
  // a foster placement or foster home is a placement with foster carers
  [['foster placement', 'foster home'], 'carer placement'],
  [['foster care'], 'foster'],
  [['independent fostering agency', 'independent fostering', 'fostering agency', 'agency carer', 'agency placement', 'agency foster'], 'ifa'],
  [['in house', 'own foster', 'our foster', 'council foster', 'local authority foster'], 'inhouse'],
  // the pack says "the council" for the local (responsible) authority
  [['local authority', 'responsible authority', 'havering council', 'leicester city council', 'leicester council'], 'council'],
  [['virtual school', 'virtual head', 'virtual school head'], 'virtualschool'],
  [
    ['placements team', 'placement team', 'placements service', 'placement service', 'family placement', 'placement officer', 'placements officer', 'brokerage team'],
    'placementsteam',
  ],
  // the school's designated teacher and the looked-after children's nurse speak for education and health
  [['designated teacher', 'designated teachers', 'class teacher', 'head teacher', 'headteacher', 'senco'], 'education'],
  [['lac nurse', 'cla nurse', 'looked after child nurse', 'child in care nurse', 'school nurse', 'health visitor'], 'health'],
  // the teams by what they are: the fostering service; the child's social work team
  [['fostering team', 'fostering teams', 'fostering department', 'fostering dept'], 'foster servic'],
  [['sw team', 'social work team', 'child in care team', 'lac team', 'cla team'], 'sw'],
  // a connected person (kinship, family and friends) carer is a foster carer too
  [
    [
      'connected person carer',
      'connected persons carer',
      'connected person',
      'connected persons',
      'connected carer',
      'kinship carer',
      'kinship carers',
      'family and friends carer',
      'family and friends carers',
    ],
    'carer',
  ],
  [['performance team', 'data team', 'bi team', 'performance officer'], 'performance'],
  [['residential home', 'residential unit', 'resi unit', 'residential care'], 'residential'],
  [['semi independent', 'semi independence', 'supported accommodation', 'supported lodging'], 'semiindependent'],
  // a child's legal status is case detail in a question (see question.ts)
  [
    [
      'police protection',
      'police powers of protection',
      'section 20',
      'section 31',
      'interim care order',
      'full care order',
      'care proceedings',
      'in proceedings',
      'court proceedings',
      'care order',
      'placement order',
      'emergency protection order',
    ],
    'legalorder',
  ],

  // meetings and panels
  // other councils' names for the placement planning meeting
  [
    [
      'placement planning meeting',
      'planning meeting',
      'placement agreement meeting',
      'placement set up meeting',
      'placement setup meeting',
      'placement planning and agreement meeting',
    ],
    'ppm',
  ],
  [
    [
      'multi agency planning meeting',
      'multi agency meeting',
      'multiagency meeting',
      'multiagency planning meeting',
      'professionals meeting',
      'network meeting',
      'team around the child',
      'tac meeting',
      'mapm',
      'mapms',
    ],
    'multiagencymeeting',
  ],
  [['multi agency', 'inter agency'], 'multiagency'],
  [['placement stability meeting', 'stability meeting'], 'stabilitymeeting'],
  [['placement support meeting', 'support meeting'], 'supportmeeting'],
  [['placement stability panel', 'stability panel'], 'stabilitypanel'],
  [['commissioning panel', 'funding panel'], 'commissioningpanel fund'],
  // the fostering panel (and the adoption, matching and permanence panels) approve carers, adopters
  // and long-term matches, not placement moves
  [
    ['fostering panel', 'foster panel', 'fostering panels', 'adoption panel', 'adoption panels', 'matching panel', 'matching panels', 'permanence panel', 'permanence panels'],
    'fosteringpanel',
  ],
  // the Director of Children's Services: a role the documents never give a part in moves
  [['dcs', 'director of childrens services', 'director of children s services', 'director of cs'], 'directorchildrensservices'],
  [['disruption meeting', 'breakdown meeting', 'disruption review'], 'disruptionmeeting'],

  // plans and records
  [['placement plan', 'placement information record'], 'placementplan plan'],
  [['care plan'], 'careplan plan'],
  [['pathway plan'], 'pathwayplan plan'],
  [['initial support plan', 'support plan'], 'supportplan plan'],
  [['personal education plan'], 'pep'],
  [['risk assessment'], 'riskassessment'],
  [['quality assure', 'quality assurance', 'quality check'], 'qualityassure'],
  [['placement request', 'placement request form', 'placement referral', 'referral form', 'placement search form'], 'placementrequest'],
  [['leaving care', 'leave care', 'care leaver', 'left care'], 'careleaver'],
  [['staying put'], 'stayingput'],
  [['delegated authority'], 'delegatedauthority'],
  [['legal status'], 'legalstatus'],
  [['liquid logic', 'case management system', 'case record', 'case file', 'the system', 'child record', 'child file'], 'caserecord'],
  [['case notes', 'case note', 'case system', 'case management system', 'case recording system', 'case records system'], 'caserecord'],
  // the guidance note is a document, not a meeting's notes
  [['guidance note', 'guidance notes', 'stability note', 'stability notes', 'this note'], ''],
  [['keep an eye on', 'keep track of', 'keep tabs on', 'keeps an eye on', 'keeps track of', 'keeping an eye on', 'keeping track of'], 'oversight'],
  [['kept on', 'kept in', 'stored on', 'stored in', 'saved on', 'saved in', 'filed on', 'filed in', 'logged on', 'logged in', 'put on', 'upload to', 'uploaded to'], 'record'],
  [['reason for placement change', 'reason code', 'placement code', 'reason for change'], 'code reason'],
  [['move tracker', 'placement move tracker'], 'tracker'],
  [['wrap around'], 'wraparound'],
  [['carer profile', 'profile booklet', 'children booklet'], 'profile'],
  [
    [
      'wishes and feelings',
      'voice of the child',
      'child voice',
      'get a say',
      'have a say',
      'have their say',
      'have his say',
      'have her say',
      'what they think',
      'what he think',
      'what she think',
      'what they want',
      'what he want',
      'what she want',
    ],
    'views',
  ],
  [['ssda 903', '903 return', 'the 903'], 'ssda903'],
  [['deprivation of liberty', 'deprivation of liberty safeguards'], 'dols'],
  [['overnight stay', 'stay overnight', 'stay over'], 'overnight'],

  // events and situations
  [
    [
      'cannot cope',
      'not coping',
      'unable to cope',
      'no longer cope',
      'no longer care',
      'no longer look after',
      'no longer manage',
      'cannot manage',
      'not managing',
      'had enough',
      'end of their tether',
      'end of her tether',
      'end of his tether',
      'end of my tether',
      'at breaking point',
      'cannot handle',
      'not able to manage',
      'no longer able to care',
      'not able to care',
      'unable to care',
      'no longer able to look after',
      'not able to look after',
      'no longer able to cope',
      'not able to cope',
      'struggle to manage',
      'struggling to manage',
      'struggle to cope',
      'struggling to cope',
      'fed up',
      // a carer who "can't do it any more", "can't carry on", finds it "all a bit much"
      'cannot do it anymore',
      'cannot do it any more',
      'cannot do this anymore',
      'cannot do this any more',
      'cannot carry on',
      'cannot look after',
      'cannot care for',
      'a bit much',
      'all too much',
      'getting too much',
    ],
    'struggle',
  ],
  [
    [
      'want to move',
      'want to leave',
      'want out',
      'want the placement to end',
      'ask to move',
      'ask to leave',
      'ask for a move',
      'not want to stay',
      'not want to live',
      'hate it there',
      'hate the placement',
      'hate living',
      'want a new placement',
      'want to change placement',
    ],
    'childwantsend',
  ],
  [
    [
      'want him gone',
      'want her gone',
      'want them gone',
      'want him out',
      'want her out',
      'want them out',
      'want him moved',
      'want her moved',
      'want them moved',
      'want the child moved',
      'want the child removed',
      'want him removed',
      'want her removed',
      'ask for him to be moved',
      'ask for her to be moved',
      'ask for the child to be moved',
      'ask for the child to be removed',
      'ask for the child to leave',
    ],
    'carerwantsend',
  ],
  // a carer who "can't carry on" is struggling to cope
  [['cannot carry on', 'can carry on', 'not carry on', 'cannot go on', 'cannot keep going', 'burnt out', 'burned out', 'worn out', 'breaking point'], 'struggle'],
  [['copy and paste', 'copy paste', 'cut and paste', 'copied and pasted'], 'specific'],
  [['kick off', 'kicking off', 'kicks off'], 'behaviour'],
  // a placement "on the brink", "on a knife edge", "going downhill" is fragile; "on the edge of
  // care" is a child at risk of coming into care, another matter
  [['edge of care', 'on the edge of care'], 'edgeofcare'],
  [
    [
      'on the edge',
      'on the brink',
      'knife edge',
      'hanging by a thread',
      'on its last legs',
      'going downhill',
      'gone downhill',
      'go downhill',
      'going sour',
      'gone sour',
      'turned sour',
      'getting worse',
      'get worse',
      'starting to go',
      'beginning to go',
      'starting to slip',
      'falling apart',
      'on the rocks',
      // "things are hard with Leo at the moment", "things are getting tense"
      'things are hard',
      'things are tough',
      'things are difficult',
      'things are rocky',
      'things getting hard',
      'things getting tough',
      'things getting difficult',
      'things are getting hard',
      'things are getting tough',
      'things are getting difficult',
    ],
    'fragile',
  ],
  // "is that grounds for a stability meeting?": what would trigger one
  [['grounds for', 'reason enough for', 'enough grounds for'], 'trigger'],
  // "are we expected to save every placement?": preventing a disruption
  [['save every placement', 'save every single placement', 'save the placement', 'save a placement', 'rescue the placement'], 'prevent disrupt'],
  // a "pre-placement meeting" is one held before the placement
  [['pre placement', 'preplacement'], 'before placement'],
  // "in front of the child" is with the child there
  [['in front of'], 'attend'],
  // "who does what day to day", "what we can decide ourselves": how parenting tasks are shared
  [
    [
      'who does what day to day',
      'who does what parenting wise',
      'who does what parenting',
      'what we can decide ourselves',
      'what she can decide herself',
      'what they can decide themselves',
      'what carers can decide',
    ],
    'day parent task shar',
  ],
  // the time of day something happens is case detail
  [['at tea', 'at teatime', 'at tea time', 'at dinner', 'at breakfast', 'at bedtime', 'after school', 'before school'], ''],
  // "told by text" says how it was done (case detail); how a child is told is the question
  [['by text', 'by text message', 'via text', 'over text', 'by whatsapp', 'by email'], ''],
  // a plan "last touched" in 2023 was last updated then
  [['last touched', 'been touched', 'not touched', 'not been touched', 'up to date', 'kept up to date', 'keep up to date', 'keeping up to date', 'keeps up to date'], 'update'],
  // "which guidance does it link back to?" asks what it rests on, not about family links
  [['link back to', 'links back to', 'linked back to', 'link back'], ''],
  // "at what point?" asks when, not what something is for
  [['at what point', 'at which point', 'from what point'], ''],
  // "how should the young person be involved in writing it": writing it together with them
  [
    [
      'involved in writing',
      'involve them in writing',
      'involve him in writing',
      'involve her in writing',
      'involved in drawing up',
      'involved in putting together',
      'have a hand in writing',
    ],
    'together write',
  ],
  // "does that set anything in motion?": does it start anything, as a trigger does
  [['set anything in motion', 'set things in motion', 'set in motion', 'set off anything', 'start anything formal', 'kick anything off'], 'trigger'],
  [['break down', 'broke down', 'broken down', 'fall apart', 'fell apart', 'fallen apart', 'collapse'], 'disrupt'],
  [['sign off', 'sign it off', 'give permission', 'say yes to', 'green light', 'rubber stamp', 'rubber stamped'], 'approve'],
  // the initial and review health assessments of a child in care
  // a child's health assessments are a record of their own (what goes in one is not placement guidance)
  [
    ['health assessment', 'health assessments', 'initial health assessment', 'initial health assessments', 'review health assessment', 'review health assessments'],
    'healthassessment',
  ],
  // a child protection plan is a plan of its own, not the child's safety in general
  [['child protection plan', 'child protection plans', 'cp plan', 'cp plans'], 'cpplan'],
  // arrangements the placement guidance does not deal with
  [['age assessment', 'age assessments', 'age assessed', 'age disputed', 'age dispute'], 'ageassessment'],
  [['secure accommodation', 'secure order', 'secure orders', 'secure unit', 'secure children home', 'secure placement', 'section 25'], 'secureaccommodation'],
  [['youth offending', 'youth offending team', 'youth offending service', 'youth justice', 'young offender institution', 'secure training centre'], 'youthjustice'],
  // (a special guardianship order ends the child's looked-after status: not case detail like s20)
  [['special guardianship order', 'special guardianship orders', 'special guardianship', 'special guardian', 'special guardians'], 'sgo'],
  [['private fostering', 'privately fostered', 'private foster', 'private fostering arrangement', 'private fostering arrangements'], 'privatefostering'],
  [['mum and baby', 'mother and baby', 'parent and baby', 'parent and child placement', 'mum and baby placement', 'parent and baby placement'], 'parentandbaby'],
  [
    [
      'run off',
      'ran off',
      'runs off',
      'running off',
      'done a runner',
      'do a runner',
      'did a runner',
      'run away',
      'ran away',
      'go missing',
      'went missing',
      'gone missing',
      'missing from care',
      'missing from home',
      'stay out',
    ],
    'missing',
  ],
  [['section 47', 's 47'], 'allegation'],
  // (an out-of-hours placement is an emergency one: "hours" there is no timescale)
  [['same day', 'straight away', 'right now', 'tonight', 'immediate safeguarding', 'out of hours', 'out of hour', 'ooh'], 'emergency'],
  [['child protection', 'at risk of harm', 'not safe', 'unsafe'], 'safeguard'],
  [['heads up', 'keep in the loop', 'keep them in the loop', 'in the loop', 'loop in'], 'notify'],
  [['let them know', 'let him know', 'let her know', 'make aware', 'need to know', 'needs to know', 'hear about', 'find out about', 'finds out about'], 'notify'],
  [['stop payment', 'stop pay'], 'payment stop'],
  [['serve notice', 'give notice', 'hand in notice', 'hand in their notice'], 'notice'],
  [['change of placement', 'placement change', 'change placement', 'placement move'], 'move'],
  [
    [
      'just move',
      'has move',
      'have move',
      'recently move',
      'move recently',
      'move yesterday',
      'move today',
      'move last week',
      'move this week',
      'now placed',
      'since the move',
      'after the move',
      'after a move',
      'post move',
    ],
    'after move',
  ],
  // what a council is "judged on" is how it is measured (a judge is the court's)
  [['judged on', 'judged by', 'judged against', 'get judged', 'are judged', 'is judged'], 'measure'],
  // to "write down" why is to record the reasons (to write a plan is another matter)
  [['write down why', 'write why', 'writes down why', 'note down why', 'put in writing why'], 'record reason'],
  // "an adults-only bit first", "without the YP there", "exclude the child for part of it": a
  // meeting held in parts, the adults first
  [
    [
      'adults bit',
      'adults only bit',
      'adult only bit',
      'adults only part',
      'adults part',
      'without the yp there',
      'without the child there',
      'without the young person there',
      'without the kid there',
      'exclude the child',
      'exclude the yp',
      'exclude the young person',
      'excluding the child',
      'excluding the yp',
    ],
    'adult part',
  ],
  // "a one-off or several?", "can we have more than one": whether meetings come in a series
  [
    [
      'one off or',
      'one-off or',
      'or several',
      'or a few',
      'be several',
      'have several',
      'have a few',
      'several meetings',
      'several mtgs',
      'multiple meetings',
      'more than one meeting',
      'more than one mtg',
    ],
    'series',
  ],
  // the child's "education or training" is their schooling, not training for staff or carers
  [['education or training', 'school, college or training', 'college or training', 'education and training'], 'education'],
  // whoever "comes up with" a plan writes it (not who comes to a meeting)
  [['who come up with', 'come up with'], 'write'],
  [
    [
      'who should be at',
      'who need to be at',
      'who go to',
      'who come to',
      'who should come',
      // "fostering PPM - who comes?", "who should be there?"
      'who come',
      'who should be there',
      'who need to be there',
      'who is invite',
      'who get invite',
      'be at the',
      'be present',
      'come to the',
      'go to the',
      'join the meeting',
      // "in the room", "turn up": being there
      'in the room',
      'turn up',
      'turned up',
      'turns up',
    ],
    'attend',
  ],
  [['set up', 'call a', 'pull together'], 'organise'],
  [['go back to', 'going back to', 'went back to', 'gone back to', 'goes back to', 'move back to', 'moved back to', 'moving back to'], 'return'],
  [['fill in', 'fill out', 'fills in', 'fills out', 'filled in', 'filled out'], 'complete'],
  [['short break', 'want a break', 'need a break', 'needs a break'], 'respite'],
  [['short term', 'short stay', 'stop gap'], 'temporary'],
  [['long term', 'permanence'], 'permanent'],
  [['a week'], '1 week'],
  // told "upfront", "in advance", "beforehand": before
  [['upfront', 'up front', 'in advance', 'beforehand', 'ahead of time'], 'before'],
  // "a one-off" is a single one
  [['one off', 'one offs'], '1'],
  // when something happened or will happen is case detail, not what is asked
  [['next month', 'this month', 'last month', 'next week', 'this week', 'last week', 'last night', 'next year'], ''],
  [
    [
      'since monday',
      'since tuesday',
      'since wednesday',
      'since thursday',
      'since friday',
      'since saturday',
      'since sunday',
      'since yesterday',
      'since last night',
      'since last week',
      'since the weekend',
    ],
    '',
  ],
  [['at the start', 'from the start', 'at the beginning', 'from the beginning', 'at the outset', 'from the outset', 'from day 1'], ''],
  [['once a year', 'every year', 'last year', 'this year', 'past year'], 'year'],
  [['previous 12 month', 'last 12 month', 'past 12 month', 'in 12 month'], '12 month'],
];

/**
 * Single words mapped to a canonical term. The exact word is looked up first, then its stem,
 * so "information" and "inform" can sit in different groups. When two groups share a stem the
 * first group listed keeps it.
 */
const WORDS: Array<[string[], string]> = [
  // "co-production" is co-producing (the stemmer keeps -tion)
  [['production'], 'produc'],
  // noticing a problem is recognising it ("spot" alone is also a spot purchase)
  [['spotted', 'spotting'], 'recognis'],
  [['liaison', 'liaisons'], 'liais'],
  // meeting again is a further meeting
  [['reconvene', 'reconvened', 'reconvenes', 'reconvening'], 'further'],
  // a chat before a meeting is a discussion
  [['chat', 'chats', 'chatting'], 'discuss'],
  [['lac', 'cla', 'lacs'], 'lac'],
  [['parent', 'parents', 'mum', 'mums', 'mam', 'dad', 'dads', 'mother', 'mothers', 'father', 'fathers'], 'parent'],
  // (the stemmer reads "early" as "ear")
  [['early', 'earlier', 'earliest'], 'early'],
  // to have an input is to contribute
  [['input', 'inputs', 'contribution', 'contributions'], 'contribut'],
  // to define something is to give its definition
  [['define', 'defines', 'defined', 'defining', 'definition', 'definitions'], 'definition'],
  [['hos'], 'hos'],
  // a kinship carer is a connected person, a carer
  [['kinship'], 'carer'],
  // the markers normaliseText adds for topics the documents lack (staff cover, working or calendar days,
  // reporting to the police) are terms the analyser knows, so a question naming one is not answered by an entry without it
  [['staffcover'], 'staffcover'],
  [['daytype'], 'daytype'],
  [['policereport'], 'policereport'],
  // extra attention is extra focus
  [['attention', 'focus', 'focused', 'focussed'], 'focus'],
  // the source documents' councils by name ("a Havering manager", "an LBH minute taker") are the council
  [['havering', 'lbh', 'leicester'], 'council'],
  // a telephone call is a phone call
  [['phone', 'phones', 'telephone', 'telephones'], 'phone'],
  // HARP, the approving panel, is named as itself (and read as the Head of Service too, below)
  [['harp'], 'harp'],
  // (a "lad", a UASC: an unaccompanied asylum-seeking child)
  [
    [
      'child',
      'children',
      'kid',
      'kids',
      'yp',
      'cyp',
      'youngster',
      'youngsters',
      'teen',
      'teens',
      'teenager',
      'teenagers',
      'boy',
      'girl',
      'childs',
      'lad',
      'lads',
      'uasc',
      'twin',
      'twins',
      'toddler',
      'toddlers',
    ],
    'child',
  ],
  [['carer', 'carers', 'fc', 'fcs', 'fosterer', 'fosterers'], 'carer'],
  [['ifa', 'ifas'], 'ifa'],
  // Topics and sides of topics the guidance does not deal with, as single words (their phrases are in
  // PHRASES): staff matters for HR, appeals, siblings together or apart, unregistered settings,
  // youth justice, and someone refusing. A question naming one is answered only by an entry that
  // speaks of it: none does for most of them (search.ts refuses an analyser term the guidance never
  // uses), and refusing is in OUTSIDE_BODY_TERMS (question.ts).
  [['hr', 'toil', 'sickness', 'grievance', 'grievances', 'disciplinary', 'overtime', 'caseload', 'caseloads'], 'staffmatters'],
  [['appeal', 'appeals', 'appealed', 'appealing'], 'appeal'],
  [['sibling', 'siblings', 'sibs'], 'sibling'],
  [['ehcp', 'ehcps'], 'ehcp'],
  [['parentalconsent'], 'parentalconsent'],
  [['unregistered'], 'unregistered'],
  // approval given after the event is not in the documents
  [['retrospective', 'retrospectively', 'retro', 'backdate', 'backdated', 'backdating'], 'retrospective'],
  [['rota', 'rotas'], 'outofhoursservice'],
  [['yot', 'yoi', 'remand', 'remanded'], 'youthjustice'],
  [['refuse', 'refuses', 'refused', 'refusing', 'refusal', 'refusals', 'decline', 'declines', 'declined', 'declining'], 'refuse'],
  // the child's social worker (CSW), as against the carers' supervising social worker (a locum is
  // an agency social worker covering a post)
  [['sw', 'sws', 'csw', 'csws', 'nqsw', 'nqsws', 'locum', 'locums'], 'sw'],
  // (FSW: the fostering social worker)
  [['ssw', 'ssws', 'fsw', 'fsws'], 'ssw'],
  [['iro', 'iros'], 'iro'],
  [['ppm', 'ppms'], 'ppm'],
  [['psm', 'psms'], 'stabilitymeeting'],
  [['vs', 'vsh'], 'virtualschool'],
  [['brokerage'], 'placementsteam'],
  [['lcs', 'mosaic', 'eclipse', 'liquidlogic', 'carefirst'], 'caserecord'],
  [['pep', 'peps', 'epep', 'epeps'], 'pep'],
  [['therapy', 'therapies', 'therapeutic', 'therapist', 'therapists', 'counselling', 'counsellor'], 'therapy'],
  [['qa', 'qas'], 'qualityassure'],
  [['role', 'roles', 'job', 'jobs', 'responsibility', 'responsibilities'], 'role'],
  [['format', 'formats', 'template', 'templates'], 'format'],
  [['write', 'writes', 'writing', 'written', 'wrote', 'draft', 'drafts', 'drafted', 'drafting'], 'write'],
  [
    [
      'revise',
      'revised',
      'revises',
      'revising',
      'revision',
      'revisions',
      'update',
      'updated',
      'updates',
      'updating',
      'redo',
      'redoing',
      'redone',
      'rewrite',
      'rewriting',
      'rewritten',
      'refresh',
      'refreshed',
      'refreshes',
      'refreshing',
    ],
    'update',
  ],
  [['unplanned', 'unexpected', 'unexpectedly', 'sudden', 'suddenly', 'abrupt', 'abruptly'], 'unplanned'],
  // (PLO: the pre-proceedings public law outline)
  [['s20', 's31', 'ico', 'icos', 'epo', 'fco', 'plo'], 'legalorder'],
  [['purpose', 'purposes', 'point', 'aim', 'aims', 'achieve', 'achieves'], 'purpose'],
  [['resi', 'resis', 'residential'], 'residential'],
  [['multiagency'], 'multiagency'],
  [['ssda903'], 'ssda903'],
  // Deprivation of Liberty Safeguards, a legal matter of its own
  [['dols'], 'dols'],
  [['wraparound'], 'wraparound'],
  [
    [
      'approve',
      'approval',
      'approved',
      'approving',
      'authorise',
      'authorize',
      'authorised',
      'authorized',
      'authorising',
      'okayed',
      'authorisation',
      'authorization',
      'sanction',
      'permission',
      'signoff',
    ],
    'approve',
  ],
  [['disrupt', 'disruption', 'disruptions', 'disrupted', 'disrupting', 'breakdown', 'breakdowns', 'broken', 'collapsed'], 'disrupt'],
  [['struggle', 'struggling', 'cope', 'coping', 'exhausted', 'knackered'], 'struggle'],
  // a strained or tense placement is a fragile one; a generic plan is one not specific to the child
  [['strained', 'tense', 'tension', 'tensions', 'rows', 'rowing', 'clash', 'clashes', 'clashing', 'cracks'], 'fragile'],
  [['generic'], 'specific'],
  [['notify', 'notified', 'notification', 'inform', 'informed', 'informing', 'tell', 'told', 'telling', 'alert', 'advise'], 'notify'],
  [['information', 'info', 'details', 'detail'], 'information'],
  [['move', 'moves', 'moving', 'moved', 'transfer', 'relocate', 'relocation'], 'move'],
  // AWOL (absent without leave) and MFH (missing from home), as police and residential staff say
  [['missing', 'awol', 'mfh', 'abscond', 'absconding', 'absconded', 'absconds', 'absent', 'absence', 'absences', 'runaway'], 'missing'],
  [['allegation', 'allegations', 'allege', 'alleged', 's47', 'lado'], 'allegation'],
  // an "issue" or a "problem" in a placement is a concern
  [['concern', 'concerns', 'issue', 'issues', 'problem', 'problems', 'difficulty', 'difficulties'], 'concern'],
  [['blame', 'blames', 'blamed', 'blaming', 'reprimand', 'reprimanded'], 'blame'],
  [['complaint', 'complaints', 'complain', 'complained'], 'complaint'],
  [
    [
      'behaviour',
      'behaviours',
      'behavior',
      'behaviors',
      'behavioural',
      'aggressive',
      'aggression',
      'violent',
      'violence',
      'meltdown',
      'meltdowns',
      'tantrum',
      'tantrums',
      'outburst',
      'outbursts',
    ],
    'behaviour',
  ],
  [['emergency', 'emergencies', 'urgent', 'urgently', 'urgency', 'asap'], 'emergency'],
  [['chair', 'chairs', 'chaired', 'chairing', 'chairperson', 'chairman', 'chairwoman'], 'chair'],
  [['attend', 'attends', 'attending', 'attendance', 'attendee', 'attendees', 'invite', 'invited', 'invitation', 'invites', 'inviting'], 'attend'],
  [['minute', 'minutes', 'minuted', 'minuting', 'notes'], 'minutes'],
  [['save', 'saved', 'saving', 'store', 'stored', 'storing', 'upload', 'uploaded', 'uploading'], 'record'],
  [['oversight', 'oversee', 'oversees', 'overseeing', 'monitor', 'monitors', 'monitored', 'monitoring'], 'oversight'],
  [['code', 'codes', 'coding', 'coded', 'recode', 'miscoded', 'miscode'], 'code'],
  [
    [
      'fragile',
      'fragility',
      'unstable',
      'instability',
      'wobbly',
      'wobbling',
      'shaky',
      'rocky',
      'precarious',
      'brittle',
      'deteriorate',
      'deteriorating',
      'deteriorated',
      'deterioration',
    ],
    'fragile',
  ],
  [['visit', 'visits', 'visiting', 'visited'], 'visit'],
  [['consider', 'considers', 'considering', 'considered', 'think', 'thinking', 'contemplate', 'contemplating', 'reckon', 'reckons', 'reckoned'], 'consider'],
  [['end', 'ends', 'ending', 'endings', 'ended', 'terminate', 'terminated', 'termination', 'cease', 'ceased'], 'end'],
  [['complete', 'completed', 'completing', 'completion', 'finish', 'finished', 'finalise', 'finalised', 'finalize', 'finalized'], 'complete'],
  [
    [
      'organise',
      'organises',
      'organised',
      'organize',
      'organizes',
      'organized',
      'arrange',
      'arranges',
      'arranged',
      'arranging',
      'convene',
      'convenes',
      'convened',
      'coordinate',
      'coordinates',
      'coordinating',
      // chat shorthand for the verb ("psm who coords?"; "coord" alone is as often a coordinator)
      'coords',
      'book',
      'booked',
      'booking',
      'schedule',
      'scheduled',
    ],
    'organise',
  ],
  [['payment', 'payments', 'pay', 'paid', 'paying', 'finance', 'financial', 'money', 'invoice', 'invoices'], 'payment'],
  [['fund', 'funding', 'funded', 'cost', 'costs', 'costly', 'expensive', 'commission', 'commissioning', 'commissioned'], 'fund'],
  [['education', 'educational', 'school', 'schools', 'schooling', 'college', 'course', 'courses', 'apprenticeship', 'teacher', 'teachers'], 'education'],
  [['health', 'nurse', 'nurses'], 'health'],
  [['iha', 'ihas', 'rha', 'rhas'], 'healthassessment'],
  // the inspectorate, a term of its own (not a name to set aside)
  [['ofsted'], 'ofsted'],
  [['safeguard', 'safeguarding', 'danger', 'dangerous'], 'safeguard'],
  [['adopt', 'adoption', 'adopted', 'adoptive'], 'adopt'],
  // a child's "rehabilitation" home (to their parents) is reunification
  [['reunification', 'reunify', 'reunified', 'reunite', 'reunited', 'reuniting', 'rehabilitation', 'rehabilitate', 'rehabilitated'], 'reunification'],
  // the words of a child's identity the guidance uses: religion, ethnicity, culture
  [['religion', 'religions', 'religious', 'faith', 'faiths', 'muslim', 'islam', 'islamic', 'christian', 'catholic', 'hindu', 'sikh', 'jewish', 'buddhist'], 'religion'],
  [['ethnicity', 'ethnicities', 'ethnic', 'race', 'racial', 'heritage'], 'ethnicity'],
  // a child's identity is how practitioners name their culture, faith, language and heritage together
  [['culture', 'cultures', 'cultural', 'culturally', 'identity', 'identities'], 'culture'],
  // resolving, repairing or mending things between people is resolution
  [['resolve', 'resolves', 'resolved', 'resolving', 'resolution', 'repair', 'repairs', 'repaired', 'repairing', 'mend', 'mending'], 'resolution'],
  // a residential "unit" is the home; a provider's "company" is the provider
  [['unit', 'units'], 'residential'],
  [['company', 'companies'], 'provider'],
  // a child who needs an interpreter, or has English as an additional language (EAL)
  [['language', 'languages', 'interpreter', 'interpreters', 'eal'], 'language'],
  [['introduction', 'introductions', 'introduce', 'introducing', 'intro', 'intros'], 'introduction'],
  [['overnight', 'overnights', 'sleepover', 'sleepovers'], 'overnight'],
  [['profile', 'profiles', 'booklet'], 'profile'],
  [['view', 'views', 'wishes', 'voice', 'opinion', 'opinions'], 'views'],
  [['respite'], 'respite'],
  [['temporary', 'temp', 'interim', 'stopgap'], 'temporary'],
  [['permanent', 'permanency', 'longterm'], 'permanent'],
  [['notice'], 'notice'],
  [['return', 'returns', 'returned', 'returning'], 'return'],
  [['previous', 'previously', 'original', 'former'], 'previous'],
  [['give', 'gives', 'gave', 'given', 'giving'], 'give'],
  // a meeting "split" or held in halves is held in parts
  [['part', 'parts', 'half', 'halves'], 'part'],
  [['tracker', 'tracking', 'spreadsheet'], 'tracker'],
  [['resign', 'resigned', 'resigns', 'resignation', 'deregister', 'deregistered', 'deregistration'], 'resign'],
  [['measure', 'measures', 'measured', 'indicator', 'indicators', 'kpi', 'kpis', 'pi', 'pis', 'metric', 'metrics', 'statistic', 'stats'], 'measure'],
  [['plan', 'plans', 'planned', 'planning'], 'plan'],
  [['meeting', 'meetings', 'meet'], 'meeting'],
  [['hour', 'hours', 'hrs', 'hr'], 'hour'],
  [['day', 'days', 'daily', 'everyday'], 'day'],
  [['week', 'weeks'], 'week'],
  [['month', 'months'], 'month'],
  [['year', 'years', 'annual', 'annually', 'yearly'], 'year'],
  // irregular forms of a stopword, so phrases such as "who goes to" match
  [['goes', 'went'], 'go'],
  [['one'], '1'],
  [['two', 'twice', 'second'], '2'],
  [['three', 'third'], '3'],
  [['four'], '4'],
  [['five'], '5'],
  [['six'], '6'],
  [['seven'], '7'],
  [['ten'], '10'],
  [['twelve'], '12'],
  [['thirteen'], '13'],
  [['fourteen'], '14'],
  [['fifteen'], '15'],
  [['sixteen'], '16'],
  [['seventeen'], '17'],
  [['eighteen'], '18'],
  [['twenty'], '20'],
];

/**
 * Words that only sometimes carry a synonym's meaning. Guidance text keeps them as they are
 * ("agree together how to tell the child" is not an approval), but a question using them is
 * also matched against the synonym ("who agrees a move?" asks who approves it).
 */
const QUERY_EXPANSIONS: Array<[string[], string]> = [
  [['agree', 'agrees', 'agreed', 'agreeing', 'agreement', 'decide', 'decides', 'decision', 'okay', 'allowed', 'allow'], 'approve'],
  [['panel', 'panels'], 'hos'],
  [['contribute', 'contributes', 'contributing', 'contribution', 'contributions', 'input', 'inputs'], 'attend'],
  // bringing someone to a meeting is having them attend it
  [['bring', 'brings', 'bringing', 'brought'], 'attend'],
  [['show', 'shows', 'showed', 'shown', 'showing'], 'share'],
  [['worried', 'worry', 'worries', 'concern', 'concerns', 'concerned'], 'fragile'],
  [['harp'], 'hos'],
  // health, a doctor or a therapist at a meeting are among "other relevant professionals"
  [['health', 'therapist', 'psychologist', 'nurse', 'gp', 'doctor', 'paediatrician', 'camhs', 'camh'], 'professional'],
];

/** Abbreviations expanded before anything else, so phrases see the full words. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bmtgs?\b/g, 'meeting'],
  [/\btms?\b/g, 'team manager'],
  [/\bwks?\b/g, 'week'],
  // "24hr notice", "48 hrs": hours ("HR" alone is human resources)
  [/\b(\d+)\s*hrs?\b/g, '$1 hour'],
  [/\byrs?\b/g, 'year'],
  [/\bs\/w\b/g, 'social worker'],
  // the fostering manager (an "FM" in chat)
  [/\bfms?\b/g, 'fostering manager'],
  [/\bll\b/g, 'liquid logic'], // "'ll" contractions are gone by now, so a lone "ll" is Liquid Logic
  [/\bma\b/g, 'multi agency'],
  [/\bindep\b/g, 'independent'],
  // the out-of-hours emergency duty team, as a council's own documents name it
  [/\bedt\b/g, 'emergency duty team'],
  // the return home interview after a missing episode
  [/\brhis?\b/g, 'return home interview'],
  // (spelling repair would otherwise read these as "crowd" and "split")
  [/\bcwd\b/g, 'children with disabilities'],
  [/\bslt\b/g, 'senior leadership team'],
  // chat short forms of the field's words: "prep" the child, a "perm" placement, "rehab" home, "sibs"
  [/\bprep\b/g, 'preparation'],
  [/\bperm\b/g, 'permanent'],
  [/\brehab\b/g, 'rehabilitation'],
  [/\bsibs\b/g, 'siblings'],
  [/\bkey ?workers?\b|\blink ?workers?\b/g, 'keyworker'],
  [/\bpo\b/g, 'placement officer'],
  [/\b(shd|shld|shud|shuld)\b/g, 'should'],
  // texting shorthand practitioners use in chat
  [/\b(wat|wot|wht)\b/g, 'what'],
  [/\b(wats|wots)\b/g, 'whats'],
  [/\bnite\b/g, 'night'],
  [/\b(wud|wld)\b/g, 'would'],
  [/\b(cud|cld)\b/g, 'could'],
  [/\bb4\b/g, 'before'],
  [/\b(abt|bout)\b/g, 'about'],
  [/\b(u|ya)\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bppl\b/g, 'people'],
  [/\b(tmrw|tmw|2moro|2morrow)\b/g, 'tomorrow'],
  [/\b(tonite|2nite)\b/g, 'tonight'],
  [/\b(rly|rlly)\b/g, 'really'],
  // a dropped g ("still bein built", "is she goin to the PPM")
  [/\b(bein|goin|doin|havin|gettin|sayin|askin|tryin|movin|lookin|thinkin|wonderin|talkin|comin|leavin|takin|makin|plannin|workin|strugglin|kickin|endin|placin)\b/g, '$1g'],
  // "the placement plan vs the care plan" is versus; "VS" on its own is the Virtual School
  [/\bvs\.?(?=\s+(the|a|an|my|our|their|his|her)\b)/g, 'versus'],
  // "stability meeting vs disruption meeting", "planned vs unplanned": between two things compared it is
  // versus; after a word that asks, tells or joins ("notify VS", "the VS", "IRO and VS") or before a verb
  // or a word of the school's ("VS need to", "VS advice") it is the Virtual School
  [
    /(?<=\b[a-z]+ )(?<!\b(?:the|a|an|to|and|or|nor|but|so|then|also|both|not|plus|do|does|did|should|would|could|can|will|must|may|might|need|needs|has|have|had|is|are|was|were|be|been|if|when|that|which|whether|with|from|for|by|of|at|in|on|into|via|get|got|getting|tell|told|telling|notify|notified|notifying|inform|informed|ask|asked|asking|email|emailed|emailing|contact|contacted|involve|involved|involving|consult|consulted|include|included|invite|invited|inviting|let|call|ring|rang|phone|phoned|speak|talk|chase|chased|cc|copy|copied|our|your|their|his|her|my|this|local|virtual|hi|dear|from|alert|alerted|loop|update|updated|tells|asks|contacts|notifies|informs|involves|includes|invites) )vs\.?(?= (?!(?:need|needs|have|has|had|be|is|are|was|were|should|must|will|would|can|could|may|might|do|does|did|fund|funds|funding|want|wants|wanted|said|says|say|advice|advise|advised|advising|officer|officers|head|team|teacher|teachers|escalate|involvement|involved|doesnt|dont|didnt|know|knows|knew|appear|appears|meant|supposed|expected|to|s|about|re|on|in|at|for|lead|colleague|worker|workers|staff|get|gets|got|agree|agrees|agreed|think|thinks|attend|attends|reply|replied|replies|respond|responded|still|also|too|and|or|if|when|who|usually|normally|always|never|then|so|yet|ever|contact|email|input|support|pupil|designated|approval|view|views|before|after|first|as|via|please|pls|asap|now)\b)[a-z])/g,
    'versus',
  ],
  [/\bw (?=[a-z]{2,})/g, 'with '],
  // "SW v SSW": versus
  [/(?<=\w\s)v\.?(?=\s\w)/g, 'versus'],
  [/\bdiff\b/g, 'different'],
  [/\bdocs\b/g, 'documents'],
  [/\bdoc\b/g, 'document'],
  [/\brefs?\b/g, 'reference'],
  [/\bda\b/g, 'delegated authority'],
  // the field's own short forms (placement plan, child protection, child in care, registered
  // manager, personal adviser, introduction planning meeting, disruption meeting, special
  // guardianship order, education health and care plan)
  // "s.20", "S 20", "sec 20" are section 20 (of the Children Act), as "s20" is
  [/\b(?:s|sec|sect)\.?\s?(20|31|47)\b/g, 'section $1'],
  [/\bcpps?\b/g, 'child protection plan'],
  // (not "pp. 12-14", pages in a council document)
  [/\bpps?\b(?!\.?\s*\d)/g, 'placement plan'],
  [/\blas?\b/g, 'local authority'],
  [/\bcp\b/g, 'child protection'],
  [/\bcic\b/g, 'child in care'],
  [/\brms?\b/g, 'registered manager'],
  [/\bpas?\b/g, 'personal adviser'],
  [/\bipms?\b/g, 'introduction planning meeting'],
  // "DM me" is a direct message, not a disruption meeting
  [/\bdms?\b(?!\s+(?:me|you|him|her|them|us)\b)/g, 'disruption meeting'],
  [/\bsgos?\b/g, 'special guardianship order'],
  // an education, health and care plan (special educational needs) is a process of its own, which the
  // documents do not cover
  [/\behcps?\b|\bsend\s+team\b|\bsen\s+team\b|\bsen\s+(?:officer|caseworker|case worker)\b|\beducation,?\s+health\s+and\s+care\s+plans?\b/g, 'ehcp'],
  // days of the week as typed in chat ("placement ended on fri", "sat night"): case detail
  [/\bmon\b(?=\s+(morning|afternoon|evening|night)\b)/g, 'monday'],
  [/\b(tues?)\b/g, 'tuesday'],
  [/\b(weds)\b/g, 'wednesday'],
  [/\b(thurs?|thu)\b/g, 'thursday'],
  [/\bfri\b/g, 'friday'],
  [/\bsat\b(?=\s+(morning|afternoon|evening|night|eve)\b)/g, 'saturday'],
  [/\bsun\b(?=\s+(morning|afternoon|evening|night|eve)\b)/g, 'sunday'],
  [/\binfo\b/g, 'information'],
  [/\bpls\b|\bplz\b/g, 'please'],
  [/\b(bc|cos|coz)\b/g, 'because'],
  [/\bf\/c\b/g, 'foster carer'],
  [/\bw\//g, 'with '],
  [/&/g, ' and '],
];

/**
 * Words that carry no meaning for matching (question words, pronouns, filler). How a message came
 * ("the carer rang me", "she texted last night") is case detail too: only those past forms are
 * listed, as "phone" and "email" can be what is asked about. "Actual" and "stuff" only
 * emphasise ("is there an actual policy", "the day to day stuff"); interjections ("ouch", "eek")
 * say how the asker feels; "is it written anywhere / somewhere" asks whether the guidance says so.
 * Chat fillers ("tbh", "fyi", "atm": at the moment) say nothing of the topic either, nor do "ever"
 * and "per" ("is there only ever one PPM per placement?").
 */
export const STOPWORDS = new Set(
  `a an the i me my mine we us our you your yours he him his she her hers it its they them their
  theirs this that these those there here what whats which who whom whose when where why how
  do does did doing is are was were be been being am have has had having can could should
  would will shall must may might need needs needed to of in on for at by with from into onto
  about as and or but if then than so too very just also only not no nor any some all each
  either neither both own same such up down out over under again once please thanks
  thank hi hello hey ok okay get gets got getting go going gone say says said saying know let
  me im ive id youre theyre theyve hes shes thats theres wheres whos hows dont doesnt isnt
  arent wasnt werent cant wont shouldnt couldnt wouldnt s t d ll re ve m anyone someone everyone
  everybody anybody somebody nobody
  something anything nothing nothings thing things now still yet already really actually basically currently
  regarding happen happens happening way ways make makes made use used using want wants wanted
  etc e g eg ie like new done help helps helped yesterday today tomorrow yday ystday yest tmrw tmw tmoz 2moro tomoz until against whether lot lots bit
  every ever per many much next first put weekend weekends night nights morning evening afternoon versus
  process processes procedure procedures policy policies guidance rule rules
  rang rung phoned telephoned texted emailed messaged actual stuff ouch eek argh ugh oops phew lol sigh
  anywhere somewhere everywhere
  tbh imo imho idk fyi btw tbc atm rn thx ty cheers
  teh hte adn nad taht waht wiht jsut
  grandson granddaughter grandchild grandchildren grandkids nephew niece aunt auntie uncle nan nanna nana gran grandma grandad grandparent grandparents cousin
  devastated gutted heartbroken distraught crushed
  side sides principle principles`
    .split(/\s+/)
    .filter(Boolean),
);

/** Light suffix stripping: enough to join plan/plans/planning or code/coded/coding. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  let stripped = false;
  // a noun in -sion joins its verb: discussion / discussed, revision / revised, supervision / supervise
  if (w.endsWith('sion') && w.length >= 7) {
    w = w.slice(0, -3);
    stripped = true;
  }
  for (const suffix of ['ation', 'ing', 'edly', 'ed', 'ly']) {
    if (stripped) break;
    // (-ply and -ully are no adverbs: "apply", "supply", "reply" and "bully" keep their ending)
    if (suffix === 'ly' && /(?:ply|ully)$/.test(w)) break;
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      // "agreed" is "agree" + d, so it stems as "agree" does
      w = suffix === 'ed' && w.endsWith('eed') && w.length >= 6 ? w.slice(0, -1) : w.slice(0, -suffix.length);
      stripped = true;
      break;
    }
  }
  // planning -> plann -> plan; but keep "staff" or "call"
  if (stripped && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|ff|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // a verb in -ate joins its noun in -ation: escalate / escalation, coordinate / coordination
  if (/at(e|es|ed|ing|ely)$/.test(word) && w.endsWith('at') && w.length >= 6) w = w.slice(0, -2);
  // "care", "caring" and "cared" would otherwise share a stem with "car" ("my car broke down")
  if (w === 'car' && !/^cars?$/.test(word)) return 'care';
  return w;
}

// ───────────────────────────── lookup tables, built once ─────────────────────────────

const CANONICAL_TERMS = new Set<string>();
const EXACT_WORD = new Map<string, string>();
const STEMMED_WORD = new Map<string, string>();
for (const [words, canonical] of WORDS) {
  CANONICAL_TERMS.add(canonical);
  for (const w of words) {
    if (!EXACT_WORD.has(w)) EXACT_WORD.set(w, canonical);
    const s = stem(w);
    if (!STEMMED_WORD.has(s)) STEMMED_WORD.set(s, canonical);
  }
}

/** True for a term the analyser maps practitioners' words onto (a domain term such as "ssw" or "approve"). */
export function isAnalyserTerm(term: string): boolean {
  return CANONICAL_TERMS.has(term);
}

/** Canonical form of one word (lower-case, no punctuation); stopwords are not removed here. */
export function canonicalTerm(word: string): string {
  if (CANONICAL_TERMS.has(word)) return word;
  const exact = EXACT_WORD.get(word);
  if (exact) return exact;
  const stemmed = stem(word);
  return STEMMED_WORD.get(stemmed) ?? stemmed;
}

interface PhraseRule {
  keys: string[];
  replacement: string[];
}

/**
 * Abbreviations practitioners use for two things. "PSM" is most often the Placement Stability
 * Meeting, but 001 uses it for the Placement Support Meeting: a question using it is matched
 * against both, the second reading weighing less (see isSecondReading), so that it decides only
 * where the first has nothing to say ("how do I minute a PSM?").
 */
const SECOND_READINGS = new Map<string, string>([
  ['psm', 'supportmeeting'],
  ['psms', 'supportmeeting'],
]);
const SECOND_READING_TERMS = new Set(SECOND_READINGS.values());

/** Whether alternative `i` of a question term is an ambiguous abbreviation's second reading. */
export function isSecondReading(group: readonly string[], i: number): boolean {
  return i > 0 && SECOND_READING_TERMS.has(group[i]!) && !QUERY_EXPANSION_TARGETS.has(group[i]!);
}

const QUERY_EXPANSION = new Map<string, string>();
for (const [list, canonical] of QUERY_EXPANSIONS) {
  CANONICAL_TERMS.add(canonical);
  for (const w of list) QUERY_EXPANSION.set(canonicalTerm(w), canonical);
}
const QUERY_EXPANSION_TARGETS = new Set(QUERY_EXPANSIONS.map(([, canonical]) => canonical));

/** Phrases indexed by their first word's key, longest first. */
const PHRASES_BY_FIRST_KEY = new Map<string, PhraseRule[]>();
for (const [phrases, replacement] of PHRASES) {
  for (const terms of replacement.split(' ')) if (terms) CANONICAL_TERMS.add(terms);
  for (const phrase of phrases) {
    const keys = phrase.split(' ').map(canonicalTerm);
    const rule = { keys, replacement: replacement.split(' ').filter(Boolean) };
    const list = PHRASES_BY_FIRST_KEY.get(keys[0]!) ?? [];
    list.push(rule);
    PHRASES_BY_FIRST_KEY.set(keys[0]!, list);
  }
}
for (const list of PHRASES_BY_FIRST_KEY.values()) list.sort((a, b) => b.keys.length - a.keys.length);

// ───────────────────────────── the analyser ─────────────────────────────

/** Lower-case, tidy punctuation, expand contractions and abbreviations. */
/** What follows "what kind of placement" when the kind asked about is another thing's ("what kind of placement ending"). */
const KIND_OF_SOMETHING_ELSE = /^\s+(?:end|ends|ending|endings|move|moves|breakdown|breakdowns|change|changes|plan|plans|planning|request|requests)\b/;

export function normaliseText(text: string): string {
  let t = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2013\u2014]/g, ' - ');
  // a time of day ("placed at 6pm", "rang at 4.30pm") says when something happened, nothing of what is asked
  t = t.replace(/\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b/g, ' ');
  // "court changed his care plan last week": what the court has done is the case, not a question about the court
  t = t.replace(/\b(?:the\s+)?court\s+(?=(?:has\s+|have\s+)?(?:changed|made|granted|ordered|agreed|decided|approved|extended|varied)\b)/g, '');
  // "mention it at next week's team meeting" is the team's own meeting, not one held on Teams
  t = t.replace(/\bteam\s+(?:meeting|meetings|mtg|mtgs)\b/g, 'team');
  // "the SW says no need to tell them", "said no support plan was done": what someone says there is
  // none of, not someone refusing ("HoS said no to the move", "they said no??")
  t = t.replace(/\b(say|says|said|saying)\s+no\s+(?!(?:to|because|as|and|or|but|so|then|again|straight|outright|at|on|yesterday|today|now)\b)(?=[a-z])/g, '$1 there is no ');
  // "see him at his new carers": where the child lives, the placement (not the carers as people)
  t = t.replace(/\bat\s+(?:his|her|their|the)\s+(new\s+)?(?:foster\s+)?carers(?:'s|')?(?:\s+(?:house|home))?\b/g, 'in the $1placement');
  // a placement that "finishes" ends (a plan or form is finished: completed)
  t = t.replace(/\b(placement|placements|move|stay)(\s+(?:has\s+|is\s+|was\s+)?)(?:finishes|finished|finishing|finish)\b/g, '$1$2ends');
  // "... n who chairs it": chat's "and" before a second question
  t = t.replace(/(?<=[a-z?,]\s)n(?=\s+(?:who|what|whats|when|where|how|does|do|is|are|can|should|will)\b)/g, 'and');
  // "turned up at school with a bruise": arriving somewhere, not attending a meeting
  t = t.replace(
    /\b(?:turn|turns|turned|turning)\s+up\s+(?=(?:at|to|in)\s+(?:school|college|home|the office|the unit|a ?&? ?e|hospital|the police station|contact|her nan's|his nan's)\b)/g,
    'arrived ',
  );
  // "time scale", "time frame", "dead line" are typed apart as often as not, and mean the one word
  t = t.replace(/\btime[\s-]+(scale|frame)(s?)\b/g, 'time$1$2').replace(/\bdead[\s-]+line(s?)\b/g, 'deadline$1');
  // the day team: handing over to it is how the out-of-hours service runs, which the documents leave
  // out; the day team taking over ("day team will pick it up monday", "does the day team need to hold a
  // PPM?") is who acts next, case detail
  t = t
    .replace(
      /\b((?:hand|hands|handed|handing|handover|handovers|pass|passes|passed|passing|on|over|or|and|to)\s+(?:it\s+)?(?:over\s+|on\s+)?(?:to\s+)?(?:the\s+)?)day\s*(?:time\s+)?team\b/g,
      '$1outofhoursservice',
    )
    .replace(/\bday\s*(?:time\s+)?team\b/g, ' ');
  // what a plan or record is "meant to tell" the carer is what it is for, not telling the child
  t = t.replace(/\b(plan|pp|record|minutes|report)\s+(?:is\s+|are\s+)?(?:meant\s+|supposed\s+|there\s+)?to\s+tell\b/g, '$1 purpose');
  // kinds of placement: asked which kinds ("which kinds of placement does it cover?"), the kinds the
  // guidance names; otherwise ("for each kind of placement"), placements of every kind
  t = t.replace(
    /\b(?:(which|what|all|any)\s+)?(?:(?:types?|kinds?|sorts?)\s+of\s+placements?|placement\s+types?)\b/g,
    (_kinds, asked: string | undefined, offset: number, whole: string) =>
      asked && !KIND_OF_SOMETHING_ELSE.test(whole.slice(offset + _kinds.length)) ? `${asked} foster residential semi independent placement` : `${asked ?? ''} placement`,
  );
  // what a home or carer sends the child before they arrive is what it shares with them
  t = t.replace(/\b(?:send|sends|sending|sent|give|giving)\s+(him|her|them|the child|the yp|the young person)\s+(?=before\b)/g, 'share with $1 ');
  t = t.replace(/\bwhat\s+(should|do|can|must|are)\s+(we|i|they)\s+(?:be\s+)?(?:meant\s+to\s+|supposed\s+to\s+)?(?:send|sending)\s+(him|her|them)\b/g, 'what $1 $2 share with $3');
  // "carers asking who does what - school runs, haircuts": with everyday tasks named, who does what
  // is how parenting tasks are shared day to day
  if (/\b(?:haircuts?|hair cuts?|school runs?|school trips?|sleepovers?|pocket money|dentist|medical appts?|medical appointments?)\b/.test(t))
    t = t.replace(/\bwho\s+(?:does|decides|do)\s+what(?:\s+day to day)?\b/g, 'who does what day to day');
  // "sign the move off" is signing off the move
  t = t.replace(/\b(sign|signs|signed|signing)\s+((?:the|this|that|his|her|their)\s+(?:[a-z]+\s+)?)off\b/g, '$1 off $2');
  // "normally", "typically", "generally" say what the guidance's "usually" says
  t = t.replace(/\b(?:normally|typically|generally|ordinarily)\b/g, 'usually');
  // Rule ids become one term each ("MOVE-7" -> "rulemove7") so they can be searched for.
  t = t.replace(/\b(move|frag|plan|after|end)-(\d{1,2})\b/g, ' rule$1$2 ');
  // a children's home is residential care; "getting the kids home" (to their parents) is not
  t = t.replace(/\bchildren'?s\s+(?=homes?\b)/g, 'residential ');
  t = t
    .replace(/\bcan't\b|\bcant\b|\bcan not\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/'(s|re|ve|ll|d|m)\b/g, ' ')
    .replace(/'/g, '');
  for (const [pattern, replacement] of ABBREVIATIONS) t = t.replace(pattern, replacement);
  // "my TM says the first visit can be within 6 weeks - is that right?": who put the claim forward
  // is not what is asked
  t = t.replace(
    /\b(?:my|our|the|a)\s+(?:(?!(?:home|registered|residential|unit|service|fostering)\b)[a-z]+\s+)?(?:team manager|manager|pe|practice educator|colleague|supervisor|senior|previous la|old la|last la)\s+(?:says|said|reckons|thinks|told me|tells me|has said|is saying)\b/g,
    ' ',
  );
  // whether a parent must agree or consent ("mum has PR, does she have to agree to the move?") is
  // parental consent, which the documents do not cover
  t = t.replace(
    /\b(?:mum|dad|mother|father|parents?|birth parents?)\b([^.?!]{0,60}?)\b(?:does|do|has|have|need|needs|must)\s+(?:she|he|they|mum|dad|parents?)?\s*(?:have\s+to|to|got\s+to)?\s*(?:agree|consent)\b|\bparental consent\b/g,
    (match) => `${match} parentalconsent`,
  );
  // a parent withdrawing section 20 consent ("mum wants to withdraw s20 consent", "says she's taking him
  // home") is the same matter
  t = t.replace(
    /\bwithdraw\w*\s+(?:(?:her|his|their|the|my)\s+)?(?:s20\s+|section 20\s+)?consent\b|\b(?:s20|section 20)\b[^.?!]{0,60}?\b(?:taking|take|takes|took)\s+(?:him|her|them|the (?:child|kids|children))\s+home\b/g,
    (match) => `${match} parentalconsent`,
  );
  // "keep them together", "split the siblings up": whether brothers and sisters are placed together
  t = t.replace(
    /\b(?:keep|keeps|kept|keeping|place|placed|placing)\s+(?:them|the (?:kids|children|siblings|sibs|brothers|sisters|boys|girls)|all (?:3|three|4|four|of them))\s+together\b|\b(?:split|splitting|separate|separating|separated)\s+(?:them|the (?:siblings|sibs|brothers|sisters))(?:\s+up)?\b/g,
    'siblings together',
  );
  // "3 siblings", "2 sibs" are the children of the case; siblings as such are a topic of their own
  t = t.replace(/\b(\d+|two|three|four|five)\s+(sibs|siblings)\b/g, '$1 children');
  // so are "a sibling pair", "a sibling group of 3" and "siblings Evie (5) and Sam (3)"
  t = t.replace(/\b(?:sibling|sib)\s+(?:pair|group)(?:\s+of\s+(?:\d+|two|three|four|five))?\b/g, 'children');
  // (the names may already be gone: "siblings (5) and (3)")
  t = t.replace(/\b(?:siblings|sibs)\s+(?=(?:[a-z]+\s*)?\(\s*\d{1,2}\s*\)\s*(?:and|&)\s+(?:[a-z]+|\(\s*\d))/g, 'children ');
  // "a 14 year old", "15yo" is a child
  t = t.replace(/\b\d{1,2}\s*-?\s*(year|yr)s?\s*-?\s*old\b|\b\d{1,2}\s*(yo|y\/o)\b/g, ' child ');
  // "Zac (11)": an age in brackets after a name is the child's
  t = t.replace(/\(\s*\d{1,2}\s*(?:yo|y\/o|yrs?|years?)?\s*\)/g, ' child ');
  // "on 3 june", "the 14th of may": the day of a case's date is case detail (31 March, the national
  // measure's date, is not)
  t = t.replace(
    /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?=(?:jan|january|feb|february|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\b)/g,
    '',
  );
  t = t.replace(/\b(jan|january|feb|february|apr|april|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\s+\d{1,2}(?:st|nd|rd|th)?\b/g, '$1');
  // "gave 28 days notice", "handed in her notice": how much notice is case detail, giving it is the point
  t = t.replace(
    /\b(give|gives|gave|giving|given|serve|serves|served|serving|hand in|hands in|handed in)\s+(?:(?:their|her|his|my|a|the|\d+|one|two|three|four|six|twenty eight|days?|weeks?|months?)\s+){1,4}notice\b/g,
    '$1 notice',
  );
  // "who lets everyone know what was agreed?", "update school on what was decided": telling people a
  // meeting's outcome
  t = t.replace(
    /\b(know|tell|told|telling|update|updating|inform|informing|informed)\s+((?:[a-z]+\s+){0,3}?)(?:on\s+|about\s+|of\s+)?what\s+(?:was|got|has been|had been|were|they|we)\s+(?:agreed|decided)\b/g,
    '$1 $2 outcome',
  );
  // "who decides how the child is told", "what was agreed at the meeting": deciding or agreeing a
  // manner, a time or a meeting's outcome is not approving a move, and says nothing of the topic
  t = t.replace(/\b(agree|agrees|agreed|agreeing|decide|decides|decided|deciding)\s+(?=(how|when|what|where|whether|at|on|in|with)\b)/g, ' ');
  // (also with the meeting named: "what the PPM decided", "what was agreed at the meeting")
  t = t.replace(/\b(what|whats)((?:\s+(?!(?:needs?|has|have|must|should|can|to|be)\b)[a-z0-9]+){0,3})\s+(agreed|decided)\b/g, '$1$2 ');
  // "not meeting the child's needs" is meeting needs, not a meeting ("the meeting needs to" is one)
  t = t.replace(
    /\b(?:meet|meets|meeting|met)\s+(?:(?:the|his|her|their|its|all|of|the child|the childs|the yp|the yps|the young person)\s+)?needs?\b(?!\s+to\b)|\bneeds\s+(?:(?:are|is|arent|isnt|not|being|been|were|werent|have|havent|has|hasnt|aren t|isn t)\s+){1,3}met\b/g,
    'meetneeds',
  );
  // "signs of instability" are warnings; to sign a plan is another thing
  t = t.replace(
    /\b(?:(?:early|warning|first|any|clear|obvious|the)\s+)?signs?\s+(?=(?:of|that|are|include|includes)\b)|\b(?:early|warning|first|any|clear|obvious)\s+signs?\b|\ba\s+sign\b(?!\s+off\b)/g,
    'warning ',
  );
  // to "come to" or "go to" a meeting is to attend it ("can the advocate come to the PPM?")
  t = t.replace(
    /\b(?:come|comes|coming|came|go|goes|going|went)\s+(?:along\s+)?to\s+(?=(?:the|a|an|their|his|her|our|my|this|that)\s+(?:own\s+|next\s+|first\s+)?(?:placement\s+)?(?:meeting|mtg|psm|ppm|dm|stability|support|planning|disruption|review)s?\b)/g,
    'attend ',
  );
  // to "be in", "be at" or "sit in on" a meeting is to attend it
  t = t.replace(
    /(?<!\b(?:meant|supposed|expected)\s+to\s+)\b(?:be|is|are|was|being|sit)\s+(?:in(?:\s+on)?|at)\s+(?=(?:the|a|an|their|his|her|our)\s+(?:own\s+)?(?:placement\s+)?(?:meeting|mtg|psm|ppm|dm|stability|support|planning|disruption|review)\b)/g,
    'attend ',
  );
  // to split a meeting is to hold it in parts ("the split between my role and yours" is no meeting)
  t = t.replace(/\bsplit(?:s|ting)?\s+(?=(?:it|the (?:meeting|mtg|psm|ppm|stability|support|planning|disruption))\b)/g, 'part ');
  // to "issue the minutes" is to send them out; "an issue" (a concern) is the noun
  t = t.replace(/\bissu(?:e|es|ed|ing)\s+(?=(?:the|a|an|his|her|their|our|my|it|them)\b)/g, 'send ');
  // to "write up" a meeting or a visit is to record it ("write up" a plan is to write it)
  t = t.replace(
    /\b(?:write|writes|writing|wrote)\s+up(?=\s+(?:(?:the|a|an|my|our|this|that|last|today)\s+)?(?:[a-z]+\s+){0,2}(?:meeting|mtg|ppm|psm|dm|visit|visits|discussion|session|review)s?\b)/g,
    'record',
  );
  // "how does she complain", "how do I make a complaint": asks for the complaints procedure
  t = t.replace(/\bhow\b([^.?!]{0,40}?)\b(?:complain|make a complaint|raise a complaint|put in a complaint)\b/g, 'how$1 complaints procedure');
  // "wants to make a complaint about being moved - how?": someone setting out to complain asks the procedure
  t = t.replace(
    /\b(?:wants?|wanting|would like|wishes|wish|going|trying|planning) to (?:complain|make a complaint|raise a complaint|put in a complaint|lodge a complaint)\b/g,
    'complaints procedure',
  );
  // to notice something is to see it ("if I notice a placement wobbling"); notice is otherwise given or served
  t = t.replace(
    /\b(i|we|you|they|he|she|staff|someone|anyone|carers?|school)\s+(?:(?:have|has|had|might|may|do|did|just|first|ve)\s+)?notice\b(?!\s+(?:period|to|on|of)\b)|\bnotic(?:ed|ing)\b/g,
    (m) => m.replace(/notic(?:e|ed|ing)$/, 'see'),
  );
  // "starts looking shaky", "seems a bit rocky": how the placement is going, not a search for one
  t = t.replace(
    /\b(?:(?:start|starts|starting|started|begin|begins|beginning|began)\s+(?:to\s+)?)?(?:look|looks|looking|looked|seem|seems|seeming|seemed|feel|feels|feeling|get|gets|getting|got|become|becomes|becoming)\s+(?=(?:a\s+bit\s+|a\s+little\s+|quite\s+|really\s+|very\s+|more\s+|pretty\s+|a\s+lot\s+)?(?:shaky|wobbly|rocky|fragile|unstable|precarious|unsettled|strained|tense)\b)/g,
    '',
  );
  // "tell him he's moving", "how and when he's told": telling the child, which "who do I tell when she
  // is moved?" (who else must know) is not
  t = t.replace(
    /\b(?:tell|tells|telling|told|inform|informs|informing|informed)\s+(?:him|her|them|he|she|they|hes|shes|theyre|the child|the children|the kids?|the yp|the young person|the young people|the boy|the girl)\b(?!\s+(?:off|parents?|mum|dad|carers?|family|sw|ssw|iro|school|social worker)\b)|\b(?:he|she|they|child|kid|yp|young person|children|kids)\s+(?:is\s+|are\s+|was\s+|were\s+|will be\s+|gets\s+|get\s+|being\s+|has been\s+|have been\s+|should be\s+|must be\s+|hears\s+|finds out\s+)?(?:told|informed)\b(?!\s+(?:me|us|you|him|her|them|the|my|our|his|their|that|everyone|someone|sw|ssw|iro)\b)/g,
    (m) => `${m} tellchild`,
  );
  // to "let everyone know" is to tell them
  t = t.replace(/\blet(?:s|ting)?\s+((?:[a-z]+\s+){0,3}?)know\b/g, 'notify $1');
  // "is it her call?", "whose call is it?", "it's not her call": a call to make is whose decision it is (asked by
  // "who decides"), not a phone call (nor the on-call rota)
  t = t.replace(/\b(?:is it|is that|it s|its|whose)\s+(?:not\s+)?(?:(?:my|your|his|her|their|our|the\s+[a-z]+)\s+)?call\b/g, ' ');
  // to "call" a meeting is to convene it ("when is a PSM called?"), not to phone
  t = t.replace(/\bcall(?:s|ed|ing)?\s+(?=(?:(?:a|an|the|another|one|for)\s+)?(?:[a-z]+\s+){0,2}(?:meeting|mtg|ppm|psm|dm)s?\b)/g, 'convene ');
  t = t.replace(/\b(meeting|mtg|ppm|psm|dm)(s?)\s+(be\s+|is\s+|are\s+|was\s+|get\s+|gets\s+)?called\b/g, '$1$2 $3convened');
  // "SW wants to move Kayden (9) out of his IFA", "carer wants to move him on": a worker or carer
  // wanting to move the child asks about a move, not the child asking to leave ("he wants to move out")
  t = t.replace(
    /\b(sw|csw|ssw|hos|tm|carers?|fc|fcs|la|we|i|im|manager|iro|they)\s+(?:(?:am|are|is)\s+)?(?:(?:wants?|wanting|wanted)\s+to\s+move|ask(?:s|ing|ed)?\s+for\s+a\s+move)\b/g,
    '$1 plan to move',
  );
  // "court made a care order", "changed at court": what the court did is the case, not a question about court
  t = t.replace(/\b(?:at|in)\s+court\b|\b(?:the\s+)?court\s+(?=(?:has\s+|have\s+)?(?:made|granted|gave|given|awarded|approved|agreed|ordered)\b)/g, ' ');
  // "who in the performance team should I email?": a named person to contact is a directory's
  t = t.replace(
    /\bwho\s+(?:in|at|from)\s+(?:the\s+)?(?:[a-z]+\s+){1,3}?(?:should|do|can|would|could)\s+(?:i|we)\s+(?:email|e mail|contact|ring|call|phone|speak to|talk to)\b/g,
    (m) => `${m} contact details`,
  );
  // "I'm only here 3 months", "been qualified 6 weeks": how long the asker has been in post is not the question
  t = t.replace(
    /\bi\s+(?:am\s+|have\s+been\s+|been\s+|ve\s+been\s+)?(?:only\s+|just\s+)?(?:been\s+)?(?:here|in post|in the team|in the job|qualified|at the council|working here)\s+(?:for\s+)?(?:about\s+|around\s+)?(?:\d+|a|one|two|three|four|six|a few|a couple of)\s*(?:days?|weeks?|wks?|months?|years?|yrs?)\b/g,
    ' ',
  );
  // booking a minute taker or a room, whoever's ("book an LBH minute taker", "request the minute taker"), is how to work a system
  t = t.replace(
    /\b(?:book|books|booked|booking|request|requesting|arrange|arranging|get)\s+(?:a|an|the)\s+(?:[a-z]+\s+){0,2}?(?:minute\s*takers?|rooms?)\b/g,
    (m) => `${m} systemhowto`,
  );
  // reporting a child missing to the police is the missing from care protocol, which the documents leave to the council
  t = t.replace(/\breport(?:s|ed|ing)?\s+(?:[a-z]+\s+){0,3}?(?:missing\s+)?to\s+(?:the\s+)?police\b/g, (m) => `${m} policereport`);
  // "who is the current HoS?", "name of the fostering manager", "her email", "how do I reach them?":
  // a named person or a way to reach one is a directory's too ("who's the HoS for LAC at the moment?",
  // "which HoS covers LAC and what's their name?")
  t = t.replace(
    /\bwho(?: is|'s|s|\s+)\s*(?:the|our) current\b|\bwho(?: is|'s|s|\s)\s*(?:the|our)\s+(?:named|acting)\b|\bwhat(?: is|'s|s|\s)\s*(?:their|his|her)\s+name\b|\bwho(?: is|'s|s|\s)\s*(?:the|our)\s+(?:[\w-]+\s+){1,6}?(?:at the moment|currently|right now|rn)\s*\??\s*$|\bname of (?:the|our) (?:current )?(?:\w+ ){0,2}(?:manager|hos|head|officer|chair|iro|lead|director|person)\b|\b(?:her|his|their|your) e-?mail\b|\bname of (?:someone|somebody|anyone|a person|the person|a contact)\b|\b(?:someone|somebody|anyone) (?:i|we) can (?:ring|call|phone|e-?mail|speak to|contact)\b|\binbox\b|\bextension number\b|\bneed (?:the|her|his) (?:name|contact details|e-?mail)\b|\bhow (?:do|can) (?:i|we) (?:reach|get hold of) (?:them|him|her)\b|\s-\s*contact\s*\?/g,
    (m) => `${m} contactdetails`,
  );
  // "whats the EDT number?": a phone number is a directory's (not "the number of", nor a chapter's number)
  t = t.replace(
    /\b(?:whats|what is|whats the|what is the)\s+(?:the\s+)?(?:(?:edt|ooh|out of hours|on call|oncall|duty|emergency|contact|office|helpline|team|direct)\s+){1,3}(?:phone\s+)?number\b/g,
    (m) => `${m} contactdetails`,
  );
  // "working days or calendar days?": the documents give days without saying which
  t = t.replace(/\bworking\s+(?:days?\s+)?or\s+calendar(?:\s+days?)?\b|\bcalendar\s+(?:days?\s+)?or\s+working(?:\s+days?)?\b/g, (m) => `${m} daytype`);
  // who covers for someone away ("SW on leave - who updates LL?", "can a deputy chair?") or which manager
  // covers a team is staff cover, which the documents do not arrange
  t = t.replace(
    /\b(?:on leave|off sick|on annual leave|on holiday)\b[^?.!]*\bwho\b|\bwho\b[^?.!]*\b(?:on leave|off sick)\b|\b(?:who|which\s+(?:[a-z]+\s+){0,2}?(?:hos|head of service|heads of service|manager|tm|iro|sw|social worker|worker|team|person|officer))\s+(?:covers|is covering|will cover|should cover)\b|\bdeputy\b|\bdeputi[sz]e\b|\bin (?:her|his|their) absence\b/g,
    (m) => `${m} staffcover`,
  );
  // "ppm within 72hrs right?": a tag asking for confirmation is not what is asked about
  t = t.replace(/\b(?:is that |is it |thats |that is )?(?:right|correct|yeah|yes|innit|true)\s*(?=\?)/g, ' ');
  // a mission (statement) is no missing child, which the stemmer would make of it ("mission" -> "miss")
  t = t.replace(/\bmissions?\b/g, 'missionstatement');
  // "Tri-X" (the local procedures) is one word
  t = t.replace(/\btri[\s-]?x\b/g, 'trix');
  // "what is a placement plan for?" (or "whats it for vs the care plan") asks its purpose
  t = t.replace(/\b(?:whats|what is|what are|what)\b(.*)\bfor(?:\s+(?:basically|really|actually|exactly|then|anyway|tbh))?\s*(\?|$|(?=(vs|versus|compared)\b))/gm, '$& purpose ');
  // (and with the case told after it: "what the stability meeting is actually for, she's worried")
  t = t.replace(
    /\b(?:whats|what is|what are)\s+(?:the|a|an|this|that|our|their)\b([^.?!,;]*)\bfor(?:\s+(?:basically|really|actually|exactly|then|anyway|tbh))?\s*(?=[,;]|\s-\s)/gm,
    '$& purpose ',
  );
  // (and reported: "asking what the stability meeting is actually for")
  t = t.replace(
    /\bwhat\s+(?:the|a|an|this|that|our|their)\s+[^.?!,;]*?\b(?:is|are)\s+(?:actually\s+|really\s+|meant\s+|supposed\s+)?for\b(?!\s+(?:the|a|an|him|her|them|us|me|it|this|that)\b)/gm,
    '$& purpose ',
  );
  // "72hrs", "5days" -> "72 hrs", "5 days"
  return t.replace(/\b(\d+)([a-z]+)\b/g, '$1 $2');
}

/**
 * Texts analysed while one question is answered (see analysingOnce): a question is read whole, as
 * its asking clause and as its reading for the known questions, often the same text several times.
 */
let analysedWhileAnswering: { words: Map<string, readonly string[]>; terms: Map<string, readonly (readonly string[])[]> } | null = null;

/**
 * Runs `work` with each text's analysis kept until it returns, and forgotten after: what is kept
 * is a question's words, which hold case detail, so nothing outlives the question.
 */
export function analysingOnce<T>(work: () => T): T {
  if (analysedWhileAnswering) return work();
  analysedWhileAnswering = { words: new Map(), terms: new Map() };
  try {
    return work();
  } finally {
    analysedWhileAnswering = null;
  }
}

/** The words of a text after normalisation (before phrases, stopwords and stemming). */
export function words(text: string): readonly string[] {
  const known = analysedWhileAnswering?.words.get(text);
  if (known) return known;
  const found = normaliseText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  analysedWhileAnswering?.words.set(text, found);
  return found;
}

/** Text to the list of terms used for indexing. Repeats are kept (term frequency). */
export function analyse(text: string): string[] {
  return analyseQuery(text).map((alternatives) => alternatives[0]!);
}

/**
 * A question to its terms, each given as alternatives: the term itself, then any synonym it may
 * stand for in a question (see QUERY_EXPANSIONS). A match on any alternative covers the term.
 */
export function analyseQuery(text: string): readonly (readonly string[])[] {
  const known = analysedWhileAnswering?.terms.get(text);
  if (known) return known;
  const found = analyseWords(words(text));
  analysedWhileAnswering?.terms.set(text, found);
  return found;
}

/** Words to terms: phrases joined, stopwords out, each term with its alternatives. */
function analyseWords(raw: readonly string[]): string[][] {
  const keys = raw.map(canonicalTerm);
  const terms: string[][] = [];
  for (let i = 0; i < raw.length;) {
    const rule = PHRASES_BY_FIRST_KEY.get(keys[i]!)?.find((r) => r.keys.every((k, j) => keys[i + j] === k));
    if (rule) {
      for (const term of rule.replacement) {
        const expansion = QUERY_EXPANSION.get(term);
        terms.push(expansion && expansion !== term ? [term, expansion] : [term]);
      }
      i += rule.keys.length;
      continue;
    }
    const key = keys[i]!;
    if (!STOPWORDS.has(raw[i]!) && !STOPWORDS.has(key)) {
      const expansion = SECOND_READINGS.get(raw[i]!) ?? QUERY_EXPANSION.get(key);
      terms.push(expansion && expansion !== key ? [key, expansion] : [key]);
    }
    i += 1;
  }
  return terms;
}

/** Every word the analyser knows by name (synonyms, phrases, stopwords), for spelling repair. */
export function analyserVocabulary(): string[] {
  const vocabulary = new Set<string>(STOPWORDS);
  for (const [list] of WORDS) for (const w of list) vocabulary.add(w);
  for (const [list] of PHRASES) for (const phrase of list) for (const w of phrase.split(' ')) vocabulary.add(w);
  for (const [list] of QUERY_EXPANSIONS) for (const w of list) vocabulary.add(w);
  return [...vocabulary];
}

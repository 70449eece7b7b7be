// The guidance pack: short answers to "what must I do?" questions, written in the project's own
// words and citing the practice guidance they rest on (the seed documents in ../shared/seeds,
// and the project's domain notes for the national data definitions).
//
// Editing rules: keep ids stable (feedback and related links point at them); keep `answer` to
// one line; put steps in the order they happen; never paste sentences from the sources.

import type { GuidanceEntry, GuidanceSource } from './types';

// Citations, one helper per source document so titles stay consistent.
const S000 = (section: string): GuidanceSource => ({
  doc: '000',
  title: 'Placement Stability Practice Guidance (LAC)',
  section,
});
const S001 = (section: string): GuidanceSource => ({
  doc: '001',
  title: "Children's Services Guidance Note: Placement Stability",
  section,
});
const S002 = (section: string): GuidanceSource => ({
  doc: '002',
  title: 'Placement Plans – Practice Standards',
  section,
});
const S003 = (section: string): GuidanceSource => ({
  doc: '003',
  title: 'Placement Stability Meeting Process (Havering)',
  section,
});
const S004 = (section: string): GuidanceSource => ({
  doc: '004',
  title: 'Placement Planning Meetings Practice Guidance 2017 (Leicester)',
  section,
});
const DOMAIN = (section: string): GuidanceSource => ({
  doc: 'domain',
  title: 'Placement Stability Bot domain notes (SSDA903 definitions)',
  section,
});

// Section names of 001 are its (long) bold headings, shortened here.
const G001_INTRODUCTIONS = 'Relationship building work before placement';
const G001_ESCALATION = 'Early escalation to care and education professionals';
const G001_REVIEWS = 'Reviews and planning meetings include key professionals';
const G001_PLANNED_ENDINGS = 'Planned endings unless immediate safeguarding concerns';

export const GUIDANCE_ENTRIES: GuidanceEntry[] = [
  // ───────────────────────────── Moves: approval and preparation ─────────────────────────────
  {
    id: 'move-approval',
    title: 'Who must approve a placement move',
    rules: ['MOVE-1'],
    questions: [
      'Who signs off a placement move?',
      'Who can authorise a move?',
      'Does the Head of Service have to agree a change of placement?',
      'Do I need HoS approval to move a child?',
      'Does a move have to go to HARP or the panel?',
      'What do I give the Head of Service to get a move agreed?',
      'Can my team manager approve a placement move?',
    ],
    answer: 'Only a Head of Service (or the approving panel, such as HARP) can agree a placement move, and the request must explain why the move is needed.',
    steps: [
      { who: "Child's social worker", what: 'Give the Head of Service your rationale: the reasons for the move.' },
      { who: 'Not named in the guidance', what: "Seek the Virtual School's advice while the move is being considered: it must be asked for." },
      { who: 'Not named in the guidance', what: 'Make sure the placement request and risk assessment are accurate: Brokerage depends on them when matching.' },
      { who: 'Head of Service or approving panel', what: 'Decide whether to agree the move.' },
      {
        who: 'Placements team',
        what: 'Begin looking for a placement (Family Placement) only after the move is authorised.',
      },
      { who: "Child's social worker", what: 'Once the move is agreed, see that it is coded correctly on Liquid Logic.' },
      { who: 'Not named in the guidance', what: 'A placement move tracker, still being developed, is to give oversight of the moves agreed.' },
    ],
    related: ['before-a-move', 'placement-search-after-approval', 'urgent-move', 'placement-request-accuracy'],
    sources: [S000('Instructions for Allocated Case Worker'), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'placement-search-after-approval',
    title: 'When the placements team starts looking for a new placement',
    rules: ['MOVE-2'],
    questions: [
      'When will Family Placement start searching for a new placement?',
      'Can brokerage look for a placement before the move is agreed?',
      "Why won't the placements team start a search yet?",
      'Can I ask placements to find a new carer while we wait for a decision?',
      'When does the search for a new placement begin?',
    ],
    answer:
      'The placements team (Family Placement, Brokerage) will not identify an alternative placement until the move has been authorised by the Head of Service or through HARP.',
    steps: [
      { who: "Child's social worker", what: 'Get the move authorised by the relevant Head of Service or through HARP, with your rationale for the move.' },
      { who: 'Not named in the guidance', what: 'Make the placement request and risk assessment as accurate as possible.' },
      {
        who: 'Placements team',
        what: 'Search and match only after authorisation, using the request to find the right carer.',
      },
    ],
    related: ['move-approval', 'placement-request-accuracy'],
    sources: [S000('Instructions for Allocated Case Worker')],
  },
  {
    id: 'urgent-move',
    title: 'Urgent or emergency placement moves',
    rules: ['MOVE-3', 'MOVE-11'],
    questions: [
      'Can I request an urgent move?',
      'When is an emergency move allowed?',
      "The child isn't safe where they are, can we move them today?",
      'Does an urgent move still need Head of Service authorisation?',
      'Same day move: what is the process?',
      'What are the criteria for an urgent move?',
    ],
    answer:
      'Placements otherwise end in a planned way: ask for an urgent move only when there is an immediate safeguarding issue. Even then it is agreed only by the Head of Service or through HARP, and the Head of Service will not authorise it until they have a full understanding of the alternative placement options.',
    steps: [
      {
        who: "Child's social worker",
        what: 'Set out the immediate safeguarding issue that makes the move urgent.',
        when: 'At once',
      },
      {
        // (001 says only that authorisation waits for a full understanding of the options)
        who: 'Head of Service',
        what: 'Authorise the move only once the alternative placement options, and what each would mean for the child, are fully understood.',
      },
      {
        who: "Child's social worker",
        what: "However urgent the move, send Brokerage an accurate placement request and risk assessment to match on, and seek the Virtual School's advice.",
      },
      { who: 'Placement Planning Meeting', what: 'Meet and agree the placement plan.', when: 'Within 72 hours of the placement (004), or within 5 days of its start (002)' },
      { who: "Child's social worker", what: 'Visit the child in the new placement.', when: 'Within one week' },
    ],
    related: ['move-approval', 'emergency-placement-timescales', 'planned-endings', 'unplanned-ending'],
    sources: [S001(G001_PLANNED_ENDINGS), S002('Timing'), S004('Placement Planning Meetings')],
  },
  {
    id: 'before-a-move',
    title: 'What to do before a placement move',
    rules: ['MOVE-1', 'MOVE-2', 'MOVE-4', 'MOVE-5', 'MOVE-9', 'PLAN-1', 'PLAN-3'],
    questions: [
      'What must I do before a move?',
      'Checklist before moving a child',
      "We're planning a move, what are the steps?",
      'What needs to happen before a child changes placement?',
      'How do I plan a placement move properly?',
    ],
    answer:
      'Get the move authorised with a rationale, take Virtual School advice, send an accurate placement request, prepare the child with a carer profile and introductions, agree how they will be told, and finalise the placement plan at the Placement Planning Meeting.',
    steps: [
      { who: 'Not named in the guidance', what: 'Ask the Virtual School for advice about the move and its effect on education: their advice must be sought.' },
      {
        who: "Child's social worker",
        what: 'Request authorisation from the Head of Service or panel, giving your reasons.',
      },
      {
        who: 'Not named in the guidance',
        what: 'Make the placement request and risk assessment as accurate as possible so the placements team (Brokerage) can match well.',
        when: 'Search starts after authorisation',
      },
      {
        who: "Child's social worker, supervising social worker and foster carer",
        what: 'Agree when and how the child will be told about the move.',
      },
      { who: 'Not named in the guidance', what: "Share a child-friendly profile of the new carers, ask for the child's views on the placement, and arrange introductions." },
      {
        who: "Child's social worker",
        what: 'Complete the placement plan and finalise it at the Placement Planning Meeting.',
        when: 'Before the move',
      },
    ],
    related: ['move-approval', 'virtual-school-advice', 'telling-the-child', 'introductions-before-placement', 'placement-planning-meeting', 'after-a-move'],
    sources: [S000('Instructions for Allocated Case Worker'), S001(G001_INTRODUCTIONS), S001(G001_ESCALATION), S001(G001_PLANNED_ENDINGS), S002('Timing')],
  },
  {
    id: 'virtual-school-advice',
    title: 'Involving the Virtual School when a move is considered',
    rules: ['MOVE-4'],
    questions: [
      'Do I need to speak to the Virtual School before a move?',
      'When should the VS be involved in a placement move?',
      'Does the virtual school come to placement planning and support meetings?',
      'Who do I ask for education advice about a possible move?',
      'Virtual school involvement in placement moves',
    ],
    answer:
      'You must ask the Virtual School for advice as soon as a move is being considered, and include them in every move discussion: Placement Planning and Placement Support Meetings and the Placement Stability Panel.',
    steps: [
      {
        who: 'Not named in the guidance',
        what: "Seek the Virtual School's advice while a move is being considered.",
        when: 'While the move is being considered, before it is agreed',
      },
      {
        who: 'Not named in the guidance',
        what: 'Invite the Virtual School to every discussion of the move: Placement Planning Meetings, Placement Support Meetings and the Placement Stability Panel.',
      },
      {
        who: 'Not named in the guidance',
        what: 'Escalate early and robustly to care and education professionals, to minimise placement breakdown.',
      },
    ],
    related: ['education-disrupted-by-move', 'move-approval', 'placement-stability-panel'],
    sources: [S001(G001_ESCALATION)],
  },
  {
    id: 'education-disrupted-by-move',
    title: "When a move disrupts the child's education or training",
    rules: ['MOVE-10'],
    questions: [
      'The new placement means a change of school, who do I tell?',
      'Do I notify the virtual school if the move affects school?',
      'Child will have to change college after the move',
      'The move disrupts education, what now?',
      'What about the PEP when a child moves?',
    ],
    answer:
      "If the placement disrupts the child's education or training arrangements, the child's social worker must tell the Virtual School so that appropriate planning for the child's education can take place.",
    steps: [
      {
        who: "Child's social worker",
        what: 'Check what the move means for school, college or training, including travel.',
      },
      { who: "Child's allocated social worker", what: 'Notify the Virtual School.' },
      {
        who: 'Virtual School and the meeting chair',
        what: "The Virtual School plans for the child's education once told; the Placement Planning Meeting chair obtains or is updated on the Personal Education Plan (PEP).",
      },
    ],
    related: ['virtual-school-advice', 'after-a-move', 'ppm-chair-preparation'],
    sources: [S004('Purpose and Meeting Format'), S001(G001_ESCALATION)],
  },
  {
    id: 'telling-the-child',
    title: 'Telling the child about a move',
    rules: ['MOVE-5'],
    questions: [
      'Who tells the child they are moving?',
      'How should the kid be told about the move?',
      'When do we tell the young person about the new placement?',
      'Should the foster carer tell the child about the move?',
      'Agreeing how to break the news of a move to a child',
    ],
    answer:
      "The child's social worker talks it through with the foster carer and their supervising social worker, and together they settle when and how the child will be informed about the move.",
    steps: [
      { who: "Child's social worker, supervising social worker and foster carer", what: 'Discuss when and how the child will be told about the move.' },
      { who: "Child's social worker, supervising social worker and foster carer", what: 'Agree when and how the child is told.' },
      { who: 'Not named in the guidance', what: "Share the new carers' profile with the child and listen to what they think." },
    ],
    related: ['introductions-before-placement', 'before-a-move', 'sw-and-ssw-roles'],
    sources: [S001(G001_PLANNED_ENDINGS), S001(G001_INTRODUCTIONS)],
  },
  {
    id: 'immediate-safeguarding',
    title: 'A child hurt or at risk now: safeguarding comes first',
    rules: ['MOVE-3'],
    questions: [
      'The child has been hurt in the placement, what do I do?',
      'Child says the carer hit them, what now?',
      'A child is not safe where they are living',
      'What comes first when a child is harmed or in danger?',
    ],
    answer:
      'Act on your safeguarding procedures now: make the child safe and tell your manager before anything else; the guidance on ending placements in a planned way gives way only to an immediate safeguarding concern like this.',
    steps: [
      { who: 'Whoever learns of it', what: 'Follow your safeguarding procedures: make the child safe and tell your line manager.', when: 'At once' },
      {
        who: 'Whoever learns of it',
        what: 'If the child is missing now, follow your missing from care procedures too; a child absconding or often absent is also a sign the placement is at risk.',
      },
      {
        who: "Child's social worker and manager",
        what: 'If the child cannot stay, the immediate safeguarding issue is the reason to ask the Head of Service for an urgent move, which is authorised only with a full understanding of the alternative placement options.',
      },
      {
        who: "Child's social worker",
        what: 'Where a carer is the subject of an allegation, find a next placement that can keep the child for months, not just a week or two, and consider a Placement Stability Meeting.',
      },
    ],
    related: ['allegation-against-carer', 'urgent-move', 'planned-endings'],
    sources: [S001(G001_PLANNED_ENDINGS), S000('Instructions for Allocated Case Worker'), S003('Triggers for a stability meeting')],
  },
  {
    id: 'allegation-against-carer',
    title: 'Allegation against a foster carer',
    rules: ['MOVE-6', 'FRAG-2'],
    questions: [
      "There's been an allegation against the foster carer, what do I do?",
      'Child made an allegation about their carer, do they have to move?',
      'Where should a child go after an allegation against the foster carer?',
      'Allegation against FC: can we use a placement for a week or two?',
      'Section 47 allegation against the carer, what about the next placement?',
      'Can the child go to a short-term placement after an allegation?',
    ],
    answer:
      'An allegation or complaint is a trigger for a Placement Stability Meeting; if an approved move follows, the next placement must be able to accommodate the child for the following months, not just a week or two.',
    steps: [
      { who: 'Any staff member', what: 'Tell your line manager about the allegation straight away.' },
      {
        // (an allegation with the child still in the home is most often asked as "can we move them today?")
        who: "Child's social worker and manager",
        what: 'If the child is not safe there now, act on your safeguarding procedures first: that immediate safeguarding issue is what allows an urgent move instead of a planned ending, authorised by the Head of Service once the alternative placement options are understood.',
        when: 'At once',
      },
      { who: "Fostering or placements service, with the child's social worker", what: 'Consider a Placement Stability Meeting; the allegation is one of its triggers.' },
      {
        who: 'Head of Service',
        what: 'Approve any move, as for every placement move.',
      },
      {
        who: "Child's social worker and placements team",
        what: "Look for a next placement that can keep the child for the coming months; one council's deep dive analysis found that none of these children returned to their previous carers.",
      },
      {
        who: "Child's social worker",
        what: 'Code the move with the reason that fits (ALLEG for an allegation).',
      },
    ],
    related: ['fragile-placement-signs', 'move-approval', 'which-reason-code'],
    sources: [S000('Instructions for Allocated Case Worker'), S003('Triggers for a stability meeting'), S001(G001_PLANNED_ENDINGS)],
  },

  // ───────────────────────────── Moves: recording and oversight ─────────────────────────────
  {
    id: 'coding-a-move',
    title: 'Coding an agreed placement move on Liquid Logic',
    rules: ['MOVE-7'],
    questions: [
      'How do I code a placement move?',
      "What if the right placement code isn't on LCS?",
      'The code I need is not available on Liquid Logic',
      'Do I have to record the move on Mosaic?',
      "I'm not sure which code to use for a move",
    ],
    answer:
      'Every agreed move must be coded correctly in the case management system; if you are unsure or the right code is missing, flag it at once: an incorrect code (a wrong one) must not be entered instead.',
    steps: [
      {
        who: "Child's social worker",
        what: 'Record the move on Liquid Logic (LCS) with the correct placement type and reason.',
        when: 'As soon as the move is agreed and happens',
      },
      {
        who: "Child's social worker",
        what: 'If you are in doubt about the code, it must be flagged immediately; the Performance Team can advise on coding.',
      },
      {
        who: "Child's social worker",
        what: 'If the code you need is not available, flag it at once (the guidance does not say to whom; the Performance Team advises on codes); never pick a nearby wrong code.',
        when: 'Immediately',
      },
    ],
    related: ['which-reason-code', 'checking-move-codes', 'updating-case-record'],
    sources: [S000('Instructions for Allocated Case Worker'), S000('Instructions for Managers')],
  },
  {
    id: 'checking-move-codes',
    title: 'Managers checking placement codes',
    rules: ['MOVE-7'],
    questions: [
      'As a manager, how do I check placement codes?',
      "I've found a wrong placement code, what do I do?",
      'Incorrect code entered on the system',
      'Who fixes a miscoded move?',
      'Should I tell the Head of Service about a coding error?',
    ],
    answer:
      'Managers check the placement codes on their looked-after cases; an incorrect code is flagged with the Performance Team and changed straight away, and it is advisable to tell the Head of Service or service manager.',
    steps: [
      { who: 'Team manager', what: 'Check the placement codes on all looked-after cases in the team; advice on coding can be sought from the Performance Team.' },
      {
        who: 'Team manager',
        what: 'Flag any incorrect code on Liquid Logic with the Performance Team (tell them) and get it changed.',
        when: 'Immediately',
      },
      { who: 'Team manager', what: 'It is advisable to flag the coding error to the Head of Service or service manager.' },
    ],
    related: ['coding-a-move', 'which-reason-code', 'move-tracker'],
    sources: [S000('Instructions for Managers')],
  },
  {
    id: 'which-reason-code',
    title: 'Which reason code to use for a placement change',
    rules: ['MOVE-7'],
    questions: [
      'Which reason code do I use when the carer asked for the child to leave?',
      'What is the code for an allegation?',
      'Carer resigned, what reason for placement change?',
      'When can I use OTHER as the reason code?',
      'SSDA903 reason for placement change codes',
      'What code do I use if the child asked to move?',
      'Which reason code if the carer gave notice?',
    ],
    answer:
      'Choose the SSDA903 reason that matches what really happened (for example CREQB carer asked because of behaviour, CHILD the child asked, ALLEG allegation, CARPL care plan); OTHER is only for exceptional cases.',
    steps: [
      { who: "Child's social worker", what: 'CARPL: the move carries out or follows a change to the care plan.' },
      { who: "Child's social worker", what: 'CLOSE: the carer resigned or the setting closed. APPRR: approval or registration was removed.' },
      { who: "Child's social worker", what: 'ALLEG: an allegation (s47). STAND: concerns about standards of care.' },
      {
        who: "Child's social worker",
        what: "CREQB: the carer asked for the placement to end because of the child's behaviour. CREQO: the carer asked for another reason.",
      },
      {
        who: "Child's social worker",
        what: 'CHILD: the child asked for it to end. LAREQ: the council ended it because it no longer meets needs.',
      },
      { who: "Child's social worker", what: 'PLACE: only the placement status changed, same carer. CUSTOD: the child went into custody.' },
      {
        who: "Child's social worker",
        what: 'OTHER only in exceptional cases; if no code fits, flag it rather than guess, and ask the Performance Team for advice on coding.',
      },
    ],
    related: ['coding-a-move', 'checking-move-codes', 'what-counts-as-a-move'],
    sources: [DOMAIN('SSDA903: REASON_PLACE_CHANGE'), S000('Instructions for Allocated Case Worker')],
  },
  {
    id: 'move-tracker',
    title: 'Placement move tracker',
    rules: ['MOVE-8'],
    questions: [
      'Is there a tracker for placement moves?',
      'How do managers keep oversight of moves?',
      'Where can I see all the placement moves?',
      'What is the placement move tracker for?',
    ],
    answer: "A placement move tracker is being developed so that there is oversight of every move and of the service's performance on stability.",
    steps: [{ who: 'Not named in the guidance', what: 'Use the tracker, once it is ready, for oversight of moves and of how the service is doing on stability.' }],
    related: ['checking-move-codes', 'stability-measure', 'child-at-risk-of-counting'],
    sources: [S000('Instructions for Allocated Case Worker')],
  },
  {
    id: 'placement-request-accuracy',
    title: 'Placement requests and risk assessments',
    rules: ['MOVE-9'],
    questions: [
      'What goes in a placement request?',
      'Why does the risk assessment need to be accurate?',
      'How do I fill in the placement referral?',
      'Brokerage says my placement request is incomplete',
      'What information do they need to match a child to a placement?',
    ],
    answer: 'Make the placement request and risk assessment as accurate as you can, because Brokerage relies on them to match the child with the right placement.',
    steps: [
      { who: 'Not named in the guidance', what: 'Use the streamlined placement request and risk assessment formats, which are on LCS (Liquid Logic).' },
      { who: 'Not named in the guidance', what: "Describe the child's needs, risks and behaviour honestly and in enough detail to match on." },
    ],
    related: ['placement-search-after-approval', 'move-approval'],
    sources: [S001(G001_REVIEWS)],
  },
  {
    id: 'planned-endings',
    title: 'Ending placements in a planned way',
    rules: ['MOVE-11'],
    questions: [
      'Can a placement just end without planning?',
      'Should placements always end in a planned way?',
      'When is an unplanned ending acceptable?',
      'How do I plan the ending of a placement?',
    ],
    answer: 'Placements should end in a planned way; only immediate safeguarding concerns justify ending one without a plan.',
    steps: [
      { who: 'Not named in the guidance', what: 'Try added support first through a Placement Support Meeting.' },
      {
        who: "Fostering or placements service, with the child's social worker",
        what: 'Hold a Placement Stability Meeting if support is not enough; it may agree a planned ending.',
      },
      { who: 'Head of Service (or through HARP)', what: 'Authorise the move to the next placement.' },
      {
        who: "Child's social worker",
        what: 'Tell the Placement Officer the planned end date so notice can be served.',
        when: 'As soon as possible',
      },
      { who: "Child's social worker", what: 'Prepare the child with introductions to the next carers.' },
    ],
    related: ['ending-a-placement', 'planned-ending-external-placement', 'unplanned-ending', 'urgent-move'],
    sources: [S001(G001_PLANNED_ENDINGS), S003('Attendees'), S004('Ending of Placements')],
  },

  // ───────────────────────────── Fragile placements ─────────────────────────────
  {
    id: 'reporting-stability-concerns',
    title: "Placement stability is everyone's job: reporting concerns and preventing a disruption",
    rules: ['FRAG-1', 'FRAG-5'],
    questions: [
      "I'm worried a placement might break down, who do I tell?",
      'Who should I report placement concerns to?',
      'I am a support worker and think the placement is wobbling',
      'Whose job is it to flag a fragile placement?',
      'Whose job is it to stop a placement disrupting?',
      'Is it up to fostering or the social work team to keep a placement going?',
      'Is keeping a placement together always the aim?',
    ],
    answer:
      "All social work staff are responsible for recognising a risk to a placement and reporting the concern to their line manager, so a meeting can be set up quickly; the Fostering and Placements Service and the child's social work team then work in collaboration to make every effort to prevent a disruption, when that is in the child's best interests.",
    steps: [
      { who: 'Any staff member', what: 'Report your concerns to your line manager: what you have seen and why it worries you.', when: 'Straight away' },
      {
        who: 'Not named in the guidance',
        what: "Convene a meeting as soon as possible: a Placement Support Meeting at the first signs, with a multi-agency planning meeting to build a wrap-around package of support (000: every placement becoming fragile must have one), and a Placement Stability Meeting (coordinated by fostering or placements with the child's social worker) if added support is not enough.",
      },
      {
        who: "Everyone in Children's Services",
        what: "Prioritise placement stability (treat it as a priority) across the whole of Children's Services, not a task for fostering alone.",
      },
      {
        who: "Fostering and Placements Service with the child's social work team",
        what: "Make every effort to prevent the disruption, first with added support, when keeping the placement is in the child's best interests; where it is not, plan and manage its ending instead.",
      },
    ],
    related: ['fragile-placement-signs', 'placement-support-meeting', 'placement-stability-meeting', 'extra-support-first', 'planned-endings'],
    sources: [S003('Introduction'), S001('Introduction'), S003('Attendees'), S000('Instructions for Allocated Case Worker')],
  },
  {
    id: 'fragile-placement-signs',
    title: 'Signs that a placement is fragile (triggers)',
    rules: ['FRAG-2'],
    questions: [
      'What are the triggers for a placement stability meeting?',
      'How do I know a placement is at risk?',
      'What counts as a fragile placement?',
      'Warning signs of a placement breakdown',
      'A complaint has been made about the placement',
    ],
    answer:
      "A placement is fragile when concern is raised through the child's, carer's or unit's review process, there is an allegation or complaint, the child is absconding or absent on a regular basis, there is relationship fragility between the child and the carer or provider, the child wants the placement to end, the carer or provider is struggling (experiencing difficulties or unable to care), or the social worker or other professionals say it does not meet the child's needs.",
    steps: [
      { who: 'Any staff member', what: 'Recognise the trigger (a sign the placement is at risk of breakdown) and report it to your line manager.', when: 'Straight away' },
      { who: 'Not named in the guidance', what: 'Put added support in place and hold a Placement Support Meeting.' },
      { who: 'Not named in the guidance', what: 'Where the placement is not progressing well, consider seeking additional resources for it.' },
      {
        who: "Allocated case worker (the child's social worker)",
        what: 'Hold a multi-agency planning meeting to build a wrap-around package of support that helps avoid a breakdown: every placement becoming fragile must have one (000).',
      },
      { who: 'Fostering or placements service', what: "Coordinate a Placement Stability Meeting with the child's social worker if support is not enough." },
    ],
    related: ['reporting-stability-concerns', 'carer-cant-cope', 'child-wants-to-move', 'child-missing-from-placement', 'placement-not-meeting-needs', 'allegation-against-carer'],
    sources: [S003('Triggers for a stability meeting'), S001(G001_PLANNED_ENDINGS), S004('Support and Monitoring of Placements')],
  },
  {
    id: 'carer-cant-cope',
    title: "Carer says they can't cope",
    rules: ['FRAG-2', 'FRAG-4', 'FRAG-5'],
    questions: [
      "The carer says she can't cope any more, what do I do?",
      'Foster carer is struggling with the child',
      'Carer has said they can no longer look after him',
      'Carer wants the child moved',
      'The foster carer has given notice on the placement',
      "Residential provider says they can't manage the young person",
    ],
    answer:
      'A carer or provider saying they are struggling (experiencing difficulties, or feeling they can no longer care for the child) is a trigger: tell your manager, add support through a Placement Support Meeting, and hold a Placement Stability Meeting if that is not enough, before any move is considered; a placement ends in a planned way unless there are immediate safeguarding concerns.',
    steps: [
      { who: "Child's social worker", what: "Tell your line manager about the carer's concerns.", when: 'Straight away' },
      { who: 'Not named in the guidance', what: 'Hold a Placement Support Meeting and review the initial support plan.', when: 'As soon as the carer raises it' },
      { who: 'Not named in the guidance', what: 'Consider seeking additional resources for the placement.' },
      { who: "Child's social worker", what: 'Hold a multi-agency planning meeting to build wrap-around support: the guidance makes one a must.' },
      {
        who: "Fostering or placements service, with the child's social worker",
        what: 'Coordinate a Placement Stability Meeting if the added support does not make a lasting difference.',
      },
      {
        who: "Child's social worker",
        what: 'If a move is still needed, ask the Head of Service to authorise it; an urgent move is only for an immediate safeguarding issue, and is not authorised until the Head of Service understands the alternative options.',
      },
      {
        who: "Child's social worker",
        what: "If it ends, code the reason: CREQB if the carer asked because of the child's behaviour, CREQO otherwise.",
      },
    ],
    related: ['placement-support-meeting', 'placement-stability-meeting', 'multi-agency-planning-meeting', 'move-approval', 'which-reason-code'],
    sources: [
      S003('Triggers for a stability meeting'),
      S003('Introduction'),
      S001(G001_PLANNED_ENDINGS),
      S000('Instructions for Allocated Case Worker'),
      S004('Support and Monitoring of Placements'),
    ],
  },
  {
    id: 'child-wants-to-move',
    title: 'Child wants to leave the placement',
    rules: ['FRAG-2'],
    questions: [
      'The kid wants to move, what now?',
      'Young person says they want to leave their foster home',
      'Child is asking to change placement',
      'YP wants the placement to end',
      'What if the child hates the placement and wants out?',
    ],
    answer:
      "A child saying they want the placement to end is a trigger for a Placement Stability Meeting: hear the child's views, add support, and plan any ending rather than rushing a move.",
    steps: [
      { who: "Child's social worker", what: 'Talk with the child about why they want to leave and tell your line manager.' },
      { who: 'Not named in the guidance', what: 'Put support in place and review it at a Placement Support Meeting.' },
      {
        who: "Fostering or placements service, with the child's social worker",
        what: 'Call a meeting: a Placement Stability Meeting, with the child there (and an advocate where appropriate).',
      },
      {
        who: "Child's social worker",
        what: 'If a move is agreed by the Head of Service, code the reason as CHILD.',
      },
    ],
    related: ['fragile-placement-signs', 'stability-meeting-attendees', 'placement-stability-meeting', 'planned-endings'],
    sources: [S003('Triggers for a stability meeting'), S003('Attendees'), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'child-missing-from-placement',
    title: 'Child absconding or missing from placement',
    rules: ['FRAG-2'],
    questions: [
      'Child keeps going missing from placement',
      "YP absconding from the children's home",
      'Young person is regularly absent overnight',
      'Does running away count as a placement concern?',
    ],
    answer:
      "A child who is absconding or absent on a regular basis is a sign the placement may be at risk: report it to your manager and consider a Placement Stability Meeting, alongside your council's missing from care procedures (not covered here).",
    steps: [
      { who: 'Whoever learns of it', what: 'If the child is missing now, act on your safeguarding and missing from care procedures first.', when: 'At once' },
      { who: 'Any staff member', what: 'Report the pattern of absence to your line manager.' },
      { who: "Fostering or placements service, with the child's social worker", what: 'Consider a Placement Stability Meeting to understand what lies behind it.' },
    ],
    related: ['fragile-placement-signs', 'placement-stability-meeting'],
    sources: [S003('Triggers for a stability meeting')],
  },
  {
    id: 'placement-not-meeting-needs',
    title: "Placement not meeting the child's needs",
    rules: ['FRAG-2'],
    questions: [
      "I don't think the placement meets the child's needs",
      "A professional says the placement isn't right for the young person",
      'School or CAMHS say the placement is not working',
      'Concern raised at the LAC review about the placement',
      'The IRO raised concerns about the placement at the review',
    ],
    answer:
      "When the social worker, another professional or a review raises concern that the placement is not meeting the child's needs, treat it as a stability concern: tell your manager, add support, and call a Placement Stability Meeting if support is not enough.",
    steps: [
      { who: "Child's social worker", what: 'Record the concern and tell your line manager.' },
      { who: 'Not named in the guidance', what: 'Agree added support and review it at a Placement Support Meeting.' },
      { who: "Fostering or placements service, with the child's social worker", what: 'Hold a Placement Stability Meeting if the support does not resolve it.' },
    ],
    related: ['fragile-placement-signs', 'extra-support-first', 'placement-stability-meeting'],
    sources: [S003('Triggers for a stability meeting'), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'multi-agency-planning-meeting',
    title: 'Multi-agency planning meeting for a fragile placement',
    rules: ['FRAG-3'],
    questions: [
      'When do I need a multi agency planning meeting?',
      'How do I set up a wrap-around support package?',
      'Professionals meeting for a placement at risk',
      'Who attends the multi-agency meeting?',
    ],
    answer:
      'Every placement that is becoming fragile must have a multi-agency planning meeting, where the agencies around the child build a wrap-around support package to avoid a breakdown.',
    steps: [
      { who: "Child's social worker", what: 'Invite the agencies involved with the child and placement.', when: 'As soon as the placement looks fragile' },
      { who: 'Agencies around the child', what: 'Agree a wrap-around support package: who does what, by when.' },
    ],
    related: ['placement-support-meeting', 'extra-support-first', 'funding-extra-services'],
    sources: [S000('Instructions for Allocated Case Worker')],
  },
  {
    id: 'placement-support-meeting',
    title: 'Placement Support Meeting',
    rules: ['FRAG-4'],
    questions: [
      'When should a placement support meeting be held?',
      'What happens at a placement support meeting?',
      'Early signs a placement is unstable: which meeting?',
      'Who reviews the initial support plan?',
      'Is the virtual school invited to the placement support meeting?',
    ],
    answer:
      'Hold a Placement Support Meeting as soon as a placement shows signs of becoming unstable; it reviews the initial support plan, and so does every subsequent support meeting.',
    steps: [
      { who: 'Meeting', what: 'Happens at the first signs of instability; where a move is discussed, the Virtual School is included.', when: 'At the first signs of instability' },
      { who: 'Meeting', what: 'Review the initial support plan and agree changes.' },
      { who: 'Meeting', what: 'Record the discussion and agreements in the streamlined LCS minute format for support meetings.' },
      { who: 'Meeting', what: 'Review the support plan again at each later support meeting.' },
      {
        // (asked as "do we go straight to a stability meeting?": support comes first, the stability meeting after)
        who: 'Fostering or placements service',
        what: 'Call a Placement Stability Meeting if the added support is not enough to make lasting change.',
      },
      {
        who: 'Managers and practitioners',
        what: 'Follow Chapter 5.1.7 on Placement Support Meetings too: the stability guidance note (which relates to the PGN of January 2017) is read with it.',
      },
    ],
    related: ['initial-support-plan', 'placement-stability-meeting', 'extra-support-first', 'virtual-school-advice'],
    sources: [S001(G001_PLANNED_ENDINGS), S001(G001_REVIEWS), S001(G001_ESCALATION), S001('Introduction'), S003('Introduction')],
  },
  {
    id: 'extra-support-first',
    title: 'Adding support before a stability meeting',
    rules: ['FRAG-5'],
    questions: [
      'What support should be tried before a stability meeting?',
      'Do we have to try extra support first?',
      'The placement is struggling, can we get additional resources?',
      "What if the added support hasn't worked?",
    ],
    answer:
      'First make every effort to resolve the presenting difficulties with added support; hold a Placement Stability Meeting if that support is not sufficient to bring lasting change.',
    steps: [
      { who: "Fostering and Placements Service with the child's social work team", what: 'Identify what is going wrong and put targeted support in.' },
      { who: 'Not named in the guidance', what: 'Where the placement is not progressing well, consider asking for additional resources for it.' },
      { who: 'Fostering or placements service', what: 'Call a Placement Stability Meeting if things do not improve for good.' },
    ],
    related: ['placement-support-meeting', 'placement-stability-meeting', 'funding-extra-services'],
    sources: [S003('Introduction'), S004('Support and Monitoring of Placements')],
  },
  {
    id: 'placement-stability-meeting',
    title: 'Placement Stability Meeting: when to hold one',
    rules: ['FRAG-5'],
    questions: [
      'When is a placement stability meeting needed?',
      'What is a placement stability meeting for?',
      'Is the stability meeting about telling the carer off?',
      'Who organises a stability meeting?',
      'How do I request a placement stability meeting?',
      'Placement at risk of disruption: which meeting?',
    ],
    answer:
      "Hold a Placement Stability Meeting when a foster care, residential or semi-independent placement is at risk of disrupting and added support is not enough to make lasting change; the Fostering Service (for the council's own in-house foster carers) or the Placement Service (for an IFA, residential or semi-independent placement) coordinates it in collaboration with the child's social worker, when keeping the placement is in the child's best interests.",
    steps: [
      { who: "Child's social worker", what: 'Raise the risk with your line manager.' },
      {
        who: 'Fostering service or placements service',
        what: "Coordinate the meeting with the child's social worker.",
        when: 'As soon as possible',
      },
      {
        who: 'Meeting',
        what: 'Hear from all parties involved in the placement so all share an understanding of the areas of difficulty (what is going wrong), find ways to reduce the risk of breakdown and improve the quality of the placement, and book the review.',
      },
      { who: 'Meeting', what: 'Where it helps, hold a series of stability meetings that review progress and take small steps towards lasting change.' },
    ],
    related: ['stability-meeting-chair', 'stability-meeting-attendees', 'stability-meeting-outcomes', 'extra-support-first', 'fragile-placement-signs'],
    sources: [S003('Introduction'), S003('Attendees')],
  },
  {
    id: 'stability-meeting-chair',
    title: 'Who chairs a Placement Stability Meeting',
    rules: ['FRAG-5'],
    questions: [
      'Who chairs a placement stability meeting?',
      'Who should chair the stability meeting for an IFA placement?',
      'Does the fostering manager chair it for our own carers?',
      'Can the SSW chair the stability meeting?',
    ],
    answer:
      "A council manager (in 003, a Havering manager) chairs it (the council's own manager, not the agency's or provider's): the children's social work manager when the placement is with an IFA, and the fostering manager when it is with the council's own foster carers.",
    steps: [
      { who: "Children's social work manager", what: 'Chair when the child is placed with an independent fostering agency.' },
      { who: 'Fostering manager', what: "Chair when the child is with the council's own foster carers." },
      { who: 'Allocated LBH minute taker', what: 'Take the minutes.' },
      {
        who: 'Fostering Service or Placements Service',
        what: "Coordinate the meeting in collaboration with the child's social worker (not the chair's task): the Fostering Service for in-house foster carers, the Placements Service for an IFA, residential or semi-independent placement.",
      },
    ],
    related: ['stability-meeting-attendees', 'stability-meeting-outcomes', 'placement-stability-meeting'],
    sources: [S003('Attendees')],
  },
  {
    id: 'stability-meeting-attendees',
    title: 'Who attends a Placement Stability Meeting',
    rules: ['FRAG-5'],
    questions: [
      'Who should be invited to a placement stability meeting?',
      'Should the child attend the stability meeting?',
      'Can we hold part of the meeting without the young person?',
      'Is an advocate invited to the stability meeting?',
    ],
    answer:
      'The meeting usually includes the child, their social worker, the foster carer or (in a residential or semi-independent placement) the key worker or provider, the supervising social worker (SSW), the fostering manager, other relevant professionals, and an advocate where appropriate.',
    steps: [
      {
        // (003 gives the coordination to these services; its attendee list has no Virtual School, which
        // the stability guidance note 001 includes in support meetings and move discussions instead)
        who: "Fostering or Placement Service, with the child's social worker",
        what: 'Invite the child, carer or provider, supervising social worker, fostering manager and relevant professionals.',
      },
      { who: "Fostering or Placement Service, with the child's social worker", what: 'Offer the child an advocate where appropriate.' },
      {
        who: 'Meeting',
        what: 'Only as an exception, hold it in two parts (the adults first, then the child joins) and document the reasons.',
      },
    ],
    related: ['stability-meeting-chair', 'placement-stability-meeting', 'virtual-school-advice'],
    sources: [S003('Attendees'), S003('Introduction'), S001(G001_ESCALATION)],
  },
  {
    id: 'stability-meeting-outcomes',
    title: 'Placement Stability Meeting: minutes, review and outcomes',
    rules: ['FRAG-5', 'FRAG-8'],
    questions: [
      'Who takes minutes at the stability meeting?',
      'When is the review of a stability meeting booked?',
      'What can a stability meeting decide?',
      'Do we need follow-up stability meetings?',
    ],
    answer:
      "An allocated LBH minute taker (the council's) records the meeting, the review date is booked at the meeting itself, and a series of meetings may follow; the meeting can also decide on a planned ending.",
    steps: [
      { who: 'Allocated LBH minute taker', what: 'Take the minutes.' },
      { who: 'Meeting', what: 'Book the review date before the meeting ends.', when: 'At the meeting' },
      { who: 'Meeting', what: 'Agree small steps towards positive and lasting change, and review progress at later meetings.' },
      { who: 'Meeting', what: 'Where needed, agree a planned ending.' },
    ],
    related: ['placement-stability-meeting', 'planned-ending-external-placement', 'funding-extra-services'],
    sources: [S003('Attendees')],
  },
  {
    id: 'placement-stability-panel',
    title: 'Placement Stability Panel (escalation)',
    rules: ['FRAG-6'],
    questions: [
      'When does a case go to the placement stability panel?',
      'How do I escalate to get a service the placement needs?',
      "Can't get the therapy the child needs and the placement is at risk, how do I escalate?",
      'What is the stability panel for?',
    ],
    answer:
      "When escalation is needed to get a service that is essential to keeping the placement stable, the child's case is presented to the Placement Stability Panel; the Virtual School is included.",
    steps: [
      {
        // (the note says the case must be presented, not by whom)
        who: 'Placement Stability Panel',
        what: "Hears the child's case when escalation is needed: the service needed and why stability depends on it.",
      },
      { who: 'Virtual School', what: 'Is included at the panel, with advice on education.' },
    ],
    related: ['funding-extra-services', 'virtual-school-advice', 'placement-stability-meeting'],
    sources: [S001(G001_REVIEWS), S001(G001_ESCALATION)],
  },
  {
    id: 'funding-extra-services',
    title: 'Funding extra services (Commissioning Panel)',
    rules: ['FRAG-7'],
    questions: [
      'How do I get funding for extra support for the placement?',
      'Who pays for additional therapy to keep the placement going?',
      'Does extra support with a cost have to go to commissioning panel?',
      'The stability meeting recommended a paid service, what next?',
    ],
    answer: "If extra external services with a cost implication are recommended, the child's social worker presents them to the Commissioning Panel to agree funding first.",
    steps: [
      { who: "Child's social worker", what: 'Prepare the case for the service and its cost.' },
      { who: "Child's social worker", what: 'Present it to the Commissioning Panel.', when: 'Before the service is arranged' },
      { who: 'Commissioning Panel', what: 'Decide on funding.' },
    ],
    related: ['stability-meeting-outcomes', 'placement-stability-panel', 'extra-support-first'],
    sources: [S003('Please note')],
  },
  {
    id: 'planned-ending-external-placement',
    title: 'Planned ending of an external placement (giving notice)',
    rules: ['FRAG-8', 'END-1'],
    questions: [
      'The stability meeting agreed the IFA placement will end, who gives notice?',
      'How do we give notice to an external provider?',
      'Do I need to tell the Placements Service the placement is ending?',
      'Planned end of a residential placement with a private provider',
    ],
    answer:
      'When the meeting agrees a planned ending of an external placement, the council gives notice to the provider and the Placements Service is notified immediately if they were not at the meeting.',
    steps: [
      { who: 'The council', what: 'Give notice to the external provider.' },
      {
        who: 'Not named in the guidance',
        what: 'Tell the Placements Service about the decision if they were not at the meeting.',
        when: 'Immediately',
      },
      { who: 'Placement Officer', what: 'Tell finance, so that payments to the provider stop.' },
    ],
    related: ['ending-a-placement', 'stability-meeting-outcomes', 'planned-endings'],
    sources: [S003('Please note'), S004('Ending of Placements')],
  },

  // ───────────────────────────── Placement planning ─────────────────────────────
  {
    id: 'placement-planning-meeting',
    title: 'Placement Planning Meeting: timescales and when it is due',
    rules: ['PLAN-1'],
    questions: [
      'When should the placement planning meeting happen?',
      'When is a PPM due?',
      'Do I need a PPM every time a child moves?',
      'Is a placement planning meeting needed when a child comes into care?',
      "What's the point of the PPM?",
      'PPM timescale: when must it be held?',
    ],
    answer:
      'Hold a Placement Planning Meeting before every placement starts (within 72 hours if the urgency of an emergency prevents that) and every time a child comes into care or changes placement; it finalises the placement plan, which gives the child and carer clarity, and confirms delegated authority.',
    steps: [
      // (004 says the meeting is convened as part of the placement process, not by whom)
      { who: 'Meeting', what: 'Convened as part of identifying and placing the child (finding the placement).', when: 'Before the placement starts' },
      { who: 'Meeting', what: "Usually held at the child's new placement." },
      { who: 'Meeting', what: 'For an emergency placement, it happens within 72 hours.', when: 'Within 72 hours' },
      {
        who: 'Meeting',
        what: "Finalise the placement plan and the child's needs in the placement, including the daily routine, discuss the care plan, and confirm delegated authority.",
      },
      { who: 'Supervising social worker', what: 'Complete the initial support plan at the meeting.' },
    ],
    related: ['ppm-attendees', 'ppm-agenda', 'emergency-placement-timescales', 'initial-support-plan', 'placement-plan-timing'],
    sources: [S004('Placement Planning Meetings'), S001(G001_REVIEWS)],
  },
  {
    id: 'emergency-placement-timescales',
    title: 'Emergency placement timescales',
    rules: ['PLAN-1', 'AFTER-1'],
    questions: [
      'When is the planning meeting due for an emergency placement?',
      'Emergency placement: how long do I have for the PPM?',
      'What are the deadlines after an emergency placement?',
      'How quickly does the placement plan need agreeing if the child was placed in an emergency?',
      '72 hours or 5 days?',
    ],
    answer:
      "For an emergency placement: give the carer sufficient information (all that is available) straight away; the Placement Planning Meeting agrees the placement plan within 72 hours of the placement (004), or within 5 days of its start (002), so follow your council's timescale; and the social worker visits within one week.",
    steps: [
      {
        who: 'Not named in the guidance',
        what: "Give the carer enough information (all that is available) to meet the child's needs until the plan is agreed.",
        when: 'At placement',
      },
      { who: 'Placement Planning Meeting', what: 'Meet and agree the placement plan.', when: 'Within 72 hours of the placement (004), or within 5 days of its start (002)' },
      { who: "Child's social worker", what: 'Visit the child in the placement.', when: 'Within one week' },
      { who: 'Not named in the guidance', what: "Update the agreed plan again as the child's care plan is developed: it is not finished once agreed." },
    ],
    related: ['placement-planning-meeting', 'placement-plan-timing', 'visit-after-placement', 'after-a-move'],
    sources: [S004('Placement Planning Meetings'), S002('Timing'), S004('Support and Monitoring of Placements')],
  },
  {
    id: 'ppm-attendees',
    title: 'Who attends a Placement Planning Meeting',
    rules: ['PLAN-1'],
    questions: [
      'Who should come to the placement planning meeting?',
      'Does the child attend the PPM?',
      'Should parents be invited to the PPM?',
      'Who attends a PPM for a residential placement?',
      'Is the IRO involved in the PPM?',
      'Does the Guardian get a say in the PPM?',
    ],
    answer:
      "These people contribute to the Placement Planning Meeting: the child's social worker (or personal adviser or advocate), the child or young person, parents as appropriate, and the foster carers with their supervising social worker or, in residential care, the link worker or keyworker and where appropriate the home manager; the IRO's and Guardian's views are considered, and the Virtual School is included where a move is discussed.",
    steps: [
      {
        who: 'Not named in the guidance',
        what: 'Make sure the child or young person, parents as appropriate, and the carers with their supervising social worker (or key worker and home manager) can contribute.',
      },
      { who: 'Placement Planning Meeting', what: 'Ask for and take into account the views of the IRO, and of the Guardian if there is one.' },
      { who: 'Chair', what: 'Make sure everyone understands the purpose of the meeting and has the opportunity to give their views and suggestions.' },
    ],
    related: ['placement-planning-meeting', 'ppm-chair-preparation', 'iro-role'],
    sources: [S004('Purpose and Meeting Format')],
  },
  {
    id: 'ppm-chair-preparation',
    title: 'Preparing to chair a Placement Planning Meeting',
    rules: ['PLAN-1'],
    questions: [
      'What should the PPM chair read beforehand?',
      "I'm chairing a placement planning meeting, how do I prepare?",
      'What does the chair of a PPM need to do?',
      'Documents needed before the planning meeting',
    ],
    answer:
      'The chair gets up to date beforehand with the placement plan, the work undertaken so far in supporting the placement and, where relevant, the care plan, Personal Education Plan (PEP) and pathway plan, and at the meeting makes sure the child, the parents and everyone asked to contribute understand its purpose and have the opportunity to speak.',
    steps: [
      {
        who: 'Chair',
        what: 'Read the placement plan (on the Placement Information Record in Liquid Logic) and find out what work has been undertaken so far in supporting the placement.',
        when: 'Before the meeting',
      },
      { who: 'Chair', what: 'Read the care plan, Personal Education Plan (PEP) and pathway plan where relevant.', when: 'Before the meeting' },
      {
        who: 'Chair',
        what: "Explain to the child, the parents and the other contributors the purpose and how the meeting will be conducted, and invite everyone's views and suggestions.",
      },
    ],
    related: ['ppm-agenda', 'ppm-attendees', 'ppm-recording'],
    sources: [S004('Purpose and Meeting Format')],
  },
  {
    id: 'ppm-agenda',
    title: 'What a Placement Planning Meeting covers',
    rules: ['PLAN-1', 'PLAN-4'],
    questions: [
      'What is discussed at the placement planning meeting?',
      'Agenda for a PPM',
      'Does the PPM cover health and registering with a GP?',
      'What goes into the daily routine discussion?',
    ],
    answer:
      "The Placement Planning Meeting (PPM) finalises the placement plan, discusses the care plan and covers the child's needs (their personal history, racial origin, religious persuasion, cultural and linguistic background, health and education), the daily routine, and registering with local health professionals: a GP, dentist and optician.",
    steps: [
      { who: 'Meeting', what: "Go through the child's needs, background, health and education and how each will be met." },
      { who: 'Meeting', what: 'Agree the daily routine and finalise the placement plan.' },
      { who: 'Meeting', what: 'Agree how the child will be registered with a local GP, dentist and optician.' },
    ],
    related: ['placement-planning-meeting', 'information-for-carer', 'ppm-recording'],
    sources: [S004('Purpose and Meeting Format')],
  },
  {
    id: 'initial-support-plan',
    title: 'Initial support plan at the Placement Planning Meeting',
    rules: ['PLAN-1', 'FRAG-4'],
    questions: [
      'Who completes the initial support plan?',
      'When is the initial support plan done?',
      'What extra focus is needed for 13-15 year olds at the PPM?',
      'Does the SSW do a support plan for the placement?',
    ],
    answer:
      'The supervising social worker completes an initial support plan at the Placement Planning Meeting, giving additional focus to children who have already experienced a move or are aged 13-15; it is reviewed at each Placement Support Meeting.',
    steps: [
      { who: 'Supervising social worker', what: 'Complete the initial support plan, identifying any potential support needs.', when: 'At the Placement Planning Meeting' },
      { who: 'Supervising social worker', what: 'Give extra thought to children who have already had a move or are 13 to 15.' },
      { who: 'Placement Support Meeting', what: 'Review the plan each time it meets.' },
    ],
    related: ['placement-support-meeting', 'placement-planning-meeting', 'sw-and-ssw-roles'],
    sources: [S001(G001_REVIEWS), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'ppm-recording',
    title: 'Recording and sharing Placement Planning and Support Meeting outcomes',
    rules: ['PLAN-1'],
    questions: [
      'Who records the outcome of the PPM?',
      'Where do I record the placement planning meeting?',
      'Where do the PPM records go, Liquid Logic or EDRMS?',
      'Who shares the PPM minutes?',
      'Which minute template for the planning meeting?',
      'Who tells everyone what was agreed at the planning meeting?',
    ],
    answer:
      "Record all relevant details of a Placement Planning Meeting on the child's Liquid Logic file and their EDRMS (electronic document) file, using the streamlined LCS minute formats (which Placement Support Meetings use too); the child's allocated social worker or personal advisor then makes sure everyone involved is told the outcomes.",
    steps: [
      {
        // (the documents say the meetings are recorded in these formats, not who takes the minutes)
        who: 'Placement Planning or Support Meeting',
        what: "Record the discussion and agreements of planning and support meetings in the streamlined LCS minute formats on the child's Liquid Logic file and EDRMS file.",
      },
      { who: "Child's social worker", what: 'Keep the placement plan itself on the Placement Information Record in Liquid Logic.' },
      { who: "Child's allocated social worker or personal advisor", what: 'Tell everyone involved with the child what the meeting agreed, keeping them up to date.' },
    ],
    related: ['placement-planning-meeting', 'ppm-agenda', 'updating-case-record'],
    sources: [S004('Purpose and Meeting Format'), S001(G001_REVIEWS)],
  },
  {
    id: 'later-ppms',
    title: 'Further Placement Planning Meetings',
    rules: ['PLAN-1'],
    questions: ['Do we need more than one placement planning meeting?', 'How often are follow-up PPMs held?', 'Can we call another planning meeting if the care plan changes?'],
    answer:
      "Hold further Placement Planning Meetings as required: at intervals agreed with the foster carers and their supervising social worker (or the residential home's manager), or whenever the day to day arrangements have issues to be resolved or care plan changes need clarifying.",
    steps: [
      {
        who: "Child's social worker",
        what: "Hold a new Placement Planning Meeting, confirming delegated authority, every time the child changes placement, from one of the council's own carers to another too.",
      },
      // (the guidance names whom the interval is agreed with, not who proposes it)
      { who: 'Foster carers and their supervising social worker, or the residential home manager', what: 'Agree the interval for later meetings.' },
      {
        who: 'Not named in the guidance',
        what: 'Call an extra meeting to clarify changes to the care plan or resolve day to day issues as they arise (routines, bedtimes, pocket money, house rules and the like).',
      },
      { who: 'Not named in the guidance', what: 'Where there are concerns about how the placement is progressing, consider seeking additional resources to assist it.' },
    ],
    related: ['placement-planning-meeting', 'placement-plan-review'],
    sources: [S004('Purpose and Meeting Format'), S001(G001_REVIEWS)],
  },
  {
    id: 'delegated-authority',
    title: 'Delegated authority for carers',
    rules: ['PLAN-1', 'PLAN-4'],
    questions: ['When is delegated authority agreed?', 'Where is delegated authority confirmed for the foster carer?', 'What day to day decisions can the carer make?'],
    answer:
      'Delegated authority is confirmed at the Placement Planning Meeting held each time a child comes into care or changes placement, together with how day to day parenting tasks are shared.',
    steps: [
      {
        who: 'Placement Planning Meeting',
        what: 'Confirm what the carer can decide, and which everyday parenting tasks fall to the carer and which to the council as the responsible authority.',
        when: 'At every new placement',
      },
      { who: "Child's social worker", what: "Record what was agreed with the meeting's outcomes on the case record." },
    ],
    related: ['placement-planning-meeting', 'information-for-carer'],
    sources: [S001(G001_REVIEWS), S004('Placement Planning Meetings')],
  },
  {
    id: 'placement-plan-timing',
    title: 'Placement plan deadlines: when it must be done',
    rules: ['PLAN-1'],
    questions: [
      'When does the placement plan need to be completed?',
      'Placement plan deadline for an emergency placement',
      'Is the placement plan done before the move?',
      'Who finalises the placement plan?',
    ],
    answer:
      'For a planned placement, complete the placement plan in advance and finalise it at the Placement Planning Meeting; in an emergency, give the carer sufficient information (all that is available) at once and agree the plan within 5 days.',
    steps: [
      { who: "Child's allocated social worker", what: 'Draft the placement plan.', when: 'Before a planned placement' },
      { who: 'Placement Planning Meeting', what: 'Finalise the plan.' },
      { who: 'Placement Planning Meeting', what: 'In an emergency, agree the plan.', when: 'Within 5 days of the start' },
      { who: "Child's social worker", what: 'Update it as the care plan develops.' },
    ],
    related: ['emergency-placement-timescales', 'placement-plan-review', 'placement-plan-quality'],
    sources: [S002('Timing')],
  },
  {
    id: 'placement-plan-review',
    title: 'Reviewing and updating the placement plan',
    rules: ['PLAN-2'],
    questions: [
      'How often should the placement plan be updated?',
      'Do I create a new placement plan or a revision?',
      'Does the IRO check the placement plan?',
      'Placement plan review before the LAC review',
      'Who quality assures placement plans?',
    ],
    answer:
      'Review the placement plan before every looked-after review and update it as a revision (not a new plan), at least annually (the minimum standard); the Independent Reviewing Officer (IRO) quality assures it and team managers sample plans through supervisory oversight.',
    steps: [
      {
        who: "Child's social worker",
        what: 'Check the quality and accuracy of the plan, that it is current (Tri-X 6.3.3).',
        when: 'Before each Looked After Child Review (LAC review)',
      },
      {
        who: "Child's social worker",
        what: 'Update it as a revision of the existing plan on LCS (Liquid Logic), where it sits on the Placement Information Record, not by starting a new plan.',
        when: 'At least annually',
      },
      {
        who: "Child's social worker",
        what: 'Treat it as a working document: revise it as things change, such as a change to the care plan, which a further planning meeting can help clarify.',
        when: 'Whenever things change',
      },
      { who: 'Independent Reviewing Officer (IRO)', what: 'Quality-assure the plan as part of the review and make recommendations.' },
      { who: 'Team manager', what: 'Oversee quality through supervisory oversight and sampling.' },
    ],
    related: ['placement-plan-timing', 'placement-plan-quality', 'iro-role'],
    sources: [S002('Management Oversight and Quality Assurance / Review'), S004('Placement Planning Meetings'), S004('Purpose and Meeting Format')],
  },
  {
    id: 'placement-plan-quality',
    title: 'What a good placement plan contains',
    rules: ['PLAN-2'],
    questions: [
      'What should be in the placement plan?',
      'How detailed should a placement plan be?',
      'Does the residential home write its own placement plan?',
      'How do I make the placement plan child-centred?',
    ],
    answer:
      "The plan covers day to day care and how the placement supports the wider care plan (getting a child ready for adoption, promoting family links towards reunification, or preparing a young person for independence); it sets out how the child is prepared and introduced, is bespoke and reflects their voice, individual needs and strengths; a residential home writes its own local placement plan, reflecting the council's overarching one, with the social worker contributing.",
    steps: [
      {
        who: "Child's social worker",
        what: 'Write the plan together with the child or young person (co-produce and collaborate), so it carries their voice and views in their own words.',
      },
      {
        who: "Child's social worker",
        what: 'Show how the placement serves the care plan: towards adoption, family links and reunification, or independence; and include the arrangements for preparing the child for the placement and introducing them to it.',
      },
      {
        who: "Child's allocated social worker",
        what: 'Own the plan: produce it with the child and keep it up to date, specific to this child, informative and meaningful.',
      },
      { who: 'Residential provider', what: "Produce the home's own plan in line with it, with the social worker and others contributing." },
    ],
    related: ['placement-plan-timing', 'placement-plan-review', 'information-for-carer'],
    sources: [S002('Purpose'), S002('Quality')],
  },
  {
    id: 'introduction-planning-meeting',
    title: 'Before a child is placed: the placements team, the registered manager and the Introduction Planning Meeting',
    rules: ['PLAN-1'],
    questions: [
      'What is an Introduction Planning Meeting?',
      'Who contacts the registered manager before a child is placed?',
      'Does the placement team speak to the home before the child arrives?',
      'Who arranges the introduction planning meeting and where is it held?',
      "Who tells the new provider about the child's immediate care needs?",
    ],
    answer:
      "Before placing the child, the placement team will liaise with the registered manager of the new placement to pass on the child's immediate child care needs and, when it can, arranges an Introduction Planning Meeting, usually held at the new placement.",
    steps: [
      {
        who: 'Placement team',
        what: "Contact the registered manager of the new placement and give them the child's immediate care needs.",
        when: 'Before the child is placed',
      },
      {
        who: 'Placement team',
        what: 'Arrange an Introduction Planning Meeting where and when that is possible, usually at the new placement.',
        when: 'Before the child is placed',
      },
      { who: 'Placement Planning Meeting', what: 'Finalise the placement plan.', when: 'Before the placement, or within 72 hours in an emergency' },
    ],
    related: ['introductions-before-placement', 'placement-planning-meeting', 'information-for-carer'],
    sources: [S004('Placement Planning Meetings')],
  },
  {
    id: 'placement-plan-purpose',
    title: 'What the placement plan is for, and its references',
    rules: ['PLAN-2'],
    questions: [
      'What is the placement plan for?',
      'What is the purpose of a placement plan?',
      'Which national guidance and legislation does the placement plan standard rest on?',
      'Where are the areas a placement plan must cover for each kind of placement set out?',
      'Is the placement plan a one-off document?',
    ],
    answer:
      "The placement plan sets out in detail how this placement will meet the child's day to day needs as the care plan describes them, giving the carers the information they need to know about those needs and how to meet them; it is a working document that changes over time. Its references are the Children Act 1989 statutory guidance (Volume 2, Care Planning, paragraphs 3.177 to 3.229) and the local Tri-X procedures (sections 6.1 to 6.4).",
    steps: [
      {
        who: "Child's social worker",
        what: "Write a plan specific to this child, so the carers know the child's needs and the practical strategies for meeting them, day to day, in line with the care plan.",
      },
      {
        who: "Child's social worker",
        what: 'Cover the areas Tri-X sets for the kind of placement (6.2.3 to 6.2.6: with parents, with a connected carer, fostering or residential).',
      },
      { who: "Child's social worker", what: "Keep it up to date as the child's needs and the care plan change: it is a working document." },
      {
        who: "Child's social worker",
        what: 'Show how the placement supports the wider care plan: preparing for adoption, promoting family links towards reunification, or preparing for independence.',
      },
      { who: 'Placement Planning Meeting', what: 'Finalise the plan, so that the child and the carer both have clarity about the arrangements.' },
    ],
    related: ['placement-plan-quality', 'placement-plan-timing', 'placement-plan-review'],
    sources: [S002('Background'), S002('Purpose'), S004('Purpose and Meeting Format')],
  },
  {
    id: 'introductions-before-placement',
    title: 'Introductions and carer profiles before a placement',
    rules: ['PLAN-3'],
    questions: [
      'What introductions should happen before a child moves in?',
      'Do we share a carer profile with the child?',
      'Should the child have an overnight stay with the new carers first?',
      'How do I prepare a child for a new foster home?',
      'Relationship building before placement',
    ],
    answer:
      "Every child should be offered relationship building work before placement to introduce them to their new home: share a child-friendly carer profile (or the residential home's children's booklet), seek the child's views on the placement, and hold planned introductions before the placement starts, such as phased visits, a telephone call or visit, and overnight stays where possible.",
    steps: [
      { who: 'Not named in the guidance', what: "Share the child-friendly carer profile or home booklet and ask for the child's views.", when: 'Before placement' },
      { who: 'Not named in the guidance', what: 'Arrange planned introductions with the new carers: phased visits, a telephone call or visit, and overnight stays.' },
    ],
    related: ['telling-the-child', 'before-a-move', 'placement-plan-quality'],
    sources: [S001(G001_INTRODUCTIONS)],
  },
  {
    id: 'information-for-carer',
    title: 'What to tell the carer: information the placement needs',
    rules: ['PLAN-4'],
    questions: [
      'What information does the carer need about the child?',
      'What do I have to tell the new placement?',
      'What should the provider be told before placement?',
      'Information to share with foster carers at placement',
      'What do we tell a residential home or provider about a child placed with them?',
    ],
    answer:
      'As part of placement planning (004 lists it with the Placement Planning Meetings), tell the placement (foster carers, or the residential home and its registered manager, or the provider) how day to day parenting tasks are shared between the carer and the responsible authority, the financial arrangements, contact, the circumstances leading to the child becoming looked after, the long term care plan, the length of time the placement is needed and what it is meant to achieve.',
    steps: [
      { who: 'Not named in the guidance', what: 'Share how day to day parenting tasks are split with the responsible authority, money, and contact arrangements.' },
      { who: 'Not named in the guidance', what: 'Explain why the child came into care and the long term care plan.' },
      { who: 'Not named in the guidance', what: 'Tell them how long the placement is needed and its objectives.' },
    ],
    related: ['ppm-agenda', 'delegated-authority', 'placement-planning-meeting'],
    sources: [S004('Placement Planning Meetings')],
  },

  // ───────────────────────────── After a move and endings ─────────────────────────────
  {
    id: 'visit-after-placement',
    title: 'Visiting the child after a move',
    rules: ['AFTER-1'],
    questions: [
      'When do I have to visit after a placement move?',
      'How soon is the first visit in a new placement?',
      'Statutory visit after a child is placed',
      'Do I need to see the child within a week of moving?',
    ],
    answer:
      "The child's social worker visits the child in the new placement within one week of it starting, then at least as often as local procedures (in 004, Leicester City Council procedures) require (at a minimum, as they set out).",
    steps: [
      { who: "Child's social worker", what: 'Visit the child in the placement.', when: 'Within one week of the start' },
      { who: "Child's social worker", what: 'Keep visiting at least as often as local procedures set.' },
    ],
    related: ['after-a-move', 'emergency-placement-timescales'],
    sources: [S004('Support and Monitoring of Placements')],
  },
  {
    id: 'updating-case-record',
    title: 'Updating the case record after changes',
    rules: ['AFTER-2'],
    questions: [
      'Do I need to update the system when the placement changes?',
      'Legal status changed, where do I record it?',
      'Who updates Liquid Logic when a child moves?',
      'Recording a change in legal status',
    ],
    answer: "When the placement or the child's legal status changes during the placement, the child's social worker updates the child's Liquid Logic record.",
    steps: [
      { who: "Child's social worker", what: "Update the placement and legal status on the child's Liquid Logic files.", when: 'When the change happens' },
      { who: "Child's social worker", what: 'Code any move correctly (placement type and reason).' },
    ],
    related: ['coding-a-move', 'after-a-move'],
    sources: [S004('Support and Monitoring of Placements')],
  },
  {
    id: 'after-a-move',
    title: "After a move: what's due",
    rules: ['AFTER-1', 'AFTER-2', 'MOVE-7', 'MOVE-10', 'PLAN-1'],
    questions: [
      'What do I need to do after a move?',
      "Child has moved, what's due now?",
      'Post-move checklist',
      'Deadlines after a placement change',
      'What follow-up tasks are there after the child is placed?',
    ],
    answer:
      'After a move: the Placement Planning Meeting agrees the placement plan (before the move, or in an emergency within 72 hours under 004 and 5 days under 002), the social worker visits within one week, the move is coded and the record updated, and the Virtual School is told if education is disrupted.',
    steps: [
      { who: 'Placement Planning Meeting', what: 'Meet and agree the placement plan.', when: 'Before the move; in an emergency within 72 hours (004) or 5 days (002)' },
      { who: "Child's social worker", what: 'Visit the child in the new placement.', when: 'Within one week' },
      { who: "Child's social worker", what: 'Code the move and update placement and legal status on the case record.' },
      { who: "Child's social worker", what: 'Tell the Virtual School if the move disrupts education or training.' },
    ],
    related: ['emergency-placement-timescales', 'visit-after-placement', 'coding-a-move', 'education-disrupted-by-move', 'updating-case-record'],
    sources: [
      S004('Placement Planning Meetings'),
      S002('Timing'),
      S004('Support and Monitoring of Placements'),
      S000('Instructions for Allocated Case Worker'),
      S004('Purpose and Meeting Format'),
    ],
  },
  {
    id: 'ending-a-placement',
    title: 'Ending a placement: who to tell, notice and payments',
    rules: ['END-1'],
    questions: [
      'The placement is ending, who do I tell?',
      'How do I serve notice on a placement?',
      'Who stops payments to the provider when a placement ends?',
      'Placement has ended, do I need to tell the placement officer?',
      'We know the end date of the placement, what should I do?',
      'A placement is planned to end soon: who do I tell, and when?',
    ],
    answer:
      'Tell the Placement Officer when a placement ends (as soon as possible when there is a planned end date); they serve notice on the provider and tell finance so payments cease, and you tell everyone who was told when the placement began.',
    steps: [
      { who: "Child's social worker", what: 'Tell the Placement Officer about a planned end date.', when: 'As soon as possible' },
      { who: 'Placement Officer', what: 'Serve notice on the placement.' },
      { who: 'Placement Officer', what: 'Tell the finance officer so payments to the provider stop.' },
      { who: "Child's social worker", what: 'Tell everyone who was notified when the placement was made that it is ending.' },
    ],
    related: ['planned-ending-external-placement', 'planned-endings', 'unplanned-ending', 'disruption-meeting'],
    sources: [S004('Ending of Placements')],
  },
  {
    id: 'unplanned-ending',
    title: 'Placement broken down: unplanned ending',
    rules: ['END-2', 'MOVE-11'],
    questions: [
      'Is any meeting needed after an unplanned ending?',
      'The placement broke down last night, what do I do?',
      'Carer asked for the child to be removed immediately',
      'Unplanned end of placement: next steps',
      'Placement collapsed over the weekend',
      'The placement has broken down suddenly overnight',
    ],
    answer:
      'A placement should only end in an unplanned way (break down) for immediate safeguarding reasons; when it does, get the move authorised, tell the Placement Officer, code it correctly, hold the Placement Planning Meeting within 72 hours, and consider and organise a Disruption Meeting so the learning is taken forward.',
    steps: [
      { who: 'Head of Service', what: 'Authorise the move once you understand the alternative options.' },
      { who: "Child's social worker", what: 'Tell the Placement Officer so notice is served and payments stop.', when: 'Straight away' },
      { who: 'Meeting', what: 'The Placement Planning Meeting for the new placement happens.', when: 'Within 72 hours' },
      { who: "Child's social worker", what: 'Code the move with the reason that really applies.' },
      // (004 asks for a Disruption Meeting to be considered, without naming who; 003 sets when one is held)
      { who: 'Not named in the guidance', what: 'Consider and organise a Disruption Meeting so the learning is taken forward; it is held at least six weeks after the ending.' },
    ],
    related: ['disruption-meeting', 'urgent-move', 'ending-a-placement', 'emergency-placement-timescales'],
    sources: [S001(G001_PLANNED_ENDINGS), S004('Ending of Placements'), S000('Instructions for Allocated Case Worker'), S003('Disruption Meetings')],
  },
  {
    id: 'disruption-meeting',
    title: 'Disruption Meeting after a placement breaks down',
    rules: ['END-2'],
    questions: [
      'When is a disruption meeting held?',
      'Do we need a disruption meeting after a breakdown?',
      'Placement disrupted, what meeting should happen?',
      'What is the purpose of a disruption meeting?',
      'Is the disruption meeting about blaming someone?',
      'Is there a disruption policy?',
    ],
    answer:
      'Where a placement has broken down a Disruption Meeting must be organised so the learning is taken forward (003: whenever a permanent placement disrupts; 004: consider one after any unplanned ending); it is held at least six weeks after the ending and looks for lessons and, where possible, resolution.',
    steps: [
      {
        who: 'Not named in the guidance',
        what: 'Organise a Disruption Meeting when a placement has broken down (always for a permanent placement; after other unplanned endings, at least consider one).',
      },
      {
        who: 'Not named in the guidance',
        what: 'Book it with all those involved in the placement and a chair who is an Independent Reviewing Officer (IRO) or similar person not previously involved in the case.',
        when: 'At least six weeks after the ending',
      },
      { who: 'Meeting', what: "Reflect on the placement's history, draw out lessons and seek resolution between the parties." },
      { who: 'Not named in the guidance', what: "Follow the council's disruption policy as well as this guidance." },
    ],
    related: ['disruption-meeting-chair', 'unplanned-ending', 'iro-role'],
    sources: [S003('Disruption Meetings'), S000('Instructions for Allocated Case Worker'), S004('Ending of Placements')],
  },
  {
    id: 'disruption-meeting-chair',
    title: 'Who chairs a Disruption Meeting',
    rules: ['END-2'],
    questions: [
      'Who chairs a disruption meeting?',
      'Can the IRO chair the disruption meeting?',
      'How long after the breakdown is the disruption meeting?',
      'Who should attend a disruption meeting?',
    ],
    answer:
      'An Independent Reviewing Officer (IRO), or a similar independent chair not involved in the case before, chairs it at least six weeks after the placement ended, with everyone who was involved in the placement.',
    steps: [
      { who: 'Not named in the guidance', what: 'Find an Independent Reviewing Officer or similar chair who has not previously been involved in the case.' },
      { who: 'Not named in the guidance', what: 'Invite everyone involved in the placement.', when: 'For a date at least six weeks after the ending' },
    ],
    related: ['disruption-meeting', 'iro-role'],
    sources: [S003('Disruption Meetings')],
  },

  // ───────────────────────────── The documents themselves ─────────────────────────────
  {
    id: 'guidance-read-with',
    title: 'What each guidance document is read with',
    rules: [],
    questions: [
      'What should the stability guidance be read alongside?',
      'Which strategy does the practice guidance on moves and coding sit under?',
      'Which procedures chapter goes with the placement stability guidance note?',
      'Which PGN does the guidance note relate to?',
      'How old is the placement planning meeting guidance, and what is its mission?',
    ],
    answer:
      "Each piece of guidance names what it sits with: the LAC guidance on moves and coding, the council's LAC Placement Stability strategy; the stability guidance note, procedures Chapter 5.1.7 (Placement Support Meetings), and it relates to the PGN of January 2017; the placement plan standards, the Children Act 1989 Care Planning guidance (Volume 2, 3.177 to 3.229) and Tri-X 6.1 to 6.4; the placement planning meeting guidance is dated 2017.",
    steps: [
      { who: 'Managers and practitioners', what: 'Read the practice guidance on agreeing and coding moves with the LAC Placement Stability strategy.' },
      { who: 'Managers and practitioners', what: 'Read the stability guidance note with Chapter 5.1.7 on Placement Support Meetings; it relates to the PGN of January 2017.' },
      { who: "Child's social worker", what: 'Write placement plans to the statutory guidance (Volume 2, paragraphs 3.177 to 3.229) and Tri-X sections 6.1 to 6.4.' },
      {
        who: 'Managers and practitioners',
        what: 'The 2017 placement planning meeting guidance opens with its mission: better lives for children and young people through partnership, higher aspirations and achievement, and protection for the most vulnerable.',
      },
    ],
    related: ['stability-measure', 'placement-support-meeting', 'placement-plan-purpose'],
    sources: [S000('Introduction'), S001('Introduction'), S002('Background'), S004('Placement Planning Meetings')],
  },

  {
    id: 'guidance-origins',
    title: 'Where each guidance document comes from',
    rules: [],
    questions: [
      'Which council wrote the placement stability meeting process?',
      'Which council is the stability meeting process from?',
      'Who issued the placement planning meeting guidance, and what year is it?',
      'Which department does the PPM practice guidance come from?',
      'Whose guidance is the placement planning meeting practice guidance?',
    ],
    answer:
      "Two of the documents name their council: the Placement Stability Meeting process is Havering's (LBH), and the 2017 Placement Planning Meetings practice guidance is Leicester City Council's, from its Education and Children's Services department (Social Care and Early Help); the LAC practice guidance, the guidance note and the placement plan standards name none.",
    steps: [
      { who: 'Managers and practitioners', what: 'The stability meeting process (003) is written for Havering (LBH), whose managers chair its meetings.' },
      {
        who: 'Managers and practitioners',
        what: "The placement planning meeting guidance (004) is Leicester City Council's, dated 2017, from Social Care and Early Help within Education and Children's Services.",
      },
    ],
    related: ['guidance-read-with', 'placement-stability-meeting', 'placement-planning-meeting'],
    sources: [S003('Title'), S004('Title page')],
  },

  // ───────────────────────────── The measure ─────────────────────────────
  {
    id: 'stability-measure',
    title: 'How placement stability is measured',
    rules: [],
    questions: [
      'How is placement stability measured?',
      'What is the stability indicator?',
      'Definition of placement stability',
      'What is the national placement stability measure?',
      'What percentage of children have 3 or more moves?',
    ],
    answer:
      'Locally it is the share of children looked after on the reporting date who have had three or more placement moves during the last 12 months; the national version uses the SSDA903 return for children looked after at 31 March.',
    steps: [
      { who: 'Performance Team', what: 'Count looked-after children on the reporting date (short-break children are left out).' },
      { who: 'Performance Team', what: 'Count how many had 3 or more moves in the 12 months up to that date and give the percentage.' },
      { who: 'Performance Team', what: 'For the national figure, count children at 31 March with 3 or more placements during the year.' },
      { who: 'Managers and practitioners', what: "Read the practice guidance that gives this definition together with the council's wider LAC Placement Stability strategy." },
    ],
    related: ['child-at-risk-of-counting', 'what-counts-as-a-move', 'move-tracker'],
    sources: [S000('Definition'), S000('Introduction'), DOMAIN('The measure'), DOMAIN('Counting moves')],
  },
  {
    id: 'child-at-risk-of-counting',
    title: 'Children one move from counting against the measure',
    rules: [],
    questions: [
      'Which children are at risk of counting against the stability measure?',
      'Child has had 2 moves this year, what should I do?',
      'Two moves in 12 months: why does it matter?',
      'Who is at risk of a third move?',
    ],
    answer:
      'A looked-after child with exactly two moves in the past 12 months will count against the measure if they move again, so managers want to see and support those placements early.',
    steps: [
      { who: 'Team manager', what: 'Identify children with two moves in the last 12 months: a third would put them among those with three or more.' },
      { who: "Child's social worker", what: 'Check how the current placement is going and add support at the first signs of strain.' },
      { who: 'Not named in the guidance', what: 'Hold a Placement Support Meeting as soon as the placement looks unstable.' },
    ],
    related: ['stability-measure', 'placement-support-meeting', 'move-approval'],
    sources: [DOMAIN('The measure'), S000('Definition'), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'what-counts-as-a-move',
    title: 'What counts as a placement move',
    rules: [],
    questions: [
      'Does respite count as a placement move?',
      'Does coming into care count as a move?',
      'Is a change of legal status a move?',
      'Carer moved house, is that a placement move?',
      'Does a holiday with carers count as a move?',
    ],
    answer:
      'A move is a change to a new placement and carer; coming into care, a change of legal status alone, a carer moving house, or a short temporary stay (such as respite or a holiday) followed by a return are not moves.',
    steps: [
      { who: 'Performance Team', what: 'Count a move when a new placement with a different carer starts (new episode reason P or B).' },
      { who: 'Performance Team', what: 'Do not count temporary stays and the return from them, legal-status-only changes, or same-carer changes.' },
    ],
    related: ['stability-measure', 'which-reason-code', 'coding-a-move'],
    sources: [DOMAIN('Counting moves')],
  },

  // ───────────────────────────── Roles ─────────────────────────────
  {
    id: 'sw-and-ssw-roles',
    title: "Child's social worker and supervising social worker: who does what",
    rules: ['MOVE-5'],
    questions: [
      "What's the difference between the SW and the SSW?",
      'What does the supervising social worker do when a child moves?',
      'Who supports the foster carer?',
      "Is the SSW or the child's social worker responsible for the support plan?",
    ],
    answer:
      "The child's social worker is responsible for the child (requests, plans, visits, notifications); the supervising social worker (the carer's fostering social worker) supports the foster carer, completes the initial support plan at the Placement Planning Meeting and helps agree how the child is told about a move.",
    steps: [
      { who: "Child's social worker", what: 'Leads on the child: move request, placement plan, visits, Virtual School and Placement Officer.' },
      { who: 'Supervising social worker', what: 'Supports and supervises the carer and completes the initial support plan at the Placement Planning Meeting.' },
      { who: 'Both', what: 'Agree with the foster carer how the child will be told about a move.' },
      { who: 'Both', what: 'Follow Appendix 1 of the placement stability guidance note, which sets out each role in full.' },
    ],
    related: ['initial-support-plan', 'telling-the-child', 'iro-role'],
    sources: [S001(G001_REVIEWS), S001(G001_PLANNED_ENDINGS)],
  },
  {
    id: 'iro-role',
    title: "The IRO's part in placement planning",
    rules: ['PLAN-2'],
    questions: ['What does the IRO do about placement stability?', 'Is the IRO involved in placement planning?', 'Role of the independent reviewing officer in placement plans'],
    answer:
      "The Independent Reviewing Officer's (IRO's) views are considered at the Placement Planning Meeting, the IRO quality assures the placement plan at each review, and an IRO (or similar independent person) chairs a Disruption Meeting.",
    steps: [
      { who: 'Placement Planning Meeting', what: "Ask for and take into account the IRO's views." },
      { who: 'IRO', what: 'Quality assure the placement plan at each looked-after review and make any recommendations needed.' },
      { who: 'IRO', what: 'Chair a Disruption Meeting if not previously involved in the case.' },
    ],
    related: ['placement-plan-review', 'disruption-meeting-chair', 'ppm-attendees'],
    sources: [S004('Purpose and Meeting Format'), S002('Management Oversight and Quality Assurance / Review'), S003('Disruption Meetings')],
  },
  {
    id: 'carer-input-to-reviews',
    title: 'Carers and key workers at looked-after reviews',
    rules: [],
    questions: ['Should the foster carer attend the LAC review?', 'Do key workers feed into CLA reviews?', "Who from the placement goes to the child's review?"],
    answer: 'Keyworkers and foster carers give feedback into every CLA review (the looked-after review process) and attend the review meetings.',
    steps: [
      { who: 'Foster carer or key worker', what: 'Send feedback for the review and attend it.' },
      { who: 'Foster carer or key worker', what: 'Attend every review meeting.' },
    ],
    related: ['placement-plan-review', 'placement-not-meeting-needs'],
    sources: [S001(G001_REVIEWS)],
  },
];

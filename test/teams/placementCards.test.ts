// The alert and meeting cards: Adaptive Cards 1.5, every template binding filled in whatever the
// state, and the child's name (or a carer's) never on a card shown in a channel.
import { suggestNextSteps } from '../../src/domain/alerts';
import { chooseChair, meetingDateWindow, proposeAttendees } from '../../src/domain/meetings';
import type { MeetingProposal } from '../../src/services/meetings';
import type { FragilityAlertDoc, MeetingDoc, TaskDoc } from '../../src/store/records';
import { alertCard, alertFormCard, alertsListCard } from '../../src/teams/alertCards';
import { meetingCard, meetingFormCard, meetingsListCard, outcomeFromCard } from '../../src/teams/meetingCards';
import { disclosureFor } from '../../src/teams/disclosure';
import { fiona, fragilityAlert, inHouseFoster, roster, sam } from '../domain/meetingFixtures';

const NOW = new Date('2026-11-23T10:00:00Z');
const child = { ...inHouseFoster, name: 'Jamie Example' };

const alert: FragilityAlertDoc = fragilityAlert(NOW, { immediateSafeguardingRisk: true });

const meeting: MeetingDoc = {
  _id: 'MT-2026-0001',
  version: 1,
  ref: 'MT-2026-0001',
  caseRef: 'CR-1001',
  team: 'North',
  type: 'stability',
  alertRefs: [alert.ref],
  moveRef: null,
  date: '2026-11-26',
  time: '10:00',
  durationMinutes: 60,
  childAttendance: 'second-part',
  childAttendanceReason: 'Asked to join after the adults talk.',
  minuteTaker: 'ada.admin@example.org',
  chair: { personId: fiona.id, name: fiona.name, reason: 'The fostering manager chairs.', note: null },
  attendees: [
    {
      kind: 'child',
      label: 'The child or young person',
      personId: null,
      name: null,
      email: null,
      participation: 'second-part-only',
      required: true,
      reason: 'The child takes part.',
      ruleIds: [],
      addedByOrganiser: false,
    },
    {
      kind: 'carer',
      label: 'Foster carer(s)',
      personId: null,
      name: 'Alex Carer',
      email: 'alex.carer@example.org',
      participation: 'attends',
      required: true,
      reason: 'Carers take part.',
      ruleIds: [],
      addedByOrganiser: false,
    },
    {
      kind: 'fostering_manager',
      label: 'Chair',
      personId: fiona.id,
      name: fiona.name,
      email: fiona.email,
      participation: 'attends',
      required: true,
      reason: 'Chair.',
      ruleIds: [],
      addedByOrganiser: false,
    },
  ],
  participantIds: [sam.id, fiona.id],
  removed: [{ label: 'Virtual School', name: 'Val School', required: true }],
  placementEnded: null,
  dateWarning: null,
  organiser: sam.id,
  organiserName: sam.name,
  state: 'held',
  invitation: { via: 'teams', state: 'sent', eventId: null, joinUrl: null, error: null, at: null },
  icsToken: 'token',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  pendingEffects: [],
  outcome: {
    type: 'stability',
    meetingDate: '2026-11-26',
    summary: 'Planned ending agreed.',
    decision: 'planned-ending',
    serviceNeeded: null,
    plannedEndDate: '2027-01-08',
    actions: [],
    reviewDate: '2026-12-17',
    minuteTaker: 'ada.admin@example.org',
    supportPlanReviewed: null,
    recordedBy: fiona.id,
    recordedByName: fiona.name,
    recordedAt: NOW.toISOString(),
  },
};

const task: TaskDoc & { ownerName: string } = {
  _id: 'MT-2026-0001:review-meeting',
  version: 1,
  caseRef: 'CR-1001',
  team: 'North',
  sourceRef: 'MT-2026-0001',
  kind: 'review-meeting',
  title: 'Hold the review',
  ruleIds: ['FRAG-5'],
  owner: sam.id,
  ownerName: sam.name,
  dueDate: '2026-12-17',
  state: 'open',
  createdAt: NOW.toISOString(),
  doneAt: null,
  doneBy: null,
};

function proposal(): MeetingProposal {
  const timing = { today: '2026-11-23', placementStart: child.placementStart };
  const chair = chooseChair('stability', child, roster);
  return {
    type: 'stability',
    child,
    alertRefs: [alert.ref],
    moveRef: null,
    endedPlacement: null,
    placementEnded: null,
    signsReportedOn: '2026-11-23',
    proposal: proposeAttendees('stability', child, roster),
    chair,
    chairOptions: chair.candidates,
    window: meetingDateWindow('stability', timing),
    timing,
  };
}

function expectClean(card: object) {
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(JSON.stringify(card)).not.toContain('${');
}

const advice = suggestNextSteps({
  triggers: ['carer-struggling'],
  immediateRisk: true,
  supportAlreadyTried: false,
  openAlertsOnChild: 1,
  priorMeetings: [],
  placementType: 'U4',
  placementProvider: 'PR1',
});

describe.each([
  ['in personal chat, to someone allowed to see names', false],
  ['in a channel', true],
])('alert and meeting cards %s', (_where, inChannel) => {
  // Sam is the child's social worker: in a personal chat he may see the name; in a shared conversation nobody does.
  const show = disclosureFor({ person: { ...sam, id: child.socialWorker! }, shared: inChannel }, child);
  const showName = show.showName;
  const cards: Array<[string, object]> = [
    ['alert form', alertFormCard({ children: [child], now: NOW, shared: inChannel, errors: { caseRef: 'Choose the child.' } })],
    [
      'open alert',
      alertCard({
        alert,
        child,
        show,
        others: [{ ...alert, ref: 'FA-2026-0002' }],
        advice,
        audience: { told: ['Tom Manager'], tellDirectly: ['x'] },
        meetings: [meeting],
        canConvene: true,
        canClose: true,
        now: NOW,
      }),
    ],
    [
      'closed alert',
      alertCard({
        alert: { ...alert, state: 'closed', closure: { by: 'tom', byName: 'Tom', at: NOW.toISOString(), reason: 'Settled.', meetingRef: null } },
        child,
        show,
        others: [],
        advice: null,
        audience: null,
        meetings: [],
        canConvene: false,
        canClose: false,
        now: NOW,
      }),
    ],
    ['alerts list', alertsListCard([{ alert, show }], NOW)],
    ['convene form', meetingFormCard({ proposal: proposal(), show, errors: { date: 'Too early.', type: 'Odd.' } })],
    [
      'meeting, outcome recorded',
      meetingCard({
        meeting,
        child,
        show,
        isOrganiser: !inChannel,
        canRecord: false,
        canRequestMove: true,
        notOnTeams: [{ label: 'Foster carer(s)', name: 'Alex Carer', email: 'alex.carer@example.org' }],
        icsUrl: inChannel ? null : 'https://bot/x.ics',
        tasks: [task],
        reminders: ['Tell them.'],
      }),
    ],
    [
      'meeting, outcome form',
      meetingCard({
        meeting: { ...meeting, state: 'scheduled', outcome: null, removed: [] },
        child,
        show,
        isOrganiser: false,
        canRecord: true,
        canRequestMove: false,
        notOnTeams: [],
        icsUrl: null,
        tasks: [],
        reminders: [],
        fieldErrors: { reviewDate: 'Book the review.' },
      }),
    ],
    [
      'meetings list',
      meetingsListCard({ upcoming: [meeting], outcomeToRecord: [meeting], reviewsDue: [{ meeting, reviewDate: '2026-12-17' }] }, () =>
        showName ? 'case CR-1001 (Jamie Example)' : 'case CR-1001',
      ),
    ],
  ];

  test.each(cards)('%s: version 1.5 and nothing left unexpanded', (_name, card) => expectClean(card));

  if (inChannel) {
    test.each(cards)("%s: neither the child's nor the carer's name", (_name, card) => {
      expect(JSON.stringify(card)).not.toMatch(/Jamie|Alex Carer/);
    });
    test.each(cards)('%s: nothing a worker typed (description, reasons, outcome)', (_name, card) => {
      expect(JSON.stringify(card)).not.toMatch(/evenings very hard|Asked to join after|Planned ending agreed\.|Settled\./);
    });
  } else {
    test("the child's name is shown where allowed", () => {
      expect(JSON.stringify(cards[1][1])).toContain('CR-1001 (Jamie Example)');
    });
  }
});

test("the outcome form's action rows become the list the outcome schema reads; empty rows are dropped", () => {
  expect(
    outcomeFromCard({
      ref: 'MT-1',
      decision: 'continue-with-support',
      summary: 'x',
      action1What: 'Call school',
      action1Owner: 'a@b.org',
      action1Due: '2026-12-01',
      action2What: '',
      action3Owner: 'c@d.org',
    }),
  ).toEqual({
    decision: 'continue-with-support',
    summary: 'x',
    actions: [
      { what: 'Call school', ownerEmail: 'a@b.org', dueDate: '2026-12-01' },
      { what: '', ownerEmail: 'c@d.org', dueDate: '' },
    ],
  });
});

// The placement checklist card (PLAN-3, PLAN-4): the reasons are free text, so a shared conversation
// shows each item's state and the counts only, with nothing to fill in.
import type { TaskDoc } from '../../src/store/records';
import { disclosureFor } from '../../src/teams/disclosure';
import { placementChecklistCard } from '../../src/teams/planCards';
import { cardActions, cardText } from '../support/cardContent';
import { inputIds } from '../support/receivedCards';

const task: TaskDoc = {
  _id: 'PM-2026-0001:placement-plan',
  version: 2,
  caseRef: 'CR-1001',
  team: 'North',
  sourceRef: 'PM-2026-0001',
  kind: 'placement-plan',
  title: 'Finalise the placement plan at the planning meeting',
  ruleIds: ['PLAN-1'],
  owner: 'sam.social@example.org',
  dueDate: '2026-12-07',
  state: 'open',
  createdAt: '2026-11-23T10:00:00Z',
  doneAt: null,
  doneBy: null,
  checklist: {
    visits: { state: 'done', reason: null, by: 'sam.social@example.org', at: '2026-11-24T10:00:00Z' },
    overnight: { state: 'not-possible', reason: 'The carers were away on holiday until the move.', by: 'sam.social@example.org', at: '2026-11-24T10:00:00Z' },
  },
};
const child = {
  caseRef: 'CR-1001',
  name: 'Jamie Example',
  dateOfBirth: '2012-04-17',
  team: 'North',
  legalStatus: 'C2',
  placementType: 'U4',
  placementProvider: 'PR1',
  placementStart: '2025-09-01',
  carerName: 'Alex Carer',
  carerEmail: null,
  socialWorker: 'sam.social@example.org',
  supervisingSocialWorker: null,
  iro: null,
};
const sam = { id: 'sam.social@example.org', email: 'sam.social@example.org', name: 'Sam Social', aadObjectId: null, roles: ['social_worker' as const], teams: ['North'] };

describe('PLAN-3 and PLAN-4: the checklist card shows the reasons only in a personal chat', () => {
  test('in the owner\u2019s own chat: the child\u2019s name, the reasons, an input per item, and the rule in words with the ids in a small "why" line', () => {
    const card = placementChecklistCard({ task, show: disclosureFor({ person: sam, shared: false }, child) });
    const text = cardText(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain('Placement checklist for CR-1001 (Jamie Example)');
    expect(text).toContain('Not possible: The carers were away on holiday until the move.');
    expect(text).toContain('1 done, 1 not possible, 9 still to do (of 11).');
    expect(text).toMatch(/Why: .*\(PLAN-3, PLAN-4\)/);
    expect(inputIds(card)).toContain('reason_overnight');
    expect([...cardActions(card).keys()]).toEqual(['Save the checklist', 'The plan is agreed: mark it done', 'My tasks']);
  });

  test('in a shared conversation: case reference, states and counts only; nothing to fill in', () => {
    const card = placementChecklistCard({ task, show: disclosureFor({ person: sam, shared: true }, child) });
    const text = cardText(card);
    expect(text).toContain('Placement checklist for CR-1001');
    expect(text).not.toContain('Jamie');
    expect(text).not.toContain('holiday');
    expect(text).toContain('Not possible');
    expect(inputIds(card).size).toBe(0);
    expect([...cardActions(card).keys()]).toEqual(['My tasks']);
  });
});

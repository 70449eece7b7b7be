// The alert card: the child's voice only where the reader may see the child's details, and the
// panel rows (FRAG-6, FRAG-7) with their buttons only for those who refer.
import { suggestNextSteps } from '../../src/domain/alerts';
import type { FragilityAlertDoc } from '../../src/store/records';
import { sortUrgentThenNewest } from '../../src/services/alerts';
import { ago, alertCard, alertsListCard } from '../../src/teams/alertCards';
import { fragilityAlert, inHouseFoster, sam } from '../domain/meetingFixtures';
import { disclosureFor } from '../../src/teams/disclosure';

const NOW = new Date('2026-11-23T10:00:00Z');
const child = { ...inHouseFoster, name: 'Jamie Example' };
const alert: FragilityAlertDoc = fragilityAlert(NOW, {
  essentialServiceUnavailable: false,
  costedExternalServiceNeeded: true,
  childVoice: { said: 'I like it here but the evenings are loud.', notAskedBecause: null, advocateOffered: true },
});
const advice = suggestNextSteps({
  triggers: alert.triggers,
  immediateRisk: false,
  supportAlreadyTried: false,
  openAlertsOnChild: 0,
  priorMeetings: [],
  placementType: 'U4',
  placementProvider: 'PR1',
  costedExternalServiceNeeded: true,
});
const card = (personal: boolean, canReferToPanel: boolean, a: FragilityAlertDoc = alert) =>
  alertCard({
    alert: a,
    child,
    show: disclosureFor({ person: sam, shared: !personal }, child),
    others: [],
    advice,
    audience: null,
    meetings: [],
    canConvene: false,
    canClose: false,
    now: NOW,
    suggestedPanels: ['commissioning-panel'],
    canReferToPanel,
  });
const text = (c: unknown) => JSON.stringify(c);

describe('the child\u2019s voice on the alert card', () => {
  test('child\u2019s voice: shown in personal chat to someone entitled to the child\u2019s details', () => {
    expect(text(card(true, false))).toContain('The child said: I like it here but the evenings are loud.');
    expect(text(card(true, false))).toContain('An advocate was offered.');
  });
  test('child\u2019s voice: never on a card in a shared conversation (free text)', () => {
    expect(text(card(false, false))).not.toContain('evenings are loud');
  });
});

describe('FRAG-7: the Commissioning Panel on the alert card', () => {
  test('FRAG-7: suggested, with the button for those who refer', () => {
    expect(text(card(true, true))).toContain('"verb":"alert.panel.refer"');
    expect(text(card(true, true))).toContain('The answers call for the Commissioning Panel');
    expect(text(card(true, false))).not.toContain('alert.panel.refer');
  });
  test('FRAG-7: once referred, the decision is awaited and the form offered; once decided it is shown, without a form', () => {
    const referral = { panel: 'commissioning-panel' as const, referredBy: sam.id, referredByName: sam.name, referredAt: NOW.toISOString(), decision: null };
    const referred = text(card(true, true, { ...alert, panelReferrals: [referral] }));
    expect(referred).toContain('Commissioning Panel: referred Mon, 23 Nov 2026 by Sam Social; decision awaited');
    expect(referred).toContain('"id":"outcome_commissioning-panel"');
    expect(referred).not.toContain('alert.panel.refer"');
    const decision = { outcome: 'not-agreed' as const, decidedOn: '2026-11-23', recordedBy: sam.id, recordedByName: sam.name, recordedAt: NOW.toISOString() };
    const decided = text(card(true, true, { ...alert, panelReferrals: [{ ...referral, decision }] }));
    expect(decided).toContain('not agreed on Mon, 23 Nov 2026');
    expect(decided).not.toContain('outcome_commissioning-panel');
    expect(decided).not.toContain('${');
  });
});

describe('alerts in the order to read them, and ages in plain words', () => {
  test('`alerts` lists urgent ones first, then newest first', () => {
    const a = (ref: string, urgent: boolean, raisedAt: string) => ({ ref, immediateSafeguardingRisk: urgent, raisedAt });
    const sorted = sortUrgentThenNewest([
      a('old', false, '2026-11-01T10:00:00Z'),
      a('new', false, '2026-11-20T10:00:00Z'),
      a('urgent-old', true, '2026-11-02T10:00:00Z'),
      a('urgent-new', true, '2026-11-19T10:00:00Z'),
    ]);
    expect(sorted.map((x) => x.ref)).toEqual(['urgent-new', 'urgent-old', 'new', 'old']);
  });

  test('"raised 0 minutes ago" says "just now"', () => {
    expect(ago(NOW.toISOString(), NOW)).toBe('just now');
    expect(ago(new Date(NOW.getTime() - 30_000).toISOString(), NOW)).toBe('just now');
    expect(ago(new Date(NOW.getTime() - 5 * 60_000).toISOString(), NOW)).toBe('5 minutes ago');
    expect(text(alertsListCard([{ alert, show: disclosureFor({ person: sam, shared: false }, child) }], NOW))).toContain('raised just now by Sam Social');
  });
});

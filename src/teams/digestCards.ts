// The digest card: the measure and its trend, then one section per list, each capped so the card
// stays well under Teams' message size however large the council. Case references only.
import { describeAge, formatDate } from '../domain/dates';
import type { DigestData } from '../services/digest';
import { renderCard, type AdaptiveCard } from './cards';
import { plainText } from './plainText';

/** Lines per section before "and N more". */
export const MAX_LINES = 15;

function section(heading: string, lines: string[], empty: string, color = 'Default') {
  return { heading: `${heading} (${lines.length})`, lines: lines.slice(0, MAX_LINES), more: Math.max(0, lines.length - MAX_LINES), empty, color };
}

/** A one-line text chart of the trend, for clients without chart elements. */
function trendText(trend: Array<{ at: string; percent: number }>): string {
  const bars = '▁▂▃▄▅▆▇█';
  const max = Math.max(1, ...trend.map((t) => t.percent));
  const spark = trend.map((t) => bars[Math.min(bars.length - 1, Math.round((t.percent / max) * (bars.length - 1)))]).join('');
  const first = trend[0];
  const last = trend[trend.length - 1];
  return `${spark}  ${first.at.slice(0, 7)} ${first.percent}% -> ${last.at.slice(0, 7)} ${last.percent}%`;
}

export function digestCard(digest: DigestData, now: Date): AdaptiveCard {
  const teams = digest.teams.includes('*') ? 'all teams' : digest.teams.join(', ');
  const measure = digest.measure;
  return renderCard('digest', {
    title: `Placement stability: ${teams}`,
    subtitle: `Digest for ${formatDate(digest.date)}`,
    measure: measure
      ? {
          headline: `${measure.percent}% of looked-after children have had 3 or more moves in the last 12 months (${measure.count} of ${measure.lookedAfter}).`,
          detail: `National measure, year ending 31 March ${measure.nationalYear}: ${measure.nationalPercent}%.`,
          hasTrend: measure.trend.length > 1,
          trend: measure.trend.map((t) => ({ label: t.at.slice(0, 7), percent: t.percent })),
          trendText: measure.trend.length > 1 ? trendText(measure.trend) : '',
        }
      : { headline: 'No placement history yet: import the SSDA903 episodes (psb episodes import).', detail: '', hasTrend: false, trend: [], trendText: '' },
    sections: [
      section('Children at risk: 2 moves in 12 months, one more would count', digest.atRisk, 'None.', 'Warning'),
      section(
        'Waiting for a decision, oldest first',
        digest.pendingApprovals.map((p) => `${p.ref} · ${p.caseRef}${p.urgent ? ' · URGENT' : ''} · ${p.state.toLowerCase()} · ${describeAge(p.requestedAt, now)}`),
        'None.',
        digest.pendingApprovals.some((p) => p.urgent) ? 'Attention' : 'Default',
      ),
      section(
        'Waiting past the target for a decision',
        digest.pastTarget.map((p) => `${p.ref} · ${p.caseRef}${p.urgent ? ' · URGENT' : ''} · waiting ${describeAge(p.requestedAt, now)}`),
        'None.',
        digest.pastTarget.length > 0 ? 'Attention' : 'Default',
      ),
      section(
        'Decisions since the last digest',
        digest.decisionsSince.map((x) => `${x.ref} · ${x.caseRef} · ${x.outcome} by ${plainText(x.byName)}`),
        'None.',
      ),
      section(
        'Open fragility alerts',
        digest.openAlerts.map(
          (a) => `${a.ref} · ${a.caseRef}${a.urgent ? ' · URGENT' : ''} · ${a.summary} · ${describeAge(a.raisedAt, now)}${(a.panels ?? []).map((p) => ` · ${p}`).join('')}`,
        ),
        'None.',
      ),
      section(
        'Meetings and reviews in the next 7 days',
        digest.upcomingMeetings.map((x) => `${formatDate(x.date)} · ${x.type} · ${x.caseRef} · ${x.ref}`),
        'None.',
      ),
      section(
        'Placement plans overdue (agreed or revised late)',
        (digest.plansOverdue ?? []).map((plan) => `${plan.caseRef} · ${plan.what} · was due ${formatDate(plan.dueDate)}`),
        'None.',
        digest.plansOverdue?.length ? 'Attention' : 'Default',
      ),
      section(
        'Learning from disruptions in the last 12 months (what helped, what did not, what to change): read it with "disruptions" in your own chat',
        (digest.disruptionLearning ?? []).map((x) => `${x.ref} · ${x.caseRef} · held ${formatDate(x.date)}`),
        'No Disruption Meeting has recorded its learning.',
      ),
      section(
        'Overdue follow-up tasks',
        digest.overdueTasks.map((t) => `${t.caseRef} · ${plainText(t.title)} · ${plainText(t.ownerName)} · was due ${formatDate(t.dueDate)}`),
        'None.',
        digest.overdueTasks.length ? 'Attention' : 'Default',
      ),
      section(
        'Moves whose coding needs attention: a move is coded with its true reason',
        digest.codingToFix.map((c) => `${c.caseRef} · ${c.title}`),
        'None.',
      ),
      section(
        'Messages not delivered',
        (digest.undelivered ?? []).map((u) => `${u.ref} · ${u.what} to ${u.to} · ${u.why}`),
        'None.',
        digest.undelivered?.length ? 'Attention' : 'Default',
      ),
    ],
  });
}

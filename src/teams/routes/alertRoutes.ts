// Fragility alerts in chat: "raise a concern" (the form), the alert card with its next steps,
// closing an alert (team manager), and "alerts" (the open ones in the user's teams).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Person } from '../../domain/people';
import { alertChildrenFor, closeAlert, openAlert, openAlertsFor, raiseAlert, recordPanelDecision, referToPanel } from '../../services/alerts';
import { ConflictError, InvalidInputError } from '../../services/errors';
import { StoreUnavailableError } from '../../store/collection';
import { alertFormCard, alertsListCard } from '../alertCards';
import { noticeCard } from '../cards';
import { disclosureFor } from '../disclosure';
import { readerOf } from '../identity';
import { defineChatCommand, permitted } from '../chatCommand';
import type { ServiceContext } from '../../services/context';
import { renderAlertCard } from '../placementCardRenderer';
import { NOTHING_SAVED, type Turns } from '../turns';

/** Card data is untrusted: only a short reference string is taken from it. */
const refData = z.object({ ref: z.string().min(1).max(40) }).passthrough();

export const RAISE_CONCERN = /^(raise (a |an )?(concern|alert)|fragility alert|new alert)\b/i;
export const ALERTS = /^(open )?alerts\b/i;

async function alertForm(ctx: ServiceContext, context: TurnContext, person: Person, values?: unknown, errors?: Record<string, string>, summary?: string) {
  const children = await alertChildrenFor(ctx, person);
  if (children.length === 0) {
    return noticeCard(
      'No children to raise a concern about',
      'You are not linked to any child on the bot (as their social worker, supervising social worker, IRO or team manager). Tell your line manager about the concern.',
    );
  }
  return alertFormCard({ children, now: ctx.now(), shared: readerOf(context, person).shared, values, errors, summary });
}

async function alertsList(ctx: ServiceContext, context: TurnContext, person: Person) {
  const reader = readerOf(context, person);
  const rows = (await openAlertsFor(ctx, person)).map(({ alert, child }) => ({ alert, show: disclosureFor(reader, child) }));
  return alertsListCard(rows, ctx.now());
}

export const ALERT_COMMANDS = [
  defineChatCommand({
    name: 'raise a concern',
    pattern: RAISE_CONCERN,
    usableBy: [permitted('raise a fragility alert', ({ children }) => children.map((child) => ({ child })))],
    help: 'A placement is wobbling: tell the people around the child',
    example: 'raise a concern',
    menu: ['personal'],
    button: { verb: 'alert.form', title: 'Raise a concern' },
    handle: ({ ctx, context, person }) => alertForm(ctx, context, person),
  }),
  defineChatCommand({
    name: 'alerts',
    pattern: ALERTS,
    // Those who see others' alerts on their children, and those who raise their own.
    usableBy: [
      permitted('see an alert', ({ children }) => children.map((child) => ({ alert: { ref: 'FA-OWN-WORK', team: child.team, raisedBy: '' }, child }))),
      permitted('raise a fragility alert', ({ children }) => children.map((child) => ({ child }))),
    ],
    help: 'The open fragility alerts in your teams, urgent first, with their next steps',
    example: 'alerts',
    menu: ['personal'],
    handle: ({ ctx, context, person }) => alertsList(ctx, context, person),
  }),
];

export function registerAlertRoutes(app: Application<TurnState>, { ctx, verb }: Turns): void {
  app.adaptiveCards.actionExecute(
    'alert.form',
    verb((context, person) => alertForm(ctx, context, person)),
  );
  app.adaptiveCards.actionExecute(
    'alerts.show',
    verb((context, person) => alertsList(ctx, context, person)),
  );

  app.adaptiveCards.actionExecute(
    'alert.submit',
    verb(async (context, person, data) => {
      try {
        // The form's message identifies the press: pressed twice, it is raised once.
        const alert = await raiseAlert(ctx, person, data, context.activity.replyToId);
        const text = `Raised as ${alert.ref}${alert.immediateSafeguardingRisk ? ' and marked URGENT' : ''}. The people below have been told.`;
        return renderAlertCard(ctx, alert, readerOf(context, person), { notice: { text, style: 'good' } });
      } catch (err) {
        if (err instanceof InvalidInputError) return alertForm(ctx, context, person, data, err.fields);
        if (err instanceof StoreUnavailableError) return alertForm(ctx, context, person, data, {}, NOTHING_SAVED);
        throw err;
      }
    }),
  );

  app.adaptiveCards.actionExecute(
    'alert.show',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Not found', 'This card is out of date. Say "alerts" for the open alerts.');
      // In a shared conversation this is the redacted card, saying where the full one is.
      const alert = await openAlert(ctx, person, parsed.data.ref);
      return renderAlertCard(ctx, alert, readerOf(context, person));
    }),
  );

  app.adaptiveCards.actionExecute(
    'alert.close',
    verb(async (context, person, data) => {
      const parsed = refData.safeParse(data);
      if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date. Say "alerts" for the open alerts.');
      const reader = readerOf(context, person);
      try {
        const closed = await closeAlert(ctx, person, parsed.data.ref, data);
        return renderAlertCard(ctx, closed, reader, { notice: { text: 'The alert is closed; the person who raised it and the social worker have been told.', style: 'good' } });
      } catch (err) {
        // A refusal (NotPermittedError) goes on to turns.refusalCard: it shows nothing of the alert.
        if (err instanceof InvalidInputError)
          return renderAlertCard(ctx, await openAlert(ctx, person, parsed.data.ref), reader, {
            notice: { text: 'Nothing changed: please check your answer.', style: 'attention' },
            fieldErrors: err.fields,
          });
        if (err instanceof ConflictError) return renderAlertCard(ctx, await openAlert(ctx, person, parsed.data.ref), reader, { notice: { text: err.message, style: 'warning' } });
        throw err;
      }
    }),
  );

  /**
   * Panel referrals (FRAG-6, FRAG-7): refer from the alert card, then record the decision back.
   * The card's inputs are named per panel (outcome_<panel>, decidedOn_<panel>) so that two
   * referrals on one card do not share inputs; the service validates what is taken from them.
   */
  const panelAction = (verbName: string, act: (person: Person, ref: string, data: Record<string, unknown>) => Promise<unknown>, done: string) =>
    app.adaptiveCards.actionExecute(
      verbName,
      verb(async (context, person, data) => {
        const parsed = refData.safeParse(data);
        if (!parsed.success) return noticeCard('Nothing changed', 'This card is out of date. Say "alerts" for the open alerts.');
        const reader = readerOf(context, person);
        if (reader.shared) return noticeCard('Nothing changed', 'Refer to a panel or record its decision in your personal chat with the bot.');
        try {
          const after = await act(person, parsed.data.ref, parsed.data);
          return renderAlertCard(ctx, after as Awaited<ReturnType<typeof openAlert>>, reader, { notice: { text: done, style: 'good' } });
        } catch (err) {
          // A refusal (NotPermittedError) goes on to turns.refusalCard: it shows nothing of the alert.
          if (err instanceof InvalidInputError)
            return renderAlertCard(ctx, await openAlert(ctx, person, parsed.data.ref), reader, {
              notice: { text: 'Nothing changed: please check your answers.', style: 'attention' },
              fieldErrors: err.fields,
            });
          if (err instanceof ConflictError) return renderAlertCard(ctx, await openAlert(ctx, person, parsed.data.ref), reader, { notice: { text: err.message, style: 'warning' } });
          if (err instanceof StoreUnavailableError)
            return renderAlertCard(ctx, await openAlert(ctx, person, parsed.data.ref), reader, { notice: { text: NOTHING_SAVED, style: 'attention' } });
          throw err;
        }
      }),
    );

  panelAction(
    'alert.panel.refer',
    (person, ref, data) => referToPanel(ctx, person, ref, { panel: data.panel }),
    'Referred. The social worker has a task to present the case and record the panel\u2019s decision here.',
  );
  panelAction(
    'alert.panel.decision',
    (person, ref, data) => {
      const panel = typeof data.panel === 'string' ? data.panel.slice(0, 40) : '';
      return recordPanelDecision(ctx, person, ref, { panel: data.panel, outcome: data[`outcome_${panel}`], decidedOn: data[`decidedOn_${panel}`] });
    },
    'The panel\u2019s decision is recorded; the person who raised the alert has been told.',
  );
}

// Builds the card for a move request as a given reader should see it, from the stored state.
// Used both to answer a button press and by the outbox renderer when it posts or updates a copy. The
// buttons are the ones the reader may press now; the services check again on every press.
import { isDecided, WITHDRAWABLE, type FieldErrors } from '../domain/moves';
import { may } from '../domain/permissions';
import type { ServiceContext } from '../services/context';
import { coverNoteFor, mayDecideMove } from '../services/cover';
import { toChild } from '../services/people';
import type { MoveRequestDoc } from '../store/records';
import { moveRequestCard, type AdaptiveCard, type MoveCardAbilities, type MoveCardView, type MoveCardOptions } from './cards';
import { disclosureFor, type Reader } from './disclosure';

export type { MoveCardView };

export async function renderMoveCard(
  ctx: ServiceContext,
  request: MoveRequestDoc,
  view: MoveCardView,
  reader: Reader,
  extras: { notice?: MoveCardOptions['notice']; fieldErrors?: FieldErrors } = {},
): Promise<AdaptiveCard> {
  const childDoc = await ctx.records.children.get(request.caseRef);
  const child = childDoc ? toChild(childDoc) : null;
  const person = reader.person;
  const buttons = view !== 'observer';
  // An approver's copy with no particular reader (the approvals channel's) offers the decision and the
  // press is checked then; for someone who may not decide it (e.g. who asked for the move), no buttons.
  const decide = buttons && view === 'approver' && !isDecided(request) && (!person || (await mayDecideMove(ctx, person, request, child)));
  // Working on a request (answer, confirm, withdraw) happens in one's own chat with the bot.
  const worker = buttons && !reader.shared ? person : null;
  const subject = { request, child };
  const abilities: MoveCardAbilities = {
    decide,
    answer: request.state === 'info_requested' && may(worker, "answer the approver's question", subject),
    confirm: request.state === 'approved' && may(worker, 'confirm the move happened', subject),
    withdraw: WITHDRAWABLE.includes(request.state) && may(worker, 'withdraw a move request', subject),
  };
  // Follow-up tasks exist only once a move is approved: before that there is nothing to look up. They
  // are shown to those who work on the request (not, say, a Head of Service who may only withdraw it).
  const showsTasks =
    (view === 'requester' || view === 'info-request') && request.decision?.outcome === 'approved' && (!person || may(person, 'confirm the move happened', subject));
  const tasks = showsTasks ? await ctx.records.tasks.find({ sourceRef: request.ref }, { sort: { dueDate: 1 } }) : [];
  return moveRequestCard({
    request,
    child,
    view: view === 'approver' && !decide && !isDecided(request) ? 'observer' : view,
    show: disclosureFor(reader, child),
    tasks,
    notice: extras.notice,
    fieldErrors: extras.fieldErrors,
    now: ctx.now(),
    may: abilities,
    coverNote: isDecided(request) ? undefined : await coverNoteFor(ctx, request.team),
  });
}

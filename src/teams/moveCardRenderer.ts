// Builds the card for a move request as a given reader should see it, from the stored state.
// Used both to answer a button press and by the sender when it posts or updates a copy.
import type { FieldErrors } from '../domain/moves';
import { may } from '../domain/permissions';
import type { ServiceContext } from '../services/context';
import { toChild } from '../services/people';
import type { MoveRequestDoc } from '../store/records';
import { moveRequestCard, type AdaptiveCard, type MoveCardView, type MoveCardOptions } from './cards';
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
  // Follow-up tasks exist only once a move is approved: before that there is nothing to look up.
  const tasks = view === 'requester' && request.decision?.outcome === 'approved' ? await ctx.records.tasks.find({ requestRef: request.ref }, { sort: { dueDate: 1 } }) : [];
  // An approver's copy for someone who may not decide it (a Head of Service who asked for the move) has no buttons.
  const mayDecide = !reader.person || may(reader.person, 'decide a move', { request, child });
  return moveRequestCard({
    request,
    child,
    view: view === 'approver' && !mayDecide ? 'observer' : view,
    show: disclosureFor(reader, child),
    tasks,
    notice: extras.notice,
    fieldErrors: extras.fieldErrors,
    now: ctx.now(),
  });
}

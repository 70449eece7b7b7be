// The claims that keep a record from being created twice (src/services/claims.ts), on every
// storage backend: the child's one open move request is released when the request closes, and a
// claim left behind by a press that failed half-way does not block the child for ever.
import type { ServiceContext } from '../../src/services/context';
import { claimOpenMove, UNFINISHED_CLAIM_MS } from '../../src/services/claims';
import { ConflictError } from '../../src/services/errors';
import { confirmMove, decideMove, requestMove, withdrawMove } from '../../src/services/moves';
import { identify } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';
import { loadExamplePeople, validMoveForm } from '../support/fixtures';

const NOW = new Date('2026-11-23T10:00:00Z');
const form = (overrides: Record<string, string> = {}) => validMoveForm({ proposedDate: '2026-12-07', ...overrides });

describeOnEveryBackend('one open move request per child', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = NOW;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = NOW;
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await loadExamplePeople(ctx);
  });
  afterEach(() => store.close());

  test('the claim is released when the request is declined, withdrawn or completed, and a new request may then be made', async () => {
    const sam = await person('sam.social@example.org');
    const hana = await person('hana.head@example.org');
    const first = await requestMove(ctx, sam, form());
    await expect(requestMove(ctx, sam, form())).rejects.toThrow(ConflictError);
    await decideMove(ctx, hana, first.ref, { outcome: 'declined', comment: 'Support first.' });
    expect(await ctx.records.claims.get('open-move:CR-1001')).toBeNull();

    const second = await requestMove(ctx, sam, form());
    expect((await ctx.records.claims.get('open-move:CR-1001'))!.ref).toBe(second.ref);
    await withdrawMove(ctx, sam, second.ref, { reason: 'The carer agreed to carry on.' });
    expect(await ctx.records.claims.get('open-move:CR-1001')).toBeNull();

    const third = await requestMove(ctx, sam, form());
    await decideMove(ctx, hana, third.ref, { outcome: 'approved' });
    expect((await ctx.records.claims.get('open-move:CR-1001'))!.ref).toBe(third.ref); // approved is still open
    await confirmMove(ctx, sam, third.ref, { moveDate: '2026-11-23', placementType: 'U4' });
    expect(await ctx.records.claims.get('open-move:CR-1001')).toBeNull();
  });

  test('a claim whose request closed without releasing it (a crash in between) is taken over', async () => {
    const sam = await person('sam.social@example.org');
    const first = await requestMove(ctx, sam, form());
    await withdrawMove(ctx, sam, first.ref, { reason: 'No longer needed.' });
    // As if the process had stopped after closing the request and before releasing its claim.
    await ctx.records.claims.insert({ _id: 'open-move:CR-1001', version: 1, ref: first.ref, at: now.toISOString() });
    const next = await requestMove(ctx, sam, form());
    expect((await ctx.records.claims.get('open-move:CR-1001'))!.ref).toBe(next.ref);
  });

  test('a claim whose request was never stored blocks the child only while it may still be being made; the same press gets the same reference', async () => {
    const isOpen = async () => null; // the holder's request is not stored
    await ctx.records.claims.insert({ _id: 'open-move:CR-1002', version: 1, ref: 'PM-2026-0900', at: now.toISOString() });
    expect(await claimOpenMove(ctx, 'CR-1002', 'PM-2026-0901', null, isOpen)).toEqual({ held: { ref: 'PM-2026-0900', stored: false } });
    // The twin of the press that claimed it (a double click) is told to use the same reference.
    await ctx.records.claims.put({ _id: 'open-move:CR-1002', version: 1, ref: 'PM-2026-0900', at: now.toISOString(), press: 'press:move:sam:form-1' });
    expect(await claimOpenMove(ctx, 'CR-1002', 'PM-2026-0901', 'press:move:sam:form-1', isOpen)).toEqual({ ref: 'PM-2026-0900' });
    now = new Date(NOW.getTime() + UNFINISHED_CLAIM_MS + 1000);
    expect(await claimOpenMove(ctx, 'CR-1002', 'PM-2026-0901', null, isOpen)).toEqual({ ref: 'PM-2026-0901' });
    expect((await ctx.records.claims.get('open-move:CR-1002'))!.ref).toBe('PM-2026-0901');
  });
});

// Subject access (everything held on a child) and retention (free text removed, audit kept).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { applyRetention, exportChild } from '../../src/services/dataProtection';
import { NotFoundError } from '../../src/services/errors';
import { decideMove, requestMove } from '../../src/services/moves';
import { identify, importChildren, importRoster } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describe('data protection', () => {
  let store: Store;
  let ctx: ServiceContext;
  let now: Date;
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    store = await openEmbeddedStore(mkdtempSync(path.join(tmpdir(), 'psb-dp-')));
    ctx = await serviceContextOn(store, () => now);
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(() => store.close());

  async function declinedRequest() {
    const request = await requestMove(ctx, await person('sam.social@example.org'), {
      caseRef: 'CR-1001', urgency: 'planned', proposedDate: '2026-12-07', reasonCode: 'CREQB', rationale: 'Carer has given notice after repeated incidents.',
      virtualSchoolConsulted: 'yes', virtualSchoolAdvice: 'Same school.', educationDisrupted: 'no', childToldPlan: 'Together on Friday.', childToldAgreed: 'true', followsAllegation: 'no',
    });
    now = new Date(now.getTime() + 60_000); // the decision a minute later, so the audit has an order
    await decideMove(ctx, await person('hana.head@example.org'), request.ref, { outcome: 'declined', comment: 'Try a support package first.' });
    return request.ref;
  }

  test('an export holds the child, their requests, tasks, history and audit, and nothing of another child', async () => {
    const ref = await declinedRequest();
    const exported = await exportChild(ctx, 'CR-1001');
    expect(exported).toMatchObject({ caseRef: 'CR-1001', child: { name: 'Jamie Example' }, moveRequests: [{ ref }] });
    expect((exported.audit as Array<{ action: string }>).map((a) => a.action)).toEqual(expect.arrayContaining(['child.created', 'move.requested', 'move.declined']));
    expect(JSON.stringify(exported)).not.toContain('CR-1002');
    await expect(exportChild(ctx, 'CR-9999')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('retention removes the free text of records closed long enough ago, keeps the audit, and runs once', async () => {
    const ref = await declinedRequest();
    expect(await applyRetention(ctx, 30)).toEqual({ moveRequests: 0, feedback: 0 }); // closed today
    now = new Date('2027-01-10T10:00:00Z');
    expect((await applyRetention(ctx, 30)).moveRequests).toBe(1);
    const redacted = (await ctx.records.moveRequests.get(ref))!;
    expect(redacted.rationale).toBe('[removed after the retention period]');
    expect(redacted.decision).toMatchObject({ outcome: 'declined', byName: 'Hana Head', comment: '[removed after the retention period]' });
    expect(redacted.caseRef).toBe('CR-1001');
    expect((await ctx.records.audit.find({ subject: ref }, { sort: { at: 1 } })).map((a) => a.action)).toEqual(['move.requested', 'move.declined', 'move.free-text-removed']);
    expect((await applyRetention(ctx, 30)).moveRequests).toBe(0);
  });

  test('a retention run that stopped before removing the text leaves it to the next run, with one audit entry', async () => {
    const ref = await declinedRequest();
    now = new Date('2027-01-10T10:00:00Z');
    // The first run wrote its entry and stopped: the removal fails as if the process ended there.
    const records = ctx.records as unknown as Record<string, unknown>;
    const requests = ctx.records.moveRequests;
    records.moveRequests = new Proxy(requests, {
      get: (target, prop, receiver) => (prop === 'updateIfVersion' ? () => Promise.reject(new Error('process stopped')) : Reflect.get(target, prop, receiver)),
    });
    await expect(applyRetention(ctx, 30)).rejects.toThrow('process stopped');
    records.moveRequests = requests;

    expect((await applyRetention(ctx, 30)).moveRequests).toBe(1);
    expect((await ctx.records.moveRequests.get(ref))!.rationale).toBe('[removed after the retention period]');
    expect(await ctx.records.audit.count({ subject: ref, action: 'move.free-text-removed' })).toBe(1);
  });
});

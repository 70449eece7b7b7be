// Placement history in the store, on every storage backend: importing returns (file given last wins,
// later imports win, idempotent, unreadable rows reported), the moves derived from them, the
// reconciliation of moves confirmed in the bot, and the episodes the measures are worked out from.
// Small hand-made returns: the wire test server scans, so the full sample runs in test/cli only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { episodesForMeasures, importEpisodeFiles } from '../../src/services/episodes';
import { stabilityFromStore } from '../../src/services/measures';
import { moveDatesOf } from '../../src/services/moves';
import { importChildren } from '../../src/services/people';
import type { Store } from '../../src/store/collection';
import type { PlacementMoveDoc } from '../../src/store/records';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const HEADER = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

// CR-1001 comes into care, moves on 01/03/2020 and 01/06/2020, then changes legal status only.
// The 2020 return has the 01/03 episode open; the 2021 return closes it (the later file wins).
const RETURN_2020 = {
  name: '2020-episodes.csv',
  text: csv(
    'CR-1001,01/01/2020,S,C2,N1,U4,PR1,01/03/2020,X1,CHILD',
    'CR-1001,01/03/2020,P,C2,N1,U6,PR1,,,',
    'CR-1002,15/02/2020,S,C2,N1,K2,PR4,,,',
    ',01/01/2020,S,C2,N1,U4,PR1,,,', //                 line 5: no CHILD
    'CR-1005,32/01/2020,S,C2,N1,U4,PR1,,,', //         line 6: impossible DECOM
  ),
};
const RETURN_2021 = {
  name: '2021-episodes.csv',
  text: csv(
    'CR-1001,01/03/2020,P,C2,N1,U6,PR1,01/06/2020,X1,ALLEG',
    'CR-1001,01/06/2020,P,C2,N1,K2,PR4,01/09/2020,X1,',
    'CR-1001,01/09/2020,L,C1,N1,K2,PR4,,,',
    'CR-1002,15/02/2020,S,C2,N1,K2,PR4,,,',
    'CR-1005,01/01/2021,S,C2,N1,U4,PR1,,,',
    'CR-1002,01/02/2021,Q,C2,N1,K2,PR4,,,', //         line 7: unknown RNE
  ),
};

const botMove = (caseRef: string, date: string, requestRef: string, placementType = 'U4'): PlacementMoveDoc => ({
  _id: `${caseRef}|${date}`,
  version: 1,
  caseRef,
  date,
  placementType,
  source: 'bot',
  requestRef,
});

describeOnEveryBackend('placement history', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;

  beforeEach(async () => {
    store = await freshStore();
    ctx = await serviceContextOn(store, () => new Date('2021-06-01T09:00:00Z'));
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  test('stores one episode per child and DECOM, the file given last winning; unreadable rows reported as file:line', async () => {
    const report = await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    expect(report).toEqual({
      rowsRead: 8,
      created: 6,
      updated: 0,
      unchanged: 0,
      problems: [
        '2020-episodes.csv:5: no CHILD',
        '2020-episodes.csv:6: DECOM "32/01/2020" is not a valid date (dd/mm/yyyy)',
        '2021-episodes.csv:7: unknown RNE "Q" (expected S, L, P, T, B or U)',
      ],
      moves: { added: 2, removed: 0, reconciled: 0 },
    });
    // One history per child, its episodes in DECOM order.
    const histories = await ctx.records.histories.find({}, { sort: { _id: 1 } });
    expect(histories.map((h) => [h._id, h.episodes.map((e) => e.decom)])).toEqual([
      ['CR-1001', ['2020-01-01', '2020-03-01', '2020-06-01', '2020-09-01']],
      ['CR-1002', ['2020-02-15']],
      ['CR-1005', ['2021-01-01']],
    ]);
    const closed = histories[0].episodes[1];
    expect(closed).toMatchObject({ decom: '2020-03-01', dec: '2020-06-01', reasonPlaceChange: 'ALLEG', source: { file: '2021-episodes.csv', line: 2 } });
  });

  test('importing the same files again changes nothing', async () => {
    await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    const before = await ctx.records.histories.find({}, { sort: { _id: 1 } });
    const again = await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6, moves: { added: 0, removed: 0, reconciled: 0 } });
    expect(await ctx.records.histories.find({}, { sort: { _id: 1 } })).toEqual(before);
    expect(await moveDatesOf(ctx, 'CR-1001')).toEqual(['2020-03-01', '2020-06-01']);
  });

  test('a later import wins over what is stored, and a move a corrected return no longer has is removed', async () => {
    await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    // The 01/06/2020 episode was a change of legal status, not a move: the council corrects RNE P to L.
    const corrected = { name: '2021-episodes-resubmitted.csv', text: csv('CR-1001,01/06/2020,L,C2,N1,U6,PR1,01/09/2020,X1,') };
    const report = await importEpisodeFiles(ctx, [corrected]);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, moves: { added: 0, removed: 1, reconciled: 0 } });
    const history = await ctx.records.histories.get('CR-1001');
    expect(history).toMatchObject({ version: 2 });
    expect(history!.episodes.find((e) => e.decom === '2020-06-01')).toMatchObject({ rne: 'L', source: { file: '2021-episodes-resubmitted.csv', line: 2 } });
    expect(await moveDatesOf(ctx, 'CR-1001')).toEqual(['2020-03-01']);
  });

  test('moves are derived from the whole stored history (rule 3): P and B moves, not an entry to care or a legal change; none is stored', async () => {
    await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    expect(await moveDatesOf(ctx, 'CR-1001')).toEqual(['2020-03-01', '2020-06-01']);
    expect(await moveDatesOf(ctx, 'CR-1002')).toEqual([]);
    expect(await ctx.records.placementMoves.count({})).toBe(0); // only moves confirmed in the bot are stored
  });

  test('a return that adds to a child stored by an earlier return keeps both years, and counts the move it completes', async () => {
    await importEpisodeFiles(ctx, [{ name: '2020-episodes.csv', text: csv('CR-1002,15/02/2020,S,C2,N1,K2,PR4,,,') }]);
    const report = await importEpisodeFiles(ctx, [
      { name: '2021-episodes.csv', text: csv('CR-1002,15/02/2020,S,C2,N1,K2,PR4,01/02/2021,X1,CARPL', 'CR-1002,01/02/2021,P,C2,N1,U4,PR1,,,') },
    ]);
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0, moves: { added: 1, removed: 0, reconciled: 0 } });
    expect((await ctx.records.histories.get('CR-1002'))!.episodes.map((e) => [e.decom, e.dec])).toEqual([
      ['2020-02-15', '2021-02-01'],
      ['2021-02-01', null],
    ]);
    expect(await moveDatesOf(ctx, 'CR-1002')).toEqual(['2021-02-01']);
  });

  test('two imports of overlapping returns at once lose nothing: each child history holds every episode once', async () => {
    const a = { name: 'a.csv', text: csv('CR-1001,01/01/2020,S,C2,N1,U4,PR1,01/03/2020,X1,CHILD', 'CR-1002,15/02/2020,S,C2,N1,K2,PR4,,,') };
    const b = { name: 'b.csv', text: csv('CR-1001,01/03/2020,P,C2,N1,U6,PR1,,,', 'CR-1002,15/02/2020,S,C2,N1,K2,PR4,,,') };
    const [first, second] = await Promise.all([importEpisodeFiles(ctx, [a]), importEpisodeFiles(ctx, [b])]);
    expect(first.created + second.created).toBe(3);
    expect(first.unchanged + second.unchanged).toBe(1); // CR-1002's one episode, stored by whichever came first
    expect((await ctx.records.histories.get('CR-1001'))!.episodes.map((e) => e.decom)).toEqual(['2020-01-01', '2020-03-01']);
    expect((await ctx.records.histories.get('CR-1002'))!.episodes).toHaveLength(1);
  });

  test('a move confirmed in the bot and contained in the import is one move, kept as the bot recorded it and marked reconciled', async () => {
    await ctx.records.placementMoves.put(botMove('CR-1001', '2020-03-01', 'PM-2020-0001', 'U6'));
    await ctx.records.placementMoves.put(botMove('CR-1002', '2021-05-01', 'PM-2021-0007'));
    const report = await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    expect(report.moves).toEqual({ added: 1, removed: 0, reconciled: 1 });
    expect(await ctx.records.placementMoves.get('CR-1001|2020-03-01')).toMatchObject({ source: 'bot', requestRef: 'PM-2020-0001', reconciledBy: 'import' });
    // after the returns: no import holds it yet
    expect((await ctx.records.placementMoves.get('CR-1002|2021-05-01'))?.reconciledBy).toBeUndefined();
    // the approval card's history counts each move once
    expect(await moveDatesOf(ctx, 'CR-1001')).toEqual(['2020-03-01', '2020-06-01']);
    // a second import does not reconcile it twice
    expect((await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021])).moves).toEqual({ added: 0, removed: 0, reconciled: 0 });
  });

  test('the import is audited once, with counts and no child data', async () => {
    await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021], 'cli');
    const entries = await ctx.records.audit.find({ action: 'episodes.imported' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'cli', subject: 'episodes', details: { files: 2, rowsRead: 8, unreadable: 3, created: 6, movesAdded: 2 } });
    expect(JSON.stringify(entries[0])).not.toMatch(/CR-|U6|K2/);
  });

  describe('the episodes the measures count', () => {
    beforeEach(async () => {
      await ctx.records.placementMoves.put(botMove('CR-1001', '2020-03-01', 'PM-2020-0001', 'U6')); // in the import
      await ctx.records.placementMoves.put(botMove('CR-1001', '2020-07-15', 'PM-2020-0004')); //         the returns cover that date without it
      await ctx.records.placementMoves.put(botMove('CR-1002', '2021-04-01', 'PM-2021-0003', 'U5')); //    after the returns
      await ctx.records.placementMoves.put(botMove('CR-1002', '2021-05-01', 'PM-2021-0007', 'U6')); //    after the returns
      await importEpisodeFiles(ctx, [RETURN_2020, RETURN_2021]);
    });

    test('are the stored episodes plus a placement change for each bot move no return holds yet', async () => {
      const episodes = await episodesForMeasures(ctx);
      const cr1002 = episodes.filter((e) => e.child === 'CR-1002').map((e) => [e.decom, e.rne, e.place, e.dec, e.ls]);
      expect(cr1002).toEqual([
        ['2020-02-15', 'S', 'K2', '2021-04-01', 'C2'], // the open episode closed on the move date
        ['2021-04-01', 'P', 'U5', '2021-05-01', 'C2'],
        ['2021-05-01', 'P', 'U6', null, 'C2'],
      ]);
      // CR-1001: the reconciled move is not added again, and the move the returns do not hold is not added
      expect(episodes.filter((e) => e.child === 'CR-1001').map((e) => e.decom)).toEqual(['2020-01-01', '2020-03-01', '2020-06-01', '2020-09-01']);
    });

    test('so the measure counts a move confirmed in the bot before the next return', async () => {
      const report = await stabilityFromStore(ctx, '2021-05-31');
      expect(report.local).toMatchObject({ lookedAfter: 3, count: 0, atRisk: ['CR-1002'] });
    });

    test('for one team: the children whose child record has that team', async () => {
      expect((await stabilityFromStore(ctx, '2021-05-31', { team: 'North' })).local).toMatchObject({ lookedAfter: 2, atRisk: ['CR-1002'] });
      expect((await stabilityFromStore(ctx, '2021-05-31', { team: 'South' })).local).toMatchObject({ lookedAfter: 1, atRisk: [] });
      expect((await stabilityFromStore(ctx, '2021-05-31', { team: 'Nowhere' })).local).toMatchObject({ lookedAfter: 0, percent: 0 });
    });
  });
});

// END-2 on every storage backend: a Disruption Meeting's learning, recorded in structured fields,
// is summarised for managers across disruptions; others are refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import { InvalidInputError, NotPermittedError } from '../../src/services/errors';
import { importEpisodeFiles } from '../../src/services/episodes';
import { buildDigest } from '../../src/services/digest';
import { conveneMeeting, disruptionLearning, proposeMeeting, recordOutcome } from '../../src/services/meetings';
import { digestCard } from '../../src/teams/digestCards';
import { cardText } from '../support/fakeTeams';
import { ukDate } from '../../src/domain/dates';
import { identify, importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';
import type { Store } from '../../src/store/collection';
import { describeOnEveryBackend, serviceContextOn } from '../support/backends';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describeOnEveryBackend('learning from disruptions', (freshStore) => {
  let store: Store;
  let ctx: ServiceContext;
  let now = new Date('2026-11-23T10:00:00Z');
  const person = (email: string) => identify(ctx, undefined, async () => email);

  beforeEach(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    store = await freshStore();
    ctx = await serviceContextOn(store, () => now);
    await importRoster(ctx, readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8'), 'test');
    await importChildren(ctx, readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8'), 'test');
  });
  afterEach(async () => {
    await store.close();
  });

  test('END-2: the learning is recorded in structured fields and summarised for managers across disruptions', async () => {
    const sam = await person('sam.social@example.org');
    const harry = await person('harry.hos@example.org');
    const meeting = await conveneMeeting(ctx, sam, {
      type: 'disruption',
      caseRef: 'CR-1001',
      placementEnded: '2026-10-01',
      date: '2026-11-24',
      time: '10:00',
      durationMinutes: '90',
      chair: 'harry.hos@example.org',
      childAttendance: 'whole',
    });
    now = new Date('2026-11-24T15:00:00Z');
    const base = {
      decision: 'learning-recorded',
      summary: 'Everyone involved met to look back at how the placement ended.',
      attended: 'sam.social@example.org,harry.hos@example.org',
    };
    await expect(recordOutcome(ctx, harry, meeting.ref, base)).rejects.toBeInstanceOf(InvalidInputError);
    await recordOutcome(ctx, harry, meeting.ref, {
      ...base,
      whatHelped: 'Weekly respite and the school link worker.',
      whatDidNotHelp: 'Three changes of social worker in a year.',
      whatToChange: 'Hold the support meeting at the first signs.',
    });

    const tom = await person('tom.manager@example.org');
    expect(await disruptionLearning(ctx, tom, '2025-11-24')).toEqual([
      {
        ref: meeting.ref,
        caseRef: 'CR-1001',
        team: 'North',
        date: '2026-11-24',
        helped: 'Weekly respite and the school link worker.',
        didNotHelp: 'Three changes of social worker in a year.',
        change: 'Hold the support meeting at the first signs.',
      },
    ]);
    expect(await disruptionLearning(ctx, tom, '2026-11-25')).toEqual([]);
    await expect(disruptionLearning(ctx, sam, '2025-11-24')).rejects.toBeInstanceOf(NotPermittedError);
  });

  test("END-2: the managers' digest counts the disruptions whose learning is recorded, by reference only, and says where to read it", async () => {
    const sam = await person('sam.social@example.org');
    const harry = await person('harry.hos@example.org');
    const learning = { helped: 'The school link worker came every week.', didNotHelp: 'Three changes of social worker in a year.', change: 'Meet at the first signs.' };
    const meeting = await conveneMeeting(ctx, sam, {
      type: 'disruption',
      caseRef: 'CR-1001',
      placementEnded: '2026-10-01',
      date: '2026-11-24',
      time: '10:00',
      durationMinutes: '90',
      chair: 'harry.hos@example.org',
      childAttendance: 'whole',
    });
    const digestOf = async (teams: string[]) => digestCard(await buildDigest(ctx, teams, ukDate(now), null), now);
    expect(cardText(await digestOf(['North']))).toContain('No Disruption Meeting has recorded its learning.');

    now = new Date('2026-11-24T15:00:00Z');
    await recordOutcome(ctx, harry, meeting.ref, {
      decision: 'learning-recorded',
      summary: 'Everyone involved met to look back at how the placement ended.',
      attended: 'sam.social@example.org,harry.hos@example.org',
      whatHelped: learning.helped,
      whatDidNotHelp: learning.didNotHelp,
      whatToChange: learning.change,
    });
    const north = cardText(await digestOf(['North']));
    expect(north).toContain('Learning from disruptions in the last 12 months (what helped, what did not, what to change): read it with "disruptions" in your own chat (1)');
    expect(north).toContain(`${meeting.ref} · CR-1001 · held Tue, 24 Nov 2026`);
    // A channel reads the digest: the learning's words stay in the managers' own chats.
    for (const words of Object.values(learning)) expect(north).not.toContain(words);
    expect(cardText(await digestOf(['South']))).toContain('No Disruption Meeting has recorded its learning.');
    // A year on, it has dropped out.
    now = new Date('2027-12-01T10:00:00Z');
    expect(cardText(await digestOf(['North']))).not.toContain(meeting.ref);
  });

  test('END-2: an imported episode that ended with an unplanned reason is offered a Disruption Meeting, once; a planned ending or an old one is not', async () => {
    const csv = (...rows: string[]) => ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE', ...rows].join('\n') + '\n';
    const file = {
      name: '2026-episodes.csv',
      text: csv(
        'CR-1001,01/01/2025,S,C2,N1,U1,PR4,30/09/2026,X1,CREQB', // the carer asked for it to end: unplanned, recent
        'CR-1001,30/09/2026,P,C2,N1,U4,PR1,,,',
        'CR-1002,01/01/2024,S,C2,N1,U4,PR1,01/10/2026,X1,CARPL', // planned
        'CR-1002,01/10/2026,P,C2,N1,K2,PR4,,,',
        'CR-1004,01/01/2023,S,C2,N1,U4,PR1,01/02/2025,X1,ALLEG', // unplanned but long ago
        'CR-1004,01/02/2025,P,C2,N1,U4,PR1,,,',
      ),
    };
    await importEpisodeFiles(ctx, [file]);
    const offers = await ctx.records.outbox.find({ 'content.kind': 'episode-disruption-offer' });
    expect(offers.map((o) => [o._id, o.recipient, o.content])).toEqual([
      [
        'CR-1001:2025-01-01:disruption-offer',
        { kind: 'person', personId: 'sam.social@example.org' },
        { kind: 'episode-disruption-offer', caseRef: 'CR-1001', endedOn: '2026-09-30', placementType: 'U1', placementProvider: 'PR4', reason: 'CREQB' },
      ],
    ]);
    await importEpisodeFiles(ctx, [file]);
    expect(await ctx.records.outbox.count({ 'content.kind': 'episode-disruption-offer' })).toBe(1);

    // The offer's button proposes the meeting about the placement that ended (an IFA placement, U1 from PR4).
    const proposal = await proposeMeeting(ctx, await person('sam.social@example.org'), {
      type: 'disruption',
      caseRef: 'CR-1001',
      placementEnded: '2026-09-30',
      endedPlacementType: 'U1',
      endedPlacementProvider: 'PR4',
    });
    expect(proposal.endedPlacement).toEqual({ placementType: 'U1', placementProvider: 'PR4' });
    expect(proposal.window.earliest).toBe('2026-11-23');
  });
});

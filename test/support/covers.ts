// A cover as the store holds it, written straight into the store: how tests set up covers the bot
// would no longer accept (given before the rule on who may cover, or by the cover's own hand).
import type { CoverDoc } from '../../src/store/records';

export function storedCover(cover: { team: string; coverId: string; coverName: string; setBy: string; from: string; to: string }): CoverDoc {
  return {
    _id: `${cover.team}|${cover.coverId}|${cover.from}`,
    version: 1,
    ...cover,
    forId: null,
    forName: null,
    createdAt: new Date().toISOString(),
    cancelledAt: null,
  };
}

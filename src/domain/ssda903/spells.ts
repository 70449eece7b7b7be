// Placement spells and placement moves, exactly as DOMAIN.md "Counting moves" rules 2 and 3
// define them. A spell is one stay with one carer; its start is either a move or an entry to care.

import { isTemporaryPlacement } from './codes';
import { IsoDate } from './dates';
import { Episode, compareByChildThenStart } from './episodes';

/**
 * How a spell began:
 * - 'move': its first episode has RNE P or B (rule 3);
 * - 'entry': its first episode has RNE S, the child started to be looked after (not a move);
 * - 'continued': the data begins part-way through it — the child's earliest episode is one that
 *   starts no spell (L, T, U, a temporary placement, or a return from one), so the spell began
 *   before the earliest return we were given. Not a move we can see.
 */
export type SpellStart = 'move' | 'entry' | 'continued';

export interface PlacementSpell {
  child: string;
  /** DECOM of the first episode. */
  start: IsoDate;
  /** DEC of the last episode (temporary ones included); null while it is open. */
  end: IsoDate | null;
  startKind: SpellStart;
  /** The spell's episodes, in DECOM order. */
  episodes: Episode[];
}

export interface PlacementMove {
  child: string;
  /** The day the child moved: the DECOM of the first episode of the new spell. */
  date: IsoDate;
  /** The episode that starts the new spell (RNE P or B). */
  episode: Episode;
}

const STARTS_A_SPELL = new Set(['S', 'P', 'B']);

/**
 * Splits one child's episodes into placement spells (rule 2). Order is by DECOM whatever the input
 * order. Pass one child's merged episodes (see mergeEpisodeSets); mixing children is a mistake.
 */
export function placementSpells(episodesOfOneChild: readonly Episode[]): PlacementSpell[] {
  const episodes = [...episodesOfOneChild].sort(compareByChildThenStart);
  if (episodes.some((e) => e.child !== episodes[0].child)) {
    throw new Error('placementSpells expects the episodes of one child only');
  }

  const spells: PlacementSpell[] = [];
  let current: PlacementSpell | null = null;
  let previousWasTemporary = false;

  for (const episode of episodes) {
    const temporary = isTemporaryPlacement(episode.place);
    // Rule 2: S, P or B starts a new spell, except (a) a temporary episode and (b) the return
    // straight after a temporary one, which both belong to the spell from before. L, T and U
    // never start one.
    const startsSpell = STARTS_A_SPELL.has(episode.rne) && !temporary && !previousWasTemporary;

    if (startsSpell || current === null) {
      const startKind: SpellStart = episode.rne === 'S' ? 'entry' : startsSpell ? 'move' : 'continued';
      current = { child: episode.child, start: episode.decom, end: null, startKind, episodes: [] };
      spells.push(current);
    }
    current.episodes.push(episode);
    current.end = episode.dec; // rule 2: the spell ends with the DEC of its last episode
    previousWasTemporary = temporary;
  }
  return spells;
}

/** The placement moves of one child (rule 3): starts of spells whose first episode is RNE P or B. */
export function movesOf(episodesOfOneChild: readonly Episode[]): PlacementMove[] {
  return movesInSpells(placementSpells(episodesOfOneChild));
}

export function movesInSpells(spells: readonly PlacementSpell[]): PlacementMove[] {
  return spells.filter((spell) => spell.startKind === 'move').map((spell) => ({ child: spell.child, date: spell.start, episode: spell.episodes[0] }));
}

// A synthetic local authority for the data-scale bench: looked-after children with SSDA903
// episodes over five collection years, written as the five annual returns (CSV, dd/mm/yyyy) a case
// system would export. Deterministic for a seed. The mix aims at what real returns hold: entries
// (S), placement moves (P, B), same-carer changes (T, U), legal-status-only changes (L), temporary
// placements (T0-T4) with returns, short breaks (V3/V4), re-entries to care, episodes open across a
// year end (blank DEC in that year's file, filled in the next), and a sprinkling of coding mistakes
// and unreadable rows for the coding checks and the import's problem report to find.

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const ukOf = (day: number): string => {
  const iso = isoOf(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
};

interface GenEpisode {
  decom: number;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  dec: number | null;
  rec: string;
  reason: string;
}

export interface GeneratedAuthority {
  /** One return per collection year, oldest first (the order to import them in). */
  files: Array<{ name: string; text: string }>;
  children: string[];
  /** Team of each child, for a children list. */
  teamOf: Map<string, string>;
  teams: string[];
  /** Distinct (CHILD, DECOM) episodes written (the merged history, before unreadable rows). */
  episodes: number;
  /** Data rows over all files (episodes open at a year end appear in two files). */
  rows: number;
  /** Rows written unreadable on purpose (reported by the import, not stored). */
  junkRows: number;
  /** The last day of the data, a good reporting date. */
  lastDay: string;
}

export interface GenerateOptions {
  seed?: number;
  children?: number;
  episodes?: number;
  /** First collection year ending 31 March (five years: this one and the four after it). */
  firstYearEnding?: number;
  years?: number;
  teams?: number;
}

const FOSTER = ['U1', 'U3', 'U4', 'U6', 'U4', 'U6', 'U6', 'U4', 'U6'];
const OTHER_PLACES = ['K2', 'K2', 'K3', 'P1', 'R1', 'A4', 'A6', 'U5', 'H5', 'P2', 'S1', 'R2', 'R5', 'K1'];
const TEMPORARY = ['T0', 'T1', 'T2', 'T3', 'T4'];
const PROVIDERS = ['PR1', 'PR1', 'PR1', 'PR4', 'PR4', 'PR5', 'PR2', 'PR3', 'PR0'];
const LEGAL = ['C2', 'C2', 'C2', 'C1', 'V2', 'V2', 'E1', 'J1', 'L1'];
const CIN_CODES = ['N1', 'N1', 'N1', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'];
const REASONS = ['CARPL', 'CARPL', 'CARPL', 'CARPL', 'CREQB', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'LAREQ', 'STAND', 'ALLEG', 'CLOSE', 'APPRR', 'PLACE', 'CUSTOD'];
const LEAVING = ['E4A', 'E4A', 'E13', 'E41', 'E45', 'E46', 'E11', 'E12', 'E5', 'E6', 'E17', 'E3', 'E8', 'E15', 'E16'];
const PLACEMENT_CHANGE = new Set(['P', 'B', 'T', 'U']);

export function generateAuthority(options: GenerateOptions = {}): GeneratedAuthority {
  const seed = options.seed ?? 903;
  const childCount = options.children ?? 10_000;
  const episodeTarget = options.episodes ?? 100_000;
  const years = options.years ?? 5;
  const firstYearEnding = options.firstYearEnding ?? 2022;
  const teamCount = options.teams ?? 10;
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const chance = (p: number): boolean => rand() < p;
  const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

  const windowStart = dayOf(`${firstYearEnding - 1}-04-01`);
  const windowEnd = dayOf(`${firstYearEnding + years - 1}-03-31`);

  // Episodes per child: skewed (most children have a few, some have many), summing exactly to the target.
  const counts: number[] = [];
  for (let i = 0; i < childCount; i++) counts.push(Math.max(1, Math.round(-Math.log(1 - rand()) * (episodeTarget / childCount - 1)) + 1));
  let excess = counts.reduce((a, b) => a + b, 0) - episodeTarget;
  for (let i = 0; excess !== 0; i = (i + 7919) % childCount) {
    if (excess > 0 && counts[i] > 1) {
      counts[i]--;
      excess--;
    } else if (excess < 0 && counts[i] < 40) {
      counts[i]++;
      excess++;
    }
  }

  const teams = Array.from({ length: teamCount }, (_, i) => `Team ${String.fromCharCode(65 + i)}`);
  const children: string[] = [];
  const teamOf = new Map<string, string>();
  const histories: GenEpisode[][] = [];

  for (let c = 0; c < childCount; c++) {
    const child = `C${String(100000 + c)}`;
    children.push(child);
    teamOf.set(child, teams[c % teamCount]);
    const n = counts[c];
    const kind = rand();
    if (kind < 0.03) histories.push(shortBreaks(n, 'V3'));
    else if (kind < 0.04) histories.push(shortBreaks(n, 'V4'));
    else histories.push(careHistory(n));
  }

  /** Short breaks: each stay of 1-4 days is an episode of its own (V3), or the agreement's stays under V4. */
  function shortBreaks(n: number, ls: string): GenEpisode[] {
    const span = windowEnd - windowStart - 10;
    const gap = Math.max(5, Math.floor(span / n));
    let day = windowStart + between(0, Math.max(0, gap - 5));
    const place = chance(0.5) ? 'U6' : 'K2';
    const result: GenEpisode[] = [];
    for (let i = 0; i < n; i++) {
      const length = between(1, 4);
      const open = i === n - 1 && chance(0.3) && day + length > windowEnd - 30;
      result.push({ decom: day, rne: 'S', ls, cin: 'N2', place, provider: 'PR1', dec: open ? null : day + length, rec: open ? '' : 'E8', reason: '' });
      day += Math.max(length + 1, gap - between(0, 3));
    }
    return result;
  }

  /** One or two periods of care with n episodes in all, every episode overlapping the five years. */
  function careHistory(n: number): GenEpisode[] {
    // Already in care when the first return starts (its first episode began before it), or came in during the years.
    const alreadyInCare = chance(0.4);
    const start = alreadyInCare ? windowStart - between(10, 900) : between(windowStart, windowEnd - Math.min(600, 30 + n * 25));
    const from = Math.max(start, windowStart);
    // Leaves care before the last year end, or is still looked after at it.
    let end: number | null = chance(0.45) ? between(Math.min(windowEnd - 2, from + n * 8), windowEnd - 1) : null;
    if (end !== null && end - from < n * 4) end = null;
    const openUntil = windowEnd - between(0, 60);
    // A second period of care now and then: the child goes home and comes back.
    if (end === null && n >= 6 && chance(0.08)) {
      const first = Math.floor(n / 2);
      const leaveDay = from + Math.floor((openUntil - from) * 0.45);
      const backDay = leaveDay + between(20, 120);
      if (openUntil - backDay > (n - first) * 4 && leaveDay - from > first * 4) {
        return [...onePeriod(first, start, leaveDay, leaveDay, alreadyInCare), ...onePeriod(n - first, backDay, openUntil, null, false)];
      }
    }
    return onePeriod(n, start, end ?? openUntil, end, alreadyInCare);
  }

  /**
   * n episodes from `from` (before the window when `continued`) with the later ones spread up to
   * `to`; the last ends on `end`, or is open when end is null.
   */
  function onePeriod(n: number, from: number, to: number, end: number | null, continued: boolean): GenEpisode[] {
    type Kind = 'first' | 'temp' | 'return' | 'move' | 'legal' | 'both' | 'samecarer' | 'lsplace';
    const kinds: Kind[] = ['first'];
    for (let i = 1; i < n; i++) {
      const prev = kinds[i - 1];
      if (prev === 'temp') kinds.push(chance(0.12) && i < n - 1 ? 'temp' : 'return');
      else {
        const r = rand();
        kinds.push(r < 0.1 && i < n - 1 ? 'temp' : r < 0.55 ? 'move' : r < 0.75 ? 'legal' : r < 0.83 ? 'both' : r < 0.92 ? 'samecarer' : 'lsplace');
      }
    }
    // Temporary placements last days; the other episodes share the rest of the time.
    const lengths = kinds.map((k) => (k === 'temp' ? between(1, 14) : -Math.log(1 - rand()) + 0.2));
    const base = continued ? Math.max(from + 1, windowStart + between(1, 60)) : from;
    const tempDays = kinds.reduce((s, k, i) => s + (k === 'temp' ? lengths[i] : 0), 0);
    const span = Math.max(n * 2, to - base - tempDays);
    const weights = kinds.reduce((s, k, i) => s + (k === 'temp' ? 0 : lengths[i]), 0);
    const starts: number[] = [from];
    let cursor = base;
    for (let i = 0; i < n - 1; i++) {
      cursor += kinds[i] === 'temp' ? lengths[i] : Math.max(1, Math.floor((lengths[i] / weights) * span));
      cursor = Math.max(cursor, starts[i] + 1);
      starts.push(cursor);
    }
    let ls = pick(LEGAL);
    const cin = pick(CIN_CODES);
    let place = chance(0.7) ? pick(FOSTER) : pick(OTHER_PLACES);
    let provider = place === 'P1' ? 'PR0' : pick(PROVIDERS);
    let beforeTemp = place;
    const episodes: GenEpisode[] = [];
    for (let i = 0; i < n; i++) {
      const k = kinds[i];
      let rne: string;
      if (k === 'first') rne = continued ? pick(['S', 'S', 'P', 'L', 'B']) : 'S';
      else if (k === 'temp') {
        if (kinds[i - 1] !== 'temp') beforeTemp = place;
        rne = 'P';
        place = pick(TEMPORARY);
      } else if (k === 'return') {
        rne = 'P';
        // Nearly always back to the placement type before; now and then not (a coding check finds it).
        place = chance(0.95) ? beforeTemp : pick(FOSTER);
      } else if (k === 'move') {
        rne = 'P';
        place = chance(0.7) ? pick(FOSTER) : pick(OTHER_PLACES);
        provider = place === 'P1' ? 'PR0' : pick(PROVIDERS);
      } else if (k === 'legal') {
        rne = 'L';
        ls = ls === 'C1' ? 'C2' : ls === 'V2' ? pick(['C1', 'C2']) : ls === 'C2' ? pick(['E1', 'C2', 'V2']) : pick(LEGAL);
      } else if (k === 'both') {
        rne = 'B';
        ls = pick(LEGAL);
        place = pick(FOSTER);
        provider = pick(PROVIDERS);
      } else if (k === 'samecarer') {
        rne = 'T';
        place = place === 'U6' ? 'U4' : place === 'U4' ? 'U5' : place === 'U5' ? 'A5' : 'U4';
      } else {
        rne = 'U';
        ls = pick(['C2', 'E1', 'V2']);
        place = place === 'U6' ? 'U4' : place === 'U3' ? 'U1' : place === 'A5' ? 'A3' : 'U6';
      }
      if (k === 'first' && TEMPORARY.includes(place)) place = 'U6';
      episodes.push({ decom: starts[i], rne, ls, cin, place, provider, dec: null, rec: '', reason: '' });
    }
    // Ends, REC, and the reason for a placement change on the episode that ends.
    for (let i = 0; i < n; i++) {
      const e = episodes[i];
      const next = episodes[i + 1];
      if (next) {
        e.dec = next.decom;
        e.rec = 'X1';
        const temporary = TEMPORARY.includes(e.place) || TEMPORARY.includes(next.place);
        if (PLACEMENT_CHANGE.has(next.rne) && !temporary) e.reason = chance(0.985) ? (chance(0.01) ? 'OTHER' : pick(REASONS)) : '';
        else if (chance(0.004)) e.reason = pick(REASONS); // given where it must be blank
        // A continuation episode that does not start on the previous end date.
        if (chance(0.003) && next.decom + 1 < (episodes[i + 2]?.decom ?? next.decom + 3)) next.decom += 1;
      } else if (end !== null) {
        e.dec = Math.max(e.decom + 1, end);
        e.rec = pick(LEAVING);
      }
      // An unknown code here and there.
      if (chance(0.002)) e.place = 'Z9';
      else if (chance(0.001)) e.ls = 'C9';
      // eslint-disable-next-line no-dupe-else-if -- each chance() is a fresh random draw
      else if (chance(0.001)) e.provider = 'PR9';
    }
    return episodes;
  }

  // The returns: each year's file holds the episodes open at some time in that year, as known at its end.
  const header = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE';
  const files: GeneratedAuthority['files'] = [];
  let rows = 0;
  let junkRows = 0;
  let episodes = 0;
  const seen = new Set<string>();
  for (let y = 0; y < years; y++) {
    const yearEnding = firstYearEnding + y;
    const yearStart = dayOf(`${yearEnding - 1}-04-01`);
    const yearEnd = dayOf(`${yearEnding}-03-31`);
    const lines: string[] = [header];
    for (let c = 0; c < childCount; c++) {
      for (const e of histories[c]) {
        if (e.decom > yearEnd || (e.dec !== null && e.dec < yearStart)) continue;
        const known = e.dec !== null && e.dec <= yearEnd;
        const fields = [children[c], ukOf(e.decom), e.rne, e.ls, e.cin, e.place, e.provider, known ? ukOf(e.dec!) : '', known ? e.rec : '', known ? e.reason : ''];
        // Some exports quote every field; a few rows here are written that way.
        lines.push(rand() < 0.01 ? fields.map((f) => `"${f}"`).join(',') : fields.join(','));
        rows++;
        const key = `${children[c]}|${e.decom}`;
        if (!seen.has(key)) {
          seen.add(key);
          episodes++;
        }
        if (rand() < 0.0005) {
          lines.push(
            pick([
              `,${ukOf(e.decom)},P,C2,N1,U4,PR1,,,`,
              `${children[c]},31/02/${yearEnding},P,C2,N1,U4,PR1,,,`,
              `${children[c]},${ukOf(e.decom + 3)},X,C2,N1,U4,PR1,,,`,
              `${children[c]},${ukOf(e.decom + 3)},P,C2,N1,U4,PR1,01/01/1999,X1,`,
              `${children[c]},"${ukOf(e.decom + 3)},P,C2`,
            ]),
          );
          junkRows++;
        }
      }
    }
    files.push({ name: `episodes-${yearEnding}.csv`, text: `${lines.join('\r\n')}\r\n` });
  }
  return { files, children, teamOf, teams, episodes, rows, junkRows, lastDay: isoOf(windowEnd) };
}

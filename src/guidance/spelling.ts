// Typo repair for questions typed in a hurry ("placment", "alegation"). Only words the index
// has never seen are touched, and only towards a known word one edit away (two for long words),
// so correct domain words are never bent into other ones; two words are read as one only when the
// one is the index's and the two are not both its words ("time scale", not "care plan").

import { STOPWORDS, stem, words } from './text';

export class SpellingCorrector {
  /** Known word -> how often it occurs (ties go to the commoner word). */
  private readonly known = new Map<string, number>();
  private readonly wordsByLength = new Map<number, string[]>();
  /** Stem of a known word -> its commonest word, so "aproves" can find "approve" via "aprov". */
  private readonly stems = new Map<string, string>();
  private readonly stemsByLength = new Map<number, string[]>();

  /** Texts corrected while answering the current question (see remembering). */
  private remembered: Map<string, string> | null = null;

  /** Known words, commonest first: what a shorthand most likely stands for. */
  private readonly byCount: string[];

  /**
   * @param texts the words that may be corrected to
   * @param isWord words to leave alone although the texts never use them (real English words)
   * @param shorthand how chat shorthand is read: which words are English (left alone), and the
   *   commonest English words (commonest first) a shorthand the texts cannot explain may stand for
   */
  constructor(
    texts: Iterable<string>,
    private readonly isWord: (word: string) => boolean = () => false,
    private readonly shorthand: { isEnglish: (word: string) => boolean; commonWords: readonly string[] } = { isEnglish: () => true, commonWords: [] },
  ) {
    for (const text of texts) {
      for (const word of words(text)) this.known.set(word, (this.known.get(word) ?? 0) + 1);
    }
    const byCount = [...this.known.entries()].sort((a, b) => b[1] - a[1]);
    this.byCount = byCount.map(([word]) => word);
    for (const [word] of byCount) {
      addByLength(this.wordsByLength, word);
      const s = stem(word);
      if (!this.stems.has(s)) {
        this.stems.set(s, word);
        addByLength(this.stemsByLength, s);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.known.has(word) || this.stems.has(stem(word));
  }

  /** The question with unknown words replaced by their closest known word, where one is close. */
  correct(question: string): string {
    const kept = this.remembered?.get(question);
    if (kept !== undefined) return kept;
    const typed = words(question);
    const spelled: string[] = [];
    for (let i = 0; i < typed.length; i++) {
      const joined = i + 1 < typed.length ? this.joinedWord(typed[i]!, typed[i + 1]!) : undefined;
      if (joined) {
        spelled.push(joined);
        i += 1;
      } else spelled.push(this.correctWord(typed[i]!) ?? this.splitWord(typed[i]!) ?? typed[i]!);
    }
    const corrected = spelled.join(' ');
    this.remembered?.set(question, corrected);
    return corrected;
  }

  /**
   * Runs `work` keeping every text corrected meanwhile: answering one question spells the same
   * text more than once (the message, then for the known questions). Forgotten afterwards, as the
   * texts hold case detail.
   */
  remembering<T>(work: () => T): T {
    if (this.remembered) return work();
    this.remembered = new Map();
    try {
      return work();
    } finally {
      this.remembered = null;
    }
  }

  correctWord(word: string): string | undefined {
    const expanded = this.expandShorthand(word);
    if (expanded) return expanded;
    if (word.length < 5 || /\d/.test(word) || STOPWORDS.has(word) || this.isKnown(word) || this.isWord(word)) return undefined;
    // Whole words first ("alegation" -> "allegation"), then stems ("aproves" -> "approve").
    const byWord = nearest(word, this.wordsByLength, word.length >= 8 ? 2 : 1);
    if (byWord) return dropsNegation(word, byWord) ? undefined : byWord;
    const wordStem = stem(word);
    if (wordStem.length < 5) return undefined;
    const byStem = nearest(wordStem, this.stemsByLength, wordStem.length >= 8 ? 2 : 1);
    const byStemWord = byStem ? this.stems.get(byStem) : undefined;
    return byStemWord && !dropsNegation(word, byStemWord) ? byStemWord : undefined;
  }

  /**
   * A word split in two as typed ("time scale", "over sight", "relation ship"): the two read as the
   * texts' one word when it is theirs and the two are not both theirs ("care plan" stays two).
   */
  private joinedWord(first: string, second: string): string | undefined {
    const joined = first + second;
    if (joined.length < MIN_JOINED || /\d/.test(joined) || !this.known.has(joined)) return undefined;
    return this.known.has(first) && this.known.has(second) ? undefined : joined;
  }

  /**
   * Two words typed as one ("placementstability", "fostercarer"): a long word neither the texts'
   * nor English, read as the two words of theirs it is made of (the split keeping the shorter part
   * longest).
   */
  private splitWord(word: string): string | undefined {
    if (word.length < MIN_SPLIT || /\d/.test(word) || this.isKnown(word) || this.isWord(word) || this.shorthand.isEnglish(word)) return undefined;
    let best: string | undefined;
    let bestShorter = 0;
    for (let at = MIN_SPLIT_PART; at <= word.length - MIN_SPLIT_PART; at++) {
      const [first, second] = [word.slice(0, at), word.slice(at)];
      if (!this.known.has(first) || !this.known.has(second) || STOPWORDS.has(first) || STOPWORDS.has(second)) continue;
      const shorter = Math.min(first.length, second.length);
      if (shorter > bestShorter) {
        best = `${first} ${second}`;
        bestShorter = shorter;
      }
    }
    return best;
  }

  /**
   * Chat shorthand ("mgr", "plcmt", "wknd", "rly", "accom"): a short word (three to five letters) that is neither the
   * guidance's nor English is read as the commonest word it abbreviates, the guidance's words
   * first (a question is most likely about the guidance), then everyday English ones.
   */
  private expandShorthand(word: string): string | undefined {
    if (word.length < 3 || word.length > MAX_SHORTHAND || /\d/.test(word) || STOPWORDS.has(word) || this.isKnown(word) || this.isWord(word) || this.shorthand.isEnglish(word))
      return undefined;
    for (const list of [this.byCount, this.shorthand.commonWords]) {
      // the word it keeps most of, the commoner on a tie ("ppl" is people, not proposal)
      let best: string | undefined;
      let bestKept = 0;
      for (const candidate of list) {
        const kept = abbreviates(word, candidate);
        if (kept > bestKept) {
          best = candidate;
          bestKept = kept;
        }
      }
      if (best) return best;
    }
    return undefined;
  }
}

const MAX_SHORTHAND = 5;
/** The shortest word read from two typed apart ("time scale"). */
const MIN_JOINED = 7;
/** The shortest word read as two typed together ("weekday" is one), and the shortest part it is split into. */
const MIN_SPLIT = 9;
const MIN_SPLIT_PART = 4;

/**
 * How well `short` shortens `full` (0 when it does not): its beginning ("accom", "diff"; at least
 * four letters; "docs" for documents), or its first and last letters with only consonants between,
 * in order ("mgr", "wknd", "rly"), keeping most of the word's consonants ("dbs" is not "describes").
 * A beginning counts 1; a skeleton, the share of the word's consonants it keeps.
 */
export function abbreviates(short: string, full: string): number {
  if (full.length <= short.length || full[0] !== short[0] || full.length > short.length * 4) return 0;
  // a beginning of four letters or more: three ("adm", "acc") are more often an acronym
  if (short.length >= 4 && full.startsWith(short)) return 1;
  const singular = short.slice(0, -1);
  if (short.endsWith('s') && singular.length >= 3 && full.endsWith('s') && full.startsWith(singular)) return 1;
  // a skeleton drops the vowels after the first letter; one that keeps them ("cse", "cic") is an acronym
  if (/[aeiou]/.test(short.slice(1))) return 0;
  // the last letter kept, or the last before a silent e ("ppl" is people)
  const last = short[short.length - 1];
  if (full[full.length - 1] !== last && !(full.endsWith('e') && full[full.length - 2] === last)) return 0;
  let at = 0;
  for (const letter of full) if (letter === short[at]) at += 1;
  if (at < short.length) return 0;
  const kept = Math.min(1, consonants(short) / Math.max(1, consonants(full)));
  return kept >= MIN_CONSONANTS_KEPT ? kept : 0;
}

/** Share of a word's consonants its shorthand keeps. */
const MIN_CONSONANTS_KEPT = 0.6;

const consonants = (word: string): number => word.replace(/[aeiou]/g, '').length;

/**
 * "unregistered" is not a typo for "registered", nor "unsupervised" for "supervising": a correction
 * must not drop a negating prefix, whatever the ending of the word left.
 */
function dropsNegation(word: string, correction: string): boolean {
  const prefix = /^(un|non|dis|de|in|im|mis)/.exec(word)?.[0];
  if (!prefix) return false;
  const rest = word.slice(prefix.length);
  return rest.length >= 4 && !correction.startsWith(prefix) && stem(rest).slice(0, 5) === stem(correction).slice(0, 5);
}

function addByLength(index: Map<number, string[]>, word: string): void {
  const list = index.get(word.length) ?? [];
  list.push(word);
  index.set(word.length, list);
}

/** Closest candidate within maxDistance; candidates are listed commonest first, so ties go to them. */
function nearest(word: string, byLength: Map<number, string[]>, maxDistance: number): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
    for (const candidate of byLength.get(len) ?? []) {
      const d = editDistance(word, candidate, bestDistance - 1);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
  }
  return best;
}

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbours
 * (optimal string alignment). Gives up early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1]!;
}

// Offline retrieval over the guidance pack and the council's own passages: BM25+ ranking
// (minisearch) on text that has been through the practitioner-synonym analyser in text.ts.
//
// The answer is only given when the best match covers enough of what was asked (weighted by how
// rare each word is); otherwise the caller gets found: false and the nearest topics. Nothing is
// ever composed: every answer is an entry or a passage, word for word.

import MiniSearch, { type SearchResult } from 'minisearch';
import { analyse, analyseQuery, analyserVocabulary } from './text';
import { SpellingCorrector } from './spelling';
import { loadGuidancePack } from './pack';
import { loadCouncilDocs, type CouncilDocsResult } from './councilDocs';
import type { CouncilPassage, GuidanceAnswer, GuidanceEntry, TopicRef } from './types';

export interface GuidanceIndexOptions {
  /** Pack entries; defaults to the pack shipped with the project. */
  entries?: GuidanceEntry[];
  /** Passages from the council's own documents. */
  passages?: CouncilPassage[];
  /** Minimum share (0..1) of the question's weighted words the best match must contain. */
  minConfidence?: number;
  /**
   * Minimum summed weight (inverse document frequency) of the question words the best match
   * contains, so that a question made only of common words ("placement?") gets suggestions
   * rather than an arbitrary entry.
   */
  minEvidence?: number;
  /** Multiplier on council passages' scores (1 = ranked on equal terms with the pack). */
  passageBoost?: number;
}

export interface RankedHit {
  id: string;
  kind: 'entry' | 'passage';
  title: string;
  score: number;
}

interface IndexedDoc {
  id: string;
  title: string;
  questions: string;
  answer: string;
  steps: string;
  body: string;
  docTitle: string;
  rules: string;
}

const SEARCH_FIELDS = ['title', 'questions', 'answer', 'steps', 'body', 'docTitle', 'rules'] as const;

// Titles and question forms say what an entry is about; steps mention many things in passing.
// A council passage has only its heading (title), its text (body) and its document title, so
// those carry more weight: a term in a passage's text should count about as much as one in
// an entry's question forms, or council documents could never win.
const FIELD_BOOSTS: Record<(typeof SEARCH_FIELDS)[number], number> = {
  title: 3,
  questions: 2.5,
  answer: 1.5,
  steps: 0.8,
  body: 3,
  docTitle: 1.5,
  rules: 2,
};

/** Fields that say what a document is about, as opposed to what it mentions along the way. */
const PRIMARY_FIELDS = new Set(['title', 'questions', 'body', 'rules']);

export const DEFAULT_MIN_CONFIDENCE = 0.55;
export const DEFAULT_MIN_EVIDENCE = 1.2;
const MAX_QUESTION_LENGTH = 500;
const MAX_SUGGESTIONS = 3;

export class GuidanceIndex {
  private readonly miniSearch: MiniSearch<IndexedDoc>;
  private readonly entries = new Map<string, GuidanceEntry>();
  private readonly passages = new Map<string, CouncilPassage>();
  /** Number of indexed documents containing each term; used to weigh question words. */
  private readonly documentFrequency = new Map<string, number>();
  private readonly documentCount: number;
  private readonly speller: SpellingCorrector;
  private readonly minConfidence: number;
  private readonly minEvidence: number;
  private readonly passageBoost: number;

  constructor(options: GuidanceIndexOptions = {}) {
    const entries = options.entries ?? loadGuidancePack();
    const passages = options.passages ?? [];
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.minEvidence = options.minEvidence ?? DEFAULT_MIN_EVIDENCE;
    this.passageBoost = options.passageBoost ?? 1;

    const docs: IndexedDoc[] = [];
    for (const entry of entries) {
      this.entries.set(entry.id, entry);
      docs.push(entryToDoc(entry));
    }
    for (const passage of passages) {
      // an id clash (a passage reloaded twice) would corrupt the index; keep the first
      if (this.entries.has(passage.id) || this.passages.has(passage.id)) continue;
      this.passages.set(passage.id, passage);
      docs.push(passageToDoc(passage));
    }

    this.miniSearch = new MiniSearch<IndexedDoc>({
      fields: [...SEARCH_FIELDS],
      tokenize: analyse,
      processTerm: (term) => term, // analyse() already lower-cases, maps synonyms and stems
      searchOptions: { boost: FIELD_BOOSTS },
    });
    this.miniSearch.addAll(docs);

    for (const doc of docs) {
      const terms = new Set(SEARCH_FIELDS.flatMap((field) => analyse(doc[field])));
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.documentCount = docs.length;
    this.speller = new SpellingCorrector([
      ...docs.flatMap((doc) => SEARCH_FIELDS.map((field) => doc[field])),
      analyserVocabulary().join(' '),
    ]);
  }

  /** Answers a practitioner's question from the pack or the council's documents. */
  search(question: string): GuidanceAnswer {
    // Names first: they are told by their capitals, which spelling correction neither keeps nor
    // spares ("Carey" would become "care").
    const asked = this.speller.correct(this.withoutNames(question.slice(0, MAX_QUESTION_LENGTH)));
    const termGroups = analyseQuery(asked);
    const results = this.rawSearch(termGroups);
    const best = results[0];
    if (!best) return { question, found: false, score: 0, confidence: 0, suggestions: [] };

    const { confidence, evidence } = this.coverage(termGroups, best.match);
    const score = round(best.score);
    if (confidence < this.minConfidence || evidence < this.minEvidence) {
      return {
        question,
        found: false,
        score,
        confidence: round(confidence),
        suggestions: results.slice(0, MAX_SUGGESTIONS).map((r) => this.topicRef(r.id)),
      };
    }

    const entry = this.entries.get(best.id);
    if (entry) {
      return {
        question,
        found: true,
        answer: entry.answer,
        steps: entry.steps,
        sources: entry.sources,
        entryId: entry.id,
        score,
        confidence: round(confidence),
        related: entry.related.map((id) => this.topicRef(id)),
      };
    }
    const passage = this.passages.get(best.id)!;
    return {
      question,
      found: true,
      answer: summarise(passage.text),
      passage,
      sources: [{ doc: passage.file, title: passage.docTitle, section: passage.section }],
      score,
      confidence: round(confidence),
      // the nearest pack entries, so the user can still reach the structured steps
      related: results
        .filter((r) => this.entries.has(r.id))
        .slice(0, MAX_SUGGESTIONS)
        .map((r) => this.topicRef(r.id)),
    };
  }

  /** The best matches in order, without the confidence cut-off (for evaluation and suggestions). */
  rank(question: string, limit = 3): RankedHit[] {
    const asked = this.speller.correct(question.slice(0, MAX_QUESTION_LENGTH));
    return this.rawSearch(analyseQuery(asked))
      .slice(0, limit)
      .map((r) => ({ ...this.topicRef(r.id), kind: this.entries.has(r.id) ? 'entry' : 'passage', score: round(r.score) }));
  }

  getEntry(id: string): GuidanceEntry | undefined {
    return this.entries.get(id);
  }

  getPassage(id: string): CouncilPassage | undefined {
    return this.passages.get(id);
  }

  /** All pack entries, in pack order. */
  listEntries(): GuidanceEntry[] {
    return [...this.entries.values()];
  }

  get passageCount(): number {
    return this.passages.size;
  }

  private rawSearch(termGroups: string[][]): SearchResult[] {
    // A repeated word should not count twice, so the query is the set of all alternatives.
    const terms = [...new Set(termGroups.flat())];
    if (terms.length === 0) return [];
    return this.miniSearch.search(terms.join(' '), {
      tokenize: (text) => text.split(' '),
      boostDocument: (id) => (this.passages.has(id) ? this.passageBoost : 1),
    });
  }

  /**
   * Share of the question's words found in the match, each weighted by its inverse document
   * frequency: missing a rare or unknown word ("mileage") costs far more than missing a
   * common one ("placement"). A word the match only mentions in passing (in its answer or
   * steps, not its title, question forms or passage text) counts half: "who is my line
   * manager" should not be answered by an entry whose steps say "tell your line manager".
   * `evidence` is the matched weight itself.
   */
  private coverage(termGroups: string[][], match: SearchResult['match']): { confidence: number; evidence: number } {
    const seen = new Set<string>();
    let total = 0;
    let covered = 0;
    for (const group of termGroups) {
      const key = group.join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const weight = Math.max(...group.map((term) => this.idf(term)));
      total += weight;
      const fields = group.flatMap((term) => match[term] ?? []);
      if (fields.some((field) => PRIMARY_FIELDS.has(field))) covered += weight;
      else if (fields.length > 0) covered += weight / 2;
    }
    return { confidence: total === 0 ? 0 : covered / total, evidence: covered };
  }

  /**
   * Leaves out the words that are most likely a person's name: capitalised inside the sentence
   * ("before moving Jayden Smith?") and unknown to the guidance. A worker naturally names the child,
   * and an unknown word otherwise weighs heavily against an answer. Acronyms (IRO, LADO) and words
   * the guidance knows keep their weight; so does an unknown lower-case word ("mileage"), which is
   * what keeps questions the guidance does not cover unanswered.
   */
  private withoutNames(question: string): string {
    const names = probableNames(question).filter((name) => analyse(name).every((term) => !this.documentFrequency.has(term)));
    if (names.length === 0) return question;
    const namePattern = new RegExp(`(?<![\\p{L}-])(?:${names.map(escapeRegExp).join('|')})(?:['\u2019]s)?(?![\\p{L}-])`, 'gu');
    const rest = question.replace(namePattern, ' ');
    return /\p{L}/u.test(rest) ? rest : question;
  }

  private idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documentCount - df + 0.5) / (df + 0.5));
  }

  private topicRef(id: string): TopicRef {
    const entry = this.entries.get(id);
    if (entry) return { id, title: entry.title };
    const passage = this.passages.get(id);
    return { id, title: passage ? `${passage.docTitle}: ${passage.section}` : id };
  }
}

export interface LoadGuidanceIndexOptions extends Omit<GuidanceIndexOptions, 'passages'> {
  /** Folder of the council's own documents; defaults to the GUIDANCE_DIR environment variable. */
  guidanceDir?: string;
}

/** Builds the index once at start-up, adding the council's documents when a folder is set. */
export async function loadGuidanceIndex(
  options: LoadGuidanceIndexOptions = {},
): Promise<{ index: GuidanceIndex; councilDocs?: CouncilDocsResult }> {
  const dir = options.guidanceDir ?? process.env.GUIDANCE_DIR;
  const councilDocs = dir ? await loadCouncilDocs(dir) : undefined;
  const index = new GuidanceIndex({ ...options, passages: councilDocs?.passages });
  return { index, councilDocs };
}

function entryToDoc(entry: GuidanceEntry): IndexedDoc {
  return {
    id: entry.id,
    title: entry.title,
    questions: entry.questions.join('\n'),
    answer: entry.answer,
    steps: entry.steps.map((s) => `${s.who}: ${s.what}${s.when ? ` (${s.when})` : ''}`).join('\n'),
    body: '',
    docTitle: '',
    rules: entry.rules.join(' '),
  };
}

function passageToDoc(passage: CouncilPassage): IndexedDoc {
  return {
    id: passage.id,
    title: passage.section,
    questions: '',
    answer: '',
    steps: '',
    body: passage.text,
    docTitle: passage.docTitle,
    rules: '',
  };
}

/** First sentence or two of a passage, on one line, for the headline answer. */
function summarise(text: string, maxLength = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const sentences = flat.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let summary = '';
  for (const sentence of sentences) {
    if ((summary + sentence).length > maxLength) break;
    summary += sentence;
  }
  return summary.trim() || `${flat.slice(0, maxLength - 1).trimEnd()}\u2026`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Capitalised words (not all capitals) inside a sentence, and a sentence's first word when it is
 * possessive ("Mia's carer..."), without the 's: where a question names someone.
 */
export function probableNames(text: string): string[] {
  const names: string[] = [];
  for (const sentence of text.split(/[.?!]+\s*/)) {
    const words = sentence.split(/[\s,;:()"]+/).filter(Boolean);
    words.forEach((word, position) => {
      const bare = word.replace(/['\u2019]s$/, '');
      if ((position > 0 || bare !== word) && /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u.test(bare)) names.push(bare);
    });
  }
  return names;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A council's own guidance documents (.md, .txt, .docx, .pdf in one folder), split by heading into
// passages that the search index can rank beside the shipped pack. A council adds procedures by
// dropping files in the folder; no code changes. Word documents go through mammoth (to HTML) and
// turndown (to Markdown, tables by its GFM plugin); PDFs through unpdf (pdfText.ts).
//
// Problems with single files (unreadable, corrupt, empty, too large or inflating past the limits in
// documentLimits.ts) are reported, never thrown: one bad file must not stop the bot answering
// from the rest, nor stop it starting.

import { promises as fs } from 'fs';
import path from 'path';
import type TurndownService from 'turndown';
import { checkFileSize, checkZipInflation, DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './documentLimits';
import { pdfToMarkdown } from './pdfText';
import type { CouncilPassage } from './types';

export const COUNCIL_DOC_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx', '.pdf'] as const;

export interface CouncilDocProblem {
  file: string;
  reason: string;
}

export interface CouncilDocsResult {
  passages: CouncilPassage[];
  /** Files that could not be read or held no text. */
  problems: CouncilDocProblem[];
  /** Files ignored because of their type. */
  skipped: string[];
}

export interface CouncilDocsOptions {
  /** Sections longer than this are cut into several passages at paragraph breaks. */
  maxWordsPerPassage?: number;
  /** File and inflated sizes past which a document is refused (default DEFAULT_DOCUMENT_LIMITS). */
  limits?: DocumentLimits;
}

const DEFAULT_MAX_WORDS = 220;

/** Reads every supported file under `dir` (recursively) and splits it into passages. */
export async function loadCouncilDocs(dir: string, options: CouncilDocsOptions = {}): Promise<CouncilDocsResult> {
  const result: CouncilDocsResult = { passages: [], problems: [], skipped: [] };
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch (err) {
    result.problems.push({ file: dir, reason: `cannot read folder: ${errorMessage(err)}` });
    return result;
  }

  for (const absolute of files) {
    const file = path.relative(dir, absolute).split(path.sep).join('/');
    const ext = path.extname(file).toLowerCase();
    if (!(COUNCIL_DOC_EXTENSIONS as readonly string[]).includes(ext)) {
      result.skipped.push(file);
      continue;
    }
    try {
      const passages = await readCouncilDoc(absolute, file, options);
      if (passages.length === 0) result.problems.push({ file, reason: 'no text found' });
      result.passages.push(...passages);
    } catch (err) {
      result.problems.push({ file, reason: errorMessage(err) });
    }
  }
  return result;
}

/** One file to passages. Throws if the file cannot be read or parsed. */
export async function readCouncilDoc(absolutePath: string, file: string, options: CouncilDocsOptions = {}): Promise<CouncilPassage[]> {
  const ext = path.extname(absolutePath).toLowerCase();
  const fallbackTitle = titleFromFileName(file);
  const maxWords = options.maxWordsPerPassage ?? DEFAULT_MAX_WORDS;
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  checkFileSize((await fs.stat(absolutePath)).size, limits);
  if (ext === '.docx') {
    const bytes = await fs.readFile(absolutePath);
    await checkZipInflation(bytes, limits);
    // convertToHtml keeps headings (Heading 1..6 styles) and tables, which the raw-text extraction loses.
    // mammoth and turndown are loaded with the first .docx: most starts have none.
    const { default: mammoth } = await import('mammoth');
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    return sectionsToPassages(splitMarkdown(htmlToMarkdown(html)), file, fallbackTitle, maxWords);
  }
  if (ext === '.pdf') {
    const markdown = await pdfToMarkdown(await fs.readFile(absolutePath), { limits });
    return sectionsToPassages(splitMarkdown(markdown), file, fallbackTitle, maxWords);
  }
  const text = await fs.readFile(absolutePath, 'utf8');
  const sections = ext === '.txt' ? splitPlainText(text) : splitMarkdown(text);
  return sectionsToPassages(sections, file, fallbackTitle, maxWords);
}

// ───────────────────────────── splitting ─────────────────────────────

export interface Section {
  /** Undefined for text before the first heading. */
  heading?: string;
  level: number;
  paragraphs: string[];
}

const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const BOLD_LINE = /^\s*(\*\*|__)(.+)\1\s*$/;

/** Markdown: '#' headings, and lines that are wholly bold (a common stand-in for headings). */
export function splitMarkdown(text: string): Section[] {
  const lines = stripFrontMatter(text).split(/\r?\n/);
  return buildSections(lines, (line) => {
    const hash = MD_HEADING.exec(line);
    if (hash) return { heading: cleanHeading(hash[2]!), level: hash[1]!.length };
    const bold = BOLD_LINE.exec(line);
    if (bold && bold[2]!.length <= 120) return { heading: cleanHeading(bold[2]!), level: 6 };
    return undefined;
  });
}

/**
 * Plain text: a line is a heading when it is short, stands at the start of a paragraph,
 * does not end like a sentence, and has content after it. Markdown '#' lines also count.
 */
export function splitPlainText(text: string): Section[] {
  const lines = text.split(/\r?\n/);
  return buildSections(lines, (line, index) => {
    const hash = MD_HEADING.exec(line);
    if (hash) return { heading: cleanHeading(hash[2]!), level: hash[1]!.length };
    const previous = index > 0 ? lines[index - 1]! : '';
    const next = nextNonBlank(lines, index + 1);
    const joinedToNext = index + 1 < lines.length && lines[index + 1]!.trim() !== '';
    if (previous.trim() !== '' || next === undefined) return undefined;
    return looksLikeHeading(line, joinedToNext) ? { heading: cleanHeading(line), level: 2 } : undefined;
  });
}

const LIST_ITEM = /^\s*([-*\u2022\u25aa\u00b7o]|\d+[.)]|[a-z][.)])\s+/i;
const TRAILING_CONNECTIVE = /\b(and|or|the|a|an|to|of|for|in|on|with|by|that|which|is|are)$/i;

function looksLikeHeading(line: string, joinedToNext: boolean): boolean {
  const t = line.trim();
  if (!t || t.length > 80 || t.split(/\s+/).length > 12) return false;
  if (LIST_ITEM.test(t)) return false;
  if (!/[a-z]/i.test(t)) return false; // "2017", "----"
  // A very short line standing alone may keep a stray full stop ("Disruption Meetings.").
  const shortAndAlone = !joinedToNext && t.split(/\s+/).length <= 4 && /^[A-Z]/.test(t);
  if (/[,;:!]$/.test(t) || (/\.$/.test(t) && !shortAndAlone)) return false; // sentence end, or a list follows
  if (TRAILING_CONNECTIVE.test(t)) return false; // a hard-wrapped sentence
  if (/^[a-z]/.test(t)) return false; // headings start with a capital or digit
  // A line glued to the following text is more likely a wrapped sentence unless it is short.
  if (joinedToNext && t.length > 50) return false;
  return true;
}

type HeadingDetector = (line: string, index: number) => { heading: string; level: number } | undefined;

function buildSections(lines: string[], detect: HeadingDetector): Section[] {
  const sections: Section[] = [];
  let current: Section = { level: 0, paragraphs: [] };
  let paragraph: string[] = [];
  const flushParagraph = () => {
    const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (joined) current.paragraphs.push(joined);
    paragraph = [];
  };
  let tableHeader: string[] | null = null;
  lines.forEach((line, index) => {
    const heading = detect(line, index);
    if (heading) {
      flushParagraph();
      sections.push(current);
      current = { heading: heading.heading, level: heading.level, paragraphs: [] };
      return;
    }
    const cells = tableCells(line);
    if (cells) {
      // Each row of a table is its own paragraph, its cells named by the header row.
      flushParagraph();
      if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) return; // the |---| line
      if (!tableHeader) {
        if (cells.some((c) => c !== '')) tableHeader = cells; // an empty first row: the header is the next
        return;
      }
      const header = tableHeader;
      const row = cells.map((c, i) => (c && header[i] && header[i] !== c ? `${header[i]}: ${c}` : c)).filter(Boolean);
      if (row.length) current.paragraphs.push(cleanInline(row.join('; ')));
      return;
    }
    tableHeader = null;
    if (line.trim() === '') flushParagraph();
    else if (LIST_ITEM.test(line)) {
      // each list item is its own paragraph so long lists can be cut between items
      flushParagraph();
      paragraph.push(cleanInline(line.trim()));
    } else paragraph.push(cleanInline(line.trim()));
  });
  flushParagraph();
  sections.push(current);
  return sections;
}

function sectionsToPassages(sections: Section[], file: string, fallbackTitle: string, maxWords: number): CouncilPassage[] {
  // The document's title is its first heading if nothing but headings come before it
  // (a cover page of headings, like "Practice Guidance / 2017", is skipped over).
  let docTitle = fallbackTitle;
  const firstWithText = sections.findIndex((s) => s.paragraphs.length > 0);
  const leading = sections.slice(0, firstWithText === -1 ? sections.length : firstWithText + 1);
  const h1 = leading.find((s) => s.level === 1 && s.heading);
  const firstHeading = h1 ?? leading.find((s) => s.heading);
  if (firstHeading?.heading) docTitle = firstHeading.heading;

  const passages: CouncilPassage[] = [];
  const usedIds = new Set<string>();
  for (const section of sections) {
    if (section.paragraphs.length === 0) continue;
    const name = section.heading ?? docTitle;
    const chunks = chunkParagraphs(section.paragraphs, maxWords);
    chunks.forEach((chunk, i) => {
      const sectionName = chunks.length > 1 ? `${name} (part ${i + 1})` : name;
      let id = `${file}#${slug(sectionName)}`;
      for (let n = 2; usedIds.has(id); n++) id = `${file}#${slug(sectionName)}-${n}`;
      usedIds.add(id);
      passages.push({ id, file, docTitle, section: sectionName, text: chunk.join('\n') });
    });
  }
  return passages;
}

function chunkParagraphs(paragraphs: string[], maxWords: number): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let words = 0;
  for (const p of paragraphs) {
    const count = p.split(/\s+/).length;
    if (chunk.length > 0 && words + count > maxWords) {
      chunks.push(chunk);
      chunk = [];
      words = 0;
    }
    chunk.push(p);
    words += count;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

// ───────────────────────────── .docx html to markdown ─────────────────────────────

let turndownService: TurndownService | null = null;

function turndown(): TurndownService {
  if (turndownService) return turndownService;
  const Turndown = require('turndown') as typeof import('turndown');
  const { gfm } = require('@joplin/turndown-plugin-gfm') as typeof import('@joplin/turndown-plugin-gfm');
  const service = new Turndown({ headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '_' });
  service.use(gfm);
  // The Markdown is read back by splitMarkdown and shown as plain text, so nothing is escaped
  // ("2.1" stays "2.1", not "2\.1"); pictures (mammoth inlines them) are dropped; links keep their words.
  service.escape = (text: string) => text;
  service.addRule('noImages', { filter: 'img', replacement: () => '' });
  service.addRule('linkText', { filter: 'a', replacement: (content) => content });
  // A line break inside a table cell would end the row.
  service.addRule('cellBreak', { filter: (node) => node.nodeName === 'BR' && !!node.closest?.('td, th'), replacement: () => ' ' });
  return (turndownService = service);
}

/** Turns mammoth's HTML into the Markdown splitMarkdown understands: headings, bold lines, lists, tables. */
export function htmlToMarkdown(html: string): string {
  return turndown().turndown(html);
}

/** The cells of a Markdown table row ('| a | b |'), or null for any other line. */
function tableCells(line: string): string[] | null {
  const t = line.trim();
  if (t.length < 2 || !t.startsWith('|') || !t.endsWith('|')) return null;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) =>
      c
        .replace(/<br\s*\/?>/gi, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}

// ───────────────────────────── small helpers ─────────────────────────────

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue; // hidden files, Word lock files
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim() !== '') return lines[i];
  return undefined;
}

function cleanHeading(text: string): string {
  return cleanInline(text)
    .replace(/^\s*(\*\*|__)|(\*\*|__)\s*$/g, '')
    .replace(/[.:]\s*$/, '')
    .trim();
}

/** Removes markdown emphasis and bookmark noise, keeping the words. */
function cleanInline(text: string): string {
  return text
    .replace(/\[bookmark:[^\]]*\]/gi, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripFrontMatter(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
}

function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[_-]+/g, ' ').trim();
  return base ? base.charAt(0).toUpperCase() + base.slice(1) : file;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'section'
  );
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

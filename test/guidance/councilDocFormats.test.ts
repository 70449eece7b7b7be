// Council documents in the formats councils publish: a PDF (made here with pdf-lib), a table in a
// Word document, lists and character entities; and the size limits, so that a document built to
// exhaust memory (a zip bomb) is skipped with a warning and never stops the bot starting.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadConfig } from '../../src/config';
import { htmlToMarkdown, loadCouncilDocs, splitMarkdown } from '../../src/guidance/councilDocs';
import { DEFAULT_DOCUMENT_LIMITS } from '../../src/guidance/documentLimits';
import { pdfItemsToMarkdown, readPdfTextItems } from '../../src/guidance/pdfText';
import type { Logger } from '../../src/services/context';
import { startBot } from '../../src/startBot';
import { buildDocx } from './support/docx';

/** A two-page procedure: a 20 pt title, 14 pt headings, 11 pt body lines. */
async function procedurePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const write = (page: ReturnType<typeof doc.addPage>, lines: Array<[string, number]>) => {
    let y = 780;
    for (const [text, size] of lines) {
      y -= size * 1.4 + (size > 11 ? 10 : 0);
      page.drawText(text, { x: 50, y, size, font: size > 11 ? bold : font });
    }
  };
  write(doc.addPage(), [
    ['Anytown Placement Disruption Procedure', 20],
    ['Calling a disruption meeting', 14],
    ['When a placement ends without being planned, the team manager books a', 11],
    ['disruption meeting within twenty working days of the ending.', 11],
  ]);
  write(doc.addPage(), [
    ['Who attends', 14],
    ['The carers, the supervising social worker and the child\u2019s social worker attend;', 11],
    ['an independent chair leads the meeting.', 11],
  ]);
  return doc.save();
}

describe('a PDF in GUIDANCE_DIR', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'psb-pdf-'));
    writeFileSync(path.join(dir, 'disruption.pdf'), await procedurePdf());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is indexed: larger lines are headings, the largest the title, wrapped lines one paragraph', async () => {
    const { passages, problems } = await loadCouncilDocs(dir);
    expect(problems).toEqual([]);
    expect(passages.map((p) => p.section)).toEqual(['Calling a disruption meeting', 'Who attends']);
    expect(passages[0]).toMatchObject({
      file: 'disruption.pdf',
      docTitle: 'Anytown Placement Disruption Procedure',
      id: 'disruption.pdf#calling-a-disruption-meeting',
      text: 'When a placement ends without being planned, the team manager books a disruption meeting within twenty working days of the ending.',
    });
    expect(passages[1]!.text).toBe('The carers, the supervising social worker and the child\u2019s social worker attend; an independent chair leads the meeting.');
  });

  test('has the same file size limit as a .docx', async () => {
    const { passages, problems } = await loadCouncilDocs(dir, { limits: { maxFileBytes: 100, maxInflatedBytes: DEFAULT_DOCUMENT_LIMITS.maxInflatedBytes } });
    expect(passages).toEqual([]);
    expect(problems).toEqual([{ file: 'disruption.pdf', reason: expect.stringMatching(/^the file is [\d.]+ MiB, more than the 0 MiB allowed$/) }]);
  });

  test('and the same limit on what it inflates to (its text)', async () => {
    const { problems } = await loadCouncilDocs(dir, { limits: { maxFileBytes: DEFAULT_DOCUMENT_LIMITS.maxFileBytes, maxInflatedBytes: 50 } });
    expect(problems).toEqual([{ file: 'disruption.pdf', reason: 'its text is more than the 50 characters allowed' }]);
  });

  test('is read in a worker that is stopped when it takes too long or needs too much memory', async () => {
    const bytes = await procedurePdf();
    await expect(readPdfTextItems(bytes, { limits: DEFAULT_DOCUMENT_LIMITS, timeoutMs: 1 })).rejects.toThrow('not read within 0.001 s');
    await expect(readPdfTextItems(bytes, { limits: DEFAULT_DOCUMENT_LIMITS, maxWorkerHeapMb: 8 })).rejects.toThrow('reading it needed more memory than allowed');
  });

  test('text items become Markdown by font size and line gaps', () => {
    const item = (str: string, y: number, fontSize: number) => ({ str, x: 50, y, fontSize });
    expect(pdfItemsToMarkdown([[item('Title', 760, 20), item('Section', 730, 14), item('first line', 710, 11), item('second', 696, 11), item('new paragraph', 660, 11)]])).toBe(
      ['', '', '# Title', '', '', '## Section', '', 'first line', 'second', '', 'new paragraph'].join('\n'),
    );
  });
});

describe('a Word document in GUIDANCE_DIR', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'psb-docx-'));
    writeFileSync(
      path.join(dir, 'timescales.docx'),
      buildDocx([
        { text: 'Placement Timescales', heading: 1 },
        { text: 'Who does what', heading: 2 },
        { text: 'The steps after a placement move & their owners:' },
        {
          table: [
            ['Step', 'Who', 'When'],
            ['Placement planning meeting', 'Team manager', 'Within 5 working days'],
            ['Visit the child', 'Social worker', 'Within 7 days'],
          ],
        },
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('keeps a table: each row a paragraph, its cells named by the header row', async () => {
    const { passages, problems } = await loadCouncilDocs(dir);
    expect(problems).toEqual([]);
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({ docTitle: 'Placement Timescales', section: 'Who does what' });
    expect(passages[0]!.text.split('\n')).toEqual([
      'The steps after a placement move & their owners:',
      'Step: Placement planning meeting; Who: Team manager; When: Within 5 working days',
      'Step: Visit the child; Who: Social worker; When: Within 7 days',
    ]);
  });

  test('nested lists, character entities and links come through as words', () => {
    const html =
      '<h2>Telling the child</h2><p>The child&rsquo;s views &amp; wishes matter:</p>' +
      '<ol><li>Explain the reasons<ul><li>in words they understand</li></ul></li><li>Record what they said</li></ol>' +
      '<p>See section 2.1 of the <a href="https://example.gov.uk/p">placement policy</a>.<img src="data:image/png;base64,AAAA"></p>';
    const [, section] = splitMarkdown(htmlToMarkdown(html));
    expect(section).toEqual({
      heading: 'Telling the child',
      level: 2,
      paragraphs: [
        'The child\u2019s views & wishes matter:',
        '1. Explain the reasons',
        '- in words they understand',
        '2. Record what they said',
        'See section 2.1 of the placement policy.',
      ],
    });
  });
});

/** Rewrites the uncompressed size a zip declares for `name` (local header and central directory): a lying zip. */
function declareSize(zip: Uint8Array, name: string, size: number): Buffer {
  const buf = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let at = 0; at < buf.length - 4; at++) {
    const sig = buf.readUInt32LE(at);
    if (sig === 0x04034b50 && buf.subarray(at + 30, at + 30 + nameBytes.length).equals(nameBytes)) buf.writeUInt32LE(size, at + 22);
    if (sig === 0x02014b50 && buf.subarray(at + 46, at + 46 + nameBytes.length).equals(nameBytes)) buf.writeUInt32LE(size, at + 24);
  }
  return buf;
}

describe('DOCX-BOMB: a .docx that inflates past the size limit', () => {
  let dir: string;
  const zeros = (mib: number) => new Uint8Array(mib * 1024 * 1024);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'psb-bomb-'));
    // 60 MiB of zeros in one part: about 60 KB on disk, past the default 50 MiB.
    writeFileSync(path.join(dir, 'bomb.docx'), buildDocx([{ text: 'Looks harmless' }], { 'word/media/image1.png': zeros(60) }));
    // 8 MiB that the zip declares as 100 bytes
    const liar = zipSync({ ...Object.fromEntries([['word/document.xml', zeros(8)]]) });
    writeFileSync(path.join(dir, 'liar.docx'), declareSize(liar, 'word/document.xml', 100));
    writeFileSync(path.join(dir, 'fine.md'), '# Respite\n\nConnected carers may ask for respite.\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is skipped with the reason, and the other documents are still indexed', async () => {
    const { passages, problems } = await loadCouncilDocs(dir);
    expect(passages.map((p) => p.file)).toEqual(['fine.md']);
    expect(problems).toEqual([
      { file: 'bomb.docx', reason: 'it would inflate to more (60 MiB declared) than the 50 MiB allowed (a zip bomb?)' },
      { file: 'liar.docx', reason: expect.stringMatching(/too many bytes in the stream/) },
    ]);
  });

  test('a part that inflates past the limit while declaring less is stopped as it streams', async () => {
    const { problems } = await loadCouncilDocs(dir, { limits: { maxFileBytes: DEFAULT_DOCUMENT_LIMITS.maxFileBytes, maxInflatedBytes: 4 * 1024 * 1024 } });
    expect(problems.map((p) => p.file)).toEqual(['bomb.docx', 'liar.docx']);
  });

  test('never stops the start: the bot starts, warns naming the file, and answers from the rest', async () => {
    const warnings: Array<{ obj: object; msg?: string }> = [];
    const log: Logger = { info() {}, debug() {}, error() {}, warn: (obj, msg) => void warnings.push({ obj, msg }) };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'psb-bomb-data-'));
    const bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', GUIDANCE_DIR: dir }), { log });
    try {
      expect(warnings).toEqual(
        expect.arrayContaining([
          { obj: { file: 'bomb.docx', reason: expect.stringContaining('zip bomb') }, msg: 'council guidance document not indexed' },
          { obj: { file: 'liar.docx', reason: expect.any(String) }, msg: 'council guidance document not indexed' },
        ]),
      );
      const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

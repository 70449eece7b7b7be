// Builds a small .docx in memory for tests: a zip (fflate) holding the parts Word needs plus a
// styles part, so mammoth sees real "Heading 1/2" paragraphs and tables with a header row.

import { zipSync } from 'fflate';

export type DocxBlock =
  | { text: string; /** 1 or 2 for a heading; omitted for body text. */ heading?: 1 | 2 }
  /** A table; the first row is marked as the header row, as Word does with "Repeat as header row". */
  | { table: string[][] };

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>`;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const paragraph = (text: string, heading?: 1 | 2) =>
  `<w:p>${heading ? `<w:pPr><w:pStyle w:val="Heading${heading}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

function table(rows: string[][]): string {
  const body = rows.map((cells, i) => `<w:tr>${i === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((c) => `<w:tc>${paragraph(c)}</w:tc>`).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr/>${body}</w:tbl>`;
}

/** The document.xml of the blocks. */
export function documentXml(blocks: DocxBlock[]): string {
  const body = blocks.map((b) => ('table' in b ? table(b.table) : paragraph(b.text, b.heading))).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}</w:body></w:document>`;
}

/** A .docx of the blocks; `extraParts` adds (or replaces) zip entries, e.g. to build a zip bomb. */
export function buildDocx(blocks: DocxBlock[], extraParts: Record<string, Uint8Array> = {}): Buffer {
  const text = (s: string) => new TextEncoder().encode(s);
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': text(CONTENT_TYPES),
      '_rels/.rels': text(ROOT_RELS),
      'word/_rels/document.xml.rels': text(DOCUMENT_RELS),
      'word/document.xml': text(documentXml(blocks)),
      'word/styles.xml': text(STYLES),
      ...extraParts,
    }),
  );
}

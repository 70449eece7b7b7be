// The text of a PDF, as Markdown that splitMarkdown can cut into passages. unpdf (PDF.js built for
// servers) reads the text items and their font sizes; lines in a larger font than the body become
// headings, as they are in councils' published procedures.
//
// PDF.js runs in a worker thread: a hostile or broken PDF can then use at most the worker's memory
// and time (it is stopped, and the file reported) and never the bot's. It also keeps PDF.js, an
// ES module, out of the test runner's module system.
import { Worker } from 'node:worker_threads';
import type { DocumentLimits } from './documentLimits';
import { DocumentTooLargeError } from './documentLimits';

/** One run of text on a page, in PDF coordinates (y grows upwards). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  fontSize: number;
}

export interface PdfReadOptions {
  limits: DocumentLimits;
  /** A PDF not read within this time is given up (default 20 s). */
  timeoutMs?: number;
  /** The worker's heap (default 256 MiB, at least 8): past it the worker stops, not the bot. */
  maxWorkerHeapMb?: number;
}

const MIN_WORKER_HEAP_MB = 8;

// CommonJS run by the worker. It gets unpdf's resolved path, so it needs nothing from the caller's
// module system; it sends back plain items, stopping once the text passes the inflated-size limit.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { extractTextItems } = require(workerData.unpdfPath);
(async () => {
  const { items } = await extractTextItems(new Uint8Array(workerData.bytes));
  let chars = 0;
  const pages = items.map((page) => page.map((item) => {
    chars += item.str.length;
    return { str: item.str, x: item.x, y: item.y, fontSize: item.fontSize };
  }));
  parentPort.postMessage(chars > workerData.maxTextChars ? { tooMuchText: chars } : { pages });
})().catch((err) => parentPort.postMessage({ error: err && err.message ? err.message : String(err) }));
`;

/** The text items of every page. Throws with a reason for a file that is broken, too big or too slow. */
export function readPdfTextItems(bytes: Uint8Array, options: PdfReadOptions): Promise<PdfTextItem[][]> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bytes, unpdfPath: require.resolve('unpdf'), maxTextChars: options.limits.maxInflatedBytes },
    // Below a few MiB V8 cannot even start the worker, and that aborts the whole process: hence a floor.
    resourceLimits: { maxOldGenerationSizeMb: Math.max(MIN_WORKER_HEAP_MB, options.maxWorkerHeapMb ?? 256) },
    stdout: true, // PDF.js warns about fonts on the console; the caller reports what matters
    stderr: true,
  });
  worker.stdout.resume(); // read and dropped, so nothing piles up
  worker.stderr.resume();
  return new Promise<PdfTextItem[][]>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`not read within ${timeoutMs / 1000} s`));
      void worker.terminate();
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    worker.once('message', (message: { pages?: PdfTextItem[][]; tooMuchText?: number; error?: string }) => {
      settle();
      if (message.pages) resolve(message.pages);
      else if (message.tooMuchText) reject(new DocumentTooLargeError(`its text is more than the ${options.limits.maxInflatedBytes} characters allowed`));
      else reject(new Error(`not a readable PDF (${message.error})`));
      void worker.terminate();
    });
    worker.once('error', (err: Error & { code?: string }) => {
      settle();
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DocumentTooLargeError('reading it needed more memory than allowed') : err);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`the PDF reader stopped (exit code ${code})`)); // no effect once settled
    });
  });
}

interface Line {
  text: string;
  fontSize: number;
  /** Distance from the line above (0 for a page's first line). */
  gap: number;
}

/** Items to lines: one line per baseline, read top to bottom, left to right. */
function pageLines(items: PdfTextItem[]): Line[] {
  const rows = new Map<number, PdfTextItem[]>();
  for (const item of items) {
    if (!item.str.trim()) continue;
    const y = Math.round(item.y);
    const row = rows.get(y) ?? rows.get(y - 1) ?? rows.get(y + 1);
    if (row) row.push(item);
    else rows.set(y, [item]);
  }
  const ys = [...rows.keys()].sort((a, b) => b - a);
  return ys.map((y, i) => {
    const row = rows.get(y)!.sort((a, b) => a.x - b.x);
    return {
      text: row
        .map((item) => item.str)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
      fontSize: Math.max(...row.map((item) => item.fontSize)),
      gap: i === 0 ? 0 : ys[i - 1]! - y,
    };
  });
}

/**
 * Lines to Markdown: the commonest font size (by characters) is the body; a short line at least
 * 15% larger is a heading, the largest size being level 1; a gap wider than 1.6 lines starts a
 * new paragraph, as does every page.
 */
export function pdfItemsToMarkdown(pages: PdfTextItem[][]): string {
  const lines = pages.map(pageLines);
  const charsBySize = new Map<number, number>();
  for (const line of lines.flat()) charsBySize.set(Math.round(line.fontSize), (charsBySize.get(Math.round(line.fontSize)) ?? 0) + line.text.length);
  const body = [...charsBySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const isHeading = (line: Line) => line.fontSize >= body * 1.15 && line.text.split(' ').length <= 14;
  const headingSizes = [
    ...new Set(
      lines
        .flat()
        .filter(isHeading)
        .map((line) => Math.round(line.fontSize)),
    ),
  ].sort((a, b) => b - a);

  const out: string[] = [];
  for (const page of lines) {
    out.push('');
    for (const line of page) {
      if (isHeading(line)) {
        const level = Math.min(headingSizes.indexOf(Math.round(line.fontSize)) + 1, 3);
        out.push('', `${'#'.repeat(level)} ${line.text}`, '');
      } else {
        if (line.gap > line.fontSize * 1.6 && out[out.length - 1] !== '') out.push('');
        out.push(line.text);
      }
    }
  }
  return out.join('\n');
}

export async function pdfToMarkdown(bytes: Uint8Array, options: PdfReadOptions): Promise<string> {
  return pdfItemsToMarkdown(await readPdfTextItems(bytes, options));
}

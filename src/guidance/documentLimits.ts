// Size limits for the council documents read at start (GUIDANCE_DIR). A document is refused before
// it is parsed when its file is too big, or when it would inflate past the limit: a .docx is a zip,
// and a small zip can hold gigabytes ("zip bomb"); a PDF's streams are compressed the same way.
// A refused document is reported like any unreadable file, so it never stops the bot starting.
import yauzl from 'yauzl';

export interface DocumentLimits {
  /** Bytes on disk. */
  maxFileBytes: number;
  /** Bytes once inflated: a .docx's parts together, a PDF's extracted text. */
  maxInflatedBytes: number;
}

/** Generous for a procedure of a few hundred pages with pictures; far below what would hurt the bot. */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxFileBytes: 20 * 1024 * 1024, maxInflatedBytes: 50 * 1024 * 1024 };

export class DocumentTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentTooLargeError';
  }
}

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

export function checkFileSize(bytes: number, limits: DocumentLimits): void {
  if (bytes > limits.maxFileBytes) throw new DocumentTooLargeError(`the file is ${mib(bytes)}, more than the ${mib(limits.maxFileBytes)} allowed`);
}

/**
 * Refuses a zip whose parts would inflate past `maxInflatedBytes`. The sizes the zip declares are
 * added up first (cheap); then every part is inflated as a stream and thrown away, counting bytes,
 * because a hostile zip can declare small sizes (yauzl also stops a part that outgrows its
 * declared size). Memory stays at one stream chunk whatever the zip holds.
 */
export async function checkZipInflation(zip: Buffer, limits: DocumentLimits): Promise<void> {
  const tooBig = (what: string) => new DocumentTooLargeError(`it would inflate to ${what} than the ${mib(limits.maxInflatedBytes)} allowed (a zip bomb?)`);
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, file) => (err ? reject(err) : resolve(file))),
  );
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      archive.on('error', reject);
      archive.on('end', resolve);
      archive.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.maxInflatedBytes) return reject(tooBig(`more (${mib(declared)} declared)`));
        if (entry.fileName.endsWith('/')) return archive.readEntry();
        archive.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.maxInflatedBytes) {
              stream.destroy();
              reject(tooBig('more'));
            }
          });
          stream.on('error', reject);
          stream.on('end', () => archive.readEntry());
        });
      });
      archive.readEntry();
    });
  } finally {
    archive.close();
  }
}

// `npm run package`: the Teams app package, its checks, and the icons drawn in code.
import { unzipSync } from 'fflate';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/drawIcons';
import { buildAppPackage, PackageError } from '../../scripts/packageApp';
import { decodePng, encodePng } from '../../scripts/png';
import { palettePng, rgbPng } from './pngFixtures';

const APP_DIR = path.resolve(__dirname, '../../appPackage');
const GOOD_ENV = {
  BOT_ID: '0f3c1a2b-1234-4abc-9def-0123456789ab',
  DEVELOPER_NAME: 'Example Borough Council',
  DEVELOPER_WEBSITE: 'https://www.example.gov.uk',
  DEVELOPER_PRIVACY_URL: 'https://www.example.gov.uk/privacy/placement-stability',
  DEVELOPER_TERMS_URL: 'https://www.example.gov.uk/terms',
};

/** A copy of appPackage/ to spoil, with the zip written inside it. */
function copyOfAppPackage(): { appDir: string; outFile: string } {
  const appDir = path.join(mkdtempSync(path.join(tmpdir(), 'psb-package-')), 'appPackage');
  cpSync(APP_DIR, appDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  return { appDir, outFile: path.join(appDir, 'build', 'appPackage.zip') };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof PackageError) return err.problems;
    throw err;
  }
  throw new Error('expected the package to be refused');
}

const solid = (size: number, rgba: number[]) => encodePng({ width: size, height: size, pixels: new Uint8Array(size * size * 4).map((_, i) => rgba[i % 4]) });

describe('npm run package', () => {
  test('good settings give a zip of the manifest and two icons, valid and filled in', () => {
    const { appDir, outFile } = copyOfAppPackage();
    const built = buildAppPackage({ env: { ...GOOD_ENV, BOT_PUBLIC_URL: 'https://psb.example.gov.uk' }, appDir, outFile });
    const entries = unzipSync(readFileSync(outFile));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString('utf8'));
    expect(manifest).toEqual(built.manifest);
    expect(manifest.id).toBe(GOOD_ENV.BOT_ID);
    expect(manifest.bots[0].botId).toBe(GOOD_ENV.BOT_ID);
    expect(manifest.developer).toEqual({
      name: GOOD_ENV.DEVELOPER_NAME,
      websiteUrl: GOOD_ENV.DEVELOPER_WEBSITE,
      privacyUrl: GOOD_ENV.DEVELOPER_PRIVACY_URL,
      termsOfUseUrl: GOOD_ENV.DEVELOPER_TERMS_URL,
    });
    expect(manifest.validDomains).toEqual(['psb.example.gov.uk']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(decodePng(entries['color.png'])).toMatchObject({ width: 192, height: 192 });
    expect(decodePng(entries['outline.png'])).toMatchObject({ width: 32, height: 32 });
  });

  test('a missing BOT_ID is named, and nothing is written', () => {
    const { appDir, outFile } = copyOfAppPackage();
    const problems = problemsOf(() => buildAppPackage({ env: { ...GOOD_ENV, BOT_ID: '' }, appDir, outFile }));
    expect(problems).toEqual([expect.stringMatching(/^BOT_ID: expected the bot's Microsoft App ID \(a GUID\).*\(not set\)$/)]);
    expect(() => readFileSync(outFile)).toThrow();
  });

  test('a BOT_ID that is not a GUID, and developer URLs that are not https, are each named', () => {
    const problems = problemsOf(() =>
      buildAppPackage({
        env: { ...GOOD_ENV, BOT_ID: 'my-bot', DEVELOPER_PRIVACY_URL: 'http://www.example.gov.uk/privacy', DEVELOPER_TERMS_URL: undefined },
        ...copyOfAppPackage(),
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('BOT_ID: expected the bot\'s Microsoft App ID (a GUID), as in the Azure Bot registration (got "my-bot")'),
      expect.stringContaining('DEVELOPER_PRIVACY_URL: expected an https:// URL'),
      expect.stringContaining('DEVELOPER_TERMS_URL: expected an https:// URL'),
    ]);
  });

  test('a manifest field the schema refuses is named with its path (and the setting it came from)', () => {
    const { appDir, outFile } = copyOfAppPackage();
    const manifest = JSON.parse(readFileSync(path.join(appDir, 'manifest.json'), 'utf8'));
    manifest.description.short = 'x'.repeat(81);
    manifest.bots[0].scopes = ['personal', 'meeting'];
    writeFileSync(path.join(appDir, 'manifest.json'), JSON.stringify(manifest));
    const problems = problemsOf(() => buildAppPackage({ env: { ...GOOD_ENV, DEVELOPER_NAME: 'The Royal Borough of Somewhere Very Long' }, appDir, outFile }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'manifest.json developer.name (from DEVELOPER_NAME): must NOT have more than 32 characters',
        'manifest.json description.short: must NOT have more than 80 characters',
        expect.stringMatching(/^manifest\.json bots\[0\]\.scopes\[1\]: must be equal to one of the allowed values: one of team, personal, groupChat/),
      ]),
    );
  });

  test('an icon of the wrong size is refused with its size', () => {
    const { appDir, outFile } = copyOfAppPackage();
    writeFileSync(path.join(appDir, 'color.png'), solid(96, [0x1f, 0x6e, 0x5c, 255]));
    expect(problemsOf(() => buildAppPackage({ env: GOOD_ENV, appDir, outFile }))).toEqual(['icons.color: color.png must be 192x192 pixels (it is 96x96)']);
  });

  test('an outline icon that is not white on transparent is refused', () => {
    const { appDir, outFile } = copyOfAppPackage();
    writeFileSync(path.join(appDir, 'outline.png'), solid(32, [0x1f, 0x6e, 0x5c, 255]));
    expect(problemsOf(() => buildAppPackage({ env: GOOD_ENV, appDir, outFile }))).toEqual([
      'icons.outline: outline.png must be white on a transparent background (it has coloured pixels)',
    ]);
  });

  test("ICONS: a council's own logo as a palette PNG (colour) and a palette PNG with a transparent entry (outline) are accepted", () => {
    const { appDir, outFile } = copyOfAppPackage();
    // colour icon: three palette colours, no transparency
    writeFileSync(
      path.join(appDir, 'color.png'),
      palettePng(
        192,
        [
          [0x1f, 0x6e, 0x5c, 255],
          [255, 255, 255, 255],
          [0xc0, 0x39, 0x2b, 255],
        ],
        (x, y) => (x < 64 ? 0 : y < 96 ? 1 : 2),
      ),
    );
    // outline icon: palette entry 0 fully transparent (tRNS), entry 1 white
    writeFileSync(
      path.join(appDir, 'outline.png'),
      palettePng(
        32,
        [
          [0, 0, 0, 0],
          [255, 255, 255, 255],
        ],
        (x, y) => (x > 8 && x < 24 && y > 8 && y < 24 ? 1 : 0),
      ),
    );
    buildAppPackage({ env: GOOD_ENV, appDir, outFile });
    const entries = unzipSync(readFileSync(outFile));
    const color = decodePng(entries['color.png']);
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect([...color.pixels.slice(0, 4)]).toEqual([0x1f, 0x6e, 0x5c, 255]);
    expect([...color.pixels.slice((100 * 192 + 100) * 4, (100 * 192 + 100) * 4 + 4)]).toEqual([0xc0, 0x39, 0x2b, 255]);
  });

  test('ICONS: an RGB PNG (no alpha) is read; as an outline it is refused for having nothing transparent, not for its colour type', () => {
    const { appDir, outFile } = copyOfAppPackage();
    writeFileSync(path.join(appDir, 'color.png'), rgbPng(192, [0x1f, 0x6e, 0x5c]));
    writeFileSync(path.join(appDir, 'outline.png'), rgbPng(32, [255, 255, 255]));
    expect(problemsOf(() => buildAppPackage({ env: GOOD_ENV, appDir, outFile }))).toEqual([
      'icons.outline: outline.png must be white on a transparent background (nothing is transparent)',
    ]);
  });

  test('ICONS: a file that is not a PNG is named', () => {
    const { appDir, outFile } = copyOfAppPackage();
    writeFileSync(path.join(appDir, 'color.png'), 'GIF89a not a png');
    expect(problemsOf(() => buildAppPackage({ env: GOOD_ENV, appDir, outFile }))).toEqual([expect.stringMatching(/^icons\.color: color\.png: not a readable PNG file/)]);
  });

  test("the command menu must match the bot's chat commands", () => {
    const { appDir, outFile } = copyOfAppPackage();
    const manifest = JSON.parse(readFileSync(path.join(appDir, 'manifest.json'), 'utf8'));
    const personal = manifest.bots[0].commandLists[0].commands;
    personal.splice(
      personal.findIndex((c: { title: string }) => c.title === 'my tasks'),
      1,
      { title: 'my cases', description: 'Not a command' },
    );
    writeFileSync(path.join(appDir, 'manifest.json'), JSON.stringify(manifest));
    expect(problemsOf(() => buildAppPackage({ env: GOOD_ENV, appDir, outFile }))).toEqual([
      expect.stringContaining('missing the bot\'s command(s) "my tasks"'),
      expect.stringContaining('"my cases" is not a command the bot knows'),
    ]);
  });
});

describe('the icons', () => {
  // Drawn once: supersampling the 192x192 icon takes a moment under jest.
  const color = drawColorIcon();
  const outline = drawOutlineIcon();

  test('the committed PNGs are what scripts/drawIcons.ts draws (run `npm run icons` after changing it)', () => {
    for (const [file, drawn] of [
      ['color.png', color],
      ['outline.png', outline],
    ] as const) {
      const committed = decodePng(readFileSync(path.join(APP_DIR, file)));
      expect({ file, width: committed.width, height: committed.height }).toEqual({ file, width: drawn.width, height: drawn.height });
      expect(Buffer.from(committed.pixels).equals(Buffer.from(drawn.pixels))).toBe(true);
    }
  });

  test('the PNG encoder and decoder agree, and the colour icon is full colour (opaque)', () => {
    const decoded = decodePng(encodePng(color));
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(color.pixels))).toBe(true);
    expect(decoded.pixels.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
    expect([...decoded.pixels.slice(0, 4)]).toEqual([0x1f, 0x6e, 0x5c, 255]);
  });
});

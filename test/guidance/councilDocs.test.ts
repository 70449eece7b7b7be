import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { loadCouncilDocs, splitPlainText } from '../../src/guidance/councilDocs';
import { GuidanceIndex, loadGuidanceIndex } from '../../src/guidance/search';
import { buildDocx } from './support/docx';

// A fictional council's own procedures, in the three supported formats.
const KINSHIP_MD = `---
owner: Anytown Kinship Team
---
# Kinship Care Procedures (Anytown Council)

Connected carers looking after a relative's child are supported by the Kinship Support Team.

## Respite for connected carers

Connected carers may ask for up to fourteen nights of respite a year. The request goes to the
Kinship Support Team, who arrange a registered respite carer.

## Contact with parents

Family time is set out in the care plan and reviewed by the child's social worker.
`;

const OUT_OF_HOURS_TXT = `Anytown Out of Hours Placement Procedure

Evenings and weekends
When a child needs a placement after 5pm or at a weekend, ring the Emergency Duty Team on the
number in the duty rota. The duty senior decides on the placement.

Next working day
The allocated team takes the case back at 9am and books the placement planning meeting.
`;

describe('council documents', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'psb-guidance-'));
    writeFileSync(path.join(dir, 'kinship.md'), KINSHIP_MD);
    writeFileSync(path.join(dir, 'out-of-hours.txt'), OUT_OF_HOURS_TXT);
    mkdirSync(path.join(dir, 'leaving-care'));
    writeFileSync(
      path.join(dir, 'leaving-care', 'staying-put.docx'),
      buildDocx([
        { text: 'Staying Put Policy', heading: 1 },
        { text: 'Eligibility', heading: 2 },
        { text: 'A young person who turns eighteen can carry on living with their former foster carers under a Staying Put arrangement until they are twenty-one.' },
        { text: 'Carer allowance', heading: 2 },
        { text: 'Staying Put carers receive a weekly allowance agreed by the Leaving Care Service.' },
      ]),
    );
    writeFileSync(path.join(dir, 'broken.docx'), 'this is not a zip file');
    writeFileSync(path.join(dir, 'empty.md'), '\n\n');
    writeFileSync(path.join(dir, 'scan.pdf'), '%PDF-1.4');
    writeFileSync(path.join(dir, 'minutes.odt'), 'not a supported type');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits .md, .txt and .docx files by heading', async () => {
    const { passages } = await loadCouncilDocs(dir);
    const byFile = (file: string) => passages.filter((p) => p.file === file).map((p) => p.section);

    expect(byFile('kinship.md')).toEqual(['Kinship Care Procedures (Anytown Council)', 'Respite for connected carers', 'Contact with parents']);
    expect(byFile('out-of-hours.txt')).toEqual(['Evenings and weekends', 'Next working day']);
    expect(byFile('leaving-care/staying-put.docx')).toEqual(['Eligibility', 'Carer allowance']);

    const respite = passages.find((p) => p.section === 'Respite for connected carers')!;
    expect(respite.docTitle).toBe('Kinship Care Procedures (Anytown Council)');
    expect(respite.text).toMatch(/fourteen nights of respite/);
    expect(respite.id).toBe('kinship.md#respite-for-connected-carers');
    expect(passages.find((p) => p.file.endsWith('.docx'))!.docTitle).toBe('Staying Put Policy');
    expect(passages.find((p) => p.file.endsWith('.txt'))!.docTitle).toBe('Anytown Out of Hours Placement Procedure');
  });

  it('reports unreadable and empty files instead of throwing, and skips other types', async () => {
    const { problems, skipped } = await loadCouncilDocs(dir);
    expect(problems.map((p) => p.file).sort()).toEqual(['broken.docx', 'empty.md', 'scan.pdf']);
    expect(problems.find((p) => p.file === 'empty.md')!.reason).toBe('no text found');
    expect(problems.find((p) => p.file === 'scan.pdf')!.reason).toMatch(/^not a readable PDF/);
    expect(skipped).toEqual(['minutes.odt']);
  });

  it('reports a missing folder', async () => {
    const result = await loadCouncilDocs(path.join(dir, 'no-such-folder'));
    expect(result.passages).toEqual([]);
    expect(result.problems[0]!.reason).toMatch(/cannot read folder/);
  });

  it('lets a council passage win and be cited', async () => {
    const { index, councilDocs } = await loadGuidanceIndex({ guidanceDir: dir });
    expect(councilDocs!.passages.length).toBeGreaterThan(0);

    const respite = index.search('how many nights of respite can connected carers ask for?');
    expect(respite.found).toBe(true);
    expect(respite.entryId).toBeUndefined();
    expect(respite.passage!.id).toBe('kinship.md#respite-for-connected-carers');
    expect(respite.answer).toMatch(/fourteen nights/);
    expect(respite.sources).toEqual([{ doc: 'kinship.md', title: 'Kinship Care Procedures (Anytown Council)', section: 'Respite for connected carers' }]);

    const stayingPut = index.search('can a YP stay with their foster carers after 18 - staying put?');
    expect(stayingPut.passage?.file).toBe('leaving-care/staying-put.docx');
    expect(stayingPut.sources![0]).toMatchObject({ title: 'Staying Put Policy', section: 'Eligibility' });

    const outOfHours = index.search('who do I ring for a placement at the weekend, emergency duty team?');
    expect(outOfHours.passage?.file).toBe('out-of-hours.txt');
  });

  it('still answers pack questions from the pack', async () => {
    const { index } = await loadGuidanceIndex({ guidanceDir: dir });
    expect(index.search('who chairs a disruption meeting?').entryId).toBe('disruption-meeting-chair');
  });

  it('reads GUIDANCE_DIR when no folder is given', async () => {
    const saved = process.env.GUIDANCE_DIR;
    process.env.GUIDANCE_DIR = dir;
    try {
      const { index } = await loadGuidanceIndex();
      expect(index.passageCount).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.GUIDANCE_DIR;
      else process.env.GUIDANCE_DIR = saved;
    }
  });

  it('works without council documents', async () => {
    const saved = process.env.GUIDANCE_DIR;
    delete process.env.GUIDANCE_DIR;
    try {
      const { index, councilDocs } = await loadGuidanceIndex();
      expect(councilDocs).toBeUndefined();
      expect(index.passageCount).toBe(0);
    } finally {
      if (saved !== undefined) process.env.GUIDANCE_DIR = saved;
    }
  });

  it("finds the headings of a council's plain-text guidance: a title, short headings on their own lines, lists", async () => {
    // a procedure laid out as the councils' own exports are (written for this test, in our own words)
    const { passages, problems } = await loadCouncilDocs(path.resolve(__dirname, '../fixtures/council-guidance'));
    expect(problems).toEqual([]);
    const sections = new Set(passages.map((p) => p.section));
    for (const heading of ['Instructions for Managers', 'Timing', 'Attendees', 'Please note', 'Ending of Short Breaks']) {
      expect(sections).toContain(heading);
    }
    // a list's lead-in ("This could be if:") and its items are no headings
    expect(sections).not.toContain('This could be if:');
    expect([...sections].some((s) => s.startsWith('- '))).toBe(false);
    // and the index can stand on them as a council's own folder
    const index = new GuidanceIndex({ passages });
    expect(index.passageCount).toBe(passages.length);
    expect(index.search('how many nights in a row can a short break be without the service manager agreeing?').passage?.section).toBe('Please note');
  });
});

describe('splitPlainText', () => {
  it('does not take wrapped sentences or list items for headings', () => {
    const sections = splitPlainText(
      [
        'Timing',
        '',
        'The meeting happens within three days of the referral and',
        'is chaired by the team manager.',
        '',
        '- Short list item',
        '',
        'Next steps:',
        'Book the room.',
      ].join('\n'),
    );
    expect(sections.filter((s) => s.heading).map((s) => s.heading)).toEqual(['Timing']);
  });
});

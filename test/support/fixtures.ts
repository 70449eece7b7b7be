// Files the tests read, all inside the repository, so the suite passes on any clone.
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

/** The synthetic SSDA903 sample (MIT, Social Finance Ltd): five years of returns, 2017-2021. */
export const SSDA903_SAMPLE = path.join(FIXTURES, 'ssda903-sample');

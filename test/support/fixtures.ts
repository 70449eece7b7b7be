// The shared test fixtures, all inside the repository so the suite passes on any clone:
// - the made-up roster and children of examples/ (the same people `npm start` loads locally),
//   loaded into a service context with `loadExamplePeople`;
// - a complete, valid move request form (`validMoveForm`, in ./moveForm), which a test changes
//   only in the fields it is about; the same for convening a stability meeting (`validStabilityConveneForm`, in ./meetingForm);
// - the synthetic SSDA903 sample (MIT, Social Finance Ltd): five years of returns, 2017-2021.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../../src/services/context';
import type { ConversationAddress } from '../../src/store/records';
import { importChildren } from '../../src/services/people';
import { importRoster } from '../../src/services/rosterImport';

export { validMoveForm } from './moveForm';
export { validStabilityConveneForm } from './meetingForm';

export const FIXTURES = path.resolve(__dirname, '../fixtures');
export const SSDA903_SAMPLE = path.join(FIXTURES, 'ssda903-sample');

export const EXAMPLES = path.resolve(__dirname, '../../examples');
export const exampleRosterCsv = (): string => readFileSync(path.join(EXAMPLES, 'roster.csv'), 'utf8');
export const exampleChildrenCsv = (): string => readFileSync(path.join(EXAMPLES, 'children.csv'), 'utf8');

/** Imports the example roster, then the example children (whose workers must be on the roster). */
export async function loadExamplePeople(ctx: ServiceContext): Promise<void> {
  await importRoster(ctx, exampleRosterCsv(), 'test');
  await importChildren(ctx, exampleChildrenCsv(), 'test');
}

/** A personal chat's address as the bot stores it (plain fields, see ConversationAddress). */
export const chatAddress = (conversationId: string, serviceUrl = 'https://smba.trafficmanager.net/uk/'): ConversationAddress => ({
  conversationId,
  serviceUrl,
  tenantId: 'tenant-example',
  botId: '28:bot-example',
  conversationType: 'personal',
  userAadId: null,
});

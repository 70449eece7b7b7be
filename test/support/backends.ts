// The storage backends every store-facing test runs on: the embedded store, the official MongoDB
// driver against the MongoDB-wire test server, and a real MongoDB when MONGODB_TEST_URI is set.
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { MongoClient } from 'mongodb';
import { silentLogger, type ServiceContext } from '../../src/services/context';
import type { Store } from '../../src/store/collection';
import { openEmbeddedStore } from '../../src/store/embeddedStore';
import { openMongoStore } from '../../src/store/mongoStore';
import { openRecords } from '../../src/store/records';
import { startWireServer } from './mongoWire';

export interface BackendRun {
  /** Opens a new, empty store. */
  open(): Promise<Store>;
  tearDown(): Promise<void>;
}

export interface Backend {
  name: string;
  /** Set when the backend cannot run here; the suite is then reported as skipped. */
  skipReason?: string;
  /** The wire test server accepts unique indexes but does not enforce them on writes. */
  enforcesUniqueIndexes: boolean;
  setUp(): Promise<BackendRun>;
}

export const uniqueSuffix = (): string => `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

export async function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'psb-store-'));
}

/** Stores on one MongoDB server, each in its own database, dropped at the end. */
function mongoRun(uri: string, stopServer: () => Promise<void> = async () => undefined): BackendRun {
  const dbNames: string[] = [];
  return {
    open: () => {
      const dbName = `psb_contract_${uniqueSuffix()}`;
      dbNames.push(dbName);
      return openMongoStore(uri, dbName, { serverSelectionTimeoutMS: 5000 });
    },
    tearDown: async () => {
      const client = await MongoClient.connect(uri);
      try {
        for (const dbName of dbNames) await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
        await stopServer();
      }
    },
  };
}

const realMongoUri = process.env.MONGODB_TEST_URI;

export const backends: Backend[] = [
  {
    name: 'embedded store (nedb)',
    enforcesUniqueIndexes: true,
    setUp: async () => {
      const root = await makeTempDir();
      let stores = 0;
      return {
        open: () => openEmbeddedStore(path.join(root, `store${++stores}`)),
        tearDown: () => fs.rm(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'mongodb store on the wire test server',
    enforcesUniqueIndexes: false,
    setUp: async () => {
      const server = await startWireServer();
      return mongoRun(server.uri, server.stop);
    },
  },
  {
    name: realMongoUri ? 'mongodb store on a real MongoDB (MONGODB_TEST_URI)' : 'mongodb store on a real MongoDB: skipped, set MONGODB_TEST_URI to run',
    skipReason: realMongoUri ? undefined : 'MONGODB_TEST_URI is not set',
    enforcesUniqueIndexes: true,
    setUp: async () => mongoRun(realMongoUri!),
  },
];

/**
 * Declares the suite once per backend (one that cannot run here is reported as skipped, with the
 * reason); `freshStore()` opens a new, empty store on that backend.
 */
export function describeOnEveryBackend(title: string, body: (freshStore: () => Promise<Store>) => void): void {
  describe.each(backends)(`${title} on $name`, (backend) => {
    if (backend.skipReason) {
      test.skip(backend.skipReason, () => undefined);
      return;
    }
    let run: BackendRun;
    beforeAll(async () => {
      run = await backend.setUp();
    });
    afterAll(() => run.tearDown());
    body(() => run.open());
  });
}

/** The services' context on a store, with the clock the test sets (and no outbox wake-ups). */
export async function serviceContextOn(store: Store, now: () => Date): Promise<ServiceContext> {
  return { records: await openRecords(store), now, log: silentLogger, onOutboxChanged: () => undefined };
}

/**
 * For a suite declared with describeOnEveryBackend: a new, empty store before each test (closed
 * after it) and a clock that starts at `start` for each test and moves only when the test moves it.
 * `context()` opens a new service context on the store each call, as a second process on the same
 * database would.
 */
export function storeAndClockForEachTest(freshStore: () => Promise<Store>, start: string) {
  let store: Store | null = null;
  let clock = new Date(start);
  beforeEach(async () => {
    store = await freshStore();
    clock = new Date(start);
  });
  afterEach(async () => {
    await store?.close();
    store = null;
  });
  return {
    context: (): Promise<ServiceContext> => serviceContextOn(store!, () => clock),
    now: (): Date => clock,
    /** Moves the clock on by `ms`. */
    advance: (ms: number): void => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

// Starts a MongoDB-wire test server (CongoServer from @push.rocks/smartmongo) for tests, since no
// real mongod can be installed on these machines (see /work/shared/STACK-NOTES.md).
//
// Why a child process: the package is ESM-only. Jest runs tests in a vm sandbox whose `require`
// cannot load ESM and whose dynamic `import()` needs --experimental-vm-modules. A plain Node 20.19+
// process can `require()` it, so the server runs in its own `node` process and reports its port.
//
// Why the server is patched: CongoServer casts every `_id` to an ObjectId (a string id such as
// 'case-1' fails with "input must be a 24 character hex string") and keys documents by ObjectId
// hex. MongoDB itself accepts any `_id` type and our ids are strings, so the child replaces the
// four id-keyed methods of its in-memory storage with ones that keep string ids as they are, and
// lets its index builder (which records members by `_id.toHexString()`) read string ids too.
// What it still does not do (unique indexes are not enforced on writes, among others) is listed
// at the top of test/store/collection.contract.test.ts.
import { spawn, type ChildProcess } from 'child_process';

export interface WireServer {
  /** Connection string for the official driver (direct connection, no replica set). */
  uri: string;
  /** Stops the server process; safe to call twice. */
  stop(): Promise<void>;
}

const serverScript = (modulePath: string): string => `
const { CongoServer, MemoryStorageAdapter, ObjectId } = require(${JSON.stringify(modulePath)});

const keyOf = (id) => (typeof id === 'string' ? 'string:' + id : 'objectId:' + new ObjectId(id).toHexString());
const storage = MemoryStorageAdapter.prototype;
storage.insertOne = async function (dbName, collName, doc) {
  const collection = this.ensureCollection(dbName, collName);
  const stored = { ...doc, _id: doc._id ?? new ObjectId() };
  const key = keyOf(stored._id);
  if (collection.has(key)) throw new Error('Duplicate key error: _id ' + key);
  collection.set(key, stored);
  return stored;
};
storage.findById = async function (dbName, collName, id) {
  return this.ensureCollection(dbName, collName).get(keyOf(id)) || null;
};
storage.updateById = async function (dbName, collName, id, doc) {
  const collection = this.ensureCollection(dbName, collName);
  if (!collection.has(keyOf(id))) return false;
  collection.set(keyOf(id), doc);
  return true;
};
storage.deleteById = async function (dbName, collName, id) {
  return this.ensureCollection(dbName, collName).delete(keyOf(id));
};
Object.defineProperty(String.prototype, 'toHexString', { value() { return String(this); } });

(async () => {
  const server = new CongoServer({ port: 0, host: '127.0.0.1' });
  await server.start();
  // CongoServer.port returns the configured 0; the listening socket knows the real one.
  process.stdout.write(JSON.stringify({ port: server.server.address().port }) + '\\n');
  // The parent closes stdin to stop us (and it closes by itself if the parent dies).
  process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
  process.stdin.resume();
})().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\\n');
  process.exit(1);
});
`;

export async function startWireServer(): Promise<WireServer> {
  const modulePath = require.resolve('@push.rocks/smartmongo/dist_ts/congodb/index.js');
  const child = spawn(process.execPath, ['-e', serverScript(modulePath)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await readPort(child);
  let stopped: Promise<void> | undefined;
  return {
    // poll: the server announces streaming heartbeats (topologyVersion) but cannot stream them, so
    // in the default mode the driver's monitor fails about once a second and clears the connection
    // pool, failing operations in flight ("Server ended moreToCome unexpectedly").
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true&serverMonitoringMode=poll`,
    stop: () => (stopped ??= stopChild(child)),
  };
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('\n')) return;
      child.stdout!.off('data', onData);
      resolve((JSON.parse(output.split('\n')[0]) as { port: number }).port);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`wire server exited with code ${code} before listening`)));
    child.once('error', reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.stdin!.end();
  });
}

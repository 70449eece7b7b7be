import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { openStore } from '../../src/store/openStore';
import { startWireServer } from '../support/mongoWire';

describe('openStore', () => {
  test('without a MongoDB URI it opens the embedded store in dataDir', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'psb-open-'));
    try {
      const store = await openStore({ mongodbDb: 'unused', dataDir });
      expect(store.kind).toBe('embedded');
      await store.close();
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  test('with a MongoDB URI it opens MongoDB', async () => {
    const server = await startWireServer();
    try {
      const store = await openStore({ mongodbUri: server.uri, mongodbDb: 'psb', dataDir: '/nonexistent/unused' });
      expect(store.kind).toBe('mongodb');
      await store.ping();
      await store.close();
    } finally {
      await server.stop();
    }
  });
});

// Chooses the backend: MongoDB when a connection string is configured, else the embedded store.
import type { Store } from './collection';
import { openEmbeddedStore } from './embeddedStore';
import { openMongoStore } from './mongoStore';

/**
 * A bot must answer an activity within 15 s; the driver's default 30 s wait for an unreachable
 * server would outlast that, so an outage is reported (StoreUnavailableError) after 5 s instead.
 */
const MONGODB_SERVER_SELECTION_TIMEOUT_MS = 5000;

export interface StoreConfig {
  mongodbUri?: string;
  mongodbDb: string;
  /** Folder of the embedded store's files (used only without `mongodbUri`). */
  dataDir: string;
}

export async function openStore(cfg: StoreConfig): Promise<Store> {
  return cfg.mongodbUri ? openMongoStore(cfg.mongodbUri, cfg.mongodbDb, { serverSelectionTimeoutMS: MONGODB_SERVER_SELECTION_TIMEOUT_MS }) : openEmbeddedStore(cfg.dataDir);
}

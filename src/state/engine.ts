import { EngineClient } from '../workers/client/engine-client';

/**
 * The one engine of the page: every public method of `DatasetEngine`, answered by the worker
 * (or by the same engine on the main thread when no worker can start).
 */
export const engine = new EngineClient().engine;

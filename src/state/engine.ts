import { EngineClient } from '../workers/client/engine-client';

/** The one engine client of the page. Tests may replace it before the store is used. */
export const engine = new EngineClient();

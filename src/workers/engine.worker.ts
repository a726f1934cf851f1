/// <reference lib="webworker" />
import { setExportDigest } from '../core/engine/export-table';
import { workerDigest } from './digest-client';
import { createEngineHost } from './engine-host';
import type { RequestMessage } from './protocol';

// Thin entry: all logic lives in the host and the core engine.
const scope = self as unknown as DedicatedWorkerGlobalScope;
// Exports hash their bytes in a worker of their own, beside the writer (digest-client.ts).
setExportDigest(workerDigest);
const handle = createEngineHost((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event: MessageEvent<RequestMessage>) => handle(event.data);

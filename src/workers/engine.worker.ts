/// <reference lib="webworker" />
import { createEngineHost } from './engine-host';
import type { RequestMessage } from './protocol';

// Thin entry: all logic lives in the host and the core engine.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createEngineHost((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event: MessageEvent<RequestMessage>) => handle(event.data);

/// <reference lib="webworker" />
import { createEngineHost } from './engine-host';
import type { CancelMessage, RequestMessage } from './protocol';

// Thin entry: all logic lives in the host and the core engine.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createEngineHost((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<RequestMessage | CancelMessage>) => handle(event.data);

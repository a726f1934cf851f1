import type { DatasetEngine } from '../core/engine/dataset-engine';
import type { PorterErrorCode, PorterErrorDetails } from '../core/model/porter-error';

/**
 * The wire between the page and the engine worker, derived from `DatasetEngine` itself: every
 * public method of the engine is a call, with the engine's own argument and result types. Adding
 * a method to the engine adds the call; nothing here lists them (docs/architecture.md, "Where
 * the data lives").
 */

/** Names of the engine's public methods. */
export type EngineMethod = {
  [K in keyof DatasetEngine]: DatasetEngine[K] extends (...args: never[]) => unknown ? K : never;
}[keyof DatasetEngine];

/**
 * An argument as the page passes it. Task options (`TaskOptions`: signal, progress callback)
 * stay as they are — the client keeps them and turns them into a cancel message and progress
 * events. Any other callback cannot cross a thread and is left out of the type.
 */
type WireArg<T> = T extends (...args: never[]) => unknown ? never : T;

type WireArgs<A extends readonly unknown[]> = { [I in keyof A]: WireArg<A[I]> };

/** The engine as the page sees it: the same methods, each answering with a promise. */
export type RemoteEngine = {
  readonly [K in EngineMethod]: DatasetEngine[K] extends (...args: infer A) => infer R
    ? (...args: WireArgs<A>) => Promise<Awaited<R>>
    : never;
};

export interface CallMessage {
  readonly kind: 'call';
  readonly id: number;
  readonly method: EngineMethod;
  readonly args: readonly unknown[];
  /**
   * Where the caller's task options were (-1: none). The host puts its own there: a signal that
   * a cancel message aborts, and a progress callback that posts progress messages.
   */
  readonly task: number;
}

export interface CancelMessage {
  readonly kind: 'cancel';
  readonly id: number;
}

export type RequestMessage = CallMessage | CancelMessage;

/** A failure as data: the code picks the catalogue message, details fill it in. */
export interface WireError {
  readonly code: PorterErrorCode;
  readonly details: PorterErrorDetails;
}

export type ResponseMessage =
  | { readonly kind: 'progress'; readonly id: number; readonly progress: unknown }
  | { readonly kind: 'result'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly error: WireError }
  | { readonly kind: 'cancelled'; readonly id: number };

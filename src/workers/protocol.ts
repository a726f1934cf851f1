import type { LoadSummary, OpenProgress, RowWindow, ViewSummary } from '../core/engine/dataset-engine';
import type { ExportProgress, ExportRequest } from '../core/engine/export-table';
import type { SourceSettings } from '../core/engine/source-settings';
import type { ViewSpec } from '../core/engine/table-view';
import type { PorterErrorCode, PorterErrorDetails } from '../core/model/porter-error';

/** Every request the page can send to the engine worker, with the answer it gets. */
export interface EngineCalls {
  open: {
    args: { file: Blob; fileName: string; settings?: SourceSettings };
    result: LoadSummary;
    progress: OpenProgress;
  };
  configure: { args: { patch: Partial<SourceSettings> }; result: LoadSummary; progress: OpenProgress };
  view: { args: { view: ViewSpec }; result: ViewSummary; progress: never };
  window: { args: { start: number; count: number }; result: RowWindow; progress: never };
  findRow: { args: { sourceRow: number }; result: number; progress: never };
  export: {
    args: { request: ExportRequest };
    result: { blob: Blob; size: number; sha256: string; mimeType: string };
    progress: ExportProgress;
  };
}

export type CallName = keyof EngineCalls;

export type RequestMessage = {
  [K in CallName]: { readonly kind: 'call'; readonly id: number; readonly call: K; readonly args: EngineCalls[K]['args'] };
}[CallName];

export interface CancelMessage {
  readonly kind: 'cancel';
  readonly id: number;
}

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

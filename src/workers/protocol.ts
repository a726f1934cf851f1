import type { LoadSummary, OpenProgress, RowWindow, ViewSummary } from '../core/engine/dataset-engine';
import type { ExportProgress, ExportRequest } from '../core/engine/export-table';
import type { SourceSettings } from '../core/engine/source-settings';
import type { MappingPlan } from '../core/engine/mapped-columns';
import type { InvalidRowPolicy } from '../core/engine/mapped-table';
import type { ProfileExportResult, ProfileRequest } from '../core/engine/profile-export';
import type { LookupResult, LookupTableSummary } from '../core/engine/lookup-session';
import type { LookupSpec } from '../core/lookup/match-lookup';
import type { EditOp, MappedRow, MappedSummary, RowFilter } from '../core/engine/mapped-workspace';
import type { MappingProposal } from '../core/engine/mapping-session';
import type { CrmObject } from '../core/schema/schema-types';
import type { BaselineSummary, CommitResult, DecisionOp, ReviewItem, ReviewSummary } from '../core/engine/review-session';
import type { ChangeKind, DiffOptions } from '../core/diff/diff-types';
import type { DiffProgress } from '../core/diff/fingerprint';
import type { KeyResolution } from '../core/diff/key-spec';
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
    args: { request: ExportRequest; policy?: InvalidRowPolicy };
    result: { blob: Blob; size: number; sha256: string; mimeType: string; skipped: number };
    progress: ExportProgress;
  };
  propose: { args: { object: CrmObject }; result: MappingProposal; progress: never };
  applyMapping: {
    args: { plan: MappingPlan };
    result: MappedSummary;
    progress: { phase: 'map' | 'validate'; done: number; total: number };
  };
  mappedWindow: {
    args: { start: number; count: number; filter: RowFilter };
    result: { total: number; rows: MappedRow[]; version: number };
    progress: never;
  };
  nextProblem: { args: { from: number; direction: 1 | -1; filter: RowFilter }; result: number; progress: never };
  edit: { args: { op: EditOp }; result: MappedSummary; progress: never };
  undo: { args: Record<string, never>; result: MappedSummary; progress: never };
  redo: { args: Record<string, never>; result: MappedSummary; progress: never };
  duplicates: { args: { limit: number }; result: { field: string; rows: MappedRow[] }[]; progress: never };
  errorReport: {
    args: { messages: Readonly<Record<string, string>>; format?: 'csv' | 'xlsx' };
    result: { blob: Blob; size: number; sha256: string; mimeType: string };
    progress: never;
  };
  loadBaseline: {
    args: { file: Blob; fileName: string; stored: { fingerprints: Uint8Array; columns: readonly string[] } | null };
    result: BaselineSummary;
    progress: OpenProgress;
  };
  runDiff: { args: { options: Omit<DiffOptions, 'baseFingerprints'> }; result: ReviewSummary; progress: DiffProgress };
  reviewWindow: {
    args: { start: number; count: number; kinds: readonly ChangeKind[]; search: string };
    result: { total: number; items: ReviewItem[]; version: number };
    progress: never;
  };
  decide: { args: { op: DecisionOp }; result: ReviewSummary; progress: never };
  reviewUndo: { args: Record<string, never>; result: ReviewSummary; progress: never };
  reviewRedo: { args: Record<string, never>; result: ReviewSummary; progress: never };
  resolveConflict: {
    args: { side: 'base' | 'next'; resolution: KeyResolution };
    result: ReviewSummary;
    progress: DiffProgress;
  };
  commit: { args: Record<string, never>; result: CommitResult; progress: DiffProgress };
  adoptCommit: { args: Record<string, never>; result: { rowCount: number; columns: readonly string[] }; progress: never };
  loadLookup: { args: { file: Blob; fileName: string }; result: LookupTableSummary; progress: never };
  matchLookup: { args: { spec: LookupSpec }; result: LookupResult; progress: never };
  exportProfile: {
    args: { request: ProfileRequest; policy?: InvalidRowPolicy };
    result: ProfileExportResult;
    progress: never;
  };
  exportChanges: {
    args: { format: 'json' | 'csv' | 'xml' | 'xlsx' };
    result: { blob: Blob; size: number; sha256: string; mimeType: string };
    progress: never;
  };
  mergeReport: {
    args: { file: Blob };
    result: {
      summary: MappedSummary;
      op: Extract<EditOp, { kind: 'set-many' }>;
      unknownRows: number;
      rows: number;
    };
    progress: never;
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

import type { DiffCounts } from '../core/diff/diff-types';
import type { CliContext } from './context';
import type { DiffArgs } from './diff-command';

export async function duckdbUsable(): Promise<boolean> {
  return false;
}

export async function duckdbDiff(_ctx: CliContext, _a: DiffArgs): Promise<{ counts: DiffCounts; compareColumns: string[] }> {
  throw new Error('todo');
}

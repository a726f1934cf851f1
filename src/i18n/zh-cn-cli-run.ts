import type { enCliRun } from './en-cli-run';

/** 流式 `run` 的消息（src/cli/stream-run.ts，docs/cli.md “Streamed run”）。 */
export const zhCNCliRun: Record<keyof typeof enCliRun, string> = {
  'cli.run.no-stream':
    '任务 {job} 无法以流式方式运行（{reason}），而 JavaScript 引擎处理它约需 {need} 内存。请调高 --max-memory 并使用 --engine js 运行，或为 UTF-8 CSV 文件及文本格式导出重新保存任务。',
};

import type { enCliRun } from './en-cli-run';

/** 流式 `run` 的消息（src/cli/stream-run.ts，docs/cli.md “Streamed run”）。 */
export const zhCNCliRun: Record<keyof typeof enCliRun, string> = {
  'cli.run.no-stream':
    '任务 {job} 无法以流式方式运行（{reason}），而 JavaScript 引擎处理它约需 {need} 内存。请调高 --max-memory 并使用 --engine js 运行，或为 UTF-8 CSV 文件及文本格式导出重新保存任务。',
  'cli.run.baseline-unsupported':
    '流式运行读取的基线须为 CSV 文件（UTF-16 或 ISO-2022-JP 以外的编码）或由扁平文本列组成的快照；{file} 是 {format}。请使用 --engine js 运行该任务（如需更多内存请调高 --max-memory），或先将基线转换为 CSV。',
};

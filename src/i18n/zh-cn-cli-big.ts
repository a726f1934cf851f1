import type { enCliBig } from './en-cli-big';

/** 命令行有界内存路径的消息（src/cli，docs/cli.md “Big files”）。 */
export const zhCNCliBig: Record<keyof typeof enCliBig, string> = {
  'cli.memory.heap':
    '读取 {file}（{size}）约需 {need} 内存，超过此 Node 进程可用的 {limit}。请用 --max-memory 提供更多内存（命令会据此设定 Node 的堆大小），拆分文件，或对 CSV 文件的比较使用 --engine duckdb。',
  'cli.diff.needs-duckdb':
    '用 JavaScript 引擎比较 {file}（{size}）约需 {need} 内存，超过允许的 {limit}。大文件的比较在 DuckDB 中运行，但它尚未安装：请运行 "npm install @duckdb/node-api" 安装，或提高 --max-memory。',
  'cli.duckdb.memory':
    'DuckDB 引擎用尽了 --max-memory 允许的内存（{reason}）。请提高 --max-memory；放不下的数据 DuckDB 会移到临时文件夹，但连接本身仍需一定内存。',
  'cli.convert.columns-grew':
    '{file} 在写出第一部分之后出现了字段多于表头的记录；已再读一遍文件，以写出所有列。',
  'cli.memory.exceeded':
    '命令所需内存超过 --max-memory 允许的 {limit}，已停止。未写出任何输出文件。请提高 --max-memory，或对 CSV 文件的比较使用 --engine duckdb。',
};

import type { enMemory } from './en-memory';

/** 简体中文：文件为何超出浏览器能容纳的大小，按格式说明（见 docs/limits.md）。 */
export const zhCNMemory: Readonly<Record<keyof typeof enMemory, string>> = {
  'error.file-too-large.memory':
    '此 CSV 文件大小为 {size}，超过了 CRM Porter 在一个浏览器标签页中能处理的上限（{limit}）：与基准比较并导出时，内存中要保留其数据的多份副本，而一个标签页只能使用几 GB 内存。请将其拆分为较小的文件（例如按地区或日期），或少加载一些列。',
  'error.file-too-large.one-string':
    '此文件大小为 {size}，超过了 CRM Porter 对此格式的读取上限（{limit}）：JSON、NDJSON 和 XML 会作为一整段文本读取，而浏览器限制一段文本最多约 5.12 亿个字符。请将其拆分为较小的文件，或导出为 CSV（CSV 分段读取，可以更大）。',
  'error.file-too-large.workbook':
    '此工作簿大小为 {size}，超过了 CRM Porter 的读取上限（{limit}）：工作簿解压后会是其大小的许多倍。请在 Excel 中将工作表另存为 CSV 后再加载，或将其拆分为较小的工作簿。',
  'error.file-too-large.settings':
    '“{file}”大小为 {size}：结构、模板列表或快照描述文件最大为 {limit}，所以这很可能是另一个文件（数据文件？）。未读取任何内容。请确认选择的文件是否正确。',
  'error.file-too-large.report':
    '此错误报告大小为 {size}，超过了 CRM Porter 能合并回来的上限（{limit}）：报告会作为一整段文本读取，而浏览器限制一段文本最多约 5.12 亿个字符。请将其拆分为几个较小的文件（每个都保留标题行），再逐个合并。',
  'error.file-too-large.snapshot':
    '此快照的数据大小为 {size}，超过了 CRM Porter 在一个浏览器标签页中能读回的上限（{limit}）。未读取也未更改任何内容。请改为与较小的文件比较，例如生成此快照的导出文件，按地区或日期拆分后再比较。',
  'error.snapshot-too-large.write-failed':
    '浏览器拒绝保存此快照（{size}），尽管其存储空间估算显示足够：无痕窗口或只在内存中保存网站数据的浏览器能容纳的更少。未保存也未更改任何内容。请使用普通窗口，或比较较小的文件（例如按地区或日期拆分），然后再次提交。',
};

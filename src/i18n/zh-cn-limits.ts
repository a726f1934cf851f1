import type { enLimits } from './en-limits';

/** 简体中文：超出读取上限的文件（见 docs/limits.md）。 */
export const zhCNLimits: Readonly<Record<keyof typeof enLimits, string>> = {
  'error.too-many-fields':
    '第 {row} 条记录使不同字段的数量超过 {limit}（在“{column}”处）。CRM Porter 最多读取 {limit} 列。请少导出一些字段，或将嵌套列表单独导出为一个文件。',
  'error.xml-too-deep':
    'XML 在第 {line} 行第 {column} 列处的元素嵌套超过 {limit} 层。CRM 记录通常只嵌套几层；请去掉深层嵌套后重新导出。',
  'error.xlsx-part-too-large':
    '此工作簿中的“{path}”解压后超过 {limit}（整个工作簿解压后最多 {total}）。它对浏览器来说太大，或并非真正的电子表格。请在 Excel 中将工作表另存为 CSV 后再加载。',
  'error.xlsx-cell-out-of-range':
    '工作表“{sheet}”在 {cell} 处有一个单元格，超出了 Excel 允许的范围（XFD 列、1,048,576 行）。文件已损坏，或并非由电子表格程序写入。请在 Excel 中打开并重新保存。',
  'error.xlsx-sheet-too-large':
    '工作表“{sheet}”跨越 {rows} 行 × {columns} 列（至单元格 {cell}）；CRM Porter 每个工作表最多读取 {maxColumns} 列、{limit} 个单元格。请删除未使用的行和列（或将数据复制到新工作表），保存后重试。',
  'error.xlsx-text-too-long':
    '“{path}”中的一个单元格有 {length} 个字符；Excel 每个单元格最多允许 {limit} 个字符。此文件并非由 Excel 写入或已损坏。请将工作表另存为 CSV 后再加载。',
};

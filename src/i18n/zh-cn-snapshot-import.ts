import type { enSnapshotImport } from './en-snapshot-import';

/** “历史”中快照导入的消息（src/features/review/snapshot-import.tsx）。 */
export const zhCNSnapshotImport: Record<keyof typeof enSnapshotImport, string> = {
  'review.history.import': '导入快照…',
  'review.history.importHelp':
    '由 crm-porter run 写出的快照：请同时选择它的三个文件（NAME.snapshot.json、NAME.ndjson 和 NAME.fingerprints）。',
  'error.snapshot-import': '这些文件不是本页面可以导入的快照。未向“历史”添加任何内容。',
  'error.snapshot-import.missing':
    '该快照还需要 {file}。未向“历史”添加任何内容。请同时选择 crm-porter run 写出的三个文件：NAME.snapshot.json、NAME.ndjson 和 NAME.fingerprints。',
  'error.snapshot-import.format':
    '{file} 不是 CRM Porter 快照描述文件（crm-porter/snapshot，版本 1）。未向“历史”添加任何内容。请选择 crm-porter run 写出的 NAME.snapshot.json。',
  'error.snapshot-import.canonical':
    '{file} 使用规范形式 {found} 生成；本页面使用 {expected}。未向“历史”添加任何内容。请用此版本的 crm-porter run 重新生成快照。',
  'error.snapshot-import.fingerprints':
    '{file} 含有 {found} 个指纹，而记录为 {expected} 条：这些文件不属于同一个快照。未向“历史”添加任何内容。请选择同一快照的三个文件。',
};

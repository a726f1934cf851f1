import type { enCli } from './en-cli';

/** `crm-porter` 命令的消息（src/cli）。 */
export const zhCNCli: Record<keyof typeof enCli, string> = {
  'cli.help': `crm-porter —— 以命令行运行 CRM Porter 引擎（数据不离开本机）

用法：
  crm-porter inspect 文件 [--json]
  crm-porter convert 输入 --to csv|json|ndjson|xml|xlsx --out 输出 [--sha256]
        [--delimiter ,] [--bom] [--no-formula-guard] [--quoting minimal|all] [--newline crlf|lf]
        [--style pretty|compact] [--root records] [--record record] [--sheet Data] [--overflow split|refuse]
  crm-porter diff --baseline 文件 --new 文件 --key 列[,列…]
        [--mode add-update|add-only|update-only|mirror]
        [--update always|if-not-empty|fill-empty] [--rule 字段=规则 …] [--empty keeps|clears]
        [--format json|csv|xml] [--out 文件] [--undo-out 文件] [--ignore-case] [--no-trim]
        [--compare 列,…] [--engine js|duckdb|auto]
  crm-porter run 任务.json --new 文件 [--baseline 文件|快照.json] --out-dir 目录
        [--engine js|duckdb|auto] [--allow-missing-columns]

所有命令通用的选项：
  --json               在标准输出写 JSON 摘要
  --lang en|zh-CN      消息语言（默认 en；LANG 以 zh 开头时为 zh-CN）
  --max-memory 大小    内存预算（如 512M、2G；纯数字表示 MiB）：限制 Node 的堆；CSV 转换流式进行，
                       大的比较交给 DuckDB，放不下的事先直接拒绝
  --quiet              不显示进度条
  -h, --help           显示本帮助

退出码：0 完成（diff：没有变化），1 diff：有变化，2 出错，130 已中止（Ctrl-C）。`,
  'cli.error': 'crm-porter：{message}',
  'cli.hint.help': '运行 "crm-porter --help" 查看用法。',
  'cli.arg.unknown-command': '未知命令“{name}”。可用命令：inspect、convert、diff、run。',
  'cli.arg.no-command': '没有给出命令。可用命令：inspect、convert、diff、run。',
  'cli.arg.missing': '缺少 {option}。',
  'cli.arg.bad-value': '{option} 只能是 {allowed} 之一；收到的是“{value}”。',
  'cli.arg.bad-size': '{option} 须为大小，如 512M 或 2G；收到的是“{value}”。',
  'cli.arg.bad-delimiter': '--delimiter 须为一个字符，且不能是引号、CR 或 LF；收到的是“{value}”。',
  'cli.arg.invalid': '{reason}',
  'cli.arg.unknown-option': '未知选项 {option}。',
  'cli.arg.needs-value': '{option} 需要一个值。',
  'cli.arg.extra': '多余的参数“{value}”。',
  'cli.arg.missing-file': '需要一个文件参数。',
  'cli.file.not-found': '无法读取 {file}：文件不存在。',
  'cli.file.not-a-file': '无法读取 {file}：它不是普通文件。',
  'cli.file.out-dir': '无法写入 {dir}：该文件夹不存在，请先创建。',
  'cli.max-memory':
    '读取 {file}（{size}）约需 {need} 内存，超过 --max-memory 允许的 {limit}。请调大 --max-memory、拆分文件，或对 CSV 文件的比较使用 --engine duckdb。',
  'cli.interrupted': '已中止（Ctrl-C）。没有写出任何输出文件。',
  'cli.internal': '发生意外错误：{reason}。请再次运行该命令；如果仍以同样方式失败，请报告此消息。',
  'cli.key.unknown': '键列“{column}”不在任一文件中。{file} 的列：{columns}。',
  'cli.key.missing':
    '键列“{column}”不在 {file} 中，因此它的记录都没有键。{file} 的列：{columns}。请与含有该列的文件比较，或选择两个文件都有的键列。',
  'cli.key.conflicts':
    '键冲突：{sides}。未写出任何内容。请在文件中修正键，或在页面的“审阅变更”步骤中解决冲突。',
  'cli.key.conflicts.side': '{file} 中：{problems}（第一处：第 {row} 条记录）',
  'cli.key.conflicts.missing': '{missing} 条记录没有键',
  'cli.key.conflicts.duplicates': '{duplicates} 个键出现在多条记录上',
  'cli.key.conflicts.and': '{first}，{second}',
  'cli.key.conflicts.sides': '{first}；{second}',
  'cli.job.invalid':
    '任务文件 {file} 无效：位置 {path}，{reason}。请在页面上重新保存（导出 → 保存为任务）。',
  'cli.job.syntax': '任务文件 {file} 不是 JSON：{reason}。',
  'cli.job.version':
    '任务文件 {file} 的版本是 {version}；此 crm-porter 只读取版本 {supported}。请在页面上重新保存任务。',
  'cli.job.no-review': '该任务没有键，无法与基线比较。请在“审阅变更”步骤之后重新保存。',
  'cli.snapshot.invalid': '快照 {file} 无效：{reason}。',
  'cli.duckdb.missing':
    'DuckDB 引擎需要可选包 @duckdb/node-api，但它没有安装。请运行 "npm install @duckdb/node-api" 安装，或使用 --engine js。',
  'cli.duckdb.unsupported':
    'DuckDB 引擎只读取带表头的 UTF-8 CSV 文件，以及作为基线的 crm-porter run 所写的快照；{file} 是 {format}（{encoding}）。请使用 --engine js，或先转换为 CSV。',
  'cli.inspect.file': '文件',
  'cli.inspect.size': '大小',
  'cli.inspect.format': '格式',
  'cli.inspect.encoding': '编码',
  'cli.inspect.dialect': 'CSV 方言',
  'cli.inspect.dialect.value':
    '分隔符 {delimiter}，引号 {quote}，换行 {newline}，表头 {header}，跳过行数 {skip}',
  'cli.inspect.records': '记录数',
  'cli.inspect.columns': '列',
  'cli.inspect.issues': '问题',
  'cli.inspect.issues.more': '……另有 {count} 个（各类数量见 --json）',
  'cli.inspect.none': '无',
  'cli.inspect.why': '{reason} · {confidence}',
  'cli.progress.read': '读取中',
  'cli.progress.write': '写入中',
  'cli.progress.diff': '比较中',
  'cli.progress.line': '{phase} {rows} 行 · {bytes} · {rate}/秒 · 剩余 {eta}',
  'cli.written': '已写出 {file}（{size}），SHA-256 {sha256}',
  'cli.diff.counts':
    '新增：{added} · 修改：{modified} · 仅格式：{cosmetic} · 删除：{removed} · 缺席：{absent} · 未变：{unchanged}',
  'cli.diff.none': '没有变化。',
  'cli.diff.held': '保留（新数据中该行有错误）：{held}',
  'cli.run.skipped': '被排除的有错误的行：{rows}',
  'cli.run.errors': '有错误的行：{rows}',
  'cli.run.ambiguousPhones': '警告：有 {count} 行的电话号码已按丢失“+”的国际号码读取，但也是有效的国内号码，请核对（导出文件中该号码以 + 和国家代码开头）。',
  'cli.run.missing-columns':
    '{file} 缺少任务读取的 {count} 列：{missing}。{file} 的列：{columns}。未写出任何内容：任务会让每条新记录的 {fields} 为空，且不比较这些字段。请修正生成该文件的导出，在页面上按该文件的列重新保存任务，或使用 --allow-missing-columns 在没有这些字段的情况下运行。',
  'cli.run.missing-columns.allowed':
    '警告：{file} 缺少任务读取的 {count} 列：{missing}。按 --allow-missing-columns 的要求，任务在没有这些列的情况下运行：{fields} 不参与比较（基线中的记录保留原值），新记录中没有这些值。',
};

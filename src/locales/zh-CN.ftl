# crossfoot 的中文提示。参数：金额已格式化（千分位，带单位）；$n 等为计数。
# 用语从财政业务习惯：合计、小计、应为、相差、疑似、舍入误差、计算结果。

## 表内勾稽

footing = { $label }行「{ $column }」（{ $cell }）为 { $stated }，但所汇总的 { $n } 行（{ $inputs }）相加为 { $computed }，差额 { $difference }
cross-footing = { $label }的「{ $column }」（{ $cell }）为 { $stated }，但{ $names }（{ $inputs }）相加为 { $computed }，差额 { $difference }
hierarchy = { $label }（{ $cell }）为 { $stated }，但其下 { $n } 个子项（{ $inputs }）相加为 { $computed }，差额 { $difference }
of-which-over = { $label }下的“其中”各行（{ $inputs }）相加为 { $computed }，超过了其所属的 { $stated }（{ $cell }）
of-which-incomplete = { $label }（{ $cell }）为 { $stated }，但其完整的“其中”明细（{ $inputs }）相加为 { $computed }，差额 { $difference }
score-cap = { $label }的{ $score_name }（{ $cell }）为 { $score }，超过了{ $max_name } { $maximum }（{ $max_cell }）
within-rounding = { $message }；差额 { $difference } 在舍入误差范围内（±{ $tolerance }）
relation-fails = 勾稽关系不成立

hint-check-inputs = 请逐项核对数据来源，并检查合计是否漏加或重复加了某一行
hint-of-which-over = 部分不能大于整体：请更正{ $label }或“其中”各行
hint-score-cap = 得分不能超过该指标的分值：请更正得分或分值

label-stated-computed = 填报 { $stated }，计算结果 { $computed }
excerpt-hidden-row = { $row } 隐藏
label-score-over = 得分 { $score } 超过分值 { $maximum }

## 公式

formula-range = { $label }（{ $cell }）的公式为 ={ $formula }，{ $what }；本组应合计的行为 { $inputs }
formula-leaves-out = 漏加了 { $rows }（{ $names }）
formula-adds-counted = 还加了已在别处合计过的行：{ $rows }（{ $names }）
formula-adds-outside = 还加了本组以外的行：{ $rows }（{ $names }）
both = { $first }，并且{ $second }
hint-formula-range = 请使公式恰好覆盖本组各行：{ $sum }
formula-hardcoded = { $label }的「{ $column }」（{ $cell }）直接录入了数字 { $stated }，而同一组的其他合计（{ $cells }）是公式：明细变动时它不会随之更新
hint-formula-hardcoded = 请改为公式：{ $sum }
formula-stale = { $cell } 显示为 { $cached }，但按保存时的单元格，其公式 ={ $formula } 的计算结果为 { $computed }：工作簿保存前未重新计算
hint-formula-stale = 请重新计算工作簿（Excel 中按 F9）后再核对数字

## 可能的原因

slip-swap = 相邻两位数字颠倒：应为 { $proposed }，误录为 { $typed }
slip-unit-large = 单位错误：大了 10,000 倍（在万元表中填了元？）
slip-unit-small = 单位错误：小了 10,000 倍（在元表中填了万元？）
slip-sign = 正负号错误
slip-left-out = 合计漏加了{ $row }
slip-counted-twice = 合计重复加了{ $row }
slip-subtotal-added = 合计既加了{ $row }，又加了它所汇总的明细
slip-every-subtotal-added = 合计既加了各小计，又加了小计所汇总的明细
slip-wrong-column = 该数抄自「{ $column }」列
slip-typo = 一位数字录错：应为 { $proposed }，误录为 { $typed }
suspect-in-all = 唯一同时出现在全部 { $n } 个不成立关系中的单元格
suspect-alone = 仅改动此数即可使关系成立
suspect-tied-cell = { $reason }；现有证据不能确定是哪一个单元格，其他可能如下
suspect-tied-figure = { $reason }；现有证据不能确定是哪一个数字，其他可能如下

## 文字报告

text-sum-holds = 所列 { $n } 项（{ $items }）相加为 { $computed }，与所述一致
text-sum = 文中合计为 { $stated }，但其前所列 { $n } 项（{ $items }）相加为 { $computed }，差额 { $difference }
hint-text-sum = 请逐项核对金额来源，并检查句中是否漏列了某一项
label-items-sum-to-this = 各项之和即此数
label-stated-items-sum = 文中为 { $stated }，各项之和为 { $computed }
label-probably = 疑似应为 { $proposed }
text-unit-slip-large = { $figure } 约为其他各项的 10,000 倍：疑似元与万元混用
text-unit-slip-small = { $figure } 约为其他各项的万分之一：疑似元与万元混用
label-unit-slip = 与相邻各项相差 10,000 倍
text-count-holds = { $claim }：其后列出 { $n } 项，与所述一致
text-count = { $claim }，但其后列出的是 { $n } 项
hint-text-count = 句中可能漏列了一项，或个数有误
label-as-many-as-stated = 所列项数与所述一致
label-stated-listed = 文中为 { $stated }，实列 { $n } 项
text-ratio = { $subject }：{ $part } / { $whole }，占 { $ratio }%，而非文中所述的 { $stated }%
text-ratio-holds = { $subject }：{ $part } / { $whole }，占 { $ratio }%
label-ratio = { $part } / { $whole } 为 { $ratio }%
label-percent = { $ratio }%
text-coverage = 该段称“{ $word }”，但{ $subject }实为 { $part } / { $whole }，占 { $ratio }%
hint-text-coverage = 请说明“全覆盖”所指的范围，或写明比例
text-score-missing-max = “{ $label }”部分缺少满分：标题中“分”字前没有分值
text-score-missing-max-items = “{ $label }”部分缺少满分：标题中“分”字前没有分值（其下各项分值合计 { $items }）
hint-text-score-missing-max = 请像其他标题一样，在“分”字前写明本部分满分
label-no-maximum = 此处缺少满分
text-score-cap = { $label }得 { $score } 分，超过其满分 { $maximum }
label-above-maximum = 超过满分 { $maximum }
text-score-sum = “{ $label }”部分得分为 { $score }，但其下各项得分合计为 { $items }
text-score-sum-max = “{ $label }”部分满分为 { $maximum }，但其下各项分值合计为 { $items }
label-items-give = 各项合计 { $items }
text-score-total = 报告所述总分为 { $stated }，但 { $n } 个部分的满分合计为 { $maxima }、得分合计为 { $scores }：满分 { $maxima } 的得分写成 { $stated }，需要说明
text-score-total-holds = { $n } 个部分得分合计为 { $scores }，与所述一致（满分合计 { $maxima }）
hint-text-score-total = 请按实际满分写明得分，或说明折算方法
label-sections-give = 各部分合计得分 { $scores }（满分 { $maxima }）
text-change-holds = { $claim }：由 { $base } 到 { $amount }，变动 { $change }（{ $percent }%），与所述一致
text-change-undecided-base = { $claim }：句中未给出比较的基数，无法核对增减
text-change-undecided-amount = { $claim }：句中未给出本期金额，无法核对增减
text-change-from-zero = { $claim }：基数为 0，增减百分比无从计算
hint-text-change-from-zero = 基数为 0 时宜写明增加的金额，而非百分比
label-from-zero = 基数为 0
label-undecided = 无法核对
label-change-holds = 与所述一致
text-change-direction = 文中称“{ $word }”，但 { $amount } 与基数 { $base } 相比变动 { $change }，应为“{ $right }”
label-change-direction = 应为“{ $right }”
text-change-by = 文中增减额为 { $stated }，但 { $amount } 减去基数 { $base } 为 { $computed }
text-change-percent = 文中增减幅度为 { $stated }%，但按所列数字计算为 { $computed }%（本期 { $amount }，基数 { $base }）
hint-text-change-base-digit-added = 基数疑似多输了一位数字：按其十分之一计算，正是所述百分比
hint-text-change-base-digit-dropped = 基数疑似少输了一位数字：按其十倍计算，正是所述百分比
hint-text-change-other-amount = 该项在本段的另一金额 { $other } 正好得出所述百分比：{ $amount } 疑似录入有误
text-change-contradiction = 同一变动既称“{ $word }”又称“{ $other }”
label-change-contradiction = 前文为“{ $word }”
text-compare = 文中称“{ $claim }”，但{ $left } { $a } 与{ $right_name } { $b } 相比应为“{ $right }”
text-compare-holds = { $claim }：{ $left } { $a }，{ $right_name } { $b }，与所述一致
text-compare-undecided = { $claim }：本段未给出两者的金额，无法核对
hint-text-compare = 说明文字疑似沿用了其他项目的表述：请按本项金额改写，并核对所述原因
label-compare = 应为“{ $right }”
text-restated = 该项在标题处为 { $heading }，此处却为 { $again }
text-restated-holds = 该项金额 { $heading } 前后两次表述一致
hint-text-restated = 两处之一录入有误：请与该科目在表中的金额核对
label-restated = 标题处为 { $heading }
label-restated-holds = 与标题处一致
text-share = { $part } / { $whole } 为 { $computed }%，而非文中所述的 { $stated }%
text-share-holds = { $part } / { $whole } 为 { $computed }%，与所述一致
text-share-undecided = { $part }：本段未给出总数（“其中”之前没有金额），无法核对占比
text-share-sum = 各部分相加即为总数，但文中 { $n } 个占比合计为 { $stated }%，而非 100%
label-shares-sum = 占比合计 { $stated }%
text-row = 文中为 { $stated }，但{ $title }中“{ $label }”的「{ $column }」（{ $cell }）为 { $table }
text-row-holds = { $stated } 与{ $title }中“{ $label }”一行（{ $cell }）一致
text-row-undecided = { $stated }：所指科目不在本文件的表中，或对应多行，无法核对
hint-text-row = 文字说明与表格未同步更新：请与预算数据核对
label-table-says = 表中为 { $table }
label-row-ties = 与表中一致
text-name = 文中称“{ $text }”，而{ $title }中该行（{ $code }）为“{ $table }”
hint-text-name = 请使用与表中一致的现行科目名称（210 类自 2019 年起为“卫生健康支出”）
label-named-otherwise = 表中为“{ $table }”
text-doubled = “{ $word }”连续重复出现
hint-text-doubled = “{ $word }”只需写一次
label-repeated = 重复
text-tie-holds = 合计 { $stated } 与工作簿中{ $label }的「{ $column }」（{ $cell }）一致
text-tie = 报告所述为 { $stated }，但工作簿中{ $label }的「{ $column }」（{ $cell }）为 { $computed }
hint-text-tie = 两者之一未同步更新：请核对工作簿的合计与报告
label-ties = 与工作簿一致
label-workbook-says = 工作簿中为 { $computed }

## 规则文件

rule-text = { $text }
rule-compared = 规则 { $id }：{ $head }（差额 { $difference }，容差 { $tolerance }）
rule-expects = { $expr } 为 { $value }，但规则要求 { $expected }
rule-two-sides = { $first } 为 { $first_value }，但 { $second } 为 { $second_value }
rule-does-not-hold = 规则 { $id }：`{ $expr }` 不成立
rule-condition-fails = `{ $expr }` 不成立
rule-group-differs = 规则 { $id }（{ $key }）：{ $head }（差额 { $difference }，容差 { $tolerance }）
rule-group-missing = 规则 { $id }：{ $key } 出现在 { $here } 中，但 { $there } 中没有
rule-row-fails = 规则 { $id }：`{ $expr }` 对 { $label }（第 { $row } 行）不成立：{ $values }
rule-cell-value = { $column } = { $value }
rule-cell-blank = { $column } = （空）
rule-required-blank = 规则 { $id }：{ $label }（第 { $row } 行）的 { $column } 为空，但此项必填
rule-repeats = 规则 { $id }：{ $label }（第 { $row } 行）的 { $column } { $value } 与第 { $first } 行重复

## 终端报告

help-probably = { $place } 疑似应为 { $proposed }（{ $reason }）
help-figure-at = 第 { $line } 行第 { $column } 列的数字
help-or-as-likely = 或同样可能：{ $others }
help-computed-from = 计算依据：{ $cells }
help-formula = 其公式：={ $formula }
tables = { $n } 张表
checks = { $n } 项勾稽
claims = { $n } 处表述
a-report = 文字报告
errors = { $n } 个错误
warnings = { $n } 个警告
items = { $n } 项
rules-count = { $n } 条规则
file-ok = 通过：{ $path }：{ $tables }，{ $checks }，全部相符
file-ok-nothing = 通过：{ $path }：{ $tables }，{ $checks }，全部相符（未找到含数字的表格）
file-findings = { $path }：{ $tables }，{ $checks }：{ $errors }，{ $warnings }
file-error = 错误：{ $path }：{ $error }
file-undecided = ；另有 { $n } 处说法因未给出基数或总数而无法核对
summary = 共检查 { $files } 个文件：{ $ok } 个无误，{ $findings } 个有问题，{ $errors } 个无法读取
elapsed = { $summary }，用时 { $secs } 秒
rules-line = 规则：{ $rules }，{ $items }：{ $passes } 项通过，{ $fails } 项不通过，{ $undecided } 项无法判定
rules-undecided-line = 无法判定：{ $id }（{ $items }中有 { $undecided } 项）：{ $reasons }
rule-counts = { $items }：{ $passes } 项通过，{ $fails } 项不通过，{ $undecided } 项无法判定
rule-undecided = { $items }中有 { $undecided } 项无法判定：{ $reasons }
place-line = 第 { $line } 行
place-page = 第 { $page } 页第 { $line } 行

## 无法读取的文件

read-password = 文件设有密码保护
read-empty = 空文件
read-scanned = 扫描版 PDF：没有文字层，不支持 OCR 识别
read-sideways = PDF 中的文字是旋转横排的：未能读取
read-not-a-pdf = 不是 PDF 文件（没有 %PDF 签名）
detail-no-pages = 文件中没有页面
detail-text-undecodable = 其中的文字无法解码
read-corrupt-pdf = PDF 文件已损坏：{ $detail }
read-not-a-spreadsheet = 不是电子表格：{ $detail }
read-corrupt-zip = 压缩包已损坏：{ $detail }
read-corrupt = 工作簿已损坏：{ $detail }
read-encoding = 无法识别文本编码：{ $detail }
read-io = 无法读取：{ $detail }
read-other = { $detail }
read-too-large = 文件过大：{ $detail }
read-not-a-file = 不是普通文件
read-timed-out = 未检查：用时超过了每个文件 { $secs } 秒的时限
read-internal = crossfoot 处理此文件时出错（内部错误，请报告）

## 命令行

in-rule-files = 规则文件中有 { $errors }
rules-found-nothing = 注意：{ $rules }没有找到可检查的表格：{ $ids }
rules-ok = 通过：{ $files }中共 { $rules }
rules-listed = 共 { $rules }，来自 { $files }
files-count = { $n } 个文件
no-files-found = 在所给路径中没有找到电子表格
output-is-input = -o { $path }：这是待检查的文件之一，请把报告写到别处
watch-state-ok = { $path }：通过
watch-state-findings = { $path }：{ $n } 处问题
watch-watching = 正在监视 { $paths } 的变动（按 Ctrl-C 停止）
watch-removed = { $path }：已删除
watch-no-change = { $path }：问题无变化

## 帮助

cli-usage = 用法
cli-commands = 命令
cli-options = 选项
cli-arguments = 参数
cli-help = 显示帮助
cli-version = 显示版本
cli-about-crossfoot = 核对财政报表和报告中的数字：合计、交叉合计、层级汇总、“其中”行、评分与自定义规则
cli-about-check = 检查电子表格（xlsx、xlsm、xlsb、xls、WPS 的 et、ods、csv）、文字报告（txt、md、docx）或其所在文件夹
cli-about-watch = 文件变动时自动重新检查，只显示问题的变化
cli-about-rules = 校验规则文件，或列出适用于某路径的规则
cli-about-rules-check = 不读数据，只校验规则文件本身
cli-about-rules-list = 列出将适用于某路径的规则及其来源
cli-arg-lang = 提示和帮助所用的语言：zh（中文）或 en（英文）（默认依次看 CROSSFOOT_LANG、系统语言）
cli-arg-rules = 规则文件或规则文件夹（可重复）
cli-arg-no-config = 忽略所检查文件夹及其上级中的 crossfoot.toml
cli-arg-jobs = 并行线程数（默认每个 CPU 核一个）
cli-arg-file-timeout = 每个文件的最长用时（秒）；超时的文件记为错误，其余文件继续检查（0 表示不限）
cli-arg-no-cache = 不使用也不更新以往结果的缓存
cli-arg-cache-dir = 缓存位置（默认：$CROSSFOOT_CACHE_DIR、$XDG_CACHE_HOME/crossfoot 或 ~/.cache/crossfoot）
cli-arg-show-info = 同时显示提示级结果（舍入误差范围内的差额）
cli-arg-paths = 文件或文件夹（文件夹会递归查找）
cli-arg-format = 输出格式
cli-arg-output = 把报告写入此文件（原子写入），而不是输出到屏幕
cli-arg-shard = 只检查 N 份中的第 K 份（从 1 起）：按路径哈希稳定划分文件，便于多台机器分担一个共享盘
cli-arg-annotate = 把每个有问题的工作簿另存一份到 DIR，出错单元格标色并附批注说明
cli-arg-debounce-ms = 文件变动后等待多久（毫秒）再重新检查
cli-arg-max-rechecks = 重新检查这么多次后退出（供脚本和测试用）
cli-watch-arg-paths = 要监视的文件或文件夹
cli-arg-files = 规则文件或规则文件夹
cli-arg-path = 将要检查的文件或文件夹
cli-rules-list-arg-rules = 规则文件或文件夹，同 `check --rules`
cli-rules-list-arg-no-config = 忽略 crossfoot.toml
cli-examples-crossfoot = 示例：
      crossfoot check 决算表.xlsx                      检查一个工作簿（有错误时退出码为 1）
      crossfoot check 共享盘/ --format json -o out.json  检查整个文件夹，输出 JSON
      crossfoot check 报表/ --rules 规则.toml           同时按规则文件检查
      crossfoot check 报表/ --format html -o 报告.html  生成可在浏览器中查看的 HTML 报告
      crossfoot check 报表/ --annotate 批注/           另存标出错误单元格的副本
      crossfoot --lang en check 决算表.xlsx            用英文输出
cli-examples-check = 示例：
      crossfoot check 决算表.xlsx                      检查一个工作簿
      crossfoot check 共享盘/ --format json -o out.json  检查文件夹，输出 JSON
      crossfoot check 报表/ --rules 规则.toml           同时按规则检查
      crossfoot check 报表/ --format html -o 报告.html  生成 HTML 报告

## HTML 报告

html-title = crossfoot 检查报告
html-files = 个文件
html-clean = 个无误
html-with-findings = 个有问题
html-unreadable = 个无法读取
html-tables = 张表
html-errors = 个错误
html-warnings = 个警告
html-info = 条提示
html-by-rule = 按检查项统计
html-rule = 检查项
html-rules = 规则
html-items = 项数
html-pass = 通过
html-fail = 不通过
html-undecided = 无法判定
html-why-undecided = 无法判定的原因
html-unreadable-files = 无法读取的文件
html-show = 显示：
html-all = 全部
sev-error = 错误
sev-warning = 警告
sev-info = 提示
status-ok = 通过
status-findings = 有问题
status-error = 无法读取
html-stated = 填报数
html-computed = 计算结果
html-difference = 相差
html-tolerance = 容差
html-unit = 单位
html-inputs = 计算依据
html-hint = 疑似
html-help = 建议
html-probably = { $cell } 疑似应为 { $proposed }（{ $reason }）

## 批注副本中的批注

note-suspect = → { $cell } 疑似应为 { $proposed }（{ $reason }）
note-see = crossfoot：疑似应为 { $proposed }（{ $reason }），见 { $cell }

help-heading = 建议

## 规则文件的错误提示

rf-here = 此处
rf-invalid-toml = 规则文件格式有误：{ $detail }
rf-cannot-read = 无法读取规则文件 { $path }：{ $detail }
rf-help-quote-keys = TOML 中除英文字母、数字、- 和 _ 以外的键名要加引号：[tables."项目"]
rf-help-fields = 规则可写 id、description、severity、tolerance、unit、table、variant 和 assert；表可写 file、sheet、title、headers、form 和 blank
rf-help-id-and-assert = 每条 [[rule]] 都要有 `id` 和 `assert`
rf-include-missing = 所引用的文件 { $path } 不存在
rf-label-not-found = 找不到
rf-help-include-relative = 路径相对于引用它的文件
rf-include-not-toml = 所引用的文件 { $path } 不是 .toml 规则文件
rf-label-not-a-rule-file = 不是规则文件
rf-help-include-toml = include 只能引用其他规则文件（.toml）
rf-unbalanced-pattern = 匹配模式中的 `[` 没有配对
rf-help-pattern = 匹配模式用 * 和 ? 作通配符
rf-empty-binding = 表 `{ $name }` 没有说明是哪张表
rf-label-empty-binding = 表的定义为空
rf-help-empty-binding = 至少写明 file、sheet、title、headers 中的一项
rf-unknown-table = 未定义的表 `{ $name }`
rf-label-not-declared = 未定义
rf-label-not-declared-in-tables = 未在 [tables] 中定义
rf-help-table-near = 是否想写 `{ $near }`？已定义的表：{ $tables }
rf-help-declare-table = 请先定义：[tables.{ $name }]，写明 sheet、title、file 或 headers
rf-help-tables = 已定义的表：{ $tables }
rf-where-not-condition = `where` 筛选必须是条件
rf-label-not-a-condition = 不是条件
rf-help-where = 例如 `where 项目.类型 == "专项"`
rf-assert-not-condition = 断言必须是条件，而不是一个数值
rf-label-a-value = 这是数值
rf-help-compare-it = 请写成比较：`… == …`、`… <= …`
rf-bare-column = `{ $column }` 没有说明属于哪张表
rf-label-which-table = 哪张表？
rf-help-bare-column = 写成 表名.{ $column }，或在规则上写 `table = "…"`；已有的表：{ $tables }
rf-empty-id = 规则 id 不能为空
rf-label-empty-id = id 为空
rf-duplicate-id = 规则 id `{ $id }` 重复
rf-label-used-before = 前面已用过
rf-help-own-id = 每条规则的 id 都要不同
rf-text-vs-number = 用 `{ $op }` 比较了文字和数字
rf-label-text-and-number = 文字与数字
rf-help-like-with-like = 金额与金额比较，文字与文字比较
rf-text-ordered = 文字不能用 `{ $op }` 比较大小
rf-help-text-equality = 文字只能用 == 或 != 比较
rf-unknown-unit = 未知单位 `{ $unit }`
rf-label-not-a-unit = 不是单位
rf-help-units = 可用的单位：{ $units }
rf-help-units-or-percent = 可用的单位：{ $units }；百分比写成 81.8%
rf-unknown-severity = 未知的级别 `{ $severity }`
rf-label-not-a-severity = 不是级别
rf-help-severity-near = 是否想写 `{ $near }`？级别为 error、warning 或 info
rf-help-severity = 级别为 error、warning 或 info
rf-bad-tolerance = `{ $tolerance }` 不是有效的容差
rf-label-not-a-quantity = 不是数量
rf-help-tolerance = 容差写成 "0.5 万元"、"0.1%" 或 "1"
rf-unexpected-char = 多余的字符 `{ $char }`
rf-unterminated-string = 字符串没有结束引号
rf-help-close-with = 请用 { $close } 结束
rf-single-equals = 单个 `=` 不是比较
rf-help-double-equals = 比较请用 `==`
rf-empty-expression = 表达式为空
rf-help-write-what-holds = 写出必须成立的关系，例如 `sum(项目.金额) == 项目["合计"].金额`
rf-trailing = 完整的表达式之后多出了 { $token }
rf-help-and-or = 多个条件用 `and` / `or` 连接
rf-tok-number = 数字 `{ $text }`
rf-tok-string = 字符串 "{ $text }"
rf-tok-quoted = '{ $text }'
rf-tok-code = `{ $text }`
rf-tok-end = 表达式结尾
rf-found = { $expected }，实际是 { $found }
rf-expected-op = 此处应有 `{ $op }`（{ $what }）
rf-to-close-paren = 用来闭合 `(`
rf-after-sheet-name = 跟在带引号的表名之后（'收支总表'!D8）
rf-to-close-text = 用来闭合 text(…)
rf-to-close-call = 用来闭合函数调用
rf-to-close-row-label = 用来闭合行名
rf-and-a-column = 行名之后还要写列名，例如 ["合计"].基本支出
rf-too-deep = 表达式嵌套超过 { $n } 层
rf-help-split = 请拆成几条规则，或用表来命名各部分
rf-too-many-terms = 表达式连接的项超过 { $n } 个
rf-help-sum-a-column = 请用 `sum(表.列)` 对整列求和，不要逐个列出单元格
rf-expected-between-and = `between … and …` 中缺少 `and`
rf-expected-column = 此处应为列名
rf-expected-column-of = `.` 之后应为 `{ $table }` 的列名
rf-expected-value = 此处应为数值
rf-expected-value-not = 此处应为数值，而不是 `{ $op }`
rf-not-a-number = `{ $text }` 不是数字
rf-expected-cell = 此处应为单元格，例如 D8
rf-not-a-cell = `{ $cell }` 不是单元格引用
rf-help-cell = 单元格写成列字母加行号，例如 D8
rf-expected-then = `if` 的条件之后应为 `then`
rf-expected-phrase = 此处应为数字前的短语（加引号），例如 text("共计")
rf-expected-row-label = 此处应为加引号的行名，例如 支出表["合计"]
rf-unknown-function = 未知函数 `{ $name }`
rf-help-function-near = 是否想写 `{ $near }`？可用的函数：{ $functions }
rf-help-functions = 可用的函数：{ $functions }
rf-dim-money = 金额
rf-dim-percent = 百分比
rf-dim-plain = 普通数字
rf-cannot-compare = { $left }不能与{ $right }比较
rf-cannot-add = 金额、百分比和个数不能相加
rf-row-check-alone = unique() 和 required() 只能单独作为一条规则的断言
rf-negate-numbers = 只有数字才能取负
rf-arith-numbers = 运算两边都必须是数字
rf-condition-not-value = 此处应为条件，实际是数值
rf-text-vs-amount = 文字与金额作了比较
rf-cannot-be-compared = 两者无法比较
rf-column-needs-aggregate = 此处的整列需要汇总函数
rf-label-whole-column = 整列
rf-help-aggregate = 请用 sum({ $column })、count({ $column }) 等，或逐行比较
rf-grouped-sides = 分组的一边（… by 键）只能与另一分组的一边比较
rf-help-column-near = 是否想写 { $near }？该表的表头：{ $headers }
rf-help-headers = 该表的表头：{ $headers }
rf-unknown-column = 表 `{ $table }`（{ $file } › { $sheet }）中没有列 `{ $column }`
rf-label-no-such-column = 无此列
rf-text-column-summed = `{ $column }` 是文字列，不是金额，不能求和或求平均
rf-label-text-column = 文字列
rf-help-count-it = 可用 count({ $column }) 或 count_distinct({ $column }) 计数
rf-only-sum-grouped = 只有 sum(… by …) 可以分组
rf-row-wise-one-table = 逐行规则只能使用一张表的列
rf-label-another-table = 另一张表

## 其他输出

junit-failures = { $n } 个错误
junit-warning = 警告：{ $finding }
run-error = 错误：{ $message }
run-annotated = 已另存批注副本：{ $path }
annotate-failed = { $path }：无法另存批注副本：{ $detail }
annotate-pdf = PDF 不做批注（发现已注明页码、表名、行和列）；可用 `crossfoot extract` 把其中的表格导出为工作簿
annotate-over-input = --annotate { $dir }：{ $input } 的副本会覆盖一个待检查文件（{ $copy }）；请选择不含待检查文件的文件夹
help-other = { $cell }（{ $proposed }）

## 无法读取的原因（详情）

sniff-html = 这是以电子表格扩展名保存的 HTML 网页
sniff-biff = 这是 Excel 2.x–5.0 工作表（无 OLE 容器的 BIFF2–5），crossfoot 无法读取：请另存为 xlsx
sniff-pdf = 这是 PDF 文档
sniff-xml = 这是 XML 文件（不支持 Excel 2003 XML）
sniff-text = 这是带电子表格扩展名的文本文件
sniff-unknown = 无法识别的文件格式
detail-sheets-share-a-part = { $sheets } 个工作表只对应 { $parts } 个工作表部件：工作表共用了同一部件
detail-shared-strings = 共享字符串声称有 { $claimed } 条，但其部件（{ $size } 字节）最多容纳 { $holds } 条
detail-reader-failed = 读取程序处理此文件时失败
detail-sheet-spans = 工作表“{ $sheet }”跨 { $rows } 行 × { $cols } 列
detail-file-spans = 文件跨 { $rows } 行 × { $cols } 列
detail-bad-xml = XML 有误：{ $detail }
detail-bad-ole = OLE 容器有误：{ $detail }
detail-binary-text = 文本文件中含有二进制数据
detail-binary-csv = .csv 文件中含有二进制数据
detail-not-a-docx = 不是 docx（没有 zip 签名）
detail-no-document-xml = 压缩包中没有 word/document.xml
detail-unknown-extension = 无法识别的扩展名
detail-a-text-report = 这是文字报告，由 crossfoot::text 读取
detail-not-valid-encoding = 不是有效的 { $encoding } 编码
detail-zip-bomb = 压缩炸弹：其部件 { $part } 从 { $packed } 字节解压为 { $size } 字节，超过 { $ratio } 倍
detail-inflates-too-much = 各部件解压后共 { $total } 字节，超过允许的 { $max } 字节

formula-uncached = 工作簿保存时没有计算结果：本表 { $n } 个公式（{ $cells }）已按 Excel 的算法由其引用单元格算出并核对{ $left ->
        [0] {""}
       *[other] ；另有 { $left } 个无法计算，保持空白，未核对
    }
hint-formula-uncached = 请用 Excel 或 WPS 打开工作簿，重新计算并保存后再报送

file-nothing-checked = { $path }：{ $tables }，没有可核对的内容（未找到可与明细核对的合计）

slip-text-skipped = 合计的 SUM 公式没有加上{ $row }：该数以文本形式存储，SUM 会跳过它

formula-hidden = { $cell } 的公式为 ={ $formula }，没有计入 { $n } 个隐藏行：{ $rows }
hint-formula-hidden = 若该行不应计入，请删除或加注说明；若应计入，请改用 SUBTOTAL(9, …) 或 SUM
undecided = { $cell }（{ $label } · { $column }）为“{ $text }”，不是数字，所在的 { $n } 项勾稽无法核对
hint-undecided = 请填入数字；没有数的填“—”。crossfoot 不会猜测数字
two-sided = { $label }（{ $cell }）为 { $stated }，但收入方的{ $income_label }（{ $income_cell }）为 { $computed }，收支两方相差 { $difference }
hint-two-sided = 两方各自相符时，请查是否有只录入了一方的行，或结转结余的数字两方不一致

# crossfoot extract
extract-none = { $path }：页面上没有找到表格
extract-done = 已将 { $tables } 张表写入 { $path }
extract-onto-input = { $path } 就是正在读取的 PDF：请把表格写到另一个文件
extract-not-xlsx = { $path }：表格以 xlsx 工作簿写出，请用 .xlsx 作为输出文件名

# PDF pages not read
pdf-page-no-text = 第 { $page } 页没有文字层（是扫描图片）：该页内容未做检查
pdf-page-sideways = 第 { $page } 页的文字是横排旋转的：该页内容未做检查
pdf-page-damaged = 第 { $page } 页已损坏、无法读取：该页内容未做检查
hint-pdf-page-unread = 请人工核对该页，或直接检查生成该页的工作簿
rf-unknown-form = 未知的标准表“{ $form }”
rf-label-unknown-form = 不是标准公开表之一
rf-help-forms = 标准表有：{ $forms }
rf-unknown-blank = 不认识 `blank = "{ $value }"`
rf-label-unknown-blank = 未知取值
rf-help-blank = `blank = "zero"` 把空白金额单元格视为 0；`blank = "undecided"`（默认）视为无法核对
template-missing = 本{ $document }缺少{ $table }
hint-template-missing = 标准{ $document }共九张表；无数据的表也应保留表格，并在表下说明（空表说明）
template-empty = 本{ $document }的{ $table }为空表，但未作说明
hint-template-empty = 请在表下注明无数据的原因（空表说明），如：本部门无政府性基金预算财政拨款收支，故本表为空表
template-recognised = 识别为{ $document }：找到九张表中的 { $found } 张；已应用 { $pack } 的 { $rules } 条规则
template-rule-undecided = 标准公开表规则 { $rule }：{ $items } 项中有 { $undecided } 项无法核对（{ $reasons }）
template-rule-not-applied = 标准公开表规则 { $rule } 适用于另一种模板格式，本文件未应用：{ $detail }
rules-recognised = 识别为{ $document }：九张表找到 { $found } 张；适用规则包 { $pack }
rules-form-missing = （缺失）
rules-templates-off = --no-templates：不应用该规则包
text-share-undecided-zero = { $part }：总数为 0，占比无从计算，无法核对
help-found-at = 位置：{ $place }

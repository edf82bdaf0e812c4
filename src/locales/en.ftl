# crossfoot's messages in English. Arguments: figures come formatted
# (thousands grouped, with their unit where they have one); $n and other
# counts are numbers, for plurals.

## Table checks

footing = { $label } of { $column } ({ $cell }) is { $stated }, but the { $n } { $n ->
        [one] row
       *[other] rows
    } it totals ({ $inputs }) sum to { $computed }: off by { $difference }
cross-footing = { $column } of { $label } ({ $cell }) is { $stated }, but { $names } ({ $inputs }) sum to { $computed }: off by { $difference }
hierarchy = { $label } ({ $cell }) is { $stated }, but its { $n } { $n ->
        [one] sub-item ({ $inputs }) comes
       *[other] sub-items ({ $inputs }) sum
    } to { $computed }: off by { $difference }
of-which-over = the 其中 rows under { $label } ({ $inputs }) sum to { $computed }, more than the { $stated } ({ $cell }) they are part of
of-which-incomplete = { $label } ({ $cell }) is { $stated }, but its complete 其中 breakdown ({ $inputs }) sums to { $computed }: off by { $difference }
score-cap = { $score_name } of { $label } ({ $cell }) is { $score }, above its maximum { $max_name } of { $maximum } ({ $max_cell })
within-rounding = { $message }; the difference of { $difference } is within rounding (±{ $tolerance })
relation-fails = the relation does not hold

hint-check-inputs = check each input against its source, and whether a row was left out of or added twice to the total
hint-of-which-over = a part cannot exceed its whole: update { $label } or the 其中 rows
hint-score-cap = a score cannot exceed the points the indicator is worth: correct the score or its maximum

label-stated-computed = stated { $stated }, computed { $computed }
excerpt-hidden-row = { $row } hidden
label-score-over = score { $score } exceeds its maximum { $maximum }

## Formulas

formula-range = { $label } ({ $cell }) is ={ $formula }, which { $what }; the rows it totals are { $inputs }
formula-leaves-out = leaves out { $rows } ({ $names })
formula-adds-counted = also adds rows already counted elsewhere: { $rows } ({ $names })
formula-adds-outside = also adds rows outside its block: { $rows } ({ $names })
both = { $first } and { $second }
hint-formula-range = make the formula cover exactly the rows of its block: { $sum }
formula-hardcoded = { $label } of { $column } ({ $cell }) is typed in as the number { $stated }, while the totals beside it ({ $cells }) are formulas: it will not follow its rows when they change
hint-formula-hardcoded = replace it with a formula: { $sum }
formula-stale = { $cell } shows { $cached } but its formula ={ $formula } gives { $computed } from the cells as saved: the workbook was saved without recalculating
hint-formula-stale = recalculate the workbook (F9 in Excel) and check the figures again

## What probably happened

slip-swap = two adjacent digits swapped: { $typed } typed for { $proposed }
slip-unit-large = a unit slip: 10,000 times too large (元 typed in a 万元 table?)
slip-unit-small = a unit slip: 10,000 times too small (万元 typed in a 元 table?)
slip-sign = the sign is wrong
slip-left-out = the total leaves out { $row }
slip-counted-twice = the total counts { $row } twice
slip-subtotal-added = the total adds { $row } as well as the items it sums
slip-every-subtotal-added = the total adds every 小计 as well as the items it sums
slip-wrong-column = the figure was copied from { $column }
slip-typo = one digit mistyped: { $typed } typed for { $proposed }
suspect-in-all = the one cell in all { $n } failed relations
suspect-alone = changing this figure alone makes the relation hold
suspect-tied-cell = { $reason }; the evidence does not single out one cell, other candidates follow
suspect-tied-figure = { $reason }; the evidence does not single out one figure, other candidates follow

## Reports in prose

text-sum-holds = the { $n } items ({ $items }) sum to { $computed }, as stated
text-sum = the total is stated as { $stated }, but the { $n } items listed before it ({ $items }) sum to { $computed }: off by { $difference }
hint-text-sum = check each amount against its source, and whether an item was left out of the sentence
label-items-sum-to-this = the items sum to this
label-stated-items-sum = stated { $stated }, the items sum to { $computed }
label-probably = probably { $proposed }
text-unit-slip-large = { $figure } is about 10,000 times larger than the other items: probably 元 and 万元 confused
text-unit-slip-small = { $figure } is about 10,000 times smaller than the other items: probably 元 and 万元 confused
label-unit-slip = 10,000 times off its neighbours
text-count-holds = { $claim }: { $n } { $n ->
        [one] item is
       *[other] items are
    } listed, as stated
text-count = { $claim }, but { $n } { $n ->
        [one] item is
       *[other] items are
    } listed after it
hint-text-count = an item may be missing from the sentence, or the count is wrong
label-as-many-as-stated = as many items as stated
label-stated-listed = stated { $stated }, { $n } listed
text-ratio = { $part } of { $whole } { $subject } is { $ratio }%, not the { $stated }% stated
text-ratio-holds = { $part } of { $whole } { $subject } is { $ratio }%
label-ratio = { $part } / { $whole } is { $ratio }%
label-percent = { $ratio }%
text-coverage = the paragraph claims { $word }, but { $part } of { $whole } { $subject } is { $ratio }%
hint-text-coverage = say what the full coverage refers to, or state the ratio
text-score-missing-max = section { $label } has lost its maximum: the heading gives no points before “分”
text-score-missing-max-items = section { $label } has lost its maximum: the heading gives no points before “分” (its items give { $items })
hint-text-score-missing-max = write the section's maximum before 分, as the other headings do
label-no-maximum = no maximum here
text-score-cap = { $label } scores { $score } points, above its maximum of { $maximum }
label-above-maximum = above the maximum { $maximum }
text-score-sum = section { $label } is scored { $score }, but its items score { $items }
text-score-sum-max = section { $label } is worth { $maximum }, but its items are worth { $items }
label-items-give = the items give { $items }
text-score-total = the report states an overall score of { $stated }, but its { $n } sections' maxima sum to { $maxima } and their scores to { $scores }: a score out of { $maxima } stated as { $stated } needs explaining
text-score-total-holds = the { $n } sections' scores sum to { $scores }, as stated (maxima sum to { $maxima })
hint-text-score-total = state the score out of its real maximum, or say how it was converted
label-sections-give = the sections give { $scores } of { $maxima }
text-change-holds = { $claim }: from { $base } to { $amount } is a change of { $change } ({ $percent }%), as stated
text-change-undecided-base = { $claim }: the sentence gives no base to compare with, so the change could not be checked
text-change-undecided-amount = { $claim }: the sentence gives no amount for this year, so the change could not be checked
text-change-from-zero = { $claim }: the base is 0, so no percentage follows from it
hint-text-change-from-zero = from a base of 0, state the amount of the increase rather than a percentage
label-from-zero = the base is 0
label-undecided = could not be checked
label-change-holds = as stated
text-change-direction = the sentence says { $word }, but { $amount } against the base { $base } is a change of { $change }: { $right }
label-change-direction = should be { $right }
text-change-by = the change is stated as { $stated }, but { $amount } less the base { $base } is { $computed }
text-change-percent = the change is stated as { $stated }%, but the figures give { $computed }% ({ $amount } against the base { $base })
hint-text-change-base-digit-added = the base probably has a digit too many: a tenth of it gives the stated percentage
hint-text-change-base-digit-dropped = the base probably lost a digit: ten times it gives the stated percentage
hint-text-change-other-amount = the paragraph's other amount for the item, { $other }, gives the stated percentage: { $amount } was probably retyped
text-change-contradiction = the same change is said to be { $word } and { $other }
label-change-contradiction = the change was said to be { $word }
text-compare = the text says "{ $claim }", but the { $left } { $a } against the { $right_name } { $b } is "{ $right }"
text-compare-holds = { $claim }: { $left } { $a }, { $right_name } { $b }, as stated
text-compare-undecided = { $claim }: the paragraph does not give both amounts, so the comparison could not be checked
hint-text-compare = the sentence was probably copied from another item: rewrite it from this item's amounts and check the reason it gives
label-compare = should be "{ $right }"
text-restated = the item is stated as { $heading } in its heading but as { $again } here
text-restated-holds = the item's amount { $heading } is stated the same both times
hint-text-restated = one of the two was retyped: check both against the table row of the item
label-restated = its heading says { $heading }
label-restated-holds = as in its heading
text-share = { $part } of { $whole } is { $computed }%, not the { $stated }% stated
text-share-holds = { $part } of { $whole } is { $computed }%, as stated
text-share-undecided = { $part }: the paragraph gives no whole (no figure before 其中), so its share could not be checked
text-share-sum = the { $n } shares of the whole add up to { $stated }%, not 100%, though its parts make it up
label-shares-sum = the shares add up to { $stated }%
text-row = the text gives { $stated }, but its row { $label } in the table { $title } has { $table } under { $column } ({ $cell })
text-row-holds = { $stated } agrees with its row { $label } in the table { $title } ({ $cell })
text-row-undecided = { $stated }: the item it names is in no table of the document, or in several rows, so it could not be checked
hint-text-row = the prose and the table were not updated together: check both against the budget
label-table-says = the table says { $table }
label-row-ties = agrees with the table
text-name = the text names { $text } where the table { $title } names the row { $code } { $table }
hint-text-name = use the classification's current name, as the tables do (类 210 has been 卫生健康支出 since 2019)
label-named-otherwise = the table says { $table }
text-doubled = “{ $word }” is typed twice in a row
hint-text-doubled = write “{ $word }” once
label-repeated = repeated
text-tie-holds = the total of { $stated } ties to { $label } of { $column } ({ $cell })
text-tie = the report states { $stated }, but { $label } of { $column } in the workbook ({ $cell }) is { $computed }
hint-text-tie = one of the two was not updated: check the workbook's 合计 against the report
label-ties = ties to the workbook
label-workbook-says = the workbook says { $computed }

## Rule files

rule-text = { $text }
rule-compared = rule { $id }: { $head } (difference { $difference }, tolerance { $tolerance })
rule-expects = { $expr } is { $value }, but the rule expects { $expected }
rule-two-sides = { $first } is { $first_value }, but { $second } is { $second_value }
rule-does-not-hold = rule { $id }: `{ $expr }` does not hold
rule-condition-fails = `{ $expr }` does not hold
rule-group-differs = rule { $id } for { $key }: { $head } (difference { $difference }, tolerance { $tolerance })
rule-group-missing = rule { $id }: { $key } appears in { $here } but not in { $there }
rule-row-fails = rule { $id }: `{ $expr }` does not hold for { $label } (row { $row }): { $values }
rule-cell-value = { $column } = { $value }
rule-cell-blank = { $column } = (blank)
rule-required-blank = rule { $id }: { $column } of { $label } (row { $row }) is blank but required
rule-repeats = rule { $id }: { $column } { $value } of { $label } (row { $row }) repeats row { $first }

## The terminal report

help-probably = { $place } is probably { $proposed } ({ $reason })
help-figure-at = the figure at line { $line }, column { $column }
help-or-as-likely = or, as likely: { $others }
help-computed-from = computed from: { $cells }
help-formula = its formula: ={ $formula }
tables = { $n } { $n ->
        [one] table
       *[other] tables
    }
checks = { $n } { $n ->
        [one] check
       *[other] checks
    }
claims = { $n } { $n ->
        [one] claim
       *[other] claims
    }
a-report = report
errors = { $n } { $n ->
        [one] error
       *[other] errors
    }
warnings = { $n } { $n ->
        [one] warning
       *[other] warnings
    }
items = { $n } { $n ->
        [one] item
       *[other] items
    }
rules-count = { $n } { $n ->
        [one] rule
       *[other] rules
    }
file-ok = ok: { $path }: { $tables }, { $checks }, all hold
file-ok-nothing = ok: { $path }: { $tables }, { $checks }, all hold (no tables with figures found)
file-findings = { $path }: { $tables }, { $checks }: { $errors }, { $warnings }
file-error = error: { $path }: { $error }
file-undecided = ; { $n ->
    [one] 1 claim of the text could not be checked (no base or whole given)
   *[other] { $n } claims of the text could not be checked (no base or whole given)
}
summary = checked { $files } { $files ->
        [one] file
       *[other] files
    }: { $ok } clean, { $findings } with findings, { $errors } unreadable
elapsed = { $summary } in { $secs }s
rules-line = rules: { $rules }, { $items }: { $passes } pass, { $fails } fail, { $undecided } undecided
rules-undecided-line = undecided: { $id } ({ $undecided } of { $items }): { $reasons }
rule-counts = { $items }: { $passes } pass, { $fails } fail, { $undecided } undecided
rule-undecided = { $undecided } of { $items } undecided: { $reasons }
place-line = line { $line }
place-page = page { $page }, line { $line }

## Files that could not be read

read-password = password protected
read-empty = empty file
read-scanned = scanned PDF: no text layer, OCR is not supported
read-sideways = the PDF's text runs sideways (turned on the page): not read
read-not-a-pdf = not a PDF (no %PDF signature)
detail-no-pages = it has no pages
detail-text-undecodable = its text could not be decoded
read-corrupt-pdf = damaged PDF: { $detail }
read-not-a-spreadsheet = not a spreadsheet: { $detail }
read-corrupt-zip = corrupt zip: { $detail }
read-corrupt = corrupt workbook: { $detail }
read-encoding = cannot decode text: { $detail }
read-io = cannot read: { $detail }
read-other = { $detail }
read-too-large = too large: { $detail }
read-not-a-file = not a regular file
read-timed-out = not checked: it took longer than the time budget of { $secs } s for a file
read-internal = crossfoot failed on this file (an internal error; please report it)

## The command line

in-rule-files = { $errors } in the rule files
rules-found-nothing = note: { $rules } found no table to check: { $ids }
rules-ok = ok: { $rules } in { $files }
rules-listed = { $rules } from { $files }
files-count = { $n } { $n ->
        [one] file
       *[other] files
    }
no-files-found = no spreadsheets found in the paths given
output-is-input = -o { $path }: that is one of the files to check; write the report elsewhere
watch-state-ok = { $path }: ok
watch-state-findings = { $path }: { $n } finding(s)
watch-watching = watching { $paths } for changes (Ctrl-C to stop)
watch-removed = { $path }: removed
watch-no-change = { $path }: no change in the findings

## Help

cli-usage = Usage
cli-commands = Commands
cli-options = Options
cli-arguments = Arguments
cli-help = Print help
cli-version = Print version
cli-about-crossfoot = Checks the arithmetic of fiscal spreadsheets and reports: totals, cross-totals, hierarchies, 其中 rows, scores, rules
cli-about-check = Check spreadsheets (xlsx, xlsm, xlsb, xls, WPS et, ods, csv), reports (txt, md, docx) or folders of them
cli-about-watch = Re-check files when they change, printing what changed in the findings
cli-about-rules = Validate rule files, or list the rules that apply to a path
cli-about-rules-check = Validate rule files without data
cli-about-rules-list = List the rules that would apply to a path, and where each came from
cli-arg-lang = The language of messages and help: zh or en (default: CROSSFOOT_LANG, then the system locale)
cli-arg-rules = Rule file or folder of rule files (repeatable)
cli-arg-no-config = Ignore crossfoot.toml files in the checked folders and their parents
cli-arg-jobs = Worker threads (default: one per core)
cli-arg-file-timeout = The most time one file may take, in seconds; a file not checked by then is reported as an error and the others go on (0: no limit)
cli-arg-no-cache = Do not use or update the cache of earlier results
cli-arg-cache-dir = Where the cache lives (default: $CROSSFOOT_CACHE_DIR, $XDG_CACHE_HOME/crossfoot or ~/.cache/crossfoot)
cli-arg-show-info = Also show info findings (differences within rounding)
cli-arg-paths = Files or folders (folders are searched recursively)
cli-arg-format = Output format
cli-arg-output = Write the report to this file (written atomically) instead of stdout
cli-arg-shard = Check only shard K of N (1-based): a stable split of the files by a hash of their paths, for spreading a drive over machines
cli-arg-annotate = Write a copy of each workbook with findings into DIR, the flagged cells filled in colour with a comment explaining each finding
cli-arg-debounce-ms = Quiet time before a changed file is re-checked, in milliseconds
cli-arg-max-rechecks = Stop after this many re-checks (for scripts and tests)
cli-watch-arg-paths = Files or folders to watch
cli-arg-files = Rule files or folders of them
cli-arg-path = The file or folder that would be checked
cli-rules-list-arg-rules = Rule files or folders, as for `check --rules`
cli-rules-list-arg-no-config = Ignore crossfoot.toml files
cli-examples-crossfoot = Examples:
      crossfoot check 决算表.xlsx                      check one workbook (exit 1 when something is wrong)
      crossfoot check 共享盘/ --format json -o out.json  a whole folder, to JSON
      crossfoot check 报表/ --rules 规则.toml           with the rules in a rule file
      crossfoot check 报表/ --format html -o 报告.html  an HTML report to open in a browser
      crossfoot check 报表/ --annotate 批注/           copies with the wrong cells marked
      crossfoot --lang zh check 决算表.xlsx            in Chinese
cli-examples-check = Examples:
      crossfoot check 决算表.xlsx                      one workbook
      crossfoot check 共享盘/ --format json -o out.json  a folder, to JSON
      crossfoot check 报表/ --rules 规则.toml           with rules
      crossfoot check 报表/ --format html -o 报告.html  an HTML report

## The HTML report

html-title = crossfoot report
html-files = files
html-clean = clean
html-with-findings = with findings
html-unreadable = unreadable
html-tables = tables
html-errors = errors
html-warnings = warnings
html-info = info
html-by-rule = Findings by rule
html-rule = rule
html-rules = Rules
html-items = items
html-pass = pass
html-fail = fail
html-undecided = undecided
html-why-undecided = why undecided
html-unreadable-files = Unreadable files
html-show = Show:
html-all = all
sev-error = error
sev-warning = warning
sev-info = info
status-ok = ok
status-findings = findings
status-error = error
html-stated = stated
html-computed = computed
html-difference = difference
html-tolerance = tolerance
html-unit = unit
html-inputs = inputs
html-hint = hint
html-help = help
html-probably = { $cell } is probably { $proposed } ({ $reason })

## Comments in annotated copies

note-suspect = → { $cell } is probably { $proposed } ({ $reason })
note-see = crossfoot: probably { $proposed } ({ $reason }) — see { $cell }

help-heading = help

## Rule-file diagnostics

rf-here = here
rf-invalid-toml = invalid rule file: { $detail }
rf-cannot-read = cannot read rule file { $path }: { $detail }
rf-help-quote-keys = TOML keys other than ASCII letters, digits, - and _ need quotes: [tables."项目"]
rf-help-fields = a rule has id, description, severity, tolerance, unit, table, variant and assert; a table has file, sheet, title, headers, form and blank
rf-help-id-and-assert = every [[rule]] needs an `id` and an `assert`
rf-include-missing = included file { $path } does not exist
rf-label-not-found = not found
rf-help-include-relative = paths are relative to the including file
rf-include-not-toml = included file { $path } is not a .toml rule file
rf-label-not-a-rule-file = not a rule file
rf-help-include-toml = include names other rule files (.toml)
rf-unbalanced-pattern = unbalanced `[` in a pattern
rf-help-pattern = patterns use * and ? as wildcards
rf-empty-binding = table `{ $name }` says nothing about which table it is
rf-label-empty-binding = empty table binding
rf-help-empty-binding = give at least one of file, sheet, title or headers
rf-unknown-table = unknown table `{ $name }`
rf-label-not-declared = not declared
rf-label-not-declared-in-tables = not declared in [tables]
rf-help-table-near = did you mean `{ $near }`? declared tables: { $tables }
rf-help-declare-table = declare it: [tables.{ $name }] with a sheet, title, file or headers
rf-help-tables = declared tables: { $tables }
rf-where-not-condition = a `where` filter must be a condition
rf-label-not-a-condition = not a condition
rf-help-where = e.g. `where 项目.类型 == "专项"`
rf-assert-not-condition = an assertion must be a condition, not a value
rf-label-a-value = a value
rf-help-compare-it = compare it: `… == …`, `… <= …`
rf-bare-column = `{ $column }` does not say which table it is in
rf-label-which-table = which table?
rf-help-bare-column = write it as TABLE.{ $column } or set `table = "…"` on the rule; tables: { $tables }
rf-empty-id = a rule id cannot be empty
rf-label-empty-id = empty id
rf-duplicate-id = duplicate rule id `{ $id }`
rf-label-used-before = used before
rf-help-own-id = give every rule its own id
rf-text-vs-number = text compared with a number by `{ $op }`
rf-label-text-and-number = text and a number
rf-help-like-with-like = compare amounts with amounts and text with text
rf-text-ordered = text cannot be ordered with `{ $op }`
rf-help-text-equality = text can only be compared with == or !=
rf-unknown-unit = unknown unit `{ $unit }`
rf-label-not-a-unit = not a unit
rf-help-units = units are { $units }
rf-help-units-or-percent = units are { $units }; or write a percentage as 81.8%
rf-unknown-severity = unknown severity `{ $severity }`
rf-label-not-a-severity = not a severity
rf-help-severity-near = did you mean `{ $near }`? severity is error, warning or info
rf-help-severity = severity is error, warning or info
rf-bad-tolerance = `{ $tolerance }` is not a tolerance
rf-label-not-a-quantity = not a quantity
rf-help-tolerance = write a tolerance as "0.5 万元", "0.1%" or "1"
rf-unexpected-char = unexpected character `{ $char }`
rf-unterminated-string = unterminated string
rf-help-close-with = close it with { $close }
rf-single-equals = a single `=` is not a comparison
rf-help-double-equals = use `==` to compare
rf-empty-expression = the expression is empty
rf-help-write-what-holds = write what must hold, e.g. `sum(项目.金额) == 项目["合计"].金额`
rf-trailing = unexpected { $token } after a complete expression
rf-help-and-or = join conditions with `and` / `or`
rf-tok-number = number `{ $text }`
rf-tok-string = string "{ $text }"
rf-tok-quoted = '{ $text }'
rf-tok-code = `{ $text }`
rf-tok-end = the end of the expression
rf-found = { $expected }, found { $found }
rf-expected-op = expected `{ $op }` { $what }
rf-to-close-paren = to close `(`
rf-after-sheet-name = after a quoted sheet name ('收支总表'!D8)
rf-to-close-text = to close text(…)
rf-to-close-call = to close the call
rf-to-close-row-label = to close the row label
rf-and-a-column = and a column after the row, e.g. ["合计"].基本支出
rf-too-deep = the expression nests more than { $n } levels deep
rf-help-split = split it into several rules, or name the parts with tables
rf-too-many-terms = the expression joins more than { $n } terms
rf-help-sum-a-column = add a column with `sum(表.列)` instead of listing its cells
rf-expected-between-and = expected `and` in `between … and …`
rf-expected-column = expected a column
rf-expected-column-of = expected a column of `{ $table }` after `.`
rf-expected-value = expected a value
rf-expected-value-not = expected a value, not `{ $op }`
rf-not-a-number = `{ $text }` is not a number
rf-expected-cell = expected a cell such as D8
rf-not-a-cell = `{ $cell }` is not a cell reference
rf-help-cell = write a cell as a column letter and a row number, e.g. D8
rf-expected-then = expected `then` after the condition of `if`
rf-expected-phrase = expected the phrase before the figure in quotes, e.g. text("共计")
rf-expected-row-label = expected a row label in quotes, e.g. 支出表["合计"]
rf-unknown-function = unknown function `{ $name }`
rf-help-function-near = did you mean `{ $near }`? functions: { $functions }
rf-help-functions = functions: { $functions }
rf-dim-money = money
rf-dim-percent = a percentage
rf-dim-plain = a plain number
rf-cannot-compare = cannot compare { $left } with { $right }
rf-cannot-add = cannot add money, percentages and counts together
rf-row-check-alone = unique() and required() stand alone as a rule's assertion
rf-negate-numbers = only numbers can be negated
rf-arith-numbers = arithmetic needs numbers on both sides
rf-condition-not-value = expected a condition, found a value
rf-text-vs-amount = text compared with an amount
rf-cannot-be-compared = these cannot be compared
rf-column-needs-aggregate = a column needs an aggregate here
rf-label-whole-column = a whole column
rf-help-aggregate = use sum({ $column }), count({ $column }), … or compare it row by row
rf-grouped-sides = a grouped side must be compared with another grouped side (… by KEY)
rf-help-column-near = did you mean { $near }? the table's headers: { $headers }
rf-help-headers = the table's headers: { $headers }
rf-unknown-column = unknown column `{ $column }` in table `{ $table }` ({ $file } › { $sheet })
rf-label-no-such-column = no such column
rf-text-column-summed = `{ $column }` holds text, not amounts: it cannot be summed or averaged
rf-label-text-column = a text column
rf-help-count-it = count it with count({ $column }) or count_distinct({ $column })
rf-only-sum-grouped = only sum(… by …) can be grouped
rf-row-wise-one-table = a row-wise rule can use the columns of one table only
rf-label-another-table = another table

## Other outputs

junit-failures = { $n } { $n ->
        [one] error finding
       *[other] error findings
    }
junit-warning = warning: { $finding }
run-error = error: { $message }
run-annotated = annotated: { $path }
annotate-failed = { $path }: cannot annotate: { $detail }
annotate-pdf = a PDF is not annotated (its findings name page, table, row and column); `crossfoot extract` writes its tables as a workbook
annotate-over-input = --annotate { $dir }: the copy of { $input } would overwrite an input ({ $copy }); choose a folder that holds no inputs
help-other = { $cell } ({ $proposed })

## Why a file could not be read (details)

sniff-html = an HTML page saved with a spreadsheet extension
sniff-biff = an Excel 2.x–5.0 worksheet (BIFF2–5 without an OLE container), which crossfoot cannot read: save it as xlsx
sniff-pdf = a PDF document
sniff-xml = an XML file (Excel 2003 XML is not supported)
sniff-text = a text file with a spreadsheet extension
sniff-unknown = unrecognised file signature
detail-sheets-share-a-part = { $sheets } sheets name only { $parts } worksheet parts: sheets share a part
detail-shared-strings = the shared strings claim { $claimed } entries, but their part ({ $size } bytes) holds at most { $holds }
detail-reader-failed = the reader failed on this file
detail-sheet-spans = sheet '{ $sheet }' spans { $rows } rows × { $cols } columns
detail-file-spans = the file spans { $rows } rows × { $cols } columns
detail-bad-xml = bad XML: { $detail }
detail-bad-ole = bad OLE container: { $detail }
detail-binary-text = binary data in a text file
detail-binary-csv = binary data in a .csv file
detail-not-a-docx = not a docx (no zip signature)
detail-no-document-xml = a zip without word/document.xml
detail-unknown-extension = unknown file extension
detail-a-text-report = a text report, read by crossfoot::text
detail-not-valid-encoding = not valid { $encoding }
detail-zip-bomb = a zip bomb: its part { $part } inflates from { $packed } to { $size } bytes, over { $ratio } times
detail-inflates-too-much = its parts would inflate to { $total } bytes, more than the { $max } allowed

formula-uncached = the workbook was saved without calculated values: { $n ->
        [one] 1 formula of this table ({ $cells }) was
       *[other] { $n } formulas of this table ({ $cells }) were
    } computed from their inputs as Excel would and checked{ $left ->
        [0] {""}
       *[other] ; { $left } that could not be computed stayed blank and were not checked
    }
hint-formula-uncached = open the workbook in Excel or LibreOffice, recalculate and save it before sending it

file-nothing-checked = { $path }: { $tables }, nothing could be checked (no total was found to check against its rows)

slip-text-skipped = the total's SUM skips { $row }: a number stored as text, which SUM leaves out

formula-hidden = { $cell } is ={ $formula }, which leaves out { $n ->
        [one] a hidden row
       *[other] { $n } hidden rows
    }: { $rows }
hint-formula-hidden = if the row should not count, delete it or say why in a note; if it should, use SUBTOTAL(9, …) or SUM
undecided = { $cell } ({ $label } · { $column }) reads “{ $text }”, not a figure, so { $n ->
    [one] the relation it is in
   *[other] the { $n } relations it is in
} could not be checked
hint-undecided = enter the figure, or a nil mark (—) where there is none; crossfoot does not guess a figure
two-sided = { $label } ({ $cell }) is { $stated }, but the income side's { $income_label } ({ $income_cell }) is { $computed }: the two sides differ by { $difference }
hint-two-sided = each side foots on its own: look for a row entered on one side only, or a 结转结余 figure carried differently

# crossfoot extract
extract-none = { $path }: no table found on its pages
extract-done = { $tables ->
    [one] 1 table
   *[other] { $tables } tables
} written to { $path }
extract-onto-input = { $path } is the PDF being read: write the tables to another file
extract-not-xlsx = { $path }: the tables are written as an xlsx workbook; name the output .xlsx

# PDF pages not read
pdf-page-no-text = page { $page } has no text layer (an image, scanned): nothing on it was checked
pdf-page-sideways = the text of page { $page } runs sideways (turned on the page): nothing on it was checked
pdf-page-damaged = page { $page } is damaged and could not be read: nothing on it was checked
hint-pdf-page-unread = check this page by hand, or check the workbook it was printed from
rf-unknown-form = unknown standard table `{ $form }`
rf-label-unknown-form = not one of the standard disclosure tables
rf-help-forms = the standard tables are: { $forms }
rf-unknown-blank = `blank = "{ $value }"` is not known
rf-label-unknown-blank = unknown
rf-help-blank = `blank = "zero"` reads a blank amount cell as 0; `blank = "undecided"` (the default) leaves it undecided
template-missing = this { $document } lacks its { $table }
hint-template-missing = the standard { $document } has nine tables; a table with nothing to report is printed empty, with a note saying so (空表说明)
template-empty = the { $table } of this { $document } is printed empty with no note saying why
hint-template-empty = add a note under the table saying it has nothing to report (空表说明), e.g. 本部门无政府性基金预算财政拨款收支，故本表为空表
template-recognised = recognised as a { $document }: { $found } of its nine tables found; { $rules } rules of { $pack } applied
template-rule-undecided = rule { $rule } of the standard document's pack: { $undecided } of { $items } items could not be decided ({ $reasons })
template-rule-not-applied = rule { $rule } of the standard document's pack is written for another variant of the template and was not applied: { $detail }
rules-recognised = recognised as a { $document }: { $found } of its nine tables; its pack { $pack } applies
rules-form-missing = (missing)
rules-templates-off = --no-templates: the pack is not applied
text-share-undecided-zero = { $part } of a whole of 0: no share follows from it, so it could not be checked
help-found-at = at { $place }

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
cli-about-check = Check spreadsheets (xlsx, xlsm, xlsb, xls, ods, csv), reports (txt, md, docx) or folders of them
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

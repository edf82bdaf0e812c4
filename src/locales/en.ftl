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

"""What a user would script with polars: read the ledger (calamine engine)
and check each 小计 and the 合计 against the rows they total."""
import sys

import polars as pl

df = pl.read_excel(sys.argv[1], engine="calamine", read_options={"header_row": 2})
cols = ["预算数", "执行数", "调整数", "结余"]
df = df.with_columns(pl.col("项目名称").is_in(["小计", "合计"]).not_().alias("item"))
# A group id: the number of 小计 rows above each row.
df = df.with_columns((pl.col("项目名称") == "小计").cast(pl.Int32).cum_sum().shift(1, fill_value=0).alias("g"))
items = df.filter(pl.col("item")).group_by("g").agg([pl.col(c).sum() for c in cols]).sort("g")
subs = df.filter(pl.col("项目名称") == "小计").select(cols)
bad = 0
for c in cols:
    diff = (items[c].head(subs.height) - subs[c]).abs()
    bad += int((diff > 0.005 * 101).sum())
total = df.filter(pl.col("项目名称") == "合计").select(cols)
for c in cols:
    if abs(df.filter(pl.col("item"))[c].sum() - total[c][0]) > 0.01 * len(df):
        bad += 1
print(f"{len(df)} rows, {bad} mismatches")

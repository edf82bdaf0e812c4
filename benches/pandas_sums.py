"""What a user would script with pandas + openpyxl: the same sums."""
import sys

import pandas as pd

df = pd.read_excel(sys.argv[1], engine="openpyxl", header=2)
cols = ["预算数", "执行数", "调整数", "结余"]
is_sub = df["项目名称"] == "小计"
is_total = df["项目名称"] == "合计"
df["g"] = is_sub.cumsum().shift(1, fill_value=0)
items = df[~is_sub & ~is_total].groupby("g")[cols].sum()
subs = df[is_sub][cols].reset_index(drop=True)
bad = int(((items.head(len(subs)).reset_index(drop=True) - subs).abs() > 0.51).sum().sum())
total = df[is_total][cols].iloc[0]
bad += int(((df[~is_sub & ~is_total][cols].sum() - total).abs() > 0.01 * len(df)).sum())
print(f"{len(df)} rows, {bad} mismatches")

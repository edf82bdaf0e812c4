//! Generates the benchmark inputs, deterministically:
//! (1) a 500,000-row × 8-column ledger with 小计 groups and a 合计 row,
//! and beside it a summary of its 预算数 and 执行数 by 部门 (for the
//! rules benchmark's tie-outs, `benches/rules.sh`);
//! the same ledger with its 合计 off (the localisation benchmark);
//! (2) a folder of 2,000 small workbooks of the fixture families.
//!
//! `cargo run --release --example bench_data -- OUT_DIR [ROWS] [FILES]`

#[path = "../tests/support/grid.rs"]
mod grid;

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

/// A small deterministic generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn cents(&mut self) -> i64 {
        (self.next() % 10_000_000) as i64 + 100
    }
}

/// 预算数 and 执行数 in cents, by 部门.
type ByDepartment = BTreeMap<String, [i64; 2]>;

/// Writes the ledger; returns its 预算数 and 执行数 by 部门.
/// `off`: cents added to the 合计's 预算数 (0 for a clean ledger).
fn ledger(path: &Path, rows: usize, off: i64) -> Result<ByDepartment, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目台账")?;
    let money = Format::new().set_num_format("#,##0.00");
    ws.write_string(0, 0, "2024年项目支出台账")?;
    ws.write_string(1, 7, "单位：元")?;
    let header = [
        "序号",
        "项目编码",
        "项目名称",
        "部门",
        "预算数",
        "执行数",
        "调整数",
        "结余",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let group = 100;
    let mut r = 3u32;
    let mut total = [0i64; 4];
    let mut sub = [0i64; 4];
    let mut n = 0usize;
    let mut by_department = ByDepartment::new();
    let data_rows = rows.saturating_sub(4);
    while (r as usize) < data_rows + 3 {
        for _ in 0..group {
            if (r as usize) >= data_rows + 3 {
                break;
            }
            n += 1;
            let budget = rng.cents();
            let spent = budget - rng.cents() % (budget / 2 + 1);
            let adjust = (rng.next() % 1000) as i64;
            let left = budget + adjust - spent;
            let vals = [budget, spent, adjust, left];
            ws.write_number(r, 0, n as f64)?;
            ws.write_string(r, 1, format!("P{n:07}"))?;
            ws.write_string(r, 2, format!("项目{n}"))?;
            let department = format!("部门{:02}", n % 40);
            let sums = by_department.entry(department.clone()).or_default();
            sums[0] += budget;
            sums[1] += spent;
            ws.write_string(r, 3, department)?;
            for (k, v) in vals.iter().enumerate() {
                ws.write_number_with_format(r, 4 + k as u16, *v as f64 / 100.0, &money)?;
                sub[k] += v;
            }
            r += 1;
        }
        ws.write_string(r, 2, "小计")?;
        for k in 0..4 {
            ws.write_number_with_format(r, 4 + k as u16, sub[k] as f64 / 100.0, &money)?;
            total[k] += sub[k];
            sub[k] = 0;
        }
        r += 1;
    }
    ws.write_string(r, 2, "合计")?;
    total[0] += off;
    for (k, t) in total.iter().enumerate() {
        ws.write_number_with_format(r, 4 + k as u16, *t as f64 / 100.0, &money)?;
    }
    wb.save(path)?;
    Ok(by_department)
}

/// The ledger's 预算数 and 执行数 by 部门, with a 合计 row.
fn summary(path: &Path, sums: &ByDepartment) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("部门汇总")?;
    let money = Format::new().set_num_format("#,##0.00");
    ws.write_string(0, 0, "2024年项目支出分部门汇总表")?;
    ws.write_string(1, 2, "单位：元")?;
    for (c, h) in ["部门", "预算数", "执行数"].iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    let mut r = 3u32;
    let mut total = [0i64; 2];
    for (department, v) in sums {
        ws.write_string(r, 0, department)?;
        for k in 0..2 {
            ws.write_number_with_format(r, 1 + k as u16, v[k] as f64 / 100.0, &money)?;
            total[k] += v[k];
        }
        r += 1;
    }
    ws.write_string(r, 0, "合计")?;
    for (k, t) in total.iter().enumerate() {
        ws.write_number_with_format(r, 1 + k as u16, *t as f64 / 100.0, &money)?;
    }
    wb.save(path)
}

fn small(dir: &Path, files: usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    std::fs::create_dir_all(dir).expect("folder");
    for i in 0..files {
        let a: Vec<i64> = (0..4).map(|_| rng.cents() / 100).collect();
        let grid = match i % 4 {
            0 => format!(
                "重点绩效评价项目表|>|>\n||'单位：万元\n资金类别|项目数|评价金额\n一般公共预算|1|{}.0\n政府性基金预算|1|{}.0\n社会保险基金预算|1|{}.0\n专项债券|1|{}.0\n合计|4|{}.0\n",
                a[0], a[1], a[2], a[3], a.iter().sum::<i64>()
            ),
            1 => format!(
                "部门收入总表|>|>|>\n|||'单位：万元\n单位名称|合计|财政拨款收入|事业收入\n合计|{}.00|{}.00|{}.00\n甲|{}.00|{}.00|{}.00\n乙|{}.00|{}.00|{}.00\n",
                a[0] + a[1] + a[2] + a[3], a[0] + a[2], a[1] + a[3], a[0] + a[1], a[0], a[1], a[2] + a[3], a[2], a[3]
            ),
            2 => format!(
                "项目清单|>|>\n序号|项目名称|金额\n1|甲|{}.0\n2|乙|{}.0\n|小计|{}.0\n3|丙|{}.0\n4|丁|{}.0\n|小计|{}.0\n|合计|{}.0\n",
                a[0], a[1], a[0] + a[1], a[2], a[3], a[2] + a[3], a.iter().sum::<i64>()
            ),
            _ => format!(
                "一般公共预算支出表|>|>\n||'单位：万元\n科目编码|科目名称|金额\n|合计|{}.00\n'205|教育支出|{}.00\n'20502|普通教育|{}.00\n'2050201|学前教育|{}.00\n'2050202|小学教育|{}.00\n",
                a[0] + a[1], a[0] + a[1], a[0] + a[1], a[0], a[1]
            ),
        };
        grid::write_workbook(&dir.join(format!("wb{i:04}.xlsx")), &[("表", &grid)])
            .expect("write workbook");
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench-data".into()));
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500_000);
    let files: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2_000);
    std::fs::create_dir_all(&out).expect("output folder");
    let l = out.join(format!("ledger-{rows}.xlsx"));
    let s = out.join(format!("ledger-{rows}-by-department.xlsx"));
    if !l.exists() || !s.exists() {
        let sums = ledger(&l, rows, 0).expect("ledger");
        summary(&s, &sums).expect("summary");
        println!("wrote {} and {}", l.display(), s.display());
    }
    // The same ledger with its 合计 off by 123,456.78: every item is a
    // candidate for the wrong cell (the localisation benchmark).
    let w = out.join(format!("ledger-{rows}-wrong-total.xlsx"));
    if !w.exists() {
        ledger(&w, rows, 12_345_678).expect("ledger");
        println!("wrote {}", w.display());
    }
    let f = out.join(format!("folder-{files}"));
    if !f.exists() {
        small(&f, files);
        println!("wrote {files} workbooks in {}", f.display());
    }
}

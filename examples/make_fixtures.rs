//! Regenerates the workbooks under `fixtures/`: `cargo run --example make_fixtures`.
//!
//! Each family has a clean table and broken copies; the tests in
//! `tests/fixtures.rs` say which cell each broken copy must be caught at.

#[path = "../tests/support/grid.rs"]
mod grid;

use std::path::Path;

/// The seed report's table of 重点绩效评价 projects by fund type.
pub fn seed(d4: &str, c8: &str, d7: &str, d8: &str) -> String {
    format!(
        "2024年财政重点绩效评价项目表|>|>|>
         |||'单位：万元
         序号|资金类别|项目数|评价金额（万元）
         1|一般公共预算|1|{d4}
         2|政府性基金预算|1|2600.0
         3|社会保险基金预算|1|16333.0
         4|专项债券|1|{d7}
         '合计|>|{c8}|{d8}
         '注：数据来源于《2024年财政重点绩效评价工作报告》。"
    )
    .lines()
    .map(str::trim_start)
    .collect::<Vec<_>>()
    .join("\n")
}

/// The seed report's other figures: 22 departments (18 with whole-department
/// goal management) and their project spending of 16.5 亿元; the eight
/// self-evaluation sections.
fn departments_goal(coverage_off: bool, slip: bool) -> String {
    let mut g = String::from(
        "部门整体绩效目标管理情况|>|>\n||'单位：万元\n部门名称|整体绩效目标管理|项目支出（万元）\n",
    );
    // 22 amounts summing to exactly 165,000 万元.
    let amounts: Vec<u32> = (0..22)
        .map(|i| if i < 21 { 5000 + i * 200 } else { 0 })
        .collect();
    let sum: u32 = amounts[..21].iter().sum();
    for i in 0..22u32 {
        let managed = if i < 18 { "是" } else { "否" };
        let managed = if coverage_off && i == 3 {
            "否"
        } else {
            managed
        };
        let amount = if i == 21 {
            165_000 - sum
        } else {
            amounts[i as usize]
        };
        let shown = if slip && i == 5 {
            format!("{}.0", amount as u64 * 10_000)
        } else {
            format!("{amount}.0")
        };
        g.push_str(&format!("部门{:02}|{managed}|{shown}\n", i + 1));
    }
    g
}

fn self_evaluation(s6: &str) -> String {
    format!(
        "县级财政部门绩效考评自评表|>|>
        一级指标|分值|自评得分
        制度建设|2|2
        交流培训|1|1
        事前绩效评估|2|2
        绩效目标管理|4|4
        绩效监控管理|3|{s6}
        绩效评价管理|7|7
        评价结果应用|4|4
        绩效信息公开|2|2
        合计|25|25"
    )
}

fn self_evaluation_detailed(
    max1: &str,
    score1: &str,
    total_max: &str,
    total_score: &str,
) -> String {
    format!(
        "县级财政部门绩效管理工作考评自评表|>|>
        考评指标|分值|自评得分
        一、制度建设|{max1}|{score1}
        二、交流培训|1|1
        三、事前绩效评估|2|2
        四、绩效目标管理|4|4
        1.项目支出绩效目标管理|2|2
        2.部门整体支出绩效目标管理|2|2
        五、绩效监控管理|3|3
        六、绩效评价管理|7|7
        1.绩效自评情况|3|3
        2.重点绩效评价情况|4|4
        七、评价结果应用|4|4
        1.反馈与整改|2|2
        2.将评价结果报县政府|2|2
        八、绩效信息公开|2|2
        1.绩效目标公开|1|1
        2.评价情况公开|1|1
        合计|{total_max}|{total_score}"
    )
}

fn budget_summary(
    public_income: &str,
    income_total: &str,
    urban: &str,
    spend_total: &str,
) -> String {
    format!(
        "2024年部门收支总表|>|>|>
        |||'单位：万元
        项目|预算数|项目|预算数
        一般公共预算拨款收入|{public_income}|一般公共服务支出|500.00
        政府性基金预算拨款收入|100.00|教育支出|550.00
        ||卫生健康支出|300.00
        ||城乡社区支出|{urban}
        收入总计|{income_total}|支出总计|{spend_total}"
    )
}

const BASIC_EXPENDITURE: &str = "2024年一般公共预算基本支出表|>|>|>|>
    ||||'单位：万元
    科目编码|科目名称|合计|人员经费|公用经费
    |合计|900.00|700.00|200.00
    '301|工资福利支出|600.00|600.00|0.00
    '302|商品和服务支出|200.00|0.00|200.00
    '303|对个人和家庭的补助|100.00|100.00|0.00";

fn three_public_wide(running: &str) -> String {
    format!(
        "2024年“三公”经费预算表|>|>|>|>|>|>
        ||||||'单位：万元
        项目|合计|因公出国（境）费|公务用车购置及运行费|>|>|公务接待费
        ^|^|^|小计|购置费|运行费|^
        2024年预算数|45.60|0.00|30.60|12.40|{running}|15.00"
    )
}

fn final_accounts(
    carry_out: &str,
    spend_total: &str,
    a_spend: &str,
    spend_sum: &str,
    basic: &str,
) -> String {
    let _ = (a_spend, spend_sum, basic);
    format!(
        "2024年收入支出决算总表|>|>|>
        |||'单位：万元
        收入|>|支出|>
        项目|金额|项目|金额
        一、一般公共预算财政拨款收入|1200.00|一、一般公共服务支出|900.00
        二、事业收入|300.00|二、教育支出|450.00
        本年收入合计|1500.00|本年支出合计|1350.00
        年初结转和结余|100.00|结余分配|50.00
        ||年末结转和结余|{carry_out}
        总计|1600.00|总计|{spend_total}"
    )
}

const INCOME_ACCOUNTS: &str = "2024年收入决算表|>|>|>
    |||'单位：万元
    项目|本年收入合计|财政拨款收入|事业收入
    合计|1500.00|1200.00|300.00
    单位A|1000.00|800.00|200.00
    单位B|500.00|400.00|100.00";

fn expenditure_accounts(total: &str, b: &str, basic_total: &str, b_basic: &str) -> String {
    format!(
        "2024年支出决算表|>|>|>
        |||'单位：万元
        项目|本年支出合计|基本支出|项目支出
        合计|{total}|{basic_total}|350.00
        单位A|900.00|700.00|200.00
        单位B|{b}|{b_basic}|150.00"
    )
}

fn function_table(c7: &str, e12: &str) -> String {
    format!(
        "2024年一般公共预算支出表|>|>|>|>
        ||||'单位：万元
        科目编码|科目名称|本年支出|>|>
        ^|^|合计|基本支出|项目支出
        |合计|1350.00|900.00|450.00
        '201|一般公共服务支出|500.00|300.00|200.00
        '20101|人大事务|{c7}|300.00|200.00
        '2010101|行政运行|300.00|300.00|0.00
        '2010102|一般行政管理事务|200.00|0.00|200.00
        '205|教育支出|550.00|400.00|150.00
        '20502|普通教育|550.00|400.00|150.00
        '2050201|学前教育|250.00|150.00|{e12}
        '2050202|小学教育|300.00|250.00|50.00
        '210|卫生健康支出|300.00|200.00|100.00
        '21011|行政事业单位医疗|300.00|200.00|100.00
        '2101101|行政单位医疗|180.00|120.00|60.00
        '2101102|事业单位医疗|120.00|80.00|40.00"
    )
}

fn split_codes(f9: &str) -> String {
    format!(
        "一般公共预算支出表（按类款项）|>|>|>|>|>
        |||||'金额单位：万元
        科目编码|>|>|科目名称|本年预算数|上年预算数
        类|款|项|^|^|^
        '合计|>|>|>|800.0|760.0
        '210|||卫生健康支出|800.0|760.0
        '210|'11||行政事业单位医疗|500.0|480.0
        '210|'11|'01|行政单位医疗|300.0|290.0
        '210|'11|'02|事业单位医疗|200.0|{f9}
        |'04||公共卫生|300.0|280.0
        ||'08|基本公共卫生服务|300.0|280.0"
    )
}

fn outline(b10: &str) -> String {
    format!(
        "部门支出明细表|>
        |'单位：元
        项目|金额
        一、基本支出|1000.00
        （一）工资福利支出|600.00
        1.基本工资|400.00
        2.津贴补贴|200.00
        （二）商品和服务支出|400.00
        1.办公费|250.00
        2.差旅费|{b10}
        二、项目支出|500.00
        （一）信息化建设|300.00
        （二）设备购置|200.00
        合计|1500.00"
    )
}

fn subtotals(c9: &str, c10: &str) -> String {
    format!(
        "2024年项目支出清单|>|>
        ||'单位：万元
        序号|项目名称|金额
        1|城区集中供热提质改造|1200.0
        2|第八小学迁建|521.1
        |小计|1721.1
        3|人行天桥建设|2000.0
        4|乡村道路养护|600.0
        |小计|{c9}
        |合计|{c10}"
    )
}

fn scores(d6: &str, d9: &str) -> String {
    format!(
        "部门整体支出绩效自评表|>|>|>
        一级指标|二级指标|分值|得分
        制度建设|制度建设|2|2
        交流培训|交流培训|1|1
        绩效目标管理|项目支出绩效目标管理|2|2
        ^|部门整体支出绩效目标管理|2|{d6}
        绩效评价管理|绩效自评|3|3
        ^|重点绩效评价|4|4
        '合计|>|14|{d9}"
    )
}

fn departments(b6: &str) -> String {
    format!(
        "2024年部门收入总表|>|>|>|>|>
        |||||'单位：万元
        单位名称|合计|财政拨款收入|事业收入|经营收入|其他收入
        合计|1830.50|1500.00|250.50|50.00|30.00
        县教育局|1000.00|800.00|150.00|30.00|20.00
        县卫生健康局|{b6}|500.00|100.50||
        县财政局|230.00|200.00||20.00|10.00"
    )
}

fn three_public(b5: &str, b7: &str) -> String {
    format!(
        "2024年“三公”经费预算表|>|>|>
        |||'单位：万元
        项目|预算数|>|增减额
        ^|2024年|2023年|^
        合计|{b5}|48.00|-2.40
        1.因公出国（境）费|0.00|0.00|0.00
        2.公务用车购置及运行费|{b7}|32.00|-1.40
        其中：公务用车购置费|12.40|12.00|0.40
        公务用车运行费|18.20|20.00|-1.80
        3.公务接待费|15.00|16.00|-1.00"
    )
}

fn side_by_side(c9: &str) -> String {
    format!(
        "一般公共预算基本支出表|>|>|>|>|>
        |||||'单位：万元
        科目编码|科目名称|金额|科目编码|科目名称|金额
        '301|工资福利支出|90.00|'302|商品和服务支出|30.00
        '30101|基本工资|50.00|'30201|办公费|20.00
        '30102|津贴补贴|40.00|'30211|差旅费|10.00
        '303|对个人和家庭的补助|10.00|'310|资本性支出|5.00
        '30302|退休费|10.00|'31002|办公设备购置|5.00
        |人员经费合计|{c9}||公用经费合计|35.00"
    )
}

const NOT_FOOTED: &str = "2024年预算执行情况表|>|>|>|>|>|>|>
    |||||||'单位：万元
    序号|项目|年度|预算数|执行数|执行率(%)|单价|调整数
    1|办公楼维修|2024|100.00|80.00|80.0|12.5|5.00
    2|设备购置|2024|200.00|150.00|75.0|3.2|3.00
    3|道路养护|2024|300.00|270.00|90.0||2.00
    |合计||600.00|500.00|83.3||";

fn text_numbers(d4: &str) -> String {
    format!(
        "2024年财政重点绩效评价项目表|>|>
        ||'单位：万元
        序号|资金类别|评价金额
        1|一般公共预算|'{d4}
        2|政府性基金预算|'２，６００．００
        3|社会保险基金预算|' 16,333.00 
        4|专项债券|'586.00万元
        |合计|'21,240.10"
    )
}

fn seed_csv(d8: &str) -> String {
    format!(
        "2024年财政重点绩效评价项目表,,\n单位：万元,,\n序号,资金类别,评价金额\n1,一般公共预算,\"1,721.1\"\n2,政府性基金预算,2600\n3,社会保险基金预算,16333\n4,专项债券,586\n,合计,\"{d8}\"\n"
    )
}

fn write(root: &Path, rel: &str, sheets: &[(&str, &str)]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("fixture path has a folder"))
        .expect("create fixture folder");
    grid::write_workbook(&path, sheets).unwrap_or_else(|e| panic!("{rel}: {e}"));
    println!("wrote {rel}");
}

/// Hides row `row` (1-based) of a workbook's sheets.
fn hide_row(path: &Path, row: usize) {
    let tag = format!("<row r=\"{row}\"");
    rewrite_sheets(path, |xml| {
        xml.replace(&tag, &format!("{tag} hidden=\"1\""))
    });
}

/// Rewrites the XML of a workbook's sheets.
fn rewrite_sheets(path: &Path, edit: impl Fn(&str) -> String) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("read the fixture");
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).expect("an entry");
        let name = e.name().expect("a name").to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("inflate");
        if name.starts_with("xl/worksheets/") {
            let xml = String::from_utf8(data).expect("UTF-8 XML");
            data = edit(&xml).into_bytes();
        }
        out.start_file(name, opts).expect("an entry");
        out.write_all(&data).expect("write");
    }
    let bytes = out.finish().expect("a zip").into_inner();
    std::fs::write(path, bytes).expect("write the fixture");
}

/// Removes the calculated values of a workbook's formulas, as a workbook
/// written by a script (openpyxl) has none.
fn strip_formula_values(path: &Path) {
    rewrite_sheets(path, |xml| xml.replace("</f><v>0</v>", "</f>"));
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let s = "重点评价项目";
    write(
        &root,
        "seed/clean.xlsx",
        &[(s, &seed("1721.1", "4", "586.0", "21240.1"))],
    );
    // A two-sided 收支总表: each side foots; in `unbalanced` the spending
    // side carries 10 more 年末结转和结余 than the income side has.
    for (name, carried, total) in [
        ("two-sided/clean.xlsx", "50.00", "950.00"),
        ("two-sided/unbalanced.xlsx", "60.00", "960.00"),
    ] {
        let grid = format!(
            "2025年部门收支总表|>|>|>\n|||'单位：万元\n收入项目|预算数|支出项目|预算数\n一、一般公共预算拨款收入|800.00|一、一般公共服务支出|300.00\n二、事业收入|100.00|二、教育支出|450.00\n||三、卫生健康支出|150.00\n本年收入合计|900.00|本年支出合计|900.00\n年初结转和结余|50.00|年末结转和结余|{carried}\n收入总计|950.00|支出总计|{total}"
        );
        write(&root, name, &[("收支总表", &grid)]);
    }
    // The 合计 is an error value left by a broken formula, kept as text:
    // the total cannot be checked, and says so.
    write(
        &root,
        "seed/total-unreadable.xlsx",
        &[(s, &seed("1721.1", "4", "586.0", "'#REF!"))],
    );
    write(
        &root,
        "seed/swapped-digits.xlsx",
        &[(s, &seed("1712.1", "4", "586.0", "21240.1"))],
    );
    write(
        &root,
        "seed/total-typo.xlsx",
        &[(s, &seed("1721.1", "4", "586.0", "21349.1"))],
    );
    write(
        &root,
        "seed/unit-slip.xlsx",
        &[(s, &seed("1721.1", "4", "5860000.0", "21240.1"))],
    );
    write(
        &root,
        "seed/miscount.xlsx",
        &[(s, &seed("1721.1", "5", "586.0", "21240.1"))],
    );

    // The seed report's figures as a workbook, checked by fixtures/seed/seed.toml.
    let report = |d4: &str, coverage_off: bool, slip: bool, s6: &str| {
        vec![
            (s, seed(d4, "4", "586.0", "21240.1")),
            ("部门目标管理", departments_goal(coverage_off, slip)),
            ("绩效自评", self_evaluation(s6)),
        ]
    };
    for (name, sheets) in [
        ("seed/report.xlsx", report("1721.1", false, false, "3")),
        (
            "seed/report-swapped-digits.xlsx",
            report("1712.1", false, false, "3"),
        ),
        (
            "seed/report-coverage.xlsx",
            report("1721.1", true, false, "3"),
        ),
        (
            "seed/report-unit-slip.xlsx",
            report("1721.1", false, true, "3"),
        ),
        (
            "seed/report-score-over.xlsx",
            report("1721.1", false, false, "4"),
        ),
    ] {
        let refs: Vec<(&str, &str)> = sheets.iter().map(|(n, g)| (*n, g.as_str())).collect();
        write(&root, name, &refs);
    }

    // Fixtures for the shipped rule packs (rules/*.toml).
    let perf = |max1: &str, score1: &str, tm: &str, ts: &str| {
        vec![
            (
                "绩效考评自评表".to_string(),
                self_evaluation_detailed(max1, score1, tm, ts),
            ),
            (s.to_string(), seed("1721.1", "4", "586.0", "21240.1")),
        ]
    };
    let budget = |pi: &str, it: &str, urban: &str, st: &str, running: &str| {
        vec![
            ("收支总表".to_string(), budget_summary(pi, it, urban, st)),
            (
                "一般公共预算支出表".to_string(),
                function_table("500.00", "100.00"),
            ),
            ("基本支出表".to_string(), BASIC_EXPENDITURE.to_string()),
            ("三公经费".to_string(), three_public_wide(running)),
        ]
    };
    let accounts = |carry: &str, st: &str, total: &str, b: &str, bt: &str, bb: &str| {
        vec![
            (
                "收入支出决算总表".to_string(),
                final_accounts(carry, st, "", "", ""),
            ),
            ("收入决算表".to_string(), INCOME_ACCOUNTS.to_string()),
            (
                "支出决算表".to_string(),
                expenditure_accounts(total, b, bt, bb),
            ),
        ]
    };
    for (name, sheets) in [
        (
            "packs/performance-evaluation/clean.xlsx",
            perf("2", "2", "25", "25"),
        ),
        (
            "packs/performance-evaluation/section-maximum.xlsx",
            perf("3", "3", "26", "26"),
        ),
        (
            "packs/budget-disclosure/clean.xlsx",
            budget("1350.00", "1450.00", "100.00", "1450.00", "18.20"),
        ),
        (
            "packs/budget-disclosure/unbalanced.xlsx",
            budget("1350.00", "1450.00", "110.00", "1460.00", "18.20"),
        ),
        (
            "packs/budget-disclosure/tie.xlsx",
            budget("1360.00", "1460.00", "110.00", "1460.00", "18.20"),
        ),
        (
            "packs/budget-disclosure/three-public.xlsx",
            budget("1350.00", "1450.00", "100.00", "1450.00", "19.20"),
        ),
        (
            "packs/final-accounts/clean.xlsx",
            accounts(
                "200.00", "1600.00", "1350.00", "450.00", "1000.00", "300.00",
            ),
        ),
        (
            "packs/final-accounts/unbalanced.xlsx",
            accounts(
                "210.00", "1610.00", "1350.00", "450.00", "1000.00", "300.00",
            ),
        ),
        (
            "packs/final-accounts/tie.xlsx",
            accounts(
                "200.00", "1600.00", "1360.00", "460.00", "1010.00", "310.00",
            ),
        ),
    ] {
        let refs: Vec<(&str, &str)> = sheets
            .iter()
            .map(|(n, g)| (n.as_str(), g.as_str()))
            .collect();
        write(&root, name, &refs);
    }

    // Totals as formulas with cached values.
    write(
        &root,
        "formulas/clean.xlsx",
        &[(
            s,
            &seed("1721.1", "=SUM(C4:C7)~4", "586.0", "=SUM(D4:D7)~21240.1"),
        )],
    );
    write(
        &root,
        "formulas/short-range.xlsx",
        &[(
            s,
            &seed("1721.1", "=SUM(C4:C7)~4", "586.0", "=SUM(D4:D6)~20654.1"),
        )],
    );
    write(
        &root,
        "formulas/hardcoded.xlsx",
        &[(s, &seed("1721.1", "=SUM(C4:C7)~4", "586.0", "21240.1"))],
    );
    // Formulas saved without calculated values (as openpyxl writes them):
    // the 合计 of 评价金额 leaves out row 7.
    write(
        &root,
        "formulas/uncached.xlsx",
        &[(s, &seed("1721.1", "=SUM(C4:C7)", "586.0", "=SUM(D4:D6)"))],
    );
    strip_formula_values(&root.join("formulas/uncached.xlsx"));
    // Row 6 hidden, and a 合计 by SUBTOTAL(109, …) that leaves it out.
    write(
        &root,
        "formulas/hidden-row.xlsx",
        &[(
            s,
            &seed(
                "1721.1",
                "=SUM(C4:C7)~4",
                "586.0",
                "=SUBTOTAL(109,D4:D7)~4907.1",
            ),
        )],
    );
    hide_row(&root.join("formulas/hidden-row.xlsx"), 6);
    write(
        &root,
        "formulas/stale.xlsx",
        &[(
            s,
            &seed("1712.1", "=SUM(C4:C7)~4", "586.0", "=SUM(D4:D7)~21240.1"),
        )],
    );

    let f = "一般公共预算支出表";
    write(
        &root,
        "function/clean.xlsx",
        &[(f, &function_table("500.00", "100.00"))],
    );
    write(
        &root,
        "function/detail-typo.xlsx",
        &[(f, &function_table("500.00", "190.00"))],
    );
    write(
        &root,
        "function/parent-typo.xlsx",
        &[(f, &function_table("520.00", "100.00"))],
    );

    write(
        &root,
        "split-codes/clean.xlsx",
        &[("支出表", &split_codes("190.0"))],
    );
    write(
        &root,
        "split-codes/broken.xlsx",
        &[("支出表", &split_codes("109.0"))],
    );

    write(
        &root,
        "outline/clean.xlsx",
        &[("支出明细", &outline("150.00"))],
    );
    write(
        &root,
        "outline/broken.xlsx",
        &[("支出明细", &outline("105.00"))],
    );

    write(
        &root,
        "subtotals/clean.xlsx",
        &[("项目清单", &subtotals("2600.0", "4321.1"))],
    );
    write(
        &root,
        "subtotals/subtotal-typo.xlsx",
        &[("项目清单", &subtotals("2060.0", "4321.1"))],
    );
    write(
        &root,
        "subtotals/counted-twice.xlsx",
        &[("项目清单", &subtotals("2600.0", "8642.2"))],
    );

    write(
        &root,
        "scores/clean.xlsx",
        &[("绩效自评表", &scores("2", "14"))],
    );
    write(
        &root,
        "scores/over-max.xlsx",
        &[("绩效自评表", &scores("3", "15"))],
    );
    write(
        &root,
        "scores/total-typo.xlsx",
        &[("绩效自评表", &scores("2", "13"))],
    );

    write(
        &root,
        "departments/clean.xlsx",
        &[("收入总表", &departments("600.50"))],
    );
    write(
        &root,
        "departments/row-total-typo.xlsx",
        &[("收入总表", &departments("650.50"))],
    );

    write(
        &root,
        "three-public/clean.xlsx",
        &[("三公经费", &three_public("45.60", "30.60"))],
    );
    write(
        &root,
        "three-public/parent-zero.xlsx",
        &[("三公经费", &three_public("15.00", "0.00"))],
    );

    write(
        &root,
        "side-by-side/clean.xlsx",
        &[("基本支出表", &side_by_side("100.00"))],
    );
    write(
        &root,
        "side-by-side/broken.xlsx",
        &[("基本支出表", &side_by_side("110.00"))],
    );

    write(&root, "not-footed/clean.xlsx", &[("执行情况", NOT_FOOTED)]);

    write(
        &root,
        "text-numbers/clean.xlsx",
        &[(s, &text_numbers("1,721.10"))],
    );
    write(
        &root,
        "text-numbers/swapped-digits.xlsx",
        &[(s, &text_numbers("1,712.10"))],
    );

    // One workbook with several tables: every family's clean sheet.
    write(
        &root,
        "workbook/all-clean.xlsx",
        &[
            (s, &seed("1721.1", "4", "586.0", "21240.1")),
            (f, &function_table("500.00", "100.00")),
            ("支出表", &split_codes("190.0")),
            ("三公经费", &three_public("45.60", "30.60")),
            ("基本支出表", &side_by_side("100.00")),
        ],
    );

    let csv_dir = root.join("csv");
    std::fs::create_dir_all(&csv_dir).expect("create csv folder");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(seed_csv("21,240.1").as_bytes());
    std::fs::write(csv_dir.join("seed-utf8-bom.csv"), bom).expect("write csv");
    std::fs::write(csv_dir.join("seed-utf8.csv"), seed_csv("21,240.1")).expect("write csv");
    for (name, total) in [
        ("seed-gbk.csv", "21,240.1"),
        ("seed-gbk-total-typo.csv", "21,349.1"),
    ] {
        let text = seed_csv(total);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        std::fs::write(csv_dir.join(name), &gbk).expect("write csv");
    }
    println!("wrote csv/*.csv");

    write_formats(&root);
}

/// Tables whose figures are shown by their number format differently from
/// how they are stored: in 千元 by a trailing `,`, to two decimals of four
/// stored, and labels indented by alignment. Each is right as shown.
fn write_formats(root: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = root.join("formats");
    std::fs::create_dir_all(&dir).expect("create formats folder");
    let title = Format::new().set_bold();
    // Stored in 元, shown in 千元 to one decimal: 1,234.6 + 2,345.7 + 987.7
    // = 4,568.0 as shown (4,567,949 元 exactly).
    for (name, total, code) in [
        ("thousands.xlsx", 4_568_000.0, "#,##0.0,"),
        ("thousands-typo.xlsx", 4_658_000.0, "#,##0.0,"),
        // The sections of a published table: negatives with a minus, zero
        // as a dash.
        ("sections.xlsx", 4_568_000.0, "#,##0.0,;-#,##0.0,;\"-\""),
    ] {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("项目支出").expect("a sheet");
        let shown = Format::new().set_num_format(code);
        ws.write_string_with_format(0, 0, "2025年项目支出表", &title)
            .unwrap();
        ws.write_string(1, 0, "单位：千元").unwrap();
        ws.write_string(2, 0, "项目").unwrap();
        ws.write_string(2, 1, "预算数").unwrap();
        for (i, (label, v)) in [
            ("校舍维修", 1_234_567.0),
            ("教学设备购置", 2_345_678.0),
            ("课桌椅更新", 987_704.0),
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(3 + i as u32, 0, label).unwrap();
            ws.write_number_with_format(3 + i as u32, 1, v, &shown)
                .unwrap();
        }
        ws.write_string(6, 0, "合计").unwrap();
        ws.write_number_with_format(6, 1, total, &shown).unwrap();
        wb.save(dir.join(name)).expect("write the fixture");
        println!("wrote formats/{name}");
    }
    // Stored with four decimals, shown with two: 合计 is the sum of the
    // figures as shown (1,200.01 + 2,300.46 + 999.99 = 4,500.46), the
    // stored ones sum to 4,500.4519.
    {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("收入预算").expect("a sheet");
        let two = Format::new().set_num_format("#,##0.00");
        ws.write_string(0, 0, "单位：万元").unwrap();
        ws.write_string(1, 0, "项目").unwrap();
        ws.write_string(1, 1, "金额").unwrap();
        for (i, (label, v)) in [
            ("一般公共预算拨款", 1_200.0149),
            ("政府性基金拨款", 2_300.4551),
            ("事业收入", 999.9919),
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string(2 + i as u32, 0, label).unwrap();
            ws.write_number_with_format(2 + i as u32, 1, v, &two)
                .unwrap();
        }
        ws.write_string(5, 0, "合计").unwrap();
        ws.write_number_with_format(5, 1, 4_500.46, &two).unwrap();
        wb.save(dir.join("decimals.xlsx"))
            .expect("write the fixture");
        println!("wrote formats/decimals.xlsx");
    }
    // 其中 items indented by alignment, not by spaces: 基本支出 and 项目支出
    // break down 一般公共预算拨款 (500 = 300 + 200); 合计 600 = 500 + 100.
    for (name, basic) in [("indent.xlsx", 300.0), ("indent-typo.xlsx", 330.0)] {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("收入预算").expect("a sheet");
        let whole = Format::new().set_num_format("#,##0");
        let under = Format::new().set_indent(1);
        let under2 = Format::new().set_indent(2);
        ws.write_string(0, 0, "单位：万元").unwrap();
        ws.write_string(1, 0, "项目").unwrap();
        ws.write_string(1, 1, "金额").unwrap();
        ws.write_string(2, 0, "一般公共预算拨款").unwrap();
        ws.write_number_with_format(2, 1, 500.0, &whole).unwrap();
        ws.write_string_with_format(3, 0, "其中：", &under).unwrap();
        ws.write_string_with_format(4, 0, "基本支出", &under2)
            .unwrap();
        ws.write_number_with_format(4, 1, basic, &whole).unwrap();
        ws.write_string_with_format(5, 0, "项目支出", &under2)
            .unwrap();
        ws.write_number_with_format(5, 1, 200.0, &whole).unwrap();
        ws.write_string(6, 0, "政府性基金拨款").unwrap();
        ws.write_number_with_format(6, 1, 100.0, &whole).unwrap();
        ws.write_string(7, 0, "合计").unwrap();
        ws.write_number_with_format(7, 1, 600.0, &whole).unwrap();
        wb.save(dir.join(name)).expect("write the fixture");
        println!("wrote formats/{name}");
    }
}

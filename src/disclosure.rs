//! The standard disclosure documents: a department's or unit's 部门预算 and
//! its 部门决算, nine tables each in the national template (上海's names
//! and the national ones), recognised from their titles; the shipped rule
//! packs that check their identities and the ties between them; and the
//! completeness of the nine.
//!
//! Recognition reads each sheet's title (its first rows) and each detected
//! table's title, tolerant of numbering (`1.`, `一、`, `表1`, `附表3`), a year
//! (`2025年`, `2024年度`), the body (`部门`, `预算单位`, `上海市XX局`) and the
//! common variants (`财务收支预算总表` and `收支总表`). A file is a recognised
//! document when at least five of one document's nine tables are in it.
//!
//! Source: `../shared/DOMAIN.md`, "The standard disclosure documents" and
//! "The standard disclosure tables".

use std::path::Path;

use crate::finding::{Finding, Location, Message, RuleId, Severity};
use crate::rules::eval::Loaded;
use crate::rules::RuleSet;
use crate::table::Table;
use crate::workbook::{Sheet, Value};

/// Which standard document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// 部门预算 or 单位预算.
    Budget,
    /// 部门决算.
    Final,
}

impl Document {
    /// Its name, as the template calls it.
    pub fn name(self) -> &'static str {
        match self {
            Document::Budget => "部门预算",
            Document::Final => "部门决算",
        }
    }

    /// Its nine tables, in the template's order.
    pub fn forms(self) -> &'static [Form; 9] {
        match self {
            Document::Budget => &BUDGET,
            Document::Final => &FINAL,
        }
    }

    /// The shipped rule pack that checks it: (file name, text).
    pub fn pack(self) -> (&'static str, &'static str) {
        match self {
            Document::Budget => (
                "rules/budget-disclosure.toml",
                include_str!("../rules/budget-disclosure.toml"),
            ),
            Document::Final => (
                "rules/final-accounts.toml",
                include_str!("../rules/final-accounts.toml"),
            ),
        }
    }
}

/// One of the nine tables of a standard document.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Form {
    /// The document it belongs to.
    pub document: Document,
    /// Its place among the nine (1-based).
    pub number: u8,
    /// Its name, as rule files write it in `form = "…"`.
    pub name: &'static str,
}

const fn form(document: Document, number: u8, name: &'static str) -> Form {
    Form {
        document,
        number,
        name,
    }
}

/// The nine tables of a 部门预算 (上海: 财务收支预算总表 …).
pub static BUDGET: [Form; 9] = [
    form(Document::Budget, 1, "收支总表"),
    form(Document::Budget, 2, "收入总表"),
    form(Document::Budget, 3, "支出总表"),
    form(Document::Budget, 4, "财政拨款收支总表"),
    form(Document::Budget, 5, "一般公共预算支出表"),
    form(Document::Budget, 6, "政府性基金预算支出表"),
    form(Document::Budget, 7, "国有资本经营预算支出表"),
    form(Document::Budget, 8, "一般公共预算基本支出表"),
    form(Document::Budget, 9, "三公经费表"),
];

/// The nine tables of a 部门决算.
pub static FINAL: [Form; 9] = [
    form(Document::Final, 1, "收入支出决算总表"),
    form(Document::Final, 2, "收入决算表"),
    form(Document::Final, 3, "支出决算表"),
    form(Document::Final, 4, "财政拨款收入支出决算总表"),
    form(Document::Final, 5, "一般公共预算财政拨款支出决算表"),
    form(Document::Final, 6, "一般公共预算财政拨款基本支出决算表"),
    form(Document::Final, 7, "财政拨款三公经费支出决算表"),
    form(Document::Final, 8, "政府性基金预算财政拨款收入支出决算表"),
    form(Document::Final, 9, "国有资本经营预算财政拨款收入支出决算表"),
];

/// The form a rule file names (`form = "收支总表"`).
pub fn form_named(name: &str) -> Option<&'static Form> {
    let n = squeeze(name);
    BUDGET.iter().chain(FINAL.iter()).find(|f| f.name == n)
}

/// Every form's name, for a rule file's help.
pub fn form_names() -> Vec<&'static str> {
    BUDGET.iter().chain(FINAL.iter()).map(|f| f.name).collect()
}

/// A title with spaces, quotes and brackets' widths evened out.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」')
        })
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// The form a title names, if it is one of the eighteen. The document is
/// 决算 when the title says 决算, else 预算 when it says 预算 or is one of the
/// budget's shorter names (`收支总表`, `"三公"经费支出表`).
pub fn form_of_title(title: &str) -> Option<&'static Form> {
    // (`XX县预决算公开平台`: a heading that names both is neither.)
    let t = squeeze(title).replace("预决算", "");
    // A sentence is no title.
    if t.chars().count() > 100 || t.contains('。') {
        return None;
    }
    let has = |w: &str| t.contains(w);
    // Tables of other documents that share the words: a government's
    // budget by fund (`一般公共预算收入表`, `社会保险基金`), summaries over
    // departments, execution and progress reports, project and
    // performance tables, statistics.
    const OTHER: [&str; 14] = [
        "一般公共预算收入",
        "政府性基金预算收入",
        "国有资本经营预算收入",
        "社会保险基金",
        "各部门",
        "汇总",
        "压减",
        "执行",
        "进度",
        "明细",
        "统计",
        "绩效",
        "项目支出",
        "转移支付",
    ];
    if OTHER.iter().any(|w| has(w)) || (has("机关运行经费") && !has("三公")) {
        return None;
    }
    // A fund named in a 总表's title makes it a government's table.
    let fund = has("一般公共预算") || has("政府性基金") || has("国有资本经营");
    // The department's own tables say whose or what they are.
    let own = has("预算") || has("部门") || has("单位");
    if has("决算") {
        // The department's tables by fund are its 财政拨款's.
        let fiscal = has("财政拨款");
        let n = if has("三公") && fiscal {
            7
        } else if has("政府性基金") && fiscal {
            8
        } else if has("国有资本经营") && fiscal {
            9
        } else if has("基本支出") && fiscal {
            6
        } else if has("财政拨款收入支出") || has("财政拨款收支") {
            4
        } else if has("一般公共预算") && fiscal {
            5
        } else if fund {
            return None;
        } else if has("收入支出决算总表") || has("收支决算总表") {
            1
        } else if has("收入决算表") {
            2
        } else if has("支出决算表") {
            3
        } else {
            return None;
        };
        return Some(&FINAL[n - 1]);
    }
    let table = has("表");
    if !table {
        return None;
    }
    let both = has("收支") || (has("收入") && has("支出"));
    let bare = ["收支总表", "收入总表", "支出总表"].contains(&strip_numbering(&t));
    let n = if has("三公") && (own || has("支出")) {
        9
    } else if has("政府性基金") && has("支出") {
        6
    } else if has("国有资本经营") && has("支出") {
        7
    } else if has("基本支出") {
        8
    } else if has("财政拨款") && both {
        4
    } else if has("一般公共预算") && has("支出") {
        5
    } else if fund || !(own || bare) {
        return None;
    } else if both && has("总表") {
        1
    } else if has("收入") && (has("总表") || has("预算表")) && !has("支出") {
        2
    } else if has("支出") && (has("总表") || has("预算表")) && !has("收入") {
        3
    } else {
        return None;
    };
    Some(&BUDGET[n - 1])
}

/// A title after its numbering (`表1`, `附表3-1`, `一、`, `1.`).
fn strip_numbering(t: &str) -> &str {
    t.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '表' | '附' | '-' | '.' | '、' | '．' | '(' | ')' | ':' | '：'
            )
            || "一二三四五六七八九十".contains(c)
    })
}

/// The text cells of a sheet's row.
fn row_texts(sheet: &Sheet, r: usize) -> impl Iterator<Item = &str> + '_ {
    (0..sheet.cols()).filter_map(move |c| match sheet.cell(r, c).value {
        Value::Text(t) if !t.trim().is_empty() => Some(t),
        _ => None,
    })
}

/// The form a sheet's title names: the first of its first four rows that
/// names one (a row joined, so `上海市XX局 | 2024 | 年度部门决算表` reads as
/// one title).
pub fn form_of_sheet(sheet: &Sheet) -> Option<&'static Form> {
    (0..sheet.rows().min(6))
        .find_map(|r| {
            let texts: Vec<&str> = row_texts(sheet, r).collect();
            if texts.len() > 3 {
                return None;
            }
            texts
                .iter()
                .find_map(|t| form_of_title(t))
                .or_else(|| form_of_title(&texts.concat()))
        })
        // A sheet named by its title, with none on it.
        .or_else(|| form_of_title(&sheet.name))
}

/// The form of a detected table: its own title's when that is one of its
/// sheet's document, else its sheet's (a table split from a two-sided page
/// keeps its sheet's form).
pub fn form_of_table(table: &Table, sheet: Option<&Sheet>) -> Option<&'static Form> {
    let of_sheet = sheet.and_then(form_of_sheet);
    let own = table.title.as_deref().and_then(form_of_title);
    match (own, of_sheet) {
        (Some(o), Some(s)) if o.document == s.document => Some(o),
        (_, Some(s)) => Some(s),
        (o, None) => o,
    }
}

/// Where one of the nine tables is: the file (an index into the files
/// recognised together) and its sheet.
#[derive(Debug, Clone)]
pub struct Place {
    /// The table.
    pub form: &'static Form,
    /// Index of its file among those recognised together.
    pub file: usize,
    /// Its sheet.
    pub sheet: String,
}

/// A file, or a folder of files, recognised as a standard document.
#[derive(Debug, Clone)]
pub struct Recognised {
    /// Which document.
    pub document: Document,
    /// Each form found, with its file and sheet (in the template's order).
    pub found: Vec<Place>,
    /// The forms not found.
    pub missing: Vec<&'static Form>,
    /// Forms printed with no figures and no note saying why (空表说明).
    pub empty: Vec<Place>,
}

/// Every form a file's sheets and tables are, with their sheets.
fn forms_in(loaded: &Loaded) -> Vec<(&'static Form, String)> {
    let mut seen: Vec<(&'static Form, String)> = Vec::new();
    for sheet in &loaded.sheets {
        if let Some(f) = form_of_sheet(sheet) {
            if !seen.iter().any(|(g, _)| std::ptr::eq(*g, f)) {
                seen.push((f, sheet.name.clone()));
            }
        }
    }
    for t in &loaded.tables {
        let sheet = loaded.sheets.iter().find(|s| s.name == t.sheet);
        if let Some(f) = form_of_table(t, sheet) {
            if !seen.iter().any(|(g, _)| std::ptr::eq(*g, f)) {
                seen.push((f, t.sheet.clone()));
            }
        }
    }
    seen
}

/// True when a file holds one or more of the standard tables but is no
/// document by itself: a part of a folder of workbooks, a table each.
pub fn is_part(loaded: &Loaded) -> bool {
    !forms_in(loaded).is_empty() && recognise(loaded, "").is_none()
}

/// What a file's sheets are, as a standard document; `None` when fewer than
/// five of one document's tables are in it. `prose`: the document's text
/// outside its tables (a PDF's), searched for 空表说明 too.
pub fn recognise(loaded: &Loaded, prose: &str) -> Option<Recognised> {
    recognise_in(&[loaded], prose)
}

/// [`recognise`], every document the file holds.
pub fn recognise_each(loaded: &Loaded, prose: &str) -> Vec<Recognised> {
    recognise_all(&[loaded], prose)
}

/// [`recognise`] over several files taken as one document (a folder of
/// workbooks, a table each).
pub fn recognise_in(files: &[&Loaded], prose: &str) -> Option<Recognised> {
    recognise_all(files, prose).into_iter().next()
}

/// Every standard document in `files`, the one with more of its tables
/// first: a 预决算 bundle holds a 部门预算 and a 部门决算 side by side (their
/// tables are told apart by 预算 and 决算 in their titles).
pub fn recognise_all(files: &[&Loaded], prose: &str) -> Vec<Recognised> {
    let mut seen: Vec<Place> = Vec::new();
    for (i, loaded) in files.iter().enumerate() {
        for (form, sheet) in forms_in(loaded) {
            if !seen.iter().any(|p| std::ptr::eq(p.form, form)) {
                seen.push(Place {
                    form,
                    file: i,
                    sheet,
                });
            }
        }
    }
    let count = |d: Document| seen.iter().filter(|p| p.form.document == d).count();
    // Every such document has its 总表 or its 财政拨款 总表.
    let anchored = |d: Document| {
        seen.iter()
            .any(|p| p.form.document == d && matches!(p.form.number, 1 | 4))
    };
    let mut documents: Vec<Document> = [Document::Budget, Document::Final]
        .into_iter()
        .filter(|&d| count(d) >= 5 && anchored(d))
        .collect();
    documents.sort_by_key(|&d| std::cmp::Reverse(count(d)));
    documents
        .into_iter()
        .map(|d| document_of(d, &seen, files, prose))
        .collect()
}

/// The document `document` made of the tables `seen`: found, missing and
/// empty.
fn document_of(document: Document, seen: &[Place], files: &[&Loaded], prose: &str) -> Recognised {
    let mut found: Vec<Place> = seen
        .iter()
        .filter(|p| p.form.document == document)
        .cloned()
        .collect();
    found.sort_by_key(|p| p.form.number);
    let missing = document
        .forms()
        .iter()
        .filter(|f| !found.iter().any(|p| std::ptr::eq(p.form, *f)))
        .collect();
    let empty = found
        .iter()
        .filter(|p| {
            let loaded = files[p.file];
            let sheet = loaded.sheets.iter().find(|s| s.name == p.sheet);
            let figures = loaded
                .tables
                .iter()
                .filter(|t| t.sheet == p.sheet)
                .filter(|t| form_of_table(t, sheet).is_some_and(|g| std::ptr::eq(g, p.form)))
                .any(|t| t.has_figures());
            !figures && !has_empty_note(sheet, prose, p.form)
        })
        .cloned()
        .collect();
    Recognised {
        document,
        found,
        missing,
        empty,
    }
}

/// Whether a note says the table has nothing to report (`本表为空表`,
/// `故本表无数据`, `本部门无政府性基金预算…`): on its sheet, or in the text
/// near the table's name.
fn has_empty_note(sheet: Option<&Sheet>, prose: &str, form: &Form) -> bool {
    // `本表为空表`, `故本表无数据`, `本部门没有…支出`, `（注：本表为空）`:
    // a sentence saying the table, or the fund, has nothing.
    let says = |t: &str| {
        let nothing = t.contains('无') || t.contains("没有") || t.contains("未安排");
        t.contains("空表")
            || t.contains("为空")
            || t.contains("无数据")
            || (nothing
                && ["收入", "支出", "预算", "经费", "安排", "数据", "拨款"]
                    .iter()
                    .any(|w| t.contains(w)))
    };
    // (A note is a sentence, not a header: it has a verb of having nothing
    // and runs longer than a column's name.)
    let on_sheet = sheet.is_some_and(|s| {
        (0..s.rows()).any(|r| row_texts(s, r).any(|t| t.chars().count() >= 8 && says(t)))
    });
    // The fund the table is for, in a sentence of the prose that says so.
    let fund = ["政府性基金", "国有资本经营", "三公"]
        .into_iter()
        .find(|w| form.name.contains(w));
    on_sheet
        || fund.is_some_and(|w| {
            prose.split(['。', '\n']).any(|s| {
                s.contains(w) && (s.contains("空表") || s.contains("无数据") || s.contains("为空"))
            })
        })
}

/// The shipped pack of a document, parsed (the packs are checked by the
/// tests, so this does not fail).
pub fn pack(document: Document) -> Option<RuleSet> {
    let (path, text) = document.pack();
    RuleSet::from_text(Path::new(path), text).ok()
}

/// Whether a run's own rules take the place of the shipped packs: they
/// hold a rule with a pack rule's id (the pack given with `--rules`, or a
/// copy of it edited), so the pack is not applied a second time.
pub fn overridden_by(rules: &RuleSet) -> bool {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        [Document::Budget, Document::Final]
            .into_iter()
            .filter_map(pack)
            .flat_map(|p| p.rules.into_iter().map(|r| r.id))
            .collect()
    });
    rules.rules.iter().any(|r| ids.contains(&r.id))
}

/// The findings of a recognised document's completeness: each table
/// missing from the nine, as a warning naming it (see also
/// [`empty_tables`]).
pub fn completeness(r: &Recognised) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &r.missing {
        let m = Message::new("template-missing")
            .text("document", r.document.name())
            .count("number", f.number as usize)
            .text("table", f.name);
        let mut finding = Finding::new(
            RuleId::Check(&MISSING),
            Severity::Warning,
            Location::File,
            m,
        );
        finding.help =
            Some(Message::new("hint-template-missing").text("document", r.document.name()));
        out.push(finding);
    }
    out
}

/// The warnings of the tables a recognised document prints empty without a
/// note, each with the index of its file.
pub fn empty_tables(r: &Recognised) -> Vec<(usize, Finding)> {
    r.empty
        .iter()
        .map(|p| {
            let m = Message::new("template-empty")
                .text("document", r.document.name())
                .count("number", p.form.number as usize)
                .text("table", p.form.name);
            let mut finding = Finding::new(
                RuleId::Check(&EMPTY),
                Severity::Warning,
                Location::Sheet {
                    sheet: p.sheet.clone(),
                },
                m,
            );
            finding.help = Some(Message::new("hint-template-empty"));
            (p.file, finding)
        })
        .collect()
}

/// The finding that says which document a file was recognised as and what
/// its pack came to.
pub fn recognised_finding(r: &Recognised, rules: usize) -> Finding {
    let m = Message::new("template-recognised")
        .text("document", r.document.name())
        .count("found", r.found.len())
        .count("rules", rules)
        .text("pack", r.document.pack().0);
    Finding::new(
        RuleId::Check(&RECOGNISED),
        Severity::Info,
        Location::File,
        m,
    )
}

/// The finding of a pack rule with items it could not decide: how many,
/// and why (a row or table missing, a blank cell).
pub fn undecided_finding(s: &crate::rules::summary::RuleSummary) -> Finding {
    let m = Message::new("template-rule-undecided")
        .text("rule", s.id.clone())
        .count("undecided", s.undecided)
        .count("items", s.items)
        .text("reasons", s.reasons.join("; "));
    Finding::new(
        RuleId::Check(&UNDECIDED),
        Severity::Warning,
        Location::File,
        m,
    )
}

/// The finding of a pack rule written for another variant of the template
/// (a column it names is not in the table).
pub fn not_applied_finding(rule: &str, e: &crate::rules::RuleError) -> Finding {
    let m = Message::new("template-rule-not-applied")
        .text("rule", rule.to_string())
        .text("detail", e.message.render());
    // A rule written for another variant of the template (上海's columns
    // in a national table): shown, not a warning about this document.
    Finding::new(RuleId::Check(&UNDECIDED), Severity::Info, Location::File, m)
}

/// The checks of standard documents, as the registry lists them (their
/// findings are made by [`completeness`], [`recognised_finding`] and the
/// engine's application of the packs, not per table).
pub struct TemplateMissing;
/// See [`TemplateMissing`].
pub struct TemplateEmpty;
/// See [`TemplateMissing`].
pub struct TemplateUndecided;

impl crate::checks::registry::Check for TemplateMissing {
    fn info(&self) -> &'static crate::checks::registry::CheckInfo {
        &MISSING
    }
}
impl crate::checks::registry::Check for TemplateEmpty {
    fn info(&self) -> &'static crate::checks::registry::CheckInfo {
        &EMPTY
    }
}
impl crate::checks::registry::Check for TemplateUndecided {
    fn info(&self) -> &'static crate::checks::registry::CheckInfo {
        &UNDECIDED
    }
}

/// `template-undecided`.
pub static UNDECIDED: crate::checks::registry::CheckInfo = crate::checks::registry::CheckInfo {
    id: "template-undecided",
    name: "standard-document rule not decided",
    summary: "a rule of a shipped pack could not be decided on this document (a row, table or column it names is not there, or a cell is unreadable)",
    severity: Severity::Warning,
};

/// `template-missing`.
pub static MISSING: crate::checks::registry::CheckInfo = crate::checks::registry::CheckInfo {
    id: "template-missing",
    name: "table missing from a standard document",
    summary: "a 部门预算 or 部门决算 recognised from its tables lacks one of its nine tables",
    severity: Severity::Warning,
};

/// `template-empty`.
pub static EMPTY: crate::checks::registry::CheckInfo = crate::checks::registry::CheckInfo {
    id: "template-empty",
    name: "empty table without a note",
    summary: "a table of a standard document is printed with no figures and no note saying it has nothing to report (空表说明)",
    severity: Severity::Warning,
};

/// `template-recognised`.
pub static RECOGNISED: crate::checks::registry::CheckInfo = crate::checks::registry::CheckInfo {
    id: "template-recognised",
    name: "standard document recognised",
    summary: "the file was recognised as a 部门预算 or 部门决算 and its shipped rule pack applied",
    severity: Severity::Info,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_their_forms() {
        let cases = [
            ("2025年部门财务收支预算总表", "收支总表"),
            ("表1 部门收支总表", "收支总表"),
            ("2025年预算单位收入预算总表", "收入总表"),
            ("一、部门支出总表", "支出总表"),
            ("2025年部门财政拨款收支预算总表", "财政拨款收支总表"),
            (
                "2025年部门一般公共预算支出功能分类预算表",
                "一般公共预算支出表",
            ),
            ("4.一般公共预算支出表", "一般公共预算支出表"),
            (
                "2025年部门政府性基金预算支出功能分类预算表",
                "政府性基金预算支出表",
            ),
            (
                "2025年部门国有资本经营预算支出功能分类预算表",
                "国有资本经营预算支出表",
            ),
            (
                "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                "一般公共预算基本支出表",
            ),
            ("部门“三公”经费和机关运行经费预算表", "三公经费表"),
            ("一般公共预算“三公”经费支出表", "三公经费表"),
            ("收入支出决算总表", "收入支出决算总表"),
            ("收入决算表", "收入决算表"),
            ("支出决算表", "支出决算表"),
            ("财政拨款收入支出决算总表", "财政拨款收入支出决算总表"),
            (
                "一般公共预算财政拨款支出决算表",
                "一般公共预算财政拨款支出决算表",
            ),
            (
                "一般公共预算财政拨款基本支出决算表",
                "一般公共预算财政拨款基本支出决算表",
            ),
            ("财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表"),
            (
                "政府性基金预算财政拨款收入支出决算表",
                "政府性基金预算财政拨款收入支出决算表",
            ),
            (
                "国有资本经营预算财政拨款收入支出决算表",
                "国有资本经营预算财政拨款收入支出决算表",
            ),
            ("2025年部门收入支出预算总表", "收支总表"),
            ("2025年部门财政拨款收入支出预算总表", "财政拨款收支总表"),
            ("XX县预决算公开平台2025年部门收支总表", "收支总表"),
            ("表1收支总表", "收支总表"),
        ];
        for (title, name) in cases {
            assert_eq!(form_of_title(title).map(|f| f.name), Some(name), "{title}");
        }
        for title in [
            "第二部分上海市普陀区财政局2024年度部门决算表",
            "项目绩效目标表",
            "2025年部门预算",
            // Other documents' tables with the same words.
            "XX县2025年一般公共预算收入表",
            "XX县2025年一般公共预算收支总表",
            "XX县2024年一般公共预算支出决算表",
            "2024年12月食堂收支总表",
            "2024年三公经费统计表",
            "2025年教育局项目支出预算表",
            "2025年各部门“三公”经费压减情况表",
            "2025年部门一般公共预算机关运行经费支出预算表",
        ] {
            assert_eq!(form_of_title(title).map(|f| f.name), None, "{title}");
        }
    }

    #[test]
    fn the_packs_parse() {
        for d in [Document::Budget, Document::Final] {
            let set = pack(d).expect("the pack parses");
            assert!(set.rules.len() >= 8, "{}", d.name());
        }
    }
}

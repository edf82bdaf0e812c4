//! Hostile and broken inputs (`../shared/cases/hostile`, HOSTILE.md): each
//! gets one clear error line or a correct result, no panic text, an exit
//! status of 0, 1 or 2, within a time bound, and never stops the good
//! workbook beside it, under 1 GiB.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn hostile(name: &str) -> Option<PathBuf> {
    let p = crate::support::root()
        .join("../shared/cases/hostile")
        .join(name);
    p.exists().then_some(p)
}

/// Runs crossfoot with `args`, killing it after `limit`; (exit code,
/// stdout + stderr).
fn run_bounded(args: &[&str], limit: Duration) -> (i32, String) {
    let (code, out, _) = run_measured(args, limit);
    (code, out)
}

/// The peak resident memory of a running process, in KiB, from
/// `/proc/PID/status` (its high-water mark); 0 where there is no `/proc`.
fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// [`run_bounded`], with the peak memory seen (KiB).
fn run_measured(args: &[&str], limit: Duration) -> (i32, String, u64) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("CROSSFOOT_CACHE_DIR", dir.path())
        // Output to files, not pipes: a big report would block a child
        // nobody reads from yet.
        .stdout(Stdio::from(
            std::fs::File::create(dir.path().join("out")).unwrap(),
        ))
        .stderr(Stdio::from(
            std::fs::File::create(dir.path().join("err")).unwrap(),
        ))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(peak_kib(child.id()));
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("crossfoot {args:?} ran past {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = child.wait().unwrap();
    let read = |name: &str| {
        String::from_utf8_lossy(&std::fs::read(dir.path().join(name)).unwrap_or_default())
            .into_owned()
    };
    (
        status.code().unwrap_or(-1),
        read("out") + &read("err"),
        peak,
    )
}

/// Every hostile input (not the rule files), sorted.
fn hostile_inputs() -> Vec<PathBuf> {
    let Some(dir) = hostile("") else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.extension().is_some_and(|x| x == "md" || x == "toml"))
        .collect();
    files.sort();
    files
}

/// Each hostile input alone and beside a good workbook: a clear result in
/// under 30 seconds and 1 GiB, no panic text, exit 0, 1 or 2, the good
/// workbook reported.
#[test]
fn each_hostile_file_alone_and_beside_a_good_one() {
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let good = good.display().to_string();
    let files = hostile_inputs();
    if files.is_empty() {
        eprintln!("skipped: ../shared/cases/hostile is not here");
    }
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let path = path.display().to_string();
        for args in [
            vec!["check", "--no-cache", &path],
            vec!["check", "--no-cache", &path, &good],
        ] {
            let (code, out, peak) = run_measured(&args, Duration::from_secs(30));
            assert!(matches!(code, 0..=2), "{name}: exit {code}\n{out}");
            assert!(!out.contains("panicked"), "{name}: panic text\n{out}");
            assert!(
                !out.contains("internal error"),
                "{name}: a caught panic\n{out}"
            );
            assert!(peak < 1 << 20, "{name}: {peak} KiB at the peak");
            if args.len() == 4 {
                assert!(
                    out.contains("total-typo.xlsx: 1 table"),
                    "{name}: the good file\n{out}"
                );
            }
        }
    }
}

/// The whole folder of hostile inputs and a good workbook, in one scan.
#[test]
fn a_folder_of_hostile_files_is_scanned_to_the_end() {
    let files = hostile_inputs();
    if files.is_empty() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for f in &files {
        std::fs::copy(f, tmp.path().join(f.file_name().unwrap())).unwrap();
    }
    let good = crate::support::fixture("seed/total-typo.xlsx");
    std::fs::copy(good, tmp.path().join("good.xlsx")).unwrap();
    let json = tmp.path().join("out.json");
    let (code, out, peak) = run_measured(
        &[
            "check",
            "--no-cache",
            "--format",
            "json",
            "-o",
            &json.display().to_string(),
            &tmp.path().display().to_string(),
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 2, "some files are unreadable: {out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(peak < 1 << 20, "{peak} KiB at the peak");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let reported = doc["files"].as_array().unwrap();
    assert!(
        reported.len() > files.len() / 2,
        "the scan went on: {reported:?}"
    );
    let good = reported
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("good.xlsx"))
        .expect("the good workbook is reported");
    assert_eq!(good["status"], "findings");
}

/// Guards: `--annotate` panicked (exit 101) on a truncated theme part and
/// left the other workbooks unannotated.
#[test]
fn a_workbook_that_cannot_be_copied_leaves_the_others_annotated() {
    let Some(bad) = hostile("annotate-panic-theme.xlsx") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("annotated");
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let (code, out) = run_bounded(
        &[
            "check",
            "--annotate",
            &out_dir.display().to_string(),
            &bad.display().to_string(),
            &good.display().to_string(),
        ],
        Duration::from_secs(30),
    );
    assert!(matches!(code, 0..=2), "exit {code}\n{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(out_dir.join("total-typo.xlsx").exists(), "{out}");
}

/// Guards: a rule nesting 2,000 parentheses overflowed the stack.
#[test]
fn a_deeply_nested_rule_is_a_located_error() {
    let Some(rules) = hostile("parens-2000.toml") else {
        return;
    };
    let (code, out) = run_bounded(
        &["rules", "check", &rules.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nests more than 64 levels"), "{out}");
}

/// Guards: a FIFO, a symlink loop and a link to `/dev/zero` in a scanned
/// folder hung the scan. They are passed over; a FIFO named on the command
/// line is an error line; the good workbook is checked.
#[cfg(unix)]
#[test]
fn fifos_devices_and_link_loops_never_hang_a_scan() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(
        crate::support::fixture("seed/total-typo.xlsx"),
        root.join("good.xlsx"),
    )
    .unwrap();
    let fifo = root.join("pipe.xlsx");
    let made = Command::new("mkfifo").arg(&fifo).status();
    symlink(root, root.join("loop")).unwrap();
    symlink("/dev/zero", root.join("zero.xlsx")).unwrap();
    symlink(root.join("good.xlsx"), root.join("again.xlsx")).unwrap();
    let (code, out) = run_bounded(
        &["check", "--no-cache", &root.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("checked 1 file"),
        "one workbook, reached once: {out}"
    );
    if made.is_ok_and(|s| s.success()) {
        let (code, out) = run_bounded(
            &["check", "--no-cache", &fifo.display().to_string()],
            Duration::from_secs(30),
        );
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("not a regular file"), "{out}");
    }
}

/// Guards: `--annotate` into a folder holding inputs replaced an input
/// with another file's copy; two same-named inputs overwrote each other's
/// copies; `-o` could name an input.
#[test]
fn outputs_never_touch_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["a", "b"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        std::fs::copy(
            crate::support::fixture("seed/total-typo.xlsx"),
            root.join(sub).join("预算.xlsx"),
        )
        .unwrap();
    }
    let a = root.join("a/预算.xlsx").display().to_string();
    let b = root.join("b/预算.xlsx").display().to_string();
    let before = std::fs::read(&a).unwrap();
    // Same-named inputs: a copy each, under their own folders.
    let out = root.join("annotated");
    let (code, text) = run_bounded(
        &[
            "check",
            "--no-cache",
            "--annotate",
            &out.display().to_string(),
            &a,
            &b,
        ],
        Duration::from_secs(30),
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        out.join("a/预算.xlsx").exists() && out.join("b/预算.xlsx").exists(),
        "{text}"
    );
    // A folder where a copy would land on an input: refused, nothing written.
    let (code, text) = run_bounded(
        &[
            "check",
            "--no-cache",
            "--annotate",
            &root.display().to_string(),
            &a,
            &b,
        ],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("would overwrite an input"), "{text}");
    assert_eq!(std::fs::read(&a).unwrap(), before, "the input is untouched");
    // -o naming an input: refused.
    let (code, text) = run_bounded(
        &["check", "--no-cache", "--format", "json", "-o", &a, &a],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("one of the files to check"), "{text}");
    assert_eq!(std::fs::read(&a).unwrap(), before, "the input is untouched");
}

/// Guards: an `include` of a device or of a file that is not a rule file
/// was read (a device for ever), and its contents shown in the diagnostic;
/// `--rules /dev/zero` never ended.
#[cfg(unix)]
#[test]
fn rule_files_are_regular_toml_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "password=hunter2\n").unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        "include = [\"secret.txt\", \"/dev/zero\"]\n\n[[rule]]\nid = \"x\"\nassert = \"1 == 1\"\n",
    )
    .unwrap();
    let (code, out) = run_bounded(
        &["rules", "check", &rules.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not a .toml rule file"), "{out}");
    assert!(
        !out.contains("hunter2"),
        "the included file's contents are not shown: {out}"
    );
    let (code, out) = run_bounded(&["rules", "check", "/dev/zero"], Duration::from_secs(30));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not a regular file"), "{out}");
}

/// A file that takes longer than `--file-timeout` is reported as not
/// checked, on time, and the good workbook beside it is checked; the
/// timed-out file is not remembered by the cache.
#[test]
fn a_file_past_its_time_budget_is_an_error_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // About a million and a half rows: seconds to check, against the
    // milliseconds the good workbook takes.
    let slow = dir.path().join("slow.csv");
    let mut text = String::from("项目,金额\n");
    for i in 0..1_500_000 {
        text.push_str(&format!("项目{i},{}.5\n", i % 997));
    }
    text.push_str("合计,1\n");
    std::fs::write(&slow, text).unwrap();
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let (slow, good) = (slow.display().to_string(), good.display().to_string());
    let start = Instant::now();
    let (code, out) = run_bounded(
        &["check", "--file-timeout", "0.2", &slow, &good],
        Duration::from_secs(30),
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("slow.csv: not checked: it took longer than the time budget of 0.2 s"),
        "{out}"
    );
    assert!(out.contains("total-typo.xlsx: 1 table"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn a_time_budget_that_is_not_a_number_is_a_usage_error() {
    let good = crate::support::fixture("seed/total-typo.xlsx");
    let (code, out) = run_bounded(
        &["check", "--file-timeout=-1", &good.display().to_string()],
        Duration::from_secs(30),
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("expected a number of seconds"), "{out}");
}

/// An xlsx built from the seed fixture with one part replaced by `data`
/// (deflated); with `lie`, the archive declares that part 1,000 bytes.
fn bomb(path: &std::path::Path, part: &str, data: &dyn Fn(&[u8]) -> Vec<u8>, lie: bool) {
    use std::io::{Read, Write};
    let src = std::fs::read(crate::support::fixture("seed/total-typo.xlsx")).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        out.start_file(name.clone(), opts).unwrap();
        let bytes = if name == part { data(&bytes) } else { bytes };
        out.write_all(&bytes).unwrap();
    }
    let mut b = out.finish().unwrap().into_inner();
    if lie {
        // The part's uncompressed size, in its local header (offset 22)
        // and its central directory entry (offset 24), set to 1,000.
        let name = part.as_bytes();
        for (sig, size_at, name_len_at, name_at) in
            [(b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)]
        {
            let mut i = 0;
            while let Some(k) = b[i..].windows(4).position(|w| w == sig) {
                let at = i + k;
                let n = u16::from_le_bytes([b[at + name_len_at], b[at + name_len_at + 1]]) as usize;
                if b.get(at + name_at..at + name_at + n) == Some(name) {
                    b[at + size_at..at + size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
                }
                i = at + 4;
            }
        }
    }
    std::fs::write(path, b).unwrap();
}

/// Zip bombs made here: a worksheet padded with 256 MiB of spaces, a shared
/// string of 256 MiB, and both again with their sizes understated. Each is
/// one error line, fast and small, and the good workbook beside them is
/// checked.
#[test]
fn zip_bombs_are_refused_before_they_inflate() {
    let dir = tempfile::tempdir().unwrap();
    let big = 256usize << 20;
    let pad = |xml: &[u8]| {
        let s = String::from_utf8_lossy(xml);
        s.replacen("<sheetData>", &format!("<sheetData>{}", " ".repeat(big)), 1)
            .into_bytes()
    };
    let string = |xml: &[u8]| {
        let s = String::from_utf8_lossy(xml);
        s.replacen("<t>", &format!("<t>{}", "x".repeat(big)), 1)
            .into_bytes()
    };
    let mut args: Vec<String> = vec!["check".into(), "--no-cache".into()];
    for (name, part, data, lie) in [
        (
            "sheet.xlsx",
            "xl/worksheets/sheet1.xml",
            &pad as &dyn Fn(&[u8]) -> Vec<u8>,
            false,
        ),
        ("strings.xlsx", "xl/sharedStrings.xml", &string, false),
        ("sheet-lies.xlsx", "xl/worksheets/sheet1.xml", &pad, true),
        ("strings-lie.xlsx", "xl/sharedStrings.xml", &string, true),
    ] {
        let p = dir.path().join(name);
        bomb(&p, part, data, lie);
        args.push(p.display().to_string());
    }
    args.push(
        crate::support::fixture("seed/total-typo.xlsx")
            .display()
            .to_string(),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, peak) = run_measured(&args, Duration::from_secs(30));
    assert_eq!(code, 2, "{out}");
    assert!(peak < 256 << 10, "{peak} KiB at the peak\n{out}");
    for name in ["sheet.xlsx", "strings.xlsx"] {
        assert!(
            out.contains(&format!("{name}: too large: a zip bomb")),
            "{name}\n{out}"
        );
    }
    for name in ["sheet-lies.xlsx", "strings-lie.xlsx"] {
        assert!(
            out.contains(&format!("{name}: corrupt workbook"))
                && out.contains("larger than its declared uncompressed size"),
            "{name}\n{out}"
        );
    }
    assert!(out.contains("total-typo.xlsx: 1 table"), "{out}");
}

/// A folder that cannot be listed is named in the report with why, never
/// passed over (as root, which reads anything, there is nothing to see).
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::copy(
        crate::support::fixture("seed/clean.xlsx"),
        locked.join("a.xlsx"),
    )
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&locked).is_ok();
    let (code, out) = run_bounded(
        &["check", "--no-cache", &dir.path().display().to_string()],
        Duration::from_secs(30),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        eprintln!("skipped: running as a user who reads any folder");
        return;
    }
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("locked: cannot read"), "{out}");
}

/// Writes an ODS whose `content.xml` is `body` inside a spreadsheet.
fn ods(path: &std::path::Path, body: &str) {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("mimetype", opts).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", opts).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"><office:automatic-styles><number:number-style style:name="N1"><number:number number:decimal-places="2"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/></office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    w.write_all(xml.as_bytes()).unwrap();
    w.finish().unwrap();
}

/// Repeats in a small ODS that claim more than a sheet holds: a hidden,
/// styled row repeated 10¹² times (aborted the process at 8 GB), a formula
/// repeated across 4 million columns, and 50 sheets of a million repeated
/// rows (6 GB). Each ends within the bounds, with a result or one line.
#[test]
fn ods_repeats_past_a_sheet_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let cell =
        r#"<table:table-cell table:style-name="ce1" office:value-type="float" office:value="1"/>"#;
    let hidden_rows = format!(
        r#"<table:table table:name="t"><table:table-row table:number-rows-repeated="1000000000000" table:visibility="collapse">{cell}</table:table-row></table:table>"#
    );
    let formula_cols = r#"<table:table table:name="t"><table:table-row><table:table-cell table:number-columns-repeated="4000000" table:formula="of:=SUM([.A1:.A2])" office:value-type="float" office:value="1"/></table:table-row></table:table>"#.to_string();
    let many_sheets: String = (0..50)
        .map(|i| {
            format!(
                r#"<table:table table:name="t{i}"><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#
            )
        })
        .collect();
    for (name, body) in [
        ("hidden-rows.ods", hidden_rows),
        ("formula-cols.ods", formula_cols),
        ("many-sheets.ods", many_sheets),
    ] {
        let p = dir.path().join(name);
        ods(&p, &body);
        let good = crate::support::fixture("seed/total-typo.xlsx");
        let args = [
            "check",
            "--no-cache",
            p.to_str().unwrap(),
            good.to_str().unwrap(),
        ];
        let (code, out, peak) = run_measured(&args, Duration::from_secs(30));
        assert!(matches!(code, 1 | 2), "{name}: exit {code}\n{out}");
        assert!(peak < 1 << 20, "{name}: {peak} KiB at the peak\n{out}");
        assert!(out.contains("total-typo.xlsx: 1 table"), "{name}\n{out}");
        assert!(!out.contains("internal error"), "{name}\n{out}");
    }
}

//! Shared drives: parallel scans, the cache, shards, streaming JSONL, JUnit
//! and SARIF validated against their schemas, CSV, and watch mode.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{fixture, run, tempdir, validate_junit, validate_sarif, workbook};
use crossfoot::cache::Cache;
use crossfoot::{check_files_with, collect_files, shard, Outcome, Progress, RunOptions};

#[test]
fn jsonl_streams_one_parsable_line_per_file() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "--no-cache", "--format", "jsonl", "-j", "2"])
        .arg(fixture(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut n = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("line {n} is not JSON ({e}): {line}"));
        assert_eq!(v["schema"], 1);
        assert_eq!(v["type"], "file");
        assert!(v["path"].is_string() && v["findings"].is_array());
        n += 1;
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(n, collect_files(&[fixture("")]).len());
    let stderr = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    assert!(stderr.is_empty(), "no progress bar when piped: {stderr}");
}

#[test]
fn junit_validates_against_its_schema() {
    let dir = tempdir();
    let out = dir.path().join("report.xml");
    let (code, _, _) = run(&[
        "check",
        "--no-cache",
        "--format",
        "junit",
        "-o",
        &out.display().to_string(),
        &fixture("seed").display().to_string(),
    ]);
    assert_eq!(code, 1);
    validate_junit(&out);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(
        xml.contains("<failure") && xml.contains("重点评价项目!D8"),
        "{xml}"
    );
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let dir = tempdir();
    let out = dir.path().join("report.sarif");
    let paths = [fixture("seed"), fixture("text/item-changed.txt")];
    let mut args: Vec<String> = [
        "check",
        "--no-cache",
        "--format",
        "sarif",
        "-o",
        &out.display().to_string(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, _) = run(&args);
    assert_eq!(code, 1);
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(
        |r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "重点评价项目!D8"
    ));
    assert!(results
        .iter()
        .any(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == 140));
    validate_sarif(&out);
}

#[test]
fn csv_has_one_row_per_finding() {
    let (code, out, _) = run(&[
        "check",
        "--no-cache",
        "--format",
        "csv",
        &fixture("seed/total-typo.xlsx").display().to_string(),
    ]);
    assert_eq!(code, 1);
    let body = out.trim_start_matches('\u{feff}');
    let mut r = ::csv::Reader::from_reader(body.as_bytes());
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let h = r.headers().unwrap().clone();
    let get = |k: &str| {
        rows[0]
            .get(h.iter().position(|x| x == k).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (get("rule"), get("cell"), get("stated"), get("computed")),
        (
            "footing".into(),
            "D8".into(),
            "21349.1".into(),
            "21240.1".into()
        )
    );
}

#[test]
fn jobs_and_shards_give_the_same_results() {
    let files = collect_files(&[fixture("")]);
    let one = check_files_with(
        &files,
        None,
        &RunOptions {
            jobs: 1,
            ..Default::default()
        },
    );
    let two = check_files_with(
        &files,
        None,
        &RunOptions {
            jobs: 2,
            ..Default::default()
        },
    );
    let summary = |r: &crossfoot::Run| {
        r.reports
            .iter()
            .map(|f| (f.path.clone(), f.findings.len(), f.checks))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        summary(&one),
        summary(&two),
        "order and results do not depend on the number of jobs"
    );
    let n = 3;
    let mut all: Vec<PathBuf> = (1..=n).flat_map(|k| shard(files.clone(), k, n)).collect();
    all.sort();
    let mut want = files.clone();
    want.sort();
    assert_eq!(all, want, "the shards cover every file exactly once");
    assert_eq!(
        shard(files.clone(), 2, n),
        shard(files.clone(), 2, n),
        "stable"
    );
    let (code, _, err) = run(&["check", "--shard", "4/3", "x.xlsx"]);
    assert_eq!(code, 2, "{err}");
}

/// Flips a byte of `path` in place and sets its time back: same size and
/// time, other content (a cache that read the file would notice). Returns
/// the original bytes and time.
fn flip_a_byte_keeping_time(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    let original = std::fs::read(path).unwrap();
    let mut flipped = original.clone();
    flipped[100] ^= 0xFF;
    std::fs::write(path, &flipped).unwrap();
    set_modified(path, mtime);
    (original, mtime)
}

fn set_modified(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
}

#[test]
fn the_cache_reuses_unchanged_files_and_notices_changes() {
    let dir = tempdir();
    let cache_dir = dir.path().join("cache");
    let ledger = dir.path().join("ledger.xlsx");
    copy(&fixture("seed/clean.xlsx"), &ledger);
    let cache = Cache::new(&cache_dir, "rules v1");
    let opts = RunOptions {
        cache: Some(cache.clone()),
        ..Default::default()
    };
    let first = check_files_with(std::slice::from_ref(&ledger), None, &opts);
    assert_eq!(first.reports[0].status(), "ok");
    assert!(cache.lookup(&ledger, None).is_some(), "stored");

    // Unchanged size and time: the cached result is used without reading
    // the file. (One byte is flipped in place and the time set back: had
    // the file been read, its hash would no longer match.)
    let (clean, mtime) = flip_a_byte_keeping_time(&ledger);
    assert_eq!(
        cache.lookup(&ledger, None).unwrap().status(),
        "ok",
        "nothing was read"
    );
    std::fs::write(&ledger, &clean).unwrap();
    // Touched but unchanged: the content hash keeps the entry.
    set_modified(&ledger, mtime + Duration::from_secs(5));
    assert!(
        cache.lookup(&ledger, None).is_some(),
        "same content, new time"
    );
    // A changed file is checked again.
    copy(&fixture("seed/total-typo.xlsx"), &ledger);
    assert!(
        cache.lookup(&ledger, None).is_none(),
        "a changed file invalidates"
    );
    let second = check_files_with(std::slice::from_ref(&ledger), None, &opts);
    assert_eq!(second.reports[0].status(), "findings");
    // Cached findings keep their excerpt for the human report.
    let again = cache.lookup(&ledger, None).unwrap();
    assert!(again.findings[0].excerpt.is_some());
    // Other rules, another tool version: not the same entry.
    assert!(
        Cache::new(&cache_dir, "rules v2")
            .lookup(&ledger, None)
            .is_none(),
        "a changed rule invalidates"
    );
    assert!(
        Cache::with_version(&cache_dir, "rules v1", "99.0.0")
            .lookup(&ledger, None)
            .is_none(),
        "a new version invalidates"
    );
    // A damaged entry is a miss, not a crash; so is an empty one (what a
    // power failure can leave, as entries are not flushed one by one).
    for damage in [&b"{\"trunc"[..], b""] {
        for e in std::fs::read_dir(&cache_dir).unwrap() {
            std::fs::write(e.unwrap().path(), damage).unwrap();
        }
        assert!(cache.lookup(&ledger, None).is_none());
    }
}

#[test]
fn cached_reports_go_out_first_in_one_burst() {
    let dir = tempdir();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let grid = |total: &str| format!("项目|金额\n甲|1.0\n乙|2.0\n合计|{total}\n");
    for i in 0..4 {
        workbook(&data, &format!("t{i}.xlsx"), "表", &grid("3.0"));
    }
    let files = collect_files(std::slice::from_ref(&data));
    let calls = std::sync::Mutex::new(Vec::<Vec<String>>::new());
    let record = |reports: &[&crossfoot::FileReport]| {
        let names = reports
            .iter()
            .map(|r| r.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        calls.lock().unwrap().push(names);
    };
    let opts = RunOptions {
        jobs: 2,
        cache: Some(Cache::new(dir.path().join("cache"), "rules")),
        on_report: Some(&record),
        ..Default::default()
    };
    check_files_with(&files, None, &opts);
    let cold = std::mem::take(&mut *calls.lock().unwrap());
    assert_eq!(cold.len(), 4, "a call as each file finishes: {cold:?}");
    assert!(cold.iter().all(|c| c.len() == 1));

    workbook(&data, "t2.xlsx", "表", &grid("4.0"));
    let run = check_files_with(&files, None, &opts);
    assert_eq!(
        calls.into_inner().unwrap(),
        vec![vec!["t0.xlsx", "t1.xlsx", "t3.xlsx"], vec!["t2.xlsx"]],
        "the cache's answers at once, in order, then the changed file"
    );
    let statuses: Vec<&str> = run.reports.iter().map(|r| r.status()).collect();
    assert_eq!(
        statuses,
        ["ok", "ok", "findings", "ok"],
        "reports in file order"
    );
}

#[test]
fn an_unchanged_rerun_comes_from_the_cache_from_the_command_line() {
    let dir = tempdir();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for i in 0..5 {
        workbook(
            &data,
            &format!("t{i}.xlsx"),
            "表",
            "项目|金额\n甲|1.0\n乙|2.0\n合计|3.0\n",
        );
    }
    let cache_dir = dir.path().join("cache");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "check".to_string(),
            "--cache-dir".into(),
            cache_dir.display().to_string(),
            "--format".into(),
            "json".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.push(data.display().to_string());
        v
    };
    let a = args(&[]);
    let (code, out1, _) = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0);
    // Streamed JSONL from the cache (one burst) carries the same lines as a
    // run that reads every file.
    let lines = |extra: &[&str]| {
        let mut v = args(extra);
        let at = v.iter().position(|s| s == "json").unwrap();
        v[at] = "jsonl".into();
        let (code, out, _) = run(&v.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(code, 0);
        let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let cached = lines(&[]);
    assert_eq!(cached.len(), 5);
    assert_eq!(cached, lines(&["--no-cache"]));
    let names = || -> Vec<String> {
        std::fs::read_dir(&cache_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (index, entries): (Vec<String>, Vec<String>) =
        names().into_iter().partition(|n| n.starts_with("index-"));
    assert_eq!(
        (index.len(), entries.len()),
        (1, 5),
        "an entry per file and the run's index"
    );
    // The re-run reads the index alone: without the per-file entries, and
    // with a byte of one file flipped in place (same size and time), it
    // still reports what the first run did, so nothing was re-read.
    for e in &entries {
        std::fs::remove_file(cache_dir.join(e)).unwrap();
    }
    let t0 = data.join("t0.xlsx");
    let (original, _) = flip_a_byte_keeping_time(&t0);
    let (code, out2, _) = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0);
    assert_eq!(out1, out2, "the cached run reports the same");
    std::fs::write(&t0, &original).unwrap();
    // With rules that tie the files together, entries belong to the run.
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        "[tables.\"t\"]\nsheet = \"表\"\n[[rule]]\nid = \"all\"\nassert = \"sum(t.金额) == 15\"\n",
    )
    .unwrap();
    let b = args(&["--rules", &rules.display().to_string()]);
    let (code, _, _) = run(&b.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "five tables of 3.0 sum to 15");
    workbook(
        &data,
        "t0.xlsx",
        "表",
        "项目|金额\n甲|1.0\n乙|3.0\n合计|4.0\n",
    );
    let (code, out, _) = run(&b.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        code, 1,
        "one changed file re-evaluates the cross-file rule: {out}"
    );
}

#[test]
fn watch_reports_what_changed() {
    let dir = tempdir();
    let d = dir.path().to_path_buf();
    workbook(
        &d,
        "ledger.xlsx",
        "表",
        "项目|金额\n甲|1.0\n乙|2.0\n合计|3.0\n",
    );
    let errors = tempdir();
    let err_path = errors.path().join("err");
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["watch", "--debounce-ms", "200", "--max-rechecks", "1"])
        .arg(&d)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(std::fs::File::create(&err_path).unwrap()))
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    // Wait until it watches, then break the ledger (an Office lock file
    // beside it is ignored).
    while Instant::now() < deadline {
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
            let ready = l.starts_with("watching");
            seen.push(l);
            if ready {
                break;
            }
        }
    }
    std::fs::write(d.join("~$ledger.xlsx"), b"lock").unwrap();
    workbook(
        &d,
        "ledger.xlsx",
        "表",
        "项目|金额\n甲|1.0\n乙|2.0\n合计|4.0\n",
    );
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(l) => seen.push(l),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(_) => {}
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = seen.join("\n");
    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(text.contains("ledger.xlsx: ok"), "{text}\n{err}");
    assert!(
        text.contains("+ error 表!B4 [footing]"),
        "{text}\nstderr: {err}"
    );
    assert!(!text.contains("~$"), "lock files are ignored: {text}");
}

/// Watched by a relative path, a file saved again with the same figures
/// has "no change in the findings" (not its findings again as new); the
/// watcher's own reading of it never sets off another check; a FIFO in the
/// folder is never opened.
#[cfg(unix)]
#[test]
fn watch_knows_a_file_by_its_real_path_and_ignores_its_own_reading() {
    let dir = tempdir();
    let d = dir.path().to_path_buf();
    let text = "项目|金额\n甲|1.0\n乙|2.0\n合计|4.0\n";
    workbook(&d, "ledger.xlsx", "表", text);
    let fifo = d.join("pipe.xlsx");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // `--max-rechecks 2`: a second check (set off by the first one's
    // reading) would end the process early.
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["watch", "--debounce-ms", "100", "--max-rechecks", "2", "."])
        .current_dir(&d)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    let mut until = |done: &dyn Fn(&str) -> bool, secs: u64| {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(l) => {
                    let stop = done(&l);
                    seen.push(l);
                    if stop {
                        return;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                Err(_) => {}
            }
        }
    };
    until(&|l| l.starts_with("watching"), 60);
    std::thread::sleep(Duration::from_millis(300));
    workbook(&d, "ledger.xlsx", "表", text);
    assert!(Command::new("touch").arg(&fifo).status().unwrap().success());
    until(&|l| l.contains("no change"), 60);
    // Long enough for several rounds of debounce: nothing more may come.
    until(&|_| false, 3);
    let still_running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    let text = seen.join("\n");
    assert!(text.contains("ledger.xlsx: 1 finding(s)"), "{text}");
    assert_eq!(
        text.matches("no change in the findings").count(),
        1,
        "{text}"
    );
    assert!(
        !text.contains("  + "),
        "unchanged findings shown as new: {text}"
    );
    assert!(!text.contains("pipe"), "the FIFO: {text}");
    assert!(still_running, "a second check came of the first: {text}");
}

/// Writes a ledger of `items` rows in groups of 100, each closed by a 小计,
/// and a 合计; the item numbered `slip` has its 执行数 raised by 9.00
/// (its 小计 then disagrees with it). Returns the sheet row
/// (one-based) of that item's 小计 and of the 合计.
fn ledger(path: &Path, items: usize, slip: usize) -> (u32, u32) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("台账").unwrap();
    let money = Format::new().set_num_format("#,##0.00");
    ws.write_string(0, 0, "项目支出台账").unwrap();
    ws.write_string(1, 5, "单位：元").unwrap();
    for (c, h) in ["序号", "项目编码", "项目名称", "部门", "预算数", "执行数"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let (mut r, mut sub, mut total, mut slip_sub) = (3u32, [0i64; 2], [0i64; 2], 0);
    for n in 1..=items {
        let budget = 10_000 + (n as i64 * 7919) % 900_000;
        let spent = budget - (n as i64 * 104_729) % (budget / 2);
        ws.write_number(r, 0, n as f64).unwrap();
        ws.write_string(r, 1, format!("P{n:07}")).unwrap();
        ws.write_string(r, 2, format!("项目{n}")).unwrap();
        ws.write_string(r, 3, format!("部门{:02}", n % 40)).unwrap();
        let shown = spent + if n == slip { 900 } else { 0 };
        for (k, v) in [budget, shown].iter().enumerate() {
            ws.write_number_with_format(r, 4 + k as u16, *v as f64 / 100.0, &money)
                .unwrap();
        }
        sub[0] += budget;
        sub[1] += spent;
        r += 1;
        if n % 100 == 0 || n == items {
            if (n - 1) / 100 == (slip - 1) / 100 {
                slip_sub = r + 1;
            }
            ws.write_string(r, 2, "小计").unwrap();
            for k in 0..2 {
                ws.write_number_with_format(r, 4 + k as u16, sub[k] as f64 / 100.0, &money)
                    .unwrap();
                total[k] += sub[k];
                sub[k] = 0;
            }
            r += 1;
        }
    }
    ws.write_string(r, 2, "合计").unwrap();
    for (k, t) in total.iter().enumerate() {
        ws.write_number_with_format(r, 4 + k as u16, *t as f64 / 100.0, &money)
            .unwrap();
    }
    wb.save(path).unwrap();
    (slip_sub, r + 1)
}

/// A sheet big enough to be read on two threads (XML parsing beside the
/// conversion, the raw-XML scan beside both) and detected and checked with
/// its columns and rows in parallel gives the findings a small one does.
#[test]
fn a_big_ledger_is_checked_like_a_small_one() {
    let dir = tempdir();
    let big = dir.path().join("big.xlsx");
    let small = dir.path().join("small.xlsx");
    let (sub_row, total_row) = ledger(&big, 40_000, 1_234);
    let (small_sub_row, _) = ledger(&small, 1_500, 1_234);
    assert_eq!(sub_row, small_sub_row);
    assert!(
        std::fs::metadata(&big).unwrap().len() > 1 << 20,
        "big enough for the XML scan thread"
    );

    let errors = |path: &Path| {
        let report = crossfoot::check_file(path);
        assert!(report.error.is_none(), "{:?}", report.error);
        assert_eq!(report.tables, 1);
        report
            .findings
            .iter()
            .filter(|f| f.severity == crossfoot::Severity::Error)
            .map(|f| {
                (
                    f.cell().unwrap_or_default().to_string(),
                    crate::support::j(f).difference.unwrap_or_default(),
                    f.inputs.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    let big_errors = errors(&big);
    let small_errors = errors(&small);
    // The 小计 of the slipped item's group, in 执行数 (column F), is 9 short
    // of its items: in both sizes, alike.
    let sub = format!("F{sub_row}");
    let sub_big = big_errors
        .iter()
        .find(|e| e.0 == sub)
        .expect("the 小计 is flagged");
    let sub_small = small_errors
        .iter()
        .find(|e| e.0 == sub)
        .expect("the 小计 is flagged");
    assert_eq!(sub_big, sub_small);
    assert!(sub_big.1.contains('9'), "{sub_big:?}");
    // The 合计 adds up the 小计 rows, which still agree with it: nothing
    // else is flagged, in either.
    assert_eq!(big_errors, small_errors);
    assert_eq!(big_errors.len(), 1, "{big_errors:?}");
    assert!(total_row > 40_000);
}

#[test]
fn phase_timings_print_only_when_asked() {
    let path = fixture("seed/total-typo.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "--no-cache"])
        .arg(&path)
        .env("CROSSFOOT_TIMINGS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for phase in ["read", "detect", "check"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("timing:") && l.contains(phase)),
            "{stderr}"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_crossfoot"))
        .args(["check", "--no-cache"])
        .arg(&path)
        .env_remove("CROSSFOOT_TIMINGS")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("timing:"));
}

/// A folder walk finds spreadsheets and docx reports, in order, through
/// sub-folders and linked folders, and skips lock files, hidden entries and
/// prose named only by extension.
#[test]
fn folder_walks_find_what_to_check() {
    let dir = tempdir();
    let root = dir.path().join("drive");
    for sub in ["b", "a", ".hidden", "linked-target"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    for f in [
        "b/2.xlsx",
        "a/1.csv",
        "a/~$1.xlsx",
        "a/notes.txt",
        ".hidden/x.xlsx",
        "linked-target/3.xls",
        "report.docx",
        "top.xlsx",
    ] {
        std::fs::write(root.join(f), b"x").unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("linked-target"), root.join("c-link")).unwrap();
    let found: Vec<String> = collect_files(std::slice::from_ref(&root))
        .iter()
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    // The linked folder is the real one, reached already: walked once,
    // under its real name.
    let want = vec![
        "a/1.csv",
        "b/2.xlsx",
        "linked-target/3.xls",
        "report.docx",
        "top.xlsx",
    ];
    assert_eq!(found, want);
}

/// A big sheet with a cell far out (its used area would be billions of
/// cells) is refused with a clear error from the reading threads, not a
/// hang, a panic or an allocation of that size; the other files still are
/// checked.
#[test]
fn a_big_sheet_reaching_too_far_is_refused_cleanly() {
    use rust_xlsxwriter::Workbook;
    let dir = tempdir();
    let far = dir.path().join("far.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..30_000u32 {
        for c in 0..8u16 {
            ws.write_number(r, c, f64::from(r) + f64::from(c)).unwrap();
        }
    }
    ws.write_string(1_048_575, 16_383, "far").unwrap();
    wb.save(&far).unwrap();
    let ok = fixture("seed/clean.xlsx");
    let run = check_files_with(&[far.clone(), ok], None, &RunOptions::default());
    let err = run.reports[0].error.as_ref().expect("refused");
    let msg = err.to_string();
    assert!(msg.contains("1048576 rows"), "{msg}");
    assert_eq!(run.reports[1].status(), "ok");
}

/// The engine tells the caller how far it has come (the binary draws the
/// bar), and builds the HTML report's views of the tables only when asked.
#[test]
fn progress_is_told_and_views_are_built_only_when_asked() {
    let files = vec![fixture("seed/total-typo.xlsx"), fixture("seed/clean.xlsx")];
    let told = std::sync::Mutex::new(Vec::new());
    let tell = |p: Progress| told.lock().unwrap().push(p);
    let opts = RunOptions {
        progress: Some(&tell),
        ..Default::default()
    };
    let run = check_files_with(&files, None, &opts);
    let told = told.into_inner().unwrap();
    assert_eq!(told.first(), Some(&Progress::Started { files: 2 }));
    assert_eq!(told.last(), Some(&Progress::Finished));
    let done: usize = told
        .iter()
        .map(|p| match p {
            Progress::Done(n) => *n,
            _ => 0,
        })
        .sum();
    assert_eq!(done, 2, "{told:?}");
    assert!(run.reports.iter().all(|r| r.views.is_empty()), "not asked");
    assert_eq!(run.outcome(), Outcome::Errors);

    let opts = RunOptions {
        views: true,
        ..Default::default()
    };
    let run = check_files_with(&files, None, &opts);
    assert_eq!(run.reports[0].views.len(), 1, "the table with the finding");
    assert!(
        run.reports[1].views.is_empty(),
        "a clean table is not drawn"
    );
}

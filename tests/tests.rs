//! The one integration-test binary (polars is linked once).

// Helpers: run the binary, read JSON, write workbooks.
mod support;
// Every fixture family: clean copies pass, broken copies are caught at the right cell.
mod fixtures;
// The registry of checks: each check's failing and passing case, its messages, its docs.
mod checks;
// Tables generated with rust_xlsxwriter: layouts, number formats, rounding.
mod generated;
// The human report rendered without colour, against golden files.
mod snapshots;
// Planted errors in 500+ generated tables: localisation and hint rates.
mod localisation;
// Rule files: seed rules, cross-file tie-outs, packs, malformed files.
mod rules;
// What the rules came to, in every output format; nothing without rules.
mod summaries;
// Every example in docs/rules.md, run.
mod docs;
// Reports in prose: the seed report, planted slips, docx.
mod text;
// Shared drives: parallel, cache, shards, output formats, watch.
mod scale;
// The HTML report in headless Chromium; annotated copies.
mod html;
// Command line: exit codes, JSON shape, folders, unreadable files.
mod cli;
// The real-world corpus in ../shared/corpus/real: every file finishes unhurt.
mod corpus;
// Reports that cannot be injected: terminal escapes, CSV formulas.
mod injection;
// Hostile and broken inputs: bounded, quiet, never stopping the others.
mod hostile;
// The same findings from .xls and .ods as from .xlsx (converted by LibreOffice).
mod cross_format;
// Published PDFs: the real disclosures, fixture PDFs, unreadable PDFs.
mod pdf;
// Standard disclosures: 部门预算 and 部门决算 recognised, their packs applied, their tables counted.
mod disclosure;
// A mutation fuzzer: damaged fixtures and rule files, in every output format.
mod mutants;

//! The progress bar on stderr, drawn from the engine's progress reports.

use std::sync::OnceLock;

use crossfoot::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// A bar drawn for a run of several files (none for one file).
#[derive(Default)]
pub struct Bar(OnceLock<ProgressBar>);

impl Bar {
    /// Follows the run: a bar when it starts, a step per file, cleared at
    /// the end.
    pub fn update(&self, p: Progress) {
        match p {
            Progress::Started { files } if files > 1 => {
                let _ = self.0.set(new_bar(files));
            }
            Progress::Started { .. } => {}
            Progress::Done(n) => {
                if let Some(bar) = self.0.get() {
                    bar.inc(n as u64);
                }
            }
            Progress::Finished => {
                if let Some(bar) = self.0.get() {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

fn new_bar(files: usize) -> ProgressBar {
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files [{elapsed}] {wide_bar} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

//! The floor of an unchanged re-run: list a folder (and its subfolders) and
//! look at every file's size and modification time, which any re-check that
//! notices a changed file must do, then stop. `benches/run.sh` times it
//! beside crossfoot's cached re-run.
//!
//!     cargo run --release --example stat_walk -- FOLDER

use std::path::Path;

fn walk(dir: &Path, files: &mut usize, bytes: &mut u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, files, bytes),
            Ok(m) => {
                *files += 1;
                *bytes += m.len();
                std::hint::black_box(m.modified().ok());
            }
            Err(_) => {}
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let (mut files, mut bytes) = (0, 0);
    walk(Path::new(&dir), &mut files, &mut bytes);
    println!("{files} files looked at, {bytes} bytes");
}

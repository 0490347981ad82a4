//! UniFFI's generator, pinned to the uniffi version bindings-mobile uses, with
//! one change to the Kotlin it writes (kotlin_text.rs).

mod kotlin_text;

use std::path::{Path, PathBuf};

fn main() {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    if option(&args, "--language").as_deref() != Some("kotlin") {
        return;
    }
    let Some(out) = option(&args, "--out-dir") else {
        fail("Kotlin is patched only with --out-dir given".to_owned());
    };
    let files = kotlin_files(Path::new(&out));
    if files.is_empty() {
        fail(format!("no Kotlin file under {out}"));
    }
    for file in files {
        let patched = std::fs::read_to_string(&file).map_err(|e| e.to_string()).and_then(|s| kotlin_text::patch(&s));
        match patched.and_then(|s| std::fs::write(&file, s).map_err(|e| e.to_string())) {
            Ok(()) => {}
            Err(why) => fail(format!("{}: {why}", file.display())),
        }
    }
}

/// The value of `--name value` or `--name=value`.
fn option(args: &[String], name: &str) -> Option<String> {
    args.iter().enumerate().find_map(|(i, arg)| {
        if arg == name {
            args.get(i + 1).cloned()
        } else {
            arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')).map(str::to_owned)
        }
    })
}

fn kotlin_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files = Vec::new();
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            files.extend(kotlin_files(&path));
        } else if path.extension().is_some_and(|e| e == "kt") {
            files.push(path);
        }
    }
    files
}

fn fail(why: String) -> ! {
    eprintln!("uniffi-bindgen: {why}");
    std::process::exit(1);
}

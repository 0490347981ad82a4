//! peeker-codegen: writes every generated surface of peeker-core from the
//! contract, `spec/openapi.yaml`, through the templates in `codegen/templates/`.
//!
//! `peeker-codegen` (from the repository root) rewrites the generated files;
//! `peeker-codegen --check` changes nothing and fails, naming them, when any
//! generated file differs from what the contract gives (the test command runs it).

mod contract;
mod lang;
mod yaml;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::{fs, io::Write};

use minijinja::{Environment, path_loader};

/// The first line of a template that writes a file: `{# output: <path> #}`,
/// the path relative to the repository root. Templates without it are parts
/// that others include. Every file written starts with a "generated" header
/// and is committed.
const OUTPUT_MARK: &str = "{# output: ";

/// `(template name, output path)` of every template under `dir`, sorted.
fn outputs(dir: &Path, prefix: &str, found: &mut Vec<(String, String)>) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            outputs(&path, &format!("{name}/"), found)?;
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let first = text.lines().next().unwrap_or_default();
        if let Some(output) = first.strip_prefix(OUTPUT_MARK).and_then(|rest| rest.strip_suffix(" #}")) {
            found.push((name, output.to_owned()));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    match run(check) {
        Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
        Ok(stale) => {
            eprintln!("peeker-codegen: generated files differ from the contract; run scripts/generate.sh:");
            stale.iter().for_each(|path| eprintln!("  {path}"));
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("peeker-codegen: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Renders every output; writes them (or, with `check`, lists the stale ones).
fn run(check: bool) -> Result<Vec<String>, String> {
    let root = repository_root()?;
    let spec = root.join("spec/openapi.yaml");
    let text = fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let tree: yaml::Yaml = serde_saphyr::from_str(&text).map_err(|e| format!("spec/openapi.yaml: {e}"))?;
    let contract = contract::read(&tree)?;

    let mut env = Environment::new();
    env.set_loader(path_loader(root.join("codegen/templates")));
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| e.to_string())?,
    );
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    lang::register(&mut env);

    let context = minijinja::Value::from(minijinja::value::Serde(&contract));
    let mut templates = Vec::new();
    outputs(&root.join("codegen/templates"), "", &mut templates)?;
    let mut stale = Vec::new();
    for (template, output) in &templates {
        let rendered = env
            .get_template(template)
            .and_then(|t| t.render(context.clone()))
            .map_err(|e| format!("{template}: {e:#}"))?;
        let rendered = if output.ends_with(".rs") { rustfmt(&root, &rendered)? } else { rendered };
        let path = root.join(output);
        let current = fs::read_to_string(&path).ok();
        if current.as_deref() == Some(rendered.as_str()) {
            continue;
        }
        if check {
            stale.push(output.clone());
        } else {
            write(&path, &rendered)?;
            println!("peeker-codegen: wrote {output}");
        }
    }
    Ok(stale)
}

/// The repository the command runs in: the nearest folder up from the
/// working directory that holds the contract (not where the binary was
/// built: a target folder may be shared between checkouts).
fn repository_root() -> Result<PathBuf, String> {
    let here = std::env::current_dir().map_err(|e| e.to_string())?;
    here.ancestors()
        .find(|dir| dir.join("spec/openapi.yaml").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| "run me inside the repository (no spec/openapi.yaml above the working directory)".to_owned())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Formats Rust the way `cargo fmt` does, so generated code passes `cargo fmt --check`.
fn rustfmt(root: &Path, source: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child.stdin.take().ok_or("rustfmt: no stdin")?.write_all(source.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        let numbered: String = source.lines().enumerate().map(|(i, line)| format!("{:4} {line}\n", i + 1)).collect();
        return Err(format!("rustfmt failed: {}\n{numbered}", String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

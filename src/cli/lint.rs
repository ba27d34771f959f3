//! `glossa lint [PATHS…]`: lint files and directories.

use std::collections::HashMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use globset::{Glob, GlobSet, GlobSetBuilder};

use super::report::{self, FileReport};
use crate::document::{Language, LineIndex};
use crate::engine::Engine;
use crate::lint::Severity;
use crate::sources;

/// Output format of `glossa lint`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Messages with source excerpts
    Human,
    /// A JSON array of findings
    Json,
    /// SARIF 2.1.0
    Sarif,
    /// GitHub Actions annotations
    Github,
}

/// The least severity that makes `glossa lint` exit 1.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Any finding
    Hint,
    /// Info and above
    Info,
    /// Warnings and errors
    Warning,
    /// Errors only
    Error,
    /// Never exit 1
    Never,
}

/// Arguments of `glossa lint`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and directories (default: the current directory); `-` reads stdin
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// The file name stdin is linted as (it decides the language)
    #[arg(long, value_name = "NAME", default_value = "stdin.md")]
    stdin_filename: String,
    /// Skip files larger than this many bytes (default: max_file_size, 8 MiB)
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
    /// The least severity that makes the exit status 1
    #[arg(long, value_enum, default_value = "hint")]
    fail_on: FailOn,
}

/// Reads a file, or stdin for `-`, as text: an error names invalid UTF-8's byte offset.
pub fn read_input(path: &Path) -> anyhow::Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("stdin")?;
        return Ok(("-".into(), decode("<stdin>", bytes)?));
    }
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("{name}: {}", sources::io_reason(&e)))?;
    Ok((name.clone(), decode(&name, bytes)?))
}

fn decode(name: &str, bytes: Vec<u8>) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(
            &before[before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)..],
        )
        .chars()
        .count()
            + 1;
        anyhow::anyhow!("{name}:{line}:{col}: invalid UTF-8 at byte {offset}")
    })
}

/// The workspace root for a file: the nearest ancestor with `.glossa.toml` or `.git`.
pub fn root_for(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if path.as_os_str() == "-" {
        return sources::find_root(&cwd);
    }
    let abs = cwd.join(path);
    let dir = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent().unwrap_or(&cwd)
    };
    sources::find_root(dir)
}

/// A file to lint and the root whose settings apply to it.
struct Target {
    path: PathBuf,
    root: PathBuf,
}

/// Engines by workspace root, loaded once each.
struct Engines<'a> {
    global: &'a super::Global,
    by_root: HashMap<PathBuf, Arc<Engine>>,
}

impl Engines<'_> {
    fn get(&mut self, root: &Path) -> anyhow::Result<Arc<Engine>> {
        if let Some(e) = self.by_root.get(root) {
            return Ok(e.clone());
        }
        let ws = sources::load_workspace(root, &sources::env_glossary(), &self.global.glossary)
            .map_err(|e| anyhow::anyhow!("glossary: {e}"))?;
        for w in ws.config.warnings() {
            let file = ws
                .config_path
                .as_ref()
                .map_or(String::new(), |p| format!("{}: ", p.display()));
            eprintln!("glossa: {file}{w}");
        }
        let engine = Arc::new(Engine::new(Arc::new(ws.glossary), ws.config));
        self.by_root.insert(root.to_path_buf(), engine.clone());
        Ok(engine)
    }
}

fn globs(patterns: &[String]) -> anyhow::Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).with_context(|| format!("glob \"{p}\""))?);
    }
    Ok(b.build()?)
}

/// Runs `glossa lint`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let mut engines = Engines {
        global,
        by_root: HashMap::new(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut targets = Vec::new();
    let mut input_error = false;
    for path in &paths {
        if path.as_os_str() != "-" && !path.exists() {
            eprintln!("glossa: {}: no such file or directory", path.display());
            input_error = true;
            continue;
        }
        let root = root_for(path);
        if path.is_dir() {
            let engine = engines.get(&root)?;
            let include = globs(&engine.config().include)?;
            let exclude = globs(&engine.config().exclude)?;
            for entry in ignore::WalkBuilder::new(path)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build()
            {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        eprintln!("glossa: {e}");
                        input_error = true;
                        continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let file = entry.into_path();
                let abs = std::env::current_dir()?.join(&file);
                let rel = abs.strip_prefix(&root).unwrap_or(&file);
                if include.is_match(rel) && !exclude.is_match(rel) {
                    targets.push(Target {
                        path: file,
                        root: root.clone(),
                    });
                }
            }
        } else {
            targets.push(Target {
                path: path.clone(),
                root,
            });
        }
    }
    let mut reports = Vec::new();
    for target in &targets {
        let engine = engines.get(&target.root)?;
        let cap = args.max_file_size.unwrap_or(engine.config().max_file_size);
        let name = target.path.display().to_string();
        if target.path.as_os_str() != "-" {
            let size = std::fs::metadata(&target.path)
                .map(|m| m.len())
                .unwrap_or(0);
            if size > cap {
                eprintln!("glossa: {name}: skipped: {size} bytes is over the {cap}-byte limit (max_file_size)");
                continue;
            }
        }
        let (shown, text) = match read_whole(&target.path) {
            Ok(Some(v)) => v,
            Ok(None) => {
                eprintln!("glossa: {name}: skipped: binary file");
                continue;
            }
            Err(e) => {
                eprintln!("glossa: {e:#}");
                input_error = true;
                continue;
            }
        };
        let language_name = if shown == "-" {
            args.stdin_filename.as_str()
        } else {
            shown.as_str()
        };
        let analysis = engine.analyze(&text, Language::from_path(language_name));
        reports.push(FileReport {
            path: shown,
            index: LineIndex::new(&text),
            text,
            findings: analysis.findings,
        });
    }
    print_reports(&reports, args.format)?;
    let threshold = match args.fail_on {
        FailOn::Hint => Some(Severity::Hint),
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= t)
    });
    Ok(ExitCode::from(if input_error {
        super::INPUT_ERROR
    } else if failed {
        super::FINDINGS
    } else {
        super::CLEAN
    }))
}

/// The text of a file, or `None` for a binary file (a NUL byte early on).
fn read_whole(path: &Path) -> anyhow::Result<Option<(String, String)>> {
    if path.as_os_str() != "-" {
        let mut head = [0u8; 8192];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), sources::io_reason(&e)))?;
        if head[..n].contains(&0) {
            return Ok(None);
        }
    }
    read_input(path).map(Some)
}

fn print_reports(reports: &[FileReport], format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => outln!("{}", serde_json::to_string_pretty(&report::json(reports))?),
        OutputFormat::Sarif => {
            outln!("{}", serde_json::to_string_pretty(&report::sarif(reports))?)
        }
        OutputFormat::Github => out!("{}", report::github(reports)),
        OutputFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out!("{}", report::human(reports, color));
            let count = reports.iter().map(|r| r.findings.len()).sum::<usize>();
            let files = reports.len();
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            if count == 0 {
                outln!("no findings in {}", plural(files, "file"));
            } else {
                let with = reports.iter().filter(|r| !r.findings.is_empty()).count();
                outln!(
                    "{} in {} ({} checked)",
                    plural(count, "finding"),
                    plural(with, "file"),
                    files
                );
            }
        }
    }
    Ok(())
}

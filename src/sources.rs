//! Where the glossary comes from (SPEC §3): `.glossa.toml`, client settings
//! or `GLOSSA_GLOSSARY`, `--glossary`, a `glossary/` directory, or the
//! bundled glossary compiled into the binary. This module does the file I/O
//! that the core leaves out.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::glossary::{parse, Format, Glossary, GlossaryFile, LoadError};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The name of the settings file at a workspace root.
pub const CONFIG_FILE: &str = ".glossa.toml";

/// The prefix of bundled files' names in messages when they are not on disk.
pub const BUNDLED_PREFIX: &str = "<bundled>/";

/// One place entries are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The glossary compiled into the binary.
    Bundled,
    /// A glossary file, or a directory read recursively.
    Path(PathBuf),
}

/// A workspace's settings and merged glossary.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The workspace root.
    pub root: PathBuf,
    /// The settings (defaults when there is no `.glossa.toml`).
    pub config: Config,
    /// The `.glossa.toml` that was read, if any.
    pub config_path: Option<PathBuf>,
    /// The sources, in merge order.
    pub sources: Vec<Source>,
    /// The merged glossary.
    pub glossary: Glossary,
}

/// The bundled glossary's files: (name relative to `glossary/`, TOML text).
pub fn bundled_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    bundled::FILES.iter().map(|(name, text, _)| (*name, *text))
}

/// A bundled file as the build script wrote it: the entries as JSON, which
/// loads several times faster than the TOML it came from.
#[derive(serde::Deserialize)]
struct BundledJson {
    meta: Option<crate::glossary::Meta>,
    terms: Vec<crate::glossary::Term>,
    lines: Vec<u32>,
}

/// The bundled glossary, read from memory.
pub fn bundled() -> Result<Glossary, LoadError> {
    let mut g = Glossary::default();
    g.add_source(bundled_glossary_files(None)?);
    Ok(g)
}

fn bundled_glossary_files(dir: Option<&Path>) -> Result<Vec<GlossaryFile>, LoadError> {
    bundled::FILES
        .iter()
        .map(|(name, text, json)| {
            let file = match dir {
                Some(d) => d.join(name).display().to_string(),
                None => format!("{BUNDLED_PREFIX}{name}"),
            };
            match serde_json::from_str::<BundledJson>(json) {
                Ok(b) if b.lines.len() == b.terms.len() => Ok(GlossaryFile {
                    meta: b.meta,
                    terms: b
                        .terms
                        .into_iter()
                        .zip(b.lines)
                        .map(|(mut t, line)| {
                            if t.id.is_empty() {
                                t.id = crate::glossary::slug(&t.name);
                            }
                            t.origin.file = file.clone();
                            t.origin.header = crate::glossary::FilePos { line, column: 0 };
                            t
                        })
                        .collect(),
                }),
                // A layout the fast path does not know: read the TOML itself.
                _ => parse(text, &file, Format::Toml),
            }
        })
        .collect()
}

/// Where the bundled glossary is written so that editors can open its
/// entries: `$XDG_CACHE_HOME/glossa/<version>-<content hash>/`.
pub fn bundled_cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let mut hash: u64 = 0xcbf29ce484222325;
    for (name, text) in bundled_files() {
        for b in name.bytes().chain(text.bytes()) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    base.join("glossa")
        .join(format!("{}-{hash:016x}", env!("CARGO_PKG_VERSION")))
}

/// Writes the bundled glossary to [`bundled_cache_dir`] (once) and returns the directory.
pub fn write_bundled_cache() -> std::io::Result<PathBuf> {
    let dir = bundled_cache_dir();
    for (name, text) in bundled_files() {
        let path = dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(text) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            // Write then rename, so that a reader never sees half a file.
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            fs::write(&tmp, text)?;
            fs::rename(&tmp, &path)?;
        }
    }
    Ok(dir)
}

/// Reads a glossary file as text, with a located error for invalid UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let bytes = fs::read(path).map_err(|e| LoadError::at(&name, None, io_reason(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        LoadError::at_offset(
            &name,
            &text,
            offset,
            format!("invalid UTF-8 at byte {offset}"),
        )
    })
}

/// A person's words for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads one glossary file (any format, by extension and shape) or a
/// directory (its `*.toml` files, recursively, in name order).
pub fn load_path(path: &Path, format: Option<Format>) -> Result<Vec<GlossaryFile>, LoadError> {
    let name = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| LoadError::at(&name, None, io_reason(&e)))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        collect_toml(path, &mut files).map_err(|e| LoadError::at(&name, None, io_reason(&e)))?;
        files.sort();
        return files
            .iter()
            .map(|f| load_path(f, Some(Format::Toml)).map(|mut v| v.remove(0)))
            .collect();
    }
    let text = read_text(path)?;
    let format = format
        .or_else(|| Format::detect(&name, &text))
        .ok_or_else(|| {
            LoadError::at(
                &name,
                None,
                "cannot tell the glossary format from the file name; pass --format",
            )
        })?;
    Ok(vec![parse(&text, &name, format)?])
}

fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// The nearest ancestor of `start` (itself included) holding `.glossa.toml`
/// or `.git`; `start` when there is none.
pub fn find_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|d| d.join(CONFIG_FILE).exists() || d.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

/// The settings at `root`, if it has a `.glossa.toml`.
pub fn read_config(root: &Path) -> Result<Option<(Config, PathBuf)>, LoadError> {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    Ok(Some((
        Config::from_toml(&text, &path.display().to_string())?,
        path,
    )))
}

/// The sources in merge order: `.glossa.toml`'s list (relative to its
/// folder), then `settings` (client settings or `GLOSSA_GLOSSARY`, relative
/// to the root), then `cli` (as given); else `glossary/` at the root; else
/// the bundled glossary. With `bundled = true` it goes beneath the rest.
pub fn resolve_sources(
    root: &Path,
    config: &Config,
    settings: &[String],
    cli: &[PathBuf],
) -> Vec<Source> {
    let mut sources: Vec<Source> = config
        .glossary
        .iter()
        .map(|p| Source::Path(root.join(p)))
        .chain(settings.iter().map(|p| Source::Path(root.join(p))))
        .chain(cli.iter().cloned().map(Source::Path))
        .collect();
    if sources.is_empty() {
        let dir = root.join("glossary");
        if dir.is_dir() {
            sources.push(Source::Path(dir));
        }
    }
    if sources.is_empty() {
        sources.push(Source::Bundled);
    } else if config.bundled {
        sources.insert(0, Source::Bundled);
    }
    sources
}

/// Loads and merges the sources; `bundled_dir` names the bundled files'
/// location on disk when they were written there.
pub fn load_sources(sources: &[Source], bundled_dir: Option<&Path>) -> Result<Glossary, LoadError> {
    let mut glossary = Glossary::default();
    for source in sources {
        let files = match source {
            Source::Bundled => bundled_glossary_files(bundled_dir)?,
            Source::Path(p) => load_path(p, None)?,
        };
        glossary.add_source(files);
    }
    Ok(glossary)
}

/// Loads the workspace at `root`: settings, sources and glossary.
pub fn load_workspace(
    root: &Path,
    settings: &[String],
    cli: &[PathBuf],
) -> Result<Workspace, LoadError> {
    let (config, config_path) = match read_config(root)? {
        Some((c, p)) => (c, Some(p)),
        None => (Config::default(), None),
    };
    let sources = resolve_sources(root, &config, settings, cli);
    let glossary = load_sources(&sources, None)?;
    Ok(Workspace {
        root: root.to_path_buf(),
        config,
        config_path,
        sources,
        glossary,
    })
}

/// The `GLOSSA_GLOSSARY` paths (`:`-separated).
pub fn env_glossary() -> Vec<String> {
    std::env::var("GLOSSA_GLOSSARY")
        .map(|v| {
            v.split(':')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The workspace of the current directory for a CLI command, with the
/// `--glossary` paths given.
pub fn load_for_cli(cli: &[PathBuf]) -> Result<Workspace, LoadError> {
    let cwd = std::env::current_dir().map_err(|e| LoadError::at(".", None, io_reason(&e)))?;
    load_workspace(&find_root(&cwd), &env_glossary(), cli)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_order_follows_the_spec() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut config = Config::default();
        assert_eq!(resolve_sources(root, &config, &[], &[]), [Source::Bundled]);
        fs::create_dir(root.join("glossary")).unwrap();
        assert_eq!(
            resolve_sources(root, &config, &[], &[]),
            [Source::Path(root.join("glossary"))]
        );
        config.glossary = vec!["a.toml".into()];
        config.bundled = true;
        assert_eq!(
            resolve_sources(
                root,
                &config,
                &["b.csv".into()],
                &[PathBuf::from("/c.toml")]
            ),
            [
                Source::Bundled,
                Source::Path(root.join("a.toml")),
                Source::Path(root.join("b.csv")),
                Source::Path(PathBuf::from("/c.toml"))
            ]
        );
    }

    #[test]
    fn later_sources_override_and_errors_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        fs::write(&a, "[[term]]\nname = \"Tax\"\ndefinition = \"old\"\n").unwrap();
        fs::write(&b, "[[term]]\nname = \"Tax\"\ndefinition = \"new\"\n").unwrap();
        let g = load_sources(&[Source::Path(a.clone()), Source::Path(b)], None).unwrap();
        assert_eq!(g.get("tax").unwrap().definition, "new");
        assert!(g.problems().is_empty());
        fs::write(&a, b"[[term]]\nname = \"T\xffx\"\n").unwrap();
        let e = load_sources(&[Source::Path(a)], None).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:2:10: invalid UTF-8 at byte 18",
                dir.path().join("a.toml").display()
            )
        );
    }
}

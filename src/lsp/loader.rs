//! Loading the glossary for the server: the sources of SPEC §3 with the
//! client's settings, the bundled glossary written to disk, and the
//! locations of every entry in the negotiated encoding.
//!
//! A [`Loaded`] is immutable; a reload builds a new one off the request path
//! and swaps it in whole.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::lsp_types::{Location, Range, Url};

use super::position::Converter;
use super::settings;
use crate::config::Config;
use crate::document::{Encoding, LineIndex};
use crate::engine::Engine;
use crate::glossary::{Glossary, LoadError, Problem, Term};
use crate::sources::{self, Source, CONFIG_FILE};

/// What a load needs to know.
#[derive(Debug, Clone)]
pub struct Request {
    /// The workspace root, if the client named one.
    pub root: Option<PathBuf>,
    /// The client's settings object.
    pub client: Value,
    /// `--glossary` paths given to `glossa lsp`, absolute.
    pub cli: Vec<PathBuf>,
    /// Where to write the bundled glossary; `None` for the user's cache.
    pub bundled_cache: Option<PathBuf>,
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// The generation number the result gets.
    pub generation: u64,
}

/// A glossary in service, with everything the handlers need about it.
pub struct Loaded {
    /// One more on every successful load.
    pub generation: u64,
    /// The glossary, matcher and effective settings.
    pub engine: Engine,
    /// The workspace root.
    pub root: Option<PathBuf>,
    /// The sources, in merge order.
    pub sources: Vec<Source>,
    /// Where the bundled glossary was written, if it is in use.
    pub bundled_dir: Option<PathBuf>,
    /// Every glossary file that was read.
    pub files: BTreeSet<PathBuf>,
    /// The header of each entry (by index), when its file is on disk.
    pub locations: Vec<Option<Location>>,
    /// Problems found by validation.
    pub problems: Vec<Problem>,
    /// Every label folded to lower case, sorted, with its entry's index.
    pub labels: Vec<(String, usize)>,
    /// What was loaded, for the log.
    pub summary: String,
    /// Warnings about the settings.
    pub warnings: Vec<String>,
    /// The chat bot over this glossary, built on the first `glossa.ask`.
    pub bot: std::sync::OnceLock<crate::bot::Bot>,
    /// The editor's conversation with the bot, for follow-up questions.
    pub conversation: std::sync::Mutex<crate::bot::Conversation>,
}

impl Loaded {
    /// An empty glossary, in service until the first load succeeds.
    pub fn empty(root: Option<PathBuf>) -> Loaded {
        Loaded {
            generation: 0,
            engine: Engine::new(Arc::new(Glossary::default()), Config::default()),
            root,
            sources: Vec::new(),
            bundled_dir: None,
            files: BTreeSet::new(),
            locations: Vec::new(),
            problems: Vec::new(),
            labels: Vec::new(),
            summary: "no glossary".into(),
            warnings: Vec::new(),
            bot: std::sync::OnceLock::new(),
            conversation: Default::default(),
        }
    }

    /// The glossary.
    pub fn glossary(&self) -> &Glossary {
        self.engine.glossary()
    }

    /// The effective settings.
    pub fn config(&self) -> &Config {
        self.engine.config()
    }

    /// The `.glossa.toml` at the root (whether or not it exists).
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(CONFIG_FILE))
    }

    /// The header location of an entry.
    pub fn location(&self, term: &Term) -> Option<&Location> {
        let i = self.glossary().index_of(&term.id)?;
        self.locations.get(i)?.as_ref()
    }

    /// A link that opens an entry in its glossary file (`file:///…#L12`).
    pub fn link(&self, term: &Term) -> Option<String> {
        self.location(term)
            .map(|l| format!("{}#L{}", l.uri, l.range.start.line + 1))
    }

    /// Whether `path` is one of the glossary's files (or would be, being a
    /// TOML file inside a glossary directory).
    pub fn is_glossary_path(&self, path: &Path) -> bool {
        if self.files.contains(path) {
            return true;
        }
        let is_toml = path.extension().is_some_and(|e| e == "toml");
        self.sources.iter().any(|s| match s {
            Source::Path(p) => p == path || (is_toml && path.starts_with(p)),
            Source::Bundled => self
                .bundled_dir
                .as_ref()
                .is_some_and(|d| is_toml && path.starts_with(d)),
        })
    }

    /// Whether the document is a glossary file or the settings file.
    pub fn is_project_file(&self, uri: &Url) -> bool {
        let Ok(path) = uri.to_file_path() else {
            return false;
        };
        self.config_path().as_deref() == Some(path.as_path()) || self.is_glossary_path(&path)
    }

    /// Entries with a label starting with `prefix` (lower case), each once,
    /// in label order.
    pub fn labels_with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a (String, usize)> + 'a {
        let start = self.labels.partition_point(|(l, _)| l.as_str() < prefix);
        self.labels[start..]
            .iter()
            .take_while(move |(l, _)| l.starts_with(prefix))
    }
}

/// Loads the glossary of `req`; an error names the file and line at fault.
pub fn load(req: &Request) -> Result<Loaded, LoadError> {
    let root = match &req.root {
        Some(r) => r.clone(),
        None => {
            std::env::current_dir().map_err(|e| LoadError::at(".", None, sources::io_reason(&e)))?
        }
    };
    let settings_error = |message: String| LoadError::at("settings", None, message);
    let client_glossary = settings::client_glossary(&req.client).map_err(settings_error)?;
    let project = sources::read_config(&root)?.map(|(c, _)| c);
    let project = project.unwrap_or_default();
    let mut warnings = project.warnings();
    let config = settings::merge(&project, &req.client).map_err(settings_error)?;
    if let Ok(c) = Config::from_json(&req.client) {
        warnings.extend(
            c.warnings()
                .into_iter()
                .map(|w| format!("{w} (client settings)")),
        );
    }
    let sources = sources::resolve_sources(&root, &config, &client_glossary, &req.cli);
    let bundled_dir = if sources.contains(&Source::Bundled) {
        write_bundled(req.bundled_cache.as_deref())
    } else {
        None
    };
    let glossary = sources::load_sources(&sources, bundled_dir.as_deref())?;
    let files = glossary
        .terms()
        .iter()
        .map(|t| PathBuf::from(&t.origin.file))
        .filter(|p| p.is_absolute())
        .collect();
    let locations = locations(&glossary, req.encoding);
    let problems = glossary.problems();
    let mut labels: Vec<(String, usize)> = glossary
        .terms()
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.labels().map(move |l| (l.to_lowercase(), i)))
        .collect();
    labels.sort();
    labels.dedup();
    let summary = format!(
        "loaded {} terms from {}",
        glossary.len(),
        describe(&sources, &root)
    );
    Ok(Loaded {
        generation: req.generation,
        engine: Engine::new(Arc::new(glossary), config),
        root: req.root.clone(),
        sources,
        bundled_dir,
        files,
        locations,
        problems,
        labels,
        summary,
        warnings,
        bot: std::sync::OnceLock::new(),
        conversation: Default::default(),
    })
}

/// Writes the bundled glossary to disk so that its entries have locations;
/// `None` when that fails (entries then have no location).
fn write_bundled(dir: Option<&Path>) -> Option<PathBuf> {
    let Some(dir) = dir else {
        return sources::write_bundled_cache().ok();
    };
    for (name, text) in sources::bundled_files() {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
            continue;
        }
        std::fs::create_dir_all(path.parent()?).ok()?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, text).ok()?;
        std::fs::rename(&tmp, &path).ok()?;
    }
    Some(dir.to_path_buf())
}

/// The `[[term]]` header line of every entry whose file is on disk.
fn locations(glossary: &Glossary, encoding: Encoding) -> Vec<Option<Location>> {
    let mut files: HashMap<&str, Option<(Url, String, LineIndex)>> = HashMap::new();
    glossary
        .terms()
        .iter()
        .map(|t| {
            let file = files.entry(t.origin.file.as_str()).or_insert_with(|| {
                let path = Path::new(&t.origin.file);
                let uri = Url::from_file_path(path).ok()?;
                let text = std::fs::read_to_string(path).ok()?;
                let index = LineIndex::new(&text);
                Some((uri, text, index))
            });
            let (uri, text, index) = file.as_ref()?;
            let conv = Converter::new(text, index, encoding);
            let start = conv.file_pos_offset(t.origin.header.line, t.origin.header.column);
            let line = conv.line_range(t.origin.header.line);
            Some(Location::new(
                uri.clone(),
                Range::new(conv.position(start), conv.position(line.end.max(start))),
            ))
        })
        .collect()
}

/// The sources for a person: paths relative to the root where they can be.
fn describe(sources: &[Source], root: &Path) -> String {
    let names: Vec<String> = sources
        .iter()
        .map(|s| match s {
            Source::Bundled => "the bundled glossary".to_string(),
            Source::Path(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
        })
        .collect();
    names.join(", ")
}

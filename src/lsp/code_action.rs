//! Code actions: each lint finding's fix as a workspace edit, and for an
//! undefined acronym "Add ‹ACR› to the glossary" (a stub entry appended to
//! the project's glossary file, created when there is none) and "Allow
//! ‹ACR› in this project" (the `allow` list of `.glossa.toml`).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};

use super::diagnostics;
use super::document::Snapshot;
use super::loader::Loaded;
use super::position::Converter;
use super::project_edits;
use super::state::{Init, State};
use crate::document::LineIndex;
use crate::lint::{Finding, Rule};
use crate::sources::Source;

/// Edits to one file.
struct FileEdits {
    uri: Url,
    /// The open document's version, if it is open.
    version: Option<i32>,
    /// Whether the file has to be created first.
    create: bool,
    edits: Vec<TextEdit>,
}

/// The code actions for the findings that touch the requested range.
pub fn code_actions(
    state: &State,
    snapshot: &Snapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    if let Some(only) = &params.context.only {
        if !only
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
        {
            return Vec::new();
        }
    }
    let init = state.init();
    let conv = snapshot.conv();
    let wanted = conv.byte_range(params.range);
    let touches = |r: &Range<usize>| r.start <= wanted.end && wanted.start <= r.end;
    let mut actions = Vec::new();
    for f in &snapshot.analysis.findings {
        if !touches(&f.range) && !f.repeats.iter().any(touches) {
            continue;
        }
        let diagnostic = diagnostics::of_finding(snapshot, f);
        let mut push = |title: String, edit: WorkspaceEdit, preferred: bool| {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            }));
        };
        if let Some(fix) = &f.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(conv.range(e.range.clone()), e.replacement.clone()))
                .collect();
            let file = FileEdits {
                uri: snapshot.uri.clone(),
                version: Some(snapshot.version),
                create: false,
                edits,
            };
            if let Some(edit) = workspace_edit(&init, vec![file]) {
                push(fix.title.clone(), edit, true);
            }
        }
        if f.rule == Rule::UndefinedAcronym {
            if let Some(edit) = add_to_glossary(state, &init, &snapshot.loaded, f) {
                push(format!("Add {} to the glossary", f.subject), edit, false);
            }
            if let Some(edit) = allow_in_project(state, &init, &snapshot.loaded, f) {
                push(format!("Allow {} in this project", f.subject), edit, false);
            }
        }
    }
    actions
}

/// A stub entry for the acronym in the project's glossary file.
fn add_to_glossary(
    state: &State,
    init: &Init,
    loaded: &Loaded,
    f: &Finding,
) -> Option<WorkspaceEdit> {
    let (path, keep_bundled) = glossary_target(loaded)?;
    let mut files = vec![edit_file(state, init, &path, |text| {
        Some(project_edits::append_entry(text, &f.subject))
    })?];
    if keep_bundled {
        // A new glossary/ directory would replace the bundled glossary
        // (SPEC §3): keep it in service.
        let config = loaded.config_path()?;
        if let Some(file) = edit_file(state, init, &config, project_edits::keep_bundled) {
            files.push(file);
        }
    }
    workspace_edit(init, files)
}

/// The acronym in `.glossa.toml`'s `allow` list.
fn allow_in_project(
    state: &State,
    init: &Init,
    loaded: &Loaded,
    f: &Finding,
) -> Option<WorkspaceEdit> {
    let config = loaded.config_path()?;
    let file = edit_file(state, init, &config, |text| {
        project_edits::allow(text, &f.subject)
    })?;
    workspace_edit(init, vec![file])
}

/// The file a new entry goes to, and whether the bundled glossary must be
/// kept explicitly: the last TOML source (a file, or `terms.toml` or the
/// last file of a directory), else a new `glossary/terms.toml`.
fn glossary_target(loaded: &Loaded) -> Option<(PathBuf, bool)> {
    let last = loaded.sources.iter().rev().find_map(|s| match s {
        Source::Path(p) => Some(p),
        Source::Bundled => None,
    });
    match last {
        Some(dir) if dir.is_dir() => {
            let terms = dir.join("terms.toml");
            if terms.exists() {
                return Some((terms, false));
            }
            let last_file = loaded
                .files
                .iter()
                .rev()
                .find(|f| f.starts_with(dir))
                .cloned();
            Some((last_file.unwrap_or(terms), false))
        }
        Some(file) if file.extension().is_some_and(|e| e == "toml") => Some((file.clone(), false)),
        Some(_) => None,
        None => Some((
            loaded.root.as_ref()?.join("glossary").join("terms.toml"),
            true,
        )),
    }
}

/// One edit to a file, computed on its open text or its text on disk.
fn edit_file(
    state: &State,
    init: &Init,
    path: &Path,
    edit: impl FnOnce(&str) -> Option<(Range<usize>, String)>,
) -> Option<FileEdits> {
    let uri = Url::from_file_path(path).ok()?;
    let (text, version, exists) = match state.open_text(&uri) {
        Some((text, version)) => (text, Some(version), true),
        None => match std::fs::read_to_string(path) {
            Ok(text) => (text, None, true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), None, false),
            Err(_) => return None,
        },
    };
    let (range, new_text) = edit(&text)?;
    let index = LineIndex::new(&text);
    let conv = Converter::new(&text, &index, init.encoding);
    Some(FileEdits {
        uri,
        version,
        create: !exists,
        edits: vec![TextEdit::new(conv.range(range), new_text)],
    })
}

/// The edits as the client can take them: `documentChanges` when it
/// accepts them (required to create files), else `changes`.
fn workspace_edit(init: &Init, files: Vec<FileEdits>) -> Option<WorkspaceEdit> {
    let creates = files.iter().any(|f| f.create);
    if creates && !(init.document_changes && init.create_files) {
        return None;
    }
    if !init.document_changes {
        let changes: HashMap<Url, Vec<TextEdit>> =
            files.into_iter().map(|f| (f.uri, f.edits)).collect();
        return Some(WorkspaceEdit::new(changes));
    }
    let mut ops = Vec::new();
    for f in files {
        if f.create {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: f.uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
        }
        ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: f.uri,
                version: f.version,
            },
            edits: f.edits.into_iter().map(OneOf::Left).collect(),
        }));
    }
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..WorkspaceEdit::default()
    })
}

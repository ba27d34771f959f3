//! The `LanguageServer` implementation: receives each message, converts at
//! the edge and hands the work to one module per feature.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::notification::Notification as _;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

use super::state::{lock, Init, State};
use super::transport::Outbox;
use super::{code_action, commands, completion, definition, diagnostics, hover, inlay, links};
use super::{position, references, settings, symbols, workspace_scan, Options};
use crate::config::Config;
use crate::sources::Source;

/// The language server.
pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    /// A server talking to `client`.
    pub(crate) fn new(client: Client, outbox: Outbox, options: Options) -> Backend {
        Backend {
            state: Arc::new(State::new(client, outbox, options)),
        }
    }

    fn spawn_reload(&self) {
        let state = self.state.clone();
        tokio::spawn(async move {
            let _ = reload_and_refresh(&state).await;
        });
    }
}

/// Reloads the glossary and brings everything that depends on it up to date.
async fn reload_and_refresh(state: &Arc<State>) -> std::result::Result<usize, String> {
    let result = state.reload().await;
    state.log_load().await;
    diagnostics::refresh_all(state).await;
    if result.is_ok() {
        let init = state.init();
        if init.inlay_refresh {
            let _ = state.client.inlay_hint_refresh().await;
        }
        register_watchers(state).await;
        tokio::spawn(workspace_scan::scan_workspace(state.clone()));
    }
    result.map_err(|e| format!("glossary not reloaded: {e}"))
}

/// Watches the glossary's files and `.glossa.toml` (and the workspace's
/// documents, for references), when the client lets servers register.
async fn register_watchers(state: &State) {
    if !state.init().dynamic_watch {
        return;
    }
    let loaded = state.loaded();
    let relative = state.init().relative_patterns;
    // (base directory, pattern); a base of `None` is a plain glob.
    let mut watch: Vec<(Option<PathBuf>, String)> =
        vec![(None, format!("**/{}", crate::sources::CONFIG_FILE))];
    for s in &loaded.sources {
        if let Source::Path(p) = s {
            if p.is_dir() {
                watch.push((Some(p.clone()), "**/*.toml".into()));
            } else if let (Some(dir), Some(name)) = (p.parent(), p.file_name()) {
                watch.push((Some(dir.to_path_buf()), name.to_string_lossy().into_owned()));
            }
        }
    }
    for pattern in &loaded.config().include {
        let pattern = pattern.trim_start_matches('/');
        match &loaded.root {
            Some(root) if relative => watch.push((Some(root.clone()), pattern.to_string())),
            _ if pattern.starts_with("**/") => watch.push((None, pattern.to_string())),
            _ => watch.push((None, format!("**/{pattern}"))),
        }
    }
    let watchers: Vec<FileSystemWatcher> = watch
        .into_iter()
        .map(|(base, pattern)| {
            let glob_pattern = match base {
                Some(dir) if relative => match Url::from_directory_path(&dir) {
                    Ok(base_uri) => GlobPattern::Relative(RelativePattern {
                        base_uri: OneOf::Right(base_uri),
                        pattern,
                    }),
                    Err(()) => GlobPattern::String(format!("{}/{pattern}", dir.display())),
                },
                Some(dir) => GlobPattern::String(format!("{}/{pattern}", dir.display())),
                None => GlobPattern::String(pattern),
            };
            FileSystemWatcher {
                glob_pattern,
                kind: None,
            }
        })
        .collect();
    let globs: Vec<String> = watchers
        .iter()
        .map(|w| serde_json::to_string(&w.glob_pattern).unwrap_or_default())
        .collect();
    {
        let mut watched = lock(&state.watched);
        if *watched == globs {
            return;
        }
        *watched = globs.clone();
    }
    const ID: &str = "glossa/watch";
    let _ = state
        .client
        .unregister_capability(vec![Unregistration {
            id: ID.into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
        }])
        .await;
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let _ = state
        .client
        .register_capability(vec![Registration {
            id: ID.into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }])
        .await;
}

/// What the client can do, from its capabilities.
fn init_of(params: &InitializeParams) -> Init {
    let caps = &params.capabilities;
    let ws = caps.workspace.as_ref();
    let edit = ws.and_then(|w| w.workspace_edit.as_ref());
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref())
        .and_then(|u| u.to_file_path().ok());
    let refresh = ws
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    Init {
        encoding: position::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
        root,
        // Pulled only when the server can also ask for a new pull: a glossary
        // reload changes every document's diagnostics, and a client that
        // cannot be told would show the old ones until the next edit.
        pull_diagnostics: refresh
            && caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: refresh,
        inlay_refresh: ws
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        dynamic_watch: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        relative_patterns: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.relative_pattern_support)
            .unwrap_or(false),
        progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
        create_files: edit
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
    }
}

fn capabilities(init: &Init) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(position::kind(init.encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        completion_provider: Some(CompletionOptions::default()),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        diagnostic_provider: init.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("glossa".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands::ALL.iter().map(|c| c.to_string()).collect(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        ..ServerCapabilities::default()
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let init = init_of(&params);
        let client = settings::unwrap(
            params
                .initialization_options
                .as_ref()
                .unwrap_or(&Value::Null),
        );
        let capabilities = capabilities(&init);
        self.state.set_init(init);
        match Config::from_json(&client) {
            Ok(_) => self.state.set_client_settings(client),
            // A bad setting must not keep the server from starting.
            Err(e) => lock(&self.state.notices).push(format!(
                "glossa settings ignored (initializationOptions): {e}"
            )),
        }
        // The first load is part of initializing, so that the first hover
        // already has the glossary; it runs on a blocking thread.
        let _ = self.state.reload().await;
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "glossa".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        let notices = std::mem::take(&mut *lock(&state.notices));
        for notice in notices {
            state.client.show_message(MessageType::ERROR, notice).await;
        }
        state.log_load().await;
        diagnostics::publish_problems(&state).await;
        tokio::spawn(async move {
            register_watchers(&state).await;
            workspace_scan::scan_workspace(state).await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.state
            .open(&doc.uri, &doc.language_id, doc.version, &doc.text);
        diagnostics::schedule(&self.state, doc.uri, 0, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any `.await`: tower-lsp runs handlers concurrently,
        // and edits must land in the order they were sent.
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        if let Some(rev) = self.state.change(&uri, version, params.content_changes) {
            diagnostics::schedule(&self.state, uri, rev, self.state.options.debounce);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.state.loaded().is_project_file(&uri) {
            self.spawn_reload();
        } else if let Some(rev) = self.state.rev(&uri) {
            diagnostics::schedule(&self.state, uri, rev, Duration::ZERO);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.state.close(&uri) && !self.state.init().pull_diagnostics {
            let keep = diagnostics::problems(&self.state)
                .remove(&uri)
                .unwrap_or_default();
            self.state.publish_diagnostics(uri, &keep, None);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let client = settings::unwrap(&params.settings);
        if client.is_null() {
            return;
        }
        if let Err(e) = Config::from_json(&client) {
            let message = format!("glossa settings ignored: {e}");
            self.state
                .client
                .show_message(MessageType::ERROR, message)
                .await;
            return;
        }
        self.state.set_client_settings(client);
        self.spawn_reload();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let loaded = self.state.loaded();
        let mut reload = false;
        for change in params.changes {
            let Ok(path) = change.uri.to_file_path() else {
                continue;
            };
            if loaded.is_project_file(&change.uri) {
                reload = true;
            } else {
                let state = self.state.clone();
                let deleted = change.typ == FileChangeType::DELETED;
                let update = tokio::spawn(async move {
                    workspace_scan::update_file(&state, path, deleted).await;
                });
                lock(&self.state.index_updates).push(update);
            }
        }
        if reload {
            self.spawn_reload();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(snapshot) = self.state.snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(hover::hover(&snapshot, p.position))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(snapshot) = self.state.snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(definition::definition(&snapshot, p.position).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some(snapshot) = self.state.snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        let Some(id) = references::id_at(&snapshot, p.position) else {
            return Ok(None);
        };
        let include = params.context.include_declaration;
        Ok(Some(
            references::references(&self.state, &id, include).await,
        ))
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some(snapshot) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(links::document_links(&snapshot))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.state.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(symbols::document_symbols(&snapshot))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        let loaded = self.state.loaded();
        Ok(Some(symbols::workspace_symbols(&loaded, &params.query)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(snapshot) = self.state.regions(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(completion::completion(&snapshot, p.position))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let Some(snapshot) = self.state.settled_snapshot(uri).await else {
            return Ok(None);
        };
        Ok(Some(code_action::code_actions(
            &self.state,
            &snapshot,
            &params,
        )))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snapshot) = self.state.settled_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(inlay::inlay_hints(&snapshot, params.range)))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let items = match self.state.settled_snapshot(&params.text_document.uri).await {
            Some(snapshot) => diagnostics::of_snapshot(&self.state, &snapshot),
            None => Vec::new(),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            commands::RELOAD => match reload_and_refresh(&self.state).await {
                Ok(count) => Ok(Some(serde_json::json!({ "terms": count }))),
                Err(message) => Err(commands::reload_error(message)),
            },
            commands::ASK => {
                let question = commands::question(&params.arguments)?.to_string();
                let loaded = self.state.loaded();
                // Building the bot's index is real work: keep it off the async threads.
                tokio::task::spawn_blocking(move || commands::ask(&loaded, &question))
                    .await
                    .map(Some)
                    .map_err(|_| tower_lsp::jsonrpc::Error::internal_error())
            }
            other => Err(tower_lsp::jsonrpc::Error::invalid_params(format!(
                "unknown command \"{other}\"; the commands are {}",
                commands::ALL.join(", ")
            ))),
        }
    }
}

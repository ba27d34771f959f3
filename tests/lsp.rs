//! The language server, tested as an editor talks to it: JSON-RPC with
//! Content-Length framing over an in-memory pipe, exact JSON expected.

#[path = "lsp/harness.rs"]
mod harness;

#[path = "lsp/code_action.rs"]
mod code_action;
#[path = "lsp/commands.rs"]
mod commands;
#[path = "lsp/completion.rs"]
mod completion;
#[path = "lsp/definition.rs"]
mod definition;
#[path = "lsp/diagnostics.rs"]
mod diagnostics;
#[path = "lsp/hover.rs"]
mod hover;
#[path = "lsp/inlay.rs"]
mod inlay;
#[path = "lsp/ordering.rs"]
mod ordering;
#[path = "lsp/references.rs"]
mod references;
#[path = "lsp/reload.rs"]
mod reload;
#[path = "lsp/robustness.rs"]
mod robustness;
#[path = "lsp/stdio.rs"]
mod stdio;
#[path = "lsp/symbols.rs"]
mod symbols;

//! glossa: finds glossary terms in documents, explains them, and flags
//! jargon the reader is never told the meaning of.
//!
//! The core ([`glossary`], [`matcher`], [`document`], [`lint`]) does no I/O;
//! [`sources`] reads files, and the command line, language server and HTTP
//! bot are thin shells around it.

pub mod bot;
pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod export;
pub mod glossary;
pub mod lint;
pub mod lsp;
pub mod matcher;
pub mod render;
pub mod serve;
pub mod sources;

//! Lint rules over a document and a glossary (SPEC §3).

pub mod words;

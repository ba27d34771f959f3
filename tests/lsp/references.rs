//! References across open documents and the workspace's files on disk:
//! `.gitignore`, `include` and `exclude` honoured, open text winning over
//! the file on disk, glossary files not searched.

use serde_json::json;

use crate::harness::{range, Client, GLOSSARY};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mention_in_open_documents_and_workspace_files() {
    let c = Client::with_files(&[
        (".glossa.toml", "exclude = [\"vendor/**\"]\n"),
        (".gitignore", "ignored.md\n"),
        ("docs/a.md", "A Tax Treaty.\n\nAnother tax treaty here.\n"),
        ("docs/b.md", "Tax Treaty on disk.\n"),
        ("vendor/c.md", "Tax Treaty\n"),
        ("ignored.md", "Tax Treaty\n"),
        ("notes.rs", "// Tax Treaty\n"),
        ("binary.md", "Tax Treaty\u{0}\n"),
    ])
    .await;
    c.scanned().await;
    let doc = c.uri("doc.md");
    let (a, b) = (c.uri("docs/a.md"), c.uri("docs/b.md"));
    c.open_md("doc.md", "Our Tax Treaty.\n").await;
    c.open_md("docs/b.md", "Open text first.\nTax Treaty.\n")
        .await;
    let found = c
        .call(
            "textDocument/references",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 6},
                   "context": {"includeDeclaration": false}}),
        )
        .await;
    let mentions = json!([
        {"uri": doc, "range": range(0, 4, 14)},
        {"uri": a, "range": range(0, 2, 12)},
        {"uri": a, "range": range(2, 8, 18)},
        {"uri": b, "range": range(1, 0, 10)},
    ]);
    assert_eq!(found, mentions);
    // From the entry in the glossary file, with its declaration.
    let glossary = c.uri("glossary/terms.toml");
    c.open(&glossary, "toml", GLOSSARY).await;
    let with_declaration = c
        .call(
            "textDocument/references",
            json!({"textDocument": {"uri": glossary}, "position": {"line": 15, "character": 3},
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    let mut want = vec![json!({"uri": glossary, "range": range(13, 0, 8)})];
    want.extend(mentions.as_array().unwrap().iter().cloned());
    assert_eq!(with_declaration, json!(want));
    // Nothing at a place that names no entry.
    let none = c
        .call(
            "textDocument/references",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 1},
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    assert_eq!(none, json!(null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watched_file_events_update_the_index() {
    let c = Client::with_files(&[("docs/a.md", "Nothing yet.\n")]).await;
    c.scanned().await;
    let doc = c.uri("doc.md");
    c.open_md("doc.md", "CRS\n").await;
    let refs = || {
        c.call(
            "textDocument/references",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0},
                   "context": {"includeDeclaration": false}}),
        )
    };
    assert_eq!(refs().await, json!([{"uri": doc, "range": range(0, 0, 3)}]));
    std::fs::write(c.root.join("docs/a.md"), "Now the CRS.\n").unwrap();
    let a = c.uri("docs/a.md");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": a, "type": 2}]}),
    )
    .await;
    // References wait for index updates sent before them.
    let found = refs().await;
    assert_eq!(
        found,
        json!([{"uri": doc, "range": range(0, 0, 3)}, {"uri": a, "range": range(0, 8, 11)}])
    );
}

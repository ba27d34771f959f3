//! Document symbols and links in glossary files; workspace symbols over
//! every entry.

use serde_json::{json, Value};

use crate::harness::{range, Client, GLOSSARY};

/// The `name` of each symbol in a list.
fn names(symbols: &Value) -> Vec<&Value> {
    symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["name"])
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn glossary_files_have_an_outline_and_links() {
    let c = Client::with_files(&[]).await;
    let glossary = c.uri("glossary/terms.toml");
    c.open(&glossary, "toml", GLOSSARY).await;
    let symbols = c
        .call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": glossary}}),
        )
        .await;
    let names = names(&symbols);
    assert_eq!(
        names,
        [
            "Permanent Establishment",
            "Tax Treaty",
            "Common Reporting Standard",
            "Virtual Currency",
            "Crypto-Asset",
            "Markets in Crypto-Assets"
        ]
    );
    assert_eq!(
        symbols[0],
        json!({
            "name": "Permanent Establishment",
            "detail": "Tax",
            "kind": 20,
            "range": {"start": {"line": 4, "character": 0}, "end": {"line": 11, "character": 32}},
            "selectionRange": range(5, 8, 31)
        })
    );
    let links = c
        .call(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": glossary}}),
        )
        .await;
    assert_eq!(
        links[0],
        json!({"range": range(10, 12, 22), "target": format!("{glossary}#L14"), "tooltip": "Open Tax Treaty"})
    );
    assert_eq!(
        links[1],
        json!({"range": range(11, 8, 30), "target": "https://example.org/pe"})
    );
    assert_eq!(links.as_array().unwrap().len(), 6, "{links:#}");
    // Other documents have neither.
    let doc = c.uri("doc.md");
    c.open(&doc, "markdown", "Tax Treaty").await;
    for method in ["textDocument/documentSymbol", "textDocument/documentLink"] {
        assert_eq!(
            c.call(method, json!({"textDocument": {"uri": doc}})).await,
            json!(null)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_search_names_and_aliases() {
    let c = Client::with_files(&[]).await;
    let glossary = c.uri("glossary/terms.toml");
    let found = c.call("workspace/symbol", json!({"query": "cr"})).await;
    let names = names(&found);
    assert_eq!(
        names,
        [
            "Common Reporting Standard",
            "Crypto-Asset",
            "Markets in Crypto-Assets"
        ]
    );
    assert_eq!(
        found[0],
        json!({"name": "Common Reporting Standard", "kind": 20, "containerName": "Tax",
               "location": {"uri": glossary, "range": range(19, 0, 8)}})
    );
    let mica = c.call("workspace/symbol", json!({"query": "MICA"})).await;
    assert_eq!(mica[0]["name"], "Markets in Crypto-Assets");
    assert_eq!(
        c.call("workspace/symbol", json!({"query": "zzz"})).await,
        json!([])
    );
}

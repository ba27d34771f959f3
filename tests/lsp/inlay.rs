//! Inlay hints expand acronyms when the setting is on.

use serde_json::{json, Value};

use crate::harness::{capabilities, range, Client};

const TEXT: &str = "The PE and Permanent Establishment (PE) and MiCA.\n";

async fn hints(c: &Client) -> Value {
    let uri = c.uri("doc.md");
    c.open(&uri, "markdown", TEXT).await;
    c.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 60)}),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acronyms_are_expanded_when_asked_for() {
    let c = Client::with(&[], json!({"inlayHints": true}), capabilities(&["utf-16"])).await;
    assert_eq!(
        hints(&c).await,
        json!([
            {"position": {"line": 0, "character": 6}, "label": "(Permanent Establishment)",
             "tooltip": "A fixed place of business that lets a country tax a foreign company.",
             "paddingLeft": true},
            {"position": {"line": 0, "character": 48}, "label": "(Markets in Crypto-Assets)",
             "tooltip": "The EU regulation for issuers and service providers of crypto-assets.",
             "paddingLeft": true}
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_hints_by_default() {
    let c = Client::with_files(&[]).await;
    assert_eq!(hints(&c).await, json!([]));
    assert!(c.initialized["capabilities"]["inlayHintProvider"] == json!(true));
}

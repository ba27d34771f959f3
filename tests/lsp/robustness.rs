//! Bad input never stops the server: garbage, malformed params, unknown
//! documents, positions past the end, a 5 MB document; and the protocol's
//! end: errors after `shutdown`, exit statuses.

use glossa::lsp::Ending;
use serde_json::json;

use crate::harness::{range, Client};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_malformed_params_get_errors_and_the_server_goes_on() {
    let c = Client::with_files(&[]).await;
    let doc = c.uri("doc.md");
    c.open_md("doc.md", "Tax Treaty\n").await;
    c.send_raw(b"Content-Length: 9\r\n\r\nnot json!").await;
    let parse_error = c
        .wait_for("a parse error", |n| n["error"]["code"] == -32700)
        .await;
    assert_eq!(parse_error["id"], json!(null));
    c.send_raw(b"no header here\r\n\r\n").await;
    c.wait_for("a second parse error", |n| {
        n["error"]["code"] == -32700
            && n["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Content-Length")
    })
    .await;
    c.send(&json!({"jsonrpc": "2.0", "id": 77, "method": 3}))
        .await;
    let invalid = c.wait_for("an invalid request", |n| n["id"] == 77).await;
    assert_eq!(invalid["error"]["code"], -32600);
    c.send(&json!([1, 2])).await;
    c.wait_for("an invalid batch", |n| {
        n["error"]["code"] == -32600 && n["id"].is_null()
    })
    .await;
    for params in [
        json!({"textDocument": 3}),
        json!({"textDocument": {"uri": doc}, "position": {"line": -1, "character": 0}}),
        json!("hover"),
        json!(null),
    ] {
        let r = c.request("textDocument/hover", params.clone()).await;
        assert_eq!(r["error"]["code"], -32602, "{params} → {r}");
    }
    let r = c.request("glossa/unknown", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    // Notifications with bad params, or for unknown documents, are ignored.
    c.notify("textDocument/didChange", json!({"textDocument": 1}))
        .await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": c.uri("nope.md"), "version": 2},
               "contentChanges": [{"range": range(0, 0, 1), "text": "x"}]}),
    )
    .await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "not a uri"}}),
    )
    .await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2},
               "contentChanges": [{"range": range(40, 3, 99), "text": " and more"}]}),
    )
    .await;
    // The edit past the end appended to the last line's end.
    assert_eq!(c.diagnostics(&doc, json!(2)).await, json!([]));
    assert_eq!(c.hover(&doc, 0, 3).await["range"], range(0, 0, 10));
    for method in [
        "textDocument/definition",
        "textDocument/completion",
        "textDocument/hover",
    ] {
        assert_eq!(
            c.at(method, &c.uri("nope.md"), 0, 0).await,
            json!(null),
            "{method}"
        );
        assert_eq!(c.at(method, &doc, 99, 99).await, json!(null), "{method}");
    }
    assert_eq!(c.shutdown_and_exit().await, Ending::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_five_megabyte_document() {
    let c = Client::with_files(&[]).await;
    let line = "Some prose about a Tax Treaty and the ABCD rules, 😀 with 漢字.\n";
    let text = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    let doc = c.uri("big.md");
    let d = c.open_md("big.md", &text).await;
    assert_eq!(d.as_array().unwrap().len(), 1);
    assert_eq!(d[0]["code"], "undefined-acronym");
    let last = text.lines().count() as u32 - 1;
    assert_eq!(c.hover(&doc, last, 20).await["range"], range(last, 19, 29));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2},
               "contentChanges": [{"range": range(last, 0, 0), "text": "The CRS. "}]}),
    )
    .await;
    let d = c.diagnostics(&doc, json!(2)).await;
    assert_eq!(d.as_array().unwrap().len(), 2);
    assert_eq!(c.hover(&doc, last, 5).await["range"], range(last, 4, 7));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_after_shutdown_are_invalid() {
    let c = Client::with_files(&[]).await;
    assert_eq!(c.call("shutdown", json!(null)).await, json!(null));
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": c.uri("a.md")}, "position": {"line": 0, "character": 0}})).await;
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", json!(null)).await;
    assert_eq!(c.ending().await, Ending::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_abrupt() {
    let c = Client::with_files(&[]).await;
    c.notify("exit", json!(null)).await;
    assert_eq!(c.ending().await, Ending::Abrupt);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_before_initialize_are_refused() {
    let dir = crate::harness::workspace(&[]);
    let c = Client::connect(dir.path().to_path_buf(), Some(dir));
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///a.md"}, "position": {"line": 0, "character": 0}})).await;
    assert_eq!(r["error"]["code"], -32002, "{r}");
}

//! Reloading: a new term on disk is served after the change; a broken
//! glossary leaves the last good one in service and is reported on the
//! glossary file at its line.

use serde_json::json;

use crate::harness::{range, Client, GLOSSARY};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_term_added_on_disk_is_hovered_and_a_broken_file_keeps_the_old_glossary() {
    let c = Client::with_files(&[]).await;
    c.logged("loaded 6 terms from glossary").await;
    let doc = c.uri("doc.md");
    let glossary_uri = c.uri("glossary/terms.toml");
    c.open_md("doc.md", "A Liquidity Pool and a Tax Treaty.\n")
        .await;
    assert_eq!(c.hover(&doc, 0, 4).await, json!(null));
    let path = c.root.join("glossary/terms.toml");
    let added = format!("{GLOSSARY}\n[[term]]\nname = \"Liquidity Pool\"\nsummary = \"Tokens locked in a contract for trading.\"\n");
    std::fs::write(&path, &added).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": glossary_uri, "type": 2}]}),
    )
    .await;
    c.logged("loaded 7 terms from glossary").await;
    let hover = c.hover(&doc, 0, 4).await;
    assert_eq!(hover["range"], range(0, 2, 16));
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Liquidity Pool**"));

    // Break the file: an unclosed table header on a known line.
    let broken = added.replace(
        "[[term]]\nname = \"Liquidity Pool\"",
        "[[term]\nname = \"Liquidity Pool\"",
    );
    let line = broken.lines().position(|l| l == "[[term]").unwrap() as u32;
    std::fs::write(&path, &broken).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": glossary_uri}}),
    )
    .await;
    c.logged("glossary not loaded").await;
    let problems = c
        .wait_for("the error on the glossary file", |n| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == glossary_uri.as_str()
                && n["params"]["diagnostics"][0]["severity"] == 1
        })
        .await;
    let d = &problems["params"]["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], line, "{d}");
    assert_eq!(d["source"], "glossa");
    // The last good glossary still serves.
    let hover = c.hover(&doc, 0, 4).await;
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Liquidity Pool**"));

    // Fixed again: the error is cleared.
    std::fs::write(&path, GLOSSARY).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": glossary_uri}}),
    )
    .await;
    c.logged("loaded 6 terms").await;
    c.wait_for("the error cleared", |n| {
        n["method"] == "textDocument/publishDiagnostics"
            && n["params"]["uri"] == glossary_uri.as_str()
            && n["params"]["diagnostics"] == json!([])
    })
    .await;
    assert_eq!(c.hover(&doc, 0, 4).await, json!(null));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_from_the_client_reload_the_glossary() {
    let c = Client::with_files(&[("extra/more.toml", "[[term]]\nname = \"Order Book\"\n")]).await;
    let doc = c.uri("doc.md");
    c.open_md("doc.md", "The order book and the XYZ.\n").await;
    assert_eq!(c.hover(&doc, 0, 5).await, json!(null));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"glossa": {"glossary": ["glossary", "extra/more.toml"], "allow": ["XYZ"]}}}),
    )
    .await;
    c.logged("loaded 7 terms from glossary, extra/more.toml")
        .await;
    assert_eq!(c.hover(&doc, 0, 5).await["range"], range(0, 4, 14));
    assert_eq!(c.diagnostics(&doc, json!(1)).await, json!([]));
    // Bad settings are refused and the old ones stay.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"glossa": {"allow": 3}}}),
    )
    .await;
    let shown = c
        .wait_for("the refusal", |n| n["method"] == "window/showMessage")
        .await;
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .starts_with("glossa settings ignored"));
    assert_eq!(c.hover(&doc, 0, 5).await["range"], range(0, 4, 14));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watchers_use_relative_patterns_when_the_client_takes_them() {
    let mut caps = crate::harness::capabilities(&["utf-16"]);
    caps["workspace"]["didChangeWatchedFiles"]["relativePatternSupport"] = json!(true);
    let c = Client::with(&[], json!(null), caps).await;
    c.scanned().await;
    let requests = c.server_requests.lock().unwrap().clone();
    let registration = requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("a registration");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    let root = format!("{}/", c.uri(""));
    let glossary = format!("{}/", c.uri("glossary"));
    assert_eq!(
        watchers,
        &json!([
            {"globPattern": "**/.glossa.toml"},
            {"globPattern": {"baseUri": glossary, "pattern": "**/*.toml"}},
            {"globPattern": {"baseUri": root, "pattern": "**/*.md"}},
            {"globPattern": {"baseUri": root, "pattern": "**/*.markdown"}},
            {"globPattern": {"baseUri": root, "pattern": "**/*.mdx"}},
            {"globPattern": {"baseUri": root, "pattern": "**/*.txt"}},
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watchers_are_registered_for_the_glossary_and_settings() {
    let c = Client::with_files(&[]).await;
    c.scanned().await;
    let requests = c.server_requests.lock().unwrap().clone();
    let registration = requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("a registration");
    let watchers = &registration["params"]["registrations"][0];
    assert_eq!(watchers["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = watchers["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    let glossary_glob = format!("{}/glossary/**/*.toml", c.root.display());
    assert_eq!(
        globs,
        [
            "**/.glossa.toml",
            glossary_glob.as_str(),
            "**/*.md",
            "**/*.markdown",
            "**/*.mdx",
            "**/*.txt"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_initialization_options_are_reported_and_the_server_starts() {
    let c = Client::with(
        &[],
        json!({"rules": {"no-such-rule": "off"}}),
        crate::harness::capabilities(&["utf-16"]),
    )
    .await;
    let shown = c
        .wait_for("the refusal", |n| n["method"] == "window/showMessage")
        .await;
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("no-such-rule"), "{message}");
    c.open_md("doc.md", "Tax Treaty").await;
    assert_eq!(
        c.hover(&c.uri("doc.md"), 0, 0).await["range"],
        range(0, 0, 10)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_diagnostics_follow_a_reload() {
    let mut caps = crate::harness::capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    let c = Client::with(&[], json!(null), caps).await;
    let doc = c.uri("doc.md");
    c.open(&doc, "markdown", "The FBAR form.\n").await;
    let pull = || {
        c.call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": doc}}),
        )
    };
    assert_eq!(pull().await["items"][0]["code"], "undefined-acronym");
    let glossary = c.uri("glossary/terms.toml");
    c.open(&glossary, "toml", GLOSSARY).await;
    let added =
        format!("{GLOSSARY}\n[[term]]\nname = \"FBAR\"\nsummary = \"\"\ndefinition = \"\"\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": glossary, "version": 2},
               "contentChanges": [{"text": added}]}),
    )
    .await;
    std::fs::write(c.root.join("glossary/terms.toml"), &added).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": glossary}}),
    )
    .await;
    let reload = json!({"command": "glossa.reload", "arguments": []});
    assert_eq!(
        c.call("workspace/executeCommand", reload).await,
        json!({"terms": 7})
    );
    assert!(c
        .server_requests
        .lock()
        .unwrap()
        .iter()
        .any(|r| r["method"] == "workspace/diagnostic/refresh"));
    assert_eq!(pull().await["items"], json!([]));
}

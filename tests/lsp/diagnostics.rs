//! Diagnostics: the engine's findings with rule ids, links, related
//! information and exact ranges; pushed or pulled; glossary problems on the
//! glossary file.

use serde_json::{json, Value};

use crate::harness::{capabilities, range, Client, GLOSSARY};

const DOC: &str = "# Notes\n\nThe CRS applies here. Common Reporting Standard again.\nOur XYZ team uses XYZ daily.\nVirtual currencies are old wording.\nSee :term:`Nonexistent Thing`.\n";

fn expected(uri: &str) -> Value {
    json!([
        {
            "code": "expand-on-first-use",
            "codeDescription": {"href": "https://example.org/crs"},
            "message": "CRS is used before its long form; write \"Common Reporting Standard (CRS)\" at first use",
            "range": range(2, 4, 7),
            "severity": 3,
            "source": "glossa"
        },
        {
            "code": "undefined-acronym",
            "message": "XYZ is never defined: spell it out at first use, as in \"Long Form (XYZ)\", or add it to the glossary",
            "range": range(3, 4, 7),
            "relatedInformation": [
                {"location": {"uri": uri, "range": range(3, 18, 21)}, "message": "XYZ is also used here"}
            ],
            "severity": 2,
            "source": "glossa"
        },
        {
            "code": "deprecated-term",
            "codeDescription": {"href": "https://glossary.example/terms/virtual-currency"},
            "message": "\"Virtual currencies\" is deprecated wording; use \"Crypto-Asset\"",
            "range": range(4, 0, 18),
            "severity": 2,
            "source": "glossa",
            "tags": [2]
        },
        {
            "code": "undefined-term-reference",
            "message": "\"Nonexistent Thing\" names no glossary entry",
            "range": range(5, 11, 28),
            "severity": 1,
            "source": "glossa"
        }
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_on_open_with_codes_links_and_related_information() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    assert_eq!(c.open_md("doc.md", DOC).await, expected(&uri));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_again_after_an_edit_and_cleared_on_close() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    c.open_md("doc.md", DOC).await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(3, 4, 7), "text": "our"}]}),
    )
    .await;
    let after = c.diagnostics(&uri, json!(2)).await;
    let codes: Vec<&Value> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(
        codes,
        [
            "expand-on-first-use",
            "undefined-acronym",
            "deprecated-term",
            "undefined-term-reference"
        ]
    );
    // The remaining XYZ is now the first use.
    assert_eq!(after[1]["range"], range(3, 18, 21));
    assert_eq!(after[1].get("relatedInformation"), None);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    assert_eq!(c.diagnostics(&uri, json!(null)).await, json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn related_information_lists_twenty_later_uses_and_counts_the_rest() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    let doc = "QQX is here.\n".repeat(30);
    let diags = c.open_md("doc.md", &doc).await;
    let related = diags[0]["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 20);
    assert_eq!(related[0]["location"]["range"], range(1, 0, 3));
    assert_eq!(related[0]["message"], "QQX is also used here");
    assert_eq!(related[19]["location"]["range"], range(20, 0, 3));
    assert_eq!(
        related[19]["message"],
        "QQX is also used here, and 9 more times"
    );
    assert_eq!(related[19]["location"]["uri"], uri.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_when_the_client_asks_for_them() {
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    // LSP 3.17's spelling, as VS Code sends it.
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    let c = Client::with(&[], json!(null), caps).await;
    assert_eq!(
        c.initialized["capabilities"]["diagnosticProvider"],
        json!({"identifier": "glossa", "interFileDependencies": false, "workspaceDiagnostics": false})
    );
    let uri = c.uri("doc.md");
    c.open(&uri, "markdown", DOC).await;
    let report = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(report, json!({"kind": "full", "items": expected(&uri)}));
    let unknown = c
        .call(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": c.uri("nope.md")}}),
        )
        .await;
    assert_eq!(unknown, json!({"kind": "full", "items": []}));
    // Nothing is pushed for documents in pull mode.
    c.hover(&uri, 0, 0).await;
    assert!(!c.received(|n| n["params"]["uri"] == uri.as_str()).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_when_the_client_could_not_be_asked_to_pull_again() {
    // Pulling without `workspace/diagnostic/refresh` would leave old
    // diagnostics after a glossary reload.
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let c = Client::with(&[], json!(null), caps).await;
    assert_eq!(
        c.initialized["capabilities"].get("diagnosticProvider"),
        None
    );
    let uri = c.uri("doc.md");
    assert_eq!(c.open_md("doc.md", DOC).await, expected(&uri));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_allow_words_and_turn_rules_off() {
    let options = json!({"allow": ["XYZ"], "rules": {"expand-on-first-use": "off", "deprecated-term": "error"}});
    let c = Client::with(&[], options, capabilities(&["utf-16"])).await;
    let d = c.open_md("doc.md", DOC).await;
    let summary: Vec<(&Value, &Value)> = d
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (&d["code"], &d["severity"]))
        .collect();
    assert_eq!(
        summary,
        [
            (&json!("deprecated-term"), &json!(1)),
            (&json!("undefined-term-reference"), &json!(1))
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn glossary_problems_show_on_the_glossary_file_at_their_line() {
    let broken =
        format!("{GLOSSARY}\n[[term]]\nname = \"Orphan\"\nrelated = [\"no-such-entry\"]\n");
    let c = Client::with_files(&[("glossary/terms.toml", &broken)]).await;
    let uri = c.uri("glossary/terms.toml");
    let line = broken
        .lines()
        .position(|l| l.contains("no-such-entry"))
        .unwrap() as u32;
    let d = c.diagnostics(&uri, json!(null)).await;
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(
        d[0]["range"]["start"],
        json!({"line": line, "character": 12})
    );
    assert_eq!(d[0]["severity"], 2);
    assert!(
        d[0]["message"].as_str().unwrap().contains("no-such-entry"),
        "{d}"
    );
}

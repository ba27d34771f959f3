//! Code actions: each one's edit, applied to the text as a client would,
//! gives the expected text.

use serde_json::{json, Value};

use crate::harness::{apply_edits, capabilities, range, workspace, Client, GLOSSARY};

const DOC: &str = "The CRS applies.\nOur XYZ team uses XYZ.\nVirtual currencies are old.\n";

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#?}"))
}

/// The edits of an action to one file (from `documentChanges` or `changes`).
fn edits_to(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(ops) = edit["documentChanges"].as_array() {
        return ops
            .iter()
            .filter(|op| op["textDocument"]["uri"] == uri)
            .flat_map(|op| op["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lint_fixes_expand_acronyms_and_replace_deprecated_wording() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    c.open_md("doc.md", DOC).await;
    let actions = c.code_actions(&uri, range(0, 5, 5)).await;
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let expand = titled(&actions, "Expand to \"Common Reporting Standard (CRS)\"");
    assert_eq!(expand["kind"], "quickfix");
    assert_eq!(expand["isPreferred"], true);
    assert_eq!(expand["diagnostics"][0]["code"], "expand-on-first-use");
    assert_eq!(
        expand["edit"]["documentChanges"][0]["textDocument"],
        json!({"uri": uri, "version": 1})
    );
    assert_eq!(
        apply_edits(DOC, &edits_to(expand, &uri)),
        "The Common Reporting Standard (CRS) applies.\nOur XYZ team uses XYZ.\nVirtual currencies are old.\n"
    );
    let actions = c.code_actions(&uri, range(2, 0, 27)).await;
    let replace = titled(&actions, "Replace with \"Crypto-Assets\"");
    assert_eq!(
        apply_edits(DOC, &edits_to(replace, &uri)),
        "The CRS applies.\nOur XYZ team uses XYZ.\nCrypto-Assets are old.\n"
    );
    assert_eq!(
        c.code_actions(&uri, range(0, 0, 1)).await,
        Vec::<Value>::new()
    );
    let only_refactor = c
        .call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range(0, 5, 5),
                   "context": {"diagnostics": [], "only": ["refactor"]}}),
        )
        .await;
    assert_eq!(only_refactor, json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_an_acronym_to_the_project_glossary() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    let glossary = c.uri("glossary/terms.toml");
    c.open_md("doc.md", DOC).await;
    // At the later use too.
    let actions = c.code_actions(&uri, range(1, 19, 19)).await;
    let titles: Vec<&Value> = actions.iter().map(|a| &a["title"]).collect();
    assert_eq!(
        titles,
        ["Add XYZ to the glossary", "Allow XYZ in this project"]
    );
    let add = titled(&actions, "Add XYZ to the glossary");
    let new_glossary = apply_edits(GLOSSARY, &edits_to(add, &glossary));
    assert_eq!(
        new_glossary,
        format!("{GLOSSARY}\n[[term]]\nname = \"XYZ\"\nsummary = \"\"\ndefinition = \"\"\n")
    );
    // Once written, the glossary reloads and XYZ is defined.
    std::fs::write(c.root.join("glossary/terms.toml"), &new_glossary).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": glossary, "type": 2}]}),
    )
    .await;
    c.logged("loaded 7 terms").await;
    let d = c.diagnostics(&uri, json!(1)).await;
    assert!(
        d.as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "undefined-acronym"),
        "{d}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_without_a_project_glossary_creates_one_and_keeps_the_bundled_glossary() {
    let dir = workspace(&[]);
    let root = dir.path().to_path_buf();
    let c = Client::start(root, Some(dir), json!(null), capabilities(&["utf-16"])).await;
    let uri = c.uri("doc.md");
    c.open_md("doc.md", "The QQQX rule.\n").await;
    let actions = c.code_actions(&uri, range(0, 5, 5)).await;
    let add = titled(&actions, "Add QQQX to the glossary");
    let terms = c.uri("glossary/terms.toml");
    let settings = c.uri(".glossa.toml");
    let ops = add["edit"]["documentChanges"].as_array().unwrap();
    let created: Vec<&Value> = ops
        .iter()
        .filter(|o| o["kind"] == "create")
        .map(|o| &o["uri"])
        .collect();
    assert_eq!(created, [&json!(terms), &json!(settings)]);
    assert_eq!(
        apply_edits("", &edits_to(add, &terms)),
        "[[term]]\nname = \"QQQX\"\nsummary = \"\"\ndefinition = \"\"\n"
    );
    assert_eq!(
        apply_edits("", &edits_to(add, &settings)),
        "bundled = true\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allow_an_acronym_in_the_project_settings() {
    let settings_text = "# project\nallow = [\"ABC\"]\n\n[rules]\ndeprecated-term = \"error\"\n";
    let c = Client::with_files(&[(".glossa.toml", settings_text)]).await;
    let uri = c.uri("doc.md");
    let settings = c.uri(".glossa.toml");
    c.open_md("doc.md", DOC).await;
    let actions = c.code_actions(&uri, range(1, 5, 5)).await;
    let allow = titled(&actions, "Allow XYZ in this project");
    assert_eq!(
        apply_edits(settings_text, &edits_to(allow, &settings)),
        "# project\nallow = [\"ABC\", \"XYZ\"]\n\n[rules]\ndeprecated-term = \"error\"\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_without_document_changes_get_a_changes_map() {
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] = json!({});
    let c = Client::with(&[], json!(null), caps).await;
    let uri = c.uri("doc.md");
    c.open_md("doc.md", DOC).await;
    let actions = c.code_actions(&uri, range(1, 5, 5)).await;
    let titles: Vec<&Value> = actions.iter().map(|a| &a["title"]).collect();
    // Allowing would create .glossa.toml, which needs documentChanges.
    assert_eq!(titles, ["Add XYZ to the glossary"]);
    let glossary = c.uri("glossary/terms.toml");
    assert!(
        actions[0]["edit"]["changes"][&glossary].is_array(),
        "{actions:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_right_after_an_edit_see_the_edited_text() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    c.open_md("doc.md", "The CRS applies.\n").await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(1, 0, 0), "text": "Our QQQ team.\n"}]}),
    )
    .await;
    let actions = c.code_actions(&uri, range(1, 5, 5)).await;
    let titles: Vec<&Value> = actions.iter().map(|a| &a["title"]).collect();
    assert_eq!(
        titles,
        ["Add QQQ to the glossary", "Allow QQQ in this project"]
    );
}

//! Definition: a mention jumps to its entry's `[[term]]` header; inside a
//! glossary file an id in `related`, `broader` or `use_instead` jumps to
//! that entry.

use serde_json::json;

use crate::harness::{range, Client, GLOSSARY};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_goes_to_its_entry_header() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("doc.md");
    let glossary = c.uri("glossary/terms.toml");
    c.open_md("doc.md", "See the PE rules and `PE` in code.\n")
        .await;
    let want = json!({"uri": glossary, "range": range(4, 0, 8)});
    assert_eq!(c.at("textDocument/definition", &uri, 0, 8).await, want);
    assert_eq!(c.at("textDocument/definition", &uri, 0, 9).await, want);
    assert_eq!(
        c.at("textDocument/definition", &uri, 0, 10).await,
        json!(null)
    );
    assert_eq!(
        c.at("textDocument/definition", &uri, 0, 22).await,
        json!(null)
    );
    assert_eq!(
        c.at("textDocument/definition", &c.uri("unknown.md"), 0, 0)
            .await,
        json!(null)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_in_a_glossary_file_go_to_their_entries() {
    let c = Client::with_files(&[]).await;
    let glossary = c.uri("glossary/terms.toml");
    c.open(&glossary, "toml", GLOSSARY).await;
    let line = |needle: &str| GLOSSARY.lines().position(|l| l.contains(needle)).unwrap() as u32;
    let related = line("related = [\"tax-treaty\"]");
    let tax_treaty = json!({"uri": glossary, "range": range(13, 0, 8)});
    for character in [11, 12, 21, 22] {
        assert_eq!(
            c.at("textDocument/definition", &glossary, related, character)
                .await,
            tax_treaty,
            "at {character}"
        );
    }
    assert_eq!(
        c.at("textDocument/definition", &glossary, related, 3).await,
        json!(null)
    );
    let use_instead = line("use_instead = \"crypto-asset\"");
    let crypto = line("name = \"Crypto-Asset\"") - 1;
    assert_eq!(
        c.at("textDocument/definition", &glossary, use_instead, 17)
            .await,
        json!({"uri": glossary, "range": range(crypto, 0, 8)})
    );
    let broader = line("broader = [\"tax-treaty\"]");
    assert_eq!(
        c.at("textDocument/definition", &glossary, broader, 13)
            .await,
        tax_treaty
    );
    // Hover on an id shows that entry.
    let hover = c.hover(&glossary, related, 14).await;
    assert_eq!(hover["range"], range(related, 12, 22));
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Tax Treaty**"));
}

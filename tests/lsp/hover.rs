//! Hover: the entry's Markdown and the mention's range, on every character
//! of a mention and nowhere else.

use serde_json::json;

use crate::harness::{range, Client};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_every_character_of_a_mention_and_nowhere_else() {
    let c = Client::with_files(&[]).await;
    let text = "Where is the Permanent Establishment?\n\n`Permanent Establishment` in code.\n";
    c.open_md("doc.md", text).await;
    let uri = c.uri("doc.md");
    let glossary = c.uri("glossary/terms.toml");
    let expected = json!({
        "contents": {
            "kind": "markdown",
            "value": format!(
                "**Permanent Establishment** · *Tax*\n\nA fixed place of business that lets a country tax a foreign company.\n\nWhether a business has one decides where its profits are taxed.\n\n*Also:* PE\n\n*Related:* [Tax Treaty]({glossary}#L14)\n\n*Sources:* <https://example.org/pe>\n"
            ),
        },
        "range": range(0, 13, 36),
    });
    for character in [13, 22, 35] {
        assert_eq!(
            c.hover(&uri, 0, character).await,
            expected,
            "at {character}"
        );
    }
    for character in [12, 36, 37] {
        assert_eq!(
            c.hover(&uri, 0, character).await,
            json!(null),
            "at {character}"
        );
    }
    assert_eq!(c.hover(&uri, 2, 5).await, json!(null), "inside code");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_an_alias_lists_the_entries_that_refer_here() {
    let c = Client::with_files(&[]).await;
    c.open_md("doc.md", "A Tax Treaty may define a PE.\n").await;
    let uri = c.uri("doc.md");
    let glossary = c.uri("glossary/terms.toml");
    assert_eq!(
        c.hover(&uri, 0, 2).await,
        json!({
            "contents": {"kind": "markdown", "value": format!(
                "**Tax Treaty** · *Tax*\n\nAn agreement between two countries on which of them taxes what.\n\n*Related:* [Permanent Establishment]({glossary}#L5)\n\n*Referenced by:* [Common Reporting Standard]({glossary}#L20)\n"
            )},
            "range": range(0, 2, 12),
        })
    );
    let pe = c.hover(&uri, 0, 27).await;
    assert_eq!(pe["range"], range(0, 26, 28));
    assert!(pe["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Permanent Establishment**"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_after_emoji_and_cjk_in_utf16_and_utf8() {
    let text = "😀 漢字 é Tax Treaty.\n";
    for (offered, start) in [
        (vec!["utf-16"], 8),
        (vec!["utf-32", "utf-8", "utf-16"], 15),
        (vec![], 8),
    ] {
        let c = Client::with(&[], json!(null), crate::harness::capabilities(&offered)).await;
        let want = if start == 15 { "utf-8" } else { "utf-16" };
        assert_eq!(c.initialized["capabilities"]["positionEncoding"], want);
        c.open_md("doc.md", text).await;
        let uri = c.uri("doc.md");
        let h = c.hover(&uri, 0, start).await;
        assert_eq!(h["range"], range(0, start, start + 10), "{offered:?}");
        assert_eq!(
            c.hover(&uri, 0, start + 9).await["range"],
            range(0, start, start + 10)
        );
        assert_eq!(c.hover(&uri, 0, start - 1).await, json!(null));
        assert_eq!(c.hover(&uri, 0, start + 10).await, json!(null));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_is_null_for_unknown_documents_and_positions_past_the_end() {
    let c = Client::with_files(&[]).await;
    c.open_md("doc.md", "Tax Treaty\n").await;
    let uri = c.uri("doc.md");
    assert_eq!(c.hover(&c.uri("never-opened.md"), 0, 0).await, json!(null));
    assert_eq!(c.hover("untitled:Untitled-1", 0, 0).await, json!(null));
    assert_eq!(c.hover(&uri, 0, 99).await, json!(null));
    assert_eq!(c.hover(&uri, 7, 0).await, json!(null));
    assert_eq!(c.hover(&uri, u32::MAX, u32::MAX).await, json!(null));
}

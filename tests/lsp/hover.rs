//! Hover: the entry's Markdown and the mention's range, on every character
//! of a mention and nowhere else.

use serde_json::json;

use crate::harness::Client;

fn range(line: u32, start: u32, end: u32) -> serde_json::Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

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

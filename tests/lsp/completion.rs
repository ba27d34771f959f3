//! Completion of glossary names and aliases in prose.

use serde_json::{json, Value};

use crate::harness::{range, Client};

async fn complete(c: &Client, text: &str, line: u32, character: u32) -> Value {
    let uri = c.uri("doc.md");
    c.open(&uri, "markdown", text).await;
    c.at("textDocument/completion", &uri, line, character).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_complete_the_words_already_typed() {
    let c = Client::with_files(&[]).await;
    let list = complete(&c, "We discuss the permanent est", 0, 28).await;
    assert_eq!(
        list,
        json!({"isIncomplete": false, "items": [{
            "label": "Permanent Establishment",
            "kind": 1,
            "detail": "Tax",
            "documentation": {"kind": "markdown", "value": "A fixed place of business that lets a country tax a foreign company.\n\nWhether a business has one decides where its profits are taxed."},
            "sortText": "04permanent establishment",
            "filterText": "Permanent Establishment PE",
            "textEdit": {"range": range(0, 15, 28), "newText": "Permanent Establishment"}
        }]})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliases_complete_too_and_code_gets_nothing() {
    let c = Client::with_files(&[]).await;
    let list = complete(&c, "The cr\n\n```\ncr\n```\n", 0, 6).await;
    let items: Vec<(&Value, &Value, &Value)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (&i["label"], &i["textEdit"]["newText"], &i["detail"]))
        .collect();
    assert_eq!(
        items,
        [
            (
                &json!("Common Reporting Standard"),
                &json!("CRS"),
                &json!("CRS")
            ),
            (
                &json!("Crypto-Asset"),
                &json!("Crypto-Asset"),
                &json!("Regulation")
            ),
        ]
    );
    assert_eq!(list["items"][0]["textEdit"]["range"], range(0, 4, 6));
    assert_eq!(
        complete(&c, "The cr\n\n```\ncr\n```\n", 3, 2).await,
        json!(null)
    );
    assert_eq!(complete(&c, "The ", 0, 4).await, json!(null));
}

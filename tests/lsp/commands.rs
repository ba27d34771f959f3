//! `workspace/executeCommand`: `glossa.ask` and `glossa.reload`.

use serde_json::json;

use crate::harness::{Client, GLOSSARY};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_with_the_entry_and_cites_it() {
    let c = Client::with_files(&[]).await;
    let answer = c
        .call(
            "workspace/executeCommand",
            json!({"command": "glossa.ask", "arguments": ["What is a PE?"]}),
        )
        .await;
    assert_eq!(
        answer,
        json!({
            "answer": "**Permanent Establishment** · *Tax*\n\nA fixed place of business that lets a country tax a foreign company.\n\nWhether a business has one decides where its profits are taxed.\n\n*Also:* PE\n\n*Related:* [Tax Treaty](https://glossary.example/terms/tax-treaty)\n\n*Sources:* <https://example.org/pe>\n",
            "terms": [{
                "id": "permanent-establishment",
                "name": "Permanent Establishment",
                "summary": "A fixed place of business that lets a country tax a foreign company.",
                "url": "https://glossary.example/terms/permanent-establishment"
            }],
            "suggestions": []
        })
    );
    // The conversation carries over: a follow-up about "it" stays on the entry.
    let follow_up = c
        .call(
            "workspace/executeCommand",
            json!({"command": "glossa.ask", "arguments": ["give me an example"]}),
        )
        .await;
    assert_eq!(
        follow_up["terms"][0]["id"], "permanent-establishment",
        "{follow_up}"
    );
    let unknown = c
        .call(
            "workspace/executeCommand",
            json!({"command": "glossa.ask", "arguments": ["what is a tax treatyy"]}),
        )
        .await;
    // A typo still finds the entry.
    assert_eq!(unknown["terms"][0]["id"], "tax-treaty", "{unknown}");
    let nothing = c
        .call(
            "workspace/executeCommand",
            json!({"command": "glossa.ask", "arguments": ["what is a zebra crossing"]}),
        )
        .await;
    assert_eq!(nothing["terms"], json!([]), "{nothing}");
    for arguments in [json!([]), json!([3]), json!(["a", "b"])] {
        let r = c
            .request(
                "workspace/executeCommand",
                json!({"command": "glossa.ask", "arguments": arguments}),
            )
            .await;
        assert_eq!(r["error"]["code"], -32602, "{r}");
    }
    let r = c
        .request(
            "workspace/executeCommand",
            json!({"command": "glossa.nope"}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32602, "{r}");
    assert_eq!(
        c.initialized["capabilities"]["executeCommandProvider"],
        json!({"commands": ["glossa.reload", "glossa.ask"]})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_counts_terms_or_says_why_not() {
    let c = Client::with_files(&[]).await;
    let reload = json!({"command": "glossa.reload", "arguments": []});
    assert_eq!(
        c.call("workspace/executeCommand", reload.clone()).await,
        json!({"terms": 6})
    );
    let more = format!("{GLOSSARY}\n[[term]]\nname = \"Liquidity Pool\"\n");
    std::fs::write(c.root.join("glossary/terms.toml"), more).unwrap();
    assert_eq!(
        c.call("workspace/executeCommand", reload.clone()).await,
        json!({"terms": 7})
    );
    std::fs::write(c.root.join("glossary/terms.toml"), "[[term]\n").unwrap();
    let r = c.request("workspace/executeCommand", reload).await;
    assert_eq!(r["error"]["code"], -32603, "{r}");
    let message = r["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("glossary not reloaded: "), "{message}");
    assert!(message.contains("terms.toml:1:"), "{message}");
}

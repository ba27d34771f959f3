//! `glossa ask` and `glossa chat` as a user runs them (not on a terminal,
//! so the output is plain text).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn glossa(args: &[&str], stdin: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("GLOSSA_GLOSSARY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn ask_json_is_the_api_object() {
    let out = glossa(&["ask", "what does MiCA stand for?", "--json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["terms"][0]["id"],
        "markets-in-crypto-assets-regulation"
    );
    assert_eq!(json["terms"][0]["url"], serde_json::Value::Null);
    assert!(json["answer"]
        .as_str()
        .unwrap()
        .starts_with("**MiCA** stands for **Markets in Crypto-Assets Regulation**."));
    assert_eq!(json["suggestions"], serde_json::json!([]));
}

#[test]
fn ask_prints_plain_text_to_a_pipe() {
    let out = glossa(
        &["ask", "difference", "between", "delta", "and", "gamma"],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Delta vs Gamma\n\n• Delta (Options): "),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains("**"),
        "{stdout}"
    );
}

#[test]
fn ask_needs_a_question() {
    let out = glossa(&["ask"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("QUESTION"));
}

#[test]
fn ask_reads_the_glossary_option() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "[[term]]\nname = \"House Style\"\naliases = [\"HS\"]\nsummary = \"How we write.\"\n",
    )
    .unwrap();
    let out = glossa(
        &[
            "ask",
            "--glossary",
            file.to_str().unwrap(),
            "what does HS stand for",
        ],
        "",
    );
    assert_eq!(
        text(&out.stdout),
        "HS stands for House Style.\n\nHow we write.\n"
    );
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[[term]\n").unwrap();
    let out = glossa(&["ask", "--glossary", broken.to_str().unwrap(), "x"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("glossa: glossary: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn chat_answers_each_line_and_keeps_the_conversation() {
    let out = glossa(
        &["chat"],
        "what is a permanent establishment?\n\nand how does it relate to CRS?\n/help\n/clear\ngive me an example\n/nope\n/quit\nwhat is CRS\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let turns: Vec<&str> = stdout.split("\n> ").collect();
    let expected = [
        "> what is a permanent establishment?\nPermanent Establishment · Tax\n",
        "and how does it relate to CRS?\nHow Permanent Establishment relates to Common Reporting Standard\n",
        "/help\nCommands: /help",
        "/clear\nConversation cleared.\n",
        "give me an example\nI'm not sure what “it” refers to",
        "/nope\nUnknown command /nope",
    ];
    assert_eq!(turns.len(), expected.len(), "nothing after /quit: {stdout}");
    for (turn, want) in turns.iter().zip(expected) {
        assert!(
            turn.starts_with(want),
            "{turn:?} does not start with {want:?}"
        );
    }
}

//! Incremental edits sent in a burst, without waiting for their effects,
//! leave the same diagnostics and hovers as the final text opened fresh.

use serde_json::{json, Value};

use crate::harness::Client;

/// A small deterministic generator (no dependence on a random seed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The start offsets of the lines of `text`, which end at `\n`, `\r\n`
/// or a lone `\r` as LSP says.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The UTF-16 position of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let character: usize = text[starts[line]..offset]
        .chars()
        .map(char::len_utf16)
        .sum();
    json!({"line": line, "character": character})
}

/// A char boundary of `text` chosen by `rng`, never inside a `\r\n`
/// (no LSP position names that place).
fn boundary(text: &str, rng: &mut Lcg) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect();
    bounds[rng.next(bounds.len())]
}

fn without_uri(diags: &Value) -> Value {
    let mut d = diags.clone();
    for diag in d.as_array_mut().unwrap() {
        if let Some(rel) = diag.get_mut("relatedInformation") {
            for r in rel.as_array_mut().unwrap() {
                r["location"]["uri"] = json!("");
            }
        }
    }
    d
}

const PIECES: [&str; 13] = [
    "Tax Treaty ",
    "XYZ ",
    "😀",
    "CRS ",
    "\n",
    "Virtual currency ",
    "漢字",
    "Permanent\nEstablishment ",
    "é",
    "MiCA",
    "\r\n",
    "\n\n",
    "```\n",
];

/// A random edit of `text` inserting one of `pieces`: applies it and
/// returns it as a content change.
fn edit(text: &mut String, rng: &mut Lcg, pieces: &[&str]) -> Value {
    let start = boundary(text, rng);
    let end = if rng.next(3) == 0 {
        let rest = &text[start..];
        let n = rng.next(4);
        let mut end = start + rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
        if text[..end].ends_with('\r') && text[end..].starts_with('\n') {
            end += 1;
        }
        end
    } else {
        start
    };
    let insert = if start < end && rng.next(2) == 0 {
        ""
    } else {
        pieces[rng.next(pieces.len())]
    };
    let change = json!({
        "range": {"start": position(text, start), "end": position(text, end)},
        "text": insert
    });
    text.replace_range(start..end, insert);
    change
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_edits_in_a_burst_equal_the_text_opened_fresh() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("edited.md");
    let mut text = String::from("# Notes 😀\n\nThe Tax Treaty and the CRS.\n");
    c.open(&uri, "markdown", &text).await;
    let mut rng = Lcg(7);
    for version in 2..202 {
        let change = edit(&mut text, &mut rng, &PIECES[..11]);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
    }
    let edited = c.diagnostics(&uri, json!(201)).await;
    let fresh_uri = c.uri("fresh.md");
    let fresh = c.open_md("fresh.md", &text).await;
    assert_eq!(without_uri(&edited), without_uri(&fresh));
    assert!(edited.as_array().unwrap().len() >= 3, "{edited:#}\n{text}");
    let mut hovers = 0;
    let starts = line_starts(&text);
    for (line, &start) in starts.iter().enumerate() {
        let end = starts.get(line + 1).copied().unwrap_or(text.len());
        let l = text[start..end].trim_end_matches(['\r', '\n']);
        let units: u32 = l.chars().map(|c| c.len_utf16() as u32).sum();
        for character in 0..=units {
            let a = c.hover(&uri, line as u32, character).await;
            let b = c.hover(&fresh_uri, line as u32, character).await;
            assert_eq!(a, b, "at {line}:{character}");
            hovers += usize::from(!a.is_null());
        }
    }
    assert!(hovers > 20, "only {hovers} hovers in:\n{text}");
}

/// Each edit analysed before the next, so that every analysis starts from
/// the previous one: the diagnostics of each version equal a fresh open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_analysis_after_an_edit_equals_the_text_opened_fresh() {
    let c = Client::with_files(&[]).await;
    let uri = c.uri("edited.md");
    let mut text = String::from(
        "# Notes\n\nThe Tax Treaty and the CRS.\n\nXYZ here.\n\n```\nCRS\n```\n\nPermanent Establishment (PE).\n",
    );
    c.open_md("edited.md", &text).await;
    let mut rng = Lcg(11);
    for version in 2..42 {
        let change = edit(&mut text, &mut rng, &PIECES);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
        c.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
        let edited = c.diagnostics(&uri, json!(version)).await;
        let fresh_name = format!("fresh{version}.md");
        let fresh = c.open_md(&fresh_name, &text).await;
        assert_eq!(without_uri(&edited), without_uri(&fresh), "{text}");
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": c.uri(&fresh_name)}}),
        )
        .await;
    }
}

//! Text edits to a project's own files, computed on their text: a stub
//! entry appended to a glossary file, a word added to `allow` and
//! `bundled = true` in `.glossa.toml`.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The stub entry for `acronym`, appended at the end of a glossary file.
pub fn append_entry(text: &str, acronym: &str) -> (Range<usize>, String) {
    let gap = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let entry = format!(
        "{gap}[[term]]\nname = {}\nsummary = \"\"\ndefinition = \"\"\n",
        quoted(acronym)
    );
    (text.len()..text.len(), entry)
}

#[derive(Deserialize)]
struct Settings {
    allow: Option<Spanned<Vec<String>>>,
    bundled: Option<Spanned<bool>>,
}

/// `word` added to the `allow` list of a `.glossa.toml`; `None` when it is
/// there already or the file does not parse.
pub fn allow(text: &str, word: &str) -> Option<(Range<usize>, String)> {
    let settings: Settings = toml::from_str(text).ok()?;
    let Some(list) = settings.allow else {
        return Some((0..0, format!("allow = [{}]\n", quoted(word))));
    };
    if list.get_ref().iter().any(|w| w == word) {
        return None;
    }
    let span = list.span();
    let inner = text.get(span.start..span.end.checked_sub(1)?)?;
    let last = inner.trim_end();
    let at = span.start + last.len();
    let insert = match last.chars().next_back() {
        Some('[') => quoted(word),
        Some(',') => format!(" {},", quoted(word)),
        _ => format!(", {}", quoted(word)),
    };
    Some((at..at, insert))
}

/// `bundled = true` in a `.glossa.toml`; `None` when it says so already or
/// the file does not parse.
pub fn keep_bundled(text: &str) -> Option<(Range<usize>, String)> {
    let settings: Settings = toml::from_str(text).ok()?;
    match settings.bundled {
        Some(b) if *b.get_ref() => None,
        Some(b) => Some((b.span(), "true".into())),
        None => Some((0..0, "bundled = true\n".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: (Range<usize>, String)) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.0, &edit.1);
        out
    }

    #[test]
    fn allow_lists() {
        for (text, want) in [
            ("", "allow = [\"XYZ\"]\n"),
            ("[rules]\n", "allow = [\"XYZ\"]\n[rules]\n"),
            ("allow = []\n", "allow = [\"XYZ\"]\n"),
            ("allow = [\"A\"]\n", "allow = [\"A\", \"XYZ\"]\n"),
            (
                "allow = [\n  \"A\",\n]\n",
                "allow = [\n  \"A\", \"XYZ\",\n]\n",
            ),
        ] {
            let got = apply(text, allow(text, "XYZ").unwrap());
            assert_eq!(got, want, "{text:?}");
            let parsed: Settings = toml::from_str(&got).unwrap();
            assert!(parsed.allow.unwrap().get_ref().contains(&"XYZ".to_string()));
        }
        assert!(allow("allow = [\"XYZ\"]", "XYZ").is_none());
        assert!(allow("allow = [", "XYZ").is_none());
    }

    #[test]
    fn bundled_and_entries() {
        assert_eq!(
            apply(
                "bundled = false\n",
                keep_bundled("bundled = false\n").unwrap()
            ),
            "bundled = true\n"
        );
        assert_eq!(apply("", keep_bundled("").unwrap()), "bundled = true\n");
        assert!(keep_bundled("bundled = true").is_none());
        let text = "[[term]]\nname = \"A\"";
        assert_eq!(
            apply(text, append_entry(text, "XYZ")),
            "[[term]]\nname = \"A\"\n\n[[term]]\nname = \"XYZ\"\nsummary = \"\"\ndefinition = \"\"\n"
        );
        assert_eq!(
            append_entry("", "Q\"").1,
            "[[term]]\nname = \"Q\\\"\"\nsummary = \"\"\ndefinition = \"\"\n"
        );
    }
}

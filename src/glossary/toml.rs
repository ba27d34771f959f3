//! The native TOML format: `[[term]]` tables and an optional `[glossary]` table.

use serde::Deserialize;
use toml::Spanned;

use super::error::LineStarts;
use super::{FilePos, GlossaryFile, LoadError, Meta, Origin, Status, Term};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    glossary: Option<Meta>,
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    name: Spanned<String>,
    id: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    #[serde(default)]
    definition: String,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    broader: Vec<Spanned<String>>,
    area: Option<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    see: Vec<String>,
    #[serde(default)]
    status: Status,
    use_instead: Option<Spanned<String>>,
    case_sensitive: Option<bool>,
    url: Option<String>,
}

/// Parses a native TOML glossary file.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LoadError::at_offset(file, text, offset, e.message().trim().to_string())
    })?;
    let lines = LineStarts::new(text);
    let terms = raw
        .term
        .into_iter()
        .map(|t| {
            let header = header_before(text, &lines, t.name.span().start);
            let mut references = Vec::new();
            let mut take = |s: Spanned<String>| {
                references.push((s.get_ref().clone(), lines.pos(text, s.span().start + 1)));
                s.into_inner()
            };
            let related = t.related.into_iter().map(&mut take).collect();
            let broader = t.broader.into_iter().map(&mut take).collect();
            let use_instead = t.use_instead.map(&mut take);
            let name = t.name.into_inner();
            Term {
                id: t.id.unwrap_or_else(|| super::slug(&name)),
                name,
                aliases: t.aliases,
                summary: t.summary,
                definition: t.definition,
                related,
                broader,
                area: t.area,
                examples: t.examples,
                see: t.see,
                status: t.status,
                use_instead,
                case_sensitive: t.case_sensitive,
                url: t.url,
                origin: Origin {
                    file: file.to_string(),
                    header,
                    references,
                },
            }
        })
        .collect();
    Ok(GlossaryFile {
        meta: raw.glossary,
        terms,
    })
}

/// The position of the last `[[term]]` header line that starts before `offset`.
fn header_before(text: &str, lines: &LineStarts, offset: usize) -> FilePos {
    let before = &text[..offset.min(text.len())];
    let mut search = before;
    loop {
        match search.rfind("[[") {
            Some(i) => {
                let line_start = search[..i].rfind('\n').map_or(0, |n| n + 1);
                let rest = search[i + 2..].trim_start();
                if search[line_start..i].trim().is_empty() && rest.starts_with("term") {
                    return lines.pos(text, i);
                }
                search = &search[..i];
            }
            None => return lines.pos(text, offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_with_positions() {
        let text = "[glossary]\nname = \"T\"\n\n[[term]]\nname = \"Permanent Establishment\"\naliases = [\"PE\"]\nrelated = [\"tax-treaty\"]\n\n  [[ term ]]\nname = \"Tax Treaty\"\n";
        let f = parse(text, "t.toml").unwrap();
        assert_eq!(f.meta.unwrap().name.as_deref(), Some("T"));
        assert_eq!(f.terms[0].id, "permanent-establishment");
        assert_eq!(f.terms[0].origin.header, FilePos { line: 3, column: 0 });
        assert_eq!(
            f.terms[0].origin.position_of("tax-treaty"),
            FilePos {
                line: 6,
                column: 12
            }
        );
        assert_eq!(f.terms[1].origin.header, FilePos { line: 8, column: 2 });
    }

    #[test]
    fn errors_carry_locations() {
        for (text, line, needle) in [
            (
                "[[term]]\nname = \"A\"\ndefinition = \"unterminated\n",
                3,
                "",
            ),
            ("[[term]]\nname = 3\n", 2, "string"),
            (
                "[[term]]\nname = \"A\"\ndefintion = \"x\"\n",
                3,
                "defintion",
            ),
            ("[[term]]\ndefinition = \"no name\"\n", 1, "name"),
        ] {
            let e = parse(text, "g.toml").unwrap_err();
            assert_eq!(e.pos.map(|p| p.line + 1), Some(line), "{text:?}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}

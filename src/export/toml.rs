//! Native TOML, as `glossa import` writes it and `glossa check` reads it:
//! an optional `[glossary]` table, then one `[[term]]` table per entry with
//! its keys in the order of the format's table. Keys at their default are
//! left out, and so is an `id` that the name would give anyway.

use crate::glossary::{slug, Meta, Status, Term};

/// The entries (and the file's `[glossary]` table, if it says anything) as TOML.
pub fn write(meta: &Meta, terms: &[Term]) -> String {
    let mut out = String::new();
    if *meta != Meta::default() {
        out.push_str("[glossary]\n");
        optional(&mut out, "name", meta.name.as_deref());
        optional(&mut out, "description", meta.description.as_deref());
        optional(&mut out, "base_url", meta.base_url.as_deref());
    }
    for term in terms {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("[[term]]\n");
        key(&mut out, "name", &string(&term.name));
        if term.id != slug(&term.name) {
            key(&mut out, "id", &string(&term.id));
        }
        list(&mut out, "aliases", &term.aliases);
        optional(&mut out, "summary", term.summary.as_deref());
        if !term.definition.is_empty() {
            key(&mut out, "definition", &string(&term.definition));
        }
        list(&mut out, "related", &term.related);
        list(&mut out, "broader", &term.broader);
        optional(&mut out, "area", term.area.as_deref());
        list(&mut out, "examples", &term.examples);
        list(&mut out, "see", &term.see);
        if term.status != Status::Preferred {
            key(&mut out, "status", &string(term.status.as_str()));
        }
        optional(&mut out, "use_instead", term.use_instead.as_deref());
        if let Some(flag) = term.case_sensitive {
            key(
                &mut out,
                "case_sensitive",
                if flag { "true" } else { "false" },
            );
        }
        optional(&mut out, "url", term.url.as_deref());
    }
    out
}

fn key(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

fn optional(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        key(out, name, &string(v));
    }
}

fn list(out: &mut String, name: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let quoted: Vec<String> = items.iter().map(|i| string(i)).collect();
    let one_line = format!("[{}]", quoted.join(", "));
    if one_line.len() + name.len() <= 96 && !one_line.contains('\n') {
        key(out, name, &one_line);
    } else {
        let lines: Vec<String> = quoted.iter().map(|q| format!("  {q},\n")).collect();
        key(out, name, &format!("[\n{}]", lines.concat()));
    }
}

/// A TOML string: a basic string, or a multi-line basic string for text
/// with line breaks.
fn string(text: &str) -> String {
    let multi_line = text.contains('\n');
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(if multi_line { "\"\"\"\n" } else { "\"" });
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multi_line => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(if multi_line { "\"\"\"" } else { "\"" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{parse, Format};

    #[test]
    fn writes_readable_toml_that_reads_back() {
        let mut pe = Term::new("Permanent Establishment");
        pe.aliases = vec!["PE".into()];
        pe.definition = "A \"fixed\" place.\nSecond line with \\ and \u{1}.".into();
        pe.status = Status::Admitted;
        pe.case_sensitive = Some(false);
        let mut other = Term::new("Other");
        other.id = "custom".into();
        let meta = Meta {
            name: Some("Tax".into()),
            ..Meta::default()
        };
        let text = write(&meta, &[pe.clone(), other.clone()]);
        assert!(text.starts_with("[glossary]\nname = \"Tax\"\n\n[[term]]\nname = \"Permanent Establishment\"\naliases = [\"PE\"]\ndefinition = \"\"\"\nA \\\"fixed\\\" place.\n"), "{text}");
        let back = parse(&text, "t.toml", Format::Toml).unwrap();
        assert_eq!(back.meta, Some(meta));
        let strip = |mut t: Term| {
            t.origin = Default::default();
            t
        };
        assert_eq!(
            back.terms.into_iter().map(strip).collect::<Vec<_>>(),
            [pe, other]
        );
    }
}

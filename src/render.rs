//! The one Markdown rendering of an entry, shared by hover, completion and the bot.

use crate::glossary::{Glossary, Status, Term};

/// Renders `term` as Markdown: name, area, summary, definition, aliases,
/// related entries (linked with `link`), entries that refer to it, examples
/// and sources.
///
/// `link` gives the target of a link to an entry (a file location in the
/// editor, a web page in the bot); entries it gives `None` for are shown
/// without a link.
pub fn term_markdown(
    glossary: &Glossary,
    term: &Term,
    link: &dyn Fn(&Term) -> Option<String>,
) -> String {
    let mut out = format!("**{}**", term.name);
    if let Some(area) = &term.area {
        out.push_str(&format!(" · *{area}*"));
    }
    out.push('\n');
    if term.status == Status::Deprecated {
        let instead = term
            .use_instead
            .as_deref()
            .and_then(|id| glossary.get(id))
            .map(|t| format!(": use {} instead", linked(t, link)))
            .unwrap_or_default();
        out.push_str(&format!("\n⚠ Deprecated{instead}.\n"));
    }
    if let Some(summary) = term.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!("\n{}\n", summary.trim()));
    }
    if !term.definition.trim().is_empty() {
        out.push_str(&format!("\n{}\n", term.definition.trim()));
    }
    if !term.aliases.is_empty() {
        out.push_str(&format!("\n*Also:* {}\n", term.aliases.join(", ")));
    }
    let list = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| match glossary.get(id) {
                Some(t) => linked(t, link),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    if !term.broader.is_empty() {
        out.push_str(&format!("\n*Broader:* {}\n", list(&term.broader)));
    }
    if !term.related.is_empty() {
        out.push_str(&format!("\n*Related:* {}\n", list(&term.related)));
    }
    let referrers: Vec<String> = glossary
        .referenced_by(&term.id)
        .into_iter()
        .filter(|t| !term.related.contains(&t.id))
        .map(|t| t.id.clone())
        .collect();
    if !referrers.is_empty() {
        out.push_str(&format!("\n*Referenced by:* {}\n", list(&referrers)));
    }
    if let Some(example) = term.examples.first() {
        out.push_str(&format!("\n*Example:* {example}\n"));
    }
    if !term.see.is_empty() {
        let sources: Vec<String> = term.see.iter().map(|u| format!("<{u}>")).collect();
        out.push_str(&format!("\n*Sources:* {}\n", sources.join(" · ")));
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values; the
/// exported site and the served pages share it.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn linked(term: &Term, link: &dyn Fn(&Term) -> Option<String>) -> String {
    match link(term) {
        Some(target) => format!("[{}]({})", term.name, target),
        None => term.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_part() {
        let mut pe = Term::new("Permanent Establishment");
        pe.aliases = vec!["PE".into()];
        pe.area = Some("Tax".into());
        pe.summary = Some("A taxable presence abroad.".into());
        pe.definition = "Long text.".into();
        pe.related = vec!["tax-treaty".into()];
        pe.see = vec!["https://example.org/pe".into()];
        let mut treaty = Term::new("Tax Treaty");
        treaty.related = vec!["permanent-establishment".into()];
        let mut crs = Term::new("CRS Rules");
        crs.broader = vec!["permanent-establishment".into()];
        let g = Glossary::from_terms([pe, treaty, crs]);
        let md = term_markdown(&g, &g.terms()[0], &|t| Some(format!("#{}", t.id)));
        assert_eq!(
            md,
            "**Permanent Establishment** · *Tax*\n\nA taxable presence abroad.\n\nLong text.\n\n*Also:* PE\n\n*Related:* [Tax Treaty](#tax-treaty)\n\n*Referenced by:* [CRS Rules](#crs-rules)\n\n*Sources:* <https://example.org/pe>\n"
        );
    }
}

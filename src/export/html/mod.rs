//! The glossary as a static site: `index.html` (every entry by area, with a
//! search by name or alias) and one page per entry under `terms/` with its
//! definition, area, related entries in both directions, broader and
//! narrower entries, examples and sources. Every page embeds its
//! `DefinedTerm` JSON-LD inside a `DefinedTermSet`. CSS and the search
//! script are inline, and links between pages are relative, so the site
//! works from a folder on disk with no network.

mod markdown;

use std::collections::BTreeMap;

use serde_json::Value;

use super::jsonld::{defined_term, term_set, NodeIds};
use super::SiteFile;
use crate::glossary::{slug, Glossary, Meta, Status, Term};
use crate::render::escape_html as escape;

/// The folder of the entry pages inside the site.
pub const PAGES_DIR: &str = "terms";

/// A mark in `index.html` that tells a site glossa wrote (which a new export
/// may overwrite) from any other folder.
pub const GENERATOR_MARK: &str = "<meta name=\"generator\" content=\"glossa\">";

const STYLE: &str = include_str!("style.css");
const SEARCH: &str = include_str!("search.js");

/// The files of the site.
pub fn site(glossary: &Glossary) -> Vec<SiteFile> {
    let ids = NodeIds::new(glossary);
    let mut files = vec![SiteFile {
        path: "index.html".into(),
        content: index(glossary, &ids),
    }];
    for term in glossary.terms() {
        files.push(SiteFile {
            path: format!("{PAGES_DIR}/{}", page_name(&term.id)),
            content: entry_page(glossary, &ids, term),
        });
    }
    files
}

/// The file name of an entry's page: the id when it is made of lower-case
/// ASCII letters, digits and hyphens, with any other character written as
/// `_` and its UTF-8 bytes in hex, so that distinct ids never share a page.
pub fn page_name(id: &str) -> String {
    let mut name = String::with_capacity(id.len() + 5);
    for c in id.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
            name.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                name.push_str(&format!("_{b:02x}"));
            }
        }
    }
    if name.is_empty() {
        name.push('_');
    }
    name.push_str(".html");
    name
}

fn title(meta: &Meta) -> &str {
    meta.name.as_deref().unwrap_or("Glossary")
}

fn head(page_title: &str, description: &str, json_ld: &Value) -> String {
    // `<` never appears raw in the script, so no text can close it early.
    let json_ld = serde_json::to_string_pretty(json_ld)
        .expect("JSON values always serialize")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{GENERATOR_MARK}\n<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n<style>\n{STYLE}</style>\n<script type=\"application/ld+json\">\n{json_ld}\n</script>\n</head>\n",
        escape(page_title),
        escape(description)
    )
}

fn index(glossary: &Glossary, ids: &NodeIds<'_>) -> String {
    let meta = &glossary.meta;
    let mut by_area: BTreeMap<(bool, String), Vec<&Term>> = BTreeMap::new();
    for term in glossary.terms() {
        // Entries without an area come last, under "Other".
        let key = match &term.area {
            Some(area) => (false, area.clone()),
            None => (true, "Other".to_string()),
        };
        by_area.entry(key).or_default().push(term);
    }
    let summary: Vec<Value> = glossary
        .terms()
        .iter()
        .map(|t| {
            let mut v = defined_term(ids, t);
            if let Value::Object(o) = &mut v {
                // The index names the entries; their pages carry the rest.
                o.retain(|k, _| {
                    matches!(k.as_str(), "@type" | "@id" | "termCode" | "name" | "url")
                });
            }
            v
        })
        .collect();
    let mut out = head(
        title(meta),
        meta.description.as_deref().unwrap_or("Glossary"),
        &term_set(meta, summary),
    );
    out.push_str("<body>\n<main>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(title(meta))));
    if let Some(description) = &meta.description {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(description)));
    }
    out.push_str(&format!(
        "<p class=\"meta\">{} entries</p>\n<form role=\"search\" action=\"index.html\">\n<label for=\"search\">Search by name</label>\n<input type=\"search\" id=\"search\" name=\"q\" placeholder=\"Name or abbreviation\" autocomplete=\"off\">\n</form>\n<p id=\"no-match\" hidden>No entry matches.</p>\n<div id=\"entries\">\n",
        glossary.len()
    ));
    for ((_, area), mut terms) in by_area {
        terms.sort_by_key(|t| t.name.to_lowercase());
        out.push_str(&format!(
            "<section id=\"area-{}\">\n<h2>{}</h2>\n<ul>\n",
            slug(&area),
            escape(&area)
        ));
        for term in terms {
            let labels: Vec<String> = term.labels().map(str::to_lowercase).collect();
            out.push_str(&format!(
                "<li data-labels=\"{}\"><a href=\"{PAGES_DIR}/{}\">{}</a>{}{}</li>\n",
                escape(&labels.join("\n")),
                page_name(&term.id),
                escape(&term.name),
                if term.status == Status::Deprecated {
                    " <small>(deprecated)</small>"
                } else {
                    ""
                },
                match short(term) {
                    s if s.is_empty() => String::new(),
                    s => format!("<span>{}</span>", escape(&s)),
                }
            ));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str(&format!(
        "</div>\n</main>\n<script>\n{SEARCH}</script>\n</body>\n</html>\n"
    ));
    out
}

fn short(term: &Term) -> String {
    let text = term.short_description();
    let plain: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    plain.trim().to_string()
}

fn entry_page(glossary: &Glossary, ids: &NodeIds<'_>, term: &Term) -> String {
    let link = |t: &Term| format!("<a href=\"{}\">{}</a>", page_name(&t.id), escape(&t.name));
    let links = |list: Vec<&Term>| -> String {
        list.into_iter()
            .map(link)
            .collect::<Vec<_>>()
            .join("</li>\n<li>")
    };
    let json_ld = term_set(&glossary.meta, vec![defined_term(ids, term)]);
    let mut out = head(
        &format!("{} · {}", term.name, title(&glossary.meta)),
        &short(term),
        &json_ld,
    );
    out.push_str(&format!(
        "<body>\n<nav><a href=\"../index.html\">← {}</a></nav>\n<main>\n<article>\n<h1>{}</h1>\n",
        escape(title(&glossary.meta)),
        escape(&term.name)
    ));
    let mut facts = Vec::new();
    if let Some(area) = &term.area {
        facts.push(format!(
            "<a class=\"area\" href=\"../index.html#area-{}\">{}</a>",
            slug(area),
            escape(area)
        ));
    }
    if !term.aliases.is_empty() {
        facts.push(format!("also {}", escape(&term.aliases.join(", "))));
    }
    if !facts.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", facts.join(" · ")));
    }
    match term.status {
        Status::Deprecated => {
            let instead = term
                .use_instead
                .as_deref()
                .and_then(|id| glossary.get(id))
                .map(|t| format!(": use {} instead", link(t)))
                .unwrap_or_default();
            out.push_str(&format!("<p class=\"status\">Deprecated{instead}.</p>\n"));
        }
        Status::Admitted => {
            out.push_str("<p class=\"status\">Admitted; another entry is preferred.</p>\n")
        }
        Status::Preferred => {}
    }
    if let Some(summary) = term.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!(
            "<p class=\"summary\">{}</p>\n",
            escape(summary.trim())
        ));
    }
    if !term.definition.trim().is_empty() {
        let page = |id: &str| glossary.get(id).map(|t| page_name(&t.id));
        out.push_str(&format!(
            "<div class=\"definition\">\n{}</div>\n",
            markdown::to_html(&term.definition, &page)
        ));
    }
    let existing =
        |ids: &[String]| -> Vec<&Term> { ids.iter().filter_map(|id| glossary.get(id)).collect() };
    let mut related = existing(&term.related);
    for other in glossary.terms() {
        if other.id != term.id
            && other.related.contains(&term.id)
            && !related.iter().any(|t| t.id == other.id)
        {
            related.push(other);
        }
    }
    let narrower: Vec<&Term> = glossary
        .terms()
        .iter()
        .filter(|t| t.id != term.id && t.broader.contains(&term.id))
        .collect();
    for (heading, class, list) in [
        ("Broader", "broader", existing(&term.broader)),
        ("Narrower", "narrower", narrower),
        ("Related", "related", related),
    ] {
        if !list.is_empty() {
            out.push_str(&format!(
                "<h2>{heading}</h2>\n<ul class=\"links {class}\">\n<li>{}</li>\n</ul>\n",
                links(list)
            ));
        }
    }
    if !term.examples.is_empty() {
        let items: Vec<String> = term
            .examples
            .iter()
            .map(|e| format!("<li>{}</li>", escape(e)))
            .collect();
        out.push_str(&format!(
            "<h2>Examples</h2>\n<ul>\n{}\n</ul>\n",
            items.join("\n")
        ));
    }
    let mut sources: Vec<&String> = term.see.iter().collect();
    sources.extend(&term.url);
    if !sources.is_empty() {
        let items: Vec<String> = sources
            .iter()
            .map(|u| {
                format!(
                    "<li><a href=\"{0}\" rel=\"noopener\">{0}</a></li>",
                    escape(&safe_url(u))
                )
            })
            .collect();
        out.push_str(&format!(
            "<h2>Sources</h2>\n<ul class=\"sources\">\n{}\n</ul>\n",
            items.join("\n")
        ));
    }
    out.push_str("</article>\n</main>\n</body>\n</html>\n");
    out
}

/// A source link that cannot run script: http(s), mailto or relative.
fn safe_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url.trim().to_string(),
        Some(_) => "#".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_distinct_and_safe() {
        for (id, name) in [
            ("tax-treaty", "tax-treaty.html"),
            ("đ", "_c4_91.html"),
            ("PE", "_50_45.html"),
            ("a/b", "a_2fb.html"),
            ("", "_.html"),
        ] {
            assert_eq!(page_name(id), name);
        }
    }

    #[test]
    fn pages_link_both_ways_and_escape_text() {
        let mut pe = Term::new("Permanent Establishment");
        pe.area = Some("Tax".into());
        pe.definition = "A <b>fixed</b> place; see [treaty](#tax-treaty).".into();
        pe.related = vec!["tax-treaty".into(), "missing".into()];
        let treaty = Term::new("Tax Treaty");
        let mut local = Term::new("Local Office");
        local.broader = vec!["permanent-establishment".into()];
        let g = Glossary::from_terms([pe, treaty, local]);
        let files = site(&g);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "terms/permanent-establishment.html",
                "terms/tax-treaty.html",
                "terms/local-office.html"
            ]
        );
        let pe_page = &files[1].content;
        assert!(pe_page.contains("&lt;b&gt;fixed&lt;/b&gt;"), "{pe_page}");
        assert!(pe_page.contains("<a href=\"tax-treaty.html\">treaty</a>"));
        assert!(pe_page.contains("<h2>Narrower</h2>\n<ul class=\"links narrower\">\n<li><a href=\"local-office.html\">Local Office</a></li>"));
        assert!(!pe_page.contains("missing.html"));
        let treaty_page = &files[2].content;
        assert!(treaty_page.contains("<h2>Related</h2>\n<ul class=\"links related\">\n<li><a href=\"permanent-establishment.html\">Permanent Establishment</a></li>"), "{treaty_page}");
        assert!(files[0].content.contains("<section id=\"area-tax\">"));
        assert!(files[0].content.contains(GENERATOR_MARK));
    }
}

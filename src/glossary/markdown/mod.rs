//! Markdown glossary pages.
//!
//! Entries come from three layouts, which may be mixed:
//! - a heading per term (`#` to `######`, or underlined) followed by its
//!   definition. A heading may be a link (`### [Name](url)` gives the url),
//!   carry an id (`## Name {#id}`) or an acronym (`## Name (ACR)`). A first
//!   `Facet ⎊ text` line gives the area (`Meaning ⎊ text` is just the
//!   meaning); a list whose items are each one link gives related entries
//!   (or sources, when the link names no entry of the page). Headings with
//!   no text of their own (`## Glossary`) only group the others, and a
//!   single top-level heading above the rest is the page's title.
//! - definition lists: `Term` lines followed by `: definition` lines.
//! - abbreviation lines as MkDocs writes them: `*[ABBR]: expansion`, which
//!   give an entry its acronym, or make an entry of their own.
//!
//! JSON-LD embedded in the page (fenced `json`/`jsonld` blocks with
//! `@context`, or `<script type="application/ld+json">`) adds what the
//! headings lack: `DefinedTerm` objects fill in or add entries, and an
//! `Article` whose headline names an entry gives its page and summary.

mod body;
mod page;

use super::foreign::{
    label_key, push_unique, resolve_references, split_facet, split_label, References,
};
use super::json_tree::{self, Node, Spanned};
use super::jsonld::{fill_missing, has_type, is_meaning, schema, text_of, Found};
use super::{slug, FilePos, GlossaryFile, LoadError, Meta, Origin, Term};
use body::Body;
use page::{whole_link, Heading, Line, Page, Section};

/// Parses a Markdown glossary page.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let fail =
        |(offset, message): (usize, String)| LoadError::at_offset(file, text, offset, message);
    let page = Page::read(text).map_err(fail)?;
    let mut found = Found::default();
    let mut articles = Vec::new();
    for (offset, json) in &page.json_ld {
        let root = json_tree::parse(json).map_err(|(o, m)| fail((offset + o, m)))?;
        found.collect(&root, *offset).map_err(fail)?;
        collect_articles(&root, *offset, &mut articles).map_err(fail)?;
    }
    let sections = page.sections();
    let title = title_index(&sections, &page);
    let mut meta = Meta::default();
    let mut drafts: Vec<Draft> = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let body = Body::read(&section.lines);
        drafts.extend(body.definitions.iter().map(|d| d.to_draft(text, file)));
        if Some(i) == title {
            let heading = section.heading.as_ref().map(|h| h.text).unwrap_or_default();
            let name = heading.split('⎊').next().unwrap_or_default().trim();
            meta.name = Some(name.to_string()).filter(|n| !n.is_empty());
            meta.description = body
                .prose()
                .filter(|d| !body.is_only_metadata() && !d.is_empty());
            continue;
        }
        let Some(heading) = &section.heading else {
            if meta.description.is_none() && !body.is_only_metadata() {
                meta.description = body.prose().filter(|d| !d.is_empty());
            }
            continue;
        };
        if body.is_only_metadata() {
            continue;
        }
        drafts.push(heading_entry(heading, &body, text, file).map_err(fail)?);
    }
    let mut terms: Vec<Term> = Vec::new();
    let mut link_lists: Vec<Vec<(String, String)>> = Vec::new();
    for draft in drafts {
        terms.push(draft.term);
        link_lists.push(draft.links);
    }
    merge_json_ld(
        &mut terms,
        &mut link_lists,
        found.into_unresolved(text, file),
    );
    apply_articles(&mut terms, &articles);
    apply_abbreviations(&mut terms, &mut link_lists, &page.abbreviations, text, file);
    if terms.is_empty() {
        return Err(LoadError::at(
            file,
            Some(FilePos::default()),
            "found no glossary entries: expected a heading per term followed by its definition, `Term` / `: definition` lists, or `*[ABBR]: expansion` lines",
        ));
    }
    link_related(&mut terms, &link_lists);
    resolve_references(&mut terms);
    Ok(GlossaryFile {
        meta: (meta != Meta::default()).then_some(meta),
        terms,
    })
}

/// An entry being built, with the links of its link list.
struct Draft {
    term: Term,
    /// (text, target) of each link-only list item.
    links: Vec<(String, String)>,
}

/// The index of the section whose heading is the page's title: the first
/// heading, when it is the only `#` heading and other entries follow it.
fn title_index(sections: &[Section<'_>], page: &Page<'_>) -> Option<usize> {
    let headings: Vec<&Heading> = sections.iter().filter_map(|s| s.heading.as_ref()).collect();
    let first = headings.first()?;
    let index = sections.iter().position(|s| s.heading.is_some())?;
    let top_level = headings.iter().filter(|h| h.level == 1).count();
    let has_definitions = sections
        .iter()
        .any(|s| !Body::read(&s.lines).definitions.is_empty());
    let others = headings.len() > 1 || has_definitions || !page.abbreviations.is_empty();
    (first.level == 1 && top_level == 1 && others).then_some(index)
}

/// A label without the emphasis or code marks around it.
fn clean_label(text: &str) -> String {
    text.trim().trim_matches(['*', '_', '`']).trim().to_string()
}

/// The entry of a heading and its body.
fn heading_entry(
    heading: &Heading<'_>,
    body: &Body<'_>,
    text: &str,
    file: &str,
) -> Result<Draft, (usize, String)> {
    let mut label = heading.text.trim();
    let mut id = None;
    if let Some(open) = label.rfind("{#") {
        if label.ends_with('}') {
            id = Some(label[open + 2..label.len() - 1].trim().to_string());
            label = label[..open].trim();
        }
    }
    let (label, url) = match whole_link(label) {
        Some((name, target)) => (name.to_string(), Some(target.to_string())),
        None => (label.to_string(), None),
    };
    let (name, aliases) = split_label(&clean_label(&label));
    if name.is_empty() {
        return Err((
            heading.offset,
            "this heading has no text, so the definition under it has no name".into(),
        ));
    }
    let mut definition = body.prose().unwrap_or_default();
    let mut area = None;
    let first_paragraph = definition
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .to_string();
    if let Some((facet, rest)) = split_facet(&first_paragraph) {
        if !is_meaning(facet) {
            area = Some(facet.to_string());
        }
        definition = format!("{rest}{}", &definition[first_paragraph.len()..]);
    }
    Ok(Draft {
        term: Term {
            id: id.filter(|i| !i.is_empty()).unwrap_or_else(|| slug(&name)),
            name,
            aliases,
            definition,
            area,
            url,
            origin: Origin {
                file: file.to_string(),
                header: FilePos::from_offset(text, heading.offset),
                references: Vec::new(),
            },
            ..Term::default()
        },
        links: body.links.clone(),
    })
}

/// Adds the entries found in JSON-LD: one that matches an entry of the page
/// (same page URL, id or name) fills in what it lacks; the others are added.
fn merge_json_ld(
    terms: &mut Vec<Term>,
    links: &mut Vec<Vec<(String, String)>>,
    found: Vec<(Term, Option<String>)>,
) {
    let same_url = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => a.trim_end_matches('/') == b.trim_end_matches('/'),
        _ => false,
    };
    for (term, node_id) in found {
        let node_url = term.url.clone().or(node_id);
        let existing = terms.iter().position(|t| {
            same_url(&t.url, &node_url)
                || t.id == term.id
                || label_key(&t.name) == label_key(&term.name)
        });
        match existing {
            Some(i) => fill_missing(&mut terms[i], term),
            None => {
                terms.push(term);
                links.push(Vec::new());
            }
        }
    }
}

/// An `Article` (or other page) whose `headline` names an entry: (name, url, description).
type Article = (String, Option<String>, Option<String>);

fn collect_articles(
    node: &Spanned,
    base: usize,
    out: &mut Vec<Article>,
) -> Result<(), (usize, String)> {
    match &node.node {
        Node::Array(items) => items
            .iter()
            .try_for_each(|n| collect_articles(n, base, out)),
        Node::Object(entries) => {
            if has_type(node, "DefinedTerm") || has_type(node, "DefinedTermSet") {
                return Ok(());
            }
            if let Some(headline) = text_of(node, "headline", base)? {
                let url = match text_of(node, "url", base)? {
                    Some(u) => Some(u),
                    None => schema(node, "mainEntityOfPage")
                        .and_then(|p| p.get("@id"))
                        .and_then(Spanned::as_str)
                        .map(String::from),
                };
                let name = headline
                    .split('⎊')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                out.push((name, url, text_of(node, "description", base)?));
            }
            entries
                .iter()
                .filter(|(k, _)| k != "@context")
                .try_for_each(|(_, v)| collect_articles(v, base, out))
        }
        _ => Ok(()),
    }
}

/// Gives the entry an article is about its page and its summary.
fn apply_articles(terms: &mut [Term], articles: &[Article]) {
    for (name, url, description) in articles {
        let Some(term) = terms
            .iter_mut()
            .find(|t| label_key(&t.name) == label_key(name))
        else {
            continue;
        };
        if term.url.is_none() {
            term.url.clone_from(url);
        }
        if term.summary.is_none() {
            // `Meaning ⎊ text ⎊ Definition`: the middle part is the meaning.
            let summary = description.as_deref().map(|d| {
                let mut parts: Vec<&str> = d.split('⎊').map(str::trim).collect();
                if parts.len() > 1 && is_meaning(parts[0]) {
                    parts.remove(0);
                }
                parts[0].to_string()
            });
            term.summary = summary.filter(|s| !s.is_empty() && *s != term.definition);
        }
    }
}

fn apply_abbreviations(
    terms: &mut Vec<Term>,
    links: &mut Vec<Vec<(String, String)>>,
    abbreviations: &[(Line<'_>, &str, &str)],
    text: &str,
    file: &str,
) {
    for (line, abbr, expansion) in abbreviations {
        let key = label_key(expansion);
        let abbr_key = label_key(abbr);
        if let Some(term) = terms
            .iter_mut()
            .find(|t| t.labels().any(|l| label_key(l) == key))
        {
            if !term.labels().any(|l| label_key(l) == abbr_key) {
                term.aliases.push(abbr.to_string());
            }
        } else if let Some(term) = terms
            .iter_mut()
            .find(|t| t.labels().any(|l| label_key(l) == abbr_key))
        {
            push_unique(&mut term.aliases, expansion.to_string());
        } else {
            terms.push(Term {
                id: slug(expansion),
                name: expansion.to_string(),
                aliases: vec![abbr.to_string()],
                origin: Origin {
                    file: file.to_string(),
                    header: FilePos::from_offset(text, line.offset),
                    references: Vec::new(),
                },
                ..Term::default()
            });
            links.push(Vec::new());
        }
    }
}

/// Turns each entry's link list into related ids (links to entries of the
/// page) and sources (links elsewhere).
fn link_related(terms: &mut [Term], link_lists: &[Vec<(String, String)>]) {
    let refs = References::new(terms);
    for (term, links) in terms.iter_mut().zip(link_lists) {
        for (label, target) in links {
            let path = target
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .trim_end_matches('/');
            let fragment = target.split_once('#').map(|(_, f)| f).unwrap_or_default();
            let last = path.rsplit('/').next().unwrap_or_default();
            // A link's address names an entry by its exact id; its text, by any label.
            let found = [fragment, last]
                .iter()
                .filter(|k| !k.is_empty())
                .find_map(|k| refs.resolve_id(k))
                .or_else(|| refs.resolve(label));
            match found {
                Some(id) if id != term.id => push_unique(&mut term.related, id),
                Some(_) => {}
                None => push_unique(&mut term.see, target.clone()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> GlossaryFile {
        parse(text, "g.md").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn headings_give_entries() {
        let f = parse_ok(
            "# Our glossary\n\nWords we use.\n\n## Permanent Establishment (PE)\n\nA fixed place of business.\n\nSecond paragraph.\n\n- [Tax Treaty](#tax-treaty)\n- [Guide](https://example.org/pe)\n\n## Tax Treaty {#tax-treaty}\n\nAn agreement.\n",
        );
        let meta = f.meta.unwrap();
        assert_eq!(meta.name.as_deref(), Some("Our glossary"));
        assert_eq!(meta.description.as_deref(), Some("Words we use."));
        let pe = &f.terms[0];
        assert_eq!(
            (pe.id.as_str(), pe.name.as_str()),
            ("permanent-establishment", "Permanent Establishment")
        );
        assert_eq!(pe.aliases, ["PE"]);
        assert_eq!(
            pe.definition,
            "A fixed place of business.\n\nSecond paragraph."
        );
        assert_eq!(pe.related, ["tax-treaty"]);
        assert_eq!(pe.see, ["https://example.org/pe"]);
        assert_eq!(pe.origin.header.line, 4);
        assert_eq!(f.terms[1].id, "tax-treaty");
    }

    #[test]
    fn definition_lists_and_abbreviations() {
        let f = parse_ok(
            "Know Your Customer\n: Checks on who a client is.\n\n    More detail.\n\nWash sale\nBed and breakfasting\n: Selling and buying back.\n\n*[KYC]: Know Your Customer\n*[AML]: Anti-Money Laundering\n",
        );
        let t = &f.terms;
        assert_eq!(t[0].name, "Know Your Customer");
        assert_eq!(
            t[0].definition,
            "Checks on who a client is.\n\nMore detail."
        );
        assert_eq!(t[0].aliases, ["KYC"]);
        assert_eq!(t[1].aliases, ["Bed and breakfasting"]);
        assert_eq!(
            (t[2].name.as_str(), t[2].aliases.clone()),
            ("Anti-Money Laundering", vec!["AML".to_string()])
        );
        assert_eq!(t[2].origin.header.line, 10);
    }

    #[test]
    fn facets_links_and_json_ld() {
        let f = parse_ok(concat!(
            "# Page ⎊ Definition\n\n**Published:** today\n\n---\n\n## Glossary\n\n",
            "### [Liquidity Pool](https://example.org/area/liquidity-pool/)\n\nMarkets ⎊ Funds locked for trading.\n\n",
            "### [Slippage](https://example.org/term/slippage/)\n![art](https://example.org/a.webp)\n\nMeaning ⎊ Price moved while the order filled.\n\n",
            "```json\n{\"@context\": \"https://schema.org\", \"@type\": \"WebPage\", \"mentions\": [\n",
            "  {\"@type\": \"DefinedTerm\", \"@id\": \"https://example.org/area/liquidity-pool/\", \"name\": \"Liquidity Pool\", \"alternateName\": \"LP\"},\n",
            "  {\"@type\": \"DefinedTerm\", \"name\": \"Gas\", \"description\": \"Fee ⎊ What a transaction costs.\"}]}\n```\n",
        ));
        assert_eq!(f.meta.unwrap().name.as_deref(), Some("Page"));
        let t = &f.terms;
        assert_eq!(t.len(), 3);
        assert_eq!(
            (t[0].area.as_deref(), t[0].definition.as_str()),
            (Some("Markets"), "Funds locked for trading.")
        );
        assert_eq!(
            t[0].url.as_deref(),
            Some("https://example.org/area/liquidity-pool/")
        );
        assert_eq!(t[0].aliases, ["LP"]);
        assert_eq!(
            (t[1].area.as_deref(), t[1].definition.as_str()),
            (None, "Price moved while the order filled.")
        );
        assert_eq!(
            (t[2].name.as_str(), t[2].area.as_deref()),
            ("Gas", Some("Fee"))
        );
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            (
                "## A\n\ntext\n\n```rust\nfn main() {}\n",
                (5, 1),
                "never closed",
            ),
            (
                "## A\n\ntext\n\n```json\n{\"@context\": 1,}\n```\n",
                (6, 16),
                "invalid JSON",
            ),
            (
                "## A\n\ntext\n\n```jsonld\n[{\"@type\": \"DefinedTerm\", \"name\": 7}]\n```\n",
                (6, 35),
                "must be text",
            ),
            ("Just prose.\n", (1, 1), "found no glossary entries"),
            ("## {#x}\n\ntext\n", (1, 1), "heading has no text"),
            (
                "## A\n\ntext\n<script type=\"application/ld+json\">{}\n",
                (4, 1),
                "never closed",
            ),
        ] {
            let e = parse(text, "g.md").unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}

//! Document links in glossary files: each id in `related`, `broader` and
//! `use_instead` opens that entry, each `see` URL opens the page.

use tower_lsp::lsp_types::{DocumentLink, Url};

use super::document::Snapshot;
use super::glossary_file;

/// The links of a glossary file.
pub fn document_links(snapshot: &Snapshot) -> Option<Vec<DocumentLink>> {
    let outline = glossary_file::outline(snapshot)?;
    let conv = snapshot.conv();
    let glossary = snapshot.loaded.glossary();
    let mut links = Vec::new();
    for r in &outline.references {
        // An entry of this very file is linked where the open text has it.
        let here = outline.entries.iter().find(|e| e.id == r.id).map(|e| {
            let line = conv.position(e.range.start).line;
            (format!("{}#L{}", snapshot.uri, line + 1), e.name.clone())
        });
        let elsewhere = || {
            let term = glossary.get(&r.id)?;
            Some((snapshot.loaded.link(term)?, term.name.clone()))
        };
        let Some((target, name)) = here.or_else(elsewhere) else {
            continue;
        };
        let Ok(target) = Url::parse(&target) else {
            continue;
        };
        links.push(DocumentLink {
            range: conv.range(r.range.clone()),
            target: Some(target),
            tooltip: Some(format!("Open {name}")),
            data: None,
        });
    }
    for (url, range) in &outline.urls {
        if let Ok(target) = Url::parse(url) {
            links.push(DocumentLink {
                range: conv.range(range.clone()),
                target: Some(target),
                tooltip: None,
                data: None,
            });
        }
    }
    links.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    Some(links)
}

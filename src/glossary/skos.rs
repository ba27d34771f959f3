//! SKOS concepts in Turtle, read with oxttl.
//!
//! Each `skos:Concept` (or any subject with a `skos:prefLabel`) is an entry:
//! `prefLabel` → name (the untagged or English one; labels in other
//! languages become aliases), `altLabel` and `hiddenLabel` → aliases,
//! `definition` → definition, `related` → related, `broader` → broader (and
//! `narrower` → the other entry's broader), `example` → examples,
//! `rdfs:seeAlso` → see, `notation` → id (else the name's slug). A
//! `skos:Collection` with a label gives its members their area, and the
//! `skos:ConceptScheme`'s label and definition describe the glossary.

use std::collections::HashMap;

use oxrdf::{NamedOrBlankNode, Term as RdfTerm};
use oxttl::TurtleParser;

use super::foreign::{push_unique, resolve_references};
use super::{slug, FilePos, GlossaryFile, LoadError, Meta, Origin, Term};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_SEE_ALSO: &str = "http://www.w3.org/2000/01/rdf-schema#seeAlso";
const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
const DCT_DESCRIPTION: &str = "http://purl.org/dc/terms/description";

/// The statements about one subject, in file order.
#[derive(Default)]
struct Subject {
    statements: Vec<(String, RdfTerm)>,
}

impl Subject {
    fn objects<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = &'a RdfTerm> + 'a {
        self.statements
            .iter()
            .filter(move |(p, _)| p == predicate)
            .map(|(_, o)| o)
    }

    fn has_type(&self, class: &str) -> bool {
        self.objects(RDF_TYPE)
            .any(|o| matches!(o, RdfTerm::NamedNode(n) if n.as_str() == class))
    }

    /// Literal values of `predicate` with their language tags.
    fn literals<'a>(
        &'a self,
        predicate: &'a str,
    ) -> impl Iterator<Item = (&'a str, Option<&'a str>)> + 'a {
        self.objects(predicate).filter_map(|o| match o {
            RdfTerm::Literal(l) => Some((l.value(), l.language())),
            _ => None,
        })
    }

    /// IRIs (or literal strings) of `predicate`.
    fn links<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = String> + 'a {
        self.objects(predicate).filter_map(|o| match o {
            RdfTerm::NamedNode(n) => Some(n.as_str().to_string()),
            RdfTerm::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
    }

    /// The values of `predicate` in the preferred language, and the others.
    fn by_language(&self, predicate: &str) -> (Vec<String>, Vec<String>) {
        let all: Vec<(&str, Option<&str>)> = self.literals(predicate).collect();
        let english =
            |lang: Option<&str>| lang.is_none_or(|l| l.to_ascii_lowercase().starts_with("en"));
        let any_english = all.iter().any(|(_, l)| english(*l));
        let first_lang = all.first().map(|(_, l)| *l);
        let (mine, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, l)| {
            if any_english {
                english(*l)
            } else {
                Some(*l) == first_lang
            }
        });
        (
            mine.into_iter()
                .map(|(v, _)| v.trim().to_string())
                .collect(),
            others
                .into_iter()
                .map(|(v, _)| v.trim().to_string())
                .collect(),
        )
    }
}

/// Parses a SKOS glossary in Turtle.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let mut parser = TurtleParser::new().for_slice(text);
    let mut order: Vec<String> = Vec::new();
    let mut subjects: HashMap<String, Subject> = HashMap::new();
    for triple in parser.by_ref() {
        let triple = triple.map_err(|e| {
            let offset = e.location().start.offset as usize;
            LoadError::at_offset(
                file,
                text,
                offset,
                format!("invalid Turtle: {}", e.message()),
            )
        })?;
        let key = match &triple.subject {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        let subject = subjects.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Subject::default()
        });
        subject
            .statements
            .push((triple.predicate.as_str().to_string(), triple.object));
    }
    let prefixes: Vec<(String, String)> = parser
        .prefixes()
        .map(|(p, iri)| (p.to_string(), iri.to_string()))
        .collect();
    let locate = |iri: &str| FilePos::from_offset(text, subject_offset(text, iri, &prefixes));

    let skos = |name: &str| format!("{SKOS}{name}");
    let is_concept = |s: &Subject| {
        s.has_type(&skos("Concept"))
            || (s.literals(&skos("prefLabel")).next().is_some()
                && !s.has_type(&skos("ConceptScheme"))
                && !s.has_type(&skos("Collection")))
    };
    let mut meta = Meta::default();
    let mut areas: HashMap<String, String> = HashMap::new();
    for key in &order {
        let s = &subjects[key];
        if s.has_type(&skos("ConceptScheme")) && meta == Meta::default() {
            let name = s.by_language(&skos("prefLabel")).0.into_iter().next();
            meta.name = name.or_else(|| s.by_language(DCT_TITLE).0.into_iter().next());
            let description = s.by_language(&skos("definition")).0.into_iter().next();
            meta.description =
                description.or_else(|| s.by_language(DCT_DESCRIPTION).0.into_iter().next());
        }
        if s.has_type(&skos("Collection")) {
            if let Some(label) = s.by_language(&skos("prefLabel")).0.into_iter().next() {
                for member in s.links(&skos("member")) {
                    areas.entry(member).or_insert(label.clone());
                }
            }
        }
    }
    let concepts: Vec<&String> = order.iter().filter(|k| is_concept(&subjects[*k])).collect();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut terms: Vec<Term> = Vec::with_capacity(concepts.len());
    for key in &concepts {
        let s = &subjects[*key];
        let (mut names, other_names) = s.by_language(&skos("prefLabel"));
        if names.is_empty() {
            names = s.by_language(RDFS_LABEL).0;
        }
        let header = locate(key);
        let Some(name) = names.first().cloned().filter(|n| !n.is_empty()) else {
            return Err(LoadError::at(
                file,
                Some(header),
                format!("concept <{key}> has no skos:prefLabel; every entry needs a name"),
            ));
        };
        let mut aliases = Vec::new();
        for label in names.into_iter().skip(1).chain(other_names) {
            push_unique(&mut aliases, label);
        }
        for predicate in ["altLabel", "hiddenLabel"] {
            let (mine, others) = s.by_language(&skos(predicate));
            for label in mine.into_iter().chain(others) {
                if label != name {
                    push_unique(&mut aliases, label);
                }
            }
        }
        let id = s
            .literals(&skos("notation"))
            .map(|(v, _)| v.trim().to_string())
            .find(|v| !v.is_empty() && !v.contains(char::is_whitespace))
            .unwrap_or_else(|| slug(&name));
        ids.insert(key.as_str(), id.clone());
        terms.push(Term {
            id,
            name,
            aliases,
            definition: s.by_language(&skos("definition")).0.join("\n\n"),
            related: s.links(&skos("related")).collect(),
            broader: s.links(&skos("broader")).collect(),
            area: areas.get(key.as_str()).cloned(),
            examples: s.by_language(&skos("example")).0,
            see: s.links(RDFS_SEE_ALSO).collect(),
            origin: Origin {
                file: file.to_string(),
                header,
                references: Vec::new(),
            },
            ..Term::default()
        });
    }
    // `A skos:narrower B` says that A is broader than B.
    for key in &concepts {
        for narrower in subjects[*key].links(&skos("narrower")).collect::<Vec<_>>() {
            if let Some(i) = concepts.iter().position(|k| **k == narrower) {
                push_unique(&mut terms[i].broader, key.to_string());
            }
        }
    }
    let local = |iri: &String| -> String {
        ids.get(iri.as_str()).cloned().unwrap_or_else(|| {
            let tail = iri
                .trim_end_matches('/')
                .rsplit(['#', '/', ':'])
                .next()
                .unwrap_or(iri);
            tail.to_string()
        })
    };
    for term in &mut terms {
        term.related = term.related.iter().map(local).collect();
        term.broader = term.broader.iter().map(local).collect();
        let positions: Vec<(String, FilePos)> = term
            .related
            .iter()
            .chain(&term.broader)
            .map(|r| (r.clone(), term.origin.header))
            .collect();
        term.origin.references = positions;
    }
    resolve_references(&mut terms);
    if terms.is_empty() {
        return Err(LoadError::at(
            file,
            Some(FilePos::default()),
            "found no skos:Concept with a skos:prefLabel",
        ));
    }
    Ok(GlossaryFile {
        meta: (meta != Meta::default()).then_some(meta),
        terms,
    })
}

/// Where a subject's description starts: the first line that begins with
/// its IRI, written whole (`<iri>`) or with a prefix (`ex:name`).
fn subject_offset(text: &str, iri: &str, prefixes: &[(String, String)]) -> usize {
    let mut forms = vec![format!("<{iri}>")];
    for (prefix, namespace) in prefixes {
        if let Some(local) = iri.strip_prefix(namespace.as_str()) {
            forms.push(format!("{prefix}:{local}"));
        }
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if forms.iter().any(|f| {
            trimmed.starts_with(f.as_str())
                && trimmed[f.len()..]
                    .starts_with(|c: char| c.is_whitespace() || c == ';' || c == '.')
        }) {
            return offset + line.len() - trimmed.len();
        }
        offset += line.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: &str = r#"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/terms/> .

ex:scheme a skos:ConceptScheme ; skos:prefLabel "Tax words"@en .

ex:pe a skos:Concept ;
    skos:prefLabel "Permanent Establishment"@en, "Betriebsstätte"@de ;
    skos:altLabel "PE" ;
    skos:hiddenLabel "permanent establisment" ;
    skos:definition "A fixed place of business."@en ;
    skos:related ex:treaty ;
    skos:broader ex:nexus .

ex:treaty a skos:Concept ;
    skos:prefLabel "Tax Treaty" ;
    skos:notation "treaty" .

ex:nexus a skos:Concept ; skos:prefLabel "Taxable Nexus" ; skos:narrower ex:treaty .

ex:taxes a skos:Collection ; skos:prefLabel "Tax" ; skos:member ex:pe, ex:treaty .
"#;

    #[test]
    fn reads_concepts() {
        let f = parse(TTL, "g.ttl").unwrap();
        assert_eq!(f.meta.unwrap().name.as_deref(), Some("Tax words"));
        let pe = &f.terms[0];
        assert_eq!(pe.name, "Permanent Establishment");
        assert_eq!(
            pe.aliases,
            ["Betriebsstätte", "PE", "permanent establisment"]
        );
        assert_eq!(pe.definition, "A fixed place of business.");
        assert_eq!(pe.related, ["treaty"]);
        assert_eq!(pe.broader, ["taxable-nexus"]);
        assert_eq!(pe.area.as_deref(), Some("Tax"));
        assert_eq!(pe.origin.header, FilePos { line: 5, column: 0 });
        assert_eq!(f.terms[1].id, "treaty");
        assert_eq!(f.terms[1].broader, ["taxable-nexus"]);
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/a> skos:prefLabel \"x\" ;\n  skos:altLabel \"y\"\n<http://x/b> skos:prefLabel \"z\" .\n", (4, 1), "invalid Turtle"),
            ("<a> <b> <c> .\n", (1, 1), "No scheme found"),
            ("<http://x/a> <http://x/b> \"unterminated .\n", (1, 27), "invalid Turtle"),
            ("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<http://x/a> a skos:Concept ; skos:definition \"d\" .\n", (3, 1), "has no skos:prefLabel"),
            ("@prefix ex: <http://x/> .\nex:a ex:b ex:c .\n", (1, 1), "found no skos:Concept"),
            ("undefined:a <b> <c> .\n", (1, 1), "invalid Turtle"),
        ] {
            let e = parse(text, "g.ttl").unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}

//! Every glossary format: our fixtures read field by field against the
//! expected glossary, round trips through each writer, and the real
//! glossaries in `../shared` read by path.

use std::path::PathBuf;

use glossa::export::{self, ExportFormat};
use glossa::glossary::{parse, Format, Glossary, GlossaryFile, Meta, Status, Term};
use proptest::prelude::*;

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn read(name: &str) -> (String, String) {
    let path = fixture_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path.display().to_string(), text)
}

fn load(name: &str, format: Format) -> GlossaryFile {
    let (path, text) = read(name);
    parse(&text, &path, format).unwrap_or_else(|e| panic!("{e}"))
}

fn expected() -> GlossaryFile {
    load("expected.toml", Format::Toml)
}

/// A field of an entry, for comparisons that name what differs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Id,
    Name,
    Aliases,
    Summary,
    Definition,
    Related,
    Broader,
    Area,
    Examples,
    See,
    Status,
    UseInstead,
    CaseSensitive,
    Url,
}

use Field::*;

const ALL: &[Field] = &[
    Id,
    Name,
    Aliases,
    Summary,
    Definition,
    Related,
    Broader,
    Area,
    Examples,
    See,
    Status,
    UseInstead,
    CaseSensitive,
    Url,
];

fn value(term: &Term, field: Field) -> String {
    match field {
        Id => format!("{:?}", term.id),
        Name => format!("{:?}", term.name),
        Aliases => format!("{:?}", term.aliases),
        Summary => format!("{:?}", term.summary),
        Definition => format!("{:?}", term.definition),
        Related => format!("{:?}", term.related),
        Broader => format!("{:?}", term.broader),
        Area => format!("{:?}", term.area),
        Examples => format!("{:?}", term.examples),
        See => format!("{:?}", term.see),
        Status => format!("{:?}", term.status),
        UseInstead => format!("{:?}", term.use_instead),
        CaseSensitive => format!("{:?}", term.case_sensitive),
        Url => format!("{:?}", term.url),
    }
}

/// Compares `got` with `want` entry by entry on `fields`, naming the first difference.
fn assert_same(what: &str, got: &[Term], want: &[Term], fields: &[Field]) {
    let ids = |terms: &[Term]| terms.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(got), ids(want), "{what}: the entries differ");
    for (g, w) in got.iter().zip(want) {
        for &field in fields {
            assert_eq!(
                value(g, field),
                value(w, field),
                "{what}: entry \"{}\", field {field:?}",
                w.id
            );
        }
    }
}

#[test]
fn each_format_reads_its_fixture_as_the_expected_glossary() {
    let want = expected();
    let want_meta = want.meta.clone().unwrap();
    let described = Meta {
        base_url: None,
        ..want_meta.clone()
    };
    for (name, format, fields, meta) in [
        ("glossary.jsonld", Format::JsonLd, ALL, Some(&want_meta)),
        ("glossary.csv", Format::Csv, ALL, None),
        ("glossary.tsv", Format::Tsv, ALL, None),
        (
            "glossary.md",
            Format::Markdown,
            &[Id, Name, Aliases, Definition, Related, See, Url, Area][..],
            Some(&described),
        ),
        (
            "glossary.docusaurus.json",
            Format::Docusaurus,
            &[Id, Name, Aliases, Definition, Related, CaseSensitive][..],
            Some(&described),
        ),
        (
            "glossary.ttl",
            Format::Skos,
            &[
                Id, Name, Aliases, Definition, Related, Broader, Area, Examples, See,
            ][..],
            Some(&described),
        ),
    ] {
        let (path, text) = read(name);
        assert_eq!(
            Format::detect(&path, &text),
            Some(format),
            "{name} is recognised"
        );
        let got = load(name, format);
        assert_same(name, &got.terms, &want.terms, fields);
        assert_eq!(
            got.meta.as_ref(),
            meta,
            "{name}: glossary name and description"
        );
        let mut g = Glossary::default();
        g.add_source(vec![got]);
        let problems: Vec<String> = g.problems().iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn entries_point_at_their_place_in_the_file() {
    for (name, format, id, line) in [
        ("glossary.csv", Format::Csv, "tax-treaty", 5),
        ("glossary.tsv", Format::Tsv, "tax-treaty", 5),
        ("glossary.md", Format::Markdown, "tax-treaty", 18),
        ("glossary.jsonld", Format::JsonLd, "tax-treaty", 29),
        (
            "glossary.docusaurus.json",
            Format::Docusaurus,
            "tax-treaty",
            12,
        ),
        ("glossary.ttl", Format::Skos, "tax-treaty", 21),
    ] {
        let f = load(name, format);
        let term = f.terms.iter().find(|t| t.id == id).unwrap();
        assert_eq!(term.origin.header.line + 1, line, "{name}");
        assert!(term.origin.file.ends_with(name));
    }
}

#[test]
fn definition_lists_and_abbreviation_lines() {
    let f = load("definition-list.md", Format::Markdown);
    let meta = f.meta.unwrap();
    assert_eq!(meta.name.as_deref(), Some("Settlement words"));
    let got: Vec<(&str, &str, Vec<&str>, &str)> = f
        .terms
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.name.as_str(),
                t.aliases.iter().map(String::as_str).collect(),
                t.definition.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "delivery-versus-payment",
                "Delivery versus Payment",
                vec!["DvP"],
                "Settlement in which the securities move only if the payment moves, at the same moment."
            ),
            (
                "free-of-payment",
                "Free of Payment",
                vec!["Free delivery"],
                "Settlement in which the securities move with no payment against them.\n\nUsed for transfers between accounts of the same owner."
            ),
            (
                "settlement-date",
                "Settlement Date",
                vec![],
                "The day on which the trade is completed.\n\nUsually two business days after the trade date."
            ),
            ("central-securities-depository", "Central Securities Depository", vec!["CSD"], ""),
        ]
    );
    assert_eq!(f.terms[3].origin.header.line + 1, 23);
}

#[test]
fn flat_id_term_json_reads_as_json() {
    let (path, text) = read("flat.json");
    assert_eq!(Format::detect(&path, &text), Some(Format::Json));
    let f = load("flat.json", Format::Json);
    let t = &f.terms;
    assert_eq!(t.len(), 4);
    assert_eq!(
        (t[0].id.as_str(), t[0].name.as_str()),
        ("kyc", "Know your customer")
    );
    assert_eq!(t[0].aliases, ["KYC"]);
    assert_eq!(
        t[0].definition,
        "Checks that a firm makes on who its client is, before it opens an account.\n\nSee [the rules](https://ethereum.org/rules/kyc) and [a guide](https://example.org/kyc)."
    );
    // `#clients` names no entry, but its singular does.
    assert_eq!(t[0].related, ["client"]);
    assert_eq!(
        (t[1].name.as_str(), t[1].aliases.clone()),
        ("Clients", vec!["Client".to_string()])
    );
    // The link to `#server` names no entry at all: plain text, no reference.
    assert_eq!(t[1].related, ["kyc"]);
    assert!(t[1]
        .definition
        .ends_with("not to be confused with servers."));
    assert_eq!(
        (t[2].name.as_str(), t[2].aliases.clone()),
        ("Custody", vec!["safekeeping".to_string()])
    );
    assert_eq!(
        t[2].definition,
        "Holding assets for others:\n\n- in *segregated* accounts\n- with records of each owner\n\n10^6 & more."
    );
    assert_eq!(
        (t[3].id.as_str(), t[3].definition.as_str()),
        ("100-reserve", "")
    );
}

fn glossary_of(file: GlossaryFile) -> Glossary {
    let mut g = Glossary::default();
    g.add_source(vec![file]);
    g
}

#[test]
fn every_writer_round_trips_the_expected_glossary() {
    let want = expected();
    let g = glossary_of(want.clone());
    for (format, read_as, keeps_meta) in [
        (ExportFormat::Toml, Format::Toml, true),
        (ExportFormat::Json, Format::Json, true),
        (ExportFormat::JsonLd, Format::JsonLd, true),
        (ExportFormat::Csv, Format::Csv, false),
        (ExportFormat::Tsv, Format::Tsv, false),
    ] {
        let text = export::to_string(&g, format).unwrap();
        let back = parse(&text, "out", read_as)
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", format.name()));
        assert_same(format.name(), &back.terms, &want.terms, ALL);
        if keeps_meta {
            assert_eq!(back.meta, want.meta, "{}", format.name());
        }
    }
}

#[test]
fn the_toml_writer_reproduces_a_canonical_file() {
    let text = export::to_string(&glossary_of(expected()), ExportFormat::Toml).unwrap();
    let again = export::to_string(
        &glossary_of(parse(&text, "t.toml", Format::Toml).unwrap()),
        ExportFormat::Toml,
    )
    .unwrap();
    assert_eq!(text, again);
    assert!(
        text.contains("[[term]]\nname = \"International Tax Law\"\nid = \"international-tax\"\n")
    );
    assert!(
        !text.contains("id = \"tax-treaty\""),
        "ids that the name gives are left out"
    );
}

#[test]
fn csv_lists_that_hold_separators_still_round_trip() {
    let mut t = Term::new("Wash Sale");
    t.examples = vec!["Sold Monday; bought back Tuesday.".into()];
    t.aliases = vec!["bed and breakfast; B&B".into(), "wash trade".into()];
    let g = Glossary::from_terms([t.clone()]);
    let text = export::to_string(&g, ExportFormat::Csv).unwrap();
    let back = parse(&text, "out.csv", Format::Csv).unwrap();
    assert_eq!(back.terms[0].examples, t.examples);
    assert_eq!(back.terms[0].aliases, t.aliases);
    t.examples = vec!["a | b".into()];
    let e = export::to_string(&Glossary::from_terms([t]), ExportFormat::Csv).unwrap_err();
    assert!(e.message.contains("examples of \"wash-sale\""), "{e}");
}

fn text_strategy(pattern: &'static str) -> impl Strategy<Value = String> {
    pattern.prop_map(|s: String| s.trim().to_string())
}

prop_compose! {
    fn arb_term()(
        name in text_strategy("[A-Za-zÀ-ÿ][A-Za-z0-9À-ÿ ,'()&-]{0,24}"),
        custom_id in proptest::option::of("[a-z][a-z0-9-]{0,10}"),
        aliases in proptest::collection::vec(text_strategy("[A-Za-z0-9][A-Za-z0-9 ;'\"-]{0,12}"), 0..3),
        summary in proptest::option::of(text_strategy("[A-Za-z][ -~]{0,30}")),
        definition in text_strategy("[ -~\n\t éü€😀\"\\\\]{0,80}"),
        area in proptest::option::of(text_strategy("[A-Z][a-z]{1,8}")),
        examples in proptest::collection::vec(text_strategy("[A-Za-z][ -{}~]{0,20}"), 0..3),
        see in proptest::collection::vec("https://example\\.org/[a-z]{1,8}", 0..2),
        status in prop_oneof![Just(Status::Preferred), Just(Status::Admitted)],
        case_sensitive in proptest::option::of(any::<bool>()),
        url in proptest::option::of("https://example\\.org/p/[a-z]{1,8}"),
    ) -> Term {
        let mut t = Term::new(&name);
        if let Some(id) = custom_id { t.id = id; }
        let mut unique = Vec::new();
        for a in aliases { if !a.is_empty() && !unique.contains(&a) && a != name { unique.push(a); } }
        t.aliases = unique;
        t.summary = summary.filter(|s| !s.is_empty());
        t.definition = definition;
        t.area = area;
        t.examples = examples.into_iter().filter(|e| !e.is_empty()).collect();
        t.examples.dedup();
        t.see = see;
        t.see.dedup();
        t.status = status;
        t.case_sensitive = case_sensitive;
        t.url = url;
        t
    }
}

prop_compose! {
    fn arb_glossary()(mut terms in proptest::collection::vec(arb_term(), 1..6), links in proptest::collection::vec((0usize..6, 0usize..6), 0..6)) -> Vec<Term> {
        let mut seen = std::collections::HashSet::new();
        terms.retain(|t| !t.id.is_empty() && seen.insert(t.id.clone()));
        let ids: Vec<String> = terms.iter().map(|t| t.id.clone()).collect();
        for (from, to) in links {
            if from < terms.len() && to < terms.len() && from != to && !terms[from].related.contains(&ids[to]) {
                terms[from].related.push(ids[to].clone());
            }
        }
        terms
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn writers_round_trip_any_glossary(terms in arb_glossary()) {
        let g = Glossary::from_terms(terms.clone());
        for (format, read_as) in [
            (ExportFormat::Toml, Format::Toml),
            (ExportFormat::Json, Format::Json),
            (ExportFormat::JsonLd, Format::JsonLd),
            (ExportFormat::Csv, Format::Csv),
            (ExportFormat::Tsv, Format::Tsv),
        ] {
            let text = export::to_string(&g, format).unwrap();
            let back = parse(&text, "out", read_as).map_err(|e| TestCaseError::fail(format!("{}: {e}\n{text}", format.name())))?;
            let strip = |ts: &[Term]| ts.iter().cloned().map(|mut t| { t.origin = Default::default(); t }).collect::<Vec<_>>();
            prop_assert_eq!(strip(&back.terms), strip(g.terms()), "{}", format.name());
        }
    }
}

/// The folder of the material in `../shared` (from the project root, or
/// from the folder a worktree sits in).
fn shared(path: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    root.ancestors()
        .map(|a| a.join("shared").join(path))
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "{path} not found in a shared/ folder above {}",
                root.display()
            )
        })
}

#[test]
fn the_ethereum_org_glossary_imports_cleanly() {
    let path = shared("corpus/glossary/glossary.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let name = path.display().to_string();
    assert_eq!(Format::detect(&name, &text), Some(Format::Json));
    let file = parse(&text, &name, Format::Json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.terms.len(), 171);
    let g = glossary_of(file);
    let problems: Vec<String> = g.problems().iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let get = |id: &str| g.get(id).unwrap_or_else(|| panic!("no entry {id}"));
    for (id, name, aliases) in [
        ("eoa", "Externally owned account", &["EOA"][..]),
        ("pos", "Proof-of-stake", &["PoS"]),
        ("shard", "Shard", &["shard chain"]),
        ("rollups", "Rollups", &["Rollup"]),
        ("51-attack", "51% attack", &[]),
        ("doge-d", "Đ", &[]),
    ] {
        let t = get(id);
        assert_eq!(
            (
                t.name.as_str(),
                t.aliases.iter().map(String::as_str).collect::<Vec<_>>()
            ),
            (name, aliases.to_vec()),
            "{id}"
        );
    }
    for t in g.terms() {
        for tag in ["<a ", "</a", "<br", "<li", "<sup", "</"] {
            assert!(
                !t.definition.contains(tag),
                "{}: {tag} left in {:?}",
                t.id,
                t.definition
            );
        }
        assert!(
            !t.definition.contains("](/"),
            "{}: site-relative link left",
            t.id
        );
    }
    // A link to a missing id (`#optimistic-rollups`) found its singular entry.
    assert!(get("zk-rollup")
        .related
        .contains(&"optimistic-rollup".to_string()));
    assert!(get("51-attack").related.contains(&"node".to_string()));
}

#[test]
fn the_seed_page_imports_as_markdown() {
    let path = shared("seed/greeks-live-international-regulatory-cooperation.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let name = path.display().to_string();
    assert_eq!(Format::detect(&name, &text), Some(Format::Markdown));
    let file = parse(&text, &name, Format::Markdown).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        file.meta.as_ref().and_then(|m| m.name.as_deref()),
        Some("International Regulatory Cooperation")
    );
    let names: Vec<&str> = file.terms.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 14, "{names:?}");
    for heading in ["Glossary", "Discover More", "Raw Schema Data"] {
        assert!(
            !names.contains(&heading),
            "{heading} groups entries and is none itself"
        );
    }
    let main = &file.terms[0];
    assert_eq!(main.id, "international-regulatory-cooperation");
    assert_eq!(main.definition.split("\n\n").count(), 6);
    assert_eq!(main.see.len(), 8, "the related-definition links");
    assert!(main
        .url
        .as_deref()
        .is_some_and(|u| u.ends_with("/international-regulatory-cooperation/")));
    assert!(main
        .summary
        .as_deref()
        .is_some_and(|s| !s.contains('⎊') && !s.is_empty()));
    for t in &file.terms {
        assert!(
            t.url.as_deref().is_some_and(|u| u.starts_with("https://")),
            "{}",
            t.id
        );
        assert!(
            !t.definition.is_empty() && !t.definition.contains('⎊') && !t.definition.contains("!["),
            "{}",
            t.id
        );
    }
    let risks = file
        .terms
        .iter()
        .find(|t| t.id == "systemic-risks")
        .unwrap();
    assert_eq!(risks.area.as_deref(), Some("Risk"));
    // The embedded JSON-LD describes the same four entries as the headings: merged, not repeated.
    assert_eq!(file.terms.iter().filter(|t| t.area.is_some()).count(), 4);
    assert!(glossary_of(file).problems().is_empty());
}

#[test]
fn every_writer_round_trips_the_bundled_glossary() {
    let g = glossa::sources::bundled().unwrap();
    assert!(g.len() > 100);
    for (format, read_as) in [
        (ExportFormat::Toml, Format::Toml),
        (ExportFormat::Json, Format::Json),
        (ExportFormat::JsonLd, Format::JsonLd),
        (ExportFormat::Csv, Format::Csv),
        (ExportFormat::Tsv, Format::Tsv),
    ] {
        let text = export::to_string(&g, format).unwrap();
        let back =
            parse(&text, "out", read_as).unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        assert_same(format.name(), &back.terms, g.terms(), ALL);
    }
    let site = export::html::site(&g);
    assert_eq!(site.len(), g.len() + 1);
}

//! `glossa import` and `glossa export` as a user runs them: bad input of every
//! format is refused with its location and nothing written, imports give
//! files that `glossa check` accepts, and exports read back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use glossa::glossary::{parse, Format, Term};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// Runs glossa in `dir` with no glossary from the environment.
fn glossa(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(args)
        .current_dir(dir)
        .env_remove("GLOSSA_GLOSSARY")
        .output()
        .expect("the glossa binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn plain(terms: Vec<Term>) -> Vec<Term> {
    terms
        .into_iter()
        .map(|mut t| {
            t.origin = Default::default();
            t
        })
        .collect()
}

fn read_terms(path: &Path, format: Format) -> Vec<Term> {
    let text = std::fs::read_to_string(path).unwrap();
    plain(
        parse(&text, "x", format)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
            .terms,
    )
}

#[test]
fn bad_input_is_refused_with_its_location_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("missing-name.csv", "definition,aliases\nA fixed place.,PE\n", "1:1", "no \"name\" (or \"term\") column"),
        ("unknown-column.csv", "name,definition,colour\nA,b,c\n", "1:17", "unknown column \"colour\""),
        ("open-quote.csv", "name,definition\nA,\"an unterminated\ndefinition\nB,b\n", "2:3", "quoted field is never closed"),
        ("open-quote.tsv", "name\tdefinition\nA\t\"never closed\n", "2:3", "quoted field is never closed"),
        ("missing-name.tsv", "term_name\tdefinition\n", "1:1", "unknown column \"term_name\""),
        ("wrong-type.jsonld", "[{\"@type\": \"DefinedTerm\",\n  \"name\": \"A\",\n  \"alternateName\": [\"ok\", 3]}]", "3:27", "\"alternateName\" must be text, found a number"),
        ("broken.jsonld", "{\"@type\": \"DefinedTermSet\", \"hasDefinedTerm\": [\n", "2:1", "invalid JSON"),
        ("wrong-type.json", "{\"terms\": [\n  {\"term\": \"A\", \"definition\": 5}\n]}", "2:31", "invalid type: integer `5`, expected a string"),
        ("flat-wrong-type.json", "{\"a-term\": \"A\",\n \"a-definition\": [\"x\"]}", "2:18", "must be a string, found an array"),
        ("broken.ttl", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/a> a skos:Concept ;\n  skos:prefLabel \"A\" \n<http://x/b> a skos:Concept .\n", "4:1", "invalid Turtle"),
        ("open-string.ttl", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/a> skos:prefLabel \"never closed .\n", "2:29", "invalid Turtle"),
        ("open-fence.md", "## Term\n\nDefinition.\n\n```\ncode that never ends\n", "5:1", "code block is never closed"),
        ("bad-json-ld.md", "## Term\n\nDefinition.\n\n```json\n{\"@context\": \"https://schema.org\", \"@type\": [}\n```\n", "6:46", "invalid JSON"),
        ("open-string.toml", "[[term]]\nname = \"A\ndefinition = \"x\"\n", "2:", ""),
    ];
    for (name, text, at, needle) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out_path = dir.path().join(format!("{name}.out.toml"));
        let out = glossa(
            dir.path(),
            &["import", name, "-o", out_path.to_str().unwrap()],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.starts_with(&format!("glossa: {name}:{at}")),
            "{name}: {err}"
        );
        assert!(err.contains(needle), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(!out_path.exists(), "{name}: nothing written");
        // An existing output file is left as it was.
        std::fs::write(&out_path, "kept").unwrap();
        glossa(
            dir.path(),
            &["import", name, "-o", out_path.to_str().unwrap()],
        );
        assert_eq!(
            std::fs::read_to_string(&out_path).unwrap(),
            "kept",
            "{name}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn every_fixture_imports_to_toml_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [
        ("glossary.jsonld", Format::JsonLd),
        ("glossary.csv", Format::Csv),
        ("glossary.tsv", Format::Tsv),
        ("glossary.md", Format::Markdown),
        ("definition-list.md", Format::Markdown),
        ("glossary.docusaurus.json", Format::Docusaurus),
        ("glossary.ttl", Format::Skos),
        ("flat.json", Format::Json),
    ] {
        let out_path = dir.path().join(format!("{name}.toml"));
        let out = glossa(
            dir.path(),
            &[
                "import",
                fixture(name).to_str().unwrap(),
                "-o",
                out_path.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("written to"), "{name}");
        let check = glossa(dir.path(), &["check", out_path.to_str().unwrap()]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        assert_eq!(
            read_terms(&out_path, Format::Toml),
            read_terms(&fixture(name), format),
            "{name}"
        );
    }
}

#[test]
fn import_writes_to_stdout_and_reports_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("g.txt"),
        "name,related\nTax Treaty,Tax Treatys\n",
    )
    .unwrap();
    let out = glossa(dir.path(), &["import", "g.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pass --format"), "{}", stderr(&out));

    let out = glossa(dir.path(), &["import", "g.txt", "--format", "csv"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a dangling reference is a finding"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "[[term]]\nname = \"Tax Treaty\"\nrelated = [\"Tax Treatys\"]\n"
    );
    assert!(
        stderr(&out)
            .starts_with("g.txt:2:12: related id \"Tax Treatys\" of \"tax-treaty\" names no entry"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exports_read_back_and_toml_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let expected = fixture("expected.toml");
    let want = read_terms(&expected, Format::Toml);
    for (format, read_as) in [
        ("toml", Format::Toml),
        ("json", Format::Json),
        ("jsonld", Format::JsonLd),
        ("csv", Format::Csv),
        ("tsv", Format::Tsv),
    ] {
        let out = glossa(
            dir.path(),
            &[
                "export",
                "--format",
                format,
                "--glossary",
                expected.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            plain(parse(&text, "x", read_as).unwrap().terms),
            want,
            "{format}"
        );
    }
    let out_path = dir.path().join("out.toml");
    let out = glossa(
        dir.path(),
        &[
            "export",
            "--format",
            "toml",
            "-o",
            "out.toml",
            "--glossary",
            expected.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        glossa(dir.path(), &["check", out_path.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let out = glossa(dir.path(), &["export", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected one of toml, json, jsonld, csv, tsv, html"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_html_export_writes_a_site_and_never_clobbers_other_folders() {
    let dir = tempfile::tempdir().unwrap();
    let expected = fixture("expected.toml");
    let g = expected.to_str().unwrap();
    let out = glossa(dir.path(), &["export", "--format", "html", "--glossary", g]);
    assert_eq!(out.status.code(), Some(2), "html needs a folder");

    let out = glossa(
        dir.path(),
        &["export", "--format", "html", "-o", "site", "--glossary", g],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pages = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("site/terms"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(pages(dir.path()).len(), 8);
    assert!(dir.path().join("site/index.html").exists());

    // Exporting a smaller glossary over it removes the pages of entries that are gone.
    let small = dir.path().join("small.toml");
    std::fs::write(
        &small,
        "[[term]]\nname = \"Tax Treaty\"\ndefinition = \"An agreement.\"\n",
    )
    .unwrap();
    let out = glossa(
        dir.path(),
        &[
            "export",
            "--format",
            "html",
            "-o",
            "site",
            "--glossary",
            small.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(pages(dir.path()), ["tax-treaty.html"]);

    // A folder with other content is left alone.
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/notes.md"), "mine").unwrap();
    let out = glossa(
        dir.path(),
        &["export", "--format", "html", "-o", "docs", "--glossary", g],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a site glossa wrote"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("docs/index.html").exists());
}

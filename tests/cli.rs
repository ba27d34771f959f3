//! The built binary on fixture files: exact JSON, exit codes and error messages.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// Runs glossa in `dir` with `args`, without any inherited glossary setting.
fn glossa_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_glossa"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("GLOSSA_GLOSSARY")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the glossa binary runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("piped stdin");
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("stdin accepts the input");
        }
    }
    child.wait_with_output().expect("glossa finishes")
}

fn glossa(args: &[&str]) -> Output {
    glossa_in(&fixtures(), args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[test]
fn lint_json_is_exact() {
    let o = glossa(&[
        "lint",
        "doc.md",
        "--glossary",
        "glossary.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_json_snapshot!("lint_json", json(&o));
}

#[test]
fn scan_json_is_exact_with_utf16_and_utf8_columns() {
    let o = glossa(&["scan", "doc.md", "--json", "--glossary", "glossary.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_json_snapshot!("scan_json", json(&o));
}

#[test]
fn other_formats() {
    let args = ["lint", "doc.md", "--glossary", "glossary.toml", "--format"];
    let sarif = json(&glossa(&[&args[..], &["sarif"]].concat()));
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[1]["ruleId"], "undefined-acronym");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert_eq!(
        results[2]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Low-Tax Jurisdiction"
    );

    let github = stdout(&glossa(&[&args[..], &["github"]].concat()));
    assert_eq!(
        github.lines().nth(1),
        Some("::warning file=doc.md,line=8,col=31,endLine=8,endColumn=36,title=undefined-acronym::FATCA is never defined: spell it out at first use, as in \"Long Form (FATCA)\", or add it to the glossary")
    );

    let human = stdout(&glossa(&[&args[..], &["human"]].concat()));
    assert!(
        human.contains("doc.md:8:31: warning[undefined-acronym] FATCA is never defined"),
        "{human}"
    );
    assert!(human.contains("8 | establishment (PE) can arise. FATCA rules differ; FATCA is older.\n  |                               ^^^^^\n"), "{human}");
    assert!(
        human.ends_with("4 findings in 1 file (1 checked)\n"),
        "{human}"
    );
}

#[test]
fn human_fix_lines_sit_under_the_gutter_of_long_line_numbers() {
    let text = format!("{}The CRS applies.\n", "\n".repeat(120));
    let o = glossa_in(
        &fixtures(),
        &[
            "lint",
            "-",
            "--glossary",
            "glossary.toml",
            "--format",
            "human",
        ],
        Some(text.as_bytes()),
    );
    let human = stdout(&o);
    assert!(
        human.contains(
            "    |\n121 | The CRS applies.\n    |     ^^^\n    = fix: Expand to \"Common Reporting Standard (CRS)\"\n"
        ),
        "{human}"
    );
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clean.md"), "Nothing to see here.\n").unwrap();
    let g = fixtures().join("glossary.toml");
    let g = g.to_str().unwrap();
    let clean = glossa_in(dir.path(), &["lint", "clean.md", "--glossary", g], None);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(stdout(&clean), "no findings in 1 file\n");

    let missing = glossa_in(dir.path(), &["lint", "nope.md", "--glossary", g], None);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "glossa: nope.md: no such file or directory\n"
    );

    let usage = glossa_in(dir.path(), &["lint", "--format", "yaml"], None);
    assert_eq!(usage.status.code(), Some(2));

    // Only errors fail the run when asked.
    fs::write(dir.path().join("info.md"), "The CRS.\n").unwrap();
    let info = glossa_in(
        dir.path(),
        &["lint", "info.md", "--glossary", g, "--fail-on", "warning"],
        None,
    );
    assert_eq!(info.status.code(), Some(0), "{}", stdout(&info));
}

#[test]
fn broken_and_dangling_glossaries_are_located() {
    let check = glossa(&["check", "broken.toml"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        stdout(&check),
        "broken.toml:5:15: invalid basic string, expected `\"`\n0 terms, 1 problem\n"
    );

    let lint = glossa(&["lint", "doc.md", "--glossary", "broken.toml"]);
    assert_eq!(lint.status.code(), Some(2));
    assert_eq!(
        stderr(&lint),
        "glossa: glossary: broken.toml:5:15: invalid basic string, expected `\"`\n"
    );

    let dangling = glossa(&["check", "dangling.toml"]);
    assert_eq!(
        stdout(&dangling),
        "dangling.toml:3:13: related id \"betta\" of \"alpha\" names no entry; did you mean \"beta\"?\n2 terms, 1 problem\n"
    );
    let good = glossa(&["check", "glossary.toml"]);
    assert_eq!(
        (good.status.code(), stdout(&good)),
        (Some(0), "5 terms, no problems\n".to_string())
    );
}

#[test]
fn invalid_utf8_binary_and_oversized_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.md"), b"ok\nab\xffcd\n").unwrap();
    fs::write(dir.path().join("blob.md"), b"PK\x03\x04\x00\x00binary").unwrap();
    fs::write(dir.path().join("big.md"), "FATCA ".repeat(100)).unwrap();
    let g = fixtures().join("glossary.toml");
    let g = g.to_str().unwrap();

    let bad = glossa_in(dir.path(), &["lint", "bad.md", "--glossary", g], None);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad),
        "glossa: bad.md:2:3: invalid UTF-8 at byte 5\n"
    );

    let blob = glossa_in(dir.path(), &["lint", "blob.md", "--glossary", g], None);
    assert_eq!(blob.status.code(), Some(0));
    assert_eq!(stderr(&blob), "glossa: blob.md: skipped: binary file\n");

    let big = glossa_in(
        dir.path(),
        &["lint", "big.md", "--glossary", g, "--max-file-size", "100"],
        None,
    );
    assert_eq!(big.status.code(), Some(0));
    assert_eq!(
        stderr(&big),
        "glossa: big.md: skipped: 600 bytes is over the 100-byte limit (max_file_size)\n"
    );
}

#[test]
fn stdin_is_linted_as_markdown() {
    let o = glossa_in(
        &fixtures(),
        &[
            "lint",
            "-",
            "--glossary",
            "glossary.toml",
            "--format",
            "json",
        ],
        Some(b"`FATCA` and FATCA\n"),
    );
    let v = json(&o);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(
        (v[0]["path"].as_str(), v[0]["column"].as_u64()),
        (Some("-"), Some(13))
    );
}

/// A workspace with `.glossa.toml`, a `glossary/` folder, `.gitignore` and include/exclude.
#[test]
fn workspace_settings_discovery_and_walking() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("docs/vendor")).unwrap();
    fs::create_dir_all(root.join("terms")).unwrap();
    fs::create_dir(root.join(".git")).unwrap();
    fs::copy(
        fixtures().join("glossary.toml"),
        root.join("terms/tax.toml"),
    )
    .unwrap();
    fs::write(
        root.join(".glossa.toml"),
        "glossary = [\"terms\"]\nallow = [\"OECD\"]\nexclude = [\"docs/vendor/**\"]\n[rules]\nexpand-on-first-use = \"off\"\n",
    )
    .unwrap();
    fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
    fs::write(root.join("docs/a.md"), "OECD and FATCA and CRS.\n").unwrap();
    fs::write(root.join("docs/b.txt"), "BEPS here.\n").unwrap();
    fs::write(root.join("docs/c.rs"), "// MLI in a comment\n").unwrap();
    fs::write(root.join("docs/vendor/v.md"), "VVV\n").unwrap();
    fs::write(root.join("docs/ignored.md"), "III IGN\n").unwrap();

    let o = glossa_in(&root.join("docs"), &["lint", "--format", "json"], None);
    let v = json(&o);
    let got: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["message"]
                    .as_str()
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("./a.md".to_string(), "FATCA".to_string()),
            ("./b.txt".to_string(), "BEPS".to_string())
        ]
    );

    // Without settings or a glossary folder, the bundled glossary is used.
    let bare = tempfile::tempdir().unwrap();
    fs::create_dir(bare.path().join(".git")).unwrap();
    fs::write(bare.path().join("x.md"), "A permanent establishment.\n").unwrap();
    let scan = json(&glossa_in(bare.path(), &["scan", "x.md", "--json"], None));
    assert_eq!(scan[0]["term_id"], "permanent-establishment");
}

//! Compiles the bundled glossary (`glossary/**/*.toml`) into the binary: the
//! TOML text (written out for editors to open) and the same entries as JSON
//! with each entry's header line, which loads several times faster.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=glossary");
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = root.join("glossary");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut out = String::from(
        "/// The bundled glossary's files: (name relative to `glossary/`, TOML text, JSON of the entries).\n\
         pub static FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (i, path) in files.iter().enumerate() {
        let name = path
            .strip_prefix(&dir)
            .expect("collected under dir")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json_path = out_dir.join(format!("bundled-{i}.json"));
        fs::write(&json_path, to_json(&name, &text)).expect("OUT_DIR is writable");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?}), include_str!({:?})),\n",
            path.display().to_string(),
            json_path.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(out_dir.join("bundled.rs"), out).expect("OUT_DIR is writable");
}

/// `{"meta": {...}, "terms": [...], "lines": [header line of each term]}`.
fn to_json(name: &str, text: &str) -> String {
    let table: toml::Table = text.parse().unwrap_or_else(|e| {
        panic!("the bundled glossary file glossary/{name} is not valid TOML: {e}")
    });
    let mut value = serde_json::to_value(&table).expect("TOML values convert to JSON");
    let terms = value
        .get_mut("term")
        .map(serde_json::Value::take)
        .unwrap_or_default();
    let meta = value.get_mut("glossary").map(serde_json::Value::take);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[term]]"))
        .map(|(i, _)| i)
        .collect();
    serde_json::json!({"meta": meta, "terms": terms, "lines": lines}).to_string()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}

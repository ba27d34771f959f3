//! Output formats of `glossa lint`: human, JSON, SARIF 2.1.0, GitHub annotations.

use serde_json::{json, Value};

use crate::document::{Encoding, LineIndex};
use crate::lint::{Finding, Rule, Severity};

/// The findings of one file, with what is needed to place them.
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
    /// Its findings.
    pub findings: Vec<Finding>,
}

/// 1-based line and column (Unicode scalar values) of a byte offset.
fn place(r: &FileReport, offset: usize) -> (u32, u32) {
    let p = r.index.position(&r.text, offset, Encoding::Utf32);
    (p.line + 1, p.character + 1)
}

fn edit_json(r: &FileReport, f: &Finding) -> Option<Value> {
    let fix = f.fix.as_ref()?;
    let edits: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let (line, column) = place(r, e.range.start);
            let (end_line, end_column) = place(r, e.range.end);
            json!({"line": line, "column": column, "end_line": end_line, "end_column": end_column, "replacement": e.replacement})
        })
        .collect();
    Some(json!({"title": fix.title, "edits": edits}))
}

/// The JSON array of SPEC §5.
pub fn json(reports: &[FileReport]) -> Value {
    let mut out = Vec::new();
    for r in reports {
        for f in &r.findings {
            let (line, column) = place(r, f.range.start);
            let (end_line, end_column) = place(r, f.range.end);
            let mut v = json!({
                "path": r.path, "line": line, "column": column,
                "end_line": end_line, "end_column": end_column,
                "rule": f.rule.id(), "severity": f.severity.as_str(), "message": f.message,
            });
            if let Some(term) = &f.term {
                v["term"] = json!(term);
            }
            if let Some(fix) = edit_json(r, f) {
                v["fix"] = fix;
            }
            out.push(v);
        }
    }
    Value::Array(out)
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// A SARIF 2.1.0 log with one run.
pub fn sarif(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": {"text": r.description()},
                "defaultConfiguration": {"level": sarif_level(r.default_severity())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for f in &r.findings {
            let (line, column) = place(r, f.range.start);
            let (end_line, end_column) = place(r, f.range.end);
            let region = json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column});
            let mut result = json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|x| *x == f.rule),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}, "region": region}}],
            });
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (l, c) = place(r, e.range.start);
                        let (el, ec) = place(r, e.range.end);
                        json!({
                            "deletedRegion": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec},
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": fix.title},
                    "artifactChanges": [{"artifactLocation": {"uri": r.path}, "replacements": replacements}],
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {
                "name": "glossa",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/glossa-dev/glossa",
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// GitHub Actions workflow commands, one line a finding.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            let (line, column) = place(r, f.range.start);
            let (end_line, end_column) = place(r, f.range.end);
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "notice",
            };
            let message = f
                .message
                .replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A");
            out.push_str(&format!(
                "::{level} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{message}\n",
                r.path.replace(',', "%2C").replace(':', "%3A"),
                f.rule.id()
            ));
        }
    }
    out
}

/// Human-readable findings with the source line and a caret under the range.
pub fn human(reports: &[FileReport], color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            let (line, column) = place(r, f.range.start);
            let code = match f.severity {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
                _ => "1;36",
            };
            out.push_str(&format!(
                "{}:{line}:{column}: {}[{}] {}\n",
                paint("1", &r.path),
                paint(code, f.severity.as_str()),
                f.rule.id(),
                f.message
            ));
            let gutter = line.to_string().len();
            if let Some(range) = r.index.line_range(&r.text, line as usize - 1) {
                let src = &r.text[range.clone()];
                let start_col = column as usize - 1;
                let end = f.range.end.min(range.end).max(f.range.start);
                let width = r.text[f.range.start..end].chars().count().max(1);
                out.push_str(&format!(
                    "{:gutter$} |\n{line} | {src}\n{:gutter$} | {}{}\n",
                    "",
                    "",
                    " ".repeat(start_col),
                    paint(code, &"^".repeat(width))
                ));
            }
            if let Some(fix) = &f.fix {
                // Under the gutter's bar, as the source lines above.
                out.push_str(&format!("{:gutter$} = fix: {}\n", "", fix.title));
            }
        }
    }
    out
}

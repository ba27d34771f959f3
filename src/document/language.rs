//! What kind of text a document is, from an LSP language id or a file name.

/// How comments are written in a source language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentSyntax {
    /// Line comment openers, longest first (`///` before `//`).
    pub line: &'static [&'static str],
    /// Block comment delimiters.
    pub block: &'static [(&'static str, &'static str)],
    /// Whether `"""`/`'''` strings at statement level are docstrings (Python).
    pub docstrings: bool,
}

const C_LIKE: CommentSyntax = CommentSyntax {
    line: &["///", "//!", "//"],
    block: &[("/*", "*/")],
    docstrings: false,
};
const HASH: CommentSyntax = CommentSyntax {
    line: &["#"],
    block: &[],
    docstrings: false,
};
const PYTHON: CommentSyntax = CommentSyntax {
    line: &["#"],
    block: &[],
    docstrings: true,
};
const LUA: CommentSyntax = CommentSyntax {
    line: &["--"],
    block: &[("--[[", "]]")],
    docstrings: false,
};

/// The kind of a document, which decides what parts of it are scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Markdown; `mdx` also skips JSX tags and `{…}` expressions.
    Markdown {
        /// Whether the document is MDX.
        mdx: bool,
    },
    /// Plain text, scanned whole.
    PlainText,
    /// Source code: only comments are scanned.
    Source(CommentSyntax),
}

impl Language {
    /// From an LSP language id; unknown ids are plain text.
    pub fn from_language_id(id: &str) -> Language {
        match id {
            "markdown" => Language::Markdown { mdx: false },
            "mdx" => Language::Markdown { mdx: true },
            _ => Self::source_by_name(id).unwrap_or(Language::PlainText),
        }
    }

    /// From a file name or path; unknown extensions are plain text.
    pub fn from_path(path: &str) -> Language {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" | "mkd" => Language::Markdown { mdx: false },
            "mdx" => Language::Markdown { mdx: true },
            _ => Self::source_by_name(&ext).unwrap_or(Language::PlainText),
        }
    }

    fn source_by_name(name: &str) -> Option<Language> {
        let syntax = match name {
            "rust" | "rs" | "javascript" | "js" | "mjs" | "cjs" | "jsx" | "javascriptreact"
            | "typescript" | "ts" | "tsx" | "typescriptreact" | "go" | "c" | "h" | "cpp" | "cc"
            | "cxx" | "hpp" | "hh" | "java" | "kotlin" | "kt" | "swift" | "cs" | "csharp"
            | "scala" | "solidity" | "sol" => C_LIKE,
            "python" | "py" => PYTHON,
            "shellscript" | "sh" | "bash" | "zsh" | "toml" | "yaml" | "yml" | "ruby" | "rb"
            | "perl" | "pl" | "r" => HASH,
            "lua" => LUA,
            _ => return None,
        };
        Some(Language::Source(syntax))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(
            Language::from_path("docs/a.MD"),
            Language::Markdown { mdx: false }
        );
        assert_eq!(
            Language::from_path("a.mdx"),
            Language::Markdown { mdx: true }
        );
        assert_eq!(Language::from_path("notes"), Language::PlainText);
        assert_eq!(Language::from_path("x.py"), Language::Source(PYTHON));
        assert_eq!(Language::from_language_id("lua"), Language::Source(LUA));
        assert_eq!(Language::from_language_id("latex"), Language::PlainText);
    }
}

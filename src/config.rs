//! Project settings: `.glossa.toml`, and the same keys from the language
//! client (`initializationOptions`, `workspace/didChangeConfiguration`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::glossary::LoadError;
use crate::lint::{Rule, Severity};

/// The default cap on the size of a file to lint.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Every setting, with the defaults of SPEC §3.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Glossary files and directories, relative to the file that names them.
    pub glossary: Vec<String>,
    /// Globs of what `glossa lint` visits by default.
    pub include: Vec<String>,
    /// Globs that are never visited.
    pub exclude: Vec<String>,
    /// Words never reported as undefined jargon.
    pub allow: Vec<String>,
    /// Also load the bundled glossary beneath the explicit sources.
    pub bundled: bool,
    /// Acronym expansions as inlay hints.
    #[serde(alias = "inlayHints")]
    pub inlay_hints: bool,
    /// Severity per rule id.
    pub rules: BTreeMap<String, Severity>,
    /// Files larger than this many bytes are skipped by `glossa lint`.
    #[serde(alias = "maxFileSize")]
    pub max_file_size: u64,
    /// Keys this version does not know; reported, never fatal.
    #[serde(flatten, skip_serializing)]
    pub unknown: BTreeMap<String, serde::de::IgnoredAny>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            glossary: Vec::new(),
            include: vec![
                "**/*.md".into(),
                "**/*.markdown".into(),
                "**/*.mdx".into(),
                "**/*.txt".into(),
            ],
            exclude: Vec::new(),
            allow: Vec::new(),
            bundled: false,
            inlay_hints: false,
            rules: BTreeMap::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            unknown: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Reads `.glossa.toml` text; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Config, LoadError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            LoadError::at_offset(file, text, offset, e.message().trim().to_string())
        })?;
        config.check_rules(file)?;
        Ok(config)
    }

    /// Reads settings sent by a language client: the object itself or
    /// wrapped as `{"glossa": {...}}`.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, String> {
        let inner = value.get("glossa").unwrap_or(value);
        if inner.is_null() {
            return Ok(Config::default());
        }
        let config: Config = serde_json::from_value(inner.clone()).map_err(|e| e.to_string())?;
        config.check_rules("settings").map_err(|e| e.message)?;
        Ok(config)
    }

    fn check_rules(&self, file: &str) -> Result<(), LoadError> {
        match self.rules.keys().find(|k| Rule::from_id(k).is_none()) {
            Some(unknown) => Err(LoadError::at(
                file,
                None,
                format!(
                    "unknown rule \"{unknown}\" in [rules]; the rules are {}",
                    Rule::ALL.map(Rule::id).join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    /// The severity of a rule: the configured one, else its default.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.rules
            .get(rule.id())
            .copied()
            .unwrap_or_else(|| rule.default_severity())
    }

    /// Messages about keys this version does not know.
    pub fn warnings(&self) -> Vec<String> {
        self.unknown
            .keys()
            .map(|k| format!("unknown setting \"{k}\" is ignored"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_with_defaults_and_unknown_keys() {
        let c = Config::from_toml(
            "allow = [\"OK\"]\ncolour = true\n[rules]\nundefined-acronym = \"error\"\n",
            ".glossa.toml",
        )
        .unwrap();
        assert_eq!(c.allow, ["OK"]);
        assert_eq!(c.severity(Rule::UndefinedAcronym), Severity::Error);
        assert_eq!(c.severity(Rule::DeprecatedTerm), Severity::Warning);
        assert_eq!(c.warnings(), ["unknown setting \"colour\" is ignored"]);
    }

    #[test]
    fn rejects_bad_values_with_location() {
        let e = Config::from_toml("[rules]\nundefined-acronym = \"loud\"\n", ".glossa.toml")
            .unwrap_err();
        assert_eq!(e.pos.unwrap().line, 1);
        let e = Config::from_toml("[rules]\nno-such-rule = \"off\"\n", ".glossa.toml").unwrap_err();
        assert!(e.message.contains("no-such-rule"), "{e}");
    }

    #[test]
    fn reads_client_settings_wrapped_or_not() {
        let plain = serde_json::json!({"allow": ["XYZ"], "inlayHints": true});
        let wrapped = serde_json::json!({"glossa": plain.clone()});
        for v in [plain, wrapped] {
            let c = Config::from_json(&v).unwrap();
            assert_eq!(c.allow, ["XYZ"]);
            assert!(c.inlay_hints);
        }
        assert!(Config::from_json(&serde_json::json!({"allow": 3})).is_err());
    }
}

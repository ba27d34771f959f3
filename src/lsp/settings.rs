//! The effective settings: `.glossa.toml` with the client's settings on top.

use serde_json::{Map, Value};

use crate::config::Config;

/// Keys the client may spell in camelCase.
const ALIASES: [(&str, &str); 2] = [
    ("inlayHints", "inlay_hints"),
    ("maxFileSize", "max_file_size"),
];

/// The client's settings object: `initializationOptions` or the `glossa`
/// key of `didChangeConfiguration`, unwrapped; null means none.
pub fn unwrap(value: &Value) -> Value {
    match value.get("glossa") {
        Some(inner) => inner.clone(),
        None if value.is_object() => value.clone(),
        None => Value::Null,
    }
}

/// The client's `glossary` list (paths relative to the workspace root).
pub fn client_glossary(client: &Value) -> Result<Vec<String>, String> {
    Ok(Config::from_json(client)?.glossary)
}

/// `project` with the client's keys on top: lists of allowed words are
/// joined, rule severities merged per rule, other keys replaced. The
/// `glossary` key is not merged: the client's list is a source of its own.
pub fn merge(project: &Config, client: &Value) -> Result<Config, String> {
    Config::from_json(client)?;
    let mut merged = match serde_json::to_value(project) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    if let Value::Object(client) = client {
        for (key, value) in client {
            let key = ALIASES
                .iter()
                .find(|(alias, _)| alias == key)
                .map_or(key.as_str(), |(_, k)| k);
            match (key, merged.get_mut(key), value) {
                ("glossary", _, _) => {}
                ("allow", Some(Value::Array(mine)), Value::Array(theirs)) => {
                    for v in theirs {
                        if !mine.contains(v) {
                            mine.push(v.clone());
                        }
                    }
                }
                ("rules", Some(Value::Object(mine)), Value::Object(theirs)) => {
                    mine.extend(theirs.clone());
                }
                _ => {
                    merged.insert(key.to_string(), value.clone());
                }
            }
        }
    }
    let mut config = Config::from_json(&Value::Object(merged))?;
    config.glossary = project.glossary.clone();
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Rule, Severity};
    use serde_json::json;

    #[test]
    fn client_keys_go_on_top() {
        let project = Config::from_toml(
            "glossary = [\"g\"]\nallow = [\"ABC\"]\n[rules]\ndeprecated-term = \"error\"\n",
            ".glossa.toml",
        )
        .unwrap();
        let c = merge(
            &project,
            &json!({"allow": ["XYZ"], "inlayHints": true, "glossary": ["other"],
                    "rules": {"undefined-acronym": "off"}}),
        )
        .unwrap();
        assert_eq!(c.allow, ["ABC", "XYZ"]);
        assert!(c.inlay_hints);
        assert_eq!(c.glossary, ["g"]);
        assert_eq!(c.severity(Rule::UndefinedAcronym), Severity::Off);
        assert_eq!(c.severity(Rule::DeprecatedTerm), Severity::Error);
        assert!(merge(&project, &json!({"rules": {"nope": "off"}})).is_err());
        assert_eq!(unwrap(&json!({"glossa": {"a": 1}})), json!({"a": 1}));
        assert_eq!(unwrap(&json!(null)), json!(null));
    }
}

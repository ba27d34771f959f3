//! JSON read into a tree that remembers where each value starts, so that the
//! readers of JSON-based formats can say where a value has the wrong type.
//!
//! `serde_json::Value` forgets positions; this keeps serde_json's parser
//! (through borrowed `RawValue`s, which point into the text) and records the
//! byte offset of every value.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Spanned>),
    Object(Vec<(String, Spanned)>),
}

/// A JSON value and the byte offset where it starts in the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned {
    pub offset: usize,
    pub node: Node,
}

/// A syntax error: byte offset and message.
pub(crate) type SyntaxError = (usize, String);

/// Parses `text` as one JSON document.
pub(crate) fn parse(text: &str) -> Result<Spanned, SyntaxError> {
    let root: &RawValue = serde_json::from_str(text).map_err(|e| syntax_error(text, &e))?;
    build(text, root).map_err(|e| syntax_error(text, &e))
}

fn syntax_error(text: &str, e: &serde_json::Error) -> SyntaxError {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (line_start + e.column().saturating_sub(1)).min(text.len());
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    (offset, format!("invalid JSON: {message}"))
}

fn build(text: &str, raw: &RawValue) -> Result<Spanned, serde_json::Error> {
    let json = raw.get();
    let offset = (json.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let node = match json.as_bytes().first() {
        Some(b'{') => {
            let Entries(entries) = serde_json::from_str(json)?;
            Node::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| Ok((k, build(text, v)?)))
                    .collect::<Result<_, serde_json::Error>>()?,
            )
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(json)?;
            Node::Array(
                items
                    .into_iter()
                    .map(|v| build(text, v))
                    .collect::<Result<_, _>>()?,
            )
        }
        Some(b'"') => Node::String(serde_json::from_str(json)?),
        Some(b't') => Node::Bool(true),
        Some(b'f') => Node::Bool(false),
        Some(b'n') => Node::Null,
        _ => Node::Number(json.to_string()),
    };
    Ok(Spanned { offset, node })
}

/// An object's members in file order, values left unparsed.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for EntriesVisitor<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'a>, M::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push((k, v));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

impl Spanned {
    /// What kind of value this is, for messages: `a string`, `an array`, ...
    pub(crate) fn kind(&self) -> &'static str {
        match self.node {
            Node::Null => "null",
            Node::Bool(_) => "true or false",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }

    /// The member `key` of an object (the first, if repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Spanned> {
        match &self.node {
            Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The members of an object; nothing for other values.
    pub(crate) fn entries(&self) -> &[(String, Spanned)] {
        match &self.node {
            Node::Object(entries) => entries,
            _ => &[],
        }
    }

    /// The text of a string value.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.node {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_offsets_and_order() {
        let text = "{\"b\": [1, \"x\"],\n \"a\": {\"c\": null}}";
        let root = parse(text).unwrap();
        assert_eq!(root.offset, 0);
        let keys: Vec<&str> = root.entries().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        let Node::Array(items) = &root.get("b").unwrap().node else {
            panic!("array")
        };
        assert_eq!(items[1].offset, 10);
        assert_eq!(items[1].as_str(), Some("x"));
        assert_eq!(root.get("a").unwrap().get("c").unwrap().offset, 28);
    }

    #[test]
    fn syntax_errors_have_offsets() {
        let (offset, message) = parse("{\n  \"a\": 1,,\n}").unwrap_err();
        assert_eq!(offset, 11);
        assert!(message.starts_with("invalid JSON"), "{message}");
    }
}

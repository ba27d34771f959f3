//! An answer's Markdown as terminal text: bold, italics and code as ANSI
//! styles when writing to a terminal, or plain text for pipes and files.
//! Control characters from the glossary or the question are dropped, so
//! that no text can send escape sequences of its own.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How to show styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI escape sequences (bold, italic, underline, colour).
    Ansi,
    /// No escape sequences.
    Plain,
}

const BOLD: &str = "\x1b[1m";
const NO_BOLD: &str = "\x1b[22m";
const ITALIC: &str = "\x1b[3m";
const NO_ITALIC: &str = "\x1b[23m";
const UNDERLINE: &str = "\x1b[4m";
const NO_UNDERLINE: &str = "\x1b[24m";
const CODE: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET_COLOUR: &str = "\x1b[39m\x1b[22m";

/// Renders Markdown for a terminal.
///
/// ```
/// use glossa::bot::terminal::{render, Style};
/// assert_eq!(render("**CRS** is *common*; see [it](https://e.org).", Style::Plain),
///            "CRS is common; see it <https://e.org>.\n");
/// ```
pub fn render(markdown: &str, style: Style) -> String {
    let ansi = style == Style::Ansi;
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote_depth = 0usize;
    let mut link_target: Vec<String> = Vec::new();
    let on = |s: &'static str| if ansi { s } else { "" };
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => start_block(&mut out, quote_depth),
                Tag::Heading { .. } => {
                    start_block(&mut out, quote_depth);
                    out.push_str(on(BOLD));
                }
                Tag::BlockQuote(_) => {
                    quote_depth += 1;
                }
                Tag::List(first) => {
                    if lists.is_empty() {
                        start_block(&mut out, quote_depth);
                    }
                    lists.push(first);
                }
                Tag::Item => start_list_item(&mut out, &mut lists, "  "),
                Tag::Emphasis => out.push_str(on(ITALIC)),
                Tag::Strong => out.push_str(on(BOLD)),
                Tag::Link { dest_url, .. } => {
                    link_target.push(dest_url.to_string());
                    out.push_str(on(UNDERLINE));
                }
                Tag::CodeBlock(_) => start_block(&mut out, quote_depth),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::CodeBlock => end_block(&mut out),
                TagEnd::Heading(_) => {
                    out.push_str(on(NO_BOLD));
                    end_block(&mut out);
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::List(_) => {
                    lists.pop();
                    if lists.is_empty() {
                        end_block(&mut out);
                    }
                }
                TagEnd::Emphasis => out.push_str(on(NO_ITALIC)),
                TagEnd::Strong => out.push_str(on(NO_BOLD)),
                TagEnd::Link => {
                    out.push_str(on(NO_UNDERLINE));
                    if let Some(url) = link_target.pop() {
                        out.push_str(&format!(" {}<{}>{}", on(DIM), clean(&url), on(NO_BOLD)));
                    }
                }
                _ => {}
            },
            Event::Text(text) => push_text(&mut out, &text, quote_depth),
            Event::Code(code) => {
                out.push_str(on(CODE));
                out.push_str(&clean(&code));
                out.push_str(on(RESET_COLOUR));
            }
            Event::SoftBreak | Event::HardBreak => {
                out.push('\n');
                push_quote_prefix(&mut out, quote_depth);
            }
            Event::Html(html) | Event::InlineHtml(html) => push_text(&mut out, &html, quote_depth),
            Event::Rule => {
                start_block(&mut out, quote_depth);
                out.push_str("────────");
                end_block(&mut out);
            }
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn start_block(out: &mut String, quote_depth: usize) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    push_quote_prefix(out, quote_depth);
}

fn end_block(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_quote_prefix(out: &mut String, quote_depth: usize) {
    for _ in 0..quote_depth {
        out.push_str("│ ");
    }
}

fn push_text(out: &mut String, text: &str, quote_depth: usize) {
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            push_quote_prefix(out, quote_depth);
        }
        out.push_str(line);
    }
}

/// The text without control characters other than newlines and tabs.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// Starts a list item on its own line, indented `indent` per level of
/// nesting, with its number (ordered lists) or a bullet. Shared by the
/// terminal and the Slack renderings of an answer.
pub fn start_list_item(out: &mut String, lists: &mut [Option<u64>], indent: &str) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&indent.repeat(lists.len().saturating_sub(1)));
    match lists.last_mut() {
        Some(Some(n)) => {
            out.push_str(&format!("{n}. "));
            *n += 1;
        }
        _ => out.push_str("• "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_the_layout() {
        let md =
            "**Delta** · *Options*\n\nFirst.\nSecond.\n\n- [A](u) — one\n- B — two\n\n> quoted\n";
        assert_eq!(
            render(md, Style::Plain),
            "Delta · Options\n\nFirst.\nSecond.\n\n• A <u> — one\n• B — two\n\n│ quoted\n"
        );
    }

    #[test]
    fn numbered_lists_count() {
        assert_eq!(render("1. a\n2. b\n", Style::Plain), "1. a\n2. b\n");
    }

    #[test]
    fn ansi_styles_and_no_smuggled_escapes() {
        let out = render("**x** `c` \u{1b}[31mred", Style::Ansi);
        assert!(out.starts_with("\x1b[1mx\x1b[22m \x1b[36mc"));
        assert!(!out.contains("\u{1b}[31m"));
        assert!(!render("\u{1b}]8;;evil\u{7}", Style::Plain).contains('\u{1b}'));
    }
}

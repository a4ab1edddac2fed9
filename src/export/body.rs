//! The letter's body: the small Markdown subset campaigners write letters
//! in, read into blocks the PDF typesets.
//!
//! Supported: paragraphs (lines joined, blank line between), `#`, `##` and
//! `###` headings, `-`/`*` bullet lists and `1.` numbered lists (a line that
//! starts with spaces continues the item), `**bold**`, `*italic*` and
//! `_italic_`, and `\` to escape a marker. Anything else is plain text: a
//! letter never fails to print because of a stray asterisk.

use serde::{Deserialize, Serialize};

/// A run of text with one style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A block of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// Level 1 to 3.
    Heading(u8, Vec<Span>),
    Paragraph(Vec<Span>),
    /// Items of a bullet list.
    Bullets(Vec<Vec<Span>>),
    /// Items of a numbered list, with the first number.
    Numbered(u32, Vec<Vec<Span>>),
}

enum Marker {
    Bullet,
    Number(u32),
}

fn list_marker(line: &str) -> Option<(Marker, &str)> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((Marker::Bullet, rest));
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() < 5 {
        let rest = &t[digits.len()..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((Marker::Number(digits.parse().unwrap_or(1)), rest));
        }
    }
    None
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|c| *c == '#').count();
    if (1..=3).contains(&hashes) {
        let rest = &t[hashes..];
        if rest.starts_with(' ') {
            return Some((hashes as u8, rest.trim()));
        }
    }
    None
}

/// Reads a body into blocks.
pub fn parse(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut numbered: Option<u32> = None;

    fn flush_paragraph(paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>) {
        if !paragraph.is_empty() {
            let text = paragraph
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join(" ");
            blocks.push(Block::Paragraph(inline(&text)));
            paragraph.clear();
        }
    }
    fn flush_items(items: &mut Vec<String>, numbered: &mut Option<u32>, blocks: &mut Vec<Block>) {
        if !items.is_empty() {
            let spans = items.iter().map(|i| inline(i)).collect();
            blocks.push(match numbered.take() {
                Some(start) => Block::Numbered(start, spans),
                None => Block::Bullets(spans),
            });
            items.clear();
        }
    }

    for line in body.lines() {
        if line.trim().is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_items(&mut items, &mut numbered, &mut blocks);
            continue;
        }
        if let Some((level, text)) = heading(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_items(&mut items, &mut numbered, &mut blocks);
            blocks.push(Block::Heading(level, inline(text)));
            continue;
        }
        if let Some((marker, text)) = list_marker(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            let kind_changes = match marker {
                Marker::Bullet => numbered.is_some(),
                Marker::Number(_) => numbered.is_none() && !items.is_empty(),
            };
            if kind_changes {
                flush_items(&mut items, &mut numbered, &mut blocks);
            }
            if let Marker::Number(n) = marker {
                if items.is_empty() {
                    numbered = Some(n);
                }
            }
            items.push(text.trim().to_string());
            continue;
        }
        if !items.is_empty() && line.starts_with(' ') {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
            continue;
        }
        flush_items(&mut items, &mut numbered, &mut blocks);
        paragraph.push(line);
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_items(&mut items, &mut numbered, &mut blocks);
    blocks
}

/// Reads `**bold**`, `*italic*`, `_italic_` and `\` escapes in a line.
pub fn inline(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let push = |spans: &mut Vec<Span>, current: &mut String, bold: bool, italic: bool| {
        if !current.is_empty() {
            spans.push(Span {
                text: std::mem::take(current),
                bold,
                italic,
            });
        }
    };
    // A marker only counts if its partner appears later, so "5 * 3" and
    // "snake_case" stay as written.
    let closes = |from: usize, marker: &[char]| -> bool {
        let n = marker.len();
        (from..chars.len().saturating_sub(n - 1)).any(|j| chars[j..j + n] == *marker)
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            current.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' && chars.get(i + 1) == Some(&'*') && (bold || closes(i + 2, &['*', '*'])) {
            push(&mut spans, &mut current, bold, italic);
            bold = !bold;
            i += 2;
            continue;
        }
        let word_edge = |j: usize| j == 0 || !chars[j - 1].is_alphanumeric();
        let opens_italic = |m: char| {
            !italic
                && chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
                && (m == '*' || word_edge(i))
                && closes(i + 1, &[m])
        };
        if (c == '*' || c == '_') && (italic || opens_italic(c)) {
            let closing_ok =
                !italic || (chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric()) || c == '*');
            if closing_ok {
                push(&mut spans, &mut current, bold, italic);
                italic = !italic;
                i += 1;
                continue;
            }
        }
        current.push(c);
        i += 1;
    }
    push(&mut spans, &mut current, bold, italic);
    spans
}

/// The plain text of spans.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Span {
        Span {
            text: text.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn blocks_of_a_letter() {
        let body = "Dear President,\nwe write.\n\n## Our request\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\nSincerely,";
        assert_eq!(
            parse(body),
            vec![
                Block::Paragraph(vec![span("Dear President, we write.", false, false)]),
                Block::Heading(2, vec![span("Our request", false, false)]),
                Block::Bullets(vec![
                    vec![span("one", false, false)],
                    vec![span("two continued", false, false)]
                ]),
                Block::Numbered(
                    1,
                    vec![
                        vec![span("first", false, false)],
                        vec![span("second", false, false)]
                    ]
                ),
                Block::Paragraph(vec![span("Sincerely,", false, false)]),
            ]
        );
    }

    #[test]
    fn emphasis_and_stray_markers() {
        assert_eq!(
            inline("a **b** *c* _d_"),
            vec![
                span("a ", false, false),
                span("b", true, false),
                span(" ", false, false),
                span("c", false, true),
                span(" ", false, false),
                span("d", false, true),
            ]
        );
        assert_eq!(
            inline("5 * 3 and snake_case"),
            vec![span("5 * 3 and snake_case", false, false)]
        );
        assert_eq!(inline("\\*not\\*"), vec![span("*not*", false, false)]);
    }
}

//! The signatory list as plain text and as Markdown, for pasting under a
//! press release or onto a web page: the letter's heading ("Members and
//! supporters of the Coalition include:"), then one line per signatory in
//! the letter's label style, organisations first, then individuals, then
//! "and N individuals who asked not to be named".
//!
//! The lists are flat (one line per signatory, each with its country) even
//! when the PDF groups them under country or tier headings: a press release
//! pastes lines, and a line must stand on its own.

use crate::error::Result;
use crate::model::LetterId;
use crate::store::Store;

use super::list::SignatoryList;

/// The list as plain text, one signatory a line.
pub fn signatories_text(store: &Store, letter: LetterId) -> Result<String> {
    Ok(list_text(&SignatoryList::build(store, letter)?))
}

/// The list as Markdown: a bold heading and a bullet list.
pub fn signatories_markdown(store: &Store, letter: LetterId) -> Result<String> {
    Ok(list_markdown(&SignatoryList::build(store, letter)?))
}

/// Plain text of a built list.
pub fn list_text(list: &SignatoryList) -> String {
    let mut out = String::new();
    out.push_str(&list.heading);
    out.push_str("\n\n");
    for group in &list.organisations {
        for entry in &group.entries {
            out.push_str(&entry.line);
            out.push('\n');
        }
    }
    if let Some(heading) = &list.individuals_heading {
        out.push('\n');
        out.push_str(heading);
        out.push_str(":\n");
        for entry in &list.individuals {
            out.push_str(&entry.line);
            out.push('\n');
        }
    }
    if let Some(line) = list.unnamed_line() {
        out.push('\n');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Markdown of a built list. Names are escaped, so an organisation called
/// `*NSYNC Fans_` prints as written instead of turning bold.
pub fn list_markdown(list: &SignatoryList) -> String {
    let mut out = String::new();
    out.push_str(&format!("**{}**\n\n", escape_markdown(&list.heading)));
    for group in &list.organisations {
        for entry in &group.entries {
            out.push_str("- ");
            out.push_str(&escape_markdown(&entry.line));
            out.push('\n');
        }
    }
    if let Some(heading) = &list.individuals_heading {
        out.push_str(&format!("\n*{}:*\n\n", escape_markdown(heading)));
        for entry in &list.individuals {
            out.push_str("- ");
            out.push_str(&escape_markdown(&entry.line));
            out.push('\n');
        }
    }
    if let Some(line) = list.unnamed_line() {
        out.push('\n');
        out.push_str(&escape_markdown(&line));
        out.push('\n');
    }
    out
}

/// Backslash-escapes the characters Markdown gives meaning to.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if "\\`*_{}[]<>()#+-.!|~".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_it_must() {
        assert_eq!(
            escape_markdown("*NSYNC_ [x](y)"),
            "\\*NSYNC\\_ \\[x\\]\\(y\\)"
        );
        assert_eq!(escape_markdown("NK Watch"), "NK Watch");
    }
}

//! The signed letter as a PDF: letterhead, place and date, recipient, title,
//! body (with the headline figures where it asks for them), the signatory
//! heading and the list, in one or two columns, with "Page 2 of 5" at the
//! foot of every page.
//!
//! All text is shaped by parley (so Arabic joins and runs right to left,
//! Thai and Korean break where they should, and nothing falls back to a
//! font the user's machine may lack) and reaches printpdf as positioned
//! glyph ids. Each PDF embeds only the glyphs it uses: the bundled faces are
//! subset here (the `subsetter` crate) before printpdf sees them, with a
//! ToUnicode map so every word can be copied and searched.

mod fonts;
mod layout;
mod write;

use std::path::PathBuf;

use parley::Alignment;
use serde::{Deserialize, Serialize};

use crate::country::Language;
use crate::error::{Error, Result};
use crate::model::{Letter, LetterId};
use crate::store::Store;
use crate::tally::Tally;

use super::body::{self, Block, Span};
use super::list::{dateline, fill_placeholders, SignatoryList};
use layout::{Flow, Geometry, Style, StyledText};

/// Paper sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// Parses `a4` or `letter`.
    pub fn parse(text: &str) -> Result<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" | "us letter" => Ok(Paper::Letter),
            _ => Err(Error::invalid(
                "paper",
                format!("\"{}\" is not a4 or letter", text.trim()),
            )),
        }
    }
}

/// The sending organisation's letterhead at the top of page 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Letterhead {
    /// Printed in bold at the top, e.g. "International Coalition to Stop
    /// Crimes Against Humanity in North Korea".
    pub organisation: String,
    /// A PNG or JPEG logo, printed at the left of the name.
    pub logo: Option<PathBuf>,
}

/// How to print a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PdfOptions {
    pub paper: Paper,
    /// Columns of the signatory list: 1 or 2.
    pub columns: u8,
    pub letterhead: Option<Letterhead>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            paper: Paper::A4,
            columns: 2,
            letterhead: None,
        }
    }
}

/// Body text size, in points.
const BODY: f32 = 10.5;
/// Signatory list size, in points.
const LIST: f32 = 9.5;
/// Line height of the signatory list, as a multiple of its size.
const LIST_LEADING: f32 = 1.25;
/// Gap between list columns, in points.
const GAP: f32 = 20.0;
/// Logo height, in points.
const LOGO: f32 = 36.0;

/// Renders the signed letter as a PDF.
pub fn render_letter(store: &Store, letter: LetterId, options: &PdfOptions) -> Result<Vec<u8>> {
    if !(1..=2).contains(&options.columns) {
        return Err(Error::invalid(
            "columns",
            format!("{} columns: choose 1 or 2", options.columns),
        ));
    }
    let letter = store.letter(letter)?;
    let list = SignatoryList::build(store, letter.id)?;
    let tally = store.tally(letter.id)?;
    let logo = match options.letterhead.as_ref().and_then(|l| l.logo.as_ref()) {
        Some(path) => Some(write::Logo::load(path)?),
        None => None,
    };
    let author = match letter.lead_coalition_id {
        Some(id) => store.organisation(id)?.name,
        None => options
            .letterhead
            .as_ref()
            .map(|l| l.organisation.clone())
            .unwrap_or_default(),
    };

    let mut engine = fonts::engine()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let (w, h) = options.paper.size();
    let geometry = Geometry {
        width: w,
        height: h,
        left: 64.0,
        right: 64.0,
        top: 60.0,
        bottom: 64.0,
    };
    let mut flow = Flow::new(&mut engine, geometry);
    let logo_at = front_matter(&mut flow, &letter, options, logo.as_ref());
    letter_body(&mut flow, &letter, &tally);
    signatories(&mut flow, &list, options.columns);
    page_numbers(&mut flow, letter.language);

    let pages = std::mem::take(&mut flow.pages);
    let used = std::mem::take(&mut flow.used);
    let document = write::Document {
        title: &letter.title,
        author: &author,
        subject: &tally.phrase(letter.language),
        language: letter.language,
        width: w,
        height: h,
        logo: logo.zip(logo_at),
    };
    write::write(&flow.engine.faces, pages, used, &document)
}

fn style(size: f32) -> Style {
    Style {
        size,
        ..Style::default()
    }
}

fn plain(text: &str, style: Style) -> StyledText {
    let mut s = StyledText::default();
    s.push(text, style);
    s
}

/// Letterhead, date line, recipient and title. Returns where the logo goes.
fn front_matter(
    flow: &mut Flow<'_>,
    letter: &Letter,
    options: &PdfOptions,
    logo: Option<&write::Logo>,
) -> Option<(f32, f32, f32)> {
    let lang = letter.language;
    let mut logo_at = None;
    if let Some(head) = &options.letterhead {
        let indent = match logo {
            Some(l) => {
                let width = LOGO * l.aspect();
                logo_at = Some((flow.geometry.left, flow.y, LOGO));
                width + 12.0
            }
            None => 0.0,
        };
        let top = flow.y;
        if !head.organisation.trim().is_empty() {
            let name = Style {
                bold: true,
                ..style(13.0)
            };
            let lh = 13.0 * layout::leading();
            if logo.is_some() {
                flow.y = top + (LOGO - lh) / 2.0;
            }
            flow.block(
                &plain(head.organisation.trim(), name),
                indent,
                Alignment::Start,
                0.0,
            );
        }
        if logo.is_some() {
            flow.y = flow.y.max(top + LOGO);
        }
        flow.space(6.0);
        flow.rule();
        flow.space(14.0);
    }
    let dateline = dateline(letter);
    if let Some(line) = dateline {
        flow.block(&plain(&line, style(BODY)), 0.0, Alignment::End, 0.0);
        flow.space(BODY);
    }
    if let Some(recipient) = &letter.recipient {
        let label = match lang {
            Language::En => "To: ",
            Language::Ko => "수신: ",
        };
        let mut s = StyledText::default();
        s.push(
            label,
            Style {
                bold: true,
                ..style(BODY)
            },
        );
        s.push(recipient, style(BODY));
        flow.block(&s, 0.0, Alignment::Start, 0.0);
        flow.space(BODY);
    }
    let title = Style {
        bold: true,
        ..style(16.0)
    };
    flow.block(
        &plain(&letter.title, title),
        0.0,
        Alignment::Start,
        2.0 * BODY,
    );
    flow.space(BODY);
    logo_at
}

fn styled_spans(spans: &[Span], size: f32, bold: bool) -> StyledText {
    let mut s = StyledText::default();
    for span in spans {
        s.push(
            &span.text,
            Style {
                size,
                bold: bold || span.bold,
                italic: span.italic,
                grey: false,
            },
        );
    }
    if s.text.is_empty() {
        s.push(" ", style(size));
    }
    s
}

fn fill(spans: &[Span], tally: &Tally, lang: Language) -> Vec<Span> {
    spans
        .iter()
        .map(|s| Span {
            text: fill_placeholders(&s.text, tally, lang),
            ..s.clone()
        })
        .collect()
}

/// The body: paragraphs, headings and lists.
fn letter_body(flow: &mut Flow<'_>, letter: &Letter, tally: &Tally) {
    let lang = letter.language;
    let line = BODY * layout::leading();
    for block in body::parse(&letter.body) {
        match block {
            Block::Heading(level, spans) => {
                let size = match level {
                    1 => 14.0,
                    2 => 12.0,
                    _ => 11.0,
                };
                flow.space(0.6 * BODY);
                flow.block(
                    &styled_spans(&fill(&spans, tally, lang), size, true),
                    0.0,
                    Alignment::Start,
                    2.0 * line,
                );
                flow.space(0.3 * BODY);
            }
            Block::Paragraph(spans) => {
                flow.block(
                    &styled_spans(&fill(&spans, tally, lang), BODY, false),
                    0.0,
                    Alignment::Justify,
                    0.0,
                );
                flow.space(0.7 * BODY);
            }
            Block::Bullets(items) => {
                list_items(flow, &items, tally, lang, |_| "•".to_string());
            }
            Block::Numbered(start, items) => {
                list_items(flow, &items, tally, lang, |i| {
                    format!("{}.", start as usize + i)
                });
            }
        }
    }
}

fn list_items(
    flow: &mut Flow<'_>,
    items: &[Vec<Span>],
    tally: &Tally,
    lang: Language,
    marker: impl Fn(usize) -> String,
) {
    let indent = 1.6 * BODY;
    for (i, item) in items.iter().enumerate() {
        let (top, rtl) = flow.block(
            &styled_spans(&fill(item, tally, lang), BODY, false),
            indent,
            Alignment::Start,
            0.0,
        );
        let page = flow.pages.len() - 1;
        // The marker goes where the item's lines start: on the right of a
        // right-to-left item.
        let left = if rtl {
            flow.geometry.width - flow.geometry.right - indent + 0.3 * BODY
        } else {
            flow.geometry.left + 0.3 * BODY
        };
        flow.fixed_line(
            page,
            &plain(&marker(i), style(BODY)),
            left,
            indent,
            top,
            Alignment::Start,
        );
        flow.space(0.25 * BODY);
    }
    flow.space(0.45 * BODY);
}

/// What an item of the list is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Heading,
    Entry,
    Note,
}

/// The signatory heading and the list, in columns.
fn signatories(flow: &mut Flow<'_>, list: &SignatoryList, columns: u8) {
    let mut items: Vec<(String, Item)> = Vec::new();
    let by_country = list.grouped_by_country();
    for group in &list.organisations {
        if let Some(h) = &group.heading {
            items.push((h.clone(), Item::Heading));
        }
        for e in &group.entries {
            let line = if by_country {
                &e.line_without_country
            } else {
                &e.line
            };
            items.push((line.clone(), Item::Entry));
        }
    }
    if let Some(h) = &list.individuals_heading {
        items.push((h.clone(), Item::Heading));
        for e in &list.individuals {
            items.push((e.line.clone(), Item::Entry));
        }
    }
    if let Some(line) = list.unnamed_line() {
        items.push((line, Item::Note));
    }

    flow.space(0.5 * BODY);
    let heading = Style {
        bold: true,
        ..style(BODY + 0.5)
    };
    let first_line = LIST * LIST_LEADING;
    flow.block(
        &plain(&list.heading, heading),
        0.0,
        Alignment::Start,
        2.0 * first_line,
    );
    flow.space(0.4 * BODY);
    if items.is_empty() {
        return;
    }

    // One layout for the whole list: each item a paragraph.
    let columns = columns.max(1);
    let col_width =
        (flow.geometry.content_width() - GAP * f32::from(columns - 1)) / f32::from(columns);
    let indent = LIST;
    let mut styled = StyledText::default();
    let mut starts = Vec::with_capacity(items.len());
    for (i, (text, kind)) in items.iter().enumerate() {
        starts.push(styled.text.len());
        let st = Style {
            bold: *kind == Item::Heading,
            italic: *kind == Item::Note,
            ..style(LIST)
        };
        // Names keep their hyphens on one line ("Timor-Leste").
        let shown = if *kind == Item::Entry {
            text.replace('-', "\u{2011}")
        } else {
            text.clone()
        };
        styled.push(&shown, st);
        if i + 1 < items.len() {
            styled.push("\n", st);
        }
    }
    let layout = layout::shape(
        flow.engine,
        &styled,
        col_width - indent,
        Alignment::Start,
        LIST_LEADING,
    );
    let mut lines_of: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for i in 0..layout.len() {
        if let Some(line) = layout.get(i) {
            let start = line.text_range().start;
            let k = starts.partition_point(|s| *s <= start).saturating_sub(1);
            lines_of[k].push(i);
        }
    }
    let height = |i: usize| {
        layout
            .get(i)
            .map(|l| l.metrics().line_height)
            .unwrap_or(0.0)
    };

    let heights: Vec<f32> = (0..layout.len()).map(height).collect();
    let kinds: Vec<Item> = items.iter().map(|i| i.1).collect();
    let columns = columns as usize;
    let limit = flow.geometry.limit();
    let top = flow.geometry.top;
    let mut placed = plan(&lines_of, &kinds, &heights, 0, flow.y, top, limit, columns);

    // Balance the columns of the list's last page: the shortest column
    // height that still fits what is there.
    let last_page = placed.last().map(|p| p.page).unwrap_or(0);
    if columns > 1 && !placed.is_empty() {
        let first = placed.iter().position(|p| p.page == last_page).unwrap_or(0);
        let item0 = placed[first].item;
        let col_top = if last_page == 0 { flow.y } else { top };
        let total: f32 = placed[first..].iter().map(|p| heights[p.line]).sum();
        let mut try_limit = col_top + total / columns as f32;
        while try_limit < limit {
            let again = plan(
                &lines_of, &kinds, &heights, item0, col_top, top, try_limit, columns,
            );
            if again.iter().all(|p| p.page == 0) {
                placed.truncate(first);
                placed.extend(again.into_iter().map(|p| Placed {
                    page: last_page,
                    ..p
                }));
                break;
            }
            try_limit += LIST;
        }
    }

    let first_page = flow.pages.len() - 1;
    let mut bottom = flow.y;
    for p in &placed {
        while flow.pages.len() <= first_page + p.page {
            flow.new_page();
        }
        let x = flow.geometry.left
            + p.col as f32 * (col_width + GAP)
            + if p.continued { indent } else { 0.0 };
        let Flow {
            engine,
            pages,
            used,
            ..
        } = &mut *flow;
        layout::place_line(
            engine,
            &layout,
            &styled.text,
            p.line,
            x,
            p.y,
            false,
            &mut pages[first_page + p.page],
            used,
        );
        if p.page == last_page {
            bottom = bottom.max(p.y + heights[p.line]);
        }
    }
    flow.y = bottom;
}

/// Where one line of the signatory list goes.
#[derive(Clone, Copy, Debug)]
struct Placed {
    item: usize,
    line: usize,
    /// Pages after the one the list starts on.
    page: usize,
    col: usize,
    y: f32,
    /// A wrapped line of an entry, indented.
    continued: bool,
}

/// Places the lines of items `from..` in columns: a heading stays with the
/// first line of what follows, an entry's lines stay together unless the
/// entry is taller than a column.
#[allow(clippy::too_many_arguments)]
fn plan(
    lines_of: &[Vec<usize>],
    kinds: &[Item],
    heights: &[f32],
    from: usize,
    start: f32,
    page_top: f32,
    limit: f32,
    columns: usize,
) -> Vec<Placed> {
    let mut out = Vec::new();
    let (mut page, mut col, mut col_top, mut y) = (0, 0, start, start);
    let next_column = |page: &mut usize, col: &mut usize, col_top: &mut f32, y: &mut f32| {
        *col += 1;
        if *col >= columns {
            *page += 1;
            *col = 0;
            *col_top = page_top;
        }
        *y = *col_top;
    };
    for (k, lines) in lines_of.iter().enumerate().skip(from) {
        let kind = kinds[k];
        let h: f32 = lines.iter().map(|i| heights[*i]).sum();
        let mut before = if kind != Item::Entry && y > col_top {
            0.6 * LIST
        } else {
            0.0
        };
        let after = if kind == Item::Heading {
            lines_of
                .get(k + 1)
                .and_then(|l| l.first())
                .map(|i| heights[*i])
                .unwrap_or(0.0)
        } else {
            0.0
        };
        if y + before + h + after > limit && y > col_top {
            next_column(&mut page, &mut col, &mut col_top, &mut y);
            before = 0.0;
        }
        y += before;
        for (j, line) in lines.iter().enumerate() {
            let lh = heights[*line];
            if y + lh > limit && y > col_top {
                next_column(&mut page, &mut col, &mut col_top, &mut y);
            }
            out.push(Placed {
                item: k,
                line: *line,
                page,
                col,
                y,
                continued: j > 0,
            });
            y += lh;
        }
    }
    out
}

/// "Page 2 of 5" at the foot of every page.
fn page_numbers(flow: &mut Flow<'_>, lang: Language) {
    let total = flow.pages.len();
    let g = flow.geometry;
    let foot = Style {
        grey: true,
        ..style(8.0)
    };
    for page in 0..total {
        let text = match lang {
            Language::En => format!("Page {} of {total}", page + 1),
            Language::Ko => format!("{total}쪽 중 {}쪽", page + 1),
        };
        flow.fixed_line(
            page,
            &plain(&text, foot),
            g.left,
            g.content_width(),
            g.height - g.bottom + 24.0,
            Alignment::Center,
        );
    }
}

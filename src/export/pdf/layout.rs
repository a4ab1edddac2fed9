//! Page layout: shaped text (parley) placed on pages as positioned glyphs.
//!
//! A [`Flow`] fills pages top to bottom. Each block of text is shaped and
//! broken into lines by parley at the width it gets; lines move to the next
//! page (or the next column of the signatory list) when they do not fit.
//! What comes out is a list of pages holding glyph runs with their exact
//! positions, plus, for every glyph used, the text it stands for (so the
//! PDF's ToUnicode map makes the text copyable and searchable).

use std::collections::HashMap;
use std::ops::Range;

use parley::{
    Alignment, AlignmentOptions, FontFamily, FontFamilyName, FontStyle, FontWeight, Layout,
    LineHeight, OverflowWrap, PositionedLayoutItem, StyleProperty,
};

use smallvec::SmallVec;

use super::fonts::{Engine, FAMILIES};

/// A run of glyphs in one face and size, on one baseline.
#[derive(Clone, Debug)]
pub(crate) struct GlyphRun {
    pub face: usize,
    pub size: f32,
    /// Synthetic bold (the face has no bold of its own).
    pub embolden: bool,
    pub grey: bool,
    /// Baseline, in points from the top of the page.
    pub baseline: f32,
    /// Glyph id, x from the page's left edge, and y offset (up is negative,
    /// as in parley).
    pub glyphs: Vec<(u16, f32, f32)>,
    /// The run's text, for scripts whose marks a reader would otherwise
    /// pick up out of order (Thai): written as the run's `/ActualText`.
    pub actual: Option<String>,
}

/// Something drawn on a page.
#[derive(Clone, Debug)]
pub(crate) enum Mark {
    Text(GlyphRun),
    /// A horizontal rule: x from, x to, y from the top.
    Rule(f32, f32, f32),
}

/// One page's marks.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    pub marks: Vec<Mark>,
}

/// A span of text with a style, as the layout gets it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub grey: bool,
}

/// The page's geometry, in points.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }
    pub fn limit(&self) -> f32 {
        self.height - self.bottom
    }
}

/// Text with style ranges, ready to shape.
#[derive(Default)]
pub(crate) struct StyledText {
    pub text: String,
    pub spans: Vec<(Range<usize>, Style)>,
}

impl StyledText {
    pub fn push(&mut self, text: &str, style: Style) {
        let start = self.text.len();
        self.text.push_str(text);
        self.spans.push((start..self.text.len(), style));
    }
}

/// Keeps, for each face, the text each used glyph stands for.
pub(crate) type UsedGlyphs = Vec<HashMap<u16, String>>;

/// The line height, as a multiple of the font size.
const LEADING: f32 = 1.35;

/// Shapes and breaks `styled` at `width`.
pub(crate) fn shape(
    engine: &mut Engine,
    styled: &StyledText,
    width: f32,
    alignment: Alignment,
    leading: f32,
) -> Layout<()> {
    let Engine {
        font_cx, layout_cx, ..
    } = engine;
    let base = styled.spans.first().map(|s| s.1).unwrap_or_default();
    let families: Vec<FontFamilyName<'static>> =
        FAMILIES.iter().map(|f| FontFamilyName::named(f)).collect();
    let mut builder = layout_cx.ranged_builder(font_cx, &styled.text, 1.0, true);
    builder.push_default(StyleProperty::FontFamily(FontFamily::List(families.into())));
    builder.push_default(StyleProperty::FontSize(base.size));
    // A name or address longer than the column breaks rather than running
    // into the next column or off the page.
    builder.push_default(StyleProperty::OverflowWrap(OverflowWrap::BreakWord));
    builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
        leading,
    )));
    let weight = |bold: bool| {
        StyleProperty::FontWeight(if bold {
            FontWeight::BOLD
        } else {
            FontWeight::NORMAL
        })
    };
    let slant = |italic: bool| {
        StyleProperty::FontStyle(if italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        })
    };
    builder.push_default(weight(base.bold));
    builder.push_default(slant(base.italic));
    for (range, style) in &styled.spans {
        if style.size != base.size {
            builder.push(StyleProperty::FontSize(style.size), range.clone());
        }
        if style.bold != base.bold {
            builder.push(weight(style.bold), range.clone());
        }
        if style.italic != base.italic {
            builder.push(slant(style.italic), range.clone());
        }
    }
    let mut layout: Layout<()> = builder.build(&styled.text);
    layout.break_all_lines(Some(width));
    layout.align(alignment, AlignmentOptions::default());
    layout
}

/// The default leading for body text.
pub(crate) fn leading() -> f32 {
    LEADING
}

/// Places line `index` of `layout` with its top at `top` and its left edge
/// at `left`, appending the glyph runs to `page`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn place_line(
    engine: &Engine,
    layout: &Layout<()>,
    text: &str,
    index: usize,
    left: f32,
    top: f32,
    grey: bool,
    page: &mut Page,
    used: &mut UsedGlyphs,
) {
    let Some(line) = layout.get(index) else {
        return;
    };
    let metrics = line.metrics();
    let shift = top - metrics.block_min_coord;
    for item in line.items() {
        let PositionedLayoutItem::GlyphRun(glyph_run) = item else {
            continue;
        };
        let run = glyph_run.run();
        let Some(face) = engine.face_of(run.font()) else {
            continue;
        };
        let mut out = GlyphRun {
            face,
            size: run.font_size(),
            embolden: run.synthesis().embolden(),
            grey,
            baseline: glyph_run.baseline() + shift,
            glyphs: Vec::new(),
            actual: None,
        };
        let marks_reorder = engine.faces[face].name.contains("Thai");
        let mut run_text = String::new();
        let map = &mut used[face];
        let mut pen = left + glyph_run.offset();
        let rtl = run.is_rtl();
        // Text of clusters without glyphs of their own (the "i" of an "fi"
        // ligature, the alef of a lam-alef) joins the ligature's glyph: in
        // left-to-right runs that glyph came before, in right-to-left runs
        // (visited in visual order) it comes after.
        let mut carry = String::new();
        let mut last: Option<(u16, String)> = None;
        let commit = |map: &mut HashMap<u16, String>, item: Option<(u16, String)>| {
            if let Some((gid, meaning)) = item {
                let entry = map.entry(gid).or_default();
                if entry.is_empty() && !meaning.is_empty() {
                    *entry = meaning;
                }
            }
        };
        for cluster in run.visual_clusters() {
            let cluster_text = text.get(cluster.text_range()).unwrap_or("");
            let glyphs: SmallVec<[parley::layout::Glyph; 4]> = cluster.glyphs().collect();
            let chars: SmallVec<[char; 4]> = cluster_text.chars().map(readable).collect();
            if marks_reorder {
                run_text.extend(chars.iter());
            }
            if glyphs.is_empty() {
                match (&mut last, rtl) {
                    (Some((_, meaning)), false) => meaning.extend(chars.iter()),
                    _ => carry.extend(chars.iter()),
                }
                continue;
            }
            let one_each = glyphs.len() == chars.len() && glyphs.len() > 1;
            for (i, g) in glyphs.iter().enumerate() {
                let gid = u16::try_from(g.id).unwrap_or(0);
                out.glyphs.push((gid, pen + g.x, g.y));
                pen += g.advance;
                let mut meaning: String = if one_each {
                    let k = if rtl { chars.len() - 1 - i } else { i };
                    chars[k].to_string()
                } else if i == 0 {
                    chars.iter().collect()
                } else {
                    String::new()
                };
                if i == 0 && !carry.is_empty() {
                    meaning.push_str(&carry);
                    carry.clear();
                }
                // Readers reverse a right-to-left word glyph by glyph, and
                // a ligature's characters with it: store them reversed so
                // they come out in reading order.
                if rtl && meaning.chars().nth(1).is_some() {
                    meaning = meaning.chars().rev().collect();
                }
                commit(map, last.take());
                last = Some((gid, meaning));
            }
        }
        commit(map, last.take());
        if marks_reorder && !run_text.is_empty() {
            out.actual = Some(run_text);
        }
        if !out.glyphs.is_empty() {
            page.marks.push(Mark::Text(out));
        }
    }
}

/// What a glyph means to a reader: a non-breaking hyphen (used to keep
/// names such as "Timor-Leste" on one line) reads as a hyphen.
fn readable(ch: char) -> char {
    match ch {
        '\u{2011}' => '-',
        '\u{00A0}' => ' ',
        other => other,
    }
}

/// Fills pages from top to bottom.
pub(crate) struct Flow<'e> {
    pub engine: &'e mut Engine,
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    /// The top of the free space on the current page.
    pub y: f32,
    pub used: UsedGlyphs,
}

impl<'e> Flow<'e> {
    pub fn new(engine: &'e mut Engine, geometry: Geometry) -> Flow<'e> {
        let faces = engine.faces.len();
        Flow {
            engine,
            geometry,
            pages: vec![Page::default()],
            y: geometry.top,
            used: vec![HashMap::new(); faces],
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geometry.top;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Adds vertical space (dropped at the top of a page).
    pub fn space(&mut self, points: f32) {
        if self.y > self.geometry.top {
            self.y += points;
        }
    }

    /// Whether `points` of height still fit on this page.
    pub fn fits(&self, points: f32) -> bool {
        self.y + points <= self.geometry.limit()
    }

    /// Lays out a block of text across the content width (less `indent`),
    /// line by line, breaking pages between lines. `keep` lines at least
    /// stay together at the start (a heading keeps its first lines).
    pub fn block(
        &mut self,
        styled: &StyledText,
        indent: f32,
        alignment: Alignment,
        keep_with_next: f32,
    ) -> (f32, bool) {
        let width = self.geometry.content_width() - indent;
        let layout = shape(self.engine, styled, width, alignment, LEADING);
        let first = layout
            .get(0)
            .map(|l| l.metrics().line_height)
            .unwrap_or(0.0);
        if !self.fits(first + keep_with_next) && self.y > self.geometry.top {
            self.new_page();
        }
        // The indent is on the side lines start from.
        let left = if layout.is_rtl() {
            self.geometry.left
        } else {
            self.geometry.left + indent
        };
        let mut first_top = None;
        for i in 0..layout.len() {
            let Some(line) = layout.get(i) else { continue };
            let h = line.metrics().line_height;
            if !self.fits(h) && self.y > self.geometry.top {
                self.new_page();
            }
            let top = self.y;
            first_top.get_or_insert(top);
            let Flow {
                engine,
                pages,
                used,
                ..
            } = self;
            let last = pages.len() - 1;
            place_line(
                engine,
                &layout,
                &styled.text,
                i,
                left,
                top,
                styled.spans.first().is_some_and(|s| s.1.grey),
                &mut pages[last],
                used,
            );
            self.y += h;
        }
        (first_top.unwrap_or(self.y), layout.is_rtl())
    }

    /// Places a single line of text at a fixed place (page furniture),
    /// without moving the flow.
    pub fn fixed_line(
        &mut self,
        page: usize,
        styled: &StyledText,
        left: f32,
        width: f32,
        top: f32,
        alignment: Alignment,
    ) {
        let layout = shape(self.engine, styled, width, alignment, LEADING);
        let grey = styled.spans.first().is_some_and(|s| s.1.grey);
        if let Some(target) = self.pages.get_mut(page) {
            for i in 0..layout.len() {
                place_line(
                    self.engine,
                    &layout,
                    &styled.text,
                    i,
                    left,
                    top,
                    grey,
                    target,
                    &mut self.used,
                );
            }
        }
    }

    /// A horizontal rule across the content width at the current position.
    pub fn rule(&mut self) {
        let (l, r, y) = (
            self.geometry.left,
            self.geometry.width - self.geometry.right,
            self.y,
        );
        self.page().marks.push(Mark::Rule(l, r, y));
    }
}

//! The fonts every PDF is set in, bundled in the binary so a letter renders
//! the same on every machine, including one with no Korean font installed
//! (see `docs/adr/0200-fonts.md`): Noto Sans (Latin, Greek, Cyrillic; four
//! styles), Noto Sans Arabic, Noto Sans Thai, and the Korean face of Noto
//! Sans CJK (Hangul, and the Han and kana used in Chinese and Japanese
//! names). All are OFL-licensed (`assets/fonts/OFL.txt`).
//!
//! The shaping engine (parley) knows only these fonts: it never falls back
//! to system fonts, so what the tests see is what every user gets. Fonts are
//! registered once per process; a PDF export locks the engine while it lays
//! out text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use parley::fontique::{Blob, Collection, CollectionOptions, SourceCache};
use parley::{FontContext, FontData, LayoutContext};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// One bundled font face.
pub(crate) struct Face {
    /// The PostScript-style name written into the PDF.
    pub name: &'static str,
    pub data: &'static [u8],
    pub index: u32,
    pub units_per_em: u16,
    /// Advance widths in font units, by glyph id.
    pub advances: Vec<u16>,
}

impl Face {
    /// The advance width PDF viewers use for a glyph, in 1/1000 em: the same
    /// arithmetic printpdf uses to write the `/W` array.
    pub fn pdf_width(&self, gid: u16) -> f32 {
        let raw = self.advances.get(usize::from(gid)).copied().unwrap_or(0);
        (f32::from(raw) * 1000.0 / f32::from(self.units_per_em)).trunc()
    }
}

/// The family names a text style asks for, in fallback order.
pub(crate) const FAMILIES: &[&str] = &[
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Thai",
    "Noto Sans CJK KR",
];

const BUNDLED: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular",
        include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold",
        include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic",
        include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic",
        include_bytes!("../../../assets/fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular",
        include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold",
        include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "NotoSansThai-Regular",
        include_bytes!("../../../assets/fonts/NotoSansThai-Regular.ttf"),
    ),
    (
        "NotoSansThai-Bold",
        include_bytes!("../../../assets/fonts/NotoSansThai-Bold.ttf"),
    ),
    (
        "NotoSansCJKkr-Regular",
        include_bytes!("../../../assets/fonts/NotoSansCJKkr-Regular.otf"),
    ),
];

/// The text engine: parley's contexts over the bundled faces.
pub(crate) struct Engine {
    pub font_cx: FontContext,
    pub layout_cx: LayoutContext<()>,
    pub faces: Vec<Face>,
    by_blob: HashMap<(u64, u32), usize>,
}

impl Engine {
    fn new() -> Engine {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let mut faces = Vec::new();
        let mut by_blob = HashMap::new();
        for (name, data) in BUNDLED {
            let blob = Blob::new(Arc::new(*data));
            let id = blob.id();
            collection.register_fonts(blob, None);
            let (units_per_em, advances) = metrics(data);
            by_blob.insert((id, 0), faces.len());
            faces.push(Face {
                name,
                data,
                index: 0,
                units_per_em,
                advances,
            });
        }
        Engine {
            font_cx: FontContext {
                collection,
                source_cache: SourceCache::default(),
            },
            layout_cx: LayoutContext::new(),
            faces,
            by_blob,
        }
    }

    /// Which bundled face a shaped run uses.
    pub fn face_of(&self, font: &FontData) -> Option<usize> {
        self.by_blob.get(&(font.data.id(), font.index)).copied()
    }
}

fn metrics(data: &[u8]) -> (u16, Vec<u16>) {
    let Ok(font) = FontRef::from_index(data, 0) else {
        return (1000, Vec::new());
    };
    let upm = font.head().map(|h| h.units_per_em()).unwrap_or(1000);
    let count = font.maxp().map(|m| m.num_glyphs()).unwrap_or(0);
    let glyph_metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let advances = (0..count)
        .map(|gid| {
            glyph_metrics
                .advance_width(skrifa::GlyphId::new(u32::from(gid)))
                .unwrap_or(0.0)
                .round() as u16
        })
        .collect();
    (upm, advances)
}

/// The process's text engine, built on first use.
pub(crate) fn engine() -> &'static Mutex<Engine> {
    static ENGINE: OnceLock<Mutex<Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| Mutex::new(Engine::new()))
}

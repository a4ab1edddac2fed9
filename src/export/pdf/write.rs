//! Writing laid-out pages as a PDF with printpdf: each bundled face used is
//! subset to the glyphs the letter needs, then every glyph run becomes a
//! text-matrix move and a `TJ` of glyph ids, with spacing adjustments only
//! where the shaped position differs from the font's own advance (kerning,
//! justification, marks).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Mm, OffsetDateTime, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rgb, TextItem, TextMatrix,
    TextRenderingMode, XObjectTransform,
};
use subsetter::GlyphRemapper;

use super::fonts::Face;
use super::layout::{Mark, Page, UsedGlyphs};
use crate::country::Language;
use crate::error::{Error, Result};

/// A decoded letterhead logo.
pub(crate) struct Logo {
    image: RawImage,
}

impl Logo {
    /// Reads and decodes a PNG or JPEG; errors name the file.
    pub fn load(path: &Path) -> Result<Logo> {
        let bytes = std::fs::read(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let mut warnings = Vec::new();
        let image = RawImage::decode_from_bytes(&bytes, &mut warnings).map_err(|e| {
            Error::invalid(
                "logo",
                format!("{}: not a PNG or JPEG image ({e})", path.display()),
            )
        })?;
        if image.width == 0 || image.height == 0 {
            return Err(Error::invalid(
                "logo",
                format!("{}: the image is empty", path.display()),
            ));
        }
        Ok(Logo { image })
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.image.width as f32 / self.image.height as f32
    }
}

/// What the document says about itself.
pub(crate) struct Document<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub language: Language,
    pub width: f32,
    pub height: f32,
    /// The logo, and its left, top and height in points on page 1.
    pub logo: Option<(Logo, (f32, f32, f32))>,
}

fn pt_to_mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}

/// A six-letter subset tag derived from the glyphs kept, as PDF asks
/// (ISO 32000-1, 9.6.4): different subsets get different tags.
fn subset_tag(face: &str, glyphs: &BTreeSet<u16>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in face
        .bytes()
        .chain(glyphs.iter().flat_map(|g| g.to_be_bytes()))
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

/// A face as embedded in this document.
struct Embedded {
    id: FontId,
    remapper: GlyphRemapper,
}

/// Writes the pages into a PDF.
pub(crate) fn write(
    faces: &[Face],
    pages: Vec<Page>,
    used: UsedGlyphs,
    document: &Document<'_>,
) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(document.title);
    let info = &mut doc.metadata.info;
    info.author = document.author.to_string();
    info.creator = "Undersigned".into();
    info.producer = "Undersigned (printpdf)".into();
    info.subject = document.subject.to_string();
    let now = OffsetDateTime::now();
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;

    // Subset each face used to its glyphs, in glyph-id order.
    let mut embedded: HashMap<usize, Embedded> = HashMap::new();
    for (index, glyphs) in used.iter().enumerate() {
        if glyphs.is_empty() {
            continue;
        }
        let Some(face) = faces.get(index) else {
            continue;
        };
        let kept: BTreeSet<u16> = glyphs.keys().copied().collect();
        let mut remapper = GlyphRemapper::new();
        for gid in &kept {
            remapper.remap(*gid);
        }
        let program = subsetter::subset(face.data, face.index, &remapper).map_err(|e| {
            Error::invalid(
                "font",
                format!("could not subset the bundled font {}: {e}", face.name),
            )
        })?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&program, 0, &mut warnings).ok_or_else(|| {
            Error::invalid(
                "font",
                format!("the subset of {} could not be read back", face.name),
            )
        })?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(face.name, &kept), face.name));
        let id = doc.add_font(&parsed);
        embedded.insert(index, Embedded { id, remapper });
    }

    let logo_id = document
        .logo
        .as_ref()
        .map(|(logo, at)| (doc.add_image(&logo.image), at, logo.image.height));

    let total = pages.len();
    let mut pdf_pages = Vec::with_capacity(total);
    for (number, page) in pages.into_iter().enumerate() {
        let mut ops = Vec::with_capacity(page.marks.len() * 3 + 8);
        if number == 0 {
            if let Some((id, (left, top, height), px_height)) = &logo_id {
                let dpi = *px_height as f32 * 72.0 / *height;
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*left)),
                        translate_y: Some(Pt(document.height - top - height)),
                        dpi: Some(dpi),
                        ..Default::default()
                    },
                });
            }
        }
        let rules: Vec<&Mark> = page
            .marks
            .iter()
            .filter(|m| matches!(m, Mark::Rule(..)))
            .collect();
        if !rules.is_empty() {
            ops.push(Op::SetOutlineColor { col: grey(0.55) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
            for mark in rules {
                if let Mark::Rule(x1, x2, y) = mark {
                    let y = document.height - y;
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point::new(pt_to_mm(*x1), pt_to_mm(y)),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point::new(pt_to_mm(*x2), pt_to_mm(y)),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
            }
        }

        ops.push(Op::StartTextSection);
        let mut font: Option<(usize, f32)> = None;
        let mut bold = false;
        let mut is_grey = false;
        for mark in &page.marks {
            let Mark::Text(run) = mark else { continue };
            let (Some(face), Some(emb)) = (faces.get(run.face), embedded.get(&run.face)) else {
                continue;
            };
            if font != Some((run.face, run.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(emb.id.clone()),
                    size: Pt(run.size),
                });
                font = Some((run.face, run.size));
            }
            if run.embolden != bold {
                bold = run.embolden;
                if bold {
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(run.size * 0.03),
                    });
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                } else {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
            }
            if run.grey != is_grey {
                is_grey = run.grey;
                let col = if is_grey { grey(0.4) } else { grey(0.0) };
                ops.push(Op::SetFillColor { col: col.clone() });
                ops.push(Op::SetOutlineColor { col });
            }
            let texts = &used[run.face];
            if let Some(actual) = &run.actual {
                let mut data = vec![0xFE, 0xFF];
                data.extend(actual.encode_utf16().flat_map(u16::to_be_bytes));
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".into(),
                    properties: DictItem::Dict {
                        map: [(
                            "ActualText".to_string(),
                            DictItem::String {
                                data,
                                literal: false,
                            },
                        )]
                        .into_iter()
                        .collect(),
                    },
                });
            }
            emit_run(&mut ops, run, face, emb, texts, document.height);
            if run.actual.is_some() {
                ops.push(Op::EndMarkedContent);
            }
        }
        ops.push(Op::EndTextSection);
        pdf_pages.push(PdfPage::new(
            pt_to_mm(document.width),
            pt_to_mm(document.height),
            ops,
        ));
    }
    doc.with_pages(pdf_pages);

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    set_language(&mut lo, document.language);
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::invalid("pdf", format!("could not write the PDF: {e}")))?;
    Ok(bytes)
}

/// Deflates every stream that is not compressed yet, at zlib's default
/// level: lopdf's own `compress` uses the best (slowest) level, which costs
/// a fifth of the export time at 10,000 signatories for a few percent of
/// size.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

/// Sets the catalog's `/Lang`, which screen readers and search use.
fn set_language(doc: &mut lopdf::Document, language: Language) {
    let Ok(root) = doc.trailer.get(b"Root").and_then(|r| r.as_reference()) else {
        return;
    };
    if let Ok(catalog) = doc.get_object_mut(root).and_then(|o| o.as_dict_mut()) {
        catalog.set(
            "Lang",
            lopdf::Object::string_literal(match language {
                Language::En => "en",
                Language::Ko => "ko",
            }),
        );
    }
}

/// One glyph run: segments of glyphs on the run's baseline, each a text
/// matrix and a `TJ` whose spacing numbers put every glyph where the shaper
/// put it (to within 1/1000 em).
fn emit_run(
    ops: &mut Vec<Op>,
    run: &super::layout::GlyphRun,
    face: &Face,
    emb: &Embedded,
    texts: &HashMap<u16, String>,
    page_height: f32,
) {
    let units = 1000.0 / run.size;
    let mut segment: Vec<printpdf::Codepoint> = Vec::new();
    // The pen position PDF viewers will compute, in points.
    let mut pen = 0.0f32;
    let mut segment_y = f32::NAN;
    let flush = |ops: &mut Vec<Op>, segment: &mut Vec<printpdf::Codepoint>, x: f32, y: f32| {
        if !segment.is_empty() {
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Pt(page_height - y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(std::mem::take(segment))],
            });
        }
    };
    let mut segment_x = 0.0f32;
    for (gid, x, dy) in &run.glyphs {
        let y = run.baseline + dy;
        let new_gid = emb.remapper.get(*gid).unwrap_or(0);
        let width = face.pdf_width(*gid) / units;
        if segment.is_empty() || y != segment_y {
            flush(ops, &mut segment, segment_x, segment_y);
            segment_x = *x;
            segment_y = y;
            pen = *x;
        } else {
            // Move from where the viewer's pen is to where the glyph goes.
            let diff = (x - pen) * units;
            if diff.abs() >= 1.0 {
                let adjust = diff.round();
                if let Some(last) = segment.last_mut() {
                    last.offset -= adjust;
                }
                pen += adjust / units;
            }
        }
        segment.push(printpdf::Codepoint {
            gid: new_gid,
            offset: 0.0,
            cid: Some(texts.get(gid).cloned().unwrap_or_default()),
        });
        pen += width;
    }
    flush(ops, &mut segment, segment_x, segment_y);
}

//! One entry point for every export kind, for front ends that offer them all
//! from one menu (the desktop app): the bytes of `kind` for a letter, with
//! the PDF in its default layout.

use super::pdf::{render_letter, PdfOptions};
use super::{
    press_release, signatories_csv, signatories_markdown, signatories_text, signatories_xlsx,
    ExportKind,
};
use crate::error::Result;
use crate::model::LetterId;
use crate::store::Store;

/// The file contents of `kind` for `letter`.
pub fn render(store: &Store, letter: LetterId, kind: ExportKind) -> Result<Vec<u8>> {
    match kind {
        ExportKind::Pdf => render_letter(store, letter, &PdfOptions::default()),
        ExportKind::Csv => signatories_csv(store, letter),
        ExportKind::Xlsx => signatories_xlsx(store, letter),
        ExportKind::Text => signatories_text(store, letter).map(String::into_bytes),
        ExportKind::Markdown => signatories_markdown(store, letter).map(String::into_bytes),
        ExportKind::Press => press_release(store, letter).map(String::into_bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_renders_the_sample() {
        let mut store = Store::open_in_memory().unwrap();
        let letter = crate::demo::load(&mut store).unwrap();
        for &kind in ExportKind::ALL {
            let bytes = render(&store, letter, kind).unwrap();
            assert!(!bytes.is_empty(), "{kind:?}");
        }
        let text = String::from_utf8(render(&store, letter, ExportKind::Text).unwrap()).unwrap();
        assert!(text.contains("Burma Partnership"));
        let pdf = render(&store, letter, ExportKind::Pdf).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
}

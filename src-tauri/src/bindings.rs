//! TypeScript types for the UI, generated from the Rust definitions.
//!
//! The UI imports these from `ui/src/bindings/`. They are committed, and the
//! test below fails when they drift from the code; regenerate them with
//! `UPDATE_BINDINGS=1 cargo test -p undersigned-app bindings`.
//!
//! One transformation is applied: ts-rs writes 64-bit integers as `bigint`,
//! but they cross the IPC boundary as JSON numbers (ids and counts, far
//! below 2^53), so the files say `number`.

use std::collections::BTreeMap;
use std::path::Path;

use ts_rs::TS;

/// Writes every type the UI uses (and what they refer to) into `dir`,
/// returning file name -> contents.
pub fn generate(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    macro_rules! export {
        ($($t:ty),+ $(,)?) => {
            $(<$t as TS>::export_all_to(dir).map_err(|e| e.to_string())?;)+
        };
    }
    use undersigned::model::*;
    use undersigned::store::*;
    use undersigned::tally::*;
    export!(
        crate::error::ErrorDto,
        crate::dto::AppInfo,
        crate::dto::Figures,
        crate::dto::CountryOption,
        undersigned::country::Language,
        undersigned::country::CountryLabelStyle,
        Letter,
        LetterInput,
        LetterSummary,
        Organisation,
        OrganisationInput,
        OrganisationFilter,
        Individual,
        IndividualInput,
        Membership,
        Signature,
        SignatureRow,
        SignaturePatch,
        HistoryEntry,
        Figure,
        ExplainedRow,
        SignatoryKind,
        LetterStatus,
        SignatureStatus,
        OrganisationKind,
        Tier,
        ListOrder,
        Channel,
        BackupInfo,
        RestoreInfo,
        crate::intake::ImportDraft,
        crate::intake::ImportProgress,
        ImportDecisions,
        ImportReport,
        RowDecision,
        crate::export::ExportDone,
        undersigned::export::ExportKind,
    );
    let mut files = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        files.insert(name, text.replace("bigint", "number"));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn committed_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
    }

    #[test]
    fn bindings_match_the_committed_files() {
        let tmp = tempfile::tempdir().unwrap();
        let generated = generate(tmp.path()).unwrap();
        let dir = committed_dir();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (name, text) in &generated {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        let mut committed = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            committed.insert(name, std::fs::read_to_string(&path).unwrap());
        }
        assert_eq!(
            committed.keys().collect::<Vec<_>>(),
            generated.keys().collect::<Vec<_>>(),
            "ui/src/bindings has other files than the code generates; \
             run UPDATE_BINDINGS=1 cargo test -p undersigned-app bindings"
        );
        for (name, text) in &generated {
            assert_eq!(
                &committed[name], text,
                "ui/src/bindings/{name} is out of date; \
                 run UPDATE_BINDINGS=1 cargo test -p undersigned-app bindings"
            );
        }
    }
}

//! The commands the UI can invoke: a thin layer over the library.
//!
//! Each command takes plain values or a library input type, makes one call
//! into `undersigned` (checking raw input with its `check()` first where the
//! library asks for it), and returns a library type or a DTO from
//! [`crate::dto`]. No SQL and no business rules live here: anything missing
//! belongs in the library.

use chrono::NaiveDate;
use tauri::State;
use undersigned::country::{CountryCode, Language};
use undersigned::model::{
    Individual, IndividualInput, Letter, LetterId, LetterInput, Membership, NewSignature,
    Organisation, OrganisationId, OrganisationInput, SignatoryRef, Signature, SignatureId, Tier,
};
use undersigned::store::{
    BackupInfo, BackupReason, HistoryEntry, LetterSummary, OrganisationFilter, RestoreInfo,
    SignaturePatch, SignatureRow,
};
use undersigned::tally::{ExplainedRow, Figure};

use crate::dto::{AppInfo, CountryOption, Figures};
use crate::error::{CmdResult, ErrorDto};
use crate::files::{pick_open, Filter};
use crate::state::AppState;

/// Version, database location and whether it opened.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let open_error = state.run(|_| Ok(())).err();
    let backup_dir = state
        .run(|s| s.backup_dir())
        .ok()
        .map(|p| p.display().to_string());
    let backup_warning = state
        .run(|s| Ok(s.backup_warning().map(str::to_string)))
        .ok()
        .flatten();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        backup_warning,
        db_path: state.db_path.as_ref().map(|p| p.display().to_string()),
        open_error,
        backup_dir,
    })
}

/// Loads the sample letter (once) and returns its id.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_sample(state: State<'_, AppState>) -> CmdResult<LetterId> {
    state.run(undersigned::demo::load)
}

/// Every letter with its live figures.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_letters(state: State<'_, AppState>) -> CmdResult<Vec<LetterSummary>> {
    state.run(|s| s.list_letters())
}

/// One letter.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_letter(state: State<'_, AppState>, id: LetterId) -> CmdResult<Letter> {
    state.run(|s| s.letter(id))
}

/// Creates a letter from what the user typed.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_letter(state: State<'_, AppState>, input: LetterInput) -> CmdResult<Letter> {
    let letter = input.check()?;
    state.run(|s| s.create_letter(&letter))
}

/// Replaces a letter's details and text.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_letter(
    state: State<'_, AppState>,
    id: LetterId,
    input: LetterInput,
) -> CmdResult<Letter> {
    let letter = input.check()?;
    state.run(|s| s.update_letter(id, &letter))
}

/// The headline figures of a letter, phrased in `lang`.
#[tauri::command(rename_all = "snake_case")]
pub async fn letter_figures(
    state: State<'_, AppState>,
    letter: LetterId,
    lang: Language,
) -> CmdResult<Figures> {
    state.run(|s| s.tally(letter)).map(|t| Figures::of(t, lang))
}

/// The rows behind one figure.
#[tauri::command(rename_all = "snake_case")]
pub async fn explain_figure(
    state: State<'_, AppState>,
    letter: LetterId,
    figure: Figure,
) -> CmdResult<Vec<ExplainedRow>> {
    state.run(|s| s.tally(letter)).map(|t| t.explain(figure))
}

/// Every signature on a letter, withdrawn ones included.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_signatures(
    state: State<'_, AppState>,
    letter: LetterId,
) -> CmdResult<Vec<SignatureRow>> {
    state.run(|s| s.signatures(letter))
}

/// Adds a confirmed signature entered by hand (or updates an existing one).
#[tauri::command(rename_all = "snake_case")]
pub async fn sign(
    state: State<'_, AppState>,
    letter: LetterId,
    signatory: SignatoryRef,
    tier: Tier,
) -> CmdResult<Signature> {
    let new = NewSignature {
        tier,
        ..NewSignature::confirmed(signatory)
    };
    state.run(|s| s.sign(letter, &new))
}

/// Withdraws a signature: kept, no longer counted.
#[tauri::command(rename_all = "snake_case")]
pub async fn withdraw(
    state: State<'_, AppState>,
    letter: LetterId,
    signatory: SignatoryRef,
) -> CmdResult<Signature> {
    state.run(|s| s.withdraw(letter, signatory))
}

/// Changes a signature's status, tier, consent or overrides.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_signature(
    state: State<'_, AppState>,
    id: SignatureId,
    patch: SignaturePatch,
) -> CmdResult<Signature> {
    state.run(|s| s.update_signature(id, &patch))
}

/// Organisations, narrowed by search, country and kind.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_organisations(
    state: State<'_, AppState>,
    filter: OrganisationFilter,
) -> CmdResult<Vec<Organisation>> {
    state.run(|s| s.list_organisations(&filter))
}

/// One organisation.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_organisation(
    state: State<'_, AppState>,
    id: OrganisationId,
) -> CmdResult<Organisation> {
    state.run(|s| s.organisation(id))
}

/// Every letter an organisation signed (or was asked to).
#[tauri::command(rename_all = "snake_case")]
pub async fn organisation_history(
    state: State<'_, AppState>,
    id: OrganisationId,
) -> CmdResult<Vec<HistoryEntry>> {
    state.run(|s| s.history(id))
}

/// Adds an organisation from what the user typed.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_organisation(
    state: State<'_, AppState>,
    input: OrganisationInput,
) -> CmdResult<Organisation> {
    let org = input.check()?;
    state.run(|s| s.add_organisation(&org))
}

/// Replaces an organisation's details.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_organisation(
    state: State<'_, AppState>,
    id: OrganisationId,
    input: OrganisationInput,
) -> CmdResult<Organisation> {
    let org = input.check()?;
    state.run(|s| s.update_organisation(id, &org))
}

/// Merges a duplicate record into the one to keep; both histories survive.
#[tauri::command(rename_all = "snake_case")]
pub async fn merge_organisations(
    state: State<'_, AppState>,
    keep: OrganisationId,
    duplicate: OrganisationId,
) -> CmdResult<Organisation> {
    state.run(|s| s.merge_organisations(keep, duplicate))
}

/// Individuals, narrowed by words of the name.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_individuals(
    state: State<'_, AppState>,
    search: Option<String>,
) -> CmdResult<Vec<Individual>> {
    state.run(|s| s.list_individuals(search.as_deref()))
}

/// Adds an individual from what the user typed.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_individual(
    state: State<'_, AppState>,
    input: IndividualInput,
) -> CmdResult<Individual> {
    let person = input.check()?;
    state.run(|s| s.add_individual(&person))
}

/// The members of a coalition.
#[tauri::command(rename_all = "snake_case")]
pub async fn coalition_members(
    state: State<'_, AppState>,
    coalition: OrganisationId,
) -> CmdResult<Vec<Membership>> {
    state.run(|s| s.members(coalition))
}

/// Adds a member to a coalition (or updates its role and dates).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_member(
    state: State<'_, AppState>,
    coalition: OrganisationId,
    member: SignatoryRef,
    role: Option<String>,
    joined_on: Option<NaiveDate>,
    left_on: Option<NaiveDate>,
) -> CmdResult<Membership> {
    state.run(|s| s.add_member(coalition, member, role.as_deref(), joined_on, left_on))
}

/// Every country, named in `lang`, for pickers and filters.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_countries(lang: Language) -> CmdResult<Vec<CountryOption>> {
    let mut all: Vec<CountryOption> = CountryCode::all()
        .into_iter()
        .map(|code| CountryOption {
            code,
            name: code.name(lang).to_string(),
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

/// Opens an https link in the user's browser; any other scheme is refused.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_external(app: tauri::AppHandle, url: String) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    crate::security::check_external_url(&url)?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| ErrorDto::app("open_failed", format!("the link could not be opened: {e}")))
}

/// Called by the UI after its first paint; notes the time for `bench/`.
#[tauri::command(rename_all = "snake_case")]
pub async fn ui_ready() -> CmdResult<()> {
    if let Some(file) = crate::hooks::bench_ready_file() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        std::fs::write(&file, now.to_string())
            .map_err(|e| ErrorDto::app("io", format!("{}: {e}", file.display())))?;
    }
    Ok(())
}

/// The backups kept beside the database, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    state.run(|s| s.list_backups())
}

/// Makes a backup now.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    state.run(|s| s.backup_now(BackupReason::Manual))
}

/// Asks for a backup file (starting in the backups folder) and restores it;
/// the current database is kept as a backup first.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<RestoreInfo> {
    let dir = state.run(|s| s.backup_dir()).ok();
    let filter = Filter {
        name: "Undersigned database",
        extensions: &["db"],
    };
    let path = pick_open(&app, dir.as_deref(), filter).await?;
    state.run(|s| s.restore_from(&path))
}

// Typed calls to the app's Rust commands. Every type comes from
// src/bindings/ (generated from Rust); errors arrive as {code, message} and
// the UI branches on `code` only.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { ExportDone } from "../bindings/ExportDone";
import type { ExportKind } from "../bindings/ExportKind";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { RestoreInfo } from "../bindings/RestoreInfo";
import type { CountryOption } from "../bindings/CountryOption";
import type { ErrorDto } from "../bindings/ErrorDto";
import type { ExplainedRow } from "../bindings/ExplainedRow";
import type { Figure } from "../bindings/Figure";
import type { Figures } from "../bindings/Figures";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { ImportDecisions } from "../bindings/ImportDecisions";
import type { ImportDraft } from "../bindings/ImportDraft";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportReport } from "../bindings/ImportReport";
import type { ParsedRow } from "../bindings/ParsedRow";
import type { Individual } from "../bindings/Individual";
import type { IndividualInput } from "../bindings/IndividualInput";
import type { Language } from "../bindings/Language";
import type { Letter } from "../bindings/Letter";
import type { LetterInput } from "../bindings/LetterInput";
import type { LetterSummary } from "../bindings/LetterSummary";
import type { Membership } from "../bindings/Membership";
import type { Organisation } from "../bindings/Organisation";
import type { OrganisationFilter } from "../bindings/OrganisationFilter";
import type { OrganisationInput } from "../bindings/OrganisationInput";
import type { SignatoryRef } from "../bindings/SignatoryRef";
import type { Signature } from "../bindings/Signature";
import type { SignaturePatch } from "../bindings/SignaturePatch";
import type { SignatureRow } from "../bindings/SignatureRow";
import type { Tier } from "../bindings/Tier";

/** An error from a command, with the stable code to branch on. */
export class AppError extends Error {
  code: string;
  constructor(dto: ErrorDto) {
    super(dto.message);
    this.code = dto.code;
  }
}

function isErrorDto(e: unknown): e is ErrorDto {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isErrorDto(e)) throw new AppError(e);
    throw new AppError({ code: "internal", message: String(e) });
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  loadSample: () => call<number>("load_sample"),
  listLetters: () => call<LetterSummary[]>("list_letters"),
  getLetter: (id: number) => call<Letter>("get_letter", { id }),
  createLetter: (input: LetterInput) => call<Letter>("create_letter", { input }),
  updateLetter: (id: number, input: LetterInput) => call<Letter>("update_letter", { id, input }),
  letterFigures: (letter: number, lang: Language) => call<Figures>("letter_figures", { letter, lang }),
  explainFigure: (letter: number, figure: Figure) =>
    call<ExplainedRow[]>("explain_figure", { letter, figure }),
  listSignatures: (letter: number) => call<SignatureRow[]>("list_signatures", { letter }),
  sign: (letter: number, signatory: SignatoryRef, tier: Tier) =>
    call<Signature>("sign", { letter, signatory, tier }),
  withdraw: (letter: number, signatory: SignatoryRef) =>
    call<Signature>("withdraw", { letter, signatory }),
  updateSignature: (id: number, patch: Partial<SignaturePatch>) =>
    call<Signature>("update_signature", { id, patch }),
  listOrganisations: (filter: Partial<OrganisationFilter>) =>
    call<Organisation[]>("list_organisations", { filter }),
  getOrganisation: (id: number) => call<Organisation>("get_organisation", { id }),
  organisationHistory: (id: number) => call<HistoryEntry[]>("organisation_history", { id }),
  addOrganisation: (input: Partial<OrganisationInput>) =>
    call<Organisation>("add_organisation", { input }),
  updateOrganisation: (id: number, input: Partial<OrganisationInput>) =>
    call<Organisation>("update_organisation", { id, input }),
  mergeOrganisations: (keep: number, duplicate: number) =>
    call<Organisation>("merge_organisations", { keep, duplicate }),
  listIndividuals: (search: string | null) => call<Individual[]>("list_individuals", { search }),
  addIndividual: (input: Partial<IndividualInput>) => call<Individual>("add_individual", { input }),
  coalitionMembers: (coalition: number) => call<Membership[]>("coalition_members", { coalition }),
  addMember: (
    coalition: number,
    member: SignatoryRef,
    role: string | null,
    joined_on: string | null,
    left_on: string | null,
  ) => call<Membership>("add_member", { coalition, member, role, joined_on, left_on }),
  listCountries: (lang: Language) => call<CountryOption[]>("list_countries", { lang }),
  openExternal: (url: string) => call<void>("open_external", { url }),
  exportLetter: (letter: number, kind: ExportKind) => call<ExportDone>("export_letter", { letter, kind }),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<BackupInfo>("backup_now"),
  restoreBackup: () => call<RestoreInfo>("restore_backup"),
  previewPaste: (letter: number, text: string) => call<ImportDraft>("preview_paste", { letter, text }),
  previewFile: (letter: number) => call<ImportDraft>("preview_file", { letter }),
  commitImport: (
    letter: number,
    rows: ParsedRow[],
    decisions: ImportDecisions,
    onProgress: (p: ImportProgress) => void,
  ) => {
    const on_progress = new Channel<ImportProgress>();
    on_progress.onmessage = onProgress;
    return call<ImportReport>("commit_import", { letter, rows, decisions, on_progress });
  },
};

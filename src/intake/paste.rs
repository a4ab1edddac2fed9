//! Pasted lists: free text from emails, Word documents and web pages, read
//! the way a careful campaigner reads it.
//!
//! Every input line comes back in [`PasteParse::lines`] as signatories, a
//! heading, or ignored with the reason, so nothing is silently dropped.
//! Headings ("Japan", "South Korea (12)", "International", "Individuals:")
//! apply to the lines under them. A line is read from its end: a country in
//! parentheses, after a comma or after a dash; then an acronym or its
//! expansion in parentheses or after a dash; then whether the rest is a
//! person ("Name, Title, Affiliation") or an organisation whose name has
//! commas in it. Two entries glued on one line are split, and every guess
//! lowers the row's confidence with a reason the user can read.

use serde::{Deserialize, Serialize};

use super::columns::{guess_field, Field};
use super::words::{
    has_organisation_word, is_acronym, is_legal_suffix, is_organisation_word, is_title,
    looks_like_person_name, starts_with_honorific,
};
use super::{Confidence, ParsedRow, RowKind};
use crate::country::{resolve, resolve_name, CountryCode, CountryMatch, Language};
use crate::normalize::tidy;

/// The result of reading a pasted list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PasteParse {
    /// The signatories, in the order of the list.
    pub rows: Vec<ParsedRow>,
    /// Every input line and what became of it.
    pub lines: Vec<LineOutcome>,
}

/// What became of one input line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineOutcome {
    /// 1-based.
    pub line: usize,
    /// The line as pasted, trimmed.
    pub text: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// A line's fate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// One or more signatories: indexes into [`PasteParse::rows`].
    Signatories { rows: Vec<usize> },
    /// A heading that applies to the lines under it.
    Heading { heading: Heading },
    /// Not a signatory, and why.
    Ignored { reason: String },
}

/// A heading and what it means for the lines under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Heading {
    /// "Japan", "South Korea (12)": the country of the rows below.
    Country { country: CountryCode },
    /// "Korea": the rows below need a country chosen.
    AmbiguousCountry { candidates: Vec<CountryCode> },
    /// "International", "Global": the rows below have no country.
    International,
    /// "Regional", "Africa": the rows below have no country.
    Region,
    /// "Individuals": the rows below sign in their own name.
    Individuals,
    /// "National organisations": the rows below are organisations.
    Organisations,
    /// Any other heading ("Members and supporters of the Coalition include:").
    Section,
    /// The header row of a table copied with tabs.
    TableHeader { columns: Vec<Option<Field>> },
}

/// Reads a pasted list. Never fails: what it cannot read is reported in
/// [`PasteParse::lines`] with the reason.
pub fn parse_paste(text: &str) -> PasteParse {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // A trailing newline does not make an extra line.
    let count = if lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.len() - 1
    } else {
        lines.len()
    };
    let cleaned: Vec<String> = lines[..count].iter().map(|l| clean_line(l)).collect();
    let prose: Vec<bool> = cleaned.iter().map(|l| is_prose(l)).collect();
    let intro = find_intro(&cleaned, &prose);
    let mut out = PasteParse::default();
    let mut ctx = Context::default();
    for (i, text) in cleaned.iter().enumerate() {
        let number = i + 1;
        let outcome = match intro {
            Some(k) if i < k => Outcome::Ignored {
                reason: format!("before the list's introduction on line {}", k + 1),
            },
            _ if prose[i] => ignored("a sentence of prose, not a signatory"),
            _ => read_line(text, number, &mut ctx, &mut out.rows),
        };
        out.lines.push(LineOutcome {
            line: number,
            text: tidy(text),
            outcome,
        });
    }
    out
}

/// What the headings above a line say.
#[derive(Default)]
struct Context {
    country: HeadingCountry,
    kind: Option<RowKind>,
    /// The header's fields, and whether its name column says "organisation".
    table: Option<(Vec<Option<Field>>, bool)>,
}

#[derive(Default, Clone)]
enum HeadingCountry {
    #[default]
    Unset,
    Country(CountryCode),
    Ambiguous(Vec<CountryCode>, String),
    NoCountry,
}

/// Removes a byte-order mark, non-breaking and zero-width spaces.
fn clean_line(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}'))
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}' => ' ',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The first line that introduces a list ("... include:", "Signatories:")
/// after prose, when a whole email or web page was pasted.
fn find_intro(lines: &[String], prose: &[bool]) -> Option<usize> {
    let first_prose = prose.iter().position(|p| *p)?;
    for (i, text) in lines.iter().enumerate().skip(first_prose + 1) {
        if !prose[i] && text.ends_with(':') && text.split_whitespace().count() <= 12 {
            let key = text.to_lowercase();
            if [
                "include",
                "signator",
                "signed",
                "undersigned",
                "endorse",
                "supporters",
                "co-sign",
            ]
            .iter()
            .any(|w| key.contains(w))
            {
                return Some(i);
            }
        }
    }
    None
}

/// Whether a line is a sentence of prose rather than a list entry.
fn is_prose(text: &str) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for w in text.split_whitespace() {
        words += 1;
        lower += usize::from(w.chars().next().is_some_and(char::is_lowercase));
    }
    words >= 40 || (words >= 10 && lower * 2 > words)
}

fn read_line(text: &str, number: usize, ctx: &mut Context, rows: &mut Vec<ParsedRow>) -> Outcome {
    if text.is_empty() {
        ctx.table = None;
        return ignored("blank line");
    }
    if text.contains('\t') {
        return read_table_line(text, number, ctx, rows);
    }
    let text = strip_marker(text);
    if text.is_empty() {
        return ignored("only a list marker");
    }
    if !text.chars().any(char::is_alphabetic) {
        return ignored("no letters (a separator or a number)");
    }
    let lower = text.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return ignored("a web address");
    }
    let without_email;
    let mut email_removed = false;
    let text = if has_email(text) {
        // Contact details are personal data: reasons never repeat them.
        without_email = remove_emails(text);
        let rest = without_email
            .trim()
            .trim_end_matches(|c: char| c.is_whitespace() || ",;:-–|/<>[]".contains(c));
        let contact_words = rest.split_whitespace().all(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
                "" | "email" | "e-mail" | "mail" | "contact" | "or" | "at" | "tel" | "phone"
            )
        });
        if contact_words || without_email.trim_end().ends_with(':') {
            return ignored("contains an email address (contact details, not a signatory)");
        }
        email_removed = true;
        rest
    } else {
        text
    };
    if is_navigation(text) {
        return ignored("web page navigation, not a signatory");
    }
    if let Some(heading) = heading_of(text) {
        apply_heading(ctx, &heading, text);
        return Outcome::Heading { heading };
    }
    let first = rows.len();
    for mut row in read_entries(text, number) {
        apply_context(ctx, &mut row);
        if email_removed {
            row.doubt(
                Confidence::Medium,
                "an email address on this line was left out",
            );
        }
        rows.push(row);
    }
    if rows.len() == first {
        return ignored("no signatory could be read");
    }
    Outcome::Signatories {
        rows: (first..rows.len()).collect(),
    }
}

fn ignored(reason: &str) -> Outcome {
    Outcome::Ignored {
        reason: reason.to_string(),
    }
}

fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(w.find('@'), Some(at) if at > 0 && w[at + 1..].contains('.'))
    })
}

/// Whether a line is only a web page's navigation ("Prev  Next", "Back to top").
fn is_navigation(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "prev",
        "previous",
        "next",
        "home",
        "back",
        "to",
        "top",
        "share",
        "print",
        "tweet",
        "menu",
        "more",
        "subscribe",
        "login",
        "page",
        "of",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty() && words.iter().all(|w| WORDS.contains(&w.as_str()))
}

/// The line without its email addresses.
fn remove_emails(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !matches!(w.find('@'), Some(at) if at > 0 && w[at + 1..].contains('.'))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strips a list marker: `1.`, `1)`, `(1)`, `a)`, `-`, `•`, `*`.
fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    let mut chars = t.char_indices();
    let Some((_, first)) = chars.next() else {
        return t;
    };
    const BULLETS: &[char] = &[
        '-', '•', '*', '·', '◦', '▪', '‣', '–', '—', '○', '●', '■', '□', '➢', '►', '✓', '→', '◆',
        '◇', '・',
    ];
    if BULLETS.contains(&first) {
        let rest = &t[first.len_utf8()..];
        // A hyphen needs a space after it ("-Org" may be a name); symbols do not.
        if first != '-' || rest.starts_with(char::is_whitespace) {
            return strip_marker_again(rest.trim_start());
        }
        return t;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=4).contains(&digits) {
        let rest = &t[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')']) {
            if !after.starts_with(|c: char| c.is_ascii_digit()) {
                return after.trim_start();
            }
        }
    }
    if let Some(inner) = t.strip_prefix('(') {
        let digits = inner.chars().take_while(char::is_ascii_digit).count();
        if (1..=4).contains(&digits) && inner[digits..].starts_with(')') {
            return inner[digits + 1..].trim_start();
        }
    }
    let mut it = t.chars();
    if let (Some(a), Some(')'), Some(' ')) = (it.next(), it.next(), it.next()) {
        if a.is_ascii_lowercase() {
            return t[3..].trim_start();
        }
    }
    t
}

fn strip_marker_again(text: &str) -> &str {
    // "- 1. Org" is rare but harmless to read.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=4).contains(&digits) {
        if let Some(after) = text[digits..].strip_prefix(['.', ')']) {
            if after.starts_with(' ') {
                return after.trim_start();
            }
        }
    }
    text
}

/// Words that make a line a section heading ("National organisations").
const CORE_HEADING_WORDS: &[&str] = &[
    "international",
    "global",
    "regional",
    "national",
    "local",
    "organisations",
    "organizations",
    "groups",
    "individuals",
    "individual",
    "signatories",
    "ngos",
    "coalitions",
    "networks",
    "supporters",
    "members",
    "endorsements",
    "endorsers",
    "persons",
    "people",
    "experts",
    "academics",
    "co-signers",
    "cosigners",
];

/// Words that may stand beside them ("Individuals in their own names").
const FILLER_HEADING_WORDS: &[&str] = &[
    "organisation",
    "organization",
    "signatory",
    "and",
    "other",
    "civil",
    "society",
    "of",
    "the",
    "in",
    "their",
    "own",
    "personal",
    "capacity",
    "names",
    "faith",
    "based",
    "faith-based",
    "list",
    "signed",
    "by",
];

/// Reads a line as a heading, if it is one.
fn heading_of(text: &str) -> Option<Heading> {
    let had_colon = text.ends_with(':') || text.ends_with('：');
    let mut t = text.trim_end_matches([':', '：']).trim();
    // "South Korea (12)", "Japan - 4"
    if let Some(open) = t.rfind('(') {
        let inner = &t[open + 1..];
        if let Some(n) = inner.strip_suffix(')') {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                t = t[..open].trim();
            }
        }
    }
    if let Some((left, right)) = t.rsplit_once(" - ") {
        if right.trim().chars().all(|c| c.is_ascii_digit()) && !right.trim().is_empty() {
            t = left.trim();
        }
    }
    if t.is_empty() {
        return None;
    }
    let short = t.len() <= 60;
    match if short {
        resolve_name(t)
    } else {
        CountryMatch::Unknown
    } {
        CountryMatch::Country(c) => return Some(Heading::Country { country: c }),
        CountryMatch::Ambiguous(c) => return Some(Heading::AmbiguousCountry { candidates: c }),
        CountryMatch::International => return Some(Heading::International),
        CountryMatch::Region => return Some(Heading::Region),
        CountryMatch::Unknown => {}
    }
    // Headings are short: a long line is a signatory (or prose).
    let words: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .take(13)
        .collect();
    let in_list = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let all_heading_words = words.len() <= 6
        && words
            .iter()
            .all(|w| in_list(w, CORE_HEADING_WORDS) || in_list(w, FILLER_HEADING_WORDS));
    let has = |list: &[&str]| words.iter().any(|w| in_list(w, list));
    if all_heading_words && has(CORE_HEADING_WORDS) {
        return Some(
            if has(&[
                "individuals",
                "individual",
                "persons",
                "people",
                "personal",
                "experts",
                "academics",
            ]) {
                Heading::Individuals
            } else if has(&["international", "global"]) {
                Heading::International
            } else if has(&["regional"]) {
                Heading::Region
            } else if has(&[
                "organisations",
                "organizations",
                "groups",
                "ngos",
                "coalitions",
                "networks",
            ]) {
                Heading::Organisations
            } else {
                Heading::Section
            },
        );
    }
    if had_colon && words.len() <= 12 && !t.contains('(') && !t.contains(',') {
        return Some(Heading::Section);
    }
    None
}

fn apply_heading(ctx: &mut Context, heading: &Heading, text: &str) {
    let label = text.trim_end_matches([':', '：']).trim().to_string();
    ctx.table = None;
    match heading {
        Heading::Country { country } => ctx.country = HeadingCountry::Country(*country),
        Heading::AmbiguousCountry { candidates } => {
            ctx.country = HeadingCountry::Ambiguous(candidates.clone(), label)
        }
        Heading::International | Heading::Region => {
            ctx.country = HeadingCountry::NoCountry;
            ctx.kind = None;
        }
        Heading::Individuals => {
            ctx.country = HeadingCountry::Unset;
            ctx.kind = Some(RowKind::Individual);
        }
        Heading::Organisations => {
            ctx.country = HeadingCountry::Unset;
            ctx.kind = Some(RowKind::Organisation);
        }
        Heading::Section => {
            ctx.country = HeadingCountry::Unset;
            ctx.kind = None;
        }
        Heading::TableHeader { .. } => {}
    }
}

/// Applies the headings above a row: their country when the row gives
/// none, their kind when the row's own form does not decide it.
fn apply_context(ctx: &Context, row: &mut ParsedRow) {
    if row.country.is_none() && !row.reasons.iter().any(|r| r.contains("is ambiguous")) {
        match &ctx.country {
            HeadingCountry::Country(c) => row.country = Some(*c),
            HeadingCountry::Ambiguous(candidates, label) => {
                row.doubt(Confidence::Low, ambiguous_reason(label, candidates));
            }
            HeadingCountry::Unset | HeadingCountry::NoCountry => {}
        }
    }
    match ctx.kind {
        Some(RowKind::Individual) if row.kind == RowKind::Organisation => {
            if row.acronym.is_none() && !has_organisation_word(&row.name) {
                row.kind = RowKind::Individual;
                row.reasons.retain(|r| r != LOOKS_LIKE_PERSON);
            } else {
                row.doubt(
                    Confidence::Medium,
                    "listed under a heading for individuals but reads as an organisation",
                );
            }
        }
        Some(RowKind::Individual) => {
            // The heading confirms the guess.
            row.reasons.retain(|r| r != LOOKS_LIKE_PERSON);
            if row.reasons.is_empty() {
                row.confidence = Confidence::High;
            }
        }
        Some(RowKind::Organisation)
            if row.kind == RowKind::Individual
                && row.title.is_none()
                && row.affiliation.is_none() =>
        {
            row.kind = RowKind::Organisation;
            row.reasons.retain(|r| r != LOOKS_LIKE_PERSON);
            row.doubt(
                Confidence::Medium,
                "looks like a person, but listed under a heading for organisations",
            );
        }
        _ => {}
    }
}

const LOOKS_LIKE_PERSON: &str = "looks like a person";

fn ambiguous_reason(text: &str, candidates: &[CountryCode]) -> String {
    format!(
        "'{}' is ambiguous ({}): choose the country",
        text,
        candidates
            .iter()
            .map(|c| c.name(Language::En))
            .collect::<Vec<_>>()
            .join(" or ")
    )
}

/// A tab-separated line copied from a table.
fn read_table_line(
    text: &str,
    number: usize,
    ctx: &mut Context,
    rows: &mut Vec<ParsedRow>,
) -> Outcome {
    let cells: Vec<String> = text.split('\t').map(|c| tidy(c.trim())).collect();
    if cells.iter().all(|c| c.is_empty()) {
        return ignored("blank table row");
    }
    if ctx.table.is_none() {
        let guesses: Vec<Option<Field>> = cells.iter().map(|c| guess_field(c)).collect();
        let known = guesses.iter().filter(|g| g.is_some()).count();
        let has_name = guesses
            .iter()
            .any(|g| matches!(g, Some(Field::Name | Field::Individual)));
        let countries = cells
            .iter()
            .filter(|c| !matches!(resolve_name(c), CountryMatch::Unknown))
            .count();
        if has_name && known * 2 >= cells.iter().filter(|c| !c.is_empty()).count() && countries == 0
        {
            ctx.table = Some((guesses.clone(), names_organisations(&cells, &guesses)));
            return Outcome::Heading {
                heading: Heading::TableHeader { columns: guesses },
            };
        }
    }
    let (columns, organisations) = match &ctx.table {
        Some(table) => table.clone(),
        None => (infer_columns(&cells), false),
    };
    let row = row_from_cells(&cells, &columns, number, organisations);
    match row {
        Some(mut row) => {
            apply_context(ctx, &mut row);
            rows.push(row);
            Outcome::Signatories {
                rows: vec![rows.len() - 1],
            }
        }
        None => ignored("no name in this table row"),
    }
}

/// Whether a header's name column says it holds organisations
/// ("Organisation name", "단체명"), so names in it that look like a
/// person's are still organisations.
pub(crate) fn names_organisations(headers: &[String], fields: &[Option<Field>]) -> bool {
    headers.iter().zip(fields).any(|(h, f)| {
        let h = h.to_lowercase();
        *f == Some(Field::Name)
            && ["organi", "group", "ngo", "단체", "기관", "団体"]
                .iter()
                .any(|w| h.contains(w))
    })
}

/// Guesses what each cell of a header-less table row holds.
pub(crate) fn infer_columns(cells: &[String]) -> Vec<Option<Field>> {
    let mut columns: Vec<Option<Field>> = vec![None; cells.len()];
    let mut name_seen = false;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let country_like = i > 0 && !matches!(resolve(cell), CountryMatch::Unknown);
        columns[i] = Some(if country_like && !name_seen {
            Field::Name
        } else if country_like {
            Field::Country
        } else if !name_seen {
            Field::Name
        } else if is_acronym(cell) && !columns.contains(&Some(Field::Acronym)) {
            Field::Acronym
        } else if is_title(cell) && !columns.contains(&Some(Field::Title)) {
            Field::Title
        } else {
            Field::Affiliation
        });
        name_seen = true;
    }
    columns
}

/// Builds a row from table cells and their fields (shared with the table
/// reader). `None` when the row has no name.
pub(crate) fn row_from_cells(
    cells: &[String],
    columns: &[Option<Field>],
    line: usize,
    organisations: bool,
) -> Option<ParsedRow> {
    let get = |field: Field| -> Option<&str> {
        columns
            .iter()
            .zip(cells)
            .find(|(f, c)| **f == Some(field) && !c.trim().is_empty())
            .map(|(_, c)| c.trim())
    };
    let org_name = get(Field::Name);
    let person_name = get(Field::Individual);
    let kind_cell = get(Field::Kind).map(|k| k.to_lowercase());
    let says_individual = kind_cell
        .as_deref()
        .is_some_and(|k| k.contains("individ") || k.contains("person") || k.contains("개인"));
    let says_organisation = kind_cell
        .as_deref()
        .is_some_and(|k| k.contains("organi") || k.contains("group") || k.contains("단체"));
    let (name_text, forced) = match (org_name, person_name) {
        (Some(_), Some(p)) if says_individual => (p, Some(RowKind::Individual)),
        (Some(o), _) if !says_individual => (
            o,
            (says_organisation || organisations || person_name.is_some())
                .then_some(RowKind::Organisation),
        ),
        (Some(o), None) => (o, Some(RowKind::Individual)),
        (_, Some(p)) => (p, Some(RowKind::Individual)),
        (None, None) => return None,
    };
    let mut row = read_single(name_text, line, forced);
    if row.name.is_empty() {
        // Only punctuation where the name should be (",,,").
        return None;
    }
    if forced == Some(RowKind::Individual) && org_name.is_some() && person_name.is_some() {
        // Signing as a person, with their organisation as affiliation.
        row.affiliation = row.affiliation.or(org_name.map(str::to_string));
    }
    if let Some(a) = get(Field::Acronym) {
        row.acronym = Some(a.to_string());
    }
    if let Some(t) = get(Field::Title) {
        row.title = Some(t.to_string());
    }
    if let Some(a) = get(Field::Affiliation) {
        row.affiliation = Some(a.to_string());
    }
    if let Some(w) = get(Field::Website) {
        row.website = Some(w.to_string());
    }
    if let Some(country) = get(Field::Country) {
        row.reasons
            .retain(|r| !r.contains("is ambiguous") && !r.contains("region"));
        if row.reasons.is_empty() {
            row.confidence = Confidence::High;
        }
        let read = read_country_cell(country);
        set_country(&mut row, read, country);
    }
    if org_name.is_some() && forced != Some(RowKind::Individual) {
        let contact = super::RowContact {
            name: get(Field::Contact).or(person_name).map(str::to_string),
            email: get(Field::Email).map(str::to_string),
            phone: get(Field::Phone).map(str::to_string),
        };
        if contact != super::RowContact::default() {
            row.contact = Some(contact);
        }
    }
    if let Some(consent) = get(Field::Consent) {
        match read_yes_no(consent) {
            Some(yes) => row.consent_to_name = Some(yes),
            None => row.doubt(
                Confidence::Medium,
                format!("consent answer '{consent}' is neither yes nor no"),
            ),
        }
    }
    if let Some(ts) = get(Field::Timestamp) {
        match read_timestamp(ts) {
            Some(t) => row.signed_at = Some(t),
            None => row.doubt(
                Confidence::Medium,
                format!("'{ts}' is not a date and time this reader knows"),
            ),
        }
    }
    Some(row)
}

/// Reads a yes/no answer as forms write it.
pub(crate) fn read_yes_no(text: &str) -> Option<bool> {
    let t = text.trim().to_lowercase();
    let first = t.split([' ', ',', '.', '!']).next().unwrap_or("");
    match first {
        "yes" | "y" | "true" | "1" | "agree" | "agreed" | "i" | "ok" | "예" | "네" | "동의"
        | "동의함" | "checked" | "x" | "✓" => Some(true),
        "no" | "n" | "false" | "0" | "disagree" | "아니오" | "아니요" | "비동의" => {
            Some(false)
        }
        _ if t.contains("agree") && !t.contains("not") && !t.contains("disagree") => Some(true),
        _ if t.contains("anonym") || t.contains("do not") || t.contains("don't") => Some(false),
        _ => None,
    }
}

/// Reads the timestamps Google Forms, Excel and ISO write, with a
/// "GMT+9" offset as Google Forms adds it (else the time is taken as UTC).
pub(crate) fn read_timestamp(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
    let t = text.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    let (t, offset) = match t.rsplit_once(" GMT").or_else(|| t.rsplit_once(" UTC")) {
        Some((rest, zone)) => (rest.trim(), parse_offset(zone)?),
        None => (t, 0),
    };
    let zone = FixedOffset::east_opt(offset)?;
    const FORMATS: &[&str] = &[
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %I:%M:%S %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %I:%M:%S %p",
        "%d/%m/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%Y. %m. %d. %p %I:%M:%S",
    ];
    for f in FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return zone
                .from_local_datetime(&dt)
                .single()
                .map(|d| d.with_timezone(&Utc));
        }
    }
    for f in ["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return d
                .and_hms_opt(0, 0, 0)
                .and_then(|dt| zone.from_local_datetime(&dt).single())
                .map(|d| d.with_timezone(&Utc));
        }
    }
    None
}

/// "+9", "-5", "+5:30", "" (seconds east of UTC).
fn parse_offset(zone: &str) -> Option<i32> {
    let zone = zone.trim();
    if zone.is_empty() {
        return Some(0);
    }
    let (sign, rest) = match zone.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// What a country text says.
enum CountryRead {
    Country(CountryCode),
    /// A bare ISO code read in free text: probably, not certainly, a country.
    Code(CountryCode),
    Ambiguous(Vec<CountryCode>),
    International,
    Region,
    Unknown,
}

impl CountryRead {
    fn found(&self) -> bool {
        !matches!(self, CountryRead::Unknown)
    }
}

/// Reads a country cell of a table: codes are fine there.
fn read_country_cell(text: &str) -> CountryRead {
    match resolve(text) {
        CountryMatch::Country(c) => CountryRead::Country(c),
        CountryMatch::Ambiguous(c) => CountryRead::Ambiguous(c),
        CountryMatch::International => CountryRead::International,
        CountryMatch::Region => CountryRead::Region,
        CountryMatch::Unknown => CountryRead::Unknown,
    }
}

/// Reads a country in free text: names and customary labels, a city
/// before it ("Seoul, South Korea"), and bare upper-case codes with doubt.
fn read_country_text(text: &str) -> CountryRead {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return CountryRead::Unknown;
    }
    match resolve_name(t) {
        CountryMatch::Country(c) => return CountryRead::Country(c),
        CountryMatch::Ambiguous(c) => return CountryRead::Ambiguous(c),
        CountryMatch::International => return CountryRead::International,
        CountryMatch::Region => return CountryRead::Region,
        CountryMatch::Unknown => {}
    }
    let upper_code = (2..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase());
    if upper_code {
        if let CountryMatch::Country(c) = resolve(t) {
            return CountryRead::Code(c);
        }
    }
    if let Some((_, last)) = t.rsplit_once([',', '/']) {
        if let CountryMatch::Country(c) = resolve_name(last.trim()) {
            return CountryRead::Country(c);
        }
    }
    CountryRead::Unknown
}

fn set_country(row: &mut ParsedRow, read: CountryRead, text: &str) {
    match read {
        CountryRead::Country(c) => row.country = Some(c),
        CountryRead::Code(c) => {
            row.country = Some(c);
            row.doubt(
                Confidence::Medium,
                format!(
                    "'{text}' read as the country code of {}; it could be an acronym",
                    c.name(Language::En)
                ),
            );
        }
        CountryRead::Ambiguous(candidates) => {
            row.country = None;
            row.doubt(Confidence::Low, ambiguous_reason(text.trim(), &candidates));
        }
        CountryRead::International => row.country = None,
        CountryRead::Region => {
            row.country = None;
            row.doubt(
                Confidence::Medium,
                format!("'{}' is a region, not a country", text.trim()),
            );
        }
        CountryRead::Unknown => {
            row.country = None;
            row.doubt(
                Confidence::Low,
                format!("'{}' is not a country this list knows", text.trim()),
            );
        }
    }
}

/// Reads the signatories on one line: usually one, two when glued
/// together, several in a CJK list.
fn read_entries(text: &str, line: usize) -> Vec<ParsedRow> {
    if text.contains(['、', '，', '；']) {
        return read_cjk_list(text, line);
    }
    let pieces = split_glued(text);
    let glued = pieces.len() > 1;
    let mut rows = Vec::new();
    for piece in pieces {
        let (parts, guessed) = split_inner_country(&piece);
        for part in &parts {
            let mut row = read_single(part, line, None);
            if row.name.is_empty() {
                continue;
            }
            if guessed {
                row.doubt(Confidence::Medium, "may be two organisations");
            } else if glued {
                row.doubt(
                    Confidence::Medium,
                    "split from a line that holds two entries",
                );
            }
            rows.push(row);
        }
    }
    rows
}

/// A list separated by `、` or `，`, as Japanese, Chinese and Korean
/// documents write them. An item that is only a country belongs to the
/// item before it.
fn read_cjk_list(text: &str, line: usize) -> Vec<ParsedRow> {
    let mut rows: Vec<ParsedRow> = Vec::new();
    for item in text.split(['、', '，', '；']) {
        let item = strip_trailing_punctuation(item.trim());
        if item.is_empty() {
            continue;
        }
        if let CountryMatch::Country(c) = resolve_name(item) {
            if let Some(prev) = rows.last_mut() {
                if prev.country.is_none() {
                    prev.country = Some(c);
                    continue;
                }
            }
        }
        let row = read_single(item, line, Some(RowKind::Organisation));
        if !row.name.is_empty() {
            rows.push(row);
        }
    }
    rows
}

/// Splits "Free North Korea Radio (ROK) Freedom House (USA)" after each
/// parenthesised country that more text follows.
fn split_glued(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    'outer: loop {
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => {
                    if depth == 0 {
                        open = Some(i);
                    }
                    depth += 1;
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        let Some(o) = open else { continue };
                        let inner = &rest[o + 1..i];
                        let mut after = rest[i + 1..].trim_start_matches([' ', ',', ';', '/']);
                        // "Justice for All (Nigeria) and Peace Brigades (UK)"
                        for joiner in ["and ", "& ", "AND "] {
                            if let Some(next) = after.strip_prefix(joiner) {
                                after = next.trim_start();
                            }
                        }
                        let more = after
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"');
                        if more && o > 0 && read_country_text(inner).found() {
                            pieces.push(rest[..=i].trim().to_string());
                            rest = after;
                            continue 'outer;
                        }
                    }
                }
                _ => {}
            }
        }
        break;
    }
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

/// Splits "… Issues in North Korea Jubilee Campaign (USA)" after a country
/// named inside a long name when capitalised words follow it: two names run
/// together. Returns the parts and whether it split.
fn split_inner_country(text: &str) -> (Vec<String>, bool) {
    const PREPOSITIONS: &[&str] = &[
        "in", "for", "of", "on", "to", "from", "about", "across", "by", "with", "inside",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    // Only the words before a final parenthesis can be split.
    let body_end = words
        .iter()
        .position(|w| w.starts_with('('))
        .unwrap_or(words.len());
    for i in 3..body_end {
        if !PREPOSITIONS.contains(&words[i - 1]) {
            continue;
        }
        for len in (1..=3).rev() {
            let j = i + len;
            if j + 2 > body_end {
                continue;
            }
            let window = &words[i..j];
            if !window
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            if !matches!(resolve_name(&window.join(" ")), CountryMatch::Country(_)) {
                continue;
            }
            let next = words[j];
            let capitalised = next.chars().next().is_some_and(char::is_uppercase)
                && next
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-');
            let second = words[j + 1];
            if capitalised
                && !is_organisation_word(next)
                && second.chars().next().is_some_and(char::is_uppercase)
            {
                return (vec![words[..j].join(" "), words[j..].join(" ")], true);
            }
        }
    }
    (vec![text.to_string()], false)
}

/// Abbreviations whose final full stop belongs to the name.
const ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "jr", "sr", "st", "dr", "prof", "bros", "assn", "assoc", "intl",
    "int'l", "dept", "no", "mr", "mrs", "ms", "vs", "etc",
];

/// Drops a trailing `;`, `,` or sentence full stop, keeping the stop of
/// "Inc." or "U.S.A.".
fn strip_trailing_punctuation(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([';', ',', '；', '。', '、']).trim_end();
        if let Some(stem) = t.strip_suffix('.') {
            let last = stem.rsplit(char::is_whitespace).next().unwrap_or("");
            let keep = last.contains('.')
                || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
                || (last.chars().count() == 1 && last.chars().all(char::is_uppercase));
            if !keep {
                t = stem.trim_end();
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Splits `text` into what is before a final balanced parenthesis and what
/// is inside it: "Org (FIDH)" gives ("Org", "FIDH").
fn final_parenthesis(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_suffix(')')?;
    let mut depth = 1usize;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((body[..i].trim_end(), body[i + 1..].trim()));
                }
            }
            _ => {}
        }
    }
    None
}

/// The last dash that separates a name from a country or an acronym
/// (" - ", " – ", " — ", " -- "): what is before it and after it.
fn last_dash(text: &str) -> Option<(&str, &str)> {
    // The last of " - ", " – ", " — " or " -- ", in one backward pass.
    let bytes = text.as_bytes();
    let mut end = text.len();
    while let Some(space) = text[..end].rfind(' ') {
        let dash = &text[..space];
        let start = dash
            .strip_suffix("--")
            .or_else(|| dash.strip_suffix(['-', '–', '—']))
            .map(str::len);
        if let Some(start) = start {
            if start > 0 && bytes[start - 1] == b' ' {
                return Some((text[..start - 1].trim_end(), text[space + 1..].trim_start()));
            }
        }
        end = space;
    }
    None
}

/// Reads one signatory. `forced` fixes the kind (from a table's columns).
pub(crate) fn read_single(text: &str, line: usize, forced: Option<RowKind>) -> ParsedRow {
    let text = tidy(strip_trailing_punctuation(text));
    let mut rest: &str = &text;
    let mut row = ParsedRow::new(line, RowKind::Organisation, "");

    // 1. The country, at the end: "(Japan)", ", Thailand", " - ROK".
    let mut country: Option<(CountryRead, String)> = None;
    if let Some((before, inner)) = final_parenthesis(rest) {
        let read = read_country_text(inner);
        if read.found() && !before.is_empty() {
            country = Some((read, inner.to_string()));
            rest = before;
        }
    }
    if country.is_none() {
        for split in [rest.rsplit_once(','), last_dash(rest)]
            .into_iter()
            .flatten()
        {
            let (before, tail) = split;
            let read = read_country_text(tail);
            // A bare code after a comma is more often an acronym: names only.
            if read.found() && !matches!(read, CountryRead::Code(_)) && !before.trim().is_empty() {
                country = Some((read, tail.trim().to_string()));
                rest = before.trim_end();
                break;
            }
        }
    }
    let rest = strip_trailing_punctuation(rest);

    // 2. An acronym, or an acronym with its expansion.
    let mut name = rest.to_string();
    if let Some((before, inner)) = final_parenthesis(rest) {
        if is_acronym(inner) && !is_acronym(before) && !before.is_empty() {
            row.acronym = Some(inner.to_string());
            name = before.to_string();
        } else if is_acronym(before) && inner.split_whitespace().count() >= 2 {
            row.acronym = Some(before.to_string());
        }
    } else if let Some((before, after)) = last_dash(rest) {
        if is_acronym(after) && !is_acronym(before) && !before.is_empty() {
            row.acronym = Some(after.to_string());
            name = before.to_string();
        } else if is_acronym(before) && after.split_whitespace().count() >= 2 {
            row.acronym = Some(before.to_string());
        }
    }

    // 3. A person ("Name, Title, Affiliation") or an organisation.
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    let kind = forced.unwrap_or_else(|| {
        if row.acronym.is_some() {
            return RowKind::Organisation;
        }
        let first = parts[0];
        let person_name = looks_like_person_name(first) && !has_organisation_word(first);
        if parts.len() > 1 {
            if parts[1..].iter().all(|p| is_legal_suffix(p)) {
                RowKind::Organisation
            } else if person_name {
                RowKind::Individual
            } else {
                RowKind::Organisation
            }
        } else if person_name {
            RowKind::Individual
        } else {
            RowKind::Organisation
        }
    });
    row.kind = kind;
    if kind == RowKind::Individual && parts.len() > 1 && forced.is_none() {
        row.name = parts[0].to_string();
        let rest: Vec<&str> = parts[1..]
            .iter()
            .copied()
            .filter(|p| !p.is_empty())
            .collect();
        if let Some(first) = rest.first() {
            if is_title(first) {
                let (title, extra) = match first.split_once(" & ") {
                    Some((t, a)) if is_title(t) && has_organisation_word(a) => (t, Some(a)),
                    _ => (*first, None),
                };
                row.title = Some(title.to_string());
                let affiliation: Vec<&str> =
                    extra.into_iter().chain(rest[1..].iter().copied()).collect();
                row.affiliation = (!affiliation.is_empty()).then(|| affiliation.join(", "));
            } else {
                row.affiliation = Some(rest.join(", "));
            }
        }
        let certain = row.title.is_some() || starts_with_honorific(parts[0]);
        if !certain {
            row.doubt(Confidence::Medium, LOOKS_LIKE_PERSON);
        }
    } else {
        row.name = name.clone();
        if kind == RowKind::Individual && forced.is_none() && !starts_with_honorific(&name) {
            row.doubt(Confidence::Medium, LOOKS_LIKE_PERSON);
        }
    }

    if let Some((read, label)) = country {
        set_country(&mut row, read, &label);
    }
    if row.name.chars().count() > 200 {
        row.doubt(
            Confidence::Low,
            "very long for a name: may be several entries or a sentence",
        );
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> ParsedRow {
        let parse = parse_paste(text);
        assert_eq!(parse.rows.len(), 1, "{text}: {:#?}", parse.rows);
        parse.rows.into_iter().next().unwrap()
    }

    fn code(c: &str) -> Option<CountryCode> {
        CountryCode::new(c)
    }

    #[test]
    fn line_formats() {
        for text in [
            "Burma Partnership (Thailand)",
            "Burma Partnership, Thailand",
            "Burma Partnership - Thailand",
            "Burma Partnership – Thailand",
            "1. Burma Partnership (Thailand);",
            "2) Burma Partnership (Thailand).",
            "• Burma Partnership (Thailand)",
            "- Burma Partnership, Thailand",
            "* Burma Partnership (Thailand)",
        ] {
            let row = one(text);
            assert_eq!(row.name, "Burma Partnership", "{text}");
            assert_eq!(row.country, code("TH"), "{text}");
            assert_eq!(row.kind, RowKind::Organisation, "{text}");
            assert_eq!(
                row.confidence,
                Confidence::High,
                "{text}: {:?}",
                row.reasons
            );
        }
    }

    #[test]
    fn parentheses_that_are_not_countries() {
        let fidh = one("International Federation for Human Rights (FIDH)");
        assert_eq!(fidh.name, "International Federation for Human Rights");
        assert_eq!(fidh.acronym.as_deref(), Some("FIDH"));
        assert_eq!(fidh.country, None);
        let psalt = one("PSALT NK (Prayer Service Action Love Truth for North Korea)");
        assert_eq!(
            psalt.name,
            "PSALT NK (Prayer Service Action Love Truth for North Korea)"
        );
        assert_eq!(psalt.acronym.as_deref(), Some("PSALT NK"));
        assert_eq!(psalt.country, None);
    }

    #[test]
    fn traps() {
        let paraguay = one("Christian Lawyers Association for Paraguay");
        assert_eq!(paraguay.country, None);
        let apwld = one("Asia Pacific Forum on Women, Law and Development (APWLD), Thailand");
        assert_eq!(
            apwld.name,
            "Asia Pacific Forum on Women, Law and Development"
        );
        assert_eq!(apwld.acronym.as_deref(), Some("APWLD"));
        assert_eq!(apwld.country, code("TH"));
        let inc = one("Acme Widgets, Inc.");
        assert_eq!(inc.name, "Acme Widgets, Inc.");
        assert_eq!(inc.kind, RowKind::Organisation);
        let link = one("Liberty in North Korea - LiNK (USA)");
        assert_eq!(link.name, "Liberty in North Korea");
        assert_eq!(link.acronym.as_deref(), Some("LiNK"));
        assert_eq!(link.country, code("US"));
        let uzo = one("Dr Uzo Adirieje Foundation");
        assert_eq!(uzo.kind, RowKind::Organisation);
        let jane = one("Dr Jane Doe, Lecturer");
        assert_eq!(jane.kind, RowKind::Individual);
        assert_eq!(jane.name, "Dr Jane Doe");
        assert_eq!(jane.title.as_deref(), Some("Lecturer"));
    }

    #[test]
    fn glued_lines_split() {
        let parse = parse_paste("Free North Korea Radio (ROK) Freedom House (USA)");
        let names: Vec<_> = parse
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.country))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Free North Korea Radio", code("KR")),
                ("Freedom House", code("US"))
            ]
        );
        assert!(parse
            .rows
            .iter()
            .all(|r| r.confidence == Confidence::Medium));
        let parse = parse_paste("Justice for All (Nigeria) and Peace Brigades International (UK)");
        assert_eq!(parse.rows.len(), 2);
        assert_eq!(parse.rows[1].name, "Peace Brigades International");
        let parse = parse_paste(
            "Japanese Lawyers Association for Abduction and Other Human Rights Issues in North Korea Jubilee Campaign (USA)",
        );
        assert_eq!(parse.rows.len(), 2);
        assert_eq!(parse.rows[0].country, None);
        assert_eq!(parse.rows[1].name, "Jubilee Campaign");
        assert_eq!(parse.rows[1].country, code("US"));
        assert_eq!(parse.rows[1].reasons, vec!["may be two organisations"]);
    }

    #[test]
    fn headings_apply_to_the_lines_under_them() {
        let parse = parse_paste(
            "International\nHuman Rights Watch\n\nJapan:\nNo Fence\nLife Funds for North Korean Refugees\nSouth Korea (2)\nNK Watch\nOpen North Korea (Japan)\nKorea\nCitizens' Alliance\nIndividuals\nTomoharu Ebihara\n",
        );
        let got: Vec<_> = parse
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.kind, r.country))
            .collect();
        use RowKind::*;
        assert_eq!(
            got,
            vec![
                ("Human Rights Watch", Organisation, None),
                ("No Fence", Organisation, code("JP")),
                (
                    "Life Funds for North Korean Refugees",
                    Organisation,
                    code("JP")
                ),
                ("NK Watch", Organisation, code("KR")),
                ("Open North Korea", Organisation, code("JP")),
                ("Citizens' Alliance", Organisation, None),
                ("Tomoharu Ebihara", Individual, None),
            ]
        );
        assert_eq!(parse.rows[5].confidence, Confidence::Low);
        assert!(parse.rows[5].reasons[0].contains("'Korea' is ambiguous"));
        assert_eq!(parse.rows[6].confidence, Confidence::High);
        assert_eq!(parse.lines.len(), 13);
        assert!(matches!(
            parse.lines[2].outcome,
            Outcome::Ignored { ref reason } if reason == "blank line"
        ));
    }

    #[test]
    fn tab_separated_rows_with_and_without_header() {
        let parse =
            parse_paste("Organisation\tCountry\nHuman Rights Watch\tUSA\nOdhikar\tBangladesh\n");
        assert!(matches!(
            parse.lines[0].outcome,
            Outcome::Heading {
                heading: Heading::TableHeader { .. }
            }
        ));
        assert_eq!(parse.rows.len(), 2);
        assert_eq!(parse.rows[1].country, code("BD"));
        let parse = parse_paste("Human Rights Watch\tHRW\tUSA\nOdhikar\t\tBangladesh\n");
        assert_eq!(parse.rows.len(), 2);
        assert_eq!(parse.rows[0].acronym.as_deref(), Some("HRW"));
        assert_eq!(parse.rows[0].country, code("US"));
    }

    #[test]
    fn form_timestamps() {
        let t = read_timestamp("2019/12/10 9:14:03 AM GMT+9").unwrap();
        assert_eq!(t.to_rfc3339(), "2019-12-10T00:14:03+00:00");
        let t = read_timestamp("12/10/2019 21:14:03").unwrap();
        assert_eq!(t.to_rfc3339(), "2019-12-10T21:14:03+00:00");
        assert!(read_timestamp("yesterday").is_none());
        assert!(read_timestamp("2019/12/10 9:14:03 AM GMT+99").is_none());
    }

    #[test]
    fn emails_are_left_out_but_the_signatory_is_kept() {
        let parse = parse_paste("Burma Partnership (Thailand) - info@example.org\nContact: jane@example.org\nFor more information, please contact: x@example.org\n");
        assert_eq!(parse.rows.len(), 1);
        assert_eq!(parse.rows[0].name, "Burma Partnership");
        assert_eq!(parse.rows[0].country, CountryCode::new("TH"));
        assert_eq!(
            parse.rows[0].reasons,
            vec!["an email address on this line was left out"]
        );
        for l in &parse.lines[1..] {
            assert!(
                matches!(&l.outcome, Outcome::Ignored { reason } if !reason.contains('@')),
                "{l:?}"
            );
        }
    }

    #[test]
    fn cjk_lists() {
        let parse = parse_paste("ヒューマン・ライツ・ナウ（日本）、北朝鮮難民救援基金、日本；");
        assert_eq!(parse.rows.len(), 2);
        assert_eq!(parse.rows[0].name, "ヒューマン・ライツ・ナウ");
        assert_eq!(parse.rows[0].country, code("JP"));
        assert_eq!(parse.rows[1].country, code("JP"));
    }

    #[test]
    fn punctuation_alone_is_not_a_signatory() {
        // Found by the fuzzer: a table cell of commas gave a row without a name.
        let parse = parse_paste(",,,,\t\0\0,,\t,,is,,\n;;;\n. , .\n");
        assert!(
            parse.rows.iter().all(|r| !r.name.is_empty()),
            "{:?}",
            parse.rows
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\n\n",
            "(",
            ")",
            "()",
            "(()",
            "a (b) (c",
            " - ",
            ",",
            "\t\t",
            "•",
            "1.",
            "(1)",
            "a) ",
            "Korea",
            "((((x))))",
            "、、",
            "x, , ,",
            "Dr",
            "- - -",
        ] {
            let parse = parse_paste(text);
            assert_eq!(
                parse.lines.len(),
                text.split('\n').count().max(1)
                    - usize::from(text.ends_with('\n') && text.len() > 1),
                "{text:?}"
            );
        }
    }
}

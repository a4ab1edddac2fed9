//! The command line's grammar (clap derive). Values stay raw text here; the
//! library checks them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Joint sign-on letters: organisations, signatures and headline figures.
#[derive(Parser, Debug)]
#[command(name = "undersigned", version, about, propagate_version = true)]
pub struct Cli {
    /// The database file (default: undersigned.db in the local data directory).
    #[arg(long, global = true, env = "UNDERSIGNED_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load the sample letter (ICNK, December 2019) and print its id.
    Demo,
    /// Organisations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Individuals who sign in their own name.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Contact people at organisations.
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Coalitions and their members.
    #[command(subcommand)]
    Coalition(CoalitionCommand),
    /// Letters.
    #[command(subcommand)]
    Letter(LetterCommand),
    /// Record a signature (SIGNATORY: org:ID, person:ID, or a name).
    Sign(SignArgs),
    /// Withdraw a signature: kept with its date, no longer counted.
    Withdraw { letter: i64, signatory: String },
    /// List the signatures on a letter, all statuses.
    Signatures { letter: i64 },
    /// The headline figures of a letter.
    Tally {
        letter: i64,
        /// Language of the phrase: en or ko.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Show the rows behind a figure (signatories, organisations,
        /// coalitions, individuals, countries, no_country, representing).
        #[arg(long, value_name = "FIGURE")]
        explain: Option<String>,
    },
    /// Every letter an organisation signed.
    History { organisation: String },
    /// Which organisations signed which of these letters.
    Matrix {
        #[arg(required = true)]
        letters: Vec<i64>,
    },
    /// Back up the database (default: into backups/ beside it).
    Backup {
        /// Write the backup to this file instead (it must not exist).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the backups beside the database, newest first.
    Backups,
    /// Replace the database with a backup (checked first; the current
    /// database is kept in backups/).
    Restore { file: PathBuf },
    /// Import signatories from a pasted list or a table (preview with --dry-run).
    #[command(subcommand)]
    Import(crate::import::ImportCommand),
    /// Export the signed letter (PDF) or its signatory list (CSV, XLSX,
    /// text, Markdown, press release).
    #[command(subcommand)]
    Export(crate::export::ExportCommand),
}

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Add an organisation.
    Add(OrgAddArgs),
    /// List organisations.
    List {
        /// Words in the name, acronym or an alias.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        kind: Option<String>,
    },
    /// Show an organisation and the letters it signed.
    Show { organisation: String },
    /// Find an organisation by exact name, acronym or alias.
    Find { text: String },
    /// Merge a duplicate record into the one to keep (both histories kept).
    Merge { keep: String, duplicate: String },
}

#[derive(Args, Debug)]
pub struct OrgAddArgs {
    pub name: String,
    #[arg(long)]
    pub acronym: Option<String>,
    /// Another name the organisation goes by (repeatable).
    #[arg(long)]
    pub alias: Vec<String>,
    /// Country name or code; leave out for international groups.
    #[arg(long)]
    pub country: Option<String>,
    /// ngo, coalition, union, faith-group, academic, media or other.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// A tag (repeatable).
    #[arg(long)]
    pub tag: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum PersonCommand {
    /// Add an individual.
    Add {
        name: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        affiliation: Option<String>,
        #[arg(long)]
        country: Option<String>,
    },
    /// List individuals.
    List {
        #[arg(long)]
        search: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ContactCommand {
    /// Add a contact person to an organisation.
    Add {
        organisation: String,
        name: String,
        #[arg(long)]
        role: Option<String>,
        /// Where the contact speaks from, for press releases ("Bangkok").
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// A language the contact speaks (repeatable).
        #[arg(long)]
        language: Vec<String>,
    },
    /// List an organisation's contacts.
    List { organisation: String },
}

#[derive(Subcommand, Debug)]
pub enum CoalitionCommand {
    /// Add a member (organisation or individual) to a coalition.
    AddMember {
        coalition: String,
        member: String,
        #[arg(long)]
        role: Option<String>,
        /// Date joined, like 2019-12-16.
        #[arg(long)]
        joined: Option<String>,
        /// Date left, like 2021-01-31.
        #[arg(long)]
        left: Option<String>,
    },
    /// List a coalition's members.
    Members { coalition: String },
}

#[derive(Subcommand, Debug)]
pub enum LetterCommand {
    /// Create a letter and print its id.
    New(Box<LetterNewArgs>),
    /// List letters with their figures.
    List,
    /// Show a letter.
    Show { letter: i64 },
}

#[derive(Args, Debug)]
pub struct LetterNewArgs {
    pub title: String,
    #[arg(long)]
    pub recipient: Option<String>,
    /// Date of the letter, like 2019-12-16.
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub place: Option<String>,
    /// en or ko.
    #[arg(long)]
    pub language: Option<String>,
    /// A file with the body text (Markdown subset), or - for standard input.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// draft, open, closed or published.
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub deadline: Option<String>,
    /// The lead coalition (org:ID or name).
    #[arg(long)]
    pub lead: Option<String>,
    /// The heading above the signatory list.
    #[arg(long)]
    pub heading: Option<String>,
    /// alphabetical, by-country, by-tier or by-date.
    #[arg(long)]
    pub order: Option<String>,
    /// customary (ROK), name (South Korea) or code (KR).
    #[arg(long)]
    pub country_label: Option<String>,
}

#[derive(Args, Debug)]
pub struct SignArgs {
    pub letter: i64,
    pub signatory: String,
    /// pending, confirmed or withdrawn.
    #[arg(long, default_value = "confirmed")]
    pub status: String,
    /// lead, co-signer or supporter.
    #[arg(long, default_value = "co-signer")]
    pub tier: String,
    /// form, email, paste, import or manual.
    #[arg(long, default_value = "manual")]
    pub channel: String,
    /// The signatory asked not to be named (still counted).
    #[arg(long)]
    pub anonymous: bool,
    #[arg(long)]
    pub display_name: Option<String>,
    #[arg(long)]
    pub display_country: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

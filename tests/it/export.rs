//! Exports, checked as a reader would: the PDF's text is extracted with
//! poppler's `pdftotext`, its fonts listed with `pdffonts`, its pages
//! counted with `pdfinfo`; the CSV and XLSX are read back.

use std::path::Path;
use std::process::Command;

use pretty_assertions::assert_eq;
use undersigned::export::pdf::{render_letter, Paper, PdfOptions};
use undersigned::export::{self, ExportKind};
use undersigned::model::{
    ContactInput, LetterId, LetterInput, NewSignature, SignatoryRef, SignatureStatus, Tier,
};

use crate::fixture::Db;

/// Organisations in every script the PDF must handle, with countries.
const ORGS: &[(&str, Option<&str>)] = &[
    ("Associação Brasileira de Juristas", Some("Brazil")),
    ("Fundación Ñandú", Some("Paraguay")),
    ("Žena v Česku", Some("Czech Republic")),
    ("북한인권시민연합", Some("ROK")),
    ("北朝鮮難民救援基金", Some("Japan")),
    ("中国人权捍卫者", None),
    ("الشبكة العربية لحقوق الإنسان", Some("Egypt")),
    ("มูลนิธิศักยภาพชุมชน", Some("Thailand")),
    ("Мемориал", Some("Russia")),
    ("Human Rights Watch", None),
    ("Free North Korea Radio", Some("ROK")),
];

const BODY: &str = "Dear President Moon,\n\nWe, {{figures}}, {{representing}}, write to you.\n\n## Voices\n\n- 대한민국 정부는 인권을 지켜야 합니다.\n- 日本語の文章も正しく表示されます。\n- 中文也要正确显示。\n- العدالة للجميع\n- สิทธิมนุษยชน\n- Права человека\n\nWith **bold** and *italic* words.\n\nSincerely,";

struct Letter {
    db: Db,
    id: LetterId,
}

fn scripts_letter(lang: &str, order: &str) -> Letter {
    let mut db = Db::new();
    let id = db
        .store
        .create_letter(
            &LetterInput {
                title: "Stand Up for Human Rights".into(),
                recipient: Some("H.E. Moon Jae-in".into()),
                date: Some("2019-12-16".into()),
                place: Some("Seoul".into()),
                language: Some(lang.into()),
                body: Some(BODY.into()),
                signatory_heading: Some("Members and supporters of the Coalition include:".into()),
                list_order: Some(order.into()),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap()
        .id;
    for (name, country) in ORGS {
        let who = db.org(name, *country);
        db.confirm(id, who);
    }
    let withdrawn = db.org("Withdrawn Group Zeta", Some("USA"));
    db.sign(id, withdrawn, SignatureStatus::Withdrawn);
    let pending = db.org("Pending Group Omega", Some("USA"));
    db.sign(id, pending, SignatureStatus::Pending);
    let hawk = db.person("David Hawk", None);
    db.confirm(id, hawk);
    let kim = db.person("김영희", Some("ROK"));
    db.confirm(id, kim);
    for i in 0..3 {
        let hidden = db.person(&format!("Hidden Person {i}"), Some("ROK"));
        let mut new = NewSignature::confirmed(hidden);
        new.consent_to_name = false;
        db.store.sign(id, &new).unwrap();
    }
    Letter { db, id }
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a PDF for the tools to read. With `UNDERSIGNED_KEEP_PDFS=DIR`
/// set, a copy is kept there to look at.
fn save(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("UNDERSIGNED_KEEP_PDFS") {
        let test = std::thread::current()
            .name()
            .unwrap_or("test")
            .replace("::", "-");
        std::fs::write(Path::new(&keep).join(format!("{test}-{name}")), bytes).unwrap();
    }
    path.to_string_lossy().into_owned()
}

/// The text of a PDF with runs of white space made single spaces.
/// Bidirectional embedding marks that pdftotext puts around right-to-left
/// runs are dropped.
fn pdf_text(path: &str) -> String {
    let raw = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
    let raw: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{200E}' | '\u{200F}'))
        .collect();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(path: &str) -> usize {
    tool("pdfinfo", &[path])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn pdf_text_has_every_name_in_every_script_and_no_withdrawn_one() {
    let letter = scripts_letter("en", "alphabetical");
    let pdf = render_letter(&letter.db.store, letter.id, &PdfOptions::default()).unwrap();
    let path = save(letter.db.dir.path(), "letter.pdf", &pdf);
    let text = pdf_text(&path);
    for (name, _) in ORGS {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    for expected in [
        "Stand Up for Human Rights",
        "Seoul, December 16, 2019",
        "H.E. Moon Jae-in",
        "Members and supporters of the Coalition include:",
        "Human Rights Watch",
        "Free North Korea Radio (ROK)",
        "Мемориал (Russia)",
        "David Hawk",
        "김영희 (ROK)",
        "and 3 individuals who asked not to be named",
        "Individuals (affiliations for identification only)",
        "대한민국 정부는 인권을 지켜야 합니다.",
        "日本語の文章も正しく表示されます。",
        "中文也要正确显示。",
        "สิทธิมนุษยชน",
        "Права человека",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The figures phrase, where the body asked for it.
    let tally = letter.db.store.tally(letter.id).unwrap();
    let phrase = tally.phrase(undersigned::country::Language::En);
    assert_eq!(phrase, "16 groups and individuals from 8 countries");
    assert!(
        text.contains(&format!("We, {phrase}, representing")),
        "{text}"
    );
    // Arabic comes out as words a reader can search for, in reading order.
    assert!(text.contains("العدالة للجميع"), "{text}");
    for absent in [
        "Withdrawn Group Zeta",
        "Pending Group Omega",
        "Hidden Person",
        "{{",
    ] {
        assert!(
            !text.contains(absent),
            "{absent} should not be printed:\n{text}"
        );
    }
    // Organisations come before individuals.
    let hrw = text.find("Human Rights Watch").unwrap();
    let hawk = text.find("David Hawk").unwrap();
    assert!(hrw < hawk);
}

#[test]
fn pdf_fonts_are_embedded_and_subset() {
    let letter = scripts_letter("ko", "by-country");
    let pdf = render_letter(&letter.db.store, letter.id, &PdfOptions::default()).unwrap();
    let path = save(letter.db.dir.path(), "letter.pdf", &pdf);
    // The 16 MB Korean face (and every other) is cut down to the glyphs used.
    assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
    let listing = tool("pdffonts", &[&path]);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 4, "{listing}");
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r.split_whitespace().next().unwrap())
        .collect();
    for family in [
        "NotoSans-Regular",
        "NotoSansCJKkr-Regular",
        "NotoSansArabic",
        "NotoSansThai",
    ] {
        assert!(
            names.iter().any(|n| n.contains(family)),
            "{family}: {listing}"
        );
    }
    for row in rows {
        let name = row.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not subset: {row}"
        );
        // Columns: name type encoding emb sub uni object-id.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    // A Korean letter: Korean date, heading and figures.
    let text = pdf_text(&path);
    for expected in [
        "2019년 12월 16일, Seoul",
        "8개국 16개 단체 및 개인",
        "대한민국",
        "1쪽 중 1쪽",
        "한국 북한인권시민연합",
        "김영희 (한국)",
        "외 이름을 밝히지 않기를 요청한 개인 3명",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The document says what language it is in.
    assert!(pdf.windows(9).any(|w| w == b"/Lang(ko)"));
    let info = tool("pdfinfo", &[&path]);
    assert!(info.contains("Stand Up for Human Rights"), "{info}");
}

#[test]
fn page_count_follows_the_layout() {
    let mut db = Db::new();
    let id = db.letter("Many signatories");
    for i in 0..400 {
        let who = db.org(&format!("Organisation number {i:03}"), Some("ROK"));
        db.confirm(id, who);
    }
    let render = |columns: u8, paper: Paper| {
        let options = PdfOptions {
            columns,
            paper,
            letterhead: None,
        };
        let pdf = render_letter(&db.store, id, &options).unwrap();
        let path = save(db.dir.path(), &format!("c{columns}-{paper:?}.pdf"), &pdf);
        let n = pages(&path);
        let text = pdf_text(&path);
        // The footer of every page knows the total.
        for page in 1..=n {
            assert!(
                text.contains(&format!("Page {page} of {n}")),
                "page {page} of {n}"
            );
        }
        assert!(!text.contains(&format!("Page {} of", n + 1)));
        assert!(text.contains("Organisation number 000"));
        assert!(text.contains("Organisation number 399 (ROK)"));
        n
    };
    let one = render(1, Paper::A4);
    let two = render(2, Paper::A4);
    let letter_paper = render(2, Paper::Letter);
    assert!(one > two, "one column {one} pages, two {two}");
    // 400 lines at about 60 a column: 7 pages in one column, 4 in two.
    assert!((6..=8).contains(&one), "{one}");
    assert!((3..=5).contains(&two), "{two}");
    assert!(letter_paper >= two);
}

#[test]
fn lists_follow_the_letter_order_and_label_style() {
    let letter = scripts_letter("en", "by-country");
    let text = export::signatories_text(&letter.db.store, letter.id).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Members and supporters of the Coalition include:");
    // By country: Brazil, Czechia, Egypt, Japan, Paraguay, Russia, South
    // Korea, Thailand, then no country.
    let position = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    assert!(position("Associação") < position("Žena"));
    assert!(position("Žena") < position("الشبكة"));
    assert!(position("Free North Korea Radio (ROK)") < position("มูลนิธิ"));
    assert!(position("มูลนิธิ") < position("Human Rights Watch"));
    assert!(text.contains("\nand 3 individuals who asked not to be named\n"));
    assert!(!text.contains("Withdrawn"));

    let alpha = scripts_letter("en", "alphabetical");
    let text = export::signatories_text(&alpha.db.store, alpha.id).unwrap();
    let names: Vec<&str> = text.lines().skip(2).take(ORGS.len()).collect();
    assert_eq!(names[0], "Associação Brasileira de Juristas (Brazil)");
    assert_eq!(names[1], "Free North Korea Radio (ROK)");
    assert_eq!(names[2], "Fundación Ñandú (Paraguay)");

    let md = export::signatories_markdown(&alpha.db.store, alpha.id).unwrap();
    assert!(md.starts_with("**Members and supporters of the Coalition include:**\n\n- "));
    assert!(md.contains("- Free North Korea Radio \\(ROK\\)\n"));
}

#[test]
fn csv_round_trip_neutralises_formulas() {
    let mut db = Db::new();
    let id = db.letter("Round trip");
    let evil = "=HYPERLINK(\"http://example.com/x\",\"Click\")";
    let names = [
        evil,
        "+82 Group",
        "@Handle Org",
        "Ordinary, \"quoted\" Org",
        "북한인권",
    ];
    for name in names {
        let who = db.org(name, Some("ROK"));
        db.confirm(id, who);
    }
    let bytes = export::signatories_csv(&db.store, id).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(2), Some("name"));
    let mut got: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let cell = record.get(2).unwrap();
        for c in ['=', '+', '-', '@'] {
            assert!(!cell.starts_with(c), "{cell}");
        }
        got.push(export::csv::restore(cell).to_string());
    }
    let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn xlsx_round_trip_keeps_names_as_text() {
    use calamine::{Data, Reader, Xlsx};
    let mut db = Db::new();
    let id = db.letter("Round trip");
    let evil = "=HYPERLINK(\"http://example.com/x\",\"Click\")";
    for name in [evil, "Мемориал", "북한인권"] {
        let who = db.org(name, Some("ROK"));
        db.confirm(id, who);
    }
    let person = db.person("Hidden", None);
    let mut new = NewSignature::confirmed(person);
    new.consent_to_name = false;
    db.store.sign(id, &new).unwrap();
    let bytes = export::signatories_xlsx(&db.store, id).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Signatories").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][2], Data::String("name".into()));
    let mut names: Vec<String> = rows[1..].iter().map(|r| r[2].to_string()).collect();
    names.sort();
    let mut want = vec![evil.to_string(), "Мемориал".into(), "북한인권".into()];
    want.sort();
    assert_eq!(names, want);
    assert_eq!(rows[1][0], Data::Float(1.0));
    // No cell is a formula.
    let formulas = book.worksheet_formula("Signatories").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let about = book.worksheet_range("Letter").unwrap();
    let cells: Vec<String> = about.rows().map(|r| r[1].to_string()).collect();
    assert!(
        cells.contains(&"4 groups and individuals from 1 country".to_string()),
        "{cells:?}"
    );
    assert!(cells.contains(&"and 1 individual who asked not to be named".to_string()));
}

#[test]
fn press_release_has_figures_contacts_and_list() {
    let mut db = Db::new();
    let id = undersigned::demo::load(&mut db.store).unwrap();
    let text = export::press_release(&db.store, id).unwrap();
    assert!(text.starts_with("FOR IMMEDIATE RELEASE\n\nSouth Korea: Stand Up for Human Rights\n"));
    assert!(text.contains("(Seoul, December 16, 2019) – The International Coalition to Stop Crimes Against Humanity in North Korea (ICNK) and 47 groups and individuals from 11 countries, representing over 40 groups and individuals, published a joint open letter to H.E. Moon Jae-in"), "{text}");
    assert!(text.contains("For more information, please contact:\n"));
    assert!(text.contains("In Bangkok, for HRW, Phil Robertson (English, Thai): +66-85-060-8406; or robertp@hrw.org"), "{text}");
    assert!(
        text.contains("Eun-Kyoung Kwon (Korean, English): +82-10-4508-8815; or kekyoung@gmail.com")
    );
    assert!(text.contains("Members and supporters of the Coalition include:\n\n"));
    assert!(text.contains("\nBurma Partnership (Thailand)\n"));
    assert!(text.contains(
        "\nSuzanne Scholte, Seoul Peace Prize Recipient, Defence Forum Foundation (USA)\n"
    ));
    // A contact added later shows up; a contact's details never reach an error.
    let hrw = db.store.lookup_organisation("HRW").unwrap()[0]
        .organisation
        .id;
    db.store
        .add_contact(
            hrw,
            &ContactInput {
                name: "Second Person".into(),
                email: Some("second@example.org".into()),
                ..Default::default()
            }
            .check()
            .unwrap(),
        )
        .unwrap();
    let text = export::press_release(&db.store, id).unwrap();
    assert!(text.contains("In [city], for HRW, Second Person: second@example.org"));
}

#[test]
fn the_demo_letter_renders_with_its_letterhead() {
    let mut db = Db::new();
    let id = undersigned::demo::load(&mut db.store).unwrap();
    let options = PdfOptions {
        letterhead: Some(undersigned::export::pdf::Letterhead {
            organisation: "International Coalition to Stop Crimes Against Humanity in North Korea"
                .into(),
            logo: None,
        }),
        ..Default::default()
    };
    let pdf = render_letter(&db.store, id, &options).unwrap();
    let path = save(db.dir.path(), "demo.pdf", &pdf);
    let text = pdf_text(&path);
    assert!(
        text.starts_with("International Coalition to Stop Crimes Against Humanity in North Korea"),
        "{text}"
    );
    assert!(text.contains("We, the International Coalition to Stop Crimes Against Humanity in North Korea (ICNK) and 47 groups and individuals from 11 countries, representing over 40 groups and individuals, write"), "{text}");
    assert!(text.contains("Recent decisions"));
    assert!(text.contains("COMJAN (Investigation Commission on Missing Japanese Probably Related to North Korea) (Japan)"), "{text}");
    // Metadata: title, author (the lead coalition), subject, language.
    let info = tool("pdfinfo", &[&path]);
    for line in [
        "Title:           South Korea: Stand Up for Human Rights",
        "Author:          International Coalition to Stop Crimes Against Humanity in North Korea",
        "Subject:         47 groups and individuals from 11 countries",
        "Creator:         Undersigned",
        "CreationDate:",
        "Page size:       595.276 x 841.89 pts (A4)",
    ] {
        assert!(info.contains(line), "{line:?} not in {info}");
    }
    assert!(pdf.windows(9).any(|w| w == b"/Lang(en)"));
    let letter = db.store.letter(id).unwrap();
    assert_eq!(
        export::default_file_name(&letter, ExportKind::Pdf),
        "South-Korea-Stand-Up-for-Human-Rights.pdf"
    );
}

#[test]
fn bad_requests_say_what_is_wrong() {
    let db = Db::new();
    let err = render_letter(&db.store, LetterId(999), &PdfOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "letter 999 does not exist");
    let err = export::signatories_csv(&db.store, LetterId(999)).unwrap_err();
    assert_eq!(err.code(), "not_found");
    let mut db = Db::new();
    let id = db.letter("x");
    let options = PdfOptions {
        columns: 3,
        ..Default::default()
    };
    let err = render_letter(&db.store, id, &options).unwrap_err();
    assert_eq!(err.to_string(), "columns: 3 columns: choose 1 or 2");
    let missing = db.dir.path().join("no-such-folder").join("x.pdf");
    let err = export::write_file(&missing, b"x").unwrap_err();
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    let logo = db.dir.path().join("logo.png");
    std::fs::write(&logo, b"not an image").unwrap();
    let options = PdfOptions {
        letterhead: Some(undersigned::export::pdf::Letterhead {
            organisation: "X".into(),
            logo: Some(logo),
        }),
        ..Default::default()
    };
    let err = render_letter(&db.store, id, &options).unwrap_err();
    assert!(err.to_string().starts_with("logo: "), "{err}");
    assert!(err.to_string().contains("logo.png"), "{err}");
    let _ = Tier::Lead;
    let _ = SignatoryRef::Organisation;
}

#[test]
fn cli_exports_to_the_given_path_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("x.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_undersigned"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .current_dir(dir.path())
            .env_remove("UNDERSIGNED_DB")
            .output()
            .unwrap()
    };
    let demo = run(&["demo"]);
    let id = String::from_utf8_lossy(&demo.stdout).trim().to_string();
    let pdf = dir.path().join("out.pdf");
    let o = run(&[
        "export",
        "pdf",
        &id,
        "-o",
        pdf.to_str().unwrap(),
        "--paper",
        "letter",
        "--columns",
        "1",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("612 x 792 pts"), "{info}");
    for kind in ["csv", "xlsx", "text", "markdown", "press"] {
        let o = run(&["export", kind, &id]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The second time the generated name exists: refuse, don't overwrite.
        let again = run(&["export", kind, &id]);
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("already there"));
    }
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "South-Korea-Stand-Up-for-Human-Rights-press-release.txt",
            "South-Korea-Stand-Up-for-Human-Rights-signatories.csv",
            "South-Korea-Stand-Up-for-Human-Rights-signatories.md",
            "South-Korea-Stand-Up-for-Human-Rights-signatories.txt",
            "South-Korea-Stand-Up-for-Human-Rights-signatories.xlsx",
            "out.pdf",
        ]
    );
    let o = run(&["export", "csv", "999", "-o", "-"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "undersigned: letter 999 does not exist"
    );
    let o = run(&["export", "text", &id, "-o", "/nonexistent-dir/x.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent-dir"));
}

/// A small PNG (solid blue, `w`×`h`), written by hand so the tests need no
/// image library: stored (uncompressed) zlib data and CRC-32 checksums.
fn png(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    // Each scanline: filter type 0, then RGB pixels.
    let row: Vec<u8> = std::iter::once(0)
        .chain((0..w).flat_map(|_| [30, 60, 160]))
        .collect();
    let raw: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
    let mut zlib = vec![0x78, 0x01];
    for (i, block) in raw.chunks(65535).enumerate() {
        let last = (i + 1) * 65535 >= raw.len();
        zlib.push(u8::from(last));
        zlib.extend((block.len() as u16).to_le_bytes());
        zlib.extend((!(block.len() as u16)).to_le_bytes());
        zlib.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_logo_goes_on_the_letterhead() {
    let mut db = Db::new();
    let id = db.letter("With a logo");
    let who = db.org("Human Rights Watch", None);
    db.confirm(id, who);
    let logo = db.dir.path().join("logo.png");
    std::fs::write(&logo, png(120, 60)).unwrap();
    let options = PdfOptions {
        letterhead: Some(undersigned::export::pdf::Letterhead {
            organisation: "Human Rights Watch".into(),
            logo: Some(logo),
        }),
        ..Default::default()
    };
    let pdf = render_letter(&db.store, id, &options).unwrap();
    let path = save(db.dir.path(), "logo.pdf", &pdf);
    let images = tool("pdfimages", &["-list", &path]);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    // page, num, type, width, height
    assert_eq!(&cols[..5], &["1", "0", "image", "120", "60"], "{images}");
    assert!(pdf_text(&path).starts_with("Human Rights Watch"));
}

#[test]
fn long_names_stay_inside_their_column_and_empty_letters_print() {
    let mut db = Db::new();
    let id = db.letter("Long names");
    let long = "Internationalcoalitionforthepreventionofeverythingthatshouldnotbeallowedanywhereatanytimewhatsoever";
    let who = db.org(long, Some("ROK"));
    db.confirm(id, who);
    let other = db.org("Short", None);
    db.confirm(id, other);
    let pdf = render_letter(&db.store, id, &PdfOptions::default()).unwrap();
    let path = save(db.dir.path(), "long.pdf", &pdf);
    let boxes = tool("pdftotext", &["-bbox", &path, "-"]);
    let (width, margin) = (595.276, 64.0);
    for line in boxes.lines().filter(|l| l.contains("<word ")) {
        let x_max: f64 = line
            .split("xMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(x_max <= width - margin + 0.5, "past the margin: {line}");
    }
    // The name is all there, broken across lines.
    let text: String = pdf_text(&path).split(' ').collect();
    assert!(text.contains(long), "{text}");

    let empty = db.letter("Nobody yet");
    let pdf = render_letter(&db.store, empty, &PdfOptions::default()).unwrap();
    let path = save(db.dir.path(), "empty.pdf", &pdf);
    assert_eq!(pages(&path), 1);
    assert!(pdf_text(&path).contains("Nobody yet"));
}

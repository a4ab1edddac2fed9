#!/usr/bin/env python3
"""PDF export benchmark, side by side in one run: Undersigned vs typst.

The same letter (title, date, recipient, body with two headings, the
signatory heading, N signatories in two columns, "Page N of M" footers,
Latin and Korean names, the same bundled Noto fonts) is rendered by
  - Undersigned: `undersigned export pdf` from a release build, a fresh
    process each time (it opens the database, builds the list, shapes,
    subsets, writes);
  - typst: the Python package's compiler on an equivalent .typ file, PDF
    tagging off, a fresh `python3` process each time (its interpreter
    start-up and import are measured separately and shown too).
Medians over fresh processes. Called by bench/pdf.sh, which builds first.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
CLI = os.path.join(ROOT, "target", "release", "undersigned")
MAKE = os.path.join(ROOT, "target", "release", "examples", "make_letter")
FONTS = os.path.join(ROOT, "assets", "fonts")

COUNTRIES = ["KR", "JP", "US", "GB", "DE", "FR", "TH", "ID", "PH", "BR", "CA", "AU", "IN",
             "BD", "NP", "MY", "SG", "MN", "KH", "VN", "ZA", "KE", "NG", "MX", "AR", "CL",
             "PE", "CO", "ES", "IT", "NL", "BE", "SE", "NO", "DK", "FI", "PL", "CZ", "AT", "CH"]
LABELS = {"KR": "ROK", "JP": "Japan", "US": "USA", "GB": "UK", "DE": "Germany", "FR": "France",
          "TH": "Thailand", "ID": "Indonesia", "PH": "Philippines", "BR": "Brazil",
          "CA": "Canada", "AU": "Australia", "IN": "India", "BD": "Bangladesh", "NP": "Nepal",
          "MY": "Malaysia", "SG": "Singapore", "MN": "Mongolia", "KH": "Cambodia",
          "VN": "Vietnam", "ZA": "South Africa", "KE": "Kenya", "NG": "Nigeria",
          "MX": "Mexico", "AR": "Argentina", "CL": "Chile", "PE": "Peru", "CO": "Colombia",
          "ES": "Spain", "IT": "Italy", "NL": "Netherlands", "BE": "Belgium", "SE": "Sweden",
          "NO": "Norway", "DK": "Denmark", "FI": "Finland", "PL": "Poland", "CZ": "Czechia",
          "AT": "Austria", "CH": "Switzerland"}
LATIN = ["Human Rights", "Justice", "Freedom", "Solidarity", "Watch", "Alliance", "Network",
         "Council", "Foundation", "Centre", "Association", "Forum", "Initiative", "Coalition"]
KOREAN = ["인권", "정의", "평화", "연대", "시민", "모임", "네트워크", "센터", "재단", "협회", "포럼",
          "북한", "난민", "통일"]


def name(i):
    a = (i // 2) % len(LATIN)
    b = (i // 2 // len(LATIN)) % len(LATIN)
    if i % 2 == 0:
        return f"{LATIN[a]} {LATIN[b]} Group {i}"
    return f"{KOREAN[a]}{KOREAN[b]}모임 {i}"


def typ_escape(s):
    return "".join("\\" + c if c in "\\#*_`$@<>[]=-+/~\"'" else c for c in s)


def write_typ(n, path):
    entries = sorted((name(i), LABELS[COUNTRIES[i % len(COUNTRIES)]]) for i in range(n))
    countries = min(n, len(COUNTRIES))
    if n >= 10:
        step = 10 ** (len(str(n)) - 1)
        floor = n // step * step
        rep = f"representing over {floor:,} organisations" if floor != n else f"representing {n:,} organisations"
    else:
        rep = f"representing {n} organisations"
    figures = f"{n:,} organisations from {countries} countries"
    lines = "\n\n".join(f"{typ_escape(nm)} ({c})" for nm, c in entries)
    body = f"""#set document(title: "South Korea: Stand Up for Human Rights")
#set page(paper: "a4", margin: (left: 64pt, right: 64pt, top: 60pt, bottom: 64pt),
  footer: context align(center, text(8pt, fill: luma(40%))[Page #counter(page).display() of #counter(page).final().first()]))
#set text(font: ("Noto Sans", "Noto Sans Arabic", "Noto Sans Thai", "Noto Sans CJK KR"), size: 10.5pt, lang: "en")
#set par(justify: true)
#align(right)[Seoul, December 16, 2019]

*To:* H.E. Moon Jae-in, President of the Republic of Korea

#text(16pt, weight: "bold")[South Korea: Stand Up for Human Rights]

Dear President Moon,

We, {figures}, {rep}, write to urge your government to stop disengaging from ongoing human rights abuses by North Korea.

#text(12pt, weight: "bold")[Recent decisions]

In November, South Korea decided to end its past co-sponsorship of an annual resolution in the United Nations General Assembly condemning North Korea's rights record. Your government also deported two North Korean fishermen accused of killing 16 fellow crew members to face murder charges in North Korea. Serious concerns have been raised that the two men could face torture in detention, followed by the lack of a free and fair trial.

#text(12pt, weight: "bold")[Our request]

We urge you to rejoin the resolution as a co-sponsor, to place human rights at the heart of engagement with North Korea, and to support regular discussion of the human rights crisis in North Korea at the UN Security Council.

Sincerely,

#text(11pt, weight: "bold")[Members and supporters of the Coalition include:]

#columns(2, gutter: 20pt)[
#set text(9.5pt)
#set par(justify: false, hanging-indent: 9.5pt, spacing: 0.3em)
{lines}
]
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)


def timed(cmd):
    """Wall-clock and CPU (user + system) seconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(cmd, runs):
    timed(cmd)  # warm the page cache
    samples = [timed(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    os.makedirs(OUT, exist_ok=True)
    rows = []
    startup, _ = median_of([sys.executable, "-c", "import typst"], 5)
    for n in sizes:
        runs = 9 if n <= 1000 else 5
        db = os.path.join(OUT, f"letter-{n}.db")
        if not os.path.exists(db):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            letter = subprocess.run([MAKE, db, str(n)], check=True, capture_output=True, text=True).stdout.strip()
            with open(db + ".id", "w") as f:
                f.write(letter)
        with open(db + ".id") as f:
            letter = f.read().strip()
        ours = os.path.join(OUT, f"undersigned-{n}.pdf")
        ours_t, ours_cpu = median_of([CLI, "--db", db, "export", "pdf", letter, "-o", ours, "--columns", "2"], runs)
        typ = os.path.join(OUT, f"letter-{n}.typ")
        write_typ(n, typ)
        theirs = os.path.join(OUT, f"typst-{n}.pdf")
        script = (f"import typst; typst.compile({typ!r}, output={theirs!r}, font_paths=[{FONTS!r}], "
                  "ignore_system_fonts=True, pdf_tags=False)")
        typst_t, typst_cpu = median_of([sys.executable, "-c", script], runs)
        pages = lambda p: subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0]
        rows.append({
            "n": n,
            "undersigned_s": ours_t, "undersigned_cpu_s": ours_cpu, "undersigned_kb": os.path.getsize(ours) / 1024, "undersigned_pages": pages(ours),
            "typst_s": typst_t, "typst_cpu_s": typst_cpu, "typst_kb": os.path.getsize(theirs) / 1024, "typst_pages": pages(theirs),
        })
    print(f"python3 -c 'import typst' alone (start-up included in typst times): {startup * 1000:.0f} ms\n")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| signatories | Undersigned wall (CPU) | PDF | pages | typst 0.15 wall (CPU) | PDF | pages |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['n']:,} | {r['undersigned_s'] * 1000:.0f} ms ({r['undersigned_cpu_s'] * 1000:.0f} ms) "
              f"| {r['undersigned_kb']:.0f} KB | {r['undersigned_pages']} "
              f"| {r['typst_s'] * 1000:.0f} ms ({r['typst_cpu_s'] * 1000:.0f} ms) | {r['typst_kb']:.0f} KB | {r['typst_pages']} |")
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump({"typst_startup_s": startup, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()

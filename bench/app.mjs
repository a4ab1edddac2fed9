// The measurements behind bench/app.sh. Prints one line per figure.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { byId, launch, until } from "../e2e/lib.mjs";

const app = path.resolve(process.env.BENCH_APP);
const cli = path.resolve(process.env.BENCH_CLI);
const makeDb = path.resolve(process.env.BENCH_MAKE_DB);
const n = Number(process.env.BENCH_N ?? 10000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** pid -> {ppid, rssKb, pssKb} for every process we can read. */
function processes() {
  const all = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const status = readFileSync(`/proc/${d}/status`, "utf8");
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      let pss = 0;
      try {
        pss = Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${d}/smaps_rollup`, "utf8"))?.[1] ?? 0);
      } catch {
        /* not readable */
      }
      all.set(Number(d), { ppid, rss, pss });
    } catch {
      /* gone */
    }
  }
  return all;
}

function tree(root) {
  const all = processes();
  const pids = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) if (!pids.has(pid) && pids.has(p.ppid)) (pids.add(pid), (grew = true));
  }
  let rss = 0,
    pss = 0;
  for (const pid of pids) {
    rss += all.get(pid)?.rss ?? 0;
    pss += all.get(pid)?.pss ?? 0;
  }
  return { count: pids.size, rssMb: rss / 1024, pssMb: pss / 1024 };
}

// 1 and 2: cold start to first paint, and memory with the sample loaded.
const base = mkdtempSync(path.join(os.tmpdir(), "undersigned-bench-"));
const sampleDb = path.join(base, "sample.db");
execFileSync(cli, ["--db", sampleDb, "demo"]);
const starts = [];
let memory;
for (let run = 0; run < 5; run++) {
  const ready = path.join(base, `ready-${run}`);
  const t0 = Date.now();
  const child = spawn(app, [], {
    stdio: "ignore",
    env: {
      ...process.env,
      UNDERSIGNED_DB: sampleDb,
      UNDERSIGNED_BENCH_READY_FILE: ready,
      XDG_CONFIG_HOME: path.join(base, `config-${run}`),
      XDG_CACHE_HOME: path.join(base, `cache-${run}`),
      XDG_DATA_HOME: path.join(base, `data-${run}`),
    },
  });
  while (!existsSync(ready) || readFileSync(ready, "utf8") === "") await sleep(5);
  starts.push(Number(readFileSync(ready, "utf8")) - t0);
  if (run === 0) {
    await sleep(2000); // let the webview settle before reading memory
    memory = tree(child.pid);
  }
  child.kill();
  await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
}
starts.sort((a, b) => a - b);
console.log(`cold start to first paint: median ${starts[2]} ms (min ${starts[0]}, max ${starts[4]}, 5 runs)`);
console.log(
  `memory with the sample loaded (letters list): ${memory.count} processes, RSS ${memory.rssMb.toFixed(0)} MB, PSS ${memory.pssMb.toFixed(0)} MB`,
);

// 3: a letter with n signatories: open it, then scroll its table.
if (!existsSync(makeDb) || n === 0) {
  console.log("(no bench_db example built or N=0: skipping the large letter)");
  rmSync(base, { recursive: true, force: true });
  process.exit(0);
}
const bigDb = path.join(base, "big.db");
execFileSync(makeDb, [bigDb, String(n)]);
const ctx = await launch({ UNDERSIGNED_DB: bigDb });
const b = ctx.browser;
try {
  await byId(b, "letters-table").waitForDisplayed({ timeout: 60_000 });
  const links = await b.$$('[data-testid="open-letter"]');
  let big;
  for (const l of links) if ((await l.getText()).startsWith("Benchmark letter")) big = l;
  const t0 = Date.now();
  await big.click();
  await until(
    b,
    async () => (await byId(b, "sig-count").getText().catch(() => "")).includes(`${n.toLocaleString("en")}`) ||
      (await byId(b, "sig-count").getText().catch(() => "")).includes(`${n}`),
    "the big table",
    120_000,
  );
  await byId(b, "sig-name").waitForDisplayed();
  console.log(`open a letter with ${n} signatories until its table shows: ${Date.now() - t0} ms (WebDriver round trips included)`);
  const frames = await b.executeAsync((done) => {
    const el = document.querySelector('[data-testid="sig-table-scroller"]');
    const times = [];
    let last = performance.now();
    let i = 0;
    const step = () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
      el.scrollTop += 36 * 25;
      if (++i < 240 && el.scrollTop + el.clientHeight < el.scrollHeight) requestAnimationFrame(step);
      else done({ times, rows: el.querySelectorAll('[role="row"]').length, top: el.scrollTop });
    };
    requestAnimationFrame(step);
  });
  const t = frames.times.slice(1).sort((a, b) => a - b);
  const p = (q) => t[Math.min(t.length - 1, Math.floor(q * t.length))].toFixed(1);
  console.log(
    `scroll the table 25 rows per frame, ${t.length} frames: median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${t[t.length - 1].toFixed(1)} ms per frame; ${frames.rows} rows in the DOM`,
  );
} finally {
  await ctx.stop();
  rmSync(base, { recursive: true, force: true });
}

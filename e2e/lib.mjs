// Starting the app for one test: fresh data folders, a tauri-driver of its
// own, a WebdriverIO session; and screenshots under target/e2e-screens/.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const app = process.env.UNDERSIGNED_APP_BINARY ?? path.join(root, "target", "debug", "undersigned-app");
export const screensDir = path.join(root, "target", "e2e-screens");
const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
const PORT = 4444;

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function waitForPort(port, open, what) {
  for (let i = 0; i < 300; i++) {
    if ((await portOpen(port)) === open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: port ${port} did not ${open ? "open" : "close"}`);
}

/** Pids of the processes whose environment names `dir` as their cache. */
function processesUsing(dir) {
  const pids = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const env = readFileSync(`/proc/${d}/environ`, "latin1");
      if (env.split("\0").includes(`XDG_CACHE_HOME=${dir}`)) pids.push(Number(d));
    } catch {
      /* gone, or not ours */
    }
  }
  return pids;
}

/**
 * Starts the app with empty data folders. `env` adds variables (the test
 * hooks): an object, or a function of the test's folders returning one.
 * Returns { browser, dirs, stop }.
 */
export async function launch(env = {}) {
  const base = mkdtempSync(path.join(os.tmpdir(), "undersigned-e2e-"));
  const dirs = {
    base,
    data: path.join(base, "data"),
    config: path.join(base, "config"),
    cache: path.join(base, "cache"),
    out: path.join(base, "out"),
  };
  for (const d of [dirs.data, dirs.config, dirs.cache, dirs.out]) mkdirSync(d, { recursive: true });
  await waitForPort(PORT, false, "an earlier tauri-driver");
  const driver = spawn(driverBin, ["--port", String(PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      XDG_DATA_HOME: dirs.data,
      XDG_CONFIG_HOME: dirs.config,
      XDG_CACHE_HOME: dirs.cache,
      UNDERSIGNED_DB: "",
      ...(typeof env === "function" ? env(dirs) : env),
    },
  });
  await waitForPort(PORT, true, "tauri-driver");
  const browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    capabilities: {
      "tauri:options": { application: app },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  const stop = async () => {
    try {
      await browser.deleteSession();
    } catch {
      /* the app may already be gone */
    }
    driver.kill();
    await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
    // The app and its WebKit processes carry this test's folders in their
    // environment: wait for them (and end them if they linger).
    for (let i = 0; i < 100; i++) {
      const left = processesUsing(dirs.cache);
      if (left.length === 0) break;
      if (i === 30) for (const pid of left) process.kill(pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 100));
    }
    rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return { browser, dirs, stop };
}

/** Saves a screenshot of the whole window as target/e2e-screens/<name>.png. */
export async function screenshot(browser, name) {
  mkdirSync(screensDir, { recursive: true });
  await browser.saveScreenshot(path.join(screensDir, `${name}.png`));
}

/** Waits until `fn` returns a truthy value; fails with `what` if it never does. */
export async function until(browser, fn, what, timeout = 20_000) {
  let last;
  try {
    await browser.waitUntil(
      async () => {
        last = await fn();
        return last;
      },
      { timeout, interval: 100 },
    );
  } catch (e) {
    throw new Error(`timed out waiting for ${what} (${e.message})`);
  }
  return last;
}

/** The element with data-testid `id`. */
export function byId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/** The text of the element with data-testid `id` (whitespace folded). */
export async function textOf(browser, id) {
  await byId(browser, id).waitForDisplayed({ timeout: 20_000 });
  return textNow(browser, id);
}

/** Ends a test's app, saving a screenshot first if the test failed. */
export async function stopAfter(mochaCtx, ctx) {
  if (!ctx) return;
  const test = mochaCtx.currentTest;
  if (test?.state === "failed") {
    const name = `failed-${test.title.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`;
    await screenshot(ctx.browser, name).catch(() => {});
  }
  await ctx.stop();
}

/** The text of the element with data-testid `id` right now ("" if absent); for use inside `until`. */
export async function textNow(browser, id) {
  // innerText in the page: WebKitWebDriver's getText answers "" for some
  // visible elements (an h1 that may be ellipsised, for one).
  const text = await browser.execute(
    (sel) => document.querySelector(sel)?.innerText ?? "",
    `[data-testid="${id}"]`,
  );
  return String(text).replace(/\s+/g, " ").trim();
}

/** Waits until the element with data-testid `id` reads `expected`; fails saying what it read. */
export async function waitText(browser, id, expected) {
  let last = "";
  try {
    await browser.waitUntil(async () => (last = await textNow(browser, id)) === expected, {
      timeout: 20_000,
      interval: 100,
    });
  } catch {
    throw new Error(`${id}: expected "${expected}", read "${last}"`);
  }
}

/** The innerText of every element with data-testid `id`, in page order. */
export async function textsOf(browser, id) {
  const texts = await browser.execute(
    (sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText.replace(/\s+/g, " ").trim()),
    `[data-testid="${id}"]`,
  );
  return texts;
}

/**
 * In the table with data-testid `table`, clicks the button with data-testid
 * `button` of the row whose text contains `text`. Returns whether it did.
 */
export async function clickInRow(browser, table, text, button) {
  const el = await browser.execute(
    (tableSel, wanted, buttonSel) => {
      for (const row of document.querySelectorAll(`${tableSel} [role="row"][aria-rowindex]`)) {
        if (row.innerText.includes(wanted)) return row.querySelector(buttonSel);
      }
      return null;
    },
    `[data-testid="${table}"]`,
    text,
    `[data-testid="${button}"]`,
  );
  if (!el) return false;
  await (await browser.$(el)).click();
  return true;
}

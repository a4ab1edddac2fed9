// Exporting the signed letter as a PDF. The test mode's hook replaces the
// save dialog with the test's own folder (UNDERSIGNED_TEST_MODE=1 and
// UNDERSIGNED_TEST_SAVE_DIR); the real app always asks.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { byId, launch, stopAfter, screenshot, until } from "../lib.mjs";

describe("export", function () {
  let ctx;
  beforeEach(async () => {
    ctx = await launch((dirs) => ({ UNDERSIGNED_TEST_MODE: "1", UNDERSIGNED_TEST_SAVE_DIR: dirs.out }));
  });
  afterEach(async function () {
    await stopAfter(this, ctx);
  });

  it("exports the PDF; the file exists and pdftotext finds the names", async () => {
    const b = ctx.browser;
    await byId(b, "first-run").waitForDisplayed({ timeout: 30_000 });
    await byId(b, "load-sample").click();
    await byId(b, "export").waitForDisplayed();
    await byId(b, "export").click();
    await byId(b, "export-dialog").waitForDisplayed();
    await screenshot(b, "15-export");
    await byId(b, "export-pdf").click();
    const file = await until(
      b,
      async () => readdirSync(ctx.dirs.out).find((f) => f.endsWith(".pdf")),
      "the exported PDF",
      60_000,
    );
    const pdf = path.join(ctx.dirs.out, file);
    assert.ok(existsSync(pdf));
    await byId(b, "toast-info").waitForDisplayed();
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const name of ["Burma Partnership", "Human Rights Watch", "David Hawk"]) {
      assert.ok(text.includes(name), `the PDF names ${name}`);
    }
  });
});

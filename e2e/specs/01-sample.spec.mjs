// First run, the sample letter and its figures; every main screen is
// photographed for a person to look at.
import assert from "node:assert/strict";
import { byId, launch, stopAfter, screenshot, textNow, textOf, until } from "../lib.mjs";

describe("first run and the sample letter", function () {
  let ctx;
  beforeEach(async () => {
    ctx = await launch();
  });
  afterEach(async function () {
    await stopAfter(this, ctx);
  });

  it("starts empty, loads the sample, opens the letter and reads the figures", async () => {
    const b = ctx.browser;
    const firstRun = byId(b, "first-run");
    await firstRun.waitForDisplayed({ timeout: 30_000 });
    await screenshot(b, "01-first-run");

    await byId(b, "load-sample").click();
    const phrase = await until(
      b,
      async () => {
        const t = await textNow(b, "phrase");
        return t.includes("from") ? t : null;
      },
      "the sample's phrase",
    );
    assert.equal(phrase, "47 groups and individuals from 11 countries");
    assert.equal(await textOf(b, "figure-countries"), "11 Countries");
    const rows = await b.$$('[data-testid="sig-name"]');
    assert.ok(rows.length > 10, `the signatories table shows rows (${rows.length})`);
    await screenshot(b, "02-letter-workspace");

    // Each figure opens the rows behind it.
    await byId(b, "figure-countries").click();
    const dialog = byId(b, "explain-dialog");
    await dialog.waitForDisplayed();
    const items = await dialog.$$("li");
    const withCountry = 47 - Number((await textOf(b, "figure-no_country")).split(" ")[0]);
    assert.equal(items.length, withCountry);
    await screenshot(b, "03-figure-explained");
    await byId(b, "explain-close").click();

    await byId(b, "tab-text").click();
    await byId(b, "body-preview").waitForDisplayed();
    await screenshot(b, "04-letter-text");

    await byId(b, "nav-letters").click();
    await byId(b, "letters-table").waitForDisplayed();
    const table = await textOf(b, "letters-table");
    assert.match(table, /47/);
    await screenshot(b, "05-letters");

    await byId(b, "nav-organisations").click();
    await byId(b, "org-table").waitForDisplayed();
    await byId(b, "org-search").setValue("Burma");
    await until(b, async () => (await b.$$('[data-testid="org-row"]')).length === 1, "one match for Burma");
    await (await b.$$('[data-testid="org-row"]'))[0].click();
    await byId(b, "org-history").waitForDisplayed();
    assert.match(await textOf(b, "org-history"), /Korea/);
    await screenshot(b, "06-organisations");

    await byId(b, "nav-coalitions").click();
    await byId(b, "members").waitForDisplayed();
    await screenshot(b, "07-coalitions");

    await byId(b, "nav-settings").click();
    const db = await textOf(b, "db-path");
    assert.ok(db.startsWith(ctx.dirs.data), `the database is in the test's data folder: ${db}`);
    await screenshot(b, "08-settings");

    await byId(b, "ui-theme").selectByAttribute("value", "dark");
    await until(
      b,
      async () => (await b.execute(() => document.documentElement.dataset.theme)) === "dark",
      "the dark theme",
    );
    await byId(b, "nav-letters").click();
    await byId(b, "letters-table").waitForDisplayed();
    await screenshot(b, "08b-letters-dark");
  });
});

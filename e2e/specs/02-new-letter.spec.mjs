// A new letter: signatories added from the database as you type, the
// figures follow, a withdrawal is kept but no longer counted.
import assert from "node:assert/strict";
import {
  byId,
  clickInRow,
  launch,
  stopAfter,
  screenshot,
  textNow,
  textOf,
  textsOf,
  until,
  waitText,
} from "../lib.mjs";

async function figure(b, name) {
  return Number((await textNow(b, `figure-${name}`)).split(" ")[0]);
}

async function addSignatory(b, query, expectedName) {
  const input = byId(b, "add-signatory");
  await input.setValue(query);
  const first = await until(
    b,
    async () => {
      const texts = await b.execute(() =>
        [...document.querySelectorAll('[data-testid="add-signatory-results"] button')].map((e) => e.innerText),
      );
      const i = texts.findIndex((t) => t.includes(expectedName));
      return i >= 0 ? (await b.$$('[data-testid="add-signatory-results"] button'))[i] : null;
    },
    `a suggestion for ${query}`,
  );
  await first.click();
}

describe("a new letter", function () {
  let ctx;
  beforeEach(async () => {
    ctx = await launch();
  });
  afterEach(async function () {
    await stopAfter(this, ctx);
  });

  it("creates a letter, adds signatories, sees the figures change, withdraws one", async () => {
    const b = ctx.browser;
    await byId(b, "first-run").waitForDisplayed({ timeout: 30_000 });
    // The sample gives the database organisations to pick from.
    await byId(b, "load-sample").click();
    await byId(b, "phrase").waitForDisplayed();
    await byId(b, "nav-letters").click();

    await byId(b, "new-letter").click();
    await byId(b, "new-letter-title").setValue("Letter on forced repatriation");
    await byId(b, "create-letter").click();
    await waitText(b, "letter-title", "Letter on forced repatriation");
    await waitText(b, "phrase", "no confirmed signatories yet");
    await byId(b, "sigs-empty").waitForDisplayed();

    await addSignatory(b, "Burma Part", "Burma Partnership");
    await until(b, async () => (await figure(b, "signatories")) === 1, "one signatory");
    await waitText(b, "phrase", "1 organisation from 1 country");

    await addSignatory(b, "David Hawk", "David Hawk");
    await until(b, async () => (await figure(b, "signatories")) === 2, "two signatories");
    assert.equal(await figure(b, "individuals"), 1);
    await until(
      b,
      async () => /^2 groups and individuals from \d+ countr(y|ies)$/.test(await textNow(b, "phrase")),
      "the phrase for one group and one person",
    );
    await screenshot(b, "10-new-letter");

    // Withdraw the organisation: kept in the list, no longer counted.
    assert.ok(await clickInRow(b, "sig-table", "Burma Partnership", "withdraw"), "found Burma Partnership's row");
    await until(b, async () => (await figure(b, "signatories")) === 1, "one signatory after the withdrawal");
    assert.equal(await figure(b, "withdrawn"), 1);
    assert.equal(await figure(b, "organisations"), 0);
    assert.match(await textOf(b, "sig-table"), /Burma Partnership/);
    await screenshot(b, "11-after-withdrawal");
  });
  it("creates a letter, pastes a list, previews, commits, withdraws one", async () => {
    const b = ctx.browser;
    await byId(b, "first-run").waitForDisplayed({ timeout: 30_000 });
    await byId(b, "new-letter").click();
    await byId(b, "new-letter-title").setValue("Joint letter on detention");
    await byId(b, "create-letter").click();
    await waitText(b, "letter-title", "Joint letter on detention");
    await until(b, async () => (await figure(b, "signatories")) === 0, "the empty figures");

    await byId(b, "open-import").click();
    await byId(b, "paste-text").waitForDisplayed();
    // Typed line by line, Enter between lines, as a paste arrives.
    await byId(b, "paste-text").click();
    for (const line of ["Burma Partnership (Thailand)", "Human Rights Watch (USA)", "No Fence (Japan)"]) {
      await byId(b, "paste-text").addValue(line);
      await b.keys(["Enter"]);
    }
    await screenshot(b, "12-import-paste");
    await byId(b, "paste-preview").click();
    await byId(b, "import-summary").waitForDisplayed();
    assert.equal(Number((await textOf(b, "sum-rows")).split(" ")[0]), 3);
    assert.equal(Number((await textOf(b, "sum-create")).split(" ")[0]), 3);
    assert.deepEqual(await textsOf(b, "import-name"), ["Burma Partnership", "Human Rights Watch", "No Fence"]);
    assert.deepEqual(await textsOf(b, "import-line"), ["1", "2", "3"]);
    await screenshot(b, "13-import-preview");

    await byId(b, "import-commit").click();
    await byId(b, "import-report").waitForDisplayed({ timeout: 60_000 });
    await screenshot(b, "14-import-report");
    await byId(b, "import-done").click();
    await until(b, async () => (await figure(b, "signatories")) === 3, "three signatories after the import");
    await waitText(b, "phrase", "3 organisations from 3 countries");

    assert.ok(await clickInRow(b, "sig-table", "Human Rights Watch", "withdraw"), "found Human Rights Watch's row");
    await until(b, async () => (await figure(b, "signatories")) === 2, "two signatories after the withdrawal");
    await waitText(b, "phrase", "2 organisations from 2 countries");
    assert.equal(await figure(b, "withdrawn"), 1);
  });
});

// The UI in Korean: labels and the headline phrase.
import assert from "node:assert/strict";
import { byId, launch, stopAfter, screenshot, textNow, textOf, until } from "../lib.mjs";

describe("Korean", function () {
  let ctx;
  beforeEach(async () => {
    ctx = await launch();
  });
  afterEach(async function () {
    await stopAfter(this, ctx);
  });

  it("switches the UI to Korean: labels and phrase are Korean", async () => {
    const b = ctx.browser;
    await byId(b, "first-run").waitForDisplayed({ timeout: 30_000 });
    await byId(b, "nav-settings").click();
    await byId(b, "ui-lang").selectByAttribute("value", "ko");
    await until(b, async () => (await textNow(b, "nav-letters")) === "서한", "the Korean nav");
    assert.equal(await textOf(b, "nav-settings"), "설정");

    await byId(b, "nav-letters").click();
    assert.equal(await textOf(b, "load-sample"), "예시 서한 불러오기");
    await byId(b, "load-sample").click();
    await byId(b, "figures-lang").waitForDisplayed();
    await byId(b, "figures-lang").selectByAttribute("value", "ko");
    const phrase = await until(
      b,
      async () => {
        const t = await textNow(b, "phrase");
        return t.includes("개국") ? t : null;
      },
      "the Korean phrase",
    );
    assert.equal(phrase, "11개국 47개 단체 및 개인");
    assert.equal(await textOf(b, "tab-signatories"), "서명자");
    assert.equal(await textOf(b, "figure-countries"), "11 국가");
    await screenshot(b, "09-korean");
  });
});

import { describe, expect, it } from "vitest";
import { dictionaries, translate } from "./i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("has the same keys in English and Korean", () => {
    expect(Object.keys(dictionaries.ko).sort()).toEqual(Object.keys(dictionaries.en).sort());
  });

  it("translates every string (nothing empty, placeholders kept)", () => {
    for (const [key, en] of Object.entries(dictionaries.en)) {
      const ko = dictionaries.ko[key as keyof typeof dictionaries.en];
      expect(ko.trim(), key).not.toBe("");
      expect(placeholders(ko), key).toEqual(placeholders(en));
    }
  });

  it("fills placeholders", () => {
    expect(translate("en", "sigs.shown", { shown: 3, total: 10 })).toBe("3 of 10 shown");
    expect(translate("ko", "sigs.shown", { shown: 3, total: 10 })).toBe("전체 10건 중 3건 표시");
  });
});

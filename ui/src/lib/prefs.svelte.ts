// The user's UI preferences (language, theme), kept in the webview's local
// storage, plus the shared `t()` that every component uses.
import { translate, type Key, type UiLang } from "./i18n";

export type Theme = "system" | "light" | "dark";

function load<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

const systemLang: UiLang = navigator.language?.toLowerCase().startsWith("ko") ? "ko" : "en";

export const prefs = $state({
  lang: load<UiLang>("undersigned.lang", ["en", "ko"], systemLang),
  theme: load<Theme>("undersigned.theme", ["system", "light", "dark"], "system"),
});

export function setLang(lang: UiLang) {
  prefs.lang = lang;
  try {
    localStorage.setItem("undersigned.lang", lang);
  } catch {
    /* private mode: the choice lasts this session */
  }
}

export function setTheme(theme: Theme) {
  prefs.theme = theme;
  try {
    localStorage.setItem("undersigned.theme", theme);
  } catch {
    /* as above */
  }
}

/** Translates `key` into the current UI language. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  return translate(prefs.lang, key, params);
}

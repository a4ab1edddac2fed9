// Short notices at the bottom of the window: confirmations and errors.
import { AppError } from "./api";

export type Toast = { id: number; kind: "info" | "error"; text: string };

export const toasts = $state<Toast[]>([]);
let next = 1;

export function notify(text: string, kind: Toast["kind"] = "info") {
  const id = next++;
  toasts.push({ id, kind, text });
  if (kind === "info") setTimeout(() => dismiss(id), 4000);
}

export function dismiss(id: number) {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

/** Shows an error from a command; a cancelled dialog shows nothing. */
export function showError(e: unknown) {
  if (e instanceof AppError) {
    if (e.code === "cancelled") return;
    notify(e.message, "error");
  } else {
    notify(String(e), "error");
  }
}

import { mount } from "svelte";
import { invoke } from "@tauri-apps/api/core";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (target) {
  mount(App, { target });
  // After the first frame is on screen, tell the app (bench/ times this).
  requestAnimationFrame(() => requestAnimationFrame(() => void invoke("ui_ready").catch(() => {})));
}

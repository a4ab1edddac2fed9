// Runs the end-to-end suite against the real app binary in a real webview
// and prints the closing line `N passed, N failed`.
//
// Each test gets its own tauri-driver (and so its own app process) started
// with fresh XDG_* folders, so every test begins with an empty database and
// nothing is left in the home folder. See lib.mjs.
import Mocha from "mocha";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const mocha = new Mocha({ timeout: 180_000, reporter: "spec" });
const grep = process.env.E2E_GREP;
if (grep) mocha.grep(grep);
for (const f of readdirSync(path.join(here, "specs")).sort()) {
  if (f.endsWith(".spec.mjs")) mocha.addFile(path.join(here, "specs", f));
}
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const { passes = 0 } = runner.stats ?? {};
  console.log(`${passes} passed, ${failures} failed`);
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
});

# Install steps for the desktop app (sourced after scripts/lib/setup.sh).
# Each step checks before it installs, so running twice costs nothing.

# System libraries Tauri 2 builds against on Debian/Ubuntu (webkit2gtk 4.1).
ensure_app_build_deps() {
  apt_install build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev \
    librsvg2-dev libayatana-appindicator3-dev libssl-dev libsoup-3.0-dev \
    libjavascriptcoregtk-4.1-dev libxdo-dev
}

# What the end-to-end tests need besides the build: a virtual display, the
# WebKit WebDriver, pdftotext, and fonts with Korean glyphs for screenshots.
ensure_e2e_deps() {
  apt_install xvfb xauth webkit2gtk-driver poppler-utils fonts-noto-core fonts-noto-cjk
}

# Node.js 20+ and npm (the machines ship them; Debian's own nodejs is older).
ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "Node.js 20 or newer is needed to build the UI (found $(node --version))" >&2
    return 1
  fi
}

# npm ci in a folder, skipped when node_modules matches the lock file.
npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.src" 2>/dev/null; then
    echo "== npm ci ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$dir/node_modules/.package-lock.json.src"
  fi
}

# The UI's dependencies and its built files (embedded into the app binary).
build_ui() {
  ensure_node
  npm_ci ui
  echo "== building the UI"
  (cd ui && npm run --silent build)
}

ensure_tauri_driver() {
  if ! cargo install --list | grep -q '^tauri-driver v2\.1\.0:'; then
    echo "== installing tauri-driver 2.1.0"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
}

#!/usr/bin/env bash
# Idempotent installer for everything `make build`, `make run` and `make test` need,
# on a fresh Debian machine that has rustup, Node 20 and npm (see
# shared/guide/TOOLCHAIN.md). Each step is skipped when the right version is already
# there, and prints one line. Nothing is downloaded from GitHub: cargo, apt and npm
# registries only. The output of a step that installs something goes to
# target/bootstrap/<step>.log; its tail is printed if the step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# Splits the wasm so the plan view loads on demand (.ci/split-wasm.mjs); the crate's
# `build-binary` feature builds its `wasm-split-cli` (about 1 min).
WASM_SPLIT_VERSION="0.2.4"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"
LOG_DIR="$ROOT/target/bootstrap"

say() { printf 'bootstrap: %-18s %s\n' "$1" "$2"; }

# run_logged STEP CMD...: run CMD with its output in target/bootstrap/STEP.log.
run_logged() {
  local step="$1"; shift
  mkdir -p "$LOG_DIR"
  local log="$LOG_DIR/$step.log" start=$SECONDS
  if ! "$@" >"$log" 2>&1; then
    say "$step" "FAILED: $* (last lines of $log follow)"
    tail -n 40 "$log" >&2
    exit 1
  fi
  LAST_DURATION=$((SECONDS - start))
}

# The wasm-bindgen version the build links against: Cargo.lock, else the `=x.y.z` pin in Cargo.toml.
wasm_bindgen_version() {
  local v=""
  if [[ -f Cargo.lock ]]; then
    v="$(awk '
      /^\[\[package\]\]/ { name = "" }
      /^name = / { gsub(/"/, "", $3); name = $3 }
      /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock)"
  fi
  if [[ -z "$v" && -f Cargo.toml ]]; then
    # wasm-bindgen = "=0.2.130"   or   wasm-bindgen = { version = "=0.2.130", ... }
    v="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"[=^~]?([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' Cargo.toml | head -n 1)"
  fi
  printf '%s' "$v"
}

# 1. wasm32 target ----------------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
  say "wasm32-target" "FAILED: rustup is not on PATH"
  exit 1
fi
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "wasm32-target" "ok (already installed)"
else
  run_logged "wasm32-target" rustup target add wasm32-unknown-unknown
  say "wasm32-target" "installed (${LAST_DURATION}s)"
fi

# 2. trunk --------------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null || true)"
if [[ "$have_trunk" == "trunk $TRUNK_VERSION" ]]; then
  say "trunk" "ok ($have_trunk)"
else
  say "trunk" "installing $TRUNK_VERSION (found: ${have_trunk:-none}; about 8 min on 2 cores) ..."
  run_logged "trunk" cargo install trunk --version "$TRUNK_VERSION" --locked
  say "trunk" "installed $(trunk --version) (${LAST_DURATION}s)"
fi

# 3. wasm-bindgen-cli (wasm-bindgen + wasm-bindgen-test-runner) ---------------------
WB_VERSION="$(wasm_bindgen_version)"
if [[ -z "$WB_VERSION" ]]; then
  say "wasm-bindgen-cli" "FAILED: no wasm-bindgen version in Cargo.lock or Cargo.toml"
  exit 1
fi
have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
if [[ "$have_wb" == "wasm-bindgen $WB_VERSION" && "$have_runner" == *" $WB_VERSION"* ]]; then
  say "wasm-bindgen-cli" "ok ($have_wb)"
else
  say "wasm-bindgen-cli" "installing $WB_VERSION (found: ${have_wb:-none}; 3-5 min) ..."
  # No --locked: the CLI's own lockfile can pin crates the registry no longer serves.
  run_logged "wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  say "wasm-bindgen-cli" "installed $(wasm-bindgen --version) (${LAST_DURATION}s)"
fi
# Trunk.toml pins [tools] wasm_bindgen; if it drifts from Cargo.lock, Trunk would try GitHub.
trunk_wb="$(sed -nE 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' Trunk.toml 2>/dev/null | head -n 1)"
if [[ -n "$trunk_wb" && "$trunk_wb" != "$WB_VERSION" ]]; then
  say "wasm-bindgen-cli" "WARNING: Trunk.toml says wasm_bindgen = \"$trunk_wb\" but the project uses $WB_VERSION (Cargo.lock/Cargo.toml); make them equal"
fi

# 3b. wasm-split-cli (from the wasm_split_cli_support crate) ------------------------------
if cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" \
  && command -v wasm-split-cli >/dev/null 2>&1; then
  say "wasm-split-cli" "ok (wasm_split_cli_support $WASM_SPLIT_VERSION)"
else
  say "wasm-split-cli" "installing wasm_split_cli_support $WASM_SPLIT_VERSION (about 1 min) ..."
  run_logged "wasm-split-cli" cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" \
    --features build-binary --locked
  say "wasm-split-cli" "installed (${LAST_DURATION}s)"
fi

# 4. Chromium + ChromeDriver (Debian) -------------------------------------------------
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "chromium" "ok ($(/usr/bin/chromium --version 2>/dev/null | head -n 1 || echo present))"
else
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo"
    else
      say "chromium" "FAILED: not root and no sudo; install chromium and chromium-driver by hand"
      exit 1
    fi
  fi
  say "chromium" "installing chromium + chromium-driver with apt-get (about 40 s) ..."
  run_logged "chromium" bash -c "$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver"
  say "chromium" "installed $(/usr/bin/chromium --version 2>/dev/null | head -n 1) (${LAST_DURATION}s)"
fi

# 5. npm packages (Playwright without its browsers, axe, binaryen's wasm-opt) ------------
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  run_logged "npm" env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  say "npm" "installed from package-lock.json (${LAST_DURATION}s); $(wasm-opt --version)"
else
  say "npm" "ok (node_modules up to date; $(wasm-opt --version 2>/dev/null || echo 'wasm-opt missing'))"
fi

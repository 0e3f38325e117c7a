#!/usr/bin/env bash
# Runs the test layers in order (default: host browser e2e), tees each layer's output
# to target/test-logs/<layer>.log, keeps going after a failing layer, and ends with
# counts taken from the runners' own output:
#   host: N passed, M failed        (cargo's "test result:" lines, summed)
#   browser: N passed, M failed     (wasm-bindgen-test-runner's "test result:" lines)
#   e2e: N passed, M failed         (Playwright's JSON report, stats)
#   N passed, M failed              (the total, always the last line)
# Exits non-zero if any layer failed or ran no test.
#
# Usage: .ci/test-all.sh [host] [browser] [e2e]
# Expects the tools from .ci/bootstrap.sh and, for e2e, a release build in dist/
# (`make test` does both first).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Browser layer (the Makefile exports the same; defaults for running this script alone).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER:-wasm-bindgen-test-runner}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$ROOT/.ci/webdriver.json}"
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

LOG_DIR="$ROOT/target/test-logs"
E2E_JSON="$LOG_DIR/e2e.json"   # written by the json reporter in tests/e2e/playwright.config.mjs
mkdir -p "$LOG_DIR"

layers=("$@")
[[ ${#layers[@]} -eq 0 ]] && layers=(host browser e2e)

run_layer() {
  case "$1" in
    host)
      cargo test --no-fail-fast --lib --test host
      ;;
    browser)
      cargo test --no-fail-fast --target wasm32-unknown-unknown --test browser
      ;;
    e2e)
      rm -f "$E2E_JSON"
      playwright test --config tests/e2e/playwright.config.mjs
      ;;
    *)
      echo "unknown layer: $1 (expected host, browser or e2e)" >&2
      return 2
      ;;
  esac
}

# Sum cargo / wasm-bindgen-test "test result: ok. N passed; M failed; ..." lines.
count_test_results() {
  sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" | awk '
    /test result: (ok|FAILED)\. [0-9]+ passed; [0-9]+ failed/ {
      for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed;/) p += $i
        if ($(i + 1) ~ /^failed;/) f += $i
      }
    }
    END { printf "%d %d\n", p, f }'
}

# Playwright JSON report: passed = expected + flaky, failed = unexpected.
count_playwright() {
  [[ -f "$E2E_JSON" ]] || { echo "0 0"; return; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.stats || {};
    console.log(`${(s.expected || 0) + (s.flaky || 0)} ${s.unexpected || 0}`);
  ' "$E2E_JSON" 2>/dev/null || echo "0 0"
}

total_passed=0
total_failed=0
overall=0
summary=()

for layer in "${layers[@]}"; do
  log="$LOG_DIR/$layer.log"
  echo
  echo "==================== $layer ===================="
  start=$SECONDS
  run_layer "$layer" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  secs=$((SECONDS - start))

  if [[ "$layer" == e2e ]]; then
    read -r passed failed < <(count_playwright)
  else
    read -r passed failed < <(count_test_results "$log")
  fi

  note=""
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    # Build error, crash or time-out: the runner failed without naming a failed test.
    failed=1
    note="exited with status $rc without reporting a failed test (see $log); counted as 1 failed"
  elif [[ $rc -eq 0 && $((passed + failed)) -eq 0 ]]; then
    note="ran no test"
  fi
  if [[ $rc -ne 0 || $failed -ne 0 || $((passed + failed)) -eq 0 ]]; then
    overall=1
  fi

  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  [[ -n "$note" ]] && summary+=("$layer: note: $note")
  summary+=("$layer: $passed passed, $failed failed")
  echo "---- $layer done in ${secs}s (exit $rc), log: ${log#"$ROOT"/}"
done

echo
echo "==================== summary ===================="
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
exit "$overall"

#!/usr/bin/env bash
# Installs what the tests need (Python packages; Debian's Chromium and CJK fonts for the browser tests, poppler-utils to
# read the briefing's PDF back, nginx for the two-replica test), then checks lint, format and types and runs every test.
#   bash tests/run.sh          everything (what .ci/run calls)
#   bash tests/run.sh --fast   lint, types and the tests that need no browser and no page run, for iteration
# Other arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
FAST=0
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then FAST=1; else ARGS+=("$arg"); fi
done

# The test lock (bash lock.sh writes it): every package at an exact version, each file checked against its hash.
"$PYTHON" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.txt

if [ "$FAST" = 0 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdffonts ] || [ ! -x /usr/sbin/nginx ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils nginx >/dev/null
fi

# Habits first, as Streamlit's own repository does: lint and format (settings in pyproject.toml), then types, which are
# checked while the tests run (mypy is one process; the tests leave a core idle while their servers start) and said
# after them.
"$PYTHON" -m ruff check --quiet .
"$PYTHON" -m ruff format --check --quiet .
TYPES_LOG="$(mktemp)"
trap 'rm -f "$TYPES_LOG"' EXIT
"$PYTHON" -m mypy --no-error-summary >"$TYPES_LOG" 2>&1 &
TYPES=$!

# Two workers, one per core of the machines this runs on; PYTEST_WORKERS=0 runs in one process.
if [ "$FAST" = 1 ]; then
  SELECT=(-m "not page and not browser")
else
  SELECT=(--dist loadgroup)
fi
TESTS=0
"$PYTHON" -m pytest -n "${PYTEST_WORKERS:-2}" "${SELECT[@]}" ${ARGS[@]+"${ARGS[@]}"} || TESTS=$?
if ! wait "$TYPES"; then
  echo "mypy found type errors:" >&2
  cat "$TYPES_LOG" >&2
  exit 1
fi
exit "$TESTS"

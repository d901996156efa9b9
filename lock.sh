#!/usr/bin/env bash
# Writes the locks from the direct requirements with uv: requirements.in → requirements.txt (the app; what Community
# Cloud and `pip install -r requirements.txt` install) and requirements-test.in → requirements-test.txt (the app's lock
# and the tests'; what tests/run.sh installs). Every package at an exact version with the hashes of all its files, one
# lock for Python 3.11 and later on every OS. Pins already in a lock are kept unless a .in file or an option says otherwise.
#   bash lock.sh                 # after editing a .in file
#   bash lock.sh -P narwhals     # also upgrade one package (repeatable; `-P narwhals==VERSION` for a given one)
#   bash lock.sh --upgrade       # every package that is not pinned in a .in file to its newest release
#   bash lock.sh --check         # exit 1, showing the difference, when the locks are not what the .in files give
# Needs network access to the package index, and uv at the version below (UV=/path/to/uv to use another copy).
set -euo pipefail
cd "$(dirname "$0")"

UV_VERSION=0.13.9 # other versions may write the same lock differently, which --check would report
UV="$(command -v "${UV:-uv}" || echo "${UV:-uv}")" # a full path: --check runs it from another folder
if ! found="$("$UV" --version 2>/dev/null)" || [ "${found#uv }" = "$found" ] || [ "$(echo "${found#uv }" | cut -d' ' -f1)" != "$UV_VERSION" ]; then
  echo "lock.sh needs uv $UV_VERSION (found: ${found:-none}); install it with: python -m pip install uv==$UV_VERSION" >&2
  exit 2
fi

# Universal: one file whose environment markers cover every OS and Python ≥ 3.11, with every file's hash.
compile() { # in-file out-file [uv options]
  local in="$1" out="$2"
  shift 2
  "$UV" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "bash lock.sh" "$in" -o "$out" "$@"
}

# The app's lock first: requirements-test.in constrains the test lock by it (-c requirements.txt).
lock() { # [uv options]
  compile requirements.in requirements.txt "$@"
  compile requirements-test.in requirements-test.txt "$@"
}

if [ "${1:-}" = --check ]; then
  shift
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp requirements.in requirements-test.in requirements.txt requirements-test.txt "$work/"
  (cd "$work" && lock "$@")
  diff -u requirements.txt "$work/requirements.txt" && diff -u requirements-test.txt "$work/requirements-test.txt" &&
    echo "requirements.txt and requirements-test.txt are what the .in files give"
else
  lock "$@"
fi

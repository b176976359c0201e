#!/usr/bin/env bash
# tests/oracle/install.sh: installs the 32-bit oracle, pyodide 0.27.7 (CPython
# 3.12.7 on wasm32) from the npm registry into tests/oracle/node_modules
# (git-ignored). Quiet and quick when it is already there. Exits nonzero,
# saying why, when node/npm is missing or npm fails.
# Not a test suite: ctest only picks up tests/*.sh, not tests/oracle/*.sh.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
want=0.27.7
pkg="$here/node_modules/pyodide/package.json"
if [ -f "$pkg" ] && grep -q "\"version\": *\"$want\"" "$pkg" && [ -f "$here/node_modules/pyodide/pyodide.asm.wasm" ]; then
  exit 0
fi
command -v node >/dev/null 2>&1 || { echo "oracle install: node (Node.js) is not installed; the 3.12-32 oracle needs it (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "oracle install: npm is not installed; the 3.12-32 oracle needs it (apt-get install npm)" >&2; exit 1; }
echo "oracle install: npm install pyodide@$want into $here/node_modules" >&2
if ! npm install --prefix "$here" --no-save --no-package-lock --no-audit --no-fund \
      --fetch-timeout=60000 --fetch-retries=1 --loglevel=error "pyodide@$want" >&2; then
  echo "oracle install: npm install pyodide@$want failed" >&2
  exit 1
fi
[ -f "$here/node_modules/pyodide/pyodide.mjs" ] || { echo "oracle install: npm finished but $here/node_modules/pyodide/pyodide.mjs is missing" >&2; exit 1; }
exit 0

#!/usr/bin/env bash
# Proves that other-language generators accept every spec under openapi/ unchanged:
# a Python client with openapi-python-client (any warning fails) and TypeScript types with
# openapi-typescript. Tools are pinned: scripts/requirements-generators.txt and
# .ci/tools/package.json (installed from its lockfile).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.ci/tools"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$tools/node_modules/.bin/openapi-typescript" ]; then
  npm ci --prefix "$tools" --no-audit --no-fund >/dev/null
fi
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/requirements-generators.txt"

status=0
for spec in $(grep -l "^openapi: " "$root"/openapi/*.yaml); do
  name="$(basename "$spec" .yaml)"
  if PATH="$work/venv/bin:$PATH" "$work/venv/bin/openapi-python-client" generate \
      --path "$spec" --output-path "$work/python-$name" --overwrite --fail-on-warning \
      >"$work/python-$name.log" 2>&1; then
    echo "ok    openapi-python-client  $name"
  else
    echo "FAIL  openapi-python-client  $name"
    cat "$work/python-$name.log"
    status=1
  fi
  if "$tools/node_modules/.bin/openapi-typescript" "$spec" -o "$work/$name.d.ts" \
      >"$work/ts-$name.log" 2>&1; then
    echo "ok    openapi-typescript     $name"
  else
    echo "FAIL  openapi-typescript     $name"
    cat "$work/ts-$name.log"
    status=1
  fi
done
exit "$status"

#!/usr/bin/env bash
# Build cost (BENCHMARKS.md, section 5): clean builds of the library with the dependency set
# before issue 15 ("old") and the current one ("new"), side by side, alternating, each from an
# empty target directory in its own clone. Crates must be downloaded already (run
# `cargo fetch` in both clones once, or any build).
#
#   benches/build_cost/run.sh [runs] [what]     what: build (default) or test (`cargo test
#                                               --workspace --no-run`, what CI compiles)
#
# "old" is commit cbfc9c5 (the library as it was before the last build-cost changes, with
# progenitor's builder interface) with old-dependency-set.patch applied: reqwest's `rustls`
# feature (AWS-LC), progenitor with its `macro` feature, `futures` and `tracing` with their
# defaults, `regress` as a dependency, `chrono` with `clock`, the ICU4X IDNA back end, and no
# profile settings. "new" is the commit this script is run from.
set -euo pipefail
runs=${1:-2}
what=${2:-build}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/new"
git clone -q "$repo" "$work/old"
git -C "$work/old" checkout -q cbfc9c5
git -C "$work/old" apply "$repo/benches/build_cost/old-dependency-set.patch"
# The specs' tests read ../shared next to the clone; builds do not need it.
for run in $(seq "$runs"); do
  for variant in old new; do
    rm -rf "$work/$variant/target"
    start=$(date +%s.%N)
    if [ "$what" = test ]; then
      (cd "$work/$variant" && cargo test --workspace --no-run -q >/dev/null 2>&1)
    else
      (cd "$work/$variant" && cargo build --timings -q >/dev/null 2>&1)
      mkdir -p "$repo/target"
      cp "$work/$variant/target/cargo-timings/cargo-timing.html" "$repo/target/build-cost-$variant-$run.html" 2>/dev/null || true
    fi
    end=$(date +%s.%N)
    printf '%s run %s: %.1f s\n' "$variant" "$run" "$(echo "$end - $start" | bc)"
  done
done

#!/usr/bin/env bash
# The incremental cache on the generated 10k corpus, all figures from one run: a cold run (no
# cache file), a warm run with nothing changed, a run after editing one file, and the
# pre-commit case (`smslint check ONE-FILE.md`, warm). Prints a Markdown table with each
# median wall time and its ratio to the cold run. Usage: bench/cache.sh [DOCS] [RUNS]
set -euo pipefail
docs=${1:-10000}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
cargo build --release --quiet
cargo run --release --quiet --example gen-corpus -- "$work/corpus" --docs "$docs" --seed 7 >/dev/null
bin="$here/target/release/smslint"
corpus="$work/corpus"
cache="$work/cache"
# Files written in the last seconds are "racy" (see src/cache.rs): let the corpus age first.
sleep 3
one=$(cd "$corpus" && find . -name '*.md' -path '*/*/*' | sort | sed -n 1p)
one=${one#./}
run() { "$bin" check "$@" --today 2026-06-30 --format json --cache-dir "$cache" >/dev/null || true; }
# The redirection inside a function: on the `secs` call it would swallow the figure too.
uncached() { "$bin" check "$@" --today 2026-06-30 --format json --no-cache >/dev/null || true; }
secs() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold=() warm=() edit=() single=() nocache=()
for _ in $(seq "$runs"); do
  nocache+=("$(secs uncached "$corpus")")
  rm -rf "$cache"
  cold+=("$(secs run "$corpus")")
  warm+=("$(secs run "$corpus")")
  # One edit: a line appended to one document (its size, time and hash all change).
  echo "Edited for the benchmark." >>"$corpus/$one"
  edit+=("$(secs run "$corpus")")
  single+=("$(secs run "$corpus/$one")")
done
m() { printf '%s\n' "$@" | median; }
c=$(m "${cold[@]}")
row() { awk -v n="$1" -v t="$2" -v c="$c" -v target="$3" 'BEGIN { printf "| %s | %.3f s | %.2f× | %s |\n", n, t / 1e6, t / c, target }'; }
echo "Incremental cache, $docs generated documents ($(du -sh "$corpus" | cut -f1)), median of $runs, $(nproc) cores"
echo
echo "| run | median wall | ratio to cold | target |"
echo "|---|---|---|---|"
row "no cache (\`--no-cache\`)" "$(m "${nocache[@]}")" "—"
row "cold (no cache file; writes it)" "$c" "—"
row "warm, nothing changed" "$(m "${warm[@]}")" "≤ 0.25×"
row "warm, one file edited" "$(m "${edit[@]}")" "≤ 0.3×"
row "warm, \`check $one\`" "$(m "${single[@]}")" "≤ 0.3×"
echo
echo "cache file: $(du -h "$cache"/*.bin | cut -f1)"

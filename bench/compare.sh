#!/usr/bin/env bash
# Side-by-side benchmark: smslint against the parse floor, rumdl and markdownlint-cli2 on the same
# generated SMS repositories (1k, 10k and 100k documents), timed with hyperfine in one run, peak
# RSS with /usr/bin/time -v; writes BENCHMARKS.md.
#
#   bench/compare.sh                      # all sizes, about 15 minutes on 2 cores
#   SIZES="1000 10000" bench/compare.sh   # quicker
#
# Environment: SIZES (document counts), SEED (corpus seed, default 7), BENCH_WORK (where corpora
# and tools go, default $TMPDIR/smslint-bench; corpora are kept and reused), OUT (default
# BENCHMARKS.md), SKIP_COMPETITORS=1 (smslint and the floor only), MDL_MAX (largest corpus
# markdownlint-cli2 is timed on, default 10000: it takes minutes there), REPORT_ONLY=1 (rewrite
# OUT from the results already in BENCH_WORK, timing nothing).
# Installs what is missing: hyperfine and time (apt), rumdl (pip, into a venv under BENCH_WORK),
# markdownlint-cli2 (npm, into BENCH_WORK). A competitor that cannot be installed is left out.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
SEED=${SEED:-7}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/smslint-bench}
OUT=${OUT:-BENCHMARKS.md}
TODAY=2026-06-30
mkdir -p "$WORK/tools" "$WORK/results"
log() { printf '==> %s\n' "$*" >&2; }

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || true
  fi
}
command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine; }
[ -x /usr/bin/time ] || { log "installing time"; apt_install time; }
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (apt-get install time)" >&2; exit 2; }

RUMDL="" MDL=""
if [ "${SKIP_COMPETITORS:-0}" != 1 ]; then
  if command -v rumdl >/dev/null; then
    RUMDL=$(command -v rumdl)
  else
    [ -x "$WORK/tools/venv/bin/rumdl" ] || {
      log "installing rumdl into $WORK/tools/venv"
      python3 -m venv "$WORK/tools/venv" && "$WORK/tools/venv/bin/pip" install -q rumdl >/dev/null 2>&1 || true
    }
    [ -x "$WORK/tools/venv/bin/rumdl" ] && RUMDL="$WORK/tools/venv/bin/rumdl"
  fi
  if command -v markdownlint-cli2 >/dev/null; then
    MDL=$(command -v markdownlint-cli2)
  else
    [ -x "$WORK/tools/npm/node_modules/.bin/markdownlint-cli2" ] || {
      log "installing markdownlint-cli2 into $WORK/tools/npm"
      npm install --silent --no-audit --no-fund --prefix "$WORK/tools/npm" markdownlint-cli2 >/dev/null 2>&1 || true
    }
    [ -x "$WORK/tools/npm/node_modules/.bin/markdownlint-cli2" ] && MDL="$WORK/tools/npm/node_modules/.bin/markdownlint-cli2"
  fi
fi

[ "${REPORT_ONLY:-0}" = 1 ] && RUMDL="" MDL=""
log "building smslint, gen-corpus and parse-floor (release)"
cargo build --release --bin smslint --example gen-corpus --example parse-floor >&2
TARGET=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
SMSLINT="$TARGET/release/smslint"
# Every timed smslint run is cold: `--no-cache`, so no run reads what an earlier one cached (the
# cache has its own figures, from bench/cache.sh, at the end).
NOCACHE="--no-cache"
GEN="$TARGET/release/examples/gen-corpus"
FLOOR="$TARGET/release/examples/parse-floor"

# Peak RSS in KiB of one run of a shell command.
rss() { { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null || true; } | awk -F': ' '/Maximum resident/ {print $2}'; }

for n in $SIZES; do
  [ "${REPORT_ONLY:-0}" = 1 ] && break
  dir="$WORK/corpus-$n-s$SEED"
  if [ ! -f "$dir.done" ]; then
    log "generating $n documents into $dir"
    rm -rf "$dir"
    "$GEN" "$dir" --docs "$n" --seed "$SEED" >&2
    touch "$dir.done"
  fi
  bytes=$(find "$dir" -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
  one=$(cd "$dir" && find policies -name '*.md' | sort | awk 'NR == 1')
  # Fewer runs as the corpus grows, so the whole script stays under 20 minutes on 2 cores; the
  # human-output and one-file figures are taken up to 10k.
  extra=()
  case $n in
    1000) warmup=1 fast_runs=10 slow_runs=3 ;;
    10000) warmup=1 fast_runs=5 slow_runs=3 ;;
    *) warmup=0 fast_runs=2 slow_runs=1 ;;
  esac
  if [ "$n" -le 10000 ]; then
    extra=(-n smslint-human "$SMSLINT check $dir --today $TODAY $NOCACHE --color never"
      -n smslint-one-file "$SMSLINT check $dir/$one --today $TODAY $NOCACHE --format json")
  fi
  res="$WORK/results/$n"
  mkdir -p "$res"
  printf '%s %s %s\n' "$n" "$bytes" "$one" >"$res/corpus.txt"
  log "timing smslint and the floor on $n documents"
  hyperfine --style basic --warmup "$warmup" --runs "$fast_runs" -i --export-json "$res/fast.json" \
    -n floor "$FLOOR $dir" \
    -n smslint-json "$SMSLINT check $dir --today $TODAY $NOCACHE --format json" "${extra[@]}" >&2
  {
    echo "floor $(rss "$FLOOR $dir")"
    echo "smslint-json $(rss "$SMSLINT check $dir --today $TODAY $NOCACHE --format json")"
  } >"$res/rss.txt"
  if [ -n "$RUMDL" ]; then
    log "timing rumdl on $n documents"
    hyperfine --style basic --warmup 0 --runs "$slow_runs" -i --export-json "$res/rumdl.json" \
      -n rumdl "$RUMDL check --no-cache $dir" >&2
    echo "rumdl $(rss "$RUMDL check --no-cache $dir")" >>"$res/rss.txt"
    "$RUMDL" --version >"$WORK/results/rumdl.version" 2>/dev/null || true
  fi
  # markdownlint-cli2 takes minutes at 10k and over 15 minutes at 100k: one run, not at 100k.
  if [ -n "$MDL" ] && [ "$n" -le "${MDL_MAX:-10000}" ]; then
    log "timing markdownlint-cli2 on $n documents (one run)"
    hyperfine --style basic --warmup 0 --runs 1 -i --export-json "$res/mdl.json" \
      -n markdownlint-cli2 "cd $dir && $MDL '**/*.md'" >&2
    echo "markdownlint-cli2 $(rss "cd $dir && $MDL '**/*.md'")" >>"$res/rss.txt"
    { (cd "$dir" && "$MDL" --help 2>/dev/null) || true; } | awk 'NR == 1' >"$WORK/results/mdl.version"
  fi
done

# Output formatting: human against JSON output of the same run of about 1,000 findings (the
# first SIZES corpus whose run reports at least 1,000, with --max-findings-per-file keeping the
# run as it is), timed together.
if [ "${REPORT_ONLY:-0}" != 1 ]; then
  for n in $SIZES; do
    dir="$WORK/corpus-$n-s$SEED"
    # smslint exits 1 when it finds something: the count is read whatever the exit code.
    count=$({ "$SMSLINT" check "$dir" --today $TODAY $NOCACHE --format json 2>/dev/null || true; } |
      python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' 2>/dev/null || true)
    count=${count:-0}
    if [ "$count" -ge 1000 ] || [ "$n" = "$(echo $SIZES | awk '{print $NF}')" ]; then
      log "timing human against JSON output ($count findings, $n documents)"
      printf '%s findings on %s documents\n' "$count" "$n" >"$WORK/results/output.txt"
      hyperfine --style basic --warmup 1 --runs 5 -i --export-json "$WORK/results/output.json" \
        -n json-1000 "$SMSLINT check $dir --today $TODAY $NOCACHE --format json" \
        -n human-1000 "$SMSLINT check $dir --today $TODAY $NOCACHE --color never" >&2
      break
    fi
  done
fi

log "writing $OUT"
python3 - "$WORK/results" "$OUT" "$SIZES" "$SEED" "$SMSLINT" <<'PY'
import json, os, platform, subprocess, sys, datetime
results, out, sizes, seed, smslint = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4], sys.argv[5]

def load(path):
    try:
        with open(path) as f:
            return {r["command"]: r for r in json.load(f)["results"]}
    except OSError:
        return {}

def text(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default

def cpu_model():
    for line in text("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"

def mem_gib():
    for line in text("/proc/meminfo").splitlines():
        if line.startswith("MemTotal"):
            return int(line.split()[1]) / 1024 / 1024
    return 0

def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""

names = ["floor", "smslint-json", "smslint-human", "smslint-one-file", "rumdl", "markdownlint-cli2"]
labels = {
    "floor": "parse floor (walk + read + front-matter split + pulldown-cmark offsets, rayon)",
    "smslint-json": "**smslint check --no-cache --format json**",
    "smslint-human": "smslint check --no-cache (human output)",
    "smslint-one-file": "smslint check --no-cache ONE_FILE (pre-commit: whole repo indexed, one file reported)",
    "rumdl": "rumdl check --no-cache (default rules)",
    "markdownlint-cli2": "markdownlint-cli2 `**/*.md`",
}
data = {}
for n in sizes:
    d = os.path.join(results, n)
    rows = {}
    for f in ("fast.json", "rumdl.json", "mdl.json"):
        rows.update(load(os.path.join(d, f)))
    rss = {}
    for line in text(os.path.join(d, "rss.txt")).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            rss[parts[0]] = int(parts[1])
    c = text(os.path.join(d, "corpus.txt")).split()
    if not c:
        continue
    data[n] = {"rows": rows, "rss": rss, "docs": int(c[0]), "bytes": int(c[1]), "one": c[2] if len(c) > 2 else ""}

L = []
L.append("# Benchmarks")
L.append("")
L.append(f"Generated by `bench/compare.sh` on {datetime.date.today().isoformat()}. Do not edit by hand: re-run the script.")
L.append("")
L.append("Every figure of one table comes from the same run on the same generated corpus "
         f"(`gen-corpus --seed {seed}`). Wall times are hyperfine medians; CPU is user + system "
         "time (mean), which is less disturbed by other load on the machine. Ratios are against the "
         "parse floor measured in the same run.")
L.append("")
L.append("## Machine")
L.append("")
L.append(f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores; memory {mem_gib():.0f} GiB")
L.append(f"- OS: {platform.system()} {platform.release()}")
L.append(f"- {run(['rustc', '--version'])}; {run([smslint, '--version'])}")
L.append(f"- {run(['hyperfine', '--version'])}; rumdl: {text(os.path.join(results, 'rumdl.version'), 'not run')}; "
         f"markdownlint-cli2: {text(os.path.join(results, 'mdl.version'), 'not run')}")
L.append("")
L.append("## Reproduce")
L.append("")
L.append("```sh")
L.append(f'SIZES="{" ".join(sizes)}" SEED={seed} bench/compare.sh')
L.append("cargo bench        # in-process: parse one document, build the index, check 10k documents")
L.append("```")
L.append("")
per_doc = {}
per_doc_cpu = {}
for n, d in data.items():
    mb = d["bytes"] / 1e6
    floor = d["rows"].get("floor")
    L.append(f"## {d['docs']:,} documents, {mb:.1f} MB")
    L.append("")
    L.append("| what | wall (median) | × floor | CPU (user+sys) | CPU × floor | CPU / wall | docs/s | MB/s | peak RSS | RSS / corpus |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        r = d["rows"].get(name)
        if r is None:
            continue
        med = r["median"]
        cpu = r.get("user", 0) + r.get("system", 0)
        ratio = f"{med / floor['median']:.2f}×" if floor else ""
        fcpu = (floor.get("user", 0) + floor.get("system", 0)) if floor else 0
        cratio = f"{cpu / fcpu:.2f}×" if fcpu else ""
        rss = d["rss"].get(name)
        rss_s = f"{rss / 1024:.0f} MB" if rss else ""
        rss_p = f"{rss * 1024 / d['bytes'] * 100:.0f}%" if rss else ""
        runs = len(r.get("times", []))
        label = labels[name].replace("ONE_FILE", d["one"] or "FILE")
        par = f"{cpu / r['mean']:.2f}" if r.get("mean") else ""
        L.append(f"| {label} ({runs} run{'s' if runs != 1 else ''}) | {med:.3f} s | {ratio} | {cpu:.3f} s | {cratio} | {par} | "
                 f"{d['docs'] / med:,.0f} | {mb / med:.1f} | {rss_s} | {rss_p} |")
    L.append("")
    s = d["rows"].get("smslint-json")
    if s:
        per_doc[n] = s["median"] / d["docs"]
        per_doc_cpu[n] = (s.get("user", 0) + s.get("system", 0)) / d["docs"]
        notes = []
        if floor:
            fcpu = floor.get("user", 0) + floor.get("system", 0)
            scpu = s.get("user", 0) + s.get("system", 0)
            notes.append(f"smslint / floor: **{s['median'] / floor['median']:.2f}×** wall, "
                         f"**{scpu / fcpu:.2f}×** CPU (target ≤ 1.5×; on a shared machine the CPU ratio is the steadier one)")
            notes.append(f"smslint CPU / wall: **{scpu / s['mean']:.2f}** (target ≥ 1.7 on 2 cores)")
        rss = d["rss"].get("smslint-json")
        if rss:
            notes.append(f"smslint peak RSS / corpus: **{rss * 1024 / d['bytes'] * 100:.0f}%** (target ≤ 25% at 100k)")
        for other, target in (("rumdl", 10), ("markdownlint-cli2", 300)):
            o = d["rows"].get(other)
            if o:
                ocpu = o.get("user", 0) + o.get("system", 0)
                scpu = s.get("user", 0) + s.get("system", 0)
                notes.append(f"{other} / smslint: **{o['median'] / s['median']:.1f}×** wall, "
                             f"**{ocpu / scpu:.1f}×** CPU (target ≥ {target}×)")
        L.append("- " + "; ".join(notes))
        L.append("")

fmt = load(os.path.join(results, "output.json"))
if fmt.get("json-1000") and fmt.get("human-1000"):
    j, h = fmt["json-1000"], fmt["human-1000"]
    cpu = lambda r: r.get("user", 0) + r.get("system", 0)
    L.append("## Output formatting")
    L.append("")
    L.append(f"The same run of {text(os.path.join(results, 'output.txt'), 'the corpus')}, written as JSON and as "
             "human output (snippets, no colour), in one hyperfine run:")
    L.append("")
    L.append("| format | wall (median) | CPU (user+sys) |")
    L.append("|---|---:|---:|")
    L.append(f"| `--format json` | {j['median']:.3f} s | {cpu(j):.3f} s |")
    L.append(f"| human | {h['median']:.3f} s | {cpu(h):.3f} s |")
    L.append("")
    L.append(f"- human / JSON: **{h['median'] / j['median']:.2f}×** wall, **{cpu(h) / cpu(j):.2f}×** CPU (target ≤ 1.2×)")
    L.append("")

if "10000" in per_doc and "100000" in per_doc:
    L.append("## Scaling")
    L.append("")
    L.append(f"Time per document: {per_doc['10000'] * 1e6:.1f} µs at 10k, {per_doc['100000'] * 1e6:.1f} µs at 100k: "
             f"**{per_doc['100000'] / per_doc['10000']:.2f}×** (target ≤ 1.25×). CPU per document: "
             f"{per_doc_cpu['10000'] * 1e6:.1f} µs at 10k, {per_doc_cpu['100000'] * 1e6:.1f} µs at 100k: "
             f"**{per_doc_cpu['100000'] / per_doc_cpu['10000']:.2f}×**.")
    L.append("")
with open(out, "w") as f:
    f.write("\n".join(L))
PY
# ---- incremental cache figures (bench/cache.sh, issue 15) --------------------------------------
# Its own section at the end of "$OUT" (10k documents unless CACHE_DOCS says otherwise).
# Nothing above depends on it.
{ printf '\n## Incremental cache (bench/cache.sh)\n\n'; bench/cache.sh "${CACHE_DOCS:-10000}" "${CACHE_RUNS:-5}"; } >>"$OUT"
# ---- end of the cache figures ------------------------------------------------------------------
# The analysis (profile, what limits each target) is kept by hand in bench/NOTES.md.
[ -f bench/NOTES.md ] && { printf '\n'; cat bench/NOTES.md; } >>"$OUT"
log "done: $OUT"

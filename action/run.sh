#!/usr/bin/env bash
# The GitHub Action's steps (see action.yml): `run.sh prepare` validates every input and names
# the cache of the built binary, `run.sh install` finds or builds smslint, `run.sh check` runs it.
# Inputs come as INPUT_* environment variables, never expanded into this script. smslint itself
# reads the base branch's configuration (--config-from), lists the suppressions a pull request
# adds and writes the step outputs (--format github-output): nothing here parses its output.
set -euo pipefail

action_dir="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"

# A problem with the inputs or the set-up: an annotation, a job summary and outputs saying
# what is wrong, then exit 2 (as smslint exits on a usage error).
fail() {
  local message="$1"
  # The message may quote an input: one line, no workflow-command characters at its start.
  message="${message//$'\n'/ }"
  message="${message//$'\r'/ }"
  printf '::error title=smslint::%s\n' "${message//%/%25}"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## ❌ smslint could not run\n\n%s\n' "${message//[\`<>\[\]]/ }" >> "$GITHUB_STEP_SUMMARY"
  fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf 'exit-code=2\n' >> "$GITHUB_OUTPUT"
  fi
  exit 2
}

one_of() {  # one_of NAME VALUE ALLOWED...
  local name="$1" value="$2"
  shift 2
  local a
  for a in "$@"; do
    [ "$value" = "$a" ] && return 0
  done
  local IFS='|'
  fail "input '$name' must be one of $*, not '$value'"
}

one_line() {  # one_line NAME VALUE
  case "$2" in
    *$'\n'* | *$'\r'*) fail "input '$1' must be on one line" ;;
  esac
}

validate() {
  one_of fail-on "${INPUT_FAIL_ON:-error}" error warning never
  one_of changed-only "${INPUT_CHANGED_ONLY:-false}" true false
  one_of trust-pr-config "${INPUT_TRUST_PR_CONFIG:-false}" true false
  one_of install "${INPUT_INSTALL:-auto}" auto always never
  local v
  for v in path config sarif-file baseline today; do
    local var="INPUT_${v^^}"
    var="${var//-/_}"
    one_line "$v" "${!var:-}"
  done
  if [ -n "${INPUT_TODAY:-}" ] && ! [[ "$INPUT_TODAY" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
    fail "input 'today' must be a date YYYY-MM-DD, not '$INPUT_TODAY'"
  fi
  local root="${INPUT_PATH:-.}"
  [ -d "$root" ] || fail "input 'path': '$root' is not a folder of the workspace"
}

# The version in the action's Cargo.toml (the first `version = "…"` line, the package's).
source_version() {
  local line
  while IFS= read -r line; do
    if [[ "$line" =~ ^version\ =\ \"([^\"]+)\"$ ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
      return
    fi
  done < "$action_dir/Cargo.toml"
}

prepare() {
  validate
  # The cache key: the runner's OS, architecture and image, and a hash of the sources the
  # binary is built from (the action's path holds no .git to ask for its commit).
  local hash
  hash="$(cd "$action_dir" && find Cargo.toml Cargo.lock src rules -type f -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum)"
  hash="${hash%% *}"
  local dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/smslint-action"
  {
    printf 'key=smslint-%s-%s-%s-%s\n' "${RUNNER_OS:-unknown}" "${RUNNER_ARCH:-unknown}" "${ImageOS:-any}" "${hash:0:32}"
    printf 'dir=%s\n' "$dir"
  } >> "$GITHUB_OUTPUT"
}

install() {
  local dir="${SMSLINT_CACHE_DIR:?}" want have=""
  want="smslint $(source_version)"
  if [ -x "$dir/bin/smslint" ] && [ "$INPUT_INSTALL" != never ]; then
    have="$("$dir/bin/smslint" --version 2>/dev/null || true)"
    if [ "$have" = "$want" ] && [ "$INPUT_INSTALL" = auto ]; then
      echo "Using the cached $want (cache hit: ${CACHE_HIT:-false})"
      echo "$dir/bin" >> "$GITHUB_PATH"
      return
    fi
  fi
  have="$( (smslint --version 2>/dev/null) || true)"
  case "$INPUT_INSTALL" in
    never)
      [ -n "$have" ] || fail "install is 'never' but no smslint is on PATH"
      echo "Using $have from PATH"
      return ;;
    auto)
      if [ "$have" = "$want" ]; then
        echo "Using $have from PATH"
        return
      fi ;;
  esac
  command -v cargo >/dev/null || fail "building smslint needs cargo (add dtolnay/rust-toolchain before this action)"
  echo "Building $want from the action's source (cached for later jobs)"
  cargo install --locked --path "$action_dir" --root "$dir" || fail "cargo install failed"
  echo "$dir/bin" >> "$GITHUB_PATH"
}

check() {
  validate
  local root="${INPUT_PATH:-.}" fail_on="${INPUT_FAIL_ON:-error}" work
  work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/smslint.XXXXXX")"
  # The folder goes after `--`, so a path input that looks like an option is only a path.
  local args=(check --format github --format "summary=$work/summary.md"
    --format "github-output=$work/outputs")
  [ -n "${INPUT_TODAY:-}" ] && args+=(--today "$INPUT_TODAY")
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  if [ "$fail_on" = warning ]; then args+=(--fail-on warning); fi
  if [ -n "${INPUT_SARIF_FILE:-}" ]; then
    mkdir -p "$(dirname "$INPUT_SARIF_FILE")"
    args+=(--format "sarif=$INPUT_SARIF_FILE")
  fi
  local notes=()
  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target)
      [ -n "${GITHUB_BASE_REF:-}" ] || fail "a pull request event without GITHUB_BASE_REF"
      # actions/checkout fetches one commit: fetch the base branch's head to compare with.
      git -C "$root" fetch --no-tags --depth=1 origin \
        "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF" \
        || fail "cannot fetch the base branch '$GITHUB_BASE_REF'"
      local base
      base="$(git -C "$root" rev-parse --verify "refs/remotes/origin/$GITHUB_BASE_REF^{commit}")" \
        || fail "cannot resolve the base branch '$GITHUB_BASE_REF'"
      if [ "${INPUT_TRUST_PR_CONFIG:-false}" != true ]; then
        args+=(--config-from "$base" --suppressions-from "$base")
        notes+=("Configuration, rule packs and baseline were read from the base branch \`$GITHUB_BASE_REF\`, and only suppressions it already has were applied (trust-pr-config is false).")
      else
        notes+=("Configuration, rule packs and suppressions were read from the pull request (trust-pr-config is true).")
      fi
      if [ "${INPUT_CHANGED_ONLY:-false}" = true ]; then
        args+=(--changed-since "$base")
        notes+=("Only the Markdown files this pull request changes were reported (changed-only), plus repository-level findings.")
      fi ;;
  esac

  local status=0
  smslint "${args[@]}" -- "$root" || status=$?

  {
    if [ -f "$work/outputs" ]; then cat "$work/outputs"; fi
    printf 'exit-code=%s\n' "$status"
    printf 'sarif-file=%s\n' "${INPUT_SARIF_FILE:-}"
  } >> "$GITHUB_OUTPUT"
  {
    if [ -f "$work/summary.md" ]; then
      cat "$work/summary.md"
    else
      printf '## ❌ smslint could not run (exit %s)\n\nSee the step log for its message.\n' "$status"
    fi
    local n
    for n in "${notes[@]}"; do printf '\n%s\n' "$n"; done
  } >> "$GITHUB_STEP_SUMMARY"
  rm -rf "$work"
  if [ "$status" -eq 1 ] && [ "$fail_on" = never ]; then
    exit 0
  fi
  exit "$status"
}

case "${1:-}" in
  prepare) prepare ;;
  install) install ;;
  check) check ;;
  *) echo "usage: run.sh prepare|install|check" >&2; exit 2 ;;
esac

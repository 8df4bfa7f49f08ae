#!/usr/bin/env bash
# The hostile collections (issue 6, issue 14) through the real commands,
# for the sanitizer stage of scripts/test, which runs the unit tests, the
# fuzz targets and this, not the whole end-to-end suite (cli.Hostile.* and
# cli.Issue14Inert.* check the output; stage 1 runs them). Here the question
# is only whether opis-index and opis-search survive every hostile input
# without a sanitizer report: with abort_on_error=1 a report ends the
# process with SIGABRT, so any exit status above 2 fails.
#
# Usage: sanitizer_smoke.sh OPIS_INDEX OPIS_SEARCH SOURCE_DIR
set -uo pipefail
index="$1" search="$2" src="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
runs=0

# Runs a command; an exit status above 2 (a signal, a sanitizer abort) fails.
check() {
  "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  runs=$((runs + 1))
  if [ "$rc" -gt 2 ]; then
    echo "FAILED (exit $rc): $*" >&2
    tail -n 40 "$work/err" >&2
    fail=1
  fi
}

for kind in hostile terminal; do
  python3 "$src/tests/hostile/make_$kind.py" "$work/$kind" >/dev/null 2>&1 || { echo "make_$kind.py failed" >&2; exit 1; }
  db="$work/$kind/db"
  check timeout -s KILL 300 "$index" --db "$db" "$work/$kind/in"
  for q in "the" "person:Khrushchev" "place:Moscow" "date:1958" '"a b"' "x*" "title:report"; do
    for format in text json csv ris csljson; do
      check "$search" --db "$db" --format "$format" --facets person,place,year,lang,archive --limit 50 "$q"
    done
    check "$search" --db "$db" --explain "$q"
    check "$search" --db "$db" --kwic "$q"
  done
  # Every record the collection holds (expect.json names them), as a
  # record and as the seed of --like.
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))
for i in e.get("ids") or [r["id"] for r in e.get("records", [])]: print(i)' "$work/$kind/expect.json" >"$work/ids"
  while IFS= read -r id; do
    check "$search" --db "$db" --record "$id"
    check "$search" --db "$db" --format json --like "$id"
  done <"$work/ids"
  check "$search" --db "$db" --persons
  check "$search" --db "$db" --places
  check "$search" --db "$db" --status
done
echo "sanitizer_smoke: $runs runs of opis-index and opis-search over the hostile collections, $([ $fail = 0 ] && echo none || echo some) ended by a signal" >&2
exit "$fail"

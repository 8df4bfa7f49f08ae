#!/usr/bin/env bash
# bench/ab-index's command line, without building or timing anything:
# --help documents every option the script accepts (read from its case
# statement), and a REF that is no commit, or an unknown option, stops it
# at once with a message that says so and exit code 2.
set -u
script=${1:?usage: ab_index_cli.sh PATH/TO/bench/ab-index}
fail=0
help=$(bash "$script" --help) || { echo "--help failed"; exit 1; }
opts=$(grep -oE '^ +--[a-z-]+\)' "$script" | tr -d ' )')
[ -n "$opts" ] || { echo "no options found in $script"; exit 1; }
for o in $opts; do
  grep -qE -- "^#? +$o( |$)" <<<"$help" || { echo "--help does not describe $o on a line of its own"; fail=1; }
done
out=$(bash "$script" no-such-commit-ab13 2>&1); rc=$?
[ "$rc" = 2 ] && grep -q "no commit" <<<"$out" || { echo "bad REF: rc $rc, '$out'"; fail=1; }
out=$(bash "$script" HEAD --no-such-option 2>&1); rc=$?
[ "$rc" = 2 ] && grep -q "unknown option '--no-such-option'" <<<"$out" || { echo "bad option: rc $rc, '$out'"; fail=1; }
out=$(bash "$script" 2>&1); rc=$?
[ "$rc" = 2 ] && grep -q "which commit" <<<"$out" || { echo "no REF: rc $rc, '$out'"; fail=1; }
exit $fail

#!/usr/bin/env bash
# Rebuild the persons-and-places development set (issue 13, part 4) from the
# three TEI editions: export the pinned commits of their repositories, run
# convert_tei.py on each, and optionally index and measure them.
#
# Sets (one sub-folder of OUT_DIR each):
#   pec-tune   pec records 1-400 (path order)    tuned on
#   hbas-tune  hbas records 1-400                tuned on
#   amp        all 66 amp records                tuned on
#   pec-held   pec records 401-800               held out: nothing was tuned on them
#   hbas-held  hbas records 401-698              held out
#
# Usage: eval/data-sources/build.sh [OUT_DIR] [--measure]
#   OUT_DIR   default build/devset/
#   --measure also index each set with build/indexer/opis-index into
#             /tmp/devset-<set> and run build/eval/opis-eval on it (needs a
#             built Opis); measure.py runs on the tuning sets only, for
#             their misses.jsonl (the material to tune on)
#
# The repositories are read from bare git mirrors. Set MIRRORS to the folder
# holding them (default /work/.mirror, as the `fetch` tool leaves them:
# <owner>+<name>/repo), or clone them yourself:
#   git clone --bare https://github.com/FloChiff/DAHNProject $MIRRORS/FloChiff+DAHNProject/repo
#   ... likewise for the other three repositories below.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=eval/data-sources

out=build/devset
measure=0
for a in "$@"; do
  case "$a" in
    --measure) measure=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) out="$a" ;;
  esac
done
mirrors=${MIRRORS:-/work/.mirror}

# name  repository  commit  paths to export
pec_repo=FloChiff/DAHNProject
pec_commit=de342915492a9eca9501ac44ec1277a917f2a9c2
hbas_repo=arthur-schnitzler/schnitzler-bahr-data
hbas_commit=11fdba5c6d56199ec8329e1fe1fef7ecf81a67b3
amp_repo=Auden-Musulin-Papers/amp-auden-musulin-papers
amp_commit=966cc2a1c88e34fda7d2bd10a3c4e4a3b465463a
ampent_repo=Auden-Musulin-Papers/amp-entities
ampent_commit=0b26651e896ada16420dd53f200ecc0be16238f6

src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT

export_repo() {  # repo commit dest paths...
  local repo=$1 commit=$2 dest=$3; shift 3
  local git_dir="$mirrors/${repo/\//+}/repo"
  if [ ! -d "$git_dir" ]; then
    echo "build.sh: error: no mirror of $repo at $git_dir; clone it (see the top of this script)" >&2
    exit 2
  fi
  mkdir -p "$dest"
  git --git-dir="$git_dir" archive "$commit" "$@" | tar -x -C "$dest"
}

export_repo "$pec_repo" "$pec_commit" "$src/pec" "Correspondence/Paul_d_Estournelles_de_Constant"
export_repo "$hbas_repo" "$hbas_commit" "$src/hbas" data/editions
export_repo "$amp_repo" "$amp_commit" "$src/amp" data/editions
export_repo "$ampent_repo" "$ampent_commit" "$src/ampent" out

# The limits keep each set to a few hundred records (< 5 MB).
python3 "$here/convert_tei.py" pec "$src/pec" "$out/pec-tune" --limit 400
python3 "$here/convert_tei.py" pec "$src/pec" "$out/pec-held" --skip 400 --limit 400
python3 "$here/convert_tei.py" hbas "$src/hbas" "$out/hbas-tune" --limit 400
python3 "$here/convert_tei.py" hbas "$src/hbas" "$out/hbas-held" --skip 400
python3 "$here/convert_tei.py" amp "$src/amp" "$out/amp" --entities "$src/ampent"

if [ "$measure" = 1 ]; then
  for c in pec-held hbas-held pec-tune hbas-tune amp; do
    rm -rf "/tmp/devset-$c"
    build/indexer/opis-index --db "/tmp/devset-$c" "$out/$c/records.jsonl" >/dev/null
    echo "== $c"
    build/eval/opis-eval --db "/tmp/devset-$c" --gold "$out/$c/gold.jsonl" --mentions "$out/$c/mentions.jsonl" \
      --summary
  done
  python3 "$here/measure.py" --out "$out" pec-tune=/tmp/devset-pec-tune hbas-tune=/tmp/devset-hbas-tune \
    amp=/tmp/devset-amp >/dev/null
fi

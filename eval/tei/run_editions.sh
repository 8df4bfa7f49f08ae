#!/bin/sh
# Issue 15 on the whole public editions and finding aids, when their
# checkouts are present (eval/tei/README.md): TEI mention counts and recall
# (measure_markup.py), EAD record counts (../ead/check_ead.py).
#
#   eval/tei/run_editions.sh BUILD_DIR DATA_DIR
#
# DATA_DIR holds the checkouts, each under its repository's name:
#   schnitzler-bahr-data/  DAHNProject/  amp-auden-musulin-papers/
#   amp-entities/  arclight/  RiC-O/  EAD3/ (github.com/SAA-SDT/EAD3)
#   frus-volumes/ (one or more volumes/*.xml of github.com/HistoryAtState/frus,
#   e.g. frus1958-60v11.xml: the repository, 827 MB, need not be checked out)
# A missing one is skipped with a line saying so. Exit 1 if any check fails.
set -u
build=$1
data=$2
here=$(cd "$(dirname "$0")" && pwd)
index="$build/indexer/opis-index"
search="$build/query/opis-search"
rc=0
run() {
  name=$1
  shift
  echo "== $name"
  "$@" || rc=1
}
tei() {
  name=$1
  need=$2
  shift 2
  if [ ! -d "$data/$need" ]; then
    echo "== $name: $data/$need not present, skipped"
    return
  fi
  run "$name" python3 "$here/measure_markup.py" "$index" "$search" "$@" --names 0
}
ead() {
  name=$1
  dir=$2
  if [ ! -d "$dir" ]; then
    echo "== $name: $dir not present, skipped"
    return
  fi
  run "$name" python3 "$here/../ead/check_ead.py" "$index" "$search" "$dir"
  run "$name --ead-series" python3 "$here/../ead/check_ead.py" "$index" "$search" "$dir" --series
}
tei "Bahr-Schnitzler (de)" schnitzler-bahr-data "$data/schnitzler-bahr-data/data/editions"
pec="$data/DAHNProject/Correspondence/Paul_d_Estournelles_de_Constant"
tei "DAHN, d'Estournelles de Constant (fr)" DAHNProject "$pec/Corpus" "$pec/Indexes"
tei "Auden-Musulin Papers (en)" amp-auden-musulin-papers "$data/amp-auden-musulin-papers/data/editions" \
  "$data/amp-entities/out"
tei "FRUS volumes (en, a record per document)" frus-volumes "$data/frus-volumes"
ead "ArcLight fixtures (EAD 2002, namespace)" "$data/arclight/spec/fixtures/ead"
ead "Archives nationales (EAD 2002, no namespace)" \
  "$data/RiC-O/examples/examples_v1-1/NationalArchivesOfFrance/src/ead"
ead "NCSU Libraries, 37 finding aids (EAD3)" "$data/EAD3/samples/ead3/NCSU"
ead "University of Minnesota Libraries, 7 finding aids (EAD3)" "$data/EAD3/samples/ead3/UMN"
exit $rc

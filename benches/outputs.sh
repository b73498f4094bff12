#!/usr/bin/env bash
# Writes what `treaty` prints for every corpus text and pair into OUT, so that a change
# meant only to make treaty faster can be checked to print the same bytes:
#   benches/outputs.sh /tmp/before   (on the old code)
#   benches/outputs.sh /tmp/after    (on the new code)
#   diff -r /tmp/before /tmp/after   (must print nothing)
# Uses target/release/treaty (build it first) and TREATY_CORPUS (default ../shared/corpus).
set -euo pipefail
out=${1:?usage: benches/outputs.sh OUT}
corpus=${TREATY_CORPUS:-../shared/corpus}
treaty=${TREATY:-target/release/treaty}
mkdir -p "$out/texts"
# Each command's standard output, standard error and exit code.
run() {
    local name=$1
    shift
    local rc=0
    "$treaty" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
    echo "$rc" >"$out/$name.rc"
    # The imported texts live under OUT: name them the same way in every run.
    sed -i "s#$out#OUT#g" "$out/$name.out" "$out/$name.err"
}
# Imported texts first: the XML forms, as plain text.
for f in eu-ai-act/01-proposal-2021.akn.xml eu-ai-act/proposal-2021.structured.akn.xml \
    eu-ai-act/03-final-2024.akn.xml eu-ai-act/final-2024.formex.xml \
    eu-ai-act/proposal-2021.eurlex.xhtml eu-ai-act/02-parliament-amendments-2023.akn.xml; do
    name=$(basename "$f")
    run "import-$name" import --stdout "$corpus/$f"
    cp "$out/import-$name.out" "$out/texts/$name.txt"
done
texts=()
while IFS= read -r f; do texts+=("$f"); done < <(
    cd "$corpus" && find . -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \) | sort
)
for f in "${texts[@]}"; do
    name=$(echo "${f#./}" | tr / _)
    run "parse-$name" parse --format json "$corpus/$f"
    run "outline-$name" parse "$corpus/$f"
done
for f in "$out"/texts/*.txt; do
    run "parse-imported-$(basename "$f")" parse --format json "$f"
done
# One clause, and what is not a text: empty, blank, a NUL byte, bytes that are not UTF-8.
run show-untoc-5 show --format json "$corpus/un/untoc.un-layout.txt" 5
run show-uncac-46 show --format json "$corpus/un/uncac.2012-11-19.md" 46.3
bad=$out/bad
mkdir -p "$bad"
printf '' >"$bad/empty.txt"
printf ' \n\t\r\n' >"$bad/blank.txt"
printf 'Article 1\nText\0more\n' >"$bad/nul.txt"
printf 'Article 1\nCaf\xe9\n' >"$bad/latin1.txt"
printf 'Article 1\n\xe9\0\n' >"$bad/both.txt"
for f in "$bad"/*.txt; do
    run "bad-$(basename "$f")" parse --format json "$f"
done
# Every neighbouring pair of a series, and the pairs the benchmarks use.
pair() {
    local name=$1 a=$2 b=$3
    for format in json word text summary unified markdown; do
        run "diff-$name.$format" diff --color never --format "$format" "$a" "$b"
    done
}
ad=("$corpus"/coe/anti-doping-ets135.*.md)
for ((k = 1; k < ${#ad[@]}; k++)); do
    pair "anti-doping-$k" "${ad[k - 1]}" "${ad[k]}"
done
pair anti-doping-2014-2015 "$corpus/coe/anti-doping-ets135.2014-01-01.md" \
    "$corpus/coe/anti-doping-ets135.2015-06-25.md"
pair budapest "$corpus"/coe/budapest-ets185.*.md
pair untoc-layouts "$corpus/un/untoc.2012-07-05.md" "$corpus/un/untoc.un-layout.txt"
pair uncac-untoc "$corpus/un/untoc.2012-07-05.md" "$corpus/un/uncac.2012-11-19.md"
t=$out/texts
pair ai-act "$t/proposal-2021.structured.akn.xml.txt" "$t/03-final-2024.akn.xml.txt"
pair ai-act-flat "$t/01-proposal-2021.akn.xml.txt" "$t/03-final-2024.akn.xml.txt"
pair ai-act-formex "$t/proposal-2021.eurlex.xhtml.txt" "$t/final-2024.formex.xml.txt"
pair udhr-en-fr "$corpus/multilingual/udhr/en.txt" "$corpus/multilingual/udhr/fr.txt"
# Texts in other scripts, whose words are read another way than ASCII ones.
u=$corpus/multilingual/udhr
pair udhr-ar-ru "$u/ar.txt" "$u/ru.txt"
pair udhr-zh-en "$u/zh.txt" "$u/en.txt"
pair udhr-es-fr-html "$u/es.html" "$u/fr.html"
# The large generated input of the parse benchmark: UNTOC in the UN layout, 100 times.
big=$(mktemp -d)
trap 'rm -rf "$big"' EXIT
for _ in $(seq 100); do cat "$corpus/un/untoc.un-layout.txt"; done >"$big/untoc-x100.txt"
cp "$corpus/un/untoc.un-layout.txt" "$big/untoc.txt"
bin=$(realpath "$treaty")
(cd "$big" && "$bin" parse --format json untoc-x100.txt 2>&1) | sha256sum \
    >"$out/parse-untoc-x100.sha256"
(cd "$big" && "$bin" diff --format json untoc-x100.txt untoc.txt 2>&1 || true) | sha256sum \
    >"$out/diff-untoc-x100.sha256"

#!/usr/bin/env bash
# Program images through the command line: every rule file compiles to an image that `check`,
# `test`, `eval` and `replay` use as they use the rule file, with the same results byte for byte;
# an image damaged or cut short is refused with its code.
#   program_images.sh LOYALTY_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail

loyalty="$1"
source_dir="$2"
work="$3"
rules="$source_dir/rules"
sample="$source_dir/examples/sample"
rm -rf "$work" && mkdir -p "$work/images" "$work/tests" && cd "$work"

fail() { echo "FAILED: $*" >&2; exit 1; }

# Every rule file compiles, twice to the same bytes, and the image checks as its rule file does.
for file in "$rules"/*.yaml; do
    case "$file" in *.test.yaml) continue ;; esac
    name=$(basename "$file" .yaml)
    "$loyalty" compile "$file" -o "images/$name.lpi" > compiled.txt
    grep -qF "images/$name.lpi: program '" compiled.txt || fail "compile printed: $(cat compiled.txt)"
    "$loyalty" compile "$file" -o again.lpi > /dev/null
    cmp -s "images/$name.lpi" again.lpi || fail "$name compiles to different bytes each time"
    "$loyalty" check "$file" | sed "s|^$file: ||" > from_yaml.txt
    "$loyalty" check "images/$name.lpi" | sed "s|^images/$name.lpi: ||" > from_image.txt
    cmp -s from_yaml.txt from_image.txt || fail "$name: check of the image says $(cat from_image.txt)"
done

# Every rule file's tests pass against its image: the same cases, the same results.
for file in "$rules"/*.test.yaml; do
    name=$(basename "$file" .test.yaml)
    { echo "program: $work/images/$name.lpi"; cat "$file"; } > "tests/$name.test.yaml"
done
"$loyalty" test "$rules" | tail -1 > from_yaml.txt
"$loyalty" test tests > test_output.txt || { cat test_output.txt >&2; fail "a rule test fails against an image"; }
tail -1 test_output.txt > from_image.txt
cmp -s from_yaml.txt from_image.txt || fail "the tests against images: $(cat from_image.txt), against rule files: $(cat from_yaml.txt)"
grep -q ' 0 failed$' from_image.txt || fail "$(cat from_image.txt)"

# A replay and an evaluation under the image are those under the rule file.
for program in "$rules/corner-cafe.yaml" images/corner-cafe.lpi; do
    out=$(basename "$program").replay
    "$loyalty" replay "$program" "$sample/purchases.jsonl" --members "$sample/members.jsonl" --ledger "$out.db" \
        --explain | grep -v 'time \|replayed .* into\|^  time' > "$out.txt"
    "$loyalty" ledger export "$out.db" > "$out.export"
    grep "\"member\": \"diego\"" "$sample/purchases.jsonl" | head -5 | "$loyalty" eval "$program" --member <(echo '{"id": "diego"}') --json > "$out.eval"
done
for kind in txt export eval; do
    cmp -s "corner-cafe.yaml.replay.$kind" "corner-cafe.lpi.replay.$kind" || fail "the image's $kind differs from the rule file's"
done

# Damaged images are refused with their code, and a rule file with problems compiles to nothing.
refused() {  # FILE CODE
    if "$loyalty" check "$1" > out.txt 2> err.txt; then fail "$1 was accepted"; fi
    grep -qF "error[$2]" err.txt || fail "$1: $(cat err.txt)"
}
image=images/corner-cafe.lpi
size=$(stat -c %s "$image")
head -c $((size - 1)) "$image" > cut.lpi
refused cut.lpi I003
head -c 40 "$image" > header_only.lpi
refused header_only.lpi I003
cp "$image" damaged.lpi
printf 'Z' | dd of=damaged.lpi bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
refused damaged.lpi I004
cp "$image" other_version.lpi
printf '\x09' | dd of=other_version.lpi bs=1 seek=8 conv=notrunc 2> /dev/null
refused other_version.lpi I002
if "$loyalty" compile "$source_dir/tests/golden/many-mistakes.yaml" -o broken.lpi 2> err.txt; then fail "a broken rule file compiled"; fi
grep -qF "error[E" err.txt || fail "compile of a broken file: $(cat err.txt)"
[ ! -e broken.lpi ] || fail "a broken rule file left an image"
echo "passed: program images"

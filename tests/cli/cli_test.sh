#!/usr/bin/env bash
# Drives the built `loyalty` binary as a user would: exit codes, output, the SQLite file.
#   cli_test.sh LOYALTY_BINARY SOURCE_DIR WORK_DIR TEST_NAME
set -euo pipefail

loyalty="$1"
source_dir="$2"
work="$3"
test_name="$4"
rules="$source_dir/rules"
here="$source_dir/tests/cli"
rm -rf "$work" && mkdir -p "$work" && cd "$work"

fail() { echo "FAILED: $*" >&2; exit 1; }
# Runs a command, recording its exit code, standard output and standard error.
run() {
    set +e
    "$@" > out.txt 2> err.txt
    status=$?
    set -e
}
expect_status() { [ "$status" -eq "$1" ] || { cat out.txt err.txt >&2; fail "exit status $status, expected $1"; }; }
expect_out() { grep -qF -- "$1" out.txt || { cat out.txt >&2; fail "standard output lacks: $1"; }; }
expect_err() { grep -qF -- "$1" err.txt || { cat err.txt >&2; fail "standard error lacks: $1"; }; }
replay_sample() {
    "$loyalty" replay "$rules/corner-cafe.yaml" "$source_dir/examples/sample/purchases.jsonl" \
        --members "$source_dir/examples/sample/members.jsonl" --ledger "$1" "${@:2}"
}

# A ledger keeps members' states and transactions' payloads compressed with zstd against a
# dictionary it holds; the `zstd` command unpacks and packs them with that dictionary, for an edit
# by hand. The built-in dictionary (id 0) is the one a small ledger uses for both.
unpacked() {  # DB TABLE COLUMN WHERE
    sqlite3 "$1" "SELECT writefile('dictionary.bin', content) FROM dictionaries WHERE id = 0" > /dev/null
    sqlite3 "$1" "SELECT writefile('stored.zst', $3) FROM $2 WHERE $4" > /dev/null
    zstd -q -d -f -D dictionary.bin stored.zst -o stored.json
    cat stored.json
}
# Edits a stored text with a sed expression and stores it again; the SQL before it drops what guards the row.
edited() {  # DB TABLE COLUMN WHERE SED [SQL]
    unpacked "$1" "$2" "$3" "$4" | sed -E "$5" > edited.json
    cmp -s stored.json edited.json && fail "the edit '$5' changed nothing"
    zstd -q -f -D dictionary.bin edited.json -o edited.zst
    sqlite3 "$1" "${6:-} UPDATE $2 SET $3 = readfile('edited.zst') WHERE $4"
}

test_check_clean() {
    run "$loyalty" check "$rules/corner-cafe.yaml" "$rules/s13-cap.yaml"
    expect_status 0
    expect_out "corner-cafe.yaml: ok, program 'Corner Café Rewards' version 2026.1"
    expect_out "s13-cap.yaml: ok"
}

test_check_broken() {
    cp "$source_dir/tests/golden/many-mistakes.yaml" .
    run "$loyalty" check many-mistakes.yaml
    expect_status 1
    sed 's|^tests/golden/||' "$source_dir/tests/golden/many-mistakes.expected" > expected.txt
    echo "12 problems found" >> expected.txt
    diff -u expected.txt err.txt || fail "diagnostics differ from the golden file"
}

test_usage_errors() {
    run "$loyalty" frobnicate
    expect_status 2
    run "$loyalty" replay "$rules/corner-cafe.yaml"
    expect_status 2
    expect_err "history is required"
    run "$loyalty" --version
    expect_status 0
    expect_out "loyalty 0.1.0"
}

test_rule_tests_pass() {
    run "$loyalty" test "$rules"
    expect_status 0
    expect_out "  pass  a gold member's app order"
    grep -qE '^[0-9]+ passed, 0 failed$' out.txt || fail "no closing line"
}

test_rule_tests_fail() {
    cp "$rules/s11-large-order.yaml" program.yaml
    cat > program.test.yaml <<'YAML'
cases:
  - name: expects too much
    steps:
      - purchase:
          id: x1
          at: 2026-05-04T12:00:00-05:00
          items: [{sku: A, unit_price: 99.99}]
        expect:
          deltas: [{rule: base, amount: 99}, {rule: large-order, amount: 200}]
YAML
    run "$loyalty" test .
    expect_status 1
    expect_out "  FAIL  expects too much"
    expect_out "    expected 2 deltas:"
    expect_out "      rule large-order, amount 200"
    expect_out "      base earn 99 points to member:m1:points: Points on your purchase: 99 points for 99.99 USD paid at 1 point per 1.00 USD, rounded down."
    expect_out "    not fired:"
    expect_out "      large-order: tx.total >= 100.00 is not met: tx.total is 99.99"
    expect_out "0 passed, 1 failed"
}

test_eval_table_and_json() {
    echo '{"id": "m1", "tier": "gold", "points": 950}' > member.json
    cat > tx.jsonl <<'JSON'
{"id":"order-1001","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","channel":"app","currency":"USD","items":[{"sku":"LATTE","category":"coffee","unit_price":"4.50","quantity":2},{"sku":"BEANS-1KG","category":"beans","unit_price":"24.00"}]}
JSON
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx tx.jsonl
    expect_status 0
    expect_out "+42 points  everyday           Everyday points: 42 points for 33.00 USD paid"
    expect_out "balance of m1: 950 -> 1063 points (a dry run: nothing was stored)"
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --json < tx.jsonl
    expect_status 0
    expect_out '{"transaction":"order-1001","program":{"name":"Corner Café Rewards","version":"2026.1"},"day":"2026-03-02","already_applied":false,"deltas":[{"id":"order-1001/everyday@2026.1","kind":"earn","rule":"everyday","debit":"program:points_issued","credit":"member:m1:points","unit":"points","amount":42,'
    # As of Black Friday, the same basket earns the double-points promotion too.
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx tx.jsonl --at 2026-11-28T10:00:00-05:00
    expect_out "black-friday"
    # Why not: each rule that did not fire says what it saw.
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx tx.jsonl --trace
    expect_out "    fired     everyday           Everyday points: 42 points"
    expect_out "    not fired black-friday       outside its active window from 2026-11-27T00:00:00"
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx tx.jsonl --trace --json
    expect_out '"trace":[{"rule":"everyday","fired":true,'
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx tx.jsonl --at yesterday
    expect_status 1
    expect_err "--at 'yesterday' is not a time"

    # With --json, errors are JSON too: a host reads one format.
    echo '{"id":"bad","member":"m1","at":"2026-03-02T10:15:00-05:00","kind":"purchase","currency":"EUR","items":[{"sku":"A","unit_price":"1.00"}]}' > bad.jsonl
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member member.json --tx bad.jsonl --json
    expect_status 1
    expect_out '{"error":{"code":"T004","field":"currency","message":"currency EUR is not the program'"'"'s currency USD","transaction":"bad"}}'
    echo '{"id":"m1","points":1,"points":2}' > twice.json
    run "$loyalty" eval "$rules/corner-cafe.yaml" --member twice.json --tx tx.jsonl --json
    expect_status 1
    expect_out '{"error":{"code":"M100","file":"twice.json","message":"member '"'"'m1'"'"', points: error[M100]: given twice in one object; give each field once"}}'
    printf 'program: {name: X, version: "1", currency: USD}\n' > broken.yaml
    run "$loyalty" eval broken.yaml --member member.json --tx tx.jsonl --json
    expect_status 1
    expect_out '{"error":{"code":"E103","column":10,"file":"broken.yaml","line":1,"message":"missing required key '"'"'time_zone'"'"' in program"}}'
}

test_replay_sample() {
    run replay_sample ledger.db
    expect_status 0
    expect_out "  transactions applied                  46"
    expect_out "  already in the ledger                  1"
    expect_out "    T004 × 1, first: line 44, transaction 'T0103': error[T004]"
    expect_err "line 44, transaction 'T0103': error[T004]: currency: currency EUR is not the program's currency USD; nothing applied"
    [ ! -s out.txt ] || ! grep -q '\[#' err.txt || fail "a progress bar was drawn into a file"
    # Opening balances, returns, redemptions and expiry: issued − burned − expired = outstanding.
    figure() { awk -v name="$1" 'index($0, "  " name " ") == 1 { print $NF }' out.txt; }
    [ "$(( $(figure "points issued") - $(figure "points burned") - $(figure "points expired") ))" -eq "$(figure "outstanding points")" ] ||
        { cat out.txt >&2; fail "issued − burned − expired is not outstanding"; }
    [ "$(figure "points burned")" -gt 0 ] || fail "the sample burned no points"
    # The same figures from the ledger alone, for people and as JSON.
    grep -A9 "^ledger now" out.txt > replayed-figures.txt
    run "$loyalty" ledger summary ledger.db
    expect_status 0
    grep -A9 "^ledger now" out.txt | diff -u replayed-figures.txt - || fail "ledger summary differs from the replay's figures"
    run "$loyalty" ledger summary ledger.db --json
    expect_out '"points_burned":300,"points_expired":0,"points_issued":5721,"points_outstanding":5421,"programs":[{"digest":"'
    expect_out '"first_transaction":"T0200","last_transaction":"T0206","name":"Corner Café Rewards","transactions":46,"version":"2026.1"}],"rebates_paid":["8.17 USD"],"transactions":46'
    run "$loyalty" ledger summary --help
    expect_status 0
    expect_out "Usage: loyalty ledger summary [OPTIONS] ledger"
    "$loyalty" ledger export ledger.db > first.jsonl
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    expect_out "sound. 46 transactions balance, are as their payloads say and are chained in order; the states of 5 members agree with their postings."

    # The same history again: every transaction is recognised, nothing changes.
    run replay_sample ledger.db
    expect_status 0
    expect_out "  transactions applied                   0"
    expect_out "  already in the ledger                 47"
    "$loyalty" ledger export ledger.db > second.jsonl
    cmp first.jsonl second.jsonl || fail "a second replay changed the ledger"

    run "$loyalty" ledger balance ledger.db carla
    expect_status 0
    expect_out "  spendable     2632 points"
    expect_out "  tier          gold"
    run "$loyalty" ledger history ledger.db carla
    expect_out "opening:carla     +2310 points =     2310  Opening balance of 2310 points carried into this ledger."
    expect_out "=     2632  App order bonus: 50 points bonus. Limited by the per-purchase limit"
    expect_out "+4.50 USD    =     2129  a free latte: one LATTE free, 4.50 USD saved."
    run "$loyalty" ledger balance ledger.db nobody
    expect_status 1
}

test_replay_bad_lines() {
    run "$loyalty" replay "$rules/corner-cafe.yaml" "$here/bad-history.jsonl" --ledger ledger.db
    expect_status 0
    expect_err "line 2: error[T100]: not valid JSON at line 1, column "
    if grep -q "json.exception" err.txt; then fail "a library's exception text reached the user"; fi
    expect_err "line 3, transaction 'b3': error[T012]: member 'nobody' is unknown to the ledger; nothing applied"
    expect_err "line 4, transaction 'b4': error[T051]: items[0]: purchase 'b1' has no 3 of 'LATTE' left to return; nothing applied"
    expect_err "line 5, transaction 'b5': error[T050]: original_transaction: purchase 'zz' is not one of this member's purchases within the return window; nothing applied"
    expect_err "line 6, transaction 'b1': error[T020]: the ledger has this id with different contents; nothing applied"
    expect_err "line 8, transaction 'b7': error[T007]: items[0].quantity: quantity must be 1 to 1000000, got -1"
    expect_out "  transactions applied                   3"
    expect_out "  refused, nothing applied               6"
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    run "$loyalty" ledger history ledger.db bruno
    expect_out "b8"
    if grep -q "b7" out.txt; then fail "a refused transaction left postings"; fi

    # Stopping at the first refusal keeps what came before it, and says so.
    run "$loyalty" replay "$rules/corner-cafe.yaml" "$here/bad-history.jsonl" --ledger stopped.db --stop-on-error
    expect_status 1
    expect_out "(stopped at the first refused transaction)"
    expect_out "  transactions applied                   1"
    run "$loyalty" ledger verify stopped.db
    expect_status 0
}

test_replay_csv() {
    run "$loyalty" replay "$rules/corner-cafe.yaml" "$here/purchases.csv" --ledger csv.db
    expect_status 0
    expect_out "  transactions applied                   3"
    run "$loyalty" replay "$rules/corner-cafe.yaml" "$here/purchases-as-json.jsonl" --ledger json.db
    expect_status 0
    "$loyalty" ledger export csv.db > csv.jsonl
    "$loyalty" ledger export json.db > json.jsonl
    cmp csv.jsonl json.jsonl || fail "the CSV history gave another ledger than the same purchases in JSON"
    # The same history from standard input gives the same ledger.
    run "$loyalty" replay "$rules/corner-cafe.yaml" - --ledger stdin.db < "$here/purchases-as-json.jsonl"
    expect_status 0
    expect_out "replayed standard input into stdin.db"
    "$loyalty" ledger export stdin.db > stdin.jsonl
    cmp stdin.jsonl json.jsonl || fail "the history from standard input gave another ledger"
    printf 'id,member,at,sku,unit_price,colour\n' > odd.csv
    run "$loyalty" replay "$rules/corner-cafe.yaml" odd.csv --ledger odd.db
    expect_status 1
    expect_err "unknown column 'colour'"

    # Rows of one id join only when they name one member, time and channel.
    cat > mixed.csv <<'CSV'
id,member,at,channel,sku,category,unit_price,quantity,discount
m1,alice,2026-03-01T10:00:00-05:00,store,LATTE,coffee,4.50,1,
m1,bob,2026-03-01T10:00:00-05:00,store,BEANS,beans,90.00,1,
m2,carla,2026-03-01T11:00:00-05:00,store,LATTE,coffee,4.50,1,
m2,carla,2026-03-01T11:05:00-05:00,store,MUG,merch,12.00,1,
m3,dan,2026-03-01T12:00:00-05:00,store,LATTE,coffee,4.50,007,
m4,dan,2026-03-01T13:00:00-05:00,store,LATTE,coffee,4.50,3,
CSV
    run "$loyalty" replay "$rules/corner-cafe.yaml" mixed.csv --ledger mixed.db
    expect_status 0
    expect_err "line 2, transaction 'm1': error[T100]: rows with id 'm1' disagree: line 2 is for member 'alice' at 2026-03-01T10:00:00-05:00, line 3 for member 'bob' at 2026-03-01T10:00:00-05:00; the rows of one purchase name one member, time and channel; nothing applied"
    expect_err "line 4, transaction 'm2': error[T100]: rows with id 'm2' disagree: line 4 is for member 'carla' at 2026-03-01T11:00:00-05:00, line 5"
    expect_err "line 6, transaction 'm3': error[T100]: items[0].quantity: expected a whole number; nothing applied"
    expect_out "  transactions applied                   1"
    run "$loyalty" ledger history mixed.db alice
    expect_status 1
}

test_generate_is_deterministic() {
    run "$loyalty" generate --out one --members 50 --transactions 2000 --seed 9
    expect_status 0
    "$loyalty" generate --out two --members 50 --transactions 2000 --seed 9 > /dev/null
    "$loyalty" generate --out three --members 50 --transactions 2000 --seed 10 > /dev/null
    cmp one/history.jsonl two/history.jsonl || fail "the same seed wrote another history"
    cmp one/members.jsonl two/members.jsonl || fail "the same seed wrote other members"
    if cmp -s one/history.jsonl three/history.jsonl; then fail "another seed wrote the same history"; fi
    [ "$(wc -l < one/history.jsonl)" -eq 2000 ] || fail "not 2000 transactions"
    grep -q '"kind":"return"' one/history.jsonl || fail "no returns"
    grep -q '"event":"birthday"' one/history.jsonl || fail "no birthdays"
    run "$loyalty" replay "$rules/corner-cafe.yaml" one/history.jsonl --members one/members.jsonl --ledger one.db
    expect_status 0
    expect_out "  refused, nothing applied               0"
}

test_crash_and_resume() {
    "$loyalty" generate --out data --members 300 --transactions 40000 --seed 3 > /dev/null
    replay() {
        "$loyalty" replay "$rules/corner-cafe.yaml" data/history.jsonl --members data/members.jsonl \
            --ledger "$1" --quiet --batch 250 > /dev/null 2> "$1.errors" ||
            { echo "replay into $1 failed:" >&2; cat "$1.errors" >&2; return 1; }
    }
    replay whole.db
    "$loyalty" ledger export whole.db > whole.jsonl

    # Kill the replay at many moments; each re-run picks up where the last committed batch ended,
    # evaluating again what was recorded after the last checkpoint of members' states. Some runs
    # checkpoint every few batches, some only at their end (which they never reach).
    local kills=0 behind=0 checkpoint=1000
    for delay in 0.05 0.3 0.15 0.6 0.4 0.9 0.2 1.2; do
        checkpoint=$((checkpoint == 1000 ? 100000 : 1000))
        # The replay itself, not a shell around it, is what gets killed.
        "$loyalty" replay "$rules/corner-cafe.yaml" data/history.jsonl --members data/members.jsonl \
            --ledger crashed.db --quiet --batch 250 --checkpoint "$checkpoint" > /dev/null 2> killed.errors &
        local pid=$!
        sleep "$delay"
        if kill -9 "$pid" 2> /dev/null; then kills=$((kills + 1)); fi
        wait "$pid" 2> /dev/null || true
        # Whatever it got through before the kill, it refused nothing: this history is clean.
        if grep -q "error\[" killed.errors; then cat killed.errors >&2; fail "a killed replay refused transactions"; fi
        run "$loyalty" ledger verify crashed.db
        # A kill while the first replay was creating the ledger leaves no ledger yet, said so.
        if [ "$status" -ne 0 ] && grep -qF "error[L002]: ledger 'crashed.db' is empty: " err.txt; then continue; fi
        expect_status 0
        if grep -q "folded into them when a replay resumes" out.txt; then behind=$((behind + 1)); fi
    done
    [ "$kills" -ge 4 ] || fail "only $kills replays were killed mid-run"
    [ "$behind" -ge 1 ] || fail "no kill left transactions after the last checkpoint to evaluate again"
    replay crashed.db
    if grep -q "error\[" crashed.db.errors; then cat crashed.db.errors >&2; fail "the resumed replay refused transactions"; fi
    "$loyalty" ledger export crashed.db > crashed.jsonl
    cmp whole.jsonl crashed.jsonl || fail "the resumed ledger differs from an uninterrupted run"
    # Past its 5,000th transaction a ledger trains a dictionary on its payloads, the same one
    # however often it was stopped: the same transactions train it.
    dictionaries() { sqlite3 "$1" "SELECT id, length(content), hex(content) FROM dictionaries ORDER BY id"; }
    [ "$(sqlite3 whole.db "SELECT count(*) FROM dictionaries")" = 2 ] || fail "no dictionary was trained on the payloads"
    [ "$(dictionaries whole.db)" = "$(dictionaries crashed.db)" ] || fail "the resumed ledger trained another dictionary"
    [ "$(sqlite3 whole.db "SELECT avg(length(payload)) < 100 FROM transactions WHERE sequence > 10000")" = 1 ] ||
        fail "the payloads after the training are not compressed with the trained dictionary"
    echo "killed $kills times, $behind times past the last checkpoint; the resumed ledger equals the uninterrupted one"
}

test_replay_resumes_after_the_last_checkpoint() {
    # A replay stopped after its last checkpoint left states older than its postings: built here
    # from a full run's postings and the states of a run stopped after 20 lines.
    head -n 20 "$source_dir/examples/sample/purchases.jsonl" > early.jsonl
    "$loyalty" replay "$rules/corner-cafe.yaml" early.jsonl --members "$source_dir/examples/sample/members.jsonl" \
        --ledger early.db > /dev/null
    replay_sample whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    "$loyalty" ledger states whole.db > states.txt
    cp whole.db stopped.db
    sqlite3 stopped.db "ATTACH 'early.db' AS early; DELETE FROM members;
        INSERT INTO members SELECT * FROM early.members;
        UPDATE meta SET value = (SELECT value FROM early.meta WHERE key = 'checkpoint') WHERE key = 'checkpoint'"
    run "$loyalty" ledger verify stopped.db
    expect_status 0
    expect_out "the 26 transactions recorded after it are folded into them when a replay resumes"
    run "$loyalty" ledger balance stopped.db carla
    expect_status 0
    expect_out "the 26 transactions recorded after it are folded into them when a replay resumes"
    # The balances are the postings', as in the uninterrupted ledger, not the state's of line 20.
    expect_out "  spendable     2632 points"

    # Evaluated again under another program, they would not give the states the postings say: a
    # rule edited under the same version string is another program, known by its content.
    sed '32s/points: 1$/points: 2/' "$rules/corner-cafe.yaml" > changed.yaml
    grep -q 'version: "2026.1"' changed.yaml && ! cmp -s changed.yaml "$rules/corner-cafe.yaml" || fail "the rule was not edited"
    # Comments, blank lines, layout and the order of a mapping's keys are not content: the digest stays.
    { echo "# the same program, written otherwise"; echo; sed -e '/^  name: Corner Café Rewards$/d' \
        -e 's/^  currency: USD$/  currency: USD\n  name:    Corner Café Rewards   # moved/' "$rules/corner-cafe.yaml"; } > same.yaml
    ! cmp -s same.yaml "$rules/corner-cafe.yaml" || fail "the rule file was not rewritten"
    cp stopped.db before.db
    run "$loyalty" replay changed.yaml "$source_dir/examples/sample/purchases.jsonl" --ledger stopped.db
    expect_status 1
    expect_err "error[L007]: transaction 'T0018', recorded after the ledger's last checkpoint, was recorded by 'Corner Café Rewards' version 2026.1 ("
    expect_err "), not by this one, 'Corner Café Rewards' version 2026.1 ("
    expect_err "): replay with the program that recorded it"
    cmp before.db stopped.db || fail "a refused resume changed the ledger"
    run "$loyalty" replay same.yaml "$source_dir/examples/sample/purchases.jsonl" --ledger before.db
    expect_status 0
    expect_out "  already in the ledger                 47"

    run replay_sample stopped.db
    expect_status 0
    expect_out "  already in the ledger                 47"
    "$loyalty" ledger export stopped.db > resumed.jsonl
    cmp whole.jsonl resumed.jsonl || fail "the resumed ledger's postings differ from an uninterrupted run"
    "$loyalty" ledger states stopped.db | cmp states.txt - ||
        fail "the resumed members' states differ from an uninterrupted run's"
    run "$loyalty" ledger verify stopped.db
    expect_status 0
    if grep -q "folded into them" out.txt; then fail "states still behind after the resumed replay"; fi

    # Caught up, the ledger takes new transactions under a deliberately new program, and says
    # which program recorded which.
    cat > later.jsonl <<'JSON'
{"id": "N1", "member": "carla", "at": "2027-01-05T10:00:00-05:00", "kind": "purchase", "currency": "USD", "items": [{"sku": "MUFFIN", "category": "bakery", "unit_price": "10.00"}]}
JSON
    run "$loyalty" replay changed.yaml later.jsonl --ledger stopped.db
    expect_status 0
    expect_out "  transactions applied                   1"
    run "$loyalty" ledger verify stopped.db --deep
    expect_status 0
    expect_out "all 47 transactions give the postings recorded"
    old_digest="$("$loyalty" ledger summary stopped.db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["programs"][0]["digest"])')"
    new_digest="$("$loyalty" ledger summary stopped.db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["programs"][1]["digest"])')"
    [ "$old_digest" != "$new_digest" ] || fail "two programs of one version share a digest"
    expect_out "'Corner Café Rewards' version 2026.1 ($old_digest)"
    expect_out "    46 transactions, T0200 to T0206"
    expect_out "'Corner Café Rewards' version 2026.1 ($new_digest)"
    expect_out "    1 transactions, N1 to N1"
    run "$loyalty" ledger history stopped.db carla
    expect_out "+20 points"
}

test_ledger_disk_full() {
    "$loyalty" generate --out data --members 200 --transactions 6000 --seed 4 > /dev/null
    replay() { "$loyalty" replay "$rules/corner-cafe.yaml" data/history.jsonl --members data/members.jsonl \
                   --ledger "$1" --quiet --batch 200; }
    replay whole.db > /dev/null
    "$loyalty" ledger export whole.db > whole.jsonl
    # No file may grow past 300 KiB, as on a full disk: the write fails (the signal that would
    # kill the process is ignored, so the write returns an error).
    (trap '' XFSZ; ulimit -f 300; replay full.db > out.txt 2> err.txt) && status=0 || status=$?
    expect_status 1
    grep -qE "error\[L004\]: ledger '.*': the disk is full|error\[L009\]: .*(I/O|disk)" err.txt || { cat err.txt >&2; fail "no clear disk-full error"; }
    if grep -qiE "select|insert|sqlite_master" err.txt; then cat err.txt >&2; fail "SQL text reached the user"; fi
    # What was committed is sound, and a re-run with room completes it exactly.
    run "$loyalty" ledger verify full.db
    expect_status 0
    replay full.db > /dev/null
    "$loyalty" ledger export full.db > full.jsonl
    cmp whole.jsonl full.jsonl || fail "the ledger completed after a full disk differs from an uninterrupted run"
}

test_ledger_read_only() {
    replay_sample whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    replay_sample ledger.db --stop-on-error > /dev/null 2>&1 || true
    # Root writes through file modes, so the read-only attempts run as an unprivileged user, in a
    # folder of their own under /tmp with copies of what they read: the checkout may be in a
    # private home folder that user cannot enter.
    media="$(mktemp -d /tmp/loyalty-read-only.XXXXXX)"
    trap 'chmod -R u+w "$media"; rm -rf "$media"' RETURN
    cp "$loyalty" "$rules/corner-cafe.yaml" "$source_dir/examples/sample/purchases.jsonl" \
        "$source_dir/examples/sample/members.jsonl" "$media/"
    cp ledger.db "$media/ledger.db"
    chmod 0444 "$media/ledger.db"
    chmod 0555 "$media"
    as_reader=()
    if [ "$(id -u)" -eq 0 ]; then as_reader=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
    reader() { "${as_reader[@]}" "$media/loyalty" "$@" > out.txt 2> err.txt && status=0 || status=$?; }
    reader replay "$media/corner-cafe.yaml" "$media/purchases.jsonl" --members "$media/members.jsonl" --ledger "$media/ledger.db"
    expect_status 1
    grep -qE "error\[L00[13]\]" err.txt || { cat err.txt >&2; fail "no clear read-only error"; }
    if grep -qiE "select|insert|sqlite_master|begin immediate" err.txt; then cat err.txt >&2; fail "SQL text reached the user"; fi
    cmp ledger.db "$media/ledger.db" || fail "a read-only ledger was changed"
    # Read-only media: every reader works, on the file as it is.
    reader ledger verify "$media/ledger.db"
    expect_status 0
    expect_out "sound."
    reader ledger balance "$media/ledger.db" carla
    expect_status 0
    expect_out "member carla"
    reader ledger history "$media/ledger.db" carla
    expect_status 0
    expect_out "Opening balance of 2310 points carried into this ledger."
    reader ledger summary "$media/ledger.db" --json
    expect_status 0
    expect_out '"points_issued":'
    # A log that holds transactions the file does not cannot be read there: said plainly.
    chmod 0755 "$media"
    python3 - "$media/logged.db" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
db.execute("INSERT INTO meta VALUES('schema_version', '2')")
db.commit()
os._exit(0)  # no checkpoint: the insert stays in the log
PY
    rm -f "$media/logged.db-shm"
    chmod 0444 "$media/logged.db" "$media/logged.db-wal"
    chmod 0555 "$media"
    reader ledger verify "$media/logged.db"
    expect_status 1
    expect_err "its write-ahead log '$media/logged.db-wal' holds transactions that can be read only where the log's shared-memory file can be created beside it"
    # Writable again, the replay completes it to the uninterrupted ledger.
    replay_sample ledger.db > /dev/null 2>&1
    "$loyalty" ledger export ledger.db > completed.jsonl
    cmp whole.jsonl completed.jsonl || fail "the completed ledger differs from an uninterrupted run"
}

test_ledger_unknown_schema() {
    replay_sample ledger.db > /dev/null 2>&1
    "$loyalty" ledger export ledger.db > whole.jsonl
    sqlite3 ledger.db "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
    cp ledger.db before.db
    run replay_sample ledger.db
    expect_status 1
    expect_err "error[L002]: ledger 'ledger.db' has schema version 99; this version of loyalty reads version 4, upgrades versions 1 to 3, and changes nothing else"
    run "$loyalty" ledger verify ledger.db
    expect_status 1
    expect_err "error[L002]"
    run "$loyalty" ledger upgrade ledger.db
    expect_status 1
    expect_err "error[L002]"
    cmp before.db ledger.db || fail "a ledger of an unknown schema was changed"
    # Back at the version it was written with, it verifies and holds exactly what it held.
    sqlite3 ledger.db "UPDATE meta SET value = '4' WHERE key = 'schema_version'"
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    "$loyalty" ledger export ledger.db > after.jsonl
    cmp whole.jsonl after.jsonl || fail "the ledger changed while its schema was unknown"
}

# A ledger written by schema version 2, stopped after its last checkpoint, knows its program by
# version alone. Upgraded in place, it keeps every row, gets its chain, and resumes.
test_ledger_schema_version_2_is_upgraded() {
    sqlite3 v2.db < "$here/ledger-schema-2.sql"
    replay_sample whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    run "$loyalty" ledger verify v2.db
    expect_status 1
    expect_err "error[L002]: ledger 'v2.db' has schema version 2, which this version of loyalty upgrades to version 4 in place when it writes: run 'loyalty ledger upgrade v2.db' first"
    # Its tail is caught up only under the version that recorded it, the one thing it knows.
    sed 's/version: "2026.1"/version: "2026.2"/' "$rules/corner-cafe.yaml" > changed.yaml
    run "$loyalty" replay changed.yaml "$source_dir/examples/sample/purchases.jsonl" --ledger v2.db
    expect_status 1
    expect_err "error[L007]: transaction 'T0018', recorded after the ledger's last checkpoint, was recorded by program version 2026.1 (recorded before ledgers kept program digests), not by this one, 'Corner Café Rewards' version 2026.2 ("
    run "$loyalty" ledger upgrade v2.db
    expect_status 0
    expect_out "v2.db: at schema version 4."
    [ "$(sqlite3 v2.db "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] || fail "not upgraded to version 4"
    run "$loyalty" ledger verify v2.db
    expect_status 0
    expect_out "v2.db: sound. 46 transactions balance"
    expect_out "  program version 2026.1 (recorded before ledgers kept program digests)"
    expect_out "the 26 transactions recorded after it are folded into them when a replay resumes"
    "$loyalty" ledger export v2.db > upgraded.jsonl
    cmp whole.jsonl upgraded.jsonl || fail "upgrading changed the ledger's postings"
    # Its programs' rules were never stored: evaluating again cannot be done, and says so.
    run "$loyalty" ledger verify v2.db --deep
    expect_status 1
    expect_out "error[V014]: transactions row 3 ('T0200'): it and every later transaction of programs row 1 cannot be evaluated again: the ledger does not hold that program's rules"
    run replay_sample v2.db
    expect_status 0
    expect_out "  already in the ledger                 47"
    # The states are an uninterrupted run's, but for the fingerprints of the transactions recorded
    # before the upgrade: they stay in version 1 (16 digits), and still recognise their resends.
    without_fingerprints() { sed -E 's/"fingerprint":"[0-9a-f]+"/"fingerprint":"…"/g'; }
    "$loyalty" ledger states v2.db | without_fingerprints > resumed-states.txt
    "$loyalty" ledger states whole.db | without_fingerprints | cmp resumed-states.txt - ||
        fail "the upgraded ledger's resumed states differ from an uninterrupted run's"
    "$loyalty" ledger states v2.db > resumed-state-texts.txt
    grep -qE '"fingerprint":"[0-9a-f]{16}"' resumed-state-texts.txt || fail "no fingerprint of version 1 was kept"
    grep -qE '"fingerprint":"[0-9a-f]{32}"' resumed-state-texts.txt || fail "no fingerprint of version 2 was taken"
    run "$loyalty" ledger verify v2.db
    expect_status 0
    if grep -q "folded into them" out.txt; then fail "states still behind after the resumed replay"; fi
}

# A ledger written by schema version 3 stored postings, each with its explanation, and its texts
# uncompressed. Upgraded in place, every row is kept as deltas, its chain is the same chain (the
# head an auditor took before the upgrade is still its head), and it resumes after its checkpoint.
test_ledger_schema_version_3_is_upgraded() {
    sqlite3 v3.db < "$here/ledger-schema-3.sql"
    head_before="$(sqlite3 v3.db "SELECT chain FROM transactions ORDER BY sequence DESC LIMIT 1")"
    [ ${#head_before} -eq 64 ] || fail "the version 3 ledger has no chain head"
    replay_sample whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    run "$loyalty" ledger verify v3.db
    expect_status 1
    expect_err "error[L002]: ledger 'v3.db' has schema version 3, which this version of loyalty upgrades to version 4"
    run "$loyalty" ledger upgrade v3.db
    expect_status 0
    expect_out "v3.db: at schema version 4."
    run "$loyalty" ledger verify v3.db --deep --head "$head_before"
    expect_status 0
    expect_out "v3.db: sound. 46 transactions balance"
    expect_out "The head $head_before is in the chain, as its last link."
    expect_out "the 26 transactions recorded after it are folded into them when a replay resumes"
    "$loyalty" ledger export v3.db > upgraded.jsonl
    cmp whole.jsonl upgraded.jsonl || fail "upgrading changed the ledger's postings"
    [ "$(sqlite3 v3.db "SELECT count(*) FROM sqlite_master WHERE name LIKE 'old_%'")" = 0 ] || fail "old tables were left behind"
    run replay_sample v3.db
    expect_status 0
    expect_out "  already in the ledger                 47"
    "$loyalty" ledger states v3.db > resumed-states.txt
    "$loyalty" ledger states whole.db | cmp resumed-states.txt - ||
        fail "the upgraded ledger's resumed states differ from an uninterrupted run's"
    run "$loyalty" ledger verify v3.db --deep
    expect_status 0
    if grep -q "folded into them" out.txt; then fail "states still behind after the resumed replay"; fi

    # Postings that are not the two sides of one delta each cannot be deltas: the upgrade refuses,
    # and changes nothing.
    sqlite3 bad.db < "$here/ledger-schema-3.sql"
    sqlite3 bad.db "DROP TRIGGER postings_are_never_updated; UPDATE postings SET amount = amount + 1 WHERE sequence = 3"
    cp bad.db bad-before.db
    run "$loyalty" ledger upgrade bad.db
    expect_status 1
    expect_err "error[L002]: ledger 'bad.db' cannot be upgraded: postings row 3 is not the debit of a delta whose credit follows it"
    cmp bad.db bad-before.db || fail "a refused upgrade changed the ledger"
}

test_ledger_schema_version_1_is_upgraded() {
    # Version 1 wrote every member's state with every batch and kept no checkpoint: all its states
    # are current. A writer upgrades it in place.
    sqlite3 ledger.db < "$here/ledger-schema-2.sql"
    replay_sample whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    # Its states are the uninterrupted run's, as JSON text.
    "$loyalty" ledger states whole.db > states.jsonl
    python3 - ledger.db states.jsonl <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM members")
for line in open(sys.argv[2], encoding="utf-8"):
    state = json.loads(line)
    db.execute("INSERT INTO members(id, points, state) VALUES(?, ?, ?)", (state["id"], state["points"], line.rstrip("\n")))
db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
db.execute("DELETE FROM meta WHERE key = 'checkpoint'")
db.commit()
PY
    run "$loyalty" ledger verify ledger.db
    expect_status 1
    expect_err "error[L002]: ledger 'ledger.db' has schema version 1, which this version of loyalty upgrades"
    run replay_sample ledger.db
    expect_status 0
    expect_out "  already in the ledger                 47"
    [ "$(sqlite3 ledger.db "SELECT value FROM meta WHERE key = 'schema_version'")" = 4 ] || fail "not upgraded to version 4"
    [ "$(sqlite3 ledger.db "SELECT value = (SELECT MAX(sequence) FROM transactions) FROM meta WHERE key = 'checkpoint'")" = 1 ] ||
        fail "the upgraded ledger is not checkpointed at its last transaction"
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    "$loyalty" ledger export ledger.db > after.jsonl
    cmp whole.jsonl after.jsonl || fail "upgrading changed the ledger's postings"
}

test_same_bytes_in_any_zone_and_locale() {
    # The host's zone and locale never reach a result: every output is byte for byte the same
    # (but the replay's own running time).
    echo '{"id": "carla", "tier": "gold", "points": 2310}' > member.json
    outputs() {
        mkdir "$1" && cd "$1"
        replay_sample ledger.db 2>&1 | grep -v '^  time ' > replay.txt
        "$loyalty" ledger export ledger.db > export.jsonl
        grep '"member": "carla"' "$source_dir/examples/sample/purchases.jsonl" |
            "$loyalty" eval "$rules/corner-cafe.yaml" --member ../member.json --json --trace > eval.jsonl
        "$loyalty" test "$rules" > test.txt 2>&1
        "$loyalty" generate --out generated --members 20 --transactions 500 --seed 9 > /dev/null
        cd ..
    }
    TZ=UTC LC_ALL=C outputs plain
    locale -a | grep -qi '^de_DE.utf8$' || fail "the de_DE.UTF-8 locale is missing; .ci/install-deps makes it"
    TZ=Pacific/Kiritimati LC_ALL=de_DE.UTF-8 outputs far
    TZ=America/St_Johns LANG=de_DE.UTF-8 outputs other
    for name in replay.txt export.jsonl eval.jsonl test.txt generated/history.jsonl generated/members.jsonl; do
        cmp "plain/$name" "far/$name" || fail "$name differs under TZ=Pacific/Kiritimati LC_ALL=de_DE.UTF-8"
        cmp "plain/$name" "other/$name" || fail "$name differs under TZ=America/St_Johns LANG=de_DE.UTF-8"
    done
}

test_two_replays_at_once() {
    "$loyalty" generate --out data --members 200 --transactions 20000 --seed 8 > /dev/null
    replay() {
        "$loyalty" replay "$rules/corner-cafe.yaml" data/history.jsonl --members data/members.jsonl \
            --ledger "$1" --quiet --batch 100 > "$2" 2>&1
    }
    replay alone.db alone.txt
    "$loyalty" ledger export alone.db > alone.jsonl
    replay shared.db first.txt &
    local first=$!
    replay shared.db second.txt
    wait "$first"
    "$loyalty" ledger export shared.db > shared.jsonl
    # Each transaction was applied by exactly one of the two; the ledger is the single run's.
    cmp alone.jsonl shared.jsonl || fail "two replays at once gave another ledger than one"
    if grep -q "refused" first.txt second.txt && grep -qE "refused, nothing applied +[1-9]" first.txt second.txt; then
        fail "a replay refused transactions the other had applied"
    fi
    run "$loyalty" ledger verify shared.db
    expect_status 0
}

test_replay_referral() {
    printf '%s\n' '{"id":"ana","points":10}' '{"id":"bea","attributes":{"referrer":"ana"}}' > members.jsonl
    cat > history.jsonl <<'JSON'
{"id":"r1","member":"bea","at":"2026-05-04T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"25.00"}]}
{"id":"r2","member":"bea","at":"2026-05-05T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"25.00"}]}
JSON
    run "$loyalty" replay "$rules/s07-member-gets-member.yaml" history.jsonl --members members.jsonl --ledger ledger.db
    expect_status 0
    run "$loyalty" ledger balance ledger.db ana
    expect_out "  spendable     510 points"
    run "$loyalty" ledger history ledger.db ana
    expect_out "Member gets member: 500 points for referring bea."
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    expect_out "the states of 2 members agree with their postings"
}

# C referred A, and A referred B. B's first purchase pays A's referral bonus; it must not spend
# A's own first purchase (its counter, its once-ever rule), which then pays C.
test_replay_referral_chain() {
    printf '%s\n' '{"id":"cai"}' '{"id":"ada","attributes":{"referrer":"cai"}}' \
        '{"id":"bo","attributes":{"referrer":"ada"}}' > members.jsonl
    cat > history.jsonl <<'JSON'
{"id":"c1","member":"bo","at":"2026-05-04T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"30.00"}]}
{"id":"c2","member":"ada","at":"2026-05-05T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"45.00"}]}
{"id":"c3","member":"ada","at":"2026-05-06T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"45.00"}]}
JSON
    run "$loyalty" replay "$rules/s07-member-gets-member.yaml" history.jsonl --members members.jsonl --ledger ledger.db
    expect_status 0
    run "$loyalty" ledger balance ledger.db ada
    expect_out "  spendable     750 points"
    run "$loyalty" ledger balance ledger.db cai
    expect_out "  spendable     500 points"
    run "$loyalty" ledger balance ledger.db bo
    expect_out "  spendable     250 points"
    run "$loyalty" ledger history ledger.db cai
    expect_out "Member gets member: 500 points for referring ada."
    run "$loyalty" ledger verify ledger.db
    expect_status 0

    # With returns and pending points: a return of bo's purchase takes ada's bonus back too.
    printf '%s\n' '{"id":"ada"}' '{"id":"bo","attributes":{"referrer":"ada"}}' > members.jsonl
    cat > returns.jsonl <<'JSON'
{"id":"d1","member":"bo","at":"2026-05-04T12:00:00+01:00","kind":"purchase","currency":"EUR","items":[{"sku":"A","unit_price":"10.00","quantity":4}]}
{"id":"d2","member":"bo","at":"2026-05-05T12:00:00+01:00","kind":"return","original_transaction":"d1","currency":"EUR","items":[{"sku":"A","unit_price":"10.00","quantity":1}]}
{"id":"d3","member":"ada","at":"2026-05-20T12:00:00+01:00","kind":"purchase","currency":"EUR","items":[{"sku":"A","unit_price":"10.00"}]}
JSON
    run "$loyalty" replay "$rules/referral-returns.yaml" returns.jsonl --members members.jsonl --ledger returns.db --explain
    expect_status 0
    expect_out "-125 points  returns            Return of 1 × A from purchase d1: 10.00 EUR of 40.00 EUR paid; 125 points for referring bo taken back from pending points."
    # What is left of ada's bonus is released after its 14 days; her own 10 points are pending.
    run "$loyalty" ledger balance returns.db ada
    expect_out "  spendable     375 points"
    expect_out "  pending       10 points"
    run "$loyalty" ledger verify returns.db
    expect_status 0
}

# What would be miscomputed is refused at its line, and the replay goes on; a re-run works.
test_replay_refuses_what_it_cannot_compute() {
    cat > big.yaml <<'YAML'
program: {name: Big, version: "1", currency: USD, time_zone: "-05:00"}
earn:
  - {id: base, rate: {points: 1, per: 1.00}}
  - {id: huge, when: tx.total >= 1000.00, bonus: 999999999990000}
YAML
    printf '%s\n' '{"id":"m1"}' '{"id":"m2","coupons":[{"id":"yen","amount_off":"500","currency":"JPY","valid_from":"2026-01-01","valid_until":"2026-12-31"}]}' > seeds.jsonl
    run "$loyalty" replay big.yaml "$here/purchases-as-json.jsonl" --members seeds.jsonl --ledger seeded.db
    expect_status 1
    expect_err "'seeds.jsonl', line 2: error[M100]: member 'm2', coupon 'yen': the coupon is for 500 JPY, but the program counts in USD"
    printf '%s\n' '{"id":"m1"}' '' '{"id":"m3","points":5}' '{"id":"m1","points":900}' > twice.jsonl
    run "$loyalty" replay big.yaml "$here/purchases-as-json.jsonl" --members twice.jsonl --ledger twice.db
    expect_status 1
    expect_err "'twice.jsonl', line 4: error[M100]: member 'm1' is given a second time, after line 1; give each member one state"

    {
        echo '{"id":"o1","member":"m1","at":"2026-03-02T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"5.00"}]}'
        echo '{"id":"o2","member":"m1","at":"2026-03-02T11:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"1000.00"}]}'
        echo '{"id":"o3","member":"m1","at":"2026-03-02T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"1000.00"}]}'
        echo '{"id":"o4","member":"m1","at":"2026-03-02T13:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"1.00","unit_price":"900.00"}]}'
        printf '{"id":"o5","member":"m1","at":"2026-03-02T14:00:00-05:00","kind":"purchase","currency":"USD","items":['
        for i in $(seq 1 40000); do printf '{"sku":"A","unit_price":"1.00"},'; done
        echo '{"sku":"A","unit_price":"1.00"}]}'
        echo '{"id":"o6","member":"m1","at":"2026-03-02T15:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"2.00"}]}'
    } > hostile.jsonl
    for attempt in first second; do
        run "$loyalty" replay big.yaml hostile.jsonl --ledger big.db
        expect_status 0
    done
    run "$loyalty" replay big.yaml hostile.jsonl --ledger fresh.db
    # o2 takes m1 to 999999999991005 points; o3 would pass 10^15.
    expect_err "line 3, transaction 'o3': error[T030]: points "
    expect_err "would reach 1999999999982005, past the limit of 1000000000000000; nothing applied"
    expect_err "line 4, transaction 'o4': error[T100]: items[0].unit_price: given twice in one object; give each field once; nothing applied"
    expect_err "line 5: error[T100]: the line is longer than 1048576 bytes, the most one transaction takes; not read; nothing applied"
    expect_out "  transactions applied                   3"
    run "$loyalty" ledger balance fresh.db m1
    expect_out "  spendable     999999999991007 points"
    run "$loyalty" ledger verify fresh.db
    expect_status 0
}

# The return window and late uploads are the engine's to judge, in a replay as anywhere.
test_replay_window_and_late_uploads() {
    cat > history.jsonl <<'JSON'
{"id":"w1","member":"ana","at":"2026-04-10T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"COAT","unit_price":"50.00"}]}
{"id":"w2","member":"ana","at":"2026-06-01T12:00:00-05:00","kind":"return","original_transaction":"w1","currency":"USD","items":[{"sku":"COAT","unit_price":"50.00"}]}
{"id":"w3","member":"ana","at":"2026-04-09T12:00:00-05:00","kind":"return","original_transaction":"w1","currency":"USD","items":[{"sku":"COAT","unit_price":"50.00"}]}
JSON
    printf '%s\n' '{"id":"ana"}' > members.jsonl
    sed 's/window_days: 90/window_days: 30/' "$rules/s12-returns.yaml" > thirty-days.yaml
    run "$loyalty" replay thirty-days.yaml history.jsonl --members members.jsonl --ledger window.db
    expect_status 0
    expect_err "line 2, transaction 'w2': error[T050]: original_transaction: purchase 'w1' of 2026-04-10 could be returned through 2026-05-10 (30 days), and this return is on 2026-06-01; nothing applied"
    expect_err "line 3, transaction 'w3': error[T053]: at: the return is dated 2026-04-09T12:00:00-05:00, before purchase 'w1' (2026-04-10T12:00:00-05:00); nothing applied"
    run "$loyalty" ledger balance window.db ana
    expect_out "  spendable     50 points"

    # A till uploads January's purchases after February's: January's first-of-month bonus once.
    cat > late.jsonl <<'JSON'
{"id":"j1","member":"ana","at":"2026-01-30T12:00:00-06:00","kind":"purchase","currency":"MXN","items":[{"sku":"A","unit_price":"100.00"}]}
{"id":"f1","member":"ana","at":"2026-02-02T12:00:00-06:00","kind":"purchase","currency":"MXN","items":[{"sku":"A","unit_price":"100.00"}]}
{"id":"j2","member":"ana","at":"2026-01-31T18:00:00-06:00","kind":"purchase","currency":"MXN","items":[{"sku":"A","unit_price":"100.00"}]}
{"id":"j3","member":"ana","at":"2026-01-20T18:00:00-06:00","kind":"purchase","currency":"MXN","items":[{"sku":"A","unit_price":"100.00"}]}
JSON
    run "$loyalty" replay "$rules/late-transactions.yaml" late.jsonl --members members.jsonl --ledger late.db
    expect_status 0
    expect_err "line 4, transaction 'j3': error[T032]: at: the transaction's day 2026-01-20 is more than 10 days before 2026-02-02, the member's latest, the most the program allows (late_transactions.allowed_days); nothing applied"
    run "$loyalty" ledger balance late.db ana
    expect_out "  spendable     125 points"
    run "$loyalty" ledger verify late.db
    expect_status 0
}

# A member's history is its own: ids match exactly, by case and to their end.
test_ledger_lookups_are_exact() {
    cat > history.jsonl <<'JSON'
{"id":"x1","member":"alice","at":"2026-03-02T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"11.00"}]}
{"id":"x2","member":"ALICE","at":"2026-03-02T11:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"22.00"}]}
{"id":"x3","member":"alice:x","at":"2026-03-02T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"33.00"}]}
{"id":"x4","member":"álice","at":"2026-03-02T13:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"44.00"}]}
JSON
    run "$loyalty" replay "$rules/s12-returns.yaml" history.jsonl --ledger exact.db
    expect_status 0
    run "$loyalty" ledger history exact.db alice
    expect_status 0
    expect_out "x1"
    if grep -qE "x2|x3|x4" out.txt; then cat out.txt >&2; fail "alice's history lists another member's postings"; fi
    run "$loyalty" ledger history exact.db alice:x
    expect_out "x3"
    if grep -qE "x1|x2" out.txt; then fail "alice:x's history lists alice's postings"; fi
    run "$loyalty" ledger history exact.db álice
    expect_out "x4"
    run "$loyalty" ledger history exact.db Alice
    expect_status 1
    expect_err "error: member 'Alice' is not in exact.db"
    run "$loyalty" ledger balance exact.db Alice
    expect_status 1
    run "$loyalty" ledger balance exact.db ALICE
    expect_out "  spendable     22 points"
}

# The ledger's own rows and the host's never share an id, and no line can stop later replays.
test_replay_ids_that_cannot_collide() {
    printf '%s\n' '{"id":"m2","points":40}' > members.jsonl
    cat > history.jsonl <<'JSON'
{"id":"opening:m2","member":"m1","at":"2026-03-02T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"5.00"}]}
{"id":"a2","member":"m2","at":"2026-03-02T11:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"7.00"}]}
{"id":"a3","member":"ghost","at":"2026-03-02T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"7.00","quantity":-1}]}
{"id":"a4","member":"m3","at":"2026-03-02T13:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"9.00"}]}
{"id":"a5","member":"m3","at":"2026-03-02T14:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"3.00"}]}
JSON
    run "$loyalty" replay "$rules/s12-returns.yaml" history.jsonl --members members.jsonl --ledger ids.db
    expect_status 0
    expect_err "line 1, transaction 'opening:m2': error[T014]: ids beginning 'opening:' are the ledger's own, for the opening balances it records; nothing applied"
    expect_out "  transactions applied                   3"
    run "$loyalty" ledger balance ids.db m2
    expect_out "  spendable     47 points"
    # A member whose only line was refused is not in the ledger.
    run "$loyalty" ledger balance ids.db ghost
    expect_status 1
    run "$loyalty" ledger summary ids.db --json
    expect_out '"members":2,'

    # A line the ledger cannot record is refused like any bad line; its batch's others commit, and
    # every re-run gets past it.
    sqlite3 ids.db "CREATE TRIGGER no_b2 BEFORE INSERT ON transactions WHEN NEW.id = 'b2' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
    cat > more.jsonl <<'JSON'
{"id":"b1","member":"m3","at":"2026-03-03T10:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"1.00"}]}
{"id":"b2","member":"m4","at":"2026-03-03T11:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"2.00"}]}
{"id":"b3","member":"m3","at":"2026-03-03T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"4.00"}]}
JSON
    for attempt in first second; do
        run "$loyalty" replay "$rules/s12-returns.yaml" more.jsonl --ledger ids.db
        expect_status 0
        expect_err "line 2, transaction 'b2': error[L009]"
    done
    run "$loyalty" ledger balance ids.db m3
    expect_out "  spendable     17 points"
    run "$loyalty" ledger balance ids.db m4
    expect_status 1
}

test_replay_rewards_summary() {
    echo '{"id":"m1","points":950}' > members.jsonl
    cat > history.jsonl <<'JSON'
{"id":"s1-1","member":"m1","at":"2026-03-02T12:00:00-06:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"60.50"}]}
{"id":"s1-2","member":"m1","at":"2026-03-10T12:00:00-06:00","kind":"purchase","currency":"USD","items":[{"sku":"B","unit_price":"80.00"}],"coupons":["s1-1/ten-percent-off:coupon@1"]}
JSON
    run "$loyalty" replay "$rules/s01-points-threshold.yaml" history.jsonl --members members.jsonl --ledger s1.db
    expect_status 0
    # The 950 carried in count as issued with the 132 earned: issued − burned − expired = outstanding.
    expect_out "  points issued                       1082"
    expect_out "  points burned                       1000"
    expect_out "  coupons issued / used              1 / 1"
    expect_out "  outstanding points                    82"
    run "$loyalty" ledger balance s1.db m1
    expect_out "  spendable     82 points"
    expect_out "    lot s1-2/base@1                           72 points, earned 2026-03-10, never expire"
    expect_out "    coupon s1-1/ten-percent-off:coupon@1 10 % off your next purchase, valid 2026-03-02 through 2026-04-01, used by s1-2"

    cat > year.jsonl <<'JSON'
{"id":"y1","member":"m1","at":"2026-03-01T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"SOFA","unit_price":"1100.00"}]}
{"id":"y2","member":"m1","at":"2027-01-01T00:05:00-05:00","kind":"event","event":"period_close","currency":"USD","attributes":{"period":"2026"}}
JSON
    run "$loyalty" replay "$rules/s03-year-end-rebate.yaml" year.jsonl --ledger s3.db
    expect_status 0
    expect_out "  rebates paid                   22.00 USD"
    run "$loyalty" ledger balance s3.db m1
    expect_out "  store credit  22.00 USD"
    run "$loyalty" ledger verify s3.db
    expect_status 0
}

test_progress_on_a_terminal() {
    "$loyalty" generate --out data --members 200 --transactions 20000 --seed 5 > /dev/null
    # `script` gives the replay a terminal; its output is what the person would see.
    script -qec "'$loyalty' replay '$rules/corner-cafe.yaml' data/history.jsonl --members data/members.jsonl \
                 --ledger tty.db --batch 100" terminal.txt > /dev/null
    grep -q 'transactions/s' terminal.txt || fail "no summary on the terminal"
    grep -qE '\[#*\.*\] +[0-9]+%  [0-9]+ transactions  [0-9]+/s  [0-9]+:[0-9]{2} left' terminal.txt ||
        fail "no progress bar with rate and time left on the terminal"

    # Refusals interrupt the bar on lines of their own, and --max-errors bounds how many print.
    head -n 15000 data/history.jsonl > bad.jsonl
    for n in $(seq 1 250); do echo "{not json $n" >> bad.jsonl; done
    sed -n '15001,$p' data/history.jsonl >> bad.jsonl
    script -qec "'$loyalty' replay '$rules/corner-cafe.yaml' bad.jsonl --members data/members.jsonl \
                 --ledger bad.db --batch 100 --max-errors 40" bad-terminal.txt > /dev/null
    tr '\r' '\n' < bad-terminal.txt > bad-lines.txt
    [ "$(grep -c '^line [0-9]*: error\[T100\]' bad-lines.txt)" -eq 40 ] || fail "not 40 refusals printed, each at a line's start"
    if grep -q 'left .*error\[' bad-lines.txt; then fail "a refusal was printed after the progress bar"; fi
    grep -q "    210 of them not shown (--max-errors 40)" bad-lines.txt || fail "the summary does not count the refusals not shown"
    grep -qE "^  refused, nothing applied +250" bad-lines.txt || fail "the summary does not count every refusal"
}

# Each edit a ledger must never suffer, done by hand to a copy of a sound one: `verify` names it by
# its code and row, and exits 1.
test_ledger_verify_audits() {
    replay_sample ledger.db > /dev/null 2>&1
    run "$loyalty" ledger verify ledger.db
    expect_status 0
    unguarded="DROP TRIGGER transactions_are_never_updated; DROP TRIGGER deltas_are_never_updated;
               DROP TRIGGER deltas_are_never_deleted; DROP TRIGGER transactions_are_never_deleted;
               DROP TRIGGER programs_are_never_updated;"
    tampered() {
        local sql="$1" code="$2" row="$3"
        cp ledger.db tampered.db
        sqlite3 tampered.db "$sql" || fail "the edit did not apply: $sql"
        run "$loyalty" ledger verify tampered.db "${@:4}"
        expect_status 1
        expect_out "error[$code]: $row"
        grep -qE "^tampered.db: [0-9]+ problems$" out.txt || { cat out.txt >&2; fail "no count of problems"; }
    }
    # A delta added by hand: its transaction's sequence, position, accounts, unit and amount.
    label() { echo "INSERT INTO $1($2) SELECT (SELECT MAX(key) + 1 FROM $1), '$3' WHERE NOT EXISTS (SELECT 1 FROM $1 WHERE name = '$3');"; }
    delta() { echo "$(label accounts key,name "$3") $(label accounts key,name "$4") $(label units key,name "$5")
                    INSERT INTO deltas(transaction_sequence, position, kind, rule, debit, credit, unit, amount, explanation)
                    SELECT $1, $2, 'earn', (SELECT MIN(key) FROM rules), (SELECT key FROM accounts WHERE name = '$3'),
                      (SELECT key FROM accounts WHERE name = '$4'), (SELECT key FROM units WHERE name = '$5'), $6,
                      (SELECT MIN(key) FROM explanations);"; }
    edited_in() {  # SQL CODE ROW TABLE COLUMN WHERE SED [VERIFY OPTIONS]
        cp ledger.db tampered.db
        edited tampered.db "$4" "$5" "$6" "$7" "$1"
        run "$loyalty" ledger verify tampered.db "${@:8}"
        expect_status 1
        expect_out "error[$2]: $3"
    }

    tampered "DELETE FROM members WHERE id = 'ana'" V005 "transactions row 10 ('opening:ana'): its member 'ana' has no members row"
    tampered "$(delta 4 9 program:points_issued member:ghost:points points 5)" \
        V005 "deltas row 4/9: it posts to member 'ghost', who has no members row"
    expect_out "error[V008]: transactions row 4 ('T0002'): it was recorded with 2 deltas, and has 3"
    expect_out "error[V012]: transactions row 4 ('T0002'): its chain link does not cover"
    tampered "$(delta 999 1 program:points_issued member:ana:points points 5)" \
        V003 "deltas row 999/1: its transaction is not recorded"
    tampered "$(delta 4 9 program:points_issued member:bruno:points USD 5)" \
        V006 "deltas row 4/9: the account member:bruno:points holds no 'USD'"
    tampered "$(delta 4 9 program:points_issued member:bruno:points points "'28abc'")" \
        V004 "deltas row 4/9: its amount is stored as text ('28abc'), not as the ledger writes it"
    tampered "$(delta 4 9 program:points_issued member:bruno:points points -7)" \
        V007 "deltas row 4/9: its amount is -7: a delta moves a positive amount from its debit to its credit"
    tampered "$(delta 4 9 member:bruno:points member:bruno:points points 7)" \
        V007 "deltas row 4/9: it debits and credits one account, member:bruno:points"
    tampered "$unguarded UPDATE deltas SET rule = 999 WHERE transaction_sequence = 4 AND position = 1" V003 \
        "deltas row 4/1: it names a rules row that does not exist"
    tampered "DROP TRIGGER accounts_are_never_changed; UPDATE accounts SET key = -1000 WHERE name = 'member:bruno:points'" \
        V006 "accounts row -1000: 'member:bruno:points' is a member's account, whose key the ledger gives above 0"
    tampered "DROP TRIGGER explanations_are_never_changed; UPDATE explanations SET hash = hash + 1 WHERE key = 1" \
        V004 "explanations row 1: its hash is not its text's"
    edited_in "" V011 "members row 'carla': the stored store credit is 900; its postings up to the checkpoint give 817" \
        members state "id = 'carla'" 's/"store_credit":[0-9]+/"store_credit":900/'
    edited_in "" V011 "members row 'carla': the stored tier is 'silver'; it joined in 'gold' and no tier change was posted" \
        members state "id = 'carla'" 's/"tier":"gold"/"tier":"silver"/'
    tampered "UPDATE members SET points = 9999 WHERE id = 'ana'" V011 "members row 'ana': the stored points column is 9999"
    tampered "UPDATE members SET state = x'00' WHERE id = 'ana'" V011 "members row 'ana': the stored state cannot be read: "
    edited_in "$unguarded" V009 "transactions row 4 ('T0002'): its fingerprint is" \
        transactions payload "id = 'T0002'" 's/"unit_price":"4.50"/"unit_price":"45.00"/'
    expect_out "error[V002]: schema: the trigger 'transactions_are_never_updated' is missing: the rows it guards can be changed"
    expect_out "error[V012]: transactions row 4 ('T0002')"
    tampered "$unguarded UPDATE transactions SET payload = x'28b52ffd00' WHERE id = 'T0002'" \
        V009 "transactions row 4 ('T0002'): its payload cannot be unpacked: "
    tampered "$unguarded UPDATE transactions SET fingerprint = '0000000000000000' WHERE id = 'T0002'" \
        V009 "transactions row 4 ('T0002'): its fingerprint is '0000000000000000', its payload's"
    expect_out "error[V004]: transactions row 4: its fingerprint is stored as text ('0000000000000000'), not as the ledger writes it"
    tampered "$unguarded UPDATE transactions SET member = 'ana' WHERE id = 'T0002'" \
        V009 "transactions row 4 ('T0002'): its member is 'ana', its payload's 'bruno'"
    tampered "$unguarded UPDATE programs SET source = replace(source, 'points: 1', 'points: 2')" \
        V010 "programs row 1: the stored rules have the digest"
    tampered "$unguarded UPDATE transactions SET program = 7 WHERE id = 'T0002'" \
        V003 "transactions row 4: it names a programs row that does not exist"
    tampered "DROP TRIGGER deltas_are_never_deleted" V002 "schema: the trigger 'deltas_are_never_deleted' is missing"
    tampered "CREATE INDEX deltas_by_unit ON deltas(unit)" V002 "schema: the index 'deltas_by_unit' is not one the ledger creates"
    tampered "$unguarded DELETE FROM deltas WHERE transaction_sequence = 4" \
        V008 "transactions row 4 ('T0002'): it was recorded with 2 deltas, and has 0"
    tampered "$unguarded DELETE FROM transactions WHERE id = 'T0003'" V012 "transactions row 6 ('opening:carla'): its chain link"
    expect_out "error[V003]: deltas row 5/"
    # An index that no longer matches its table: the schema says one thing, the pages another.
    tampered "PRAGMA writable_schema = ON;
              UPDATE sqlite_master SET sql = 'CREATE INDEX deltas_by_member_credit ON deltas(unit) WHERE credit > 0'
              WHERE name = 'deltas_by_member_credit'" \
        V001 "file: SQLite's integrity check: "
    # A coupon edited in a state agrees with every posting: evaluating again finds it.
    cp ledger.db coupon.db
    edited coupon.db members state "id = 'carla'" 's/"percent_off":"10"/"percent_off":"50"/'
    run "$loyalty" ledger verify coupon.db
    expect_status 0
    edited_in "" V015 "members row 'carla': the stored state differs from the one its transactions give, in: coupons" \
        members state "id = 'carla'" 's/"percent_off":"10"/"percent_off":"50"/' --deep
    # A delta edited: the chain finds the row, and evaluating again says what it should be.
    tampered "$unguarded UPDATE deltas SET amount = amount * 2 WHERE transaction_sequence = 4 AND kind = 'earn'" \
        V014 "transactions row 4 ('T0002'): delta 1 was recorded as " --deep
    run "$loyalty" ledger verify ledger.db --head 0123
    expect_status 2
    expect_err "a chain head is 64 hex digits"
}

# A write-ahead log whose committed tail is damaged: SQLite reads the ledger without it, sound in
# itself, and only the head printed at the end of the replay tells that transactions are gone.
test_ledger_verify_head_finds_a_lost_tail() {
    head -n 20 "$source_dir/examples/sample/purchases.jsonl" > first.jsonl
    tail -n +21 "$source_dir/examples/sample/purchases.jsonl" > rest.jsonl
    "$loyalty" replay "$rules/corner-cafe.yaml" first.jsonl --members "$source_dir/examples/sample/members.jsonl" \
        --ledger ledger.db --quiet > first.txt
    early_head="$(awk '/^  chain head/ { print $3 }' first.txt)"
    # A reader keeps the ledger open, so that the replay that ends leaves its batches in the log.
    python3 - ledger.db "$loyalty" "$rules/corner-cafe.yaml" rest.jsonl "$source_dir/examples/sample/members.jsonl" <<'PY'
import os, sqlite3, subprocess, sys
reader = sqlite3.connect(sys.argv[1])
reader.execute("SELECT count(*) FROM transactions").fetchone()
replay = subprocess.run([sys.argv[2], "replay", sys.argv[3], sys.argv[4], "--members", sys.argv[5], "--ledger", sys.argv[1],
                         "--quiet", "--batch", "1"], capture_output=True, text=True)
open("rest.txt", "w").write(replay.stdout)
os._exit(replay.returncode)  # no close, no checkpoint: the batches stay in the log
PY
    last_head="$(awk '/^  chain head/ { print $3 }' rest.txt)"
    [ -n "$early_head" ] && [ -n "$last_head" ] && [ "$early_head" != "$last_head" ] || fail "no chain heads printed"
    [ -s ledger.db-wal ] || fail "the log holds nothing"
    run "$loyalty" ledger verify ledger.db --head "$last_head"
    expect_status 0
    expect_out "The head $last_head is in the chain, as its last link."
    # One bit flipped in a frame halfway through the log: that commit and every later one are lost.
    cp ledger.db lost.db
    python3 - ledger.db-wal lost.db-wal <<'PY'
import sys
log = bytearray(open(sys.argv[1], "rb").read())
page = int.from_bytes(log[8:12], "big")
frames = (len(log) - 32) // (24 + page)
at = 32 + (frames // 2) * (24 + page) + 24 + page // 2
log[at] ^= 0x01
open(sys.argv[2], "wb").write(log)
PY
    run "$loyalty" ledger verify lost.db
    expect_status 0
    run "$loyalty" ledger verify lost.db --head "$last_head"
    expect_status 1
    expect_out "error[V013]: transactions: no transaction has the chain link $last_head: the transactions up to it were lost"
    run "$loyalty" ledger verify lost.db --head "$(echo "$early_head" | tr a-f A-F)"
    expect_status 0
    grep -qE "^The head $early_head is in the chain, and [0-9]+ transactions were recorded after it\.$" out.txt ||
        { cat out.txt >&2; fail "the early head was not found in the chain"; }
}

# Pending and owed points are stored in two places, the state and the postings: an edit
# to one is found against the other.
test_ledger_verify_pending_and_owed() {
    cat > history.jsonl <<'JSON'
{"id":"p1","member":"ana","at":"2026-01-05T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"150.00"}]}
{"id":"p2","member":"ana","at":"2026-02-10T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"A","unit_price":"10.00"}]}
JSON
    run "$loyalty" replay "$rules/pending-points.yaml" history.jsonl --ledger ledger.db
    expect_status 0
    run "$loyalty" ledger verify ledger.db --deep
    expect_status 0
    run "$loyalty" ledger balance ledger.db ana
    expect_out "  pending       10 points"
    cp ledger.db edited.db
    edited edited.db members state "id = 'ana'" 's/"points":10,"pending_until"/"points":12,"pending_until"/'
    run "$loyalty" ledger verify edited.db
    expect_status 1
    expect_out "error[V011]: members row 'ana': the stored pending balance is 12; its postings up to the checkpoint give 10"

    # Points a return takes back after they were spent are owed: the state and member:ID:owed agree.
    cat > owed.jsonl <<'JSON'
{"id":"p4","member":"bo","at":"2026-05-01T12:00:00-05:00","kind":"purchase","currency":"USD","items":[{"sku":"COAT","unit_price":"100.00"}]}
{"id":"redeem-gift","member":"bo","at":"2026-05-02T12:00:00-05:00","kind":"event","event":"redeem","currency":"USD","attributes":{"redemption":"gift"}}
{"id":"r4","member":"bo","at":"2026-05-03T12:00:00-05:00","kind":"return","original_transaction":"p4","currency":"USD","items":[{"sku":"COAT","unit_price":"100.00"}]}
JSON
    run "$loyalty" replay "$rules/s12-returns.yaml" owed.jsonl --ledger owed.db
    expect_status 0
    expect_out "  transactions applied                   3"
    run "$loyalty" ledger balance owed.db bo
    expect_out "  owed          80 points"
    run "$loyalty" ledger verify owed.db --deep
    expect_status 0
    edited owed.db members state "id = 'bo'" 's/"owed":80/"owed":8/'
    run "$loyalty" ledger verify owed.db
    expect_status 1
    expect_out "error[V011]: members row 'bo': the stored owed balance is 8; its postings up to the checkpoint give 80"
}

# The replay is stopped just before each of its writes and syncs in turn, from the ledger's
# creation to its last checkpoint: after every stop the ledger reads as sound (or, stopped before
# its schema was committed, as no ledger yet), and a re-run completes it to the uninterrupted one.
test_crash_at_every_write() {
    [ -n "${LOYALTY_CRASH_LIBRARY:-}" ] || fail "LOYALTY_CRASH_LIBRARY names no library"
    head -n 30 "$source_dir/examples/sample/purchases.jsonl" > short.jsonl
    replay() { "$loyalty" replay "$rules/corner-cafe.yaml" short.jsonl --members "$source_dir/examples/sample/members.jsonl" \
                   --ledger "$1" --quiet --batch 4 --checkpoint 8 "${@:2}"; }
    replay whole.db > /dev/null 2>&1
    "$loyalty" ledger export whole.db > whole.jsonl
    local at=0 empty=0 sound=0
    while :; do
        at=$((at + 1))
        [ "$at" -le 3000 ] || fail "the replay still wrote after 3000 writes"
        rm -f crashed.db crashed.db-wal crashed.db-shm crashed.db-journal
        set +e
        LOYALTY_CRASH_AT=$at LD_PRELOAD="$LOYALTY_CRASH_LIBRARY" replay crashed.db > /dev/null 2> crashed.errors
        local replayed=$?
        set -e
        # Past its last write, the replay ends as it would have.
        if [ "$replayed" -eq 0 ]; then break; fi
        [ "$replayed" -eq 137 ] || { cat crashed.errors >&2; fail "stopped at write $at, the replay exited $replayed"; }
        run "$loyalty" ledger verify crashed.db
        if [ "$status" -eq 0 ]; then
            sound=$((sound + 1))
        elif grep -qF "error[L002]: ledger 'crashed.db' is empty: " err.txt; then
            empty=$((empty + 1))
        else
            cat out.txt err.txt >&2
            fail "stopped at write $at, the ledger does not read as sound"
        fi
        replay crashed.db > /dev/null 2> completed.errors || { cat completed.errors >&2; fail "the re-run after write $at failed"; }
        "$loyalty" ledger export crashed.db > crashed.jsonl
        cmp -s whole.jsonl crashed.jsonl || fail "stopped at write $at and run again, the ledger differs from an uninterrupted run"
    done
    [ "$sound" -ge 20 ] || fail "only $sound stops left a ledger to verify"
    echo "stopped at each of $((at - 1)) writes: $sound times a sound ledger, $empty times no ledger yet; each completed to the uninterrupted one"
}

"test_$test_name"
echo "passed: $test_name"

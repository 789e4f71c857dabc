"""The Python binding as an analyst uses it, with numbers worked out by hand in each test."""

from __future__ import annotations

import json
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest

import loyalty

RULES = Path(os.environ.get("LOYALTY_RULES", Path(__file__).resolve().parents[3] / "rules"))


@pytest.fixture(scope="module")
def cafe() -> loyalty.Program:
    return loyalty.Program.from_file(str(RULES / "corner-cafe.yaml"))


def breakfast(transaction_id: str = "t1", member: str = "ana", channel: str = "app") -> dict:
    return {"id": transaction_id, "member": member, "at": "2026-03-02T08:15:00-05:00", "kind": "purchase",
            "channel": channel, "currency": "USD",
            "items": [{"sku": "LATTE", "category": "coffee", "unit_price": "4.50", "quantity": 2},
                      {"sku": "SANDWICH", "category": "food", "unit_price": Decimal("8.75"), "quantity": 2}]}


def test_a_program_says_what_it_is(cafe: loyalty.Program) -> None:
    assert cafe.name == "Corner Café Rewards"
    assert cafe.version == "2026.1"
    assert cafe.currency == "USD"
    assert len(cafe.digest) == 64 and int(cafe.digest, 16) >= 0
    assert loyalty.__version__ == "0.1.0"


def test_a_program_image_loads_back(cafe: loyalty.Program) -> None:
    image = cafe.image()
    assert image[:8] == b"\x89LPI\r\n\x1a\n"
    loaded = loyalty.Program.from_image(image, "cafe.lpi")
    assert (loaded.name, loaded.digest) == (cafe.name, cafe.digest)
    assert [d.amount for d in loaded.evaluate(loyalty.Member("ana"), breakfast()).deltas] == [35, 50]
    with pytest.raises(loyalty.ProgramError) as raised:
        loyalty.Program.from_image(image[:-1], "cut.lpi")
    assert raised.value.code == "I003"


def test_a_rule_file_with_problems_lists_each_with_its_position() -> None:
    text = ("program: {name: Broken, version: \"1\", currency: USD, time_zone: \"-05:00\"}\n"
            "earn:\n  - id: everyday\n    rate: {points: 1, per: 1.00}\n    multipler: 2\n")
    with pytest.raises(loyalty.ProgramError) as raised:
        loyalty.Program.from_yaml(text, "broken.yaml")
    first = raised.value.diagnostics[0]
    assert (first.code, first.file, first.line, first.column) == ("E101", "broken.yaml", 5, 5)
    assert "did you mean 'multipliers'" in first.message
    assert str(raised.value).startswith("broken.yaml:5:5: error[E101]")


def test_evaluating_gives_deltas_with_their_explanations(cafe: loyalty.Program) -> None:
    member = loyalty.Member("ana")
    outcome = cafe.evaluate(member, breakfast())
    # 26.50 paid, the 9.00 of coffee counted twice: 35.50, rounded down to 35; 50 for an app order of 20.00 or more.
    assert [(d.rule, d.amount, d.unit) for d in outcome.deltas] == [("everyday", 35, "points"), ("app-order", 50, "points")]
    first = outcome.deltas[0]
    assert (first.id, first.kind, first.owner) == ("t1/everyday@2026.1", "earn", "ana")
    assert (first.debit, first.credit) == ("program:points_issued", "member:ana:points")
    assert first.explanation == ("Everyday points: 35 points for 26.50 USD paid at 1 point per 1.00 USD, ×2 on 9.00 USD "
                                 "(coffee counts double), rounded down.")
    assert outcome.owners == ["ana"]
    assert outcome.points_for("ana") == 85
    assert member.points == 0  # evaluating only reads the member
    member.apply(outcome)
    assert member.points == 85
    assert json.loads(outcome.to_json())["deltas"][1]["explanation"] == "App order bonus: 50 points bonus."


def test_a_resend_changes_nothing_and_other_contents_are_refused(cafe: loyalty.Program) -> None:
    member = loyalty.Member("ana")
    member.apply(cafe.evaluate(member, breakfast()))
    again = cafe.evaluate(member, json.dumps(breakfast(), default=str))  # the same, as JSON text
    assert again.already_applied and again.deltas == []
    member.apply(again)
    assert member.points == 85
    with pytest.raises(loyalty.RefusedError) as raised:
        cafe.evaluate(member, breakfast(channel="store"))
    assert (raised.value.code, raised.value.field, raised.value.transaction_id) == ("T020", "id", "t1")


def test_input_that_cannot_be_read_names_its_field(cafe: loyalty.Program) -> None:
    member = loyalty.Member("ana")
    bad_time = dict(breakfast(), at="2026-03-02 08:15")
    with pytest.raises(loyalty.InputError) as raised:
        cafe.evaluate(member, bad_time)
    assert (raised.value.code, raised.value.field) == ("T100", "at")
    no_quantity = breakfast()
    no_quantity["items"][0]["quantity"] = 0
    with pytest.raises(loyalty.RefusedError) as refused:
        cafe.evaluate(member, no_quantity)
    assert (refused.value.code, refused.value.field) == ("T007", "items[0].quantity")
    with pytest.raises(loyalty.InputError) as unreadable:
        loyalty.Member.from_json({"id": "ana", "points": "lots"})
    assert unreadable.value.code == "M100"
    with pytest.raises(loyalty.LoyaltyError):
        loyalty.Member("")


def test_a_referral_changes_two_members_each_by_its_own_effects(cafe: loyalty.Program) -> None:
    bea = loyalty.Member.from_json({"id": "bea", "attributes": {"referrer": "ana"}})
    ana = loyalty.Member("ana")
    outcome = cafe.evaluate(bea, {"id": "s1", "member": "bea", "at": "2026-03-04T09:00:00-05:00", "kind": "event",
                                  "event": "signup", "currency": "USD"})
    assert outcome.owners == ["bea", "ana"]
    assert [(d.owner, d.amount) for d in outcome.deltas] == [("bea", 50), ("ana", 100)]
    assert outcome.deltas[1].explanation == "Welcome to Corner Café: 100 points for referring bea."
    bea.apply(outcome)
    ana.apply(outcome)
    assert (bea.points, ana.points) == (50, 100)
    assert loyalty.Member.from_json(bea.to_json()).to_json() == bea.to_json()


def test_a_return_takes_the_referrers_share_back_from_the_state_given() -> None:
    program = loyalty.Program.from_file(str(RULES / "referral-returns.yaml"))
    bea = loyalty.Member.from_json({"id": "bea", "attributes": {"referrer": "ana"}})
    ana = loyalty.Member("ana")
    purchase = {"id": "p1", "member": "bea", "at": "2026-05-04T10:00:00+01:00", "kind": "purchase", "currency": "EUR",
                "items": [{"sku": "BOOTS", "unit_price": "40.00", "quantity": 2}]}
    bought = program.evaluate(bea, purchase)
    # 80 points for 80.00, 250 for the first purchase of 20.00 or more, 500 for the referrer: all pending.
    assert sorted((d.owner, d.amount) for d in bought.deltas) == [("ana", 500), ("bea", 80), ("bea", 250)]
    bea.apply(bought)
    ana.apply(bought)
    assert (bea.pending_points, ana.pending_points) == (330, 500)
    back = {"id": "r1", "member": "bea", "at": "2026-05-06T10:00:00+01:00", "kind": "return", "currency": "EUR",
            "original_transaction": "p1", "items": [{"sku": "BOOTS", "unit_price": "40.00", "quantity": 1}]}
    with pytest.raises(loyalty.RefusedError) as refused:
        program.evaluate(bea, back)
    assert refused.value.code == "T054"
    returned = program.evaluate(bea, back, referrers={"ana": ana})
    # Half of what was paid comes back: half of 330 from bea, half of 500 from ana.
    assert sorted((d.owner, d.kind, d.amount) for d in returned.deltas) == [("ana", "clawback", 250),
                                                                          ("bea", "clawback", 165)]
    bea.apply(returned)
    ana.apply(returned)
    assert (bea.pending_points, ana.pending_points) == (165, 250)


def test_replaying_a_list_of_dicts(cafe: loyalty.Program) -> None:
    history = [breakfast("t1", "ana"), breakfast("t2", "ben", "store"), breakfast("t3", "ana", "store")]
    history[2]["at"] = "2026-03-03T08:15:00-05:00"
    members: dict = {}
    told = []
    for transaction in history:
        member = members.setdefault(transaction["member"], loyalty.Member(transaction["member"]))
        outcome = cafe.evaluate(member, transaction)
        for owner in outcome.owners:
            members.setdefault(owner, loyalty.Member(owner)).apply(outcome)
        told += [delta.explanation for delta in outcome.deltas]
    # ana: 35 + 50 (app) + 35 (store); ben: 35 (store).
    assert {member_id: member.points for member_id, member in members.items()} == {"ana": 120, "ben": 35}
    assert len(told) == 4 and told[1] == "App order bonus: 50 points bonus."


def test_one_program_evaluates_on_several_threads(cafe: loyalty.Program) -> None:
    results = {}

    def evaluate(name: str) -> None:
        member = loyalty.Member(name)
        for day in range(1, 21):
            transaction = breakfast(f"{name}-{day}", name)
            transaction["at"] = f"2026-03-{day:02d}T08:15:00-05:00"
            member.apply(cafe.evaluate(member, transaction))
        results[name] = member.points

    threads = [threading.Thread(target=evaluate, args=(f"m{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 20 breakfasts of 85 points, and the big-month coupon gives no points.
    assert results == {f"m{i}": 1700 for i in range(4)}


def test_a_ledger_records_batches_durably(cafe: loyalty.Program, tmp_path: Path) -> None:
    path = tmp_path / "cafe.db"
    bad = {"id": "t2", "member": "ana", "at": "not a time", "kind": "purchase", "currency": "USD"}
    with loyalty.Ledger(str(path), cafe) as ledger:
        results = ledger.record([breakfast("t1", "ana"), bad, breakfast("t3", "ben", "store")])
        assert [r.status for r in results] == ["recorded", "refused", "recorded"]
        assert results[1].code == "T100" and "at" in results[1].message
        assert [r.status for r in ledger.record([breakfast("t1", "ana")])] == ["already_recorded"]
        ledger.finish()
        assert ledger.member("ana").points == 85
        assert ledger.member("ben").points == 35
        assert ledger.member("nobody") is None
    with loyalty.Ledger(str(path), cafe) as ledger:
        later = breakfast("t4", "ben", "store")
        later["at"] = "2026-03-05T08:15:00-05:00"
        assert ledger.record([later])[0].status == "recorded"
        ledger.finish()
        assert ledger.member("ben").points == 70


def test_a_file_that_is_not_a_ledger_is_refused(cafe: loyalty.Program) -> None:
    with pytest.raises(loyalty.LedgerError) as raised:
        loyalty.Ledger(str(RULES / "corner-cafe.yaml"), cafe)
    assert raised.value.code.startswith("L")


def test_the_tutorial_runs_as_written(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    page = (RULES.parent / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in page.split("```python\n")[1:]]
    monkeypatch.chdir(RULES.parent)
    exec(compile("\n".join(blocks), "docs/python.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Corner Café Rewards 2026.1 USD"
    assert printed[1].startswith("+35 points  everyday: Everyday points: 35 points for 26.50 USD paid")
    assert printed[2:4] == ["+50 points  app-order: App order bonus: 50 points bonus.", "85"]
    assert printed[4].startswith("T020 id ")
    assert "s1 ana: Welcome to Corner Café: 100 points for referring bea." in printed
    assert printed[-4:] == ["{'ana': 220, 'bea': 135}", "['recorded', 'recorded', 'recorded']", "already_recorded",
                            "135 135"]

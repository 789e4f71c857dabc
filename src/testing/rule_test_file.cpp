#include "testing/rule_test_file.hpp"

#include <map>

#include "compile/mapping_reader.hpp"
#include "compile/scalar_reader.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

class TestFileReader {
public:
    TestFileReader(const Program& program, DiagnosticSink& sink)
        : sink_(sink), scalars_(sink), currency_(program.currency()) {}

    std::optional<TestFile> read(const RuleNode& root, const std::string& rule_file) {
        MappingReader top(root, "the test file", sink_);
        top.optional("program");
        const RuleNode* cases = top.required("cases");
        top.report_unknown_keys();
        TestFile file;
        file.rule_file = rule_file;
        if (cases && cases->kind != RuleNode::Kind::sequence) {
            sink_.error(cases->position, "E104", "'cases': expected a list of test cases, each starting with '- name:'");
        } else if (cases) {
            for (const RuleNode& node : cases->items) file.cases.push_back(read_case(node));
        }
        if (sink_.has_errors()) return std::nullopt;
        return file;
    }

private:
    TestCase read_case(const RuleNode& node) {
        MappingReader reader(node, "a test case", sink_);
        TestCase test;
        if (const RuleNode* name = reader.required("name")) test.name = scalars_.text(*name, "name").value_or("");
        test.member.id = "m1";
        if (const RuleNode* member = reader.optional("member")) test.member = read_member(*member);
        sent_.clear();
        if (const RuleNode* steps = reader.required("steps")) {
            if (steps->kind != RuleNode::Kind::sequence) {
                sink_.error(steps->position, "E104", "'steps': expected a list of transactions");
            } else {
                for (const RuleNode& step : steps->items) test.steps.push_back(read_step(step, test.member.id));
            }
        }
        if (const RuleNode* expect = reader.optional("expect")) test.final_state = read_expect(*expect, false);
        reader.report_unknown_keys();
        return test;
    }

    Member read_member(const RuleNode& node) {
        MappingReader reader(node, "'member'", sink_);
        Member member;
        member.id = "m1";
        if (const RuleNode* id = reader.optional("id")) member.id = scalars_.identifier(*id, "id").value_or("m1");
        if (const RuleNode* tier = reader.optional("tier")) member.tier = scalars_.text(*tier, "tier").value_or("");
        if (const RuleNode* points = reader.optional("points")) {
            member.set_opening_balance(Points{scalars_.whole_number(*points, "points", 0, Points::value_max).value_or(0)});
        }
        if (const RuleNode* attributes = reader.optional("attributes")) member.attributes = read_attributes(*attributes);
        reader.report_unknown_keys();
        return member;
    }

    Attributes read_attributes(const RuleNode& node) {
        Attributes attributes;
        MappingReader reader(node, "'attributes'", sink_);
        if (!reader.is_mapping()) return attributes;
        for (const auto& [key, value] : node.entries) {
            // Free-form names: each is asked for, so none is "unknown".
            reader.optional(key.text);
            if (auto text = scalars_.text(value, key.text)) attributes[key.text] = *text;
        }
        return attributes;
    }

    TestStep read_step(const RuleNode& node, const std::string& member_id) {
        MappingReader reader(node, "a step", sink_);
        TestStep step;
        step.position = node.position;
        const RuleNode* purchase = reader.optional("purchase");
        const RuleNode* product_return = reader.optional("return");
        const RuleNode* event = reader.optional("event");
        const RuleNode* resend = reader.optional("resend");
        if (const RuleNode* expect = reader.optional("expect")) step.expect = read_expect(*expect, true);
        reader.report_unknown_keys();
        const int kinds = (purchase != nullptr) + (product_return != nullptr) + (event != nullptr) + (resend != nullptr);
        if (reader.is_mapping() && kinds != 1) {
            sink_.error(node.position, kinds == 0 ? "E103" : "E115",
                        "a step is exactly one of 'purchase', 'return', 'event' or 'resend'");
            return step;
        }
        if (resend) {
            const auto id = scalars_.identifier(*resend, "resend");
            const auto earlier = id ? sent_.find(*id) : sent_.end();
            if (id && earlier == sent_.end()) {
                sink_.error(resend->position, "E113", "'resend': no earlier step in this case sent '" + *id + "'");
            } else if (id) {
                step.transaction = earlier->second;
            }
            return step;
        }
        if (purchase) step.transaction = read_transaction(*purchase, TransactionKind::purchase, member_id);
        if (product_return) step.transaction = read_transaction(*product_return, TransactionKind::product_return, member_id);
        if (event) step.transaction = read_transaction(*event, TransactionKind::event, member_id);
        sent_[step.transaction.id] = step.transaction;
        return step;
    }

    Transaction read_transaction(const RuleNode& node, TransactionKind kind, const std::string& member_id) {
        MappingReader reader(node, "'" + std::string(to_string(kind)) + "'", sink_);
        Transaction transaction;
        transaction.kind = kind;
        transaction.member_id = member_id;
        transaction.currency = currency_;
        if (const RuleNode* id = reader.required("id")) transaction.id = scalars_.identifier(*id, "id").value_or("");
        if (const RuleNode* member = reader.optional("member")) {
            transaction.member_id = scalars_.identifier(*member, "member").value_or(member_id);
        }
        if (const RuleNode* at = reader.required("at")) {
            const auto text = scalars_.text(*at, "at");
            const auto timestamp = text ? Timestamp::parse(*text) : std::nullopt;
            if (timestamp) {
                transaction.at = *timestamp;
            } else if (text) {
                sink_.error(at->position, "E108", "'at': expected a time such as 2026-03-02T10:15:00-05:00 (with its "
                                                  "offset), found '" + *text + "'");
            }
        }
        if (const RuleNode* channel = reader.optional("channel")) {
            transaction.channel = scalars_.text(*channel, "channel").value_or("");
        }
        if (kind == TransactionKind::event) {
            if (const RuleNode* name = reader.required("name")) transaction.event_name = scalars_.identifier(*name, "name").value_or("");
        } else if (const RuleNode* items = reader.required("items")) {
            if (items->kind != RuleNode::Kind::sequence) {
                sink_.error(items->position, "E104", "'items': expected a list of line items");
            } else {
                for (const RuleNode& item : items->items) transaction.items.push_back(read_item(item));
            }
        }
        if (kind == TransactionKind::product_return) {
            if (const RuleNode* original = reader.required("original")) {
                transaction.original_transaction_id = scalars_.identifier(*original, "original").value_or("");
            }
        }
        if (kind == TransactionKind::purchase) {
            if (const RuleNode* coupons = reader.optional("coupons")) {
                transaction.coupons = scalars_.text_list(*coupons, "coupons").value_or(std::vector<std::string>{});
            }
            if (const RuleNode* shipping = reader.optional("shipping")) {
                transaction.shipping = scalars_.money(*shipping, "shipping", currency_, Sign::any);
            }
            if (const RuleNode* tax = reader.optional("tax")) transaction.tax = scalars_.money(*tax, "tax", currency_, Sign::any);
            if (const RuleNode* points = reader.optional("points_payment")) {
                transaction.points_payment = scalars_.whole_number(*points, "points_payment", 0, Points::value_max).value_or(0);
            }
        }
        if (const RuleNode* attributes = reader.optional("attributes")) transaction.attributes = read_attributes(*attributes);
        reader.report_unknown_keys();
        return transaction;
    }

    LineItem read_item(const RuleNode& node) {
        MappingReader reader(node, "a line item", sink_);
        LineItem item;
        item.unit_price = Money(0, currency_);
        if (const RuleNode* sku = reader.optional("sku")) item.sku = scalars_.text(*sku, "sku").value_or("");
        if (const RuleNode* category = reader.optional("category")) item.category = scalars_.text(*category, "category").value_or("");
        if (const RuleNode* price = reader.required("unit_price")) {
            item.unit_price = scalars_.money(*price, "unit_price", currency_, Sign::any).value_or(item.unit_price);
        }
        if (const RuleNode* quantity = reader.optional("quantity")) {
            item.quantity = scalars_.whole_number(*quantity, "quantity", -limits::quantity_max, limits::quantity_max * 10).value_or(1);
        }
        if (const RuleNode* discount = reader.optional("discount")) {
            item.discount = scalars_.money(*discount, "discount", currency_, Sign::any);
        }
        if (const RuleNode* attributes = reader.optional("attributes")) item.attributes = read_attributes(*attributes);
        reader.report_unknown_keys();
        return item;
    }

    ExpectedOutcome read_expect(const RuleNode& node, bool after_step) {
        MappingReader reader(node, "'expect'", sink_);
        ExpectedOutcome expect;
        if (const RuleNode* points = reader.optional("points")) {
            expect.points = scalars_.whole_number(*points, "points", -Points::value_max, Points::value_max);
        }
        if (const RuleNode* pending = reader.optional("pending")) {
            expect.pending = scalars_.whole_number(*pending, "pending", 0, Points::value_max);
        }
        if (const RuleNode* owed = reader.optional("owed")) {
            expect.owed = scalars_.whole_number(*owed, "owed", 0, Points::value_max);
        }
        if (const RuleNode* tier = reader.optional("tier")) {
            // "" is a tier too: the member has none.
            if (tier->kind == RuleNode::Kind::scalar) {
                expect.tier = tier->text;
            } else {
                sink_.error(tier->position, "E104", "'tier': expected a tier name, or \"\" for none");
            }
        }
        if (after_step) {
            if (const RuleNode* deltas = reader.optional("deltas")) expect.deltas = read_deltas(*deltas);
            if (const RuleNode* error = reader.optional("error")) expect.error = scalars_.identifier(*error, "error");
            if (const RuleNode* applied = reader.optional("already_applied")) {
                expect.already_applied = scalars_.boolean(*applied, "already_applied");
            }
            if (const RuleNode* notices = reader.optional("notices")) expect.notices = scalars_.identifier_list(*notices, "notices");
        }
        reader.report_unknown_keys();
        return expect;
    }

    std::vector<ExpectedDelta> read_deltas(const RuleNode& node) {
        std::vector<ExpectedDelta> deltas;
        if (node.kind != RuleNode::Kind::sequence) {
            sink_.error(node.position, "E104", "'deltas': expected a list such as [{rule: base, amount: 60}]");
            return deltas;
        }
        for (const RuleNode& item : node.items) {
            MappingReader reader(item, "an expected delta", sink_);
            ExpectedDelta delta;
            if (const RuleNode* rule = reader.optional("rule")) delta.rule_id = scalars_.identifier(*rule, "rule");
            if (const RuleNode* kind = reader.optional("kind")) delta.kind = scalars_.identifier(*kind, "kind");
            if (const RuleNode* amount = reader.optional("amount")) {
                delta.amount = scalars_.whole_number(*amount, "amount", 0, Points::value_max);
            }
            if (const RuleNode* account = reader.optional("account")) delta.account = scalars_.text(*account, "account");
            if (const RuleNode* explanation = reader.optional("explanation")) {
                delta.explanation = scalars_.text(*explanation, "explanation");
            }
            reader.report_unknown_keys();
            deltas.push_back(std::move(delta));
        }
        return deltas;
    }

    DiagnosticSink& sink_;
    ScalarReader scalars_;
    Currency currency_;
    std::map<std::string, Transaction> sent_;
};

}  // namespace

std::optional<std::string> read_rule_file_name(const RuleNode& root, const std::string& test_file_path,
                                               DiagnosticSink& sink) {
    const std::size_t slash = test_file_path.find_last_of('/');
    const std::string directory = slash == std::string::npos ? "" : test_file_path.substr(0, slash + 1);
    if (root.kind == RuleNode::Kind::mapping) {
        for (const auto& [key, value] : root.entries) {
            if (key.text != "program") continue;
            ScalarReader scalars(sink);
            const auto name = scalars.text(value, "program");
            if (!name) return std::nullopt;
            return (*name)[0] == '/' ? *name : directory + *name;
        }
    }
    const std::string suffix = ".test.yaml";
    if (test_file_path.size() > suffix.size() &&
        test_file_path.compare(test_file_path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return test_file_path.substr(0, test_file_path.size() - suffix.size()) + ".yaml";
    }
    sink.error(root.position, "E103", "missing 'program': a test file not named NAME.test.yaml must name its rule file");
    return std::nullopt;
}

std::optional<TestFile> read_test_file(const RuleNode& root, const std::string& rule_file, const Program& program,
                                       DiagnosticSink& sink) {
    return TestFileReader(program, sink).read(root, rule_file);
}

}  // namespace loyalty::detail

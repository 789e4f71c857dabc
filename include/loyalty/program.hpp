#pragma once
// A compiled loyalty program: load it once from its rule file, evaluate many transactions.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loyalty/currency.hpp"
#include "loyalty/diagnostic.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/evaluator_state.hpp"
#include "loyalty/member.hpp"
#include "loyalty/member_summary.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/program_digest.hpp"
#include "loyalty/result.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty {

namespace detail {
struct CompiledProgram;
}

struct LoadResult;

/// Program is immutable; copies share one compiled form, and evaluate is safe to call
/// concurrently from any number of threads on the same Program.
class Program {
public:
    /// Parse → validate → compile. Throws LoadError with every diagnostic found.
    static Program from_file(const std::string& path);
    /// As from_file; `file_name` is what diagnostics call the text.
    static Program from_string(std::string_view text, const std::string& file_name);
    /// The same, without exceptions.
    static LoadResult load_file(const std::string& path) noexcept;
    static LoadResult load_string(std::string_view text, const std::string& file_name) noexcept;
    /// A program from its compiled image (`image()`, `loyalty compile`), without a YAML parser:
    /// checked as the compiler would have it, or refused with I001–I005 (docs/errors.md).
    /// `load_file` reads an image too, known by its first bytes.
    static LoadResult load_image(std::string_view bytes, const std::string& file_name) noexcept;

    const std::string& name() const;
    const std::string& version() const;
    /// The program's content, digested (see ProgramDigest): a ledger knows the program by it, so
    /// that a rule edited under the same `version` is a program of its own.
    const ProgramDigest& digest() const;
    /// The rule file's text, as it was loaded.
    const std::string& source() const;
    /// The compiled program as a binary image (docs/api.md, Program images): the same bytes for
    /// the same rule file on every host, loaded back by `load_image`.
    std::string image() const;
    Currency currency() const;
    /// The zone as the rule file states it: "-05:00", "EST5EDT,M3.2.0,M11.1.0".
    const std::string& time_zone() const;

    /// The deltas `transaction` earns `member`. Pure: reads the member, changes nothing; pass
    /// the outcome to `apply` for the next state. Throws TransactionError naming the field at
    /// fault when the transaction is invalid (and then there is nothing to apply).
    /// With `options.trace`, the outcome also says, rule by rule, what fired and why not.
    Outcome evaluate(const Member& member, const Transaction& transaction, EvaluationOptions options = {}) const;
    /// The same without exceptions: fills `outcome` and returns nothing; or returns the error and
    /// leaves `outcome` with no deltas. It works in `state`, which a host reuses on its thread, and
    /// keeps the memory of `outcome`'s vectors: evaluating so allocates nothing in steady state.
    std::optional<EvaluationError> evaluate(const Member& member, const Transaction& transaction, EvaluatorState& state,
                                            Outcome& outcome, EvaluationOptions options = {}) const noexcept;
    /// As above, with working memory of its own, allocated for this one evaluation.
    std::optional<EvaluationError> evaluate(const Member& member, const Transaction& transaction,
                                            Outcome& outcome, EvaluationOptions options = {}) const noexcept;

    /// What a member app shows on `today` (the program's calendar): spendable and owed points,
    /// those expiring within `expiring_within_days` days, the tier with its keep-until date, and
    /// what is missing for the next tier; or T030 for a state whose sums leave the engine's exact
    /// range. Reads only; never throws.
    Result<MemberSummary> summarize(const Member& member, Date today, int expiring_within_days) const noexcept;

    /// The sentence that explains `outcome.deltas[delta]`, a support agent's words for the
    /// customer, rendered from the numbers the delta keeps: evaluating writes none, so a host pays
    /// for the words it shows. X001 for an outcome another program evaluated (its digest is not
    /// this one's), X002 for a delta that is not there or whose reason names what this program
    /// or the outcome does not hold.
    Result<std::string> explain(const Outcome& outcome, std::size_t delta) const;
    /// The same, appended to `text` (left as it was on an error): with a string a host reuses,
    /// rendering allocates nothing once it has room.
    std::optional<InputError> append_explanation(std::string& text, const Outcome& outcome, std::size_t delta) const;
    /// Every delta's explanation, in order.
    Result<std::vector<std::string>> explain(const Outcome& outcome) const;

private:
    explicit Program(std::shared_ptr<const detail::CompiledProgram> compiled);

    std::shared_ptr<const detail::CompiledProgram> compiled_;
};

/// A Program, or every diagnostic that kept the rule file from becoming one.
struct LoadResult {
    std::optional<Program> program;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return program.has_value(); }
};

}  // namespace loyalty

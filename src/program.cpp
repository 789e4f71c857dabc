#include "loyalty/program.hpp"

#include <fstream>
#include <new>
#include <sstream>

#include <boost/core/no_exceptions_support.hpp>

#include "compile/compiled_program.hpp"
#include "compile/program_digest.hpp"
#include "compile/program_compiler.hpp"
#include "eval/evaluator.hpp"
#include "eval/evaluator_state_access.hpp"
#include "eval/member_summary.hpp"
#include "explain/explanation.hpp"
#include "image/program_image.hpp"
#include "loyalty/error.hpp"
#include "loyalty/limits.hpp"
#include "yaml/rule_tree_loader.hpp"

namespace loyalty {
namespace {

std::optional<std::string> read_whole_file(const std::string& path, std::string& problem) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        problem = "cannot open the file";
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(file.gcount()));
        if (text.size() > limits::rule_file_bytes_max) break;  // the loader reports the size
    }
    if (file.bad()) {
        problem = "cannot read the file";
        return std::nullopt;
    }
    return text;
}

}  // namespace

Program::Program(std::shared_ptr<const detail::CompiledProgram> compiled)
    : compiled_(std::move(compiled)) {}

LoadResult Program::load_string(std::string_view text, const std::string& file_name) noexcept {
    LoadResult result;
    try {
        detail::DiagnosticSink sink(file_name, text);
        if (const auto tree = detail::load_rule_tree(text, sink)) {
            if (auto compiled = detail::compile_program(*tree, sink)) {
                compiled->digest = detail::digest_of(*tree);
                compiled->source = std::string(text);
                result.program = Program(std::move(compiled));
            }
        }
        result.diagnostics = sink.take();
    } catch (const std::exception& error) {
        // Memory ran out, or a library below failed in a way it should not: never a half-built
        // Program, and never an exception through this noexcept function.
        result.program.reset();
        result.diagnostics = {{file_name, 1, 1, "E011", std::string("loading failed: ") + error.what(), ""}};
    }
    return result;
}

LoadResult Program::load_file(const std::string& path) noexcept {
    try {
        std::string problem;
        const auto text = read_whole_file(path, problem);
        if (!text) return {std::nullopt, {{path, 1, 1, "E010", problem, ""}}};
        if (detail::looks_like_program_image(*text)) return load_image(*text, path);
        return load_string(*text, path);
    } catch (const std::exception& error) {
        return {std::nullopt, {{path, 1, 1, "E011", std::string("loading failed: ") + error.what(), ""}}};
    }
}

LoadResult Program::load_image(std::string_view bytes, const std::string& file_name) noexcept {
    try {
        auto read = detail::read_program_image(bytes);
        if (const auto* problem = std::get_if<detail::ImageProblem>(&read)) {
            return {std::nullopt, {{file_name, 0, 0, problem->code, problem->message, ""}}};
        }
        return {Program(std::get<std::shared_ptr<const detail::CompiledProgram>>(std::move(read))), {}};
    } catch (const std::exception& error) {
        return {std::nullopt, {{file_name, 0, 0, "E011", std::string("loading failed: ") + error.what(), ""}}};
    }
}

std::string Program::image() const { return detail::write_program_image(*compiled_); }

Program Program::from_string(std::string_view text, const std::string& file_name) {
    LoadResult result = load_string(text, file_name);
    if (!result.ok()) throw LoadError(std::move(result.diagnostics));
    return std::move(*result.program);
}

Program Program::from_file(const std::string& path) {
    LoadResult result = load_file(path);
    if (!result.ok()) throw LoadError(std::move(result.diagnostics));
    return std::move(*result.program);
}

const std::string& Program::name() const { return compiled_->name; }
const std::string& Program::version() const { return compiled_->version; }
const ProgramDigest& Program::digest() const { return compiled_->digest; }
const std::string& Program::source() const { return compiled_->source; }
Currency Program::currency() const { return compiled_->currency; }
const std::string& Program::time_zone() const { return compiled_->time_zone.name(); }

Result<MemberSummary> Program::summarize(const Member& member, Date today, int expiring_within_days) const noexcept {
    BOOST_TRY {
        return detail::summarize(*compiled_, member, today, expiring_within_days);
    }
    BOOST_CATCH(const std::bad_alloc&) {
        return InputError{"T099", "member '" + member.id + "': out of memory"};
    }
    BOOST_CATCH_END
}

std::optional<InputError> Program::append_explanation(std::string& text, const Outcome& outcome,
                                                     std::size_t delta) const {
    if (outcome.program_digest != compiled_->digest) {
        return InputError{"X001", "transaction '" + outcome.transaction_id + "' was evaluated by program " +
                                      outcome.program_digest.to_hex() + ", not by this one (" +
                                      compiled_->digest.to_hex() + ")"};
    }
    const std::size_t length = text.size();
    if (delta >= outcome.deltas.size() ||
        !detail::append_explanation(text, *compiled_, outcome, outcome.deltas[delta])) {
        text.resize(length);
        return InputError{"X002", "transaction '" + outcome.transaction_id + "' has no delta " + std::to_string(delta) +
                                      " whose reason this program can put in words"};
    }
    return std::nullopt;
}

Result<std::string> Program::explain(const Outcome& outcome, std::size_t delta) const {
    std::string text;
    if (auto error = append_explanation(text, outcome, delta)) return std::move(*error);
    return text;
}

Result<std::vector<std::string>> Program::explain(const Outcome& outcome) const {
    std::vector<std::string> texts(outcome.deltas.size());
    for (std::size_t delta = 0; delta < texts.size(); ++delta) {
        if (auto error = append_explanation(texts[delta], outcome, delta)) return std::move(*error);
    }
    return texts;
}

std::optional<EvaluationError> Program::evaluate(const Member& member, const Transaction& transaction,
                                                 Outcome& outcome, EvaluationOptions options) const noexcept {
    BOOST_TRY {
        EvaluatorState state;
        return evaluate(member, transaction, state, outcome, std::move(options));
    }
    BOOST_CATCH(const std::bad_alloc&) {
        // Only the state's first memory can fail here; the evaluation reports its own.
        outcome.deltas.clear();
        return EvaluationError{"T099", transaction.id, "", "out of memory"};
    }
    BOOST_CATCH_END
}

std::optional<EvaluationError> Program::evaluate(const Member& member, const Transaction& transaction,
                                                 EvaluatorState& state, Outcome& outcome,
                                                 EvaluationOptions options) const noexcept {
    // The evaluation itself throws nothing; only memory running out can, where the build has
    // exceptions. Its working memory may then hold half a step: it is cleared before the next.
    BOOST_TRY {
        return detail::evaluate(*compiled_, member, transaction, detail::EvaluatorStateAccess::buffers(state), outcome,
                                options);
    }
    BOOST_CATCH(const std::bad_alloc&) {
        outcome.deltas.clear();
        outcome.state_changes.clear();
        return EvaluationError{"T099", transaction.id, "", "out of memory"};
    }
    BOOST_CATCH_END
}

}  // namespace loyalty

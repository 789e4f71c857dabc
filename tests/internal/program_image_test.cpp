// Program images: every rule file's image loads back to a program that evaluates as the rule
// file's does; and an image damaged anywhere, cut anywhere, or rewritten with a checksum that
// matches its damage, is refused with its code or loads a program that evaluates without fault.

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/sha256.hpp"
#include "image/program_image.hpp"
#include "loyalty/json.hpp"
#include "loyalty/loyalty.hpp"

namespace {

std::string rules_dir() { return std::string(LOYALTY_SOURCE_DIR) + "/rules"; }

loyalty::Program load(const std::string& name) { return loyalty::Program::from_file(rules_dir() + "/" + name); }

/// `payload` behind a header that is right for it: what damage looks like when whoever did it
/// also mended the checksum.
std::string with_header(const std::string& original, const std::string& payload) {
    std::string image = original.substr(0, loyalty::detail::program_image_header_bytes);
    const std::uint64_t size = payload.size();
    for (int i = 0; i < 8; ++i) image[static_cast<std::size_t>(16 + i)] = static_cast<char>((size >> (8 * i)) & 0xff);
    loyalty::detail::Sha256 hash;
    hash.add(payload);
    const auto checksum = hash.finish();
    std::memcpy(image.data() + 56, checksum.data(), checksum.size());
    return image + payload;
}

std::vector<loyalty::Transaction> sample_purchases() {
    std::ifstream file(std::string(LOYALTY_SOURCE_DIR) + "/examples/sample/purchases.jsonl");
    std::vector<loyalty::Transaction> transactions;
    for (std::string line; std::getline(file, line);) {
        if (const auto read = loyalty::read_transaction_json(line)) transactions.push_back(read.value());
    }
    return transactions;
}

/// Every outcome of the sample history, one member state per member, as JSON lines.
std::string replay(const loyalty::Program& program, const std::vector<loyalty::Transaction>& history) {
    std::map<std::string, loyalty::Member> members;
    std::string log;
    loyalty::EvaluatorState state;
    loyalty::Outcome outcome;
    for (const loyalty::Transaction& transaction : history) {
        loyalty::Member& member = members.try_emplace(transaction.member_id).first->second;
        member.id = transaction.member_id;
        // With a trace, so that every rule's condition is also explained when it does not hold.
        if (const auto error = program.evaluate(member, transaction, state, outcome, loyalty::EvaluationOptions{true})) {
            log += error->code + " " + error->message + "\n";
            continue;
        }
        log += loyalty::to_json(outcome, program) + "\n";
        for (const loyalty::TraceStep& step : outcome.trace) log += step.rule_id + (step.fired ? " fired: " : ": ") + step.reason + "\n";
        for (const std::string& owner : outcome.owners()) {
            loyalty::Member& each = members.try_emplace(owner).first->second;
            each.id = owner;
            loyalty::apply_in_place(each, outcome);
        }
    }
    return log;
}

}  // namespace

TEST_CASE("every rule file's image loads back to the same program, byte for byte", "[image]") {
    const auto history = sample_purchases();
    REQUIRE(history.size() > 40);
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(rules_dir())) {
        const std::string name = entry.path().filename().string();
        if (name.size() < 5 || name.substr(name.size() - 5) != ".yaml" || name.find(".test.") != std::string::npos) continue;
        INFO(name);
        const loyalty::Program from_yaml = load(name);
        const std::string image = from_yaml.image();
        const loyalty::LoadResult loaded = loyalty::Program::load_image(image, name);
        REQUIRE(loaded.ok());
        const loyalty::Program& from_image = *loaded.program;
        CHECK(from_image.name() == from_yaml.name());
        CHECK(from_image.version() == from_yaml.version());
        CHECK(from_image.digest() == from_yaml.digest());
        CHECK(from_image.source() == from_yaml.source());
        CHECK(from_image.time_zone() == from_yaml.time_zone());
        CHECK(from_image.image() == image);
        CHECK(replay(from_image, history) == replay(from_yaml, history));
        ++files;
    }
    CHECK(files >= 25);
}

TEST_CASE("an image cut short anywhere is refused", "[image]") {
    const std::string image = load("corner-cafe.yaml").image();
    for (std::size_t size = 0; size < image.size(); ++size) {
        const loyalty::LoadResult loaded = loyalty::Program::load_image(image.substr(0, size), "cut.lpi");
        REQUIRE_FALSE(loaded.ok());
        const std::string& code = loaded.diagnostics.front().code;
        REQUIRE((code == (size < 8 ? "I001" : "I003") || (size >= 16 && code == "I002")));
    }
    CHECK(loyalty::Program::load_image(image + "x", "long.lpi").diagnostics.front().code == "I003");
}

TEST_CASE("an image changed anywhere is refused by its checksum, or by its contents when the checksum is mended", "[image]") {
    const std::string image = load("corner-cafe.yaml").image();
    const std::string payload = image.substr(loyalty::detail::program_image_header_bytes);
    const auto history = sample_purchases();
    const std::vector<loyalty::Transaction> few(history.begin(), history.begin() + 6);
    int refused = 0, loaded_anyway = 0;
    for (std::size_t at = 0; at < payload.size(); ++at) {
        for (const int flip : {0x01, 0x80, 0xff}) {
            std::string damaged = image;
            damaged[loyalty::detail::program_image_header_bytes + at] ^= static_cast<char>(flip);
            REQUIRE(loyalty::Program::load_image(damaged, "damaged.lpi").diagnostics.front().code == "I004");

            std::string changed = payload;
            changed[at] ^= static_cast<char>(flip);
            const loyalty::LoadResult mended = loyalty::Program::load_image(with_header(image, changed), "mended.lpi");
            if (!mended.ok()) {
                REQUIRE(mended.diagnostics.front().code == "I005");
                ++refused;
                continue;
            }
            // A change the checks cannot tell from a rule file's (a letter of a description, a
            // number within its range): the program evaluates, whatever it then says.
            ++loaded_anyway;
            replay(*mended.program, few);
        }
    }
    CHECK(refused > 0);
    CHECK(loaded_anyway > 0);
}

TEST_CASE("bytes that are not an image, or of another format version, are refused", "[image]") {
    CHECK(loyalty::Program::load_image("program:\n  name: x\n", "rules.yaml").diagnostics.front().code == "I001");
    std::string image = load("s01-points-threshold.yaml").image();
    image[8] = 2;
    CHECK(loyalty::Program::load_image(image, "v2.lpi").diagnostics.front().code == "I002");
    const loyalty::LoadResult loaded = loyalty::Program::load_image(image, "v2.lpi");
    CHECK(loyalty::format(loaded.diagnostics).rfind("v2.lpi: error[I002]: an image of format version 2", 0) == 0);
}

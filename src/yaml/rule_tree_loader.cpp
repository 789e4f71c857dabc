#include "yaml/rule_tree_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "loyalty/limits.hpp"
#include "core/utf8.hpp"

namespace loyalty::detail {
namespace {

SourcePosition position_of(const YAML::Mark& mark) {
    // yaml-cpp counts from 0; people count from 1.
    return {mark.line + 1, mark.column + 1};
}

/// Thrown from inside the event handler to stop yaml-cpp when going on is pointless or unsafe.
struct StopReading {};

/// Builds the RuleNode tree from parser events, reporting what strict rule files forbid.
class TreeBuilder : public YAML::EventHandler {
public:
    explicit TreeBuilder(DiagnosticSink& sink) : sink_(sink) {}

    RuleNode take_root() { return std::move(root_); }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        RuleNode node;
        node.position = position_of(mark);
        add(std::move(node));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        sink_.error(position_of(mark), "E003",
                    "aliases (*name) are not allowed in rule files; write the value out");
        RuleNode node;
        node.position = position_of(mark);
        add(std::move(node));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        RuleNode node;
        node.kind = RuleNode::Kind::scalar;
        node.position = position_of(mark);
        node.text = value;
        node.plain = tag == "?";
        add(std::move(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, RuleNode::Kind::sequence);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, RuleNode::Kind::mapping);
    }
    void OnMapEnd() override { close(); }

private:
    struct OpenCollection {
        RuleNode node;
        bool has_pending_key = false;
        RuleNode pending_key;
    };

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) {
            sink_.error(position_of(mark), "E003",
                        "anchors (&name) are not allowed in rule files; write the value out");
        }
    }

    void check_tag(const YAML::Mark& mark, const std::string& tag) {
        // "?" marks a plain scalar and "!" a quoted one; anything else is an explicit tag.
        if (!tag.empty() && tag != "?" && tag != "!") {
            sink_.error(position_of(mark), "E007",
                        "tags ('" + tag + "') are not allowed in rule files");
        }
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
              RuleNode::Kind kind) {
        check_anchor(mark, anchor);
        check_tag(mark, tag);
        if (static_cast<int>(stack_.size()) >= limits::rule_nesting_depth_max) {
            sink_.error(position_of(mark), "E004",
                        "nesting deeper than " +
                            std::to_string(limits::rule_nesting_depth_max) +
                            " levels; rule files are never this deep");
            throw StopReading{};
        }
        OpenCollection collection;
        collection.node.kind = kind;
        collection.node.position = position_of(mark);
        stack_.push_back(std::move(collection));
    }

    void close() {
        RuleNode node = std::move(stack_.back().node);
        stack_.pop_back();
        add(std::move(node));
    }

    void add(RuleNode node) {
        if (stack_.empty()) {
            root_ = std::move(node);
            return;
        }
        OpenCollection& parent = stack_.back();
        if (parent.node.kind == RuleNode::Kind::sequence) {
            parent.node.items.push_back(std::move(node));
        } else if (!parent.has_pending_key) {
            parent.pending_key = std::move(node);
            parent.has_pending_key = true;
        } else {
            parent.node.entries.emplace_back(std::move(parent.pending_key), std::move(node));
            parent.has_pending_key = false;
        }
    }

    DiagnosticSink& sink_;
    std::vector<OpenCollection> stack_;
    RuleNode root_;
};

/// Stops at the start of a document: used only to learn whether a second one follows.
class DocumentCounter : public YAML::EventHandler {
public:
    SourcePosition start;
    void OnDocumentStart(const YAML::Mark& mark) override {
        start = position_of(mark);
        throw StopReading{};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

SourcePosition position_of_offset(std::string_view text, std::size_t offset) {
    SourcePosition position{1, 1};
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

/// YAML forbids tabs in indentation, and yaml-cpp does not always say so.
bool report_tab_indentation(std::string_view text, DiagnosticSink& sink) {
    bool found = false;
    int line = 1;
    bool at_line_start = true;
    int column = 1;
    for (char c : text) {
        if (c == '\n') {
            ++line;
            column = 1;
            at_line_start = true;
            continue;
        }
        if (at_line_start && c == '\t') {
            sink.error({line, column}, "E008", "tab used for indentation; indent with spaces");
            found = true;
            at_line_start = false;
        } else if (c != ' ') {
            at_line_start = false;
        }
        ++column;
    }
    return found;
}

}  // namespace

std::optional<RuleNode> load_rule_tree(std::string_view text, DiagnosticSink& sink) {
    if (text.size() > limits::rule_file_bytes_max) {
        sink.error({1, 1}, "E009",
                   "file is larger than " + std::to_string(limits::rule_file_bytes_max) +
                       " bytes");
        return std::nullopt;
    }
    if (const auto bad = first_invalid_utf8(text)) {
        sink.error(position_of_offset(text, *bad), "E002", "invalid UTF-8");
        return std::nullopt;
    }
    // YAML forbids them, and a NUL would end the text early for any C string in between.
    const auto control = std::find_if(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
    });
    if (control != text.end()) {
        char code[8];
        std::snprintf(code, sizeof code, "%04X", static_cast<unsigned>(static_cast<unsigned char>(*control)));
        sink.error(position_of_offset(text, static_cast<std::size_t>(control - text.begin())), "E002",
                   std::string("a control character (U+") + code + "); a rule file is text");
        return std::nullopt;
    }
    if (report_tab_indentation(text, sink)) return std::nullopt;

    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    TreeBuilder builder(sink);
    try {
        if (!parser.HandleNextDocument(builder)) {
            sink.error({1, 1}, "E006", "the file is empty; a rule file starts with 'program:'");
            return std::nullopt;
        }
        DocumentCounter counter;
        try {
            parser.HandleNextDocument(counter);
        } catch (const StopReading&) {
            sink.error(counter.start, "E005",
                       "a second YAML document; a rule file holds exactly one");
        }
    } catch (const StopReading&) {
        return std::nullopt;
    } catch (const YAML::Exception& error) {
        sink.error(position_of(error.mark), "E001", "YAML syntax: " + error.msg);
        return std::nullopt;
    }
    // Anchors, aliases and tags were reported, but the tree is whole: validating it too
    // reports every other problem in the same run.
    return builder.take_root();
}

}  // namespace loyalty::detail

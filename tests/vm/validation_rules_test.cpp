// The validation rules are one table: names are unique kebab-case and round-trip, and
// docs/bytecode.md §Validation lists exactly the table's rules, each with its id, its
// section (table or code rules) and its sentence.
#include "tenet/vm/validation_rules.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace tenet::vm {
namespace {

/// True for lower-case words joined by single hyphens ("stack-underflow").
bool is_kebab_case(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-' ? name[i - 1] == '-' : (c < 'a' || c > 'z')) return false;
  }
  return true;
}

/// A row `| id | `name` | sentence |` of a rules table (std::regex is avoided: GCC 12
/// reports false maybe-uninitialized warnings inside <regex> in the sanitizer build).
struct RuleRow {
  int id = 0;
  std::string name;
  std::string doc;
};

std::optional<RuleRow> parse_rule_row(std::string_view line) {
  constexpr std::string_view kSep = " | ";
  if (!line.starts_with("| ") || !line.ends_with(" |")) return std::nullopt;
  line = line.substr(2, line.size() - 4);
  const size_t first = line.find(kSep);
  if (first == std::string_view::npos) return std::nullopt;
  const std::string_view id = line.substr(0, first);
  line.remove_prefix(first + kSep.size());
  const size_t second = line.find(kSep);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view name = line.substr(0, second);
  if (id.empty() || id.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  if (name.size() < 3 || name.front() != '`' || name.back() != '`') return std::nullopt;
  name = name.substr(1, name.size() - 2);
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string_view::npos)
    return std::nullopt;
  return RuleRow{std::stoi(std::string(id)), std::string(name),
                 std::string(line.substr(second + kSep.size()))};
}

TEST(ValidationRules, NamesAreUniqueKebabCaseAndRoundTrip) {
  std::set<std::string_view> names;
  for (const ValidationRuleInfo& info : kValidationRules) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(is_kebab_case(info.name)) << info.name;
    EXPECT_EQ(rule_from_name(info.name), info.rule);
    EXPECT_EQ(rule_name(info.rule), info.name);
    EXPECT_FALSE(info.doc.empty()) << info.name;
  }
  EXPECT_FALSE(rule_from_name("no-such-rule").has_value());
  EXPECT_EQ(static_cast<int>(ValidationRule::BadConstructorIndex), 1);
  EXPECT_EQ(rule_name(ValidationRule::StackUnderflow), "stack-underflow");
}

/// One row of a rules table in docs/bytecode.md.
struct DocumentedRule {
  int id = 0;
  RuleScope scope = RuleScope::Code;
  std::string doc;
};

/// The rows of the "Table rules" and "Code rules" tables of §Validation, by rule name.
std::map<std::string, DocumentedRule> documented_rules(std::string& problems) {
  const std::string path = std::string(TENET_SOURCE_DIR) + "/docs/bytecode.md";
  std::ifstream in(path);
  if (!in) {
    problems += "cannot read " + path + "\n";
    return {};
  }
  std::map<std::string, DocumentedRule> rules;
  bool in_validation = false;
  bool in_rules = false;  ///< inside "### Table rules" or "### Code rules"
  RuleScope scope = RuleScope::Table;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## ")) in_validation = line == "## Validation";
    if (!in_validation) continue;
    if (line.starts_with("### ")) {
      in_rules = line == "### Table rules" || line == "### Code rules";
      scope = line == "### Table rules" ? RuleScope::Table : RuleScope::Code;
      continue;
    }
    if (!in_rules) continue;
    const std::optional<RuleRow> row = parse_rule_row(line);
    if (!row) continue;
    if (!rules.emplace(row->name, DocumentedRule{row->id, scope, row->doc}).second)
      problems += "rule " + row->name + " is listed twice\n";
  }
  return rules;
}

TEST(ValidationRules, BytecodeDocListsExactlyTheTable) {
  std::string problems;
  const auto documented = documented_rules(problems);
  for (const ValidationRuleInfo& info : kValidationRules) {
    const std::string name(info.name);
    const auto it = documented.find(name);
    if (it == documented.end()) {
      problems += "rule " + name + " is not documented\n";
      continue;
    }
    const DocumentedRule& row = it->second;
    if (row.id != static_cast<int>(info.rule))
      problems += "rule " + name + " is documented with id " + std::to_string(row.id) +
                  ", the table says " + std::to_string(static_cast<int>(info.rule)) + "\n";
    if (row.scope != info.scope) problems += "rule " + name + " is in the wrong section\n";
    if (row.doc != info.doc)
      problems += "rule " + name + " is documented as \"" + row.doc + "\", the table says \"" +
                  std::string(info.doc) + "\"\n";
  }
  for (const auto& [name, row] : documented)
    if (!rule_from_name(name)) problems += "documented rule " + name + " is not in the table\n";
  EXPECT_EQ(documented.size(), kValidationRules.size());
  EXPECT_EQ(problems, "") << "docs/bytecode.md §Validation and TENET_VALIDATION_RULES disagree";
}

}  // namespace
}  // namespace tenet::vm

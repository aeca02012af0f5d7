// The validation rules are one table: names are unique kebab-case and round-trip, and
// docs/bytecode.md §Validation lists exactly the table's rules, each with its id, its
// section (table or code rules) and its sentence.
#include "tenet/vm/validation_rules.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace tenet::vm {
namespace {

TEST(ValidationRules, NamesAreUniqueKebabCaseAndRoundTrip) {
  std::set<std::string_view> names;
  for (const ValidationRuleInfo& info : kValidationRules) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(std::regex_match(std::string(info.name), std::regex("[a-z]+(-[a-z]+)*")))
        << info.name;
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
  const std::regex row(R"(\| (\d+) \| `([a-z-]+)` \| (.*) \|)");
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
    std::smatch m;
    if (!in_rules || !std::regex_match(line, m, row)) continue;
    if (!rules.emplace(m[2], DocumentedRule{std::stoi(m[1]), scope, m[3]}).second)
      problems += "rule " + m[2].str() + " is listed twice\n";
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

// The opcode table is the single source of truth: names are unique and round-trip,
// and docs/gas.md's instruction reference is exactly what the table generates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "tenet/vm/opcode_reference.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

TEST(OpcodeTable, NamesAreUniqueAndRoundTrip) {
  std::set<std::string_view> names;
  for (unsigned b = 0; b < 256; ++b) {
    const OpInfo& info = kOpTable[b];
    if (!info.defined) continue;
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    auto op = op_from_name(info.name);
    ASSERT_TRUE(op.has_value()) << info.name;
    EXPECT_EQ(static_cast<unsigned>(*op), b);
  }
  EXPECT_FALSE(op_from_name("ADDD").has_value());
  EXPECT_FALSE(op_from_name("add").has_value());
}

TEST(OpcodeTable, OnlyCheatIsTestOnly) {
  for (unsigned b = 0; b < 256; ++b) {
    const OpInfo& info = kOpTable[b];
    if (!info.defined) continue;
    EXPECT_EQ(info.kind == OpKind::TestOnly, info.name == "CHEAT") << info.name;
  }
}

constexpr std::string_view kBegin = "<!-- BEGIN GENERATED INSTRUCTION TABLE -->\n";
constexpr std::string_view kEnd = "<!-- END GENERATED INSTRUCTION TABLE -->";

TEST(OpcodeTable, GasDocMatchesTable) {
  const std::string path = std::string(TENET_SOURCE_DIR) + "/docs/gas.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string doc = ss.str();
  const size_t begin = doc.find(kBegin);
  const size_t end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const std::string current = doc.substr(begin + kBegin.size(), end - begin - kBegin.size());
  const std::string expected = opcode_reference_markdown();
  if (current != expected && std::getenv("TENET_UPDATE_DOCS")) {
    doc.replace(begin + kBegin.size(), end - begin - kBegin.size(), expected);
    std::ofstream(path) << doc;
    return;
  }
  EXPECT_EQ(current, expected) << "docs/gas.md is out of date: run TENET_UPDATE_DOCS=1 "
                                  "tenet_vm_tests --gtest_filter=OpcodeTable.GasDocMatchesTable";
}

}  // namespace
}  // namespace tenet::vm

// Deployment container checks at submission: framing, validation without cheats, children.

#include "tenet/node/service/container_check.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tenet/vm/assembler.hpp"

namespace tenet::node {
namespace {

Bytes check_test_container(const std::string& source, bool cheats = false) {
  vm::ValidationOptions options;
  options.allow_cheats = cheats;
  auto c = vm::assemble(source, "t.tasm", {}, options);
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? vm::serialize_container(*c) : Bytes{};
}

const std::string kPlain = ".constructor init\n.fn init\n  STOP\n.end\n";
const std::string kCheat = ".fn main\n  PUSH0\n  PUSH0\n  CHEAT 3\n  POP\n  STOP\n.end\n";

std::string hex_of(const Bytes& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

TEST(ContainerCheck, ValidContainerWithConstructorArgumentsPasses) {
  Bytes data = check_test_container(kPlain);
  data.push_back(0x2a);  // constructor arguments follow a deployment's container
  EXPECT_TRUE(check_deployment_container(data, false).ok());
  // anvil_setCode: nothing may follow.
  auto whole = check_deployment_container(data, true);
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().message(), "invalid container: framing: 1 bytes after the container");
}

TEST(ContainerCheck, CheatCodesAreRefused) {
  auto r = check_deployment_container(check_test_container(kCheat, true), false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, RefusalKind::InvalidContainer);
  EXPECT_EQ(r.error().code(), -32000);
  EXPECT_EQ(r.error().message(),
            "invalid container: test-only-instruction: CHEAT 3 is only allowed in test mode");
}

TEST(ContainerCheck, ChildrenAreValidatedToo) {
  Bytes child = check_test_container(kCheat, true);
  std::string parent = ".child 0x" + hex_of(child) + "\n" + kPlain;
  auto r = check_deployment_container(check_test_container(parent), false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "invalid container: child 0: test-only-instruction: CHEAT 3 is only allowed in test "
            "mode");
}

TEST(ContainerCheck, GarbageAndOversizeAreFramingErrors) {
  Bytes garbage = {0x60, 0x80, 0x60, 0x40};  // EVM bytecode, not a Tenet container
  auto r = check_deployment_container(garbage, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message().rfind("invalid container: framing: ", 0), 0u)
      << r.error().message();
  EXPECT_FALSE(check_deployment_container(Bytes{}, false).ok());
  // Over 24,576 bytes (a test-mode VM allows more; the node does not).
  auto c = vm::assemble(kPlain, "t.tasm");
  ASSERT_TRUE(c.ok());
  c->metadata.assign(25'000, 'x');
  Bytes big = vm::serialize_container(*c);
  ASSERT_GT(big.size(), 24'576u);
  auto over = check_deployment_container(big, false);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message().rfind("invalid container: framing: ", 0), 0u);
}

}  // namespace
}  // namespace tenet::node

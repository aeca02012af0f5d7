// failure_of: the reason of a failed run in words (failure.hpp).
#include "tenet/runner/failure.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tenet/vm/word.hpp"

namespace tenet::runner {
namespace {

/// The ABI encoding of Error(message).
std::vector<uint8_t> error_data(const std::string& message) {
  std::vector<uint8_t> out = {0x08, 0xc3, 0x79, 0xa0};
  for (const uint64_t v : {uint64_t{32}, uint64_t{message.size()}}) {
    const auto be = vm::word_to_be(vm::Word{v});
    out.insert(out.end(), be.begin(), be.end());
  }
  out.insert(out.end(), message.begin(), message.end());
  out.resize(out.size() + (32 - message.size() % 32) % 32, 0);
  return out;
}

RunOutcome reverted_with(const std::string& message) {
  RunOutcome o;
  o.result.status = vm::Status::Revert;
  o.result.output = error_data(message);
  return o;
}

TEST(FailureOf, TheHostsRefusalReadsBare) {
  RunOutcome o = reverted_with("vm.expect_revert: one is already pending");
  o.refusal = "vm.expect_revert: one is already pending";
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "vm.expect_revert: one is already pending");
}

TEST(FailureOf, AContractsErrorStaysQuotedEvenWhenItLooksLikeTheHosts) {
  // A contract may revert with Error("vm.…") itself: only what the host refused reads bare.
  const RunOutcome o = reverted_with("vm.not the host");
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "Error(\"vm.not the host\")");
  RunOutcome other = reverted_with("vm.not the host");
  other.refusal = "vm.prank: one is already pending";
  EXPECT_EQ(failure_of(other, ArtifactRegistry{}).reason, "Error(\"vm.not the host\")");
}

TEST(FailureOf, ARejectedRunIsARejectionBeforeARevert) {
  RunOutcome o = reverted_with("vm.assume: input rejected");
  o.refusal = "vm.assume: input rejected";
  o.rejected = true;
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "vm.assume rejected the input");
}

TEST(FailureOf, StatusesWithoutRevertData) {
  RunOutcome o;
  o.result.status = vm::Status::OutOfGas;
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "out of gas");
  o.result.status = vm::Status::Trap;
  o.result.reason = "call depth";
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "trap: call depth");
  o.result.status = vm::Status::Success;
  o.misuse = "vm.prank: no call or creation used it";
  EXPECT_EQ(failure_of(o, ArtifactRegistry{}).reason, "vm.prank: no call or creation used it");
}

}  // namespace
}  // namespace tenet::runner

// The refusal table: codes and phrases of toolchain.md §4's error table, and message forms.

#include "tenet/node/common/refusal.hpp"

#include <gtest/gtest.h>

namespace tenet::node {
namespace {

TEST(Refusal, CodesAndPhrasesOfTheErrorTable) {
  EXPECT_EQ(refusal_code(RefusalKind::ParseError), -32700);
  EXPECT_EQ(refusal_phrase(RefusalKind::ParseError), "parse error");
  EXPECT_EQ(refusal_code(RefusalKind::InvalidRequest), -32600);
  EXPECT_EQ(refusal_code(RefusalKind::MethodNotFound), -32601);
  EXPECT_EQ(refusal_code(RefusalKind::InvalidParams), -32602);
  EXPECT_EQ(refusal_code(RefusalKind::ExecutionReverted), 3);
  EXPECT_EQ(refusal_phrase(RefusalKind::ExecutionReverted), "execution reverted");
  EXPECT_EQ(refusal_code(RefusalKind::NonceTooLow), -32000);
  EXPECT_EQ(refusal_phrase(RefusalKind::ReplacementUnderpriced),
            "replacement transaction underpriced");
  EXPECT_EQ(refusal_phrase(RefusalKind::FeeBelowBaseFee),
            "max fee per gas less than block base fee");
  EXPECT_EQ(refusal_phrase(RefusalKind::TxTypeNotSupported), "transaction type not supported");
  EXPECT_EQ(refusal_code(RefusalKind::LimitExceeded), -32005);
  EXPECT_EQ(refusal_code(RefusalKind::SyncTimeout), 4);
}

TEST(Refusal, MessageIsThePhraseAndTheDetail) {
  EXPECT_EQ((Refusal{RefusalKind::NonceTooLow, ""}).message(), "nonce too low");
  EXPECT_EQ((Refusal{RefusalKind::InvalidContainer, "missing-return"}).message(),
            "invalid container: missing-return");
  EXPECT_EQ((Refusal{RefusalKind::InsufficientFunds, "x"}).code(), -32000);
}

}  // namespace
}  // namespace tenet::node

// ethereum/tests TransactionTests (commit 4c87ebb, tests/node/vectors/TransactionTests): every
// vector of every folder, judged by its newest fork's expectation (Cancun where present, else
// Shanghai or London). An expected transaction must decode, pass the stateless checks, recover
// its sender, and give the vector's hash, sender and intrinsic gas (and re-encode to its bytes);
// an expected exception must be refused, with a refusal kind the mapping table allows. The
// vectors assume chain id 1. Vectors that differ by design are listed (with why) in
// kTransactionVectorDeviations and in the README; the test checks that they do differ.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "node/support/vectors.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/node/tx/validity.hpp"

namespace tenet::node {
namespace {

using test::from_hex;
using test::to_hex;

/// The forks in order; a vector is judged by the newest one it names.
const std::vector<std::string> kTransactionVectorForks = {
    "Frontier", "Homestead", "EIP150", "EIP158", "Byzantium", "Constantinople", "ConstantinopleFix",
    "Istanbul", "Berlin",    "London", "Paris",  "Shanghai",  "Cancun",         "Prague"};

/// Which refusal kinds answer each exception of the vectors.
const std::map<std::string, std::set<RefusalKind>>& transaction_vector_exception_kinds() {
  using K = RefusalKind;
  static const std::map<std::string, std::set<RefusalKind>> table = {
      {"INVALID_CHAINID", {K::InvalidChainId, K::InvalidSignature}},  // v neither 27/28 nor 35+
      {"INVALID_SIGNATURE_VRS",
       {K::InvalidSignature, K::InvalidTransaction}},  // r/s > 32 bytes: RLP
      {"EC_RECOVERY_FAIL", {K::InvalidSignature}},
      {"INTRINSIC_GAS_TOO_LOW", {K::IntrinsicGasTooLow}},
      {"GASLIMIT_PRICE_PRODUCT_OVERFLOW", {K::InsufficientFunds}},
      {"NONCE_TOO_BIG", {K::InvalidTransaction}},
      {"PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS_2", {K::InvalidTransaction}},
      {"TYPE_NOT_SUPPORTED", {K::TxTypeNotSupported, K::InvalidTransaction}},
  };
  return table;
}

/// The refusal kinds allowed for `exception` ("TransactionException.X"): the table's, else
/// "invalid transaction" for the RLP, size and overflow families.
std::set<RefusalKind> transaction_vector_allowed(const std::string& exception) {
  const std::string name = exception.substr(exception.find('.') + 1);
  const auto& table = transaction_vector_exception_kinds();
  if (auto it = table.find(name); it != table.end()) return it->second;
  const bool malformed = name.rfind("RLP_", 0) == 0 || name.rfind("ADDRESS_TOO_", 0) == 0 ||
                         name.find("_OVERFLOW") != std::string::npos;
  EXPECT_TRUE(malformed) << "unmapped exception " << exception;
  return {RefusalKind::InvalidTransaction};
}

/// The vectors whose outcome differs from Ethereum's by design, with why (also in the README).
const std::map<std::string, std::string> kTransactionVectorDeviations = {
    {"DataTestInitCodeTooBig",
     "EIP-3860's 49,152-byte init-code limit is not the codec's: the node refuses any deployment "
     "over the VM's container limit (24,576 bytes) with \"invalid container\" at admission"},
};

/// Runs the node's stateless path on `raw`: decode, chain id (1), signature, checks.
Result<std::pair<Transaction, Address>, Refusal> transaction_vector_run(ByteView raw) {
  auto tx = decode_transaction(raw);
  if (!tx) return tx.error();
  if (tx->chain_id && *tx->chain_id != 1)
    return Refusal{RefusalKind::InvalidChainId, std::to_string(*tx->chain_id)};
  auto sender = recover_sender(*tx);
  if (!sender) return sender.error();
  auto ok = check_transaction(*tx);
  if (!ok) return ok.error();
  return std::make_pair(*tx, *sender);
}

TEST(TransactionVectors, EveryVectorAtItsNewestFork) {
  const std::filesystem::path root =
      std::filesystem::path(TENET_SOURCE_DIR) / "tests/node/vectors/TransactionTests";
  size_t total = 0, valid = 0, refused = 0, deviations = 0;
  std::set<std::string> folders;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    folders.insert(entry.path().parent_path().filename().string());
    const auto file = test::load_vector_file(
        std::filesystem::relative(entry.path(), root.parent_path()).string());
    for (const auto& [name, vector] : file.items()) {
      ++total;
      const auto& results = vector["result"];
      std::string fork;
      for (const auto& f : kTransactionVectorForks)
        if (results.contains(f)) fork = f;
      ASSERT_FALSE(fork.empty()) << name;
      const auto& expected = results[fork];
      const Bytes raw = from_hex(vector["txbytes"].get<std::string>());
      auto run = transaction_vector_run(raw);
      const bool deviates = kTransactionVectorDeviations.count(name) != 0;
      if (deviates) {
        ++deviations;
        EXPECT_NE(run.ok(), !expected.contains("exception")) << name << " no longer deviates";
        continue;
      }
      if (expected.contains("exception")) {
        ++refused;
        ASSERT_FALSE(run.ok()) << name << " (" << fork
                               << ") should be refused: " << expected["exception"];
        const auto allowed = transaction_vector_allowed(expected["exception"].get<std::string>());
        EXPECT_TRUE(allowed.count(run.error().kind))
            << name << ": " << expected["exception"] << " refused as " << run.error().message();
        continue;
      }
      ++valid;
      ASSERT_TRUE(run.ok()) << name << " (" << fork << "): " << run.error().message();
      const auto& [tx, sender] = *run;
      EXPECT_EQ(to_hex(transaction_hash(tx)), expected["hash"].get<std::string>()) << name;
      EXPECT_EQ(to_hex(vm::keccak256(raw)), expected["hash"].get<std::string>()) << name;
      EXPECT_EQ(to_hex(sender.bytes), expected["sender"].get<std::string>()) << name;
      EXPECT_EQ(Word{intrinsic_gas(tx)},
                *vm::parse_word(expected["intrinsicGas"].get<std::string>()))
          << name;
      EXPECT_EQ(to_hex(encode_transaction(tx)), to_hex(raw)) << name;
    }
  }
  // 14 folders, 210 vectors (ttData/String10MbData*.json are not in the snapshot).
  EXPECT_EQ(folders.size(), 14u);
  EXPECT_EQ(total, 210u);
  EXPECT_EQ(valid, 50u);
  EXPECT_EQ(refused, 159u);
  EXPECT_EQ(deviations, kTransactionVectorDeviations.size());
}

}  // namespace
}  // namespace tenet::node

// The node fuzz harness (node_harness.hpp).
#include "node_harness.hpp"

#include <algorithm>
#include <optional>

#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/trie/proof.hpp"
#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/signing.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/node/tx/validity.hpp"

namespace tenet::fuzz {
namespace {

using node::Bytes;
using node::ByteView;

/// The canonical encoding of `item`, rebuilt from its decoded parts.
Bytes reencode(const node::rlp::Item& item) {
  node::rlp::Writer writer;
  if (!item.list) {
    writer.bytes(item.payload);
    return writer.items();
  }
  node::rlp::ListReader reader(item);
  while (!reader.done()) {
    auto child = reader.item();
    if (!child) return {};  // cannot happen for a decoded list: reported as a mismatch
    writer.raw(reencode(*child));
  }
  return writer.list_bytes();
}

void fuzz_rlp(ByteView bytes, NodeOutcome& outcome) {
  const auto item = node::rlp::decode(bytes);
  if (!item) return;
  outcome.accepted = true;
  const Bytes again = reencode(*item);
  if (!std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()))
    outcome.defects.push_back("rlp: an accepted item does not re-encode to its input");
}

void fuzz_transaction(ByteView bytes, NodeOutcome& outcome) {
  const auto tx = node::decode_transaction(bytes);
  if (!tx) return;
  outcome.accepted = true;
  const Bytes again = node::encode_transaction(*tx);
  if (!std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()))
    outcome.defects.push_back("tx: an accepted transaction does not encode back to its input");
  const auto hash = node::transaction_hash(*tx);
  if (hash != vm::keccak256(bytes))
    outcome.defects.push_back("tx: hash is not keccak256 of the input");
  (void)node::signing_hash(*tx);
  (void)node::recover_sender(*tx);
  (void)node::check_transaction(*tx);
  (void)node::intrinsic_gas(*tx);
  (void)node::max_cost(*tx);
  (void)node::effective_gas_price(*tx, vm::Word{7});
}

/// Splits at the two-byte separator 0xff 0xfe.
std::vector<ByteView> split(ByteView bytes) {
  std::vector<ByteView> parts;
  size_t start = 0;
  for (size_t i = 0; i + 1 < bytes.size(); ++i) {
    if (bytes[i] != 0xff || bytes[i + 1] != 0xfe) continue;
    parts.push_back(bytes.subspan(start, i - start));
    start = i + 2;
    ++i;
  }
  parts.push_back(bytes.subspan(start));
  return parts;
}

void fuzz_proof(ByteView bytes, NodeOutcome& outcome) {
  const auto parts = split(bytes);
  if (parts.size() < 2) return;
  node::Hash256 root{};
  std::copy_n(parts[0].begin(), std::min<size_t>(parts[0].size(), root.size()), root.begin());
  std::vector<Bytes> proof;
  for (size_t i = 2; i < parts.size(); ++i) proof.emplace_back(parts[i].begin(), parts[i].end());
  const auto first = node::verify_proof(root, parts[1], proof);
  if (!first) return;
  outcome.accepted = true;
  const auto second = node::verify_proof(root, parts[1], proof);
  if (!second || *second != *first)
    outcome.defects.push_back("proof: the same proof proved two answers");
}

}  // namespace

NodeOutcome run_node_input(std::span<const uint8_t> input) {
  NodeOutcome outcome;
  if (input.empty()) return outcome;
  const ByteView rest = input.subspan(1);
  switch (input[0] % 3) {
    case 0:
      fuzz_rlp(rest, outcome);
      break;
    case 1:
      fuzz_transaction(rest, outcome);
      break;
    default:
      fuzz_proof(rest, outcome);
      break;
  }
  return outcome;
}

}  // namespace tenet::fuzz

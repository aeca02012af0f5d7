/// \file
/// Methods about the node and its fees: web3_clientVersion, net_version, eth_chainId,
/// eth_blockNumber, eth_accounts, eth_gasPrice, eth_maxPriorityFeePerGas, eth_feeHistory,
/// eth_syncing, eth_mining.

#include <algorithm>

#include "json_codec.hpp"
#include "method_table.hpp"
#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/tx/fees.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The tip eth_maxPriorityFeePerGas suggests and eth_gasPrice adds to the base fee (1 gwei).
constexpr uint64_t kSuggestedTip = 1'000'000'000;
/// The most blocks one eth_feeHistory covers.
constexpr uint64_t kMaxFeeHistoryBlocks = 1'024;

/// The reward percentiles of eth_feeHistory: numbers from 0 to 100, non-decreasing.
Parsed<std::vector<double>> chain_percentiles(const json& value) {
  std::vector<double> out;
  const std::string what = param_name(2);
  if (!value.is_array()) return invalid_param(what, "expected an array of percentiles");
  if (value.size() > 100) return invalid_param(what, "at most 100 percentiles");
  for (const json& p : value) {
    if (!p.is_number()) return invalid_param(what, "a percentile must be a number");
    const double v = p.get<double>();
    if (!(v >= 0 && v <= 100)) return invalid_param(what, "a percentile must be from 0 to 100");
    if (!out.empty() && v < out.back())
      return invalid_param(what, "percentiles must be non-decreasing");
    out.push_back(v);
  }
  return out;
}

/// The priority fees paid at `percentiles` of the gas used in a block (each transaction's tip
/// weighted by its gas), as geth computes eth_feeHistory's reward.
json chain_block_rewards(const Block& block, const std::vector<StoredReceipt>& receipts,
                         const std::vector<double>& percentiles) {
  json out = json::array();
  std::vector<std::pair<Word, uint64_t>> tips;  // (tip, gas used)
  for (std::size_t i = 0; i < block.transactions.size() && i < receipts.size(); ++i) {
    const Word price = effective_gas_price(block.transactions[i], block.header.base_fee);
    const Word tip =
        vm::lt(price, block.header.base_fee) ? Word{} : vm::sub(price, block.header.base_fee);
    tips.emplace_back(tip, receipts[i].gas_used);
  }
  std::sort(tips.begin(), tips.end(),
            [](const auto& a, const auto& b) { return vm::lt(a.first, b.first); });
  for (double p : percentiles) {
    if (tips.empty()) {
      out.push_back(quantity_json(Word{}));
      continue;
    }
    const double threshold = static_cast<double>(block.header.gas_used) * p / 100.0;
    uint64_t cumulative = 0;
    std::size_t i = 0;
    for (; i < tips.size(); ++i) {
      cumulative += tips[i].second;
      if (static_cast<double>(cumulative) >= threshold) break;
    }
    out.push_back(quantity_json(tips[std::min(i, tips.size() - 1)].first));
  }
  return out;
}

}  // namespace

namespace handlers {

MethodResult client_version(const MethodCall&) {
  return json("tenet-node/1");
}

MethodResult net_version(const MethodCall& call) {
  return json(std::to_string(call.service.config().chain_id));
}

MethodResult chain_id(const MethodCall& call) {
  return quantity_json(call.service.config().chain_id);
}

MethodResult block_number(const MethodCall& call) {
  return quantity_json(call.service.head()->header.number);
}

MethodResult accounts(const MethodCall& call) {
  json out = json::array();
  for (const DevAccount& a : call.service.accounts()) out.push_back(address_json(a.address));
  return out;
}

MethodResult gas_price(const MethodCall& call) {
  return quantity_json(vm::add(next_base_fee(call.service.head()->header), Word{kSuggestedTip}));
}

MethodResult max_priority_fee(const MethodCall&) {
  return quantity_json(Word{kSuggestedTip});
}

MethodResult fee_history(const MethodCall& call) {
  auto count = parse_u64(call.param(0), param_name(0));
  if (!count) return error_of(count.error());
  auto ref = parse_block_ref(call.param(1), param_name(1), false);
  if (!ref) return error_of(ref.error());
  auto newest = resolve_block(call, *ref, 1);
  if (!newest) return newest.error();
  std::optional<std::vector<double>> percentiles;
  if (!call.param(2).is_null()) {
    auto p = chain_percentiles(call.param(2));
    if (!p) return error_of(p.error());
    percentiles = std::move(*p);
  }
  const uint64_t blocks = std::min({*count, kMaxFeeHistoryBlocks, newest->number + 1});
  const uint64_t oldest = newest->number + 1 - blocks;
  json base_fees = json::array(), ratios = json::array(), rewards = json::array();
  const Chain& chain = call.service.chain();
  for (uint64_t n = oldest; n <= newest->number && blocks > 0; ++n) {
    const auto hash = chain.hash_by_number(n);
    const auto block = hash ? chain.block(*hash) : std::nullopt;
    if (!block) return internal_error("block " + std::to_string(n) + " is missing");
    const Header& h = block->header;
    base_fees.push_back(quantity_json(h.base_fee));
    ratios.push_back(h.gas_limit == 0
                         ? 0.0
                         : static_cast<double>(h.gas_used) / static_cast<double>(h.gas_limit));
    if (percentiles) {
      const auto receipts = chain.receipts(*hash);
      if (!receipts) return internal_error("receipts of block " + std::to_string(n) + " missing");
      rewards.push_back(chain_block_rewards(*block, *receipts, *percentiles));
    }
  }
  if (blocks > 0) base_fees.push_back(quantity_json(next_base_fee(*newest)));
  json out = {{"oldestBlock", quantity_json(blocks > 0 ? oldest : uint64_t{0})},
              {"baseFeePerGas", std::move(base_fees)},
              {"gasUsedRatio", std::move(ratios)}};
  if (percentiles) out["reward"] = std::move(rewards);
  return out;
}

MethodResult syncing(const MethodCall&) {
  return json(false);
}

MethodResult mining(const MethodCall& call) {
  return json(call.service.config().mining != MiningMode::Manual);
}

}  // namespace handlers
}  // namespace tenet::node::rpc

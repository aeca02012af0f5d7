/// \file
/// Development methods (privileged): evm_mine, evm_snapshot, evm_revert, evm_increaseTime,
/// evm_setNextBlockTimestamp, evm_setAutomine, and anvil_setBalance, anvil_setCode,
/// anvil_setStorageAt, anvil_impersonateAccount, anvil_stopImpersonatingAccount (with their
/// hardhat_ names).

#include <limits>

#include "json_codec.hpp"
#include "method_table.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The most blocks one evm_mine mines.
constexpr uint64_t kMaxMinedBlocks = 10'000;

/// Applies one override; true when accepted.
MethodResult dev_set_state(const MethodCall& call, StateOverride change) {
  auto done = call.service.set_state(std::move(change)).get();
  if (!done) return error_of(done.error());
  return json(true);
}

Result<Address, MethodError> dev_address(const MethodCall& call) {
  auto address = parse_address(call.param(0), param_name(0));
  if (!address) return error_of(address.error());
  return *address;
}

}  // namespace

namespace handlers {

MethodResult evm_mine(const MethodCall& call) {
  uint64_t blocks = 1;
  std::optional<uint64_t> timestamp;
  const json& p = call.param(0);
  if (p.is_object()) {
    if (auto it = p.find("blocks"); it != p.end() && !it->is_null()) {
      auto n = parse_u64(*it, param_name(0) + ": field blocks");
      if (!n) return error_of(n.error());
      blocks = *n;
    }
    if (auto it = p.find("timestamp"); it != p.end() && !it->is_null()) {
      auto t = parse_u64(*it, param_name(0) + ": field timestamp");
      if (!t) return error_of(t.error());
      timestamp = *t;
    }
  } else if (!p.is_null()) {
    auto t = parse_u64(p, param_name(0));
    if (!t) return error_of(t.error());
    timestamp = *t;
  }
  if (blocks == 0 || blocks > kMaxMinedBlocks)
    return refused(RefusalKind::InvalidParams,
                   param_name(0) + ": blocks must be from 1 to " + std::to_string(kMaxMinedBlocks));
  auto mined = call.service.mine(blocks, timestamp).get();
  if (!mined) return error_of(mined.error());
  return json("0x0");
}

MethodResult evm_snapshot(const MethodCall& call) {
  return quantity_json(call.service.snapshot().get());
}

MethodResult evm_revert(const MethodCall& call) {
  auto id = parse_u64(call.param(0), param_name(0));
  if (!id) return error_of(id.error());
  return json(call.service.revert(*id).get());
}

MethodResult evm_increase_time(const MethodCall& call) {
  auto seconds = parse_u64(call.param(0), param_name(0));
  if (!seconds) return error_of(seconds.error());
  if (*seconds > static_cast<uint64_t>(std::numeric_limits<int64_t>::max() / 2))
    return refused(RefusalKind::InvalidParams, param_name(0) + ": too many seconds");
  const int64_t total = call.service.increase_time(static_cast<int64_t>(*seconds)).get();
  return quantity_json(static_cast<uint64_t>(total < 0 ? 0 : total));
}

MethodResult evm_set_next_block_timestamp(const MethodCall& call) {
  auto t = parse_u64(call.param(0), param_name(0));
  if (!t) return error_of(t.error());
  auto done = call.service.set_next_timestamp(*t).get();
  if (!done) return error_of(done.error());
  return json(nullptr);
}

MethodResult evm_set_automine(const MethodCall& call) {
  auto on = parse_bool(call.param(0), param_name(0));
  if (!on) return error_of(on.error());
  call.service.set_automine(*on).get();
  return json(nullptr);
}

MethodResult set_balance(const MethodCall& call) {
  auto address = dev_address(call);
  if (!address) return address.error();
  auto balance = parse_quantity(call.param(1), param_name(1));
  if (!balance) return error_of(balance.error());
  return dev_set_state(call,
                       StateOverride{StateOverride::Kind::Balance, *address, {}, *balance, {}});
}

MethodResult set_code(const MethodCall& call) {
  auto address = dev_address(call);
  if (!address) return address.error();
  auto code = parse_data(call.param(1), param_name(1));
  if (!code) return error_of(code.error());
  return dev_set_state(
      call, StateOverride{StateOverride::Kind::Code, *address, {}, {}, std::move(*code)});
}

MethodResult set_storage_at(const MethodCall& call) {
  auto address = dev_address(call);
  if (!address) return address.error();
  auto key = parse_storage_key(call.param(1), param_name(1));
  if (!key) return error_of(key.error());
  auto value = parse_storage_key(call.param(2), param_name(2));
  if (!value) return error_of(value.error());
  return dev_set_state(call,
                       StateOverride{StateOverride::Kind::Storage, *address, *key, *value, {}});
}

MethodResult impersonate_account(const MethodCall& call) {
  auto address = dev_address(call);
  if (!address) return address.error();
  call.service.impersonate(*address, true).get();
  return json(true);
}

MethodResult stop_impersonating_account(const MethodCall& call) {
  auto address = dev_address(call);
  if (!address) return address.error();
  call.service.impersonate(*address, false).get();
  return json(true);
}

}  // namespace handlers
}  // namespace tenet::node::rpc

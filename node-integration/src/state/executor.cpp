/// \file
/// Running transactions and calls on a JournaledHost (executor.hpp): the checks, the fees,
/// the one code path shared by blocks, eth_call and eth_estimateGas.

#include "tenet/node/state/executor.hpp"

#include <algorithm>
#include <limits>
#include <span>
#include <string>

#include "tenet/node/state/trie_backend.hpp"
#include "tenet/node/tx/fees.hpp"
#include "tenet/node/tx/intrinsic_gas.hpp"
#include "tenet/node/tx/validity.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::node {
namespace {

/// The most gas one run may get (the VM counts gas in int64_t).
constexpr uint64_t kMaxRunGas = uint64_t{1} << 62;

/// Parses and validates one container and, depth first, its children. `where` prefixes the
/// message ("child 0: ").
Result<std::size_t, std::string> check_container(ByteView bytes, const std::string& where) {
  auto parsed = vm::parse_container(bytes, vm::ContainerLimits::kMaxContainerSize);
  if (!parsed) return where + parsed.error().message;
  if (auto valid = vm::validate(parsed->container, vm::ValidationOptions{}); !valid)
    return where + valid.error().message;
  const auto& children = parsed->container.children;
  for (std::size_t i = 0; i < children.size(); ++i) {
    auto child = check_container(children[i], where + "child " + std::to_string(i) + ": ");
    if (!child) return child.error();
  }
  return parsed->size;
}

/// What a run needs besides the host: who, to whom, what, with how much gas for the frame.
struct RunInput {
  Address from;
  std::optional<Address> to;
  Word value;
  ByteView data;
  std::span<const AccessListEntry> access_list;
  int64_t frame_gas = 0;
  /// Where the constructor arguments start in `data` (creations).
  std::size_t container_size = 0;
};

/// Starts the transaction (warm sets: origin, recipient, coinbase, access list) and runs the
/// call (the sender's nonce + 1 first) or the creation (run_create bumps the nonce).
vm::ExecResult run_frame(vm::JournaledHost& host, const BlockEnv& block, const RunInput& in) {
  host.begin_transaction(in.from, in.to ? &*in.to : nullptr);
  host.access_account(block.coinbase);  // EIP-3651
  for (const AccessListEntry& entry : in.access_list) {
    host.access_account(entry.address);
    for (const Word& key : entry.storage_keys) host.access_storage(entry.address, key);
  }
  vm::Message msg;
  msg.gas = in.frame_gas;
  msg.sender = in.from;
  msg.value = in.value;
  if (in.to) {
    const vm::Account* sender = host.find_account(in.from);
    host.set_nonce(in.from, (sender ? sender->nonce : 0) + 1);
    msg.kind = vm::CallKind::Call;
    msg.recipient = *in.to;
    msg.input = in.data;
  } else {
    msg.kind = vm::CallKind::Create;
    msg.init_code = in.data.first(in.container_size);
    msg.input = in.data.subspan(in.container_size);
  }
  return host.call(msg);
}

/// Fills an outcome from a frame's result: gas used (all of `gas_limit` unless the frame
/// returned gas), output, reason, and the logs emitted since `logs_before` when it succeeded.
TxOutcome outcome_of(const vm::JournaledHost& host, const vm::ExecResult& r, uint64_t gas_limit,
                     uint64_t intrinsic, std::size_t logs_before) {
  TxOutcome out;
  out.status = r.status;
  const bool returns_gas = r.status == vm::Status::Success || r.status == vm::Status::Revert;
  const uint64_t frame_gas = gas_limit - intrinsic;
  const uint64_t left =
      returns_gas
          ? std::min<uint64_t>(frame_gas, static_cast<uint64_t>(std::max<int64_t>(r.gas_left, 0)))
          : 0;
  out.gas_used = gas_limit - left;
  out.output = r.output;
  out.reason = r.reason;
  if (r.status == vm::Status::Success) {
    out.logs.assign(host.logs().begin() + static_cast<std::ptrdiff_t>(logs_before),
                    host.logs().end());
  }
  return out;
}

/// The checks of execute_transaction that need the state (all before any change).
Result<uint64_t, Refusal> check_against_state(vm::JournaledHost& host, const BlockEnv& block,
                                              const Transaction& tx, const Address& sender,
                                              uint64_t block_gas_left) {
  if (auto stateless = check_transaction(tx); !stateless) return stateless.error();
  const vm::Account* account = host.find_account(sender);
  const uint64_t nonce = account ? account->nonce : 0;
  if (tx.nonce != nonce) {
    return Refusal{tx.nonce < nonce ? RefusalKind::NonceTooLow : RefusalKind::NonceTooHigh,
                   "address " + vm::to_hex(sender) + ", tx nonce " + std::to_string(tx.nonce) +
                       ", state nonce " + std::to_string(nonce)};
  }
  if (tx.gas_limit > block_gas_left || tx.gas_limit > kMaxRunGas) {
    return Refusal{RefusalKind::ExceedsBlockGasLimit, "gas limit " + std::to_string(tx.gas_limit) +
                                                          ", block gas left " +
                                                          std::to_string(block_gas_left)};
  }
  if (vm::lt(fee_cap(tx), block.base_fee)) {
    return Refusal{RefusalKind::FeeBelowBaseFee, "max fee per gas " + vm::to_decimal(fee_cap(tx)) +
                                                     ", base fee " +
                                                     vm::to_decimal(block.base_fee)};
  }
  const uint64_t intrinsic = transaction_intrinsic_gas(tx, tx.to ? host.get_code_size(*tx.to) : 0);
  if (tx.gas_limit < intrinsic) {
    return Refusal{RefusalKind::IntrinsicGasTooLow,
                   "have " + std::to_string(tx.gas_limit) + ", want " + std::to_string(intrinsic)};
  }
  const std::optional<Word> cost = max_cost(tx);
  const Word balance = account ? account->balance : Word{};
  if (!cost || vm::lt(balance, *cost)) {
    return Refusal{RefusalKind::InsufficientFunds,
                   "address " + vm::to_hex(sender) + " have " + vm::to_decimal(balance) + " want " +
                       (cost ? vm::to_decimal(*cost) : std::string("more than 2^256 - 1"))};
  }
  return intrinsic;
}

}  // namespace

vm::TxContext tx_context(const BlockEnv& block, const Address& origin, const Word& gas_price) {
  vm::TxContext context;
  context.origin = origin;
  context.gas_price = gas_price;
  context.coinbase = block.coinbase;
  context.number = block.number;
  context.timestamp = block.timestamp;
  context.gas_limit = block.gas_limit;
  context.chain_id = block.chain_id;
  context.base_fee = block.base_fee;
  context.difficulty = block.difficulty;
  return context;
}

Result<std::size_t, Refusal> check_deployment_code(ByteView data) {
  auto size = check_container(data, "");
  if (!size) return Refusal{RefusalKind::InvalidContainer, size.error()};
  return *size;
}

uint64_t transaction_intrinsic_gas(const Transaction& tx, std::size_t recipient_code_size) {
  const uint64_t gas = intrinsic_gas(tx);
  return tx.to ? gas + vm::cold_code_cost(recipient_code_size) : gas;
}

Result<TxOutcome, Refusal> execute_transaction(vm::JournaledHost& host, const BlockEnv& block,
                                               const Transaction& tx, const Address& sender,
                                               uint64_t block_gas_left) {
  auto intrinsic = check_against_state(host, block, tx, sender, block_gas_left);
  if (!intrinsic) return intrinsic.error();
  std::size_t container_size = 0;
  if (!tx.to) {
    auto checked = check_deployment_code(tx.data);
    if (!checked) return checked.error();
    container_size = *checked;
  }
  const Word price = effective_gas_price(tx, block.base_fee);
  const Word balance = host.get_balance(sender);
  host.set_context(tx_context(block, sender, price));
  host.set_block_hashes(block.block_hash);
  const std::size_t logs_before = host.logs().size();
  std::optional<Address> created;
  if (!tx.to) created = vm::create_address(sender, tx.nonce);
  host.set_balance(sender, vm::sub(balance, vm::mul(Word{tx.gas_limit}, price)));
  const RunInput in{sender,        tx.to,          tx.value,
                    tx.data,       tx.access_list, static_cast<int64_t>(tx.gas_limit - *intrinsic),
                    container_size};
  const vm::ExecResult r = run_frame(host, block, in);
  TxOutcome out = outcome_of(host, r, tx.gas_limit, *intrinsic, logs_before);
  out.effective_gas_price = price;
  out.contract_address = created;
  const uint64_t gas_left = tx.gas_limit - out.gas_used;
  if (gas_left > 0) {
    host.set_balance(sender, vm::add(host.get_balance(sender), vm::mul(Word{gas_left}, price)));
  }
  const Word tip = vm::sub(price, block.base_fee);  // price ≥ base fee: checked above
  if (!tip.is_zero() && out.gas_used > 0) {
    host.set_balance(block.coinbase,
                     vm::add(host.get_balance(block.coinbase), vm::mul(Word{out.gas_used}, tip)));
  }
  return out;
}

TxOutcome simulate_call(vm::JournaledHost& host, const BlockEnv& block,
                        const CallRequest& request) {
  const Address from = request.from.value_or(Address{});
  const uint64_t gas = std::min(request.gas.value_or(block.gas_limit), kMaxRunGas);
  Transaction shape;
  shape.to = request.to;
  shape.data = request.data;
  shape.access_list = request.access_list;
  const uint64_t intrinsic =
      transaction_intrinsic_gas(shape, request.to ? host.get_code_size(*request.to) : 0);
  TxOutcome out;
  out.effective_gas_price = request.gas_price;
  if (!request.to) {
    const vm::Account* sender = host.find_account(from);
    out.contract_address = vm::create_address(from, sender ? sender->nonce : 0);
  }
  if (gas < intrinsic) {
    out.status = vm::Status::OutOfGas;
    out.gas_used = gas;
    out.reason = "intrinsic gas too low: have " + std::to_string(gas) + ", want " +
                 std::to_string(intrinsic);
    return out;
  }
  std::size_t container_size = 0;
  if (!request.to) {
    auto checked = check_deployment_code(request.data);
    if (!checked) {
      out.status = vm::Status::Invalid;
      out.gas_used = gas;
      out.reason = checked.error().message();
      return out;
    }
    container_size = *checked;
  }
  host.set_context(tx_context(block, from, request.gas_price));
  host.set_block_hashes(block.block_hash);
  const std::size_t logs_before = host.logs().size();
  const RunInput in{from,          request.to,          request.value,
                    request.data,  request.access_list, static_cast<int64_t>(gas - intrinsic),
                    container_size};
  const vm::ExecResult r = run_frame(host, block, in);
  TxOutcome result = outcome_of(host, r, gas, intrinsic, logs_before);
  result.effective_gas_price = out.effective_gas_price;
  result.contract_address = out.contract_address;
  return result;
}

Result<uint64_t, TxOutcome> estimate_gas(const StateView& state,
                                         const std::vector<StateOverride>* overlay,
                                         const BlockEnv& block, const CallRequest& request,
                                         vm::Vm& vm) {
  constexpr int kMaxRuns = 24;
  int runs = 0;
  auto run = [&](uint64_t gas) {
    ++runs;
    TrieBackend backend(state, overlay);
    vm::JournaledHost host(vm, {}, &backend);
    CallRequest limited = request;
    limited.gas = gas;
    TxOutcome out = simulate_call(host, block, limited);
    if (backend.failed()) {
      out.status = vm::Status::Trap;
      out.reason = "state read failed: " + backend.error().message;
    }
    return out;
  };
  const uint64_t cap = std::min(request.gas.value_or(block.gas_limit), kMaxRunGas);
  TxOutcome at_cap = run(cap);
  if (at_cap.status != vm::Status::Success) return at_cap;
  // lo fails (or is below what was used), hi succeeds.
  uint64_t hi = cap;
  uint64_t lo = at_cap.gas_used;
  if (lo >= hi || run(lo).status == vm::Status::Success) return std::min(lo, hi);
  // The 63/64 rule: nested frames may need a little more than they used. Try that first.
  const uint64_t optimistic = (lo + 2300) * 64 / 63;
  bool first = true;
  while (hi - lo > 1 && runs < kMaxRuns) {
    const uint64_t mid = first && optimistic < hi ? optimistic : lo + (hi - lo) / 2;
    first = false;
    if (run(mid).status == vm::Status::Success) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

}  // namespace tenet::node

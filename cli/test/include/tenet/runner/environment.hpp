#pragma once
/// \file
/// The test environment, in one place (toolchain.md §5 "The test environment";
/// docs/testing.md): who deploys the test contract and where it lands, its balance, the
/// default sender, the block fields a test starts with, the per-test gas limit, and the
/// stack size of the worker threads.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tenet/vm/address.hpp"
#include "tenet/vm/message.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::runner {

/// The default sender of test calls, and the deployer of test contracts (shared with
/// `tenet run`).
inline constexpr std::string_view kDefaultSenderHex = "0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38";
/// The default sender as an address.
vm::Address default_sender();
/// The nonce the default sender deploys the test contract with. With nonce 1 the test
/// contract lands where forge puts its test contracts, and its first `new` where forge's first
/// creation lands.
inline constexpr uint64_t kTestContractDeployNonce = 1;
/// The address of every test contract: create_address(default_sender(), 1)
/// = 0x7fa9385be102ac3eac297483dd6233d62b3e1496.
vm::Address test_contract_address();
/// The native balance of the test contract and of the default sender: 2^96 wei.
vm::Word test_balance();
/// block.timestamp and block.number at the start (before `setup()`).
inline constexpr uint64_t kStartTimestamp = 1;
/// block.number at the start.
inline constexpr uint64_t kStartBlockNumber = 1;
/// block.chain_id.
inline constexpr uint64_t kChainId = 31337;
/// block.difficulty (block.base_fee is 0 and every block hash is zero: language.md §9).
inline constexpr uint64_t kDifficulty = 1;
/// The default gas limit of one test call (`[test] gas_limit`), also block.gas_limit. About
/// 1.6 s of the VM's cheapest instructions (docs/dos.md), so an endless loop ends quickly.
inline constexpr uint64_t kDefaultTestGasLimit = 1'000'000'000;
/// The smallest stack of a worker thread: nested external calls recurse on the native
/// stack (docs/vm.md); 1024 frames need well over 8 MiB under sanitizers.
inline constexpr size_t kWorkerStackBytes = size_t{32} << 20;

/// The block and transaction context a test suite starts with (before `setup()`):
/// origin = default sender, timestamp and number as above, chain id 31337, the gas
/// limit as block.gas_limit.
vm::TxContext initial_context(uint64_t gas_limit);

}  // namespace tenet::runner

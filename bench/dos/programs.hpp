#pragma once
/// \file
/// Building blocks of the denial-of-service patterns (internal to bench/dos): `.tasm`
/// text for gas-bounded loops, containers sized from ContainerLimits, and deployment.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "patterns.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::dos {

/// `PUSH` of a word, as `.tasm` text.
std::string push(const vm::Word& w);

/// The function `run()` (exported, attributes `attrs`): `setup`, then `body` in a loop
/// that repeats while more than `margin` gas is left and then stops; with margin 0 the
/// loop never ends (the pattern runs until it is out of gas).
std::string loop_fn(const std::string& attrs, const std::string& setup, const std::string& body,
                    int64_t margin);

/// `count` copies of `text`.
std::string repeat(const std::string& text, int count);

/// `.tasm` lines that grow memory to `bytes` (a store to its last byte).
std::string grow_memory(uint64_t bytes);

/// `.tasm` lines that put the selector of `run()` in memory[0..4].
std::string store_run_selector();

/// `.tasm` lines that call `to_lines` (lines leaving the callee's address on the stack)
/// with `run()`'s selector from memory[0..4], dropping the success flag. The callee gets
/// `gas`, or with 0 all the gas the 63/64 rule forwards.
std::string call_run(const std::string& to_lines, int64_t gas = 0);

/// A contract whose `run()` just stops.
std::string stop_contract();

/// A valid container of at most `size` bytes (as close as the encoding allows) whose
/// `run()` stops at once; the rest is one function of `PUSH0 POP` pairs, the cheapest
/// bytes to send and the most instructions to decode. `variant` makes the code (and so
/// the code hash) distinct.
std::vector<uint8_t> filled_container(size_t size, uint32_t variant);

/// Assembles `source` (an error is a bug in the pattern: throws std::runtime_error).
std::vector<uint8_t> assemble_or_throw(const std::string& source, const std::string& name);

/// Deploys container bytes from the world's sender; returns the new address (throws
/// std::runtime_error if the deployment fails).
vm::Address deploy(SetupWorld& world, std::span<const uint8_t> container);

/// Assembles and deploys `source`.
vm::Address deploy_source(SetupWorld& world, const std::string& source, const std::string& name);

/// The call data of `run()`, followed by `words`.
std::vector<uint8_t> run_input(std::span<const vm::Word> words = {});

}  // namespace tenet::dos

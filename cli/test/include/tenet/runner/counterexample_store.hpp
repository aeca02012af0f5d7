#pragma once
/// \file
/// Saved counterexamples (docs/testing.md "Saved counterexamples"): one JSON file
/// per failing fuzz or invariant test, ROOT/cache/fuzz/<file>/<Contract>/<signature>.json,
/// written when a campaign fails, replayed first by the next campaign of the test, deleted
/// when the test passes. Fuzz: {"seed", "signature", "args": [texts]}; invariants add
/// "calls": [{"sender", "target", "contract", "function", "args"}] (target and sender as 0x
/// addresses, function as its signature).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::runner {

/// Bytes a saved counterexample may have; a larger file is ignored.
inline constexpr uintmax_t kMaxSavedCounterexampleBytes = uintmax_t{64} << 10;

/// One call of a saved invariant sequence.
struct SavedCall {
  std::string sender;             ///< 0x address
  std::string target;             ///< 0x address of the called contract
  std::string contract;           ///< its contract name (informative)
  std::string function;           ///< the function's signature, "transfer(address,uint256)"
  std::vector<std::string> args;  ///< argument texts
  friend bool operator==(const SavedCall&, const SavedCall&) = default;
};

/// A saved counterexample.
struct SavedCounterexample {
  uint64_t seed = 0;              ///< the seed of the campaign that found it
  std::string signature;          ///< the test's signature
  std::vector<std::string> args;  ///< a fuzz test's argument texts
  std::vector<SavedCall> calls;   ///< an invariant's sequence
  friend bool operator==(const SavedCounterexample&, const SavedCounterexample&) = default;
};

/// The file of a test's counterexample under `store` (ROOT/cache/fuzz).
std::filesystem::path counterexample_path(const std::filesystem::path& store,
                                          const std::string& file, const std::string& contract,
                                          const std::string& signature);

/// Reads the counterexample of the test with `signature` at `path`: none when there is no
/// file; an error (the reason it is ignored) when it is larger than
/// kMaxSavedCounterexampleBytes, is not JSON of the shape above, or names another signature.
vm::Result<std::optional<SavedCounterexample>> load_counterexample(
    const std::filesystem::path& path, const std::string& signature);

/// Writes `saved` to `path` (directories created); returns why it could not, or none.
std::optional<vm::Error> save_counterexample(const std::filesystem::path& path,
                                             const SavedCounterexample& saved);

/// Deletes the file at `path` if there is one (errors ignored: a stale file is replayed and
/// passes again).
void remove_counterexample(const std::filesystem::path& path);

}  // namespace tenet::runner

#pragma once
/// \file
/// Gas estimates of a container's entry points (docs/gas.md, "Gas estimates"): for each
/// exported function, the constructor and receive, a proven upper bound of the execution
/// gas one call can use, or "unbounded" with the reason no bound was proven.
///
/// The bound is the longest path through the function's basic blocks (a DAG once loops are
/// ruled out), where a block costs its static gas (frame fees of CALLF included), the
/// worst case of its instructions' dynamic costs and the bound of every function it
/// calls; plus, once per call, the cost of the most memory any path can touch. Values on
/// the stack, in locals and in memory words at constant addresses are tracked as
/// intervals, so that memory addresses and lengths that the code computes from constants
/// (the free pointer, ABI encoding of static values) are bounded. Anything the analysis
/// cannot bound makes the function "unbounded":
/// - a loop (a back edge in a function's block graph) or recursion (a cycle of CALLF);
/// - CALL, STATICCALL, CREATE (they forward up to all the gas left) and CHEAT;
/// - a memory access, copy, hash or log whose address or length is not bounded.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::compiler {

/// The estimate of one entry point.
struct GasBound {
  std::optional<uint64_t> gas;  ///< the proven upper bound, or none ("unbounded")
  std::string reason;           ///< why it is unbounded: "loop in function 2 at offset 0x1c", …
  /// True when a bound was proven.
  bool bounded() const { return gas.has_value(); }
  friend bool operator==(const GasBound&, const GasBound&) = default;
};

/// One exported function's estimate.
struct ExportGas {
  std::array<uint8_t, 4> selector{};  ///< the export's selector
  uint16_t function = 0;              ///< the function it enters
  GasBound bound;                     ///< its estimate
};

/// The estimates of every entry point of a container.
struct ContainerGas {
  std::optional<GasBound> constructor;  ///< when the container has a constructor
  std::optional<GasBound> receive;      ///< when it has a receive function
  std::vector<ExportGas> exports;       ///< in export-table order
};

/// The estimate of one call entering `function` of `container` (which `analysis`, the
/// validator's result, describes) with empty memory.
GasBound estimate_function_gas(const vm::Container& container, const vm::CodeAnalysis& analysis,
                               uint16_t function);

/// Validates `container` (with `options`) and estimates every entry point. Fails only
/// when the container does not validate.
vm::Result<ContainerGas> estimate_gas(const vm::Container& container, const vm::ValidationOptions& options = {});

/// The gas of `words` 32-byte words of memory: 3·w + ⌊w²/512⌋ (docs/gas.md).
uint64_t memory_gas(uint64_t words);

}  // namespace tenet::compiler

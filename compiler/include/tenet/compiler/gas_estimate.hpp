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
/// - CALL and STATICCALL forwarding the gas left (bounded when their gas operand is: by it,
///   a cold callee of the largest size and the value's 9000), CREATE, and CHEAT;
/// - a memory access, copy, hash or log whose address or length is not bounded.
///
/// Conditional jumps narrow the values they test (a JUMPI taken on `x` or on
/// `ISZERO x` tells whether `x` is zero on each edge, for every copy of `x`), and edges
/// that the known values rule out are not followed.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(outputs, gas_estimate.hpp)

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::compiler {

/// What kept the estimator from a bound (GasBound::cause).
enum class UnboundedCause {
  none,           ///< bounded
  loop,           ///< a back edge in a function's block graph
  recursion,      ///< a cycle of CALLF
  external_call,  ///< CALL, STATICCALL or CREATE
  cheat_code,     ///< CHEAT (test contracts)
  memory,         ///< a memory address or length the analysis cannot bound
  too_large,      ///< the code exceeds the analysis' step budget
  too_much_gas,   ///< the bound exceeds 2^62 gas
};

/// The estimate of one entry point.
struct GasBound {
  std::optional<uint64_t> gas;  ///< the proven upper bound, or none ("unbounded")
  std::string reason;           ///< why it is unbounded: "loop in function 2 at offset 0x1c", …
  UnboundedCause cause = UnboundedCause::none;  ///< what `reason` is about
  /// The code offset (absolute in the code section) `reason` names: the loop's head, the
  /// instruction, the entry of the function that recurses; none when it names no place.
  std::optional<uint32_t> at;
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

/// The call-data sizes that well-formed calls have, where the ABI fixes them (functions
/// and constructors whose parameters are all static types). An entry point without a
/// size is estimated for call data of any size.
struct CallDataSizes {
  std::map<std::array<uint8_t, 4>, uint64_t> exports;  ///< by selector: 4 + the arguments' size
  std::optional<uint64_t> constructor;                 ///< the constructor arguments' size
};

/// The estimate of one call entering `function` of `container` (which `analysis`, the
/// validator's result, describes) with empty memory; `calldata_size`, when given, is
/// the exact size of the call data (CALLDATASIZE).
GasBound estimate_function_gas(const vm::Container& container, const vm::CodeAnalysis& analysis,
                               uint16_t function,
                               std::optional<uint64_t> calldata_size = std::nullopt);

/// Validates `container` (with `options`) and estimates every entry point, each for
/// call data of the size `sizes` gives (receive: empty call data). Fails only when the
/// container does not validate.
vm::Result<ContainerGas> estimate_gas(const vm::Container& container,
                                      const vm::ValidationOptions& options = {},
                                      const CallDataSizes& sizes = {});

}  // namespace tenet::compiler

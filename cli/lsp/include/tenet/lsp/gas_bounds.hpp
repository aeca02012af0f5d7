#pragma once
/// \file
/// Gas bounds where the code is written: every entry point of the contracts of a document
/// compiled with the whole back end (compile_contract) and estimated as the artifact's
/// `gasEstimates` are (contract_gas_estimates), then described for people:
///
///     ≤ 50,649 gas
///     unbounded: loop at line 42
///     unbounded: external call at line 17
///     unbounded: recursion at std/math.tn:12        (a place in another file)
///
/// The causes are "loop", "recursion", "external call", "cheat code", "memory not
/// bounded", "code too large to analyse" and "bound above 2^62 gas" (the last two name no
/// place). The place is the source line the codegen line table gives for the code offset
/// the estimator names; for a loop, the line of the innermost `for` or `while` statement
/// of the document around that line (the optimiser makes a loop's body its head). Only
/// entry points have bounds: pub functions (getters included), receive and the
/// constructor.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/compiler/gas_estimate.hpp"
#include "tenet/compiler/opt.hpp"
#include "tenet/lsp/analysis.hpp"

namespace tenet::lsp {

/// The described bound of one entry point.
struct FunctionGas {
  std::string contract;  ///< the contract's name
  std::string entry;     ///< gas_entry_name of the function ("transfer(address,uint256)")
  std::string text;      ///< "≤ 50,649 gas", "unbounded: loop at line 42"
  friend bool operator==(const FunctionGas&, const FunctionGas&) = default;
};

/// The bounds of a document's contracts.
struct DocumentGas {
  std::vector<FunctionGas> functions;  ///< by contract, in the estimates' order
  std::vector<std::string> errors;     ///< contracts that did not compile: the driver's message
};

/// Compiles each contract declared in `checked`'s document at `level` and describes the
/// bounds of its entry points. `checked` must have no errors.
DocumentGas document_gas(const CheckedDocument& checked, compiler::OptLevel level);

/// The first and last line (1-based) of a loop statement.
struct LineSpan {
  uint32_t first = 0;  ///< the line of `for` or `while`
  uint32_t last = 0;   ///< the line of the closing `}`
};

/// The spans of every `for` and `while` statement in the functions and constructors of
/// `checked`'s document.
std::vector<LineSpan> loop_spans(const CheckedDocument& checked);

/// "≤ 50,649 gas" for a bound; for none "unbounded: CAUSE at line N" (at `FILE:N` when the
/// line is in another file than `document_path`; no place when the estimator names none or
/// the line table has no line for it). A loop's line is moved to the first line of the
/// innermost of `loops` (the document's) around it.
std::string describe_gas(const compiler::GasBound& bound, const compiler::CodegenResult& code,
                         const std::string& document_path, const std::vector<LineSpan>& loops);

/// An entry point of the document as the editor shows it.
struct GasSite {
  const compiler::ContractInfo* contract = nullptr;  ///< its contract
  std::string function;                              ///< its name (`init`: the constructor)
  std::string entry;                                 ///< its name in the estimates
  compiler::SourceRange name;  ///< the function's name (for the constructor: `init`)
  std::optional<std::array<uint8_t, 4>> selector;  ///< for a pub function
};

/// The entry points declared in `checked`'s document (contracts only, functions the
/// contract declares itself), in source order.
std::vector<GasSite> gas_sites(const CheckedDocument& checked);

/// The site of function `function` of contract `contract` (as the source index names
/// them), or null.
const GasSite* find_site(const std::vector<GasSite>& sites, const std::string& contract,
                         const std::string& function);

/// The text of `site` among `gas`, or null.
const FunctionGas* find_gas(const std::vector<FunctionGas>& gas, const GasSite& site);

/// `n` with ',' between groups of three digits: "50,649".
std::string with_thousands(uint64_t n);

}  // namespace tenet::lsp

#pragma once
/// \file
/// The build artifact of one contract (toolchain.md §2, docs/cli.md "Artifacts"): the
/// JSON object `tenet build` writes to `out/<Contract>.json`,
///
///     {"abi": […], "bytecode": "0x…", "bytecodeHash": "0x…",
///      "compiler": {"name": "tenet", "version": "0.1.0"}, "contractName": "Token",
///      "devdoc": {…}, "gasEstimates": {…}, "sourceMap": {…}, "sourceName": "src/token.tn",
///      "storageLayout": […]}
///
/// Keys are sorted and arrays have a fixed order, so equal inputs give equal files.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(outputs, artifact.hpp)

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/gas_estimate.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::compiler {

/// The compiler's version (the CMake project version), e.g. "0.1.0".
const char* compiler_version();

/// Maps a file name of the line table (as the SourceManager holds it) to the name the
/// artifact records.
using FileNamer = std::function<std::string(const std::string&)>;

/// One entry point's estimate under its ABI name.
struct NamedGas {
  std::string name;  ///< "transfer(address,uint256)", "constructor" or "receive"
  GasBound bound;    ///< the estimate
};

/// The estimates of `contract`'s entry points, named by signature: every ABI function
/// (getters included) whose selector `gas` has, then "constructor" and "receive" when
/// present; sorted by name.
std::vector<NamedGas> named_gas_estimates(const CheckedProgram& program,
                                          const ContractInfo& contract, const ContainerGas& gas);

/// The call-data sizes of well-formed calls of the functions and the constructor in
/// `abi` whose parameters are all static types: 4 + 32 per word of the arguments for a
/// function (selector first), 32 per word for the constructor.
CallDataSizes abi_call_data_sizes(std::span<const AbiEntry> abi);

/// Validates `container` (the compiled `contract`) and estimates its entry points for
/// well-formed call data (abi_call_data_sizes), named as named_gas_estimates does.
vm::Result<std::vector<NamedGas>> contract_gas_estimates(const CheckedProgram& program,
                                                         const ContractInfo& contract,
                                                         const vm::Container& container);

/// `{"name": gas | "unbounded", …}` for the artifact's `gasEstimates`.
nlohmann::json gas_estimates_json(const std::vector<NamedGas>& estimates);

/// The artifact's `sourceMap`: `{"files": [names…], "entries": [[codeOffset, fileIndex,
/// line, column], …]}` from the line table, with file names mapped by `name_of`.
nlohmann::json source_map_json(const CodegenResult& code, const FileNamer& name_of);

/// The artifact's `devdoc` (solc's shape): `{"kind": "dev", "version": 1, "details":
/// contract doc, "methods": {signature: {"details": doc}}}`; the constructor's doc is
/// under "constructor"; entries without docs are left out.
nlohmann::json devdoc_json(const ContractInfo& contract);

/// Everything that goes into an artifact besides what the compiled contract holds.
struct ArtifactInput {
  const CheckedProgram* program = nullptr;     ///< the checked program
  const ContractInfo* contract = nullptr;      ///< the contract
  const CompiledContract* compiled = nullptr;  ///< its compiled form
  std::string source_name;                     ///< "src/token.tn"
  FileNamer file_name;                         ///< for the source map's file names
};

/// The whole artifact. Fails only when the compiled container does not validate.
vm::Result<nlohmann::json> build_artifact(const ArtifactInput& input);

/// The artifact as written to disk: two-space indentation and a final newline.
std::string artifact_text(const nlohmann::json& artifact);

}  // namespace tenet::compiler

// Build artifacts (artifact.hpp): ABI, bytecode and its hash, storage layout, source map,
// gas estimates, devdoc and the compiler version of one contract as sorted JSON.
#include "tenet/compiler/artifact.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "tenet/abi/type.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

#ifndef TENET_VERSION
#error "TENET_VERSION (the CMake project version) must be defined by the build"
#endif

namespace tenet::compiler {

const char* compiler_version() {
  return TENET_VERSION;
}

std::vector<NamedGas> named_gas_estimates(const CheckedProgram& program,
                                          const ContractInfo& contract, const ContainerGas& gas) {
  std::vector<NamedGas> out;
  for (const AbiEntry& entry : contract_abi(program, contract)) {
    if (entry.kind != AbiEntryKind::function) continue;
    const auto selector = vm::selector_of(abi_signature(entry));
    for (const ExportGas& e : gas.exports)
      if (e.selector == selector) {
        out.push_back({abi_signature(entry), e.bound});
        break;
      }
  }
  // A test contract also exports its setup, test and invariant functions (not in the ABI).
  if (contract.kind == ContractInfo::Kind::test_contract) {
    for (const FunctionInfo& f : contract.functions) {
      if (f.is_pub || (f.kind == ast::FunctionKind::normal && f.name != "setup")) continue;
      const auto selector = vm::selector_of(f.signature());
      for (const ExportGas& e : gas.exports)
        if (e.selector == selector) {
          out.push_back({f.signature(), e.bound});
          break;
        }
    }
  }
  if (gas.constructor) out.push_back({"constructor", *gas.constructor});
  if (gas.receive) out.push_back({"receive", *gas.receive});
  std::sort(out.begin(), out.end(),
            [](const NamedGas& a, const NamedGas& b) { return a.name < b.name; });
  return out;
}

namespace {

/// The ABI-encoded size of `params` when every one has a static type, else none.
std::optional<uint64_t> arguments_size(const std::vector<AbiParam>& params) {
  auto types = abi::types_of(params);
  if (!types) return std::nullopt;
  uint64_t total = 0;
  for (const abi::AbiType& t : *types) {
    if (t.is_dynamic()) return std::nullopt;
    total += t.head_size();
  }
  return total;
}

}  // namespace

CallDataSizes abi_call_data_sizes(std::span<const AbiEntry> abi) {
  CallDataSizes out;
  for (const AbiEntry& e : abi) {
    const auto size = arguments_size(e.inputs);
    if (!size) continue;
    if (e.kind == AbiEntryKind::function)
      out.exports[vm::selector_of(abi_signature(e))] = 4 + *size;
    else if (e.kind == AbiEntryKind::constructor)
      out.constructor = *size;
  }
  return out;
}

vm::Result<std::vector<NamedGas>> contract_gas_estimates(const CheckedProgram& program,
                                                         const ContractInfo& contract,
                                                         const vm::Container& container) {
  const auto abi = contract_abi(program, contract);
  auto gas = estimate_gas(container,
                          vm::ValidationOptions{contract.kind == ContractInfo::Kind::test_contract},
                          abi_call_data_sizes(abi));
  if (!gas) return vm::Error{contract.name + ": " + gas.error().message};
  return named_gas_estimates(program, contract, *gas);
}

nlohmann::json gas_estimates_json(const std::vector<NamedGas>& estimates) {
  nlohmann::json out = nlohmann::json::object();
  for (const NamedGas& g : estimates)
    out[g.name] = g.bound.gas ? nlohmann::json(*g.bound.gas) : nlohmann::json("unbounded");
  return out;
}

nlohmann::json source_map_json(const CodegenResult& code, const FileNamer& name_of) {
  nlohmann::json files = nlohmann::json::array();
  for (const std::string& f : code.files) files.push_back(name_of ? name_of(f) : f);
  nlohmann::json entries = nlohmann::json::array();
  for (const LineEntry& e : code.lines)
    entries.push_back({e.code_offset, e.file, e.line, e.column});
  return {{"entries", entries}, {"files", files}};
}

nlohmann::json devdoc_json(const ContractInfo& contract) {
  nlohmann::json methods = nlohmann::json::object();
  for (const FunctionInfo& f : contract.functions) {
    if (!f.is_pub || f.doc.empty()) continue;
    methods[f.is_receive ? std::string("receive") : f.signature()] = {{"details", f.doc}};
  }
  for (const FunctionInfo& g : contract.getters)
    if (!g.doc.empty()) methods[g.signature()] = {{"details", g.doc}};
  if (contract.init && !contract.init->doc.empty())
    methods["constructor"] = {{"details", contract.init->doc}};
  nlohmann::json out{{"kind", "dev"}, {"methods", methods}, {"version", 1}};
  if (!contract.doc.empty()) out["details"] = contract.doc;
  return out;
}

vm::Result<nlohmann::json> build_artifact(const ArtifactInput& in) {
  const CheckedProgram& program = *in.program;
  const ContractInfo& contract = *in.contract;
  const CompiledContract& compiled = *in.compiled;
  auto gas = contract_gas_estimates(program, contract, compiled.code.container);
  if (!gas) return gas.error();
  const auto hash = vm::keccak256(compiled.bytecode);
  nlohmann::json out;
  out["contractName"] = contract.name;
  out["sourceName"] = in.source_name;
  out["abi"] = to_json(contract_abi(program, contract));
  out["bytecode"] = vm::hex_encode(compiled.bytecode);
  out["bytecodeHash"] = vm::hex_encode(hash);
  out["storageLayout"] = to_json(storage_layout(contract));
  out["sourceMap"] = source_map_json(compiled.code, in.file_name);
  out["gasEstimates"] = gas_estimates_json(*gas);
  out["devdoc"] = devdoc_json(contract);
  out["compiler"] = {{"name", "tenet"}, {"version", compiler_version()}};
  return out;
}

std::string artifact_text(const nlohmann::json& artifact) {
  return artifact.dump(2) + "\n";
}

}  // namespace tenet::compiler

// The storage layout of a contract (layout.hpp, language.md §10, docs/abi.md).
#include "tenet/compiler/layout.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tenet::compiler {

std::vector<StorageField> storage_layout(const ContractInfo& contract) {
  std::vector<StorageField> out;
  for (const FieldInfo& field : contract.fields) {
    if (field.type == nullptr) continue;
    out.push_back({field.name, field.slot, storage_slots(*field.type), display_name(*field.type),
                   field.component != nullptr ? field.component->name : std::string()});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const StorageField& a, const StorageField& b) { return a.slot < b.slot; });
  return out;
}

nlohmann::json to_json(std::span<const StorageField> fields) {
  nlohmann::json out = nlohmann::json::array();
  for (const StorageField& f : fields) {
    nlohmann::json entry = {
        {"name", f.name}, {"slot", f.slot}, {"slots", f.slots}, {"type", f.type}};
    if (!f.component.empty()) entry["component"] = f.component;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace tenet::compiler

#pragma once
/// \file
/// The storage layout of a contract (language.md §10) as data and as the JSON that
/// `tenet compile --emit layout` prints and the artifact embeds as `storageLayout`
/// (docs/abi.md): one object per field, in slot order,
///
///     {"name": "balances", "slot": 1, "slots": 1, "type": "map<address, u256>"}
///
/// Every field starts at its own slot and takes `slots` consecutive slots: one for a
/// value type, a map, a dynamic array, `string` or `bytes`; N × the element's slots for
/// `[T; N]`; the sum of its fields' slots for a struct.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(sema, layout.hpp)

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "tenet/compiler/checked_program.hpp"

namespace tenet::compiler {

/// Where one storage field lives.
struct StorageField {
  std::string name;    ///< the field's name
  uint64_t slot = 0;   ///< its first slot
  uint64_t slots = 0;  ///< how many consecutive slots it takes
  std::string type;    ///< its type as Tenet spells it ("u256", "[u8; 4]", "map<address, u256>")
  std::string component;  ///< (1.1) the component that declares it; empty for the contract's own
};

/// The fields of `contract` in slot order (empty for an interface).
std::vector<StorageField> storage_layout(const ContractInfo& contract);

/// The JSON array of `fields`: `[{"name":…, "slot":…, "slots":…, "type":…}, …]`; a
/// component's field also has `"component": "Ownable"`.
nlohmann::json to_json(std::span<const StorageField> fields);

}  // namespace tenet::compiler

// The payloads of tenet.debuglog, decoded: typed `log(…)` payloads.

#include "tenet/abi/log.hpp"

#include <string_view>

#include "tenet/abi/type.hpp"
#include "tenet/abi/values.hpp"

namespace tenet::abi {
namespace {

/// Brackets a log's type list may hold: parsing and decoding recurse once per bracket,
/// so a hostile payload must not nest without bound.
constexpr size_t kMaxBrackets = 256;

/// The types of a log's type list "(t1,…,tn)".
vm::Result<std::vector<AbiType>> log_types(std::string_view list) {
  if (list.size() < 2 || list.front() != '(' || list.back() != ')')
    return vm::Error{"the log's type list '" + std::string(list) + "' is not '(types)'"};
  size_t brackets = 0;
  for (char c : list) brackets += c == '(' || c == '[' ? 1 : 0;
  if (brackets > kMaxBrackets)
    return vm::Error{"the log's type list nests more than " + std::to_string(kMaxBrackets) +
                     " brackets"};
  auto types = parse_type_list(list.substr(1, list.size() - 2));
  if (!types)
    return vm::Error{"the log's type list '" + std::string(list) + "': " + types.error().message};
  return types;
}

}  // namespace

vm::Result<std::vector<std::string>> decode_log(std::span<const uint8_t> payload) {
  std::vector<AbiType> head(1);
  head[0].kind = AbiType::Kind::string;
  auto list = decode_values(head, payload);
  if (!list) return vm::Error{"not a log: " + list.error().message};
  auto types = log_types(list->front());
  if (!types) return types.error();
  std::vector<AbiType> all = head;
  all.insert(all.end(), types->begin(), types->end());
  auto values = decode_values(all, payload);
  if (!values) return vm::Error{"a log of " + list->front() + ": " + values.error().message};
  values->erase(values->begin());
  return values;
}

std::string format_log(std::span<const std::string> values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ' ';
    out += values[i];
  }
  return out;
}

}  // namespace tenet::abi

// Function signatures (signature.hpp).
#include "tenet/abi/signature.hpp"

#include "tenet/vm/crypto.hpp"
#include "text.hpp"

namespace tenet::abi {

std::string Signature::canonical() const {
  return name + "(" + type_list_name(inputs) + ")";
}

std::array<uint8_t, 4> Signature::selector() const {
  return vm::selector_of(canonical());
}

vm::Result<Signature> parse_signature(std::string_view text) {
  const std::string malformed = "malformed signature '" + std::string(text) + "': ";
  const size_t open = text.find('(');
  if (open == std::string_view::npos || open == 0 || text.back() != ')')
    return vm::Error{malformed + "expected name(type,...)"};
  auto parts = detail::split_top_level(text.substr(open + 1, text.size() - open - 2));
  if (!parts) return vm::Error{malformed + parts.error().message};
  Signature out;
  out.name = std::string(detail::trim(text.substr(0, open)));
  out.written = std::string(text);
  for (std::string_view part : *parts) {
    std::string compact;
    for (char c : part)
      if (c != ' ') compact += c;
    auto type = parse_type(compact);
    if (!type) return type.error();
    out.inputs.push_back(std::move(*type));
  }
  return out;
}

vm::Result<Signature> signature_of(const AbiEntry& entry) {
  auto inputs = types_of(entry.inputs);
  if (!inputs) return inputs.error();
  return Signature{entry.name, std::move(*inputs), abi_signature(entry)};
}

}  // namespace tenet::abi

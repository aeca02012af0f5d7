/// \file
/// The method table's rows and lookup (method_table.hpp).

#include "method_table.hpp"

#include <array>

namespace tenet::node::rpc {
namespace {

constexpr MethodSpec kMethodRows[] = {
#define TENET_RPC_METHOD_ROW(name, alias, least, most, privileged, handler) \
  MethodSpec{name, alias, least, most, privileged, &handlers::handler},
    TENET_RPC_METHODS(TENET_RPC_METHOD_ROW)
#undef TENET_RPC_METHOD_ROW
};

}  // namespace

std::span<const MethodSpec> method_table() {
  return kMethodRows;
}

const MethodSpec* find_method(std::string_view name) {
  for (const MethodSpec& m : kMethodRows)
    if (m.name == name || (!m.alias.empty() && m.alias == name)) return &m;
  return nullptr;
}

}  // namespace tenet::node::rpc

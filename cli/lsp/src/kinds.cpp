// The protocol's kinds of declarations (kinds.hpp).
#include "kinds.hpp"

#include <array>
#include <utility>

namespace tenet::lsp {
namespace {

using compiler::SymbolKind;

// SymbolKind: Module 2, Class 5, Method 6, Field 8, Constructor 9, Enum 10, Interface 11,
// Function 12, Variable 13, Constant 14, Struct 23, EnumMember 22, Event 24.
// CompletionItemKind: Method 2, Function 3, Field 5, Variable 6, Class 7, Interface 8,
// Module 9, Enum 13, Keyword 14, EnumMember 20, Constant 21, Struct 22, Event 23.
constexpr std::array<std::pair<SymbolKind, ProtocolKinds>, 14> kKinds{{
    {SymbolKind::contract, {5, 7}},
    {SymbolKind::test_contract, {5, 7}},
    {SymbolKind::component, {2, 9}},
    {SymbolKind::interface, {11, 8}},
    {SymbolKind::struct_type, {23, 22}},
    {SymbolKind::enum_type, {10, 13}},
    {SymbolKind::enum_variant, {22, 20}},
    {SymbolKind::event, {24, 23}},
    {SymbolKind::error, {5, 7}},
    {SymbolKind::function, {12, 3}},
    {SymbolKind::field, {8, 5}},
    {SymbolKind::constant, {14, 21}},
    {SymbolKind::local, {13, 6}},
    {SymbolKind::parameter, {13, 6}},
}};

}  // namespace

ProtocolKinds protocol_kinds(SymbolKind kind) {
  for (const auto& [k, p] : kKinds)
    if (k == kind) return p;
  return {};
}

}  // namespace tenet::lsp

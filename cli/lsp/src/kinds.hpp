#pragma once
// What the protocol calls each kind of declaration of the source index: one row per
// compiler::SymbolKind (LSP 3.17 SymbolKind for the outline, CompletionItemKind for
// completion). Private to the library.

#include "tenet/compiler/source_index.hpp"

namespace tenet::lsp {

/// The protocol's numbers for one kind of declaration.
struct ProtocolKinds {
  int symbol = 13;     ///< SymbolKind (documentSymbol)
  int completion = 6;  ///< CompletionItemKind
};

/// The row of `kind`.
ProtocolKinds protocol_kinds(compiler::SymbolKind kind);

}  // namespace tenet::lsp

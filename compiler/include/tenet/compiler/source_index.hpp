#pragma once
/// \file
/// The source index: what an editor (the language server, `tenet lsp`) needs to know about
/// the names of a checked program — every declaration as a Symbol, every use of a name
/// and the declaration it resolves to, the type of every expression — and the requests
/// answered from it: go to definition, find references, outline, hover and completion
/// (docs/compiler.md, "Source index (editor support)").
///
/// It is built from a CheckedProgram, valid or not: for files with syntax errors, check
/// the program with CheckOptions::tolerate_syntax_errors (sema.hpp) so that the parts
/// that parsed are indexed. Positions are byte offsets into a file's text (SourcePos).

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(index, source_index.hpp)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler {

/// What a Symbol declares.
enum class SymbolKind {
  contract,       ///< `contract C`
  test_contract,  ///< `test contract T`
  component,      ///< (1.1) `component C`
  interface,      ///< `interface I`
  struct_type,    ///< `struct S`
  enum_type,      ///< `enum E`
  enum_variant,   ///< a variant of an enum
  event,          ///< `event E(…)`
  error,          ///< `error Er(…)`
  function,       ///< a free function, contract or interface function (`init` included)
  field,          ///< a storage field or a struct field
  constant,       ///< a `const` item or contract constant
  local,          ///< a `let`, `for`, `try` or `catch` local
  parameter,      ///< a parameter of a function or init
};

/// The word for a kind, for people: "contract", "struct", "enum variant", "local", ….
std::string_view symbol_kind_name(SymbolKind kind);

/// One declaration.
struct Symbol {
  SymbolKind kind = SymbolKind::local;  ///< what it declares
  std::string name;                     ///< as declared
  /// the enclosing declarations, dotted: "Token" for a member, "Token.transfer" for a
  /// parameter; "" at the top level
  std::string container;
  SourceRange name_range;  ///< the name in the declaration (the definition target)
  SourceRange full_range;  ///< the whole declaration (the outline range)
  /// the declaration rendered on one line: "pub fn transfer(to: address, amount: u256)
  /// -> bool", "balances: map<address, u256>", "struct Point", "Status::Open"
  std::string detail;
  std::string type;  ///< the value's type for fields, constants, locals, parameters; else ""
  std::string doc;   ///< the `///` doc comment text
  /// pub functions and errors: the 4-byte selector ("0xa9059cbb"); events: topic 0 (32 bytes)
  std::optional<std::string> selector;
  /// the canonical ABI signature the selector hashes: "transfer(address,uint256)"
  std::optional<std::string> abi_signature;
  std::optional<size_t> parent;  ///< the enclosing symbol (outline tree), if any
  /// for functions: the sema record (valid while the indexed CheckedProgram lives)
  const FunctionInfo* function = nullptr;
  const Type* value_type = nullptr;  ///< the sema type behind `type`, if any
};

/// A function named so that another compilation of the same sources finds it (the
/// language server's gas bounds come from a separate compile).
struct FunctionRef {
  std::string contract;  ///< the contract, component or interface; "" for a free function
  std::string function;  ///< the function's name (`init` for the constructor)
};

/// The index of one checked program. Answers requests by file and byte offset.
class SourceIndex {
 public:
  /// Indexes `program`, whose files are in `sources` (valid or not). The index keeps
  /// pointers into `program` (Symbol::function, value_type): keep it alive.
  static SourceIndex build(const CheckedProgram& program, const SourceManager& sources);

  /// Every declaration: items and members in source order per file, then locals.
  const std::vector<Symbol>& symbols() const { return symbols_; }

  /// The symbol declared or used at `offset` of `file`: the name whose characters
  /// include the offset, or else a name ending exactly at it (a cursor just after a word).
  std::optional<size_t> symbol_at(FileId file, uint32_t offset) const;
  /// The name range of the declaration of the symbol at `offset`.
  std::optional<SourceRange> definition(FileId file, uint32_t offset) const;
  /// Every use of `symbol`, and its declaration's name when `include_declaration`, ordered
  /// by file and offset.
  std::vector<SourceRange> references(size_t symbol, bool include_declaration) const;
  /// The top-level symbols of `file`, in source order; their members through children().
  std::vector<size_t> outline(FileId file) const;
  /// The symbols whose parent is `symbol`, in source order (locals and parameters of a
  /// function included; an outline may leave them out).
  std::vector<size_t> children(size_t symbol) const;

  /// What hovering shows.
  struct Hover {
    std::string signature;  ///< a declaration's detail (Symbol::detail); "" on an expression
    std::string type;       ///< the type of the value named or of the expression; may be ""
    std::string doc;        ///< the declaration's doc comment
    std::optional<std::string> selector;  ///< pub functions, errors: selector; events: topic 0
    std::optional<FunctionRef> function;  ///< on a function: which (for its gas bound)
    SourceRange range;                    ///< the name or expression hovered
  };
  /// Hover at `offset`: on a name, its declaration; else the innermost expression with a
  /// type under the cursor; nullopt on whitespace, comments, keywords and untyped places.
  std::optional<Hover> hover(FileId file, uint32_t offset) const;

  /// One completion candidate.
  struct Completion {
    std::string label;  ///< the text to insert
    /// what it is; keywords and built-ins (`vm.` cheat codes, `msg.` fields, built-in
    /// functions) are reported as function (callable) or field (readable) or, for keywords,
    /// as local with the detail "keyword"
    SymbolKind kind = SymbolKind::local;
    std::string detail;  ///< a signature or type
    std::string doc;     ///< the doc comment or the built-in's one-line description
  };
  /// Completions at `offset` of `file`, whose current (possibly unparsable) text is `text`.
  /// The context comes from `text` before the cursor, the meanings from this index (built
  /// from the last text that was checked): after `self.` the members of the enclosing
  /// contract (fields, functions, constants, those of its components); after `x.` where
  /// `x` (or `self.f`, …) has a struct, contract or address type, its fields or functions;
  /// after `E::` the variants; after `vm.` (in a test contract) the cheat codes; after
  /// `msg.`/`tx.`/`block.`/`abi.` their built-ins; inside `import { … }` the names the
  /// imported file declares; elsewhere the locals declared before the cursor in the
  /// enclosing function, the file's top-level and imported names, built-in functions and
  /// keywords. Candidates start with the identifier being typed and are sorted by label.
  std::vector<Completion> complete(FileId file, uint32_t offset, std::string_view text) const;

 private:
  struct Occurrence {
    uint32_t begin = 0;
    uint32_t end = 0;
    size_t symbol = 0;
  };
  struct Typed {
    SourceRange range;
    const Type* type = nullptr;
  };
  const Occurrence* occurrence_at(FileId file, uint32_t offset) const;
  std::optional<size_t> enclosing(FileId file, uint32_t offset, bool (*accept)(SymbolKind)) const;
  std::optional<size_t> find_top(FileId file, std::string_view name) const;
  /// The top-level names visible in `file` (its own items and the imported ones, under
  /// their local names) and the symbols they denote.
  std::vector<std::pair<std::string, size_t>> visible_top(FileId file) const;
  const Type* receiver_type(FileId file, uint32_t offset, std::string_view receiver) const;
  std::optional<size_t> find_local_before(FileId file, uint32_t offset,
                                          std::string_view name) const;
  void add_member_completions(const Type* type, bool through_self,
                              std::vector<Completion>& out) const;

  friend class SourceIndexBuilder;
  const CheckedProgram* program_ = nullptr;
  const SourceManager* sources_ = nullptr;
  std::vector<Symbol> symbols_;
  std::unordered_map<FileId, std::vector<Occurrence>> occurrences_;  // sorted by begin
  std::vector<std::vector<SourceRange>> uses_;                       // per symbol
  std::unordered_map<FileId, std::vector<Typed>> typed_;             // expressions
  std::unordered_map<FileId, std::vector<FileId>> imports_;          // per file: targets
};

}  // namespace tenet::compiler

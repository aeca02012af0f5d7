// Building the source index: symbols from the checked program's ASTs and records,
// occurrences from sema's name uses, the typed expressions of every file.

#include <algorithm>
#include <span>
#include <type_traits>
#include <unordered_map>

#include "index_walk.hpp"
#include "tenet/compiler/source_index.hpp"
#include "tenet/compiler/types.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler {
namespace {

uint64_t key_of(const SourceRange& r) {
  return (static_cast<uint64_t>(r.file) << 32) | r.begin.offset;
}

std::string selector_hex(const std::string& signature) {
  const std::array<uint8_t, 4> s = vm::selector_of(signature);
  return vm::hex_encode(s);
}

std::string topic_hex(const std::string& signature) {
  const vm::Hash256 h = vm::keccak256(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(signature.data()), signature.size()));
  return vm::hex_encode(h);
}

}  // namespace

/// Builds one SourceIndex (a class: it keeps the maps from declarations to records).
class SourceIndexBuilder {
 public:
  SourceIndexBuilder(SourceIndex& index, const CheckedProgram& program,
                     const SourceManager& sources)
      : out_(index), prog_(program), sources_(sources) {}

  void run() {
    out_.program_ = &prog_;
    out_.sources_ = &sources_;
    map_records();
    for (const ModuleInfo& m : prog_.modules) {
      if (m.ast == nullptr) continue;
      out_.imports_[m.file] = m.imports;
      for (const ast::Item& item : m.ast->items) add_item(item);
    }
    add_locals();
    add_occurrences();
    for (const ModuleInfo& m : prog_.modules) {
      if (m.ast == nullptr) continue;
      auto& typed = out_.typed_[m.file];
      index_detail::for_each_expr(*m.ast, [&](const ast::Expr& e) {
        if (e.type != nullptr) typed.push_back(SourceIndex::Typed{e.range, e.type});
      });
    }
  }

 private:
  // ---------------------------------------------------------------- records by declaration
  void map_records() {
    for (const StructInfo& s : prog_.structs) structs_[s.decl] = &s;
    for (const EnumInfo& e : prog_.enums) enums_[e.decl] = &e;
    for (const EventInfo& e : prog_.events) events_[e.decl] = &e;
    for (const ErrorInfo& e : prog_.errors) errors_[e.decl] = &e;
    for (const ConstInfo& c : prog_.consts) consts_[c.decl] = &c;
    for (const FunctionInfo& f : prog_.free_functions) functions_[f.decl] = &f;
    auto contract = [&](const ContractInfo& c) {
      if (c.decl != nullptr) contracts_[c.decl] = &c;
      for (const ConstInfo& k : c.consts) consts_[k.decl] = &k;
      for (const FunctionInfo& f : c.functions) {
        if (f.origin == nullptr && f.decl != nullptr) functions_[f.decl] = &f;
      }
      for (const FieldInfo& f : c.fields) {
        if (f.origin == nullptr) fields_[f.decl] = &f;
      }
      for (const FunctionInfo& g : c.getters) {
        if (g.getter_of != nullptr && g.getter_of->origin == nullptr) getters_[g.getter_of] = &g;
      }
    };
    for (const ContractInfo& c : prog_.contracts) contract(c);
    for (const ContractInfo& c : prog_.components) contract(c);
  }

  template <class Map, class Key>
  static auto find(const Map& map, const Key* key) -> typename Map::mapped_type {
    auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }

  // ---------------------------------------------------------------- symbols
  // The text of `r` on one line: runs of whitespace become one space.
  std::string one_line(SourceRange r) const {
    if (!r.valid() || r.end.offset < r.begin.offset) return "";
    std::string_view text = sources_.file(r.file).text();
    if (r.end.offset > text.size()) return "";
    std::string out;
    bool space = false;
    for (char c : text.substr(r.begin.offset, r.end.offset - r.begin.offset)) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    while (!out.empty() && out.back() == ';') out.pop_back();
    return out;
  }

  std::string type_text(const Type* t, const ast::TypePtr& written) const {
    if (t != nullptr && t->kind() != TypeKind::invalid) return display_name(*t);
    return written != nullptr ? one_line(written->range) : "";
  }

  size_t add(Symbol s, std::optional<size_t> parent) {
    if (parent) {
      const Symbol& p = out_.symbols_[*parent];
      s.container = p.container.empty() ? p.name : p.container + "." + p.name;
      s.parent = parent;
    }
    const size_t index = out_.symbols_.size();
    by_decl_.emplace(key_of(s.name_range), index);
    out_.symbols_.push_back(std::move(s));
    return index;
  }

  static Symbol make(SymbolKind kind, const ast::Identifier& name, SourceRange full,
                     std::string detail, std::string doc) {
    Symbol s;
    s.kind = kind;
    s.name = name.name;
    s.name_range = name.range;
    s.full_range = full;
    s.detail = std::move(detail);
    s.doc = std::move(doc);
    return s;
  }

  void add_item(const ast::Item& item) {
    std::visit(
        [&](const auto& d) {
          using D = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<D, ast::ConstDecl>) {
            add_const(d, item.range, item.doc, std::nullopt);
          } else if constexpr (std::is_same_v<D, ast::StructDecl>) {
            add_struct(d, item);
          } else if constexpr (std::is_same_v<D, ast::EnumDecl>) {
            add_enum(d, item);
          } else if constexpr (std::is_same_v<D, ast::EventDecl>) {
            Symbol s = make(SymbolKind::event, d.name, item.range, one_line(item.range), item.doc);
            if (const EventInfo* info = find(events_, &d)) {
              s.abi_signature = info->signature();
              s.selector = topic_hex(*s.abi_signature);
            }
            add(std::move(s), std::nullopt);
          } else if constexpr (std::is_same_v<D, ast::ErrorDecl>) {
            Symbol s = make(SymbolKind::error, d.name, item.range, one_line(item.range), item.doc);
            if (const ErrorInfo* info = find(errors_, &d)) {
              s.abi_signature = info->signature();
              s.selector = selector_hex(*s.abi_signature);
            }
            add(std::move(s), std::nullopt);
          } else if constexpr (std::is_same_v<D, ast::InterfaceDecl>) {
            add_interface(d, item);
          } else if constexpr (std::is_same_v<D, ast::ContractDecl>) {
            add_contract(d, item);
          } else {
            add_function(d, item.range, item.doc, std::nullopt);
          }
        },
        item.kind);
  }

  void add_const(const ast::ConstDecl& d, SourceRange full, const std::string& doc,
                 std::optional<size_t> parent) {
    const ConstInfo* info = find(consts_, &d);
    Symbol s = make(SymbolKind::constant, d.name, full, "", doc);
    s.value_type = info != nullptr ? info->type : nullptr;
    s.type = type_text(s.value_type, d.type);
    s.detail = "const " + d.name.name + ": " + s.type;
    if (info != nullptr && info->value && info->value->kind == ConstantValue::Kind::integer) {
      s.detail += " = " + info->value->integer;
    } else if (info != nullptr && info->value &&
               info->value->kind == ConstantValue::Kind::boolean) {
      s.detail += info->value->boolean ? " = true" : " = false";
    }
    add(std::move(s), parent);
  }

  void add_struct(const ast::StructDecl& d, const ast::Item& item) {
    const StructInfo* info = find(structs_, &d);
    const size_t self =
        add(make(SymbolKind::struct_type, d.name, item.range, "struct " + d.name.name, item.doc),
            std::nullopt);
    for (size_t i = 0; i < d.fields.size(); ++i) {
      const ast::Param& f = d.fields[i];
      const int at = info != nullptr ? info->field_index(f.name.name) : -1;
      Symbol s = make(SymbolKind::field, f.name, f.range, "", "");
      s.value_type = at >= 0 ? info->fields[static_cast<size_t>(at)].type : nullptr;
      s.type = type_text(s.value_type, f.type);
      s.detail = f.name.name + ": " + s.type;
      add(std::move(s), self);
    }
  }

  void add_enum(const ast::EnumDecl& d, const ast::Item& item) {
    const size_t self =
        add(make(SymbolKind::enum_type, d.name, item.range, "enum " + d.name.name, item.doc),
            std::nullopt);
    const EnumInfo* info = find(enums_, &d);
    for (const ast::Identifier& v : d.variants) {
      if (by_decl_.contains(key_of(v.range))) continue;
      Symbol s = make(SymbolKind::enum_variant, v, v.range, d.name.name + "::" + v.name, "");
      s.type = d.name.name;
      s.value_type = info != nullptr ? info->type : nullptr;
      add(std::move(s), self);
    }
  }

  void add_interface(const ast::InterfaceDecl& d, const ast::Item& item) {
    const size_t self =
        add(make(SymbolKind::interface, d.name, item.range, "interface " + d.name.name, item.doc),
            std::nullopt);
    for (size_t i = 0; i < d.functions.size(); ++i) {
      const ast::FunctionDecl& f = d.functions[i];
      SourceRange full = f.header_range;
      add_function(f, full, i < d.function_docs.size() ? d.function_docs[i] : "", self);
    }
  }

  void add_contract(const ast::ContractDecl& d, const ast::Item& item) {
    const ContractInfo* info = find(contracts_, &d);
    SymbolKind kind = d.is_component ? SymbolKind::component
                      : d.is_test    ? SymbolKind::test_contract
                                     : SymbolKind::contract;
    std::string detail = d.is_component ? "component " : d.is_test ? "test contract " : "contract ";
    detail += d.name.name;
    for (size_t i = 0; i < d.uses.size(); ++i)
      detail += (i == 0 ? " uses " : ", ") + d.uses[i].name;
    Symbol s = make(kind, d.name, item.range, detail, item.doc);
    s.value_type = info != nullptr ? info->type : nullptr;
    const size_t self = add(std::move(s), std::nullopt);
    for (const ast::ContractMember& m : d.members) {
      std::visit(
          [&](const auto& k) {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::FieldDecl>) {
              add_field(k, m, self);
            } else if constexpr (std::is_same_v<K, ast::ConstDecl>) {
              add_const(k, m.range, m.doc, self);
            } else if constexpr (std::is_same_v<K, ast::InitDecl>) {
              add_init(k, m, self);
            } else {
              add_function(k, m.range, m.doc, self);
            }
          },
          m.kind);
    }
  }

  void add_field(const ast::FieldDecl& d, const ast::ContractMember& m, size_t parent) {
    const FieldInfo* info = find(fields_, &d);
    Symbol s = make(SymbolKind::field, d.name, m.range, "", m.doc);
    s.value_type = info != nullptr ? info->type : nullptr;
    s.type = type_text(s.value_type, d.type);
    s.detail = std::string(d.is_pub ? "pub " : "") + d.name.name + ": " + s.type;
    if (const FunctionInfo* getter = find(getters_, info)) {
      s.abi_signature = getter->signature();
      s.selector = selector_hex(*s.abi_signature);
    }
    add(std::move(s), parent);
  }

  void add_init(const ast::InitDecl& d, const ast::ContractMember& m, size_t parent) {
    SourceRange header = m.range;
    header.end = d.body.range.begin;
    ast::Identifier name{"init", m.range};
    // The name range: the `init` keyword (after `payable `, if written).
    const std::string_view text = sources_.file(m.range.file).text();
    const size_t at = text.find("init", m.range.begin.offset);
    if (at != std::string_view::npos && at < d.body.range.begin.offset) {
      name.range.begin = sources_.file(m.range.file).position_of(static_cast<uint32_t>(at));
      name.range.end = sources_.file(m.range.file).position_of(static_cast<uint32_t>(at + 4));
    }
    const size_t self =
        add(make(SymbolKind::function, name, m.range, one_line(header), m.doc), parent);
    add_params(d.params, nullptr, self);
  }

  void add_function(const ast::FunctionDecl& d, SourceRange full, const std::string& doc,
                    std::optional<size_t> parent) {
    const FunctionInfo* info = find(functions_, &d);
    Symbol s = make(SymbolKind::function, d.name, full, one_line(d.header_range), doc);
    s.function = info;
    if (info != nullptr && info->is_pub && info->owner != nullptr &&
        info->owner->kind != ContractInfo::Kind::test_contract) {
      s.abi_signature = info->signature();
      s.selector = selector_hex(*s.abi_signature);
    }
    const size_t self = add(std::move(s), parent);
    add_params(d.params, info, self);
  }

  void add_params(const std::vector<ast::Param>& params, const FunctionInfo* info, size_t parent) {
    for (size_t i = 0; i < params.size(); ++i) {
      const ast::Param& p = params[i];
      if (by_decl_.contains(key_of(p.name.range))) continue;
      Symbol s = make(SymbolKind::parameter, p.name, p.range, "", "");
      s.value_type = info != nullptr && i < info->params.size() ? info->params[i].type : nullptr;
      s.type = type_text(s.value_type, p.type);
      s.detail = p.name.name + ": " + s.type;
      add(std::move(s), parent);
    }
  }

  // Locals (and the types of parameters checked in bodies) from sema's records; each
  // belongs to the innermost function whose declaration holds it.
  void add_locals() {
    for (const LocalInfo& l : prog_.locals) {
      const std::string type =
          l.type != nullptr && l.type->kind() != TypeKind::invalid ? display_name(*l.type) : "";
      auto known = by_decl_.find(key_of(l.range));
      if (known != by_decl_.end()) {  // a parameter: sema knows its type for sure
        Symbol& p = out_.symbols_[known->second];
        if (p.value_type == nullptr && !type.empty()) {
          p.value_type = l.type;
          p.type = type;
          p.detail = p.name + ": " + type;
        }
        continue;
      }
      Symbol s;
      s.kind = l.is_param ? SymbolKind::parameter : SymbolKind::local;
      s.name = l.name;
      s.name_range = l.range;
      s.full_range = l.range;
      s.value_type = l.type;
      s.type = type;
      s.detail = std::string(l.is_mut ? "let mut " : "let ") + l.name + ": " + type;
      std::optional<size_t> parent =
          out_.enclosing(l.range.file, l.range.begin.offset,
                         [](SymbolKind k) { return k == SymbolKind::function; });
      add(std::move(s), parent);
    }
  }

  // ---------------------------------------------------------------- occurrences
  void add_occurrences() {
    out_.uses_.assign(out_.symbols_.size(), {});
    for (size_t i = 0; i < out_.symbols_.size(); ++i) {
      const Symbol& s = out_.symbols_[i];
      out_.occurrences_[s.name_range.file].push_back(
          SourceIndex::Occurrence{s.name_range.begin.offset, s.name_range.end.offset, i});
    }
    for (const NameUse& u : prog_.name_uses) {
      auto it = by_decl_.find(key_of(u.declaration));
      if (it == by_decl_.end()) continue;
      out_.occurrences_[u.use.file].push_back(
          SourceIndex::Occurrence{u.use.begin.offset, u.use.end.offset, it->second});
    }
    for (auto& [file, list] : out_.occurrences_) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.symbol < b.symbol;
      });
      list.erase(std::unique(list.begin(), list.end(),
                             [](const auto& a, const auto& b) {
                               return a.begin == b.begin && a.end == b.end && a.symbol == b.symbol;
                             }),
                 list.end());
      for (const SourceIndex::Occurrence& o : list) {
        const Symbol& s = out_.symbols_[o.symbol];
        if (s.name_range.file == file && s.name_range.begin.offset == o.begin) continue;
        const SourceBuffer& buffer = sources_.file(file);
        out_.uses_[o.symbol].push_back(
            SourceRange{file, buffer.position_of(o.begin), buffer.position_of(o.end)});
      }
    }
  }

  SourceIndex& out_;
  const CheckedProgram& prog_;
  const SourceManager& sources_;
  std::unordered_map<uint64_t, size_t> by_decl_;  // file and offset of a name -> symbol
  std::unordered_map<const ast::StructDecl*, const StructInfo*> structs_;
  std::unordered_map<const ast::EnumDecl*, const EnumInfo*> enums_;
  std::unordered_map<const ast::EventDecl*, const EventInfo*> events_;
  std::unordered_map<const ast::ErrorDecl*, const ErrorInfo*> errors_;
  std::unordered_map<const ast::ConstDecl*, const ConstInfo*> consts_;
  std::unordered_map<const ast::FunctionDecl*, const FunctionInfo*> functions_;
  std::unordered_map<const ast::ContractDecl*, const ContractInfo*> contracts_;
  std::unordered_map<const ast::FieldDecl*, const FieldInfo*> fields_;
  std::unordered_map<const FieldInfo*, const FunctionInfo*> getters_;
};

SourceIndex SourceIndex::build(const CheckedProgram& program, const SourceManager& sources) {
  SourceIndex index;
  SourceIndexBuilder(index, program, sources).run();
  return index;
}

}  // namespace tenet::compiler

// Items, written types, signatures, contract members, getters, constants; the order
// in which bodies are checked.

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "sema_checker.hpp"

namespace tenet::compiler::sema {
namespace {

bool is_reserved_name(TypeTable& types, const std::string& n) {
  // the primitive types and the objects of built-ins (msg, tx, block, abi, vm)
  if (types.primitive(n) != nullptr || is_builtin_object(n)) return true;
  return false;
}

/// Records the variants of enum `e` in `ei`, reporting duplicates (only the first of a
/// name is kept), an enum without variants and one with more than fit in a u8.
void collect_enum_variants(const ast::EnumDecl& e, EnumInfo& ei, DiagnosticEngine& diags) {
  for (size_t i = 0; i < e.variants.size(); ++i) {
    const ast::Identifier& v = e.variants[i];
    bool dup = false;
    for (size_t j = 0; j < i; ++j) {
      if (e.variants[j].name == v.name) {
        diags.error(v.range, "duplicate variant '" + v.name + "' in enum '" + ei.name + "'");
        diags.note(e.variants[j].range, "'" + v.name + "' is first declared here");
        dup = true;
        break;
      }
    }
    if (!dup) ei.variants.push_back(v.name);
  }
  if (e.variants.empty()) {
    diags.error(e.name.range, "enum '" + ei.name + "' needs at least one variant");
  } else if (e.variants.size() > 256) {
    diags.error(e.name.range, "enum '" + ei.name + "' has " + std::to_string(e.variants.size()) +
                                  " variants; at most 256 fit in a u8");
  }
}

}  // namespace

const Type* Checker::primitive_type(const std::string& n) {
  return types_.primitive(n);
}

void Checker::declare_items(size_t module_index) {
  ModuleInfo& info = prog_.modules[module_index];
  if (info.ast == nullptr) return;
  Module& m = modules_[module_index];
  const FileId file = info.file;
  for (const ast::Item& item : info.ast->items) {
    Symbol sym;
    const ast::Identifier* name = nullptr;
    if (const auto* c = std::get_if<ast::ConstDecl>(&item.kind)) {
      ConstInfo& ci = prog_.consts.emplace_back();
      ci.name = c->name.name;
      ci.range = c->name.range;
      ci.file = file;
      ci.decl = c;
      ci.doc = item.doc;
      sym = {Symbol::Kind::constant, ci.name, &ci, ci.range};
      name = &c->name;
    } else if (const auto* s = std::get_if<ast::StructDecl>(&item.kind)) {
      StructInfo& si = prog_.structs.emplace_back();
      si.name = s->name.name;
      si.range = s->name.range;
      si.file = file;
      si.decl = s;
      si.doc = item.doc;
      si.type = types_.struct_type(&si, si.name);
      sym = {Symbol::Kind::structure, si.name, &si, si.range};
      name = &s->name;
    } else if (const auto* e = std::get_if<ast::EnumDecl>(&item.kind)) {
      EnumInfo& ei = prog_.enums.emplace_back();
      ei.name = e->name.name;
      ei.range = e->name.range;
      ei.file = file;
      ei.decl = e;
      ei.doc = item.doc;
      ei.type = types_.enum_type(&ei, ei.name);
      collect_enum_variants(*e, ei, diags_);
      sym = {Symbol::Kind::enumeration, ei.name, &ei, ei.range};
      name = &e->name;
    } else if (const auto* ev = std::get_if<ast::EventDecl>(&item.kind)) {
      EventInfo& vi = prog_.events.emplace_back();
      vi.name = ev->name.name;
      vi.range = ev->name.range;
      vi.file = file;
      vi.decl = ev;
      vi.doc = item.doc;
      sym = {Symbol::Kind::event, vi.name, &vi, vi.range};
      name = &ev->name;
    } else if (const auto* er = std::get_if<ast::ErrorDecl>(&item.kind)) {
      ErrorInfo& ri = prog_.errors.emplace_back();
      ri.name = er->name.name;
      ri.range = er->name.range;
      ri.file = file;
      ri.decl = er;
      ri.doc = item.doc;
      if (ri.name == "Error" || ri.name == "Panic") {  // 1.1: `catch Error(m)` names the built-in
        diags_.error(er->name.range, "'" + ri.name + "' is the name of the built-in " +
                                         (ri.name == "Error" ? "Error(string)" : "Panic(uint256)") +
                                         " revert data ('catch " + ri.name +
                                         "(...)' takes it); give this error another name");
      }
      sym = {Symbol::Kind::error, ri.name, &ri, ri.range};
      name = &er->name;
    } else if (const auto* in = std::get_if<ast::InterfaceDecl>(&item.kind)) {
      ContractInfo& ci = prog_.contracts.emplace_back();
      ci.name = in->name.name;
      ci.kind = ContractInfo::Kind::interface;
      ci.range = in->name.range;
      ci.file = file;
      ci.interface_decl = in;
      ci.doc = item.doc;
      ci.type = types_.contract_type(&ci, ci.name);
      sym = {Symbol::Kind::contract, ci.name, &ci, ci.range};
      name = &in->name;
    } else if (const auto* co = std::get_if<ast::ContractDecl>(&item.kind)) {
      ContractInfo& ci =
          co->is_component ? prog_.components.emplace_back() : prog_.contracts.emplace_back();
      ci.name = co->name.name;
      ci.kind = co->is_test ? ContractInfo::Kind::test_contract : ContractInfo::Kind::contract;
      if (co->is_component) ci.kind = ContractInfo::Kind::component;
      ci.range = co->name.range;
      ci.file = file;
      ci.decl = co;
      ci.doc = item.doc;
      ci.type = types_.contract_type(&ci, ci.name);
      sym = {Symbol::Kind::contract, ci.name, &ci, ci.range};
      name = &co->name;
    } else if (const auto* fn = std::get_if<ast::FunctionDecl>(&item.kind)) {
      FunctionInfo& fi = prog_.free_functions.emplace_back();
      fi.name = fn->name.name;
      fi.range = fn->name.range;
      fi.file = file;
      fi.decl = fn;
      fi.doc = item.doc;
      sym = {Symbol::Kind::function, fi.name, &fi, fi.range};
      name = &fn->name;
    }
    if (name == nullptr) continue;
    if (is_reserved_name(types_, name->name)) {
      diags_.error(name->range, "'" + name->name + "' is a built-in name and cannot be declared");
      continue;
    }
    auto it = m.scope.find(name->name);
    if (it != m.scope.end()) {
      const bool both_functions =
          sym.kind == Symbol::Kind::function && it->second.kind == Symbol::Kind::function;
      diags_.error(name->range, "'" + name->name + "' is already declared in this file" +
                                    (both_functions ? " (Tenet has no overloading: give this "
                                                      "function another name)"
                                                    : ""));
      diags_.note(it->second.range, "the first '" + name->name + "' is declared here");
      continue;
    }
    m.scope.emplace(name->name, sym);
    m.own.push_back(sym);
  }
}

// ------------------------------------------------------------------ types

const Type* Checker::resolve_type(const ast::TypeExpr& t) {
  if (const auto* n = std::get_if<ast::NamedType>(&t.kind)) {
    const std::string& name = n->name.name;
    if (const Type* p = primitive_type(name)) return p;
    const Symbol* s = lookup_top(ctx_.module, name);
    if (s == nullptr) {
      std::vector<std::string> names = {"u8",   "u16",     "u32",     "u64",    "u128", "u256",
                                        "i8",   "i16",     "i32",     "i64",    "i128", "i256",
                                        "bool", "address", "bytes32", "string", "bytes"};
      const Module& m = module_of(ctx_.module);
      for (const auto& [k, sym] : m.scope) {
        if (sym.kind == Symbol::Kind::structure || sym.kind == Symbol::Kind::enumeration ||
            sym.kind == Symbol::Kind::contract) {
          names.push_back(k);
        }
      }
      if (name == "uint" || name == "uint256" || name == "int" || name == "int256") {
        diags_.error(n->name.range, "unknown type '" + name + "'; Tenet writes integer types as " +
                                        (name[0] == 'u' ? "u256" : "i256") + ", u8, i64, ...");
      } else {
        diags_.error(n->name.range, "unknown type '" + name + "'" + suggest(name, names));
      }
      return types_.invalid();
    }
    record_use(n->name.range, s->range);
    switch (s->kind) {
      case Symbol::Kind::structure:
        return static_cast<const StructInfo*>(s->info)->type;
      case Symbol::Kind::enumeration:
        return static_cast<const EnumInfo*>(s->info)->type;
      case Symbol::Kind::contract:
        if (reject_component(s, name, n->name.range)) return types_.invalid();
        return static_cast<const ContractInfo*>(s->info)->type;
      default: {
        static const char* const kKinds[] = {"a constant", "", "",          "an event",
                                             "an error",   "", "a function"};
        diags_.error(n->name.range,
                     "'" + name + "' is " + kKinds[static_cast<int>(s->kind)] + ", not a type");
        return types_.invalid();
      }
    }
  }
  if (const auto* a = std::get_if<ast::ArrayType>(&t.kind)) {
    const Type* element = resolve_type(*a->element);
    if (a->size == nullptr) {
      return element->kind() == TypeKind::invalid ? element : types_.dynamic_array(element);
    }
    check_value(*a->size, types_.u256());
    const Value* v = value_of(*a->size);
    if (a->size->type != nullptr && a->size->type->kind() == TypeKind::invalid) {
      return types_.invalid();
    }
    if (v == nullptr || v->kind != Value::Kind::integer) {
      diags_.error(a->size->range,
                   "the length of a fixed array must be a constant (a literal or a const)");
      return types_.invalid();
    }
    if (v->integer < 1) {
      diags_.error(a->size->range, "the length of a fixed array must be at least 1");
      return types_.invalid();
    }
    if (v->integer > BigInt(1) << 32) {
      diags_.error(a->size->range,
                   "fixed array length " + describe(v->integer) + " is too large (at most 2^32)");
      return types_.invalid();
    }
    if (element->kind() == TypeKind::invalid) return element;
    return types_.fixed_array(element, static_cast<uint64_t>(v->integer));
  }
  const auto& m = std::get<ast::MapType>(t.kind);
  const Type* key = resolve_type(*m.key);
  const Type* value = resolve_type(*m.value);
  if (key->kind() == TypeKind::invalid || value->kind() == TypeKind::invalid) {
    return types_.invalid();
  }
  switch (key->kind()) {
    case TypeKind::integer:
    case TypeKind::boolean:
    case TypeKind::address:
    case TypeKind::fixed_bytes:
    case TypeKind::enum_type:
    case TypeKind::string:
      break;
    default:
      diags_.error(m.key->range,
                   "a map key must be an integer, bool, address, bytesN, an enum or "
                   "string, not " +
                       display_name(*key));
      return types_.invalid();
  }
  return types_.map(key, value);
}

const Type* Checker::resolve_param_type(const ast::TypeExpr& t, const char* what) {
  const Type* type = resolve_type(t);
  if (type->contains_map()) {
    diags_.error(t.range,
                 std::string("a map cannot be ") + what + ": maps exist only in storage fields");
    return types_.invalid();
  }
  return type;
}

// ------------------------------------------------------------------ signatures

void Checker::resolve_signatures() {
  for (StructInfo& s : prog_.structs) {
    ctx_ = Context{};
    ctx_.module = s.file;
    resolve_struct(s);
  }
  // A struct may not refer to itself, directly or through arrays, maps or other structs
  // (its size, ABI encoding and copies would be unbounded). A cycle is reported once, at
  // the first field that closes it, and broken there so later passes terminate.
  std::function<bool(const Type*, const StructInfo*, std::unordered_set<const StructInfo*>&)>
      reaches = [&](const Type* t, const StructInfo* target,
                    std::unordered_set<const StructInfo*>& seen) -> bool {
    if (t == nullptr) return false;
    switch (t->kind()) {
      case TypeKind::struct_type: {
        const StructInfo* s = t->struct_info();
        if (s == target) return true;
        if (!seen.insert(s).second) return false;
        for (const ParamInfo& f : s->fields) {
          if (reaches(f.type, target, seen)) return true;
        }
        return false;
      }
      case TypeKind::fixed_array:
      case TypeKind::dynamic_array:
        return reaches(t->element(), target, seen);
      case TypeKind::map:
        return reaches(t->value(), target, seen);
      default:
        return false;
    }
  };
  for (StructInfo& s : prog_.structs) {
    for (ParamInfo& f : s.fields) {
      std::unordered_set<const StructInfo*> seen;
      if (!reaches(f.type, &s, seen)) continue;
      diags_.error(f.range, "struct '" + s.name + "' refers to itself through field '" + f.name +
                                "'; recursive structs are not supported (store an id instead "
                                "and keep the values in a map)");
      f.type = types_.invalid();
    }
  }
  for (EventInfo& e : prog_.events) {
    ctx_ = Context{};
    ctx_.module = e.file;
    int indexed = 0;
    for (const ast::EventParam& p : e.decl->params) {
      for (const EventParamInfo& q : e.params) {
        if (q.name == p.name.name) {
          diags_.error(p.name.range,
                       "duplicate parameter '" + p.name.name + "' in event '" + e.name + "'");
        }
      }
      const Type* t = resolve_param_type(*p.type, "an event parameter");
      e.params.push_back({p.name.name, t, p.indexed, p.range});
      if (p.indexed && ++indexed == 4) {
        diags_.error(p.range, "event '" + e.name +
                                  "' has more than 3 indexed parameters; remove 'indexed' from "
                                  "all but three");
      }
    }
  }
  for (ErrorInfo& er : prog_.errors) {
    ctx_ = Context{};
    ctx_.module = er.file;
    for (const ast::Param& p : er.decl->params) {
      for (const ParamInfo& q : er.params) {
        if (q.name == p.name.name) {
          diags_.error(p.name.range,
                       "duplicate parameter '" + p.name.name + "' in error '" + er.name + "'");
        }
      }
      er.params.push_back(
          {p.name.name, resolve_param_type(*p.type, "an error parameter"), p.range});
    }
  }
  for (FunctionInfo& f : prog_.free_functions) {
    ctx_ = Context{};
    ctx_.module = f.file;
    resolve_function(f, *f.decl, nullptr);
  }
  for (ContractInfo& c : prog_.contracts) {
    ctx_ = Context{};
    ctx_.module = c.file;
    ctx_.contract = &c;
    resolve_contract(c);
  }
  for (ContractInfo& c : prog_.components) {
    ctx_ = Context{};
    ctx_.module = c.file;
    ctx_.contract = &c;
    resolve_contract(c);
  }
  include_components();
  ctx_ = Context{};
}

void Checker::resolve_struct(StructInfo& s) {
  for (const ast::Param& p : s.decl->fields) {
    bool dup = false;
    for (const ParamInfo& q : s.fields) {
      if (q.name == p.name.name) {
        diags_.error(p.name.range,
                     "duplicate field '" + p.name.name + "' in struct '" + s.name + "'");
        diags_.note(q.range, "'" + q.name + "' is first declared here");
        dup = true;
      }
    }
    const Type* t = resolve_type(*p.type);
    if (!dup) s.fields.push_back({p.name.name, t, p.range});
  }
}

void Checker::resolve_function(FunctionInfo& f, const ast::FunctionDecl& d, ContractInfo* owner) {
  f.kind = d.kind;
  f.is_pub = d.is_pub || (owner != nullptr && owner->kind == ContractInfo::Kind::interface);
  f.is_view = d.is_view;
  f.is_payable = d.is_payable;
  f.is_reentrant = d.is_reentrant;
  f.owner = owner;
  const SourceRange at = d.header_range;
  if (owner == nullptr) {
    const char* mod = d.is_pub         ? "pub"
                      : d.is_view      ? "view"
                      : d.is_payable   ? "payable"
                      : d.is_reentrant ? "reentrant"
                                       : nullptr;
    if (mod != nullptr) {
      diags_.error(at, std::string("free function '") + f.name + "' cannot be '" + mod +
                           "': free functions are pure helpers; remove '" + mod + "'");
    }
    if (d.kind != ast::FunctionKind::normal) {
      diags_.error(at, std::string("'") +
                           (d.kind == ast::FunctionKind::test ? "test" : "invariant") +
                           " fn' is only allowed inside a test contract");
    }
  } else if (owner->kind == ContractInfo::Kind::interface) {
    if (d.kind != ast::FunctionKind::normal) {
      diags_.error(at, "interface functions cannot be test or invariant functions");
    }
    if (f.name == "receive") {  // 1.1: `payable fn receive();` (language.md §8)
      f.is_receive = true;
      if (!d.is_payable || d.is_view || !d.params.empty() || !d.results.empty()) {
        diags_.error(at,
                     "'receive' in an interface must be declared exactly 'payable fn "
                     "receive();' (no parameters, no result)");
      }
    }
  } else {
    if (d.kind != ast::FunctionKind::normal && owner->kind != ContractInfo::Kind::test_contract) {
      diags_.error(at, std::string("'") +
                           (d.kind == ast::FunctionKind::test ? "test" : "invariant") +
                           " fn' is only allowed in a test contract: declare 'test contract " +
                           owner->name + "'");
    }
    if (d.is_reentrant && !d.is_pub) {
      diags_.error(at, "'reentrant' applies only to pub functions: '" + f.name +
                           "' is internal and cannot be re-entered from outside; remove "
                           "'reentrant' or make it 'pub'");
    }
    if (d.is_payable && !d.is_pub) {
      diags_.error(at, "'payable' applies only to pub functions: '" + f.name +
                           "' is internal; write 'pub payable fn " + f.name + "'");
    }
    if (d.kind == ast::FunctionKind::invariant && !d.params.empty()) {
      diags_.error(at, "invariant function '" + f.name + "' cannot take parameters");
    }
    if (f.name == "receive") {
      f.is_receive = true;
      if (!d.is_pub || !d.is_payable || !d.params.empty() || !d.results.empty()) {
        diags_.error(at,
                     "'receive' must be declared exactly 'pub payable fn receive()' (no "
                     "parameters, no result)");
      }
    }
  }
  for (const ast::Param& p : d.params) {
    for (const ParamInfo& q : f.params) {
      if (q.name == p.name.name) {
        diags_.error(p.name.range,
                     "duplicate parameter '" + p.name.name + "' in function '" + f.name + "'");
      }
    }
    f.params.push_back({p.name.name, resolve_param_type(*p.type, "a parameter"), p.range});
  }
  for (const ast::TypePtr& r : d.results) f.results.push_back(resolve_param_type(*r, "a result"));
  if (d.external_name) resolve_external_name(f, d);
}

namespace {

/// True for a name the ABI accepts: letters, digits, '_' and '$', not starting with a digit.
bool is_abi_identifier(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '$';
  });
}

/// How a diagnostic names an ABI function: "function 'f'" or "the getter of field 'x'".
std::string abi_function_what(const FunctionInfo& f) {
  return f.getter_of != nullptr ? "the getter of field '" + f.name + "'"
                                : "function '" + f.name + "'";
}

}  // namespace

void Checker::resolve_external_name(FunctionInfo& f, const ast::FunctionDecl& d) {
  const ast::Identifier& abi = *d.external_name;
  if (f.is_receive) {
    diags_.error(abi.range,
                 "'receive' is called without a selector, so it takes no external "
                 "name; remove 'as \"" +
                     abi.name + "\"'");
    return;
  }
  if (!f.is_pub) {
    diags_.error(abi.range, "only a pub function has an external name: '" + f.name +
                                "' is not in the ABI; write 'pub fn " + f.name + "(…) as \"" +
                                abi.name + "\"' or remove 'as \"" + abi.name + "\"'");
    return;
  }
  if (!is_abi_identifier(abi.name)) {
    diags_.error(abi.range, "the external name \"" + abi.name +
                                "\" is not a name: write letters, digits and '_' (not "
                                "starting with a digit), e.g. 'as \"safeTransferFrom\"'");
    return;
  }
  f.external_name = abi.name;
}

void Checker::check_abi_signatures(const ContractInfo& c) {
  std::unordered_map<std::string, const FunctionInfo*> seen;
  auto visit = [&](const FunctionInfo& f) {
    if (!f.is_pub || f.is_receive) return;
    for (const ParamInfo& p : f.params)
      if (p.type == nullptr || p.type->kind() == TypeKind::invalid) return;
    const std::string signature = f.signature();
    auto [it, inserted] = seen.emplace(signature, &f);
    if (inserted) return;
    // Reported at the later of the two in the source, with a note at the earlier.
    const bool later = it->second->range.begin.offset < f.range.begin.offset;
    const FunctionInfo& first = later ? *it->second : f;
    const FunctionInfo& second = later ? f : *it->second;
    diags_.error(second.range, abi_function_what(second) + " has the ABI signature '" + signature +
                                   "' of " + abi_function_what(first) +
                                   "; an external name may be shared only by functions whose "
                                   "parameter types differ: choose another with 'as \"…\"'");
    diags_.note(first.range, abi_function_what(first) + " is declared here");
  };
  for (const FunctionInfo& f : c.functions) visit(f);
  for (const FunctionInfo& g : c.getters) visit(g);
}

void Checker::add_getter(ContractInfo& c, const FieldInfo& field) {
  FunctionInfo& g = c.getters.emplace_back();
  g.name = field.name;
  g.is_pub = true;
  g.is_view = true;
  g.doc = field.doc;
  g.range = field.range;
  g.file = c.file;
  g.owner = &c;
  g.getter_of = &field;
  const Type* t = field.type;
  while (t != nullptr) {
    if (t->kind() == TypeKind::map) {
      g.params.push_back({"", t->key(), field.range});
      t = t->value();
    } else if (t->is_array()) {
      g.params.push_back({"", types_.u256(), field.range});
      t = t->element();
    } else {
      break;
    }
  }
  if (t == nullptr) return;
  for (const ParamInfo& m : getter_members(t))
    g.results.push_back(m.type);  // 1.1: a struct's tuple
}

void Checker::resolve_contract(ContractInfo& c) {
  std::unordered_map<std::string, SourceRange> members;
  auto claim = [&](const ast::Identifier& id, const char* what) {
    auto [it, inserted] = members.emplace(id.name, id.range);
    if (inserted) return true;
    if (std::string(what) == "function") {
      diags_.error(id.range, "'" + id.name + "' is already declared in contract '" + c.name +
                                 "' (Tenet has no overloading: give this function another name)");
    } else {
      diags_.error(id.range, "'" + id.name + "' is already declared in contract '" + c.name +
                                 "'; fields, constants and functions need distinct names");
    }
    diags_.note(it->second, "the first '" + id.name + "' is declared here");
    return false;
  };
  if (c.kind == ContractInfo::Kind::interface) {
    const ast::InterfaceDecl& d = *c.interface_decl;
    for (size_t i = 0; i < d.functions.size(); ++i) {
      const ast::FunctionDecl& fd = d.functions[i];
      if (!claim(fd.name, "function")) continue;
      FunctionInfo& f = c.functions.emplace_back();
      f.name = fd.name.name;
      f.range = fd.name.range;
      f.file = c.file;
      f.decl = &fd;
      if (i < d.function_docs.size()) f.doc = d.function_docs[i];
      resolve_function(f, fd, &c);
      if (f.is_receive) c.receive = &f;
    }
    check_abi_signatures(c);
    return;
  }
  const ast::ContractDecl& d = *c.decl;
  for (const ast::ContractMember& member : d.members) {
    if (const auto* field = std::get_if<ast::FieldDecl>(&member.kind)) {
      if (!claim(field->name, "field")) continue;
      FieldInfo& fi = c.fields.emplace_back();
      fi.name = field->name.name;
      fi.is_pub = field->is_pub;
      fi.range = field->name.range;
      fi.decl = field;
      fi.doc = member.doc;
      fi.type = resolve_type(*field->type);
      fi.slot = c.storage_size;
      c.storage_size += storage_slots(*fi.type);
    } else if (const auto* k = std::get_if<ast::ConstDecl>(&member.kind)) {
      if (!claim(k->name, "constant")) continue;
      ConstInfo& ci = c.consts.emplace_back();
      ci.name = k->name.name;
      ci.range = k->name.range;
      ci.file = c.file;
      ci.decl = k;
      ci.doc = member.doc;
      ci.owner = &c;
    } else if (const auto* init = std::get_if<ast::InitDecl>(&member.kind)) {
      if (c.kind == ContractInfo::Kind::component) {
        diags_.error(member.range, "component '" + c.name +
                                       "' cannot have an init: the init of each contract that "
                                       "uses it sets its fields");
        continue;
      }
      if (c.init) {
        diags_.error(member.range, "contract '" + c.name + "' already has an init");
        diags_.note(c.init->range, "the first init is here");
        continue;
      }
      InitInfo& ii = c.init.emplace();
      ii.is_payable = init->is_payable;
      ii.doc = member.doc;
      ii.range = member.range;
      ii.decl = init;
      for (const ast::Param& p : init->params) {
        for (const ParamInfo& q : ii.params) {
          if (q.name == p.name.name) {
            diags_.error(p.name.range, "duplicate parameter '" + p.name.name + "' in init");
          }
        }
        ii.params.push_back({p.name.name, resolve_param_type(*p.type, "a parameter"), p.range});
      }
    } else if (const auto* fn = std::get_if<ast::FunctionDecl>(&member.kind)) {
      if (!claim(fn->name, "function")) continue;
      FunctionInfo& f = c.functions.emplace_back();
      f.name = fn->name.name;
      f.range = fn->name.range;
      f.file = c.file;
      f.decl = fn;
      f.doc = member.doc;
      resolve_function(f, *fn, &c);
      if (f.is_receive) c.receive = &f;
    }
  }
  for (const FieldInfo& f : c.fields) {
    if (f.is_pub) add_getter(c, f);
  }
  check_abi_signatures(c);
  for (const Symbol& s : module_of(c.file).own) (void)s;
  for (const auto& [name, sym] : module_of(c.file).scope) {
    if (sym.kind == Symbol::Kind::event)
      c.events.push_back(static_cast<const EventInfo*>(sym.info));
    if (sym.kind == Symbol::Kind::error)
      c.errors.push_back(static_cast<const ErrorInfo*>(sym.info));
  }
  auto by_name = [](const auto* a, const auto* b) { return a->name < b->name; };
  std::sort(c.events.begin(), c.events.end(), by_name);
  std::sort(c.errors.begin(), c.errors.end(), by_name);
}

// ------------------------------------------------------------------ constants and bodies

void Checker::evaluate_const(ConstInfo& c) {
  int& state = const_state_[&c];
  if (state == 2) return;
  if (state == 1) {
    diags_.error(c.range, "constant '" + c.name + "' depends on itself");
    return;
  }
  state = 1;
  Context saved = std::move(ctx_);
  ctx_ = Context{};
  ctx_.body = Context::Body::constant;
  ctx_.module = c.file;
  ctx_.contract = c.owner;
  ctx_.name = c.name;
  c.type = resolve_type(*c.decl->type);
  bool value_type = c.type->is_value_type() || c.type->kind() == TypeKind::string ||
                    c.type->kind() == TypeKind::bytes || c.type->kind() == TypeKind::invalid;
  if (c.type->kind() == TypeKind::contract) value_type = false;
  if (!value_type) {
    diags_.error(c.decl->type->range, "constant '" + c.name + "' cannot have type " +
                                          display_name(*c.type) +
                                          ": constants are integers, bool, address, bytesN, "
                                          "enums, string or bytes");
    c.type = types_.invalid();
  }
  const size_t errors = diags_.error_count();
  const Type* t = check_value(*c.decl->value, c.type);
  if (const Value* v = value_of(*c.decl->value)) {
    c.value = to_constant_value(*v);
  } else if (diags_.error_count() == errors && t->kind() != TypeKind::invalid) {
    diags_.error(c.decl->value->range,
                 "the value of constant '" + c.name +
                     "' must be a constant expression (literals, constants and operators)");
  }
  ctx_ = std::move(saved);
  const_state_[&c] = 2;
}

void Checker::check_bodies() {
  for (ConstInfo& c : prog_.consts) evaluate_const(c);
  for (ContractInfo& c : prog_.contracts) {
    for (ConstInfo& k : c.consts) evaluate_const(k);
  }
  for (ContractInfo& c : prog_.components) {
    for (ConstInfo& k : c.consts) evaluate_const(k);
  }
  for (const FunctionInfo& f : prog_.free_functions) check_function_body(f, nullptr);
  for (const ContractInfo& c : prog_.contracts) {
    if (c.kind == ContractInfo::Kind::interface) continue;
    if (c.init) check_init_body(c);
    for (const FunctionInfo& f : c.functions)
      if (f.origin == nullptr) check_function_body(f, &c);
  }
  // (1.1) A component's functions are checked once, in the component: `self.` reaches
  // its own members and those of the components it uses (the copies it holds).
  for (const ContractInfo& c : prog_.components) {
    for (const FunctionInfo& f : c.functions)
      if (f.origin == nullptr) check_function_body(f, &c);
  }
  ctx_ = Context{};
}

void Checker::check_function_body(const FunctionInfo& f, const ContractInfo* owner) {
  if (f.decl == nullptr || !f.decl->body) return;
  ctx_ = Context{};
  ctx_.body = owner == nullptr ? Context::Body::free_function : Context::Body::method;
  ctx_.module = f.file;
  ctx_.contract = owner;
  ctx_.function = &f;
  ctx_.name = f.name;
  ctx_.is_view = f.is_view;
  ctx_.is_payable = f.is_payable;
  ctx_.is_pub = f.is_pub;
  ctx_.results = f.results;
  push_scope();
  for (size_t i = 0; i < f.params.size() && i < f.decl->params.size(); ++i) {
    if (find_local(f.decl->params[i].name.name) >= 0) continue;  // reported as a duplicate
    declare_local(f.decl->params[i].name, f.params[i].type, false, true, false);
  }
  Flow flow = check_block(*f.decl->body, false);
  pop_scope();
  if (!f.results.empty() && flow != Flow::returns) {
    diags_.error(f.range, "function '" + f.name +
                              "' must return a value on every path: add a return at the end");
  }
}

void Checker::check_init_body(const ContractInfo& c) {
  const InitInfo& init = *c.init;
  ctx_ = Context{};
  ctx_.body = Context::Body::init;
  ctx_.module = c.file;
  ctx_.contract = &c;
  ctx_.name = "init";
  ctx_.is_payable = init.is_payable;
  ctx_.is_pub = true;
  push_scope();
  for (size_t i = 0; i < init.params.size() && i < init.decl->params.size(); ++i) {
    if (find_local(init.decl->params[i].name.name) >= 0) continue;  // reported as a duplicate
    declare_local(init.decl->params[i].name, init.params[i].type, false, true, false);
  }
  check_block(init.decl->body, false);
  pop_scope();
}

}  // namespace tenet::compiler::sema

// (1.1) Components (language.md §6): linking `uses`, the storage order of the included
// components, one namespace per contract, and the copies of component members a
// contract (or a component that uses others) holds.

#include <algorithm>
#include <unordered_set>

#include "sema_checker.hpp"

namespace tenet::compiler {

const FieldInfo& ContractInfo::field_for(const FieldInfo& field) const {
  const FieldInfo& declared = field.declaration();
  if (declared.component == nullptr || declared.component == this) return field;
  for (const FieldInfo& f : fields) {
    if (f.origin == &declared) return f;
  }
  return field;
}

namespace sema {
namespace {

bool is_component(const Symbol* s) {
  return s != nullptr && s->kind == Symbol::Kind::contract &&
         static_cast<const ContractInfo*>(s->info)->kind == ContractInfo::Kind::component;
}

const char* kind_word(const ContractInfo& c) {
  return c.kind == ContractInfo::Kind::component ? "component" : "contract";
}

/// Where a name of a contract's namespace is defined.
struct Definition {
  const char* what = "field";               // field, function, constant
  SourceRange range;                        // the name in its declaration
  const ContractInfo* component = nullptr;  // null: the contract's own member
  const ast::Identifier* via = nullptr;     // the `uses` entry that brought it in
};

}  // namespace

std::string Checker::component_not_a_type(const std::string& name) const {
  return "'" + name + "' is a component, not a type: it has no address and cannot be " +
         "deployed; include it in a contract with 'uses " + name + "'";
}

bool Checker::reject_component(const Symbol* s, const std::string& name, const SourceRange& range) {
  if (!is_component(s)) return false;
  diags_.error(range, component_not_a_type(name));
  return true;
}

std::string Checker::self_owner(const ContractInfo& c) {
  return std::string(kind_word(c)) + " '" + c.name + "'";
}

std::string Checker::self_scope_hint(const ContractInfo& c) {
  if (c.kind != ContractInfo::Kind::component) return "";
  return " (inside a component, 'self.' reaches only the component's own members and those "
         "of the components it uses: declare it in '" +
         c.name + "', use the component that declares it, or move this code into the contract)";
}

void Checker::link_uses(ContractInfo& c) {
  if (c.decl == nullptr) return;
  for (const ast::Identifier& id : c.decl->uses) {
    const Symbol* s = lookup_top(c.file, id.name);
    if (!is_component(s)) {
      std::vector<std::string> names;
      for (const auto& [n, sym] : module_of(c.file).scope)
        if (is_component(&sym)) names.push_back(n);
      if (s == nullptr) {
        diags_.error(id.range, "unknown component '" + id.name + "'" + suggest(id.name, names) +
                                   " (declare it: component " + id.name + " { … }, or import it)");
      } else {
        diags_.error(id.range, "'" + id.name +
                                   "' is not a component; only components can follow "
                                   "'uses' (a contract is called through its address instead)");
      }
      continue;
    }
    const auto* used = static_cast<const ContractInfo*>(s->info);
    record_use(id.range, used->range);
    if (std::find(c.uses.begin(), c.uses.end(), used) != c.uses.end()) {
      diags_.error(id.range, "component '" + id.name + "' is listed twice after 'uses'");
      continue;
    }
    c.uses.push_back(used);
  }
}

void Checker::order_components(ContractInfo& c, std::vector<const ast::Identifier*>& via) {
  // Depth first, left to right, the components a component uses before itself, each
  // once (language.md §6). `stack` detects cycles; each cycle is reported once.
  std::vector<const ContractInfo*> stack = {&c};
  auto visit = [&](auto&& self, const ContractInfo& from, const ast::Identifier* top) -> void {
    if (from.decl == nullptr) return;
    for (const ast::Identifier& id : from.decl->uses) {
      const Symbol* s = lookup_top(from.file, id.name);
      if (!is_component(s)) continue;
      const auto* used = static_cast<const ContractInfo*>(s->info);
      const ast::Identifier* entry = top != nullptr ? top : &id;
      auto on_stack = std::find(stack.begin(), stack.end(), used);
      if (on_stack != stack.end()) {
        std::vector<std::string> names;
        std::string chain;
        for (auto it = on_stack; it != stack.end(); ++it) {
          chain += (*it)->name + " uses ";
          names.push_back((*it)->name);
        }
        chain += used->name;
        std::sort(names.begin(), names.end());
        std::string key;
        for (const std::string& n : names) key += n + " ";
        if (reported_cycles_.insert(key).second) {
          diags_.error(id.range, "components cannot use each other in a cycle: " + chain +
                                     "; remove one of these 'uses'");
        }
        continue;
      }
      if (std::find(c.components.begin(), c.components.end(), used) != c.components.end()) continue;
      stack.push_back(used);
      self(self, *used, entry);
      stack.pop_back();
      c.components.push_back(used);
      via.push_back(entry);
    }
  };
  visit(visit, c, nullptr);
}

void Checker::include_components() {
  for (ContractInfo& k : prog_.components) {
    for (FieldInfo& f : k.fields) f.component = &k;
    for (FunctionInfo& f : k.functions) f.component = &k;
  }
  auto each = [&](auto&& fn) {
    for (ContractInfo& c : prog_.components) fn(c);
    for (ContractInfo& c : prog_.contracts)
      if (c.kind != ContractInfo::Kind::interface) fn(c);
  };
  each([&](ContractInfo& c) { link_uses(c); });
  each([&](ContractInfo& c) {
    std::vector<const ast::Identifier*> via;
    order_components(c, via);
    if (!c.components.empty()) include_members(c, via);
  });
}

void Checker::include_members(ContractInfo& c, const std::vector<const ast::Identifier*>& via) {
  std::unordered_map<std::string, Definition> names;
  auto clash = [&](const std::string& name, const Definition& d) {
    auto [it, inserted] = names.emplace(name, d);
    if (inserted) return false;
    const Definition& first = it->second;
    const std::string where =
        "'" + name + "' is defined twice in " + kind_word(c) + " '" + c.name + "'";
    const char* fix = c.kind == ContractInfo::Kind::component
                          ? " (a component and the components it uses share one namespace: "
                            "rename one of them)"
                          : " (a contract has one namespace: rename one of them)";
    if (d.component == nullptr) {  // the contract's own member meets a component's
      diags_.error(d.range,
                   where + ": here and by component '" + first.component->name + "'" + fix);
      diags_.note(first.range, "component '" + first.component->name + "' declares " + first.what +
                                   " '" + name + "' here");
      return true;
    }
    // Two components: reported where the second comes in, unless one component
    // includes the other or both come through one `uses` entry (then the component
    // that includes them reports it).
    const auto& inner = d.component->components;
    const auto& outer = first.component->components;
    const bool nested = std::find(inner.begin(), inner.end(), first.component) != inner.end() ||
                        std::find(outer.begin(), outer.end(), d.component) != outer.end();
    if (!nested && d.via != first.via) {
      diags_.error(d.via->range, where + ": by component '" + first.component->name +
                                     "' and by component '" + d.component->name + "'" + fix);
      diags_.note(first.range, "component '" + first.component->name + "' declares " + first.what +
                                   " '" + name + "' here");
      diags_.note(d.range, "component '" + d.component->name + "' declares " + d.what + " '" +
                               name + "' here");
    }
    return true;
  };
  std::vector<FieldInfo> fields;
  std::vector<FunctionInfo> functions;
  for (size_t i = 0; i < c.components.size(); ++i) {
    const ContractInfo& k = *c.components[i];
    for (const FieldInfo& f : k.fields) {
      if (f.origin != nullptr || clash(f.name, {"field", f.range, &k, via[i]})) continue;
      FieldInfo& copy = fields.emplace_back(f);
      copy.origin = &f;
    }
    for (const ConstInfo& f : k.consts) clash(f.name, {"constant", f.range, &k, via[i]});
    for (const FunctionInfo& f : k.functions) {
      if (f.origin != nullptr || clash(f.name, {"function", f.range, &k, via[i]})) continue;
      FunctionInfo& copy = functions.emplace_back(f);
      copy.origin = &f;
      copy.owner = &c;
    }
  }
  for (const FieldInfo& f : c.fields) clash(f.name, {"field", f.range, nullptr, nullptr});
  for (const ConstInfo& f : c.consts) clash(f.name, {"constant", f.range, nullptr, nullptr});
  for (const FunctionInfo& f : c.functions) clash(f.name, {"function", f.range, nullptr, nullptr});
  // Components' members first (storage order, language.md §10). A deque keeps the
  // addresses of the contract's own members while copies go in front of them.
  for (auto it = fields.rbegin(); it != fields.rend(); ++it) c.fields.push_front(std::move(*it));
  for (auto it = functions.rbegin(); it != functions.rend(); ++it)
    c.functions.push_front(std::move(*it));
  c.storage_size = 0;
  for (FieldInfo& f : c.fields) {
    f.slot = c.storage_size;
    if (f.type != nullptr) c.storage_size += storage_slots(*f.type);
  }
  c.getters.clear();
  for (const FieldInfo& f : c.fields)
    if (f.is_pub) add_getter(c, f);
  if (c.receive == nullptr) {
    for (const FunctionInfo& f : c.functions)
      if (f.is_receive) c.receive = &f;
  }
}

}  // namespace sema
}  // namespace tenet::compiler

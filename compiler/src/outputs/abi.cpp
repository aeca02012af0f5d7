// The Ethereum ABI of a checked contract in solc's JSON shape (abi.hpp, docs/abi.md).
#include "tenet/compiler/abi.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

namespace tenet::compiler {
namespace {

/// solc's internalType: the ABI type, except "struct S", "enum E", "contract C" for
/// named types (with array suffixes kept).
std::string internal_type_of(const Type& type) {
  switch (type.kind()) {
    case TypeKind::struct_type:
      return "struct " + type.name();
    case TypeKind::enum_type:
      return "enum " + type.name();
    case TypeKind::contract:
      return "contract " + type.name();
    case TypeKind::fixed_array:
      return internal_type_of(*type.element()) + "[" + std::to_string(type.length()) + "]";
    case TypeKind::dynamic_array:
      return internal_type_of(*type.element()) + "[]";
    default:
      return abi_name(type);
  }
}

/// The ABI parameter of `type` (abi_param). `open` holds the structs being expanded, so
/// that a struct reaching itself (which has no ABI type) ends the recursion with no
/// components instead of looping.
AbiParam param_of(const Type& type, std::string name, std::vector<const StructInfo*>& open) {
  AbiParam p{std::move(name), abi_name(type), internal_type_of(type), {}, std::nullopt};
  const Type* base = &type;
  while (base->is_array()) base = base->element();
  const StructInfo* s = base->kind() == TypeKind::struct_type ? base->struct_info() : nullptr;
  if (s == nullptr || std::find(open.begin(), open.end(), s) != open.end()) return p;
  open.push_back(s);
  for (const ParamInfo& field : s->fields)
    if (field.type != nullptr) p.components.push_back(param_of(*field.type, field.name, open));
  open.pop_back();
  return p;
}

/// The `uint256` parameter a getter takes for an array index.
AbiParam index_param() {
  return AbiParam{"", "uint256", "uint256", {}, std::nullopt};
}

std::string mutability_of(const FunctionInfo& f) {
  if (f.is_payable) return "payable";
  if (f.is_view) return "view";
  return "nonpayable";
}

/// Finds the events a contract emits and the errors it can revert with, by walking the
/// bodies of its functions and init and of the free functions they call.
class UsageCollector {
 public:
  UsageCollector(const CheckedProgram& program, const ContractInfo& contract)
      : program_(program), contract_(contract) {}

  /// Walks `body`, written in file `file`.
  void walk_body(const ast::Block& body, FileId file) {
    const FileId outer = file_;
    file_ = file;
    block(body);
    file_ = outer;
  }

  /// The events found, in the order first seen.
  std::vector<const EventInfo*> events;
  /// The errors found, in the order first seen.
  std::vector<const ErrorInfo*> errors;

 private:
  template <class Info>
  static void add_once(std::vector<const Info*>& list, const Info* info) {
    if (info != nullptr && std::find(list.begin(), list.end(), info) == list.end())
      list.push_back(info);
  }

  const EventInfo* find_event(const std::string& name) const {
    for (const EventInfo* e : contract_.events)
      if (e->name == name) return e;
    for (const EventInfo& e : program_.events)
      if (e.name == name) return &e;
    return nullptr;
  }

  // An error named in `revert Er(…)`: the one in scope in the contract's file, else one
  // declared in the file being walked, else any of that name.
  const ErrorInfo* find_error(const std::string& name) const {
    if (file_ == contract_.file)
      for (const ErrorInfo* e : contract_.errors)
        if (e->name == name) return e;
    for (const ErrorInfo& e : program_.errors)
      if (e.name == name && e.file == file_) return &e;
    for (const ErrorInfo& e : program_.errors)
      if (e.name == name) return &e;
    return nullptr;
  }

  void block(const ast::Block& b) {
    for (const auto& s : b.statements)
      if (s) stmt(*s);
  }

  void expr(const ast::ExprPtr& e) {
    if (e) expr(*e);
  }

  void exprs(const std::vector<ast::ExprPtr>& list) {
    for (const auto& e : list) expr(e);
  }

  void options(const std::vector<ast::FieldInit>& list) {
    for (const auto& o : list) expr(o.value);
  }

  void stmt(const ast::Stmt& s) {
    std::visit([this](const auto& node) { stmt_children(node); }, s.kind);
  }

  template <class Node>
  void stmt_children(const Node& n) {
    if constexpr (std::is_same_v<Node, ast::LetStmt> || std::is_same_v<Node, ast::LetTupleStmt>) {
      expr(n.init);
    } else if constexpr (std::is_same_v<Node, ast::AssignStmt>) {
      expr(n.target);
      expr(n.value);
    } else if constexpr (std::is_same_v<Node, ast::ExprStmt>) {
      expr(n.expr);
    } else if constexpr (std::is_same_v<Node, ast::IfStmt>) {
      expr(n.condition);
      block(n.then_block);
      if (n.else_branch) stmt(*n.else_branch);
    } else if constexpr (std::is_same_v<Node, ast::BlockStmt>) {
      block(n.block);
    } else if constexpr (std::is_same_v<Node, ast::WhileStmt>) {
      expr(n.condition);
      block(n.body);
    } else if constexpr (std::is_same_v<Node, ast::ForStmt>) {
      expr(n.start);
      expr(n.end);
      block(n.body);
    } else if constexpr (std::is_same_v<Node, ast::ReturnStmt>) {
      expr(n.value);
    } else if constexpr (std::is_same_v<Node, ast::EmitStmt>) {
      auto it = program_.emitted_events.find(&n.event);  // (1.1) as sema resolved it
      add_once(events, it != program_.emitted_events.end() ? it->second : find_event(n.event.name));
      exprs(n.args);
    } else if constexpr (std::is_same_v<Node, ast::RequireStmt>) {
      expr(n.condition);
      if (n.reason && n.reason->type != nullptr && n.reason->type->kind() == TypeKind::error_value)
        add_once(errors, n.reason->type->error_info());
      expr(n.reason);
    } else if constexpr (std::is_same_v<Node, ast::RevertStmt>) {
      expr(n.message);
      if (n.error) {
        auto it = program_.reverted_errors.find(&*n.error);  // (1.1) as sema resolved it
        add_once(errors,
                 it != program_.reverted_errors.end() ? it->second : find_error(n.error->name));
      }
      exprs(n.args);
    } else if constexpr (std::is_same_v<Node, ast::AssertStmt>) {
      expr(n.condition);
    } else if constexpr (std::is_same_v<Node, ast::TryStmt>) {
      expr(n.call);
      block(n.body);
      for (const ast::CatchClause& c : n.clauses) block(c.body);
    } else if constexpr (std::is_same_v<Node, ast::DeleteStmt>) {
      expr(n.place);
    }
    // break and continue have no children.
  }

  void expr(const ast::Expr& e) {
    follow_free_call(e);
    std::visit([this](const auto& node) { expr_children(node); }, e.kind);
  }

  template <class Node>
  void expr_children(const Node& n) {
    if constexpr (std::is_same_v<Node, ast::StructLiteral>) {
      options(n.fields);
    } else if constexpr (std::is_same_v<Node, ast::ArrayLiteral> ||
                         std::is_same_v<Node, ast::TupleExpr>) {
      exprs(n.elements);
    } else if constexpr (std::is_same_v<Node, ast::UnaryExpr>) {
      expr(n.operand);
    } else if constexpr (std::is_same_v<Node, ast::BinaryExpr>) {
      expr(n.lhs);
      expr(n.rhs);
    } else if constexpr (std::is_same_v<Node, ast::ConditionalExpr>) {
      expr(n.condition);
      expr(n.then_value);
      expr(n.else_value);
    } else if constexpr (std::is_same_v<Node, ast::CallExpr>) {
      expr(n.callee);
      options(n.options);
      exprs(n.args);
    } else if constexpr (std::is_same_v<Node, ast::MemberExpr>) {
      expr(n.object);
    } else if constexpr (std::is_same_v<Node, ast::IndexExpr>) {
      expr(n.base);
      expr(n.index);
    } else if constexpr (std::is_same_v<Node, ast::NewContractExpr>) {
      options(n.options);
      exprs(n.args);
    } else if constexpr (std::is_same_v<Node, ast::NewArrayExpr>) {
      exprs(n.args);
    }
    // Literals, names, self and enum paths have no child expressions.
  }

  // A call of a free function: its errors are the contract's too (free functions can
  // revert but not emit).
  void follow_free_call(const ast::Expr& e) {
    auto it = program_.resolutions.find(&e);
    if (it == program_.resolutions.end() || it->second.kind != Resolution::Kind::free_call) return;
    const FunctionInfo* f = it->second.function;
    if (f == nullptr || f->decl == nullptr || !f->decl->body || !visited_.insert(f).second) return;
    walk_body(*f->decl->body, f->file);
  }

  const CheckedProgram& program_;
  const ContractInfo& contract_;
  FileId file_ = kNoFile;
  std::set<const FunctionInfo*> visited_;
};

}  // namespace

AbiParam abi_param(const Type& type, std::string name) {
  std::vector<const StructInfo*> open;
  return param_of(type, std::move(name), open);
}

AbiEntry getter_abi(const FieldInfo& field) {
  AbiEntry entry;
  entry.kind = AbiEntryKind::function;
  entry.name = field.name;
  entry.state_mutability = "view";
  const Type* value = field.type;
  while (value != nullptr) {
    if (value->kind() == TypeKind::map) {
      entry.inputs.push_back(abi_param(*value->key(), ""));
      value = value->value();
    } else if (value->is_array()) {
      entry.inputs.push_back(index_param());
      value = value->element();
    } else {
      break;
    }
  }
  if (value == nullptr) return entry;
  for (const ParamInfo& member : getter_members(value))
    entry.outputs.push_back(abi_param(*member.type, member.name));
  return entry;
}

std::vector<AbiEntry> contract_abi(const CheckedProgram& program, const ContractInfo& contract) {
  std::vector<AbiEntry> abi;
  UsageCollector usage(program, contract);

  if (contract.init) {
    AbiEntry ctor;
    ctor.kind = AbiEntryKind::constructor;
    for (const ParamInfo& p : contract.init->params)
      if (p.type != nullptr) ctor.inputs.push_back(abi_param(*p.type, p.name));
    ctor.state_mutability = contract.init->is_payable ? "payable" : "nonpayable";
    abi.push_back(std::move(ctor));
    if (contract.init->decl != nullptr) usage.walk_body(contract.init->decl->body, contract.file);
  }

  for (const FunctionInfo& f : contract.functions) {
    if (f.decl != nullptr && f.decl->body) usage.walk_body(*f.decl->body, contract.file);
    if (!f.is_pub) continue;
    if (f.is_receive) {
      AbiEntry receive;
      receive.kind = AbiEntryKind::receive;
      receive.state_mutability = "payable";
      abi.push_back(std::move(receive));
      continue;
    }
    AbiEntry fn;
    fn.kind = AbiEntryKind::function;
    fn.name = f.abi_name();
    for (const ParamInfo& p : f.params)
      if (p.type != nullptr) fn.inputs.push_back(abi_param(*p.type, p.name));
    for (const Type* r : f.results)
      if (r != nullptr) fn.outputs.push_back(abi_param(*r, ""));
    fn.state_mutability = mutability_of(f);
    abi.push_back(std::move(fn));
  }

  for (const FieldInfo& field : contract.fields)
    if (field.is_pub) abi.push_back(getter_abi(field));

  for (const EventInfo* e : usage.events) {
    AbiEntry ev;
    ev.kind = AbiEntryKind::event;
    ev.name = e->name;
    for (const EventParamInfo& p : e->params) {
      if (p.type == nullptr) continue;
      AbiParam param = abi_param(*p.type, p.name);
      param.indexed = p.indexed;
      ev.inputs.push_back(std::move(param));
    }
    abi.push_back(std::move(ev));
  }

  for (const ErrorInfo* e : usage.errors) {
    AbiEntry er;
    er.kind = AbiEntryKind::error;
    er.name = e->name;
    for (const ParamInfo& p : e->params)
      if (p.type != nullptr) er.inputs.push_back(abi_param(*p.type, p.name));
    abi.push_back(std::move(er));
  }

  std::stable_sort(abi.begin(), abi.end(), [](const AbiEntry& a, const AbiEntry& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.name < b.name;
  });
  return abi;
}

}  // namespace tenet::compiler

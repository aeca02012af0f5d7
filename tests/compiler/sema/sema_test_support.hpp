#pragma once
// Helpers shared by the semantic-analysis tests.

#include <string>
#include <variant>
#include <vector>

#include "tenet/compiler/ast.hpp"
#include "tenet/compiler/ast_printer.hpp"

namespace tenet::compiler::testing {

// Every expression a checked program keeps has a type, except the documented ones:
// callees of calls and the objects of built-ins (msg, tx, block, vm, abi).
struct TypeCoverage {
  std::vector<std::string> untyped;

  void expr(const ast::Expr& e, bool exempt = false) {
    if (e.type == nullptr && !exempt) untyped.push_back(print_expr(e));
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, ast::StructLiteral>) {
            for (const auto& f : k.fields) expr(*f.value);
          } else if constexpr (std::is_same_v<K, ast::ArrayLiteral> ||
                               std::is_same_v<K, ast::TupleExpr>) {
            for (const auto& x : k.elements) expr(*x);
          } else if constexpr (std::is_same_v<K, ast::UnaryExpr>) {
            expr(*k.operand);
          } else if constexpr (std::is_same_v<K, ast::BinaryExpr>) {
            expr(*k.lhs);
            expr(*k.rhs);
          } else if constexpr (std::is_same_v<K, ast::ConditionalExpr>) {
            expr(*k.condition);
            expr(*k.then_value);
            expr(*k.else_value);
          } else if constexpr (std::is_same_v<K, ast::CallExpr>) {
            if (const auto* m = std::get_if<ast::MemberExpr>(&k.callee->kind)) {
              const auto* n = std::get_if<ast::NameExpr>(&m->object->kind);
              expr(*m->object, n != nullptr && (n->name == "vm" || n->name == "abi"));
            }
            for (const auto& o : k.options) expr(*o.value);
            for (const auto& a : k.args) expr(*a);
          } else if constexpr (std::is_same_v<K, ast::MemberExpr>) {
            const auto* n = std::get_if<ast::NameExpr>(&k.object->kind);
            expr(*k.object,
                 n != nullptr && (n->name == "msg" || n->name == "tx" || n->name == "block"));
          } else if constexpr (std::is_same_v<K, ast::IndexExpr>) {
            expr(*k.base);
            expr(*k.index);
          } else if constexpr (std::is_same_v<K, ast::NewContractExpr>) {
            for (const auto& o : k.options) expr(*o.value);
            for (const auto& a : k.args) expr(*a);
          } else if constexpr (std::is_same_v<K, ast::NewArrayExpr>) {
            for (const auto& a : k.args) expr(*a);
          }
        },
        e.kind);
  }
  void block(const ast::Block& b) {
    for (const auto& st : b.statements) stmt(*st);
  }
  void stmt(const ast::Stmt& st) {
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, ast::LetStmt> || std::is_same_v<K, ast::LetTupleStmt>) {
            expr(*k.init);
          } else if constexpr (std::is_same_v<K, ast::AssignStmt>) {
            expr(*k.target);
            expr(*k.value);
          } else if constexpr (std::is_same_v<K, ast::ExprStmt>) {
            expr(*k.expr);
          } else if constexpr (std::is_same_v<K, ast::IfStmt>) {
            expr(*k.condition);
            block(k.then_block);
            if (k.else_branch) stmt(*k.else_branch);
          } else if constexpr (std::is_same_v<K, ast::BlockStmt>) {
            block(k.block);
          } else if constexpr (std::is_same_v<K, ast::WhileStmt>) {
            expr(*k.condition);
            block(k.body);
          } else if constexpr (std::is_same_v<K, ast::ForStmt>) {
            expr(*k.start);
            expr(*k.end);
            block(k.body);
          } else if constexpr (std::is_same_v<K, ast::ReturnStmt>) {
            if (k.value) expr(*k.value);
          } else if constexpr (std::is_same_v<K, ast::EmitStmt>) {
            for (const auto& a : k.args) expr(*a);
          } else if constexpr (std::is_same_v<K, ast::RequireStmt>) {
            expr(*k.condition);
            if (k.reason) expr(*k.reason);
          } else if constexpr (std::is_same_v<K, ast::RevertStmt>) {
            if (k.message) expr(*k.message);
            for (const auto& a : k.args) expr(*a);
          } else if constexpr (std::is_same_v<K, ast::AssertStmt>) {
            expr(*k.condition);
          } else if constexpr (std::is_same_v<K, ast::DeleteStmt>) {
            expr(*k.place);
          }
        },
        st.kind);
  }
  void function(const ast::FunctionDecl& f) {
    if (f.body) block(*f.body);
  }
  void file(const ast::SourceFile& f) {
    for (const ast::Item& item : f.items) {
      if (const auto* fn = std::get_if<ast::FunctionDecl>(&item.kind)) function(*fn);
      if (const auto* k = std::get_if<ast::ConstDecl>(&item.kind)) expr(*k->value);
      if (const auto* c = std::get_if<ast::ContractDecl>(&item.kind)) {
        for (const auto& m : c->members) {
          if (const auto* fn = std::get_if<ast::FunctionDecl>(&m.kind)) function(*fn);
          if (const auto* in = std::get_if<ast::InitDecl>(&m.kind)) block(in->body);
          if (const auto* k = std::get_if<ast::ConstDecl>(&m.kind)) expr(*k->value);
        }
      }
    }
  }
};

}  // namespace tenet::compiler::testing

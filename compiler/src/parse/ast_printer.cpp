#include "tenet/compiler/ast_printer.hpp"

#include <string_view>

#include "tenet/vm/hex.hpp"

namespace tenet::compiler {
namespace ast {

const char* spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::logical_not:
      return "!";
    case UnaryOp::negate:
      return "-";
    case UnaryOp::bit_not:
      return "~";
  }
  return "?";
}

const char* spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::add:
      return "+";
    case BinaryOp::sub:
      return "-";
    case BinaryOp::mul:
      return "*";
    case BinaryOp::div:
      return "/";
    case BinaryOp::rem:
      return "%";
    case BinaryOp::pow:
      return "**";
    case BinaryOp::add_wrap:
      return "+%";
    case BinaryOp::sub_wrap:
      return "-%";
    case BinaryOp::mul_wrap:
      return "*%";
    case BinaryOp::shl:
      return "<<";
    case BinaryOp::shr:
      return ">>";
    case BinaryOp::bit_and:
      return "&";
    case BinaryOp::bit_xor:
      return "^";
    case BinaryOp::bit_or:
      return "|";
    case BinaryOp::lt:
      return "<";
    case BinaryOp::le:
      return "<=";
    case BinaryOp::gt:
      return ">";
    case BinaryOp::ge:
      return ">=";
    case BinaryOp::eq:
      return "==";
    case BinaryOp::ne:
      return "!=";
    case BinaryOp::logical_and:
      return "&&";
    case BinaryOp::logical_or:
      return "||";
  }
  return "?";
}

const char* spelling(AssignOp op) {
  switch (op) {
    case AssignOp::assign:
      return "=";
    case AssignOp::add:
      return "+=";
    case AssignOp::sub:
      return "-=";
    case AssignOp::mul:
      return "*=";
    case AssignOp::div:
      return "/=";
    case AssignOp::rem:
      return "%=";
    case AssignOp::bit_and:
      return "&=";
    case AssignOp::bit_or:
      return "|=";
    case AssignOp::bit_xor:
      return "^=";
    case AssignOp::shl:
      return "<<=";
    case AssignOp::shr:
      return ">>=";
  }
  return "?";
}

}  // namespace ast

namespace {

using namespace ast;  // NOLINT: a .cpp file about the AST

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string quoted(std::string_view bytes) {
  std::string out = "\"";
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += vm::hex_digit(c >> 4);
          out += vm::hex_digit(c & 15);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string type_text(const TypeExpr& t) {
  return std::visit(Overloaded{
                        [](const NamedType& n) { return n.name.name; },
                        [](const ArrayType& a) {
                          std::string s = "[" + type_text(*a.element);
                          if (a.size) s += "; " + print_expr(*a.size);
                          return s + "]";
                        },
                        [](const MapType& m) {
                          return "map<" + type_text(*m.key) + ", " + type_text(*m.value) + ">";
                        },
                    },
                    t.kind);
}

std::string options_text(const std::vector<FieldInit>& options) {
  if (options.empty()) return "";
  std::string s = "{";
  for (size_t i = 0; i < options.size(); ++i) {
    if (i > 0) s += ", ";
    s += options[i].name.name + ": " + print_expr(*options[i].value);
  }
  return s + "}";
}

std::string params_text(const std::vector<Param>& params) {
  std::string s = "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i > 0) s += ", ";
    s += params[i].name.name + ": " + type_text(*params[i].type);
  }
  return s + ")";
}

class Printer {
 public:
  explicit Printer(const AstPrintOptions& options) : options_(options) {}

  std::string run(const SourceFile& file) {
    line(0, "SourceFile", {});
    for (const ImportDecl& i : file.imports) {
      std::string s = "Import " + quoted(i.path);
      if (i.selective) {
        s += " {";
        for (size_t k = 0; k < i.names.size(); ++k) {
          s += (k ? ", " : " ") + i.names[k].name;
          if (k < i.aliases.size() && !i.aliases[k].name.empty()) s += " as " + i.aliases[k].name;
        }
        s += " }";
      }
      line(1, s, i.range);
    }
    for (const Item& item : file.items) print_item(1, item);
    return std::move(out_);
  }

 private:
  void line(int depth, const std::string& text, const SourceRange& range) {
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_ += text;
    if (options_.ranges && range.valid()) {
      out_ += " @" + std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column) +
              "-" + std::to_string(range.end.line) + ":" + std::to_string(range.end.column);
    }
    out_ += '\n';
  }

  void doc(int depth, const std::string& text) {
    if (text.empty()) return;
    line(depth, "Doc " + quoted(text), {});
  }

  void print_item(int depth, const Item& item) {
    std::visit(Overloaded{
                   [&](const ConstDecl& c) { print_const(depth, c, item.range, item.doc); },
                   [&](const StructDecl& s) {
                     line(depth, "Struct " + s.name.name, item.range);
                     doc(depth + 1, item.doc);
                     for (const Param& f : s.fields) {
                       line(depth + 1, "Field " + f.name.name + ": " + type_text(*f.type), f.range);
                     }
                   },
                   [&](const EnumDecl& e) {
                     std::string s = "Enum " + e.name.name + " {";
                     for (size_t i = 0; i < e.variants.size(); ++i)
                       s += (i ? ", " : " ") + e.variants[i].name;
                     line(depth, s + " }", item.range);
                     doc(depth + 1, item.doc);
                   },
                   [&](const EventDecl& e) {
                     std::string s = "Event " + e.name.name + "(";
                     for (size_t i = 0; i < e.params.size(); ++i) {
                       if (i > 0) s += ", ";
                       s += e.params[i].name.name + ": " + type_text(*e.params[i].type);
                       if (e.params[i].indexed) s += " indexed";
                     }
                     line(depth, s + ")", item.range);
                     doc(depth + 1, item.doc);
                   },
                   [&](const ErrorDecl& e) {
                     line(depth, "Error " + e.name.name + params_text(e.params), item.range);
                     doc(depth + 1, item.doc);
                   },
                   [&](const InterfaceDecl& i) {
                     line(depth, "Interface " + i.name.name, item.range);
                     doc(depth + 1, item.doc);
                     for (size_t k = 0; k < i.functions.size(); ++k) {
                       print_function(depth + 1, i.functions[k], i.function_docs[k]);
                     }
                   },
                   [&](const ContractDecl& c) {
                     std::string head = c.is_component ? "Component "
                                        : c.is_test    ? "TestContract "
                                                       : "Contract ";
                     head += c.name.name;
                     for (size_t k = 0; k < c.uses.size(); ++k)
                       head += (k ? ", " : " uses ") + c.uses[k].name;
                     line(depth, head, item.range);
                     doc(depth + 1, item.doc);
                     for (const ContractMember& m : c.members) print_member(depth + 1, m);
                   },
                   [&](const FunctionDecl& f) { print_function(depth, f, item.doc); },
               },
               item.kind);
  }

  void print_const(int depth, const ConstDecl& c, const SourceRange& range, const std::string& d) {
    line(depth, "Const " + c.name.name + ": " + type_text(*c.type), range);
    doc(depth + 1, d);
    print_expr_tree(depth + 1, *c.value);
  }

  void print_member(int depth, const ContractMember& m) {
    std::visit(
        Overloaded{
            [&](const FieldDecl& f) {
              line(depth,
                   std::string("Field ") + (f.is_pub ? "pub " : "") + f.name.name + ": " +
                       type_text(*f.type),
                   m.range);
              doc(depth + 1, m.doc);
            },
            [&](const ConstDecl& c) { print_const(depth, c, m.range, m.doc); },
            [&](const InitDecl& i) {
              line(depth,
                   std::string("Init ") + (i.is_payable ? "payable " : "") + params_text(i.params),
                   m.range);
              doc(depth + 1, m.doc);
              print_block(depth + 1, i.body);
            },
            [&](const FunctionDecl& f) { print_function(depth, f, m.doc); },
        },
        m.kind);
  }

  void print_function(int depth, const FunctionDecl& f, const std::string& d) {
    std::string s = "Function ";
    if (f.is_pub) s += "pub ";
    if (f.is_view) s += "view ";
    if (f.is_payable) s += "payable ";
    if (f.is_reentrant) s += "reentrant ";
    if (f.kind == FunctionKind::test) s += "test ";
    if (f.kind == FunctionKind::invariant) s += "invariant ";
    s += f.name.name + params_text(f.params);
    if (!f.results.empty()) {
      s += " -> ";
      if (f.tuple_result) s += "(";
      for (size_t i = 0; i < f.results.size(); ++i) {
        if (i > 0) s += ", ";
        s += type_text(*f.results[i]);
      }
      if (f.tuple_result) s += ")";
    }
    if (f.external_name) s += " as \"" + f.external_name->name + "\"";
    line(depth, s, f.header_range);
    doc(depth + 1, d);
    if (f.body) print_block(depth + 1, *f.body);
  }

  void print_block(int depth, const Block& b) {
    line(depth, "Block", b.range);
    for (const StmtPtr& s : b.statements) print_stmt(depth + 1, *s);
  }

  void print_stmt(int depth, const Stmt& s) {
    std::visit(Overloaded{
                   [&](const LetStmt& l) {
                     std::string t = std::string("Let ") + (l.is_mut ? "mut " : "") + l.name.name;
                     if (l.type) t += ": " + type_text(*l.type);
                     line(depth, t, s.range);
                     print_expr_tree(depth + 1, *l.init);
                   },
                   [&](const LetTupleStmt& l) {
                     std::string t = "Let (";
                     for (size_t i = 0; i < l.bindings.size(); ++i) {
                       if (i > 0) t += ", ";
                       t += (l.bindings[i].is_mut ? "mut " : "") + l.bindings[i].name.name;
                     }
                     line(depth, t + ")", s.range);
                     print_expr_tree(depth + 1, *l.init);
                   },
                   [&](const AssignStmt& a) {
                     line(depth, std::string("Assign ") + spelling(a.op), s.range);
                     print_expr_tree(depth + 1, *a.target);
                     print_expr_tree(depth + 1, *a.value);
                   },
                   [&](const ExprStmt& e) {
                     line(depth, "ExprStmt", s.range);
                     print_expr_tree(depth + 1, *e.expr);
                   },
                   [&](const IfStmt& i) {
                     line(depth, "If", s.range);
                     print_expr_tree(depth + 1, *i.condition);
                     print_block(depth + 1, i.then_block);
                     if (i.else_branch) {
                       line(depth + 1, "Else", i.else_branch->range);
                       print_stmt(depth + 2, *i.else_branch);
                     }
                   },
                   [&](const BlockStmt& b) { print_block(depth, b.block); },
                   [&](const WhileStmt& w) {
                     line(depth, "While", s.range);
                     print_expr_tree(depth + 1, *w.condition);
                     print_block(depth + 1, w.body);
                   },
                   [&](const ForStmt& f) {
                     line(depth, "For " + f.variable.name + (f.inclusive ? " in ..=" : " in .."),
                          s.range);
                     print_expr_tree(depth + 1, *f.start);
                     print_expr_tree(depth + 1, *f.end);
                     print_block(depth + 1, f.body);
                   },
                   [&](const BreakStmt&) { line(depth, "Break", s.range); },
                   [&](const ContinueStmt&) { line(depth, "Continue", s.range); },
                   [&](const ReturnStmt& r) {
                     line(depth, "Return", s.range);
                     if (r.value) print_expr_tree(depth + 1, *r.value);
                   },
                   [&](const EmitStmt& e) {
                     line(depth, "Emit " + e.event.name, s.range);
                     for (const ExprPtr& a : e.args) print_expr_tree(depth + 1, *a);
                   },
                   [&](const RequireStmt& r) {
                     line(depth, "Require", s.range);
                     print_expr_tree(depth + 1, *r.condition);
                     if (r.reason) print_expr_tree(depth + 1, *r.reason);
                   },
                   [&](const RevertStmt& r) {
                     if (r.error) {
                       line(depth, "Revert " + r.error->name, s.range);
                       for (const ExprPtr& a : r.args) print_expr_tree(depth + 1, *a);
                     } else {
                       line(depth, "Revert", s.range);
                       if (r.message) print_expr_tree(depth + 1, *r.message);
                     }
                   },
                   [&](const AssertStmt& a) {
                     line(depth, "Assert", s.range);
                     print_expr_tree(depth + 1, *a.condition);
                   },
                   [&](const TryStmt& t) { print_try(depth, t, s.range); },
                   [&](const DeleteStmt& d) {
                     line(depth, "Delete", s.range);
                     print_expr_tree(depth + 1, *d.place);
                   },
               },
               s.kind);
  }

  void print_try(int depth, const TryStmt& t, const SourceRange& range) {
    std::string head = "Try";
    for (size_t i = 0; i < t.results.size(); ++i) {
      const TryBinding& b = t.results[i];
      head += std::string(i == 0 ? " -> (" : ", ") + (b.is_mut ? "mut " : "") + b.name.name;
      if (b.type) head += ": " + type_text(*b.type);
      if (i + 1 == t.results.size()) head += ")";
    }
    line(depth, head, range);
    print_expr_tree(depth + 1, *t.call);
    print_block(depth + 1, t.body);
    for (const CatchClause& c : t.clauses) {
      std::string text = "Catch";
      if (c.error) text += " " + c.error->name + "(";
      if (!c.error && !c.bindings.empty()) text += " (";
      for (size_t i = 0; i < c.bindings.size(); ++i)
        text += (i == 0 ? "" : ", ") + c.bindings[i].name;
      if (c.error || !c.bindings.empty()) text += ")";
      line(depth + 1, text, c.range);
      print_block(depth + 2, c.body);
    }
  }

  void print_args(int depth, const std::vector<ExprPtr>& args) {
    for (const ExprPtr& a : args) print_expr_tree(depth, *a);
  }

  void print_expr_tree(int depth, const Expr& e) {
    std::visit(
        Overloaded{
            [&](const IntegerLiteral& i) { line(depth, "Integer " + i.text, e.range); },
            [&](const StringLiteral& s) { line(depth, "String " + quoted(s.value), e.range); },
            [&](const HexLiteral& h) { line(depth, "Hex " + h.text, e.range); },
            [&](const BoolLiteral& b) {
              line(depth, b.value ? "Bool true" : "Bool false", e.range);
            },
            [&](const SelfExpr&) { line(depth, "Self", e.range); },
            [&](const NameExpr& n) { line(depth, "Name " + n.name, e.range); },
            [&](const EnumPath& p) {
              line(depth, "EnumVariant " + p.enum_name.name + "::" + p.variant.name, e.range);
            },
            [&](const StructLiteral& s) {
              line(depth, "StructLiteral " + s.name.name, e.range);
              for (const FieldInit& f : s.fields) {
                line(depth + 1, "Field " + f.name.name, f.range);
                print_expr_tree(depth + 2, *f.value);
              }
            },
            [&](const ArrayLiteral& a) {
              line(depth, "ArrayLiteral", e.range);
              print_args(depth + 1, a.elements);
            },
            [&](const TupleExpr& t) {
              line(depth, "Tuple", e.range);
              print_args(depth + 1, t.elements);
            },
            [&](const UnaryExpr& u) {
              line(depth, std::string("Unary ") + spelling(u.op), e.range);
              print_expr_tree(depth + 1, *u.operand);
            },
            [&](const BinaryExpr& b) {
              line(depth, std::string("Binary ") + spelling(b.op), e.range);
              print_expr_tree(depth + 1, *b.lhs);
              print_expr_tree(depth + 1, *b.rhs);
            },
            [&](const ConditionalExpr& c) {
              line(depth, "Conditional", e.range);
              print_expr_tree(depth + 1, *c.condition);
              print_expr_tree(depth + 1, *c.then_value);
              print_expr_tree(depth + 1, *c.else_value);
            },
            [&](const CallExpr& c) {
              line(depth,
                   "Call" + std::string(c.options.empty() ? "" : " ") + options_text(c.options),
                   e.range);
              print_expr_tree(depth + 1, *c.callee);
              print_args(depth + 1, c.args);
            },
            [&](const MemberExpr& m) {
              line(depth, "Member ." + m.member.name, e.range);
              print_expr_tree(depth + 1, *m.object);
            },
            [&](const IndexExpr& i) {
              line(depth, "Index", e.range);
              print_expr_tree(depth + 1, *i.base);
              print_expr_tree(depth + 1, *i.index);
            },
            [&](const NewContractExpr& n) {
              line(depth, "New " + n.contract.name + options_text(n.options), e.range);
              print_args(depth + 1, n.args);
            },
            [&](const NewArrayExpr& n) {
              line(depth, "NewArray [" + type_text(*n.element) + "]", e.range);
              print_args(depth + 1, n.args);
            },
            [&](const ArrayTypeExpr& t) { line(depth, "Type " + type_text(*t.type), e.range); },
        },
        e.kind);
  }

  const AstPrintOptions& options_;
  std::string out_;
};

std::string list_text(const std::vector<ExprPtr>& items) {
  std::string s;
  for (const ExprPtr& a : items) {
    s += ' ';
    s += print_expr(*a);
  }
  return s;
}

}  // namespace

std::string print_ast(const ast::SourceFile& file, const AstPrintOptions& options) {
  return Printer(options).run(file);
}

std::string print_expr(const ast::Expr& e) {
  return std::visit(
      Overloaded{
          [](const IntegerLiteral& i) { return i.text; },
          [](const StringLiteral& s) { return quoted(s.value); },
          [](const HexLiteral& h) { return h.text; },
          [](const BoolLiteral& b) { return std::string(b.value ? "true" : "false"); },
          [](const SelfExpr&) { return std::string("self"); },
          [](const NameExpr& n) { return n.name; },
          [](const EnumPath& p) { return p.enum_name.name + "::" + p.variant.name; },
          [](const StructLiteral& s) {
            std::string out = s.name.name + " {";
            for (size_t i = 0; i < s.fields.size(); ++i) {
              out +=
                  (i ? ", " : " ") + s.fields[i].name.name + ": " + print_expr(*s.fields[i].value);
            }
            return out + " }";
          },
          [](const ArrayLiteral& a) { return "(array" + list_text(a.elements) + ")"; },
          [](const TupleExpr& t) { return "(tuple" + list_text(t.elements) + ")"; },
          [](const UnaryExpr& u) {
            return std::string("(") + spelling(u.op) + " " + print_expr(*u.operand) + ")";
          },
          [](const BinaryExpr& b) {
            return std::string("(") + spelling(b.op) + " " + print_expr(*b.lhs) + " " +
                   print_expr(*b.rhs) + ")";
          },
          [](const ConditionalExpr& c) {
            return "(? " + print_expr(*c.condition) + " " + print_expr(*c.then_value) + " " +
                   print_expr(*c.else_value) + ")";
          },
          [](const CallExpr& c) {
            return "(call " + print_expr(*c.callee) + options_text(c.options) + list_text(c.args) +
                   ")";
          },
          [](const MemberExpr& m) {
            return "(. " + print_expr(*m.object) + " " + m.member.name + ")";
          },
          [](const IndexExpr& i) {
            return "([] " + print_expr(*i.base) + " " + print_expr(*i.index) + ")";
          },
          [](const NewContractExpr& n) {
            return "(new " + n.contract.name + options_text(n.options) + list_text(n.args) + ")";
          },
          [](const NewArrayExpr& n) {
            return "(new [" + type_text(*n.element) + "]" + list_text(n.args) + ")";
          },
          [](const ArrayTypeExpr& t) { return "(type " + type_text(*t.type) + ")"; },
      },
      e.kind);
}

}  // namespace tenet::compiler

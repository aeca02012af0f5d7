// The built-ins table (tenet/compiler/builtins.hpp) and the Tenet signatures of the cheat
// codes (TENET_CHEATS in tenet/vm/cheats.hpp), table-driven: every built-in is accepted
// by sema with the type the table states, resolved to its id and lowered by irgen to
// the intrinsic the table names; every cheat code's form is accepted with exactly its
// parameter types, the wrong arity and the wrong types are rejected; and
// docs/language.md lists them as the tables say.

#include "tenet/compiler/builtins.hpp"

#include <gtest/gtest.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "e2e/e2e_support.hpp"
#include "tenet/compiler/irgen.hpp"
#include "tenet/vm/cheats.hpp"

namespace tenet::compiler {
namespace {

/// A program checked from text, without failing on errors (some cases expect them).
std::unique_ptr<testing::CheckedSource> check(const std::string& text) {
  auto c = std::make_unique<testing::CheckedSource>();
  FileId id = c->sources.add_file("test.tn", text);
  c->program = check_program(c->sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib",
                             c->diagnostics);
  return c;
}

/// Parameters `p0: T0, p1: T1, …` and the arguments `p0, p1, …` of a signature; `T`
/// and variadic parameters take a u256.
struct Call {
  std::string params;
  std::string args;
};

Call call_of(const Signature& sig, TypeTable& types) {
  Call c;
  std::vector<const Type*> ts;
  if (sig.variadic) ts.push_back(types.u256());
  for (const SignatureParam& p : sig.params) ts.push_back(p.type ? p.type : types.u256());
  for (size_t i = 0; i < ts.size(); ++i) {
    const std::string name = "p" + std::to_string(i);
    c.params += ", " + name + ": " + display_name(*ts[i]);
    c.args += (i == 0 ? "" : ", ") + name;
  }
  return c;
}

/// A use of built-in `b` as the table says it is written: the statement and the
/// parameters (after `a: address`) of the function it is in.
struct Use {
  std::string params;
  std::string statement;
};

/// The built-ins whose arguments or object are not u256 values (string, bytes and ABI
/// helpers of 1.1): a use as written, its function's parameters and its result type.
struct SpecialUse {
  Builtin id;
  const char* params;
  const char* use;
  const char* result;
};

constexpr SpecialUse kSpecialUses[] = {
    {Builtin::concat, ", p0: string, p1: string", "concat(p0, p1)", "string"},
    {Builtin::slice, ", p0: bytes", "p0.slice(0, 1)", "bytes"},
    {Builtin::abi_encode_with_selector, ", p0: u256", "abi.encode_with_selector(bytes4(0), p0)",
     "bytes"},
    {Builtin::abi_decode, ", p0: bytes", "abi.decode(p0, (u256))", "u256"},
};

const SpecialUse* special_use(Builtin id) {
  for (const SpecialUse& s : kSpecialUses) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

/// The result type of a use of `b` (use_of).
const Type* result_of_use(const BuiltinInfo& b, TypeTable& types) {
  if (const SpecialUse* s = special_use(b.id)) return parse_signature(types, s->result)->result;
  return parse_signature(types, b.type, types.u256())->result;
}

Use use_of(const BuiltinInfo& b, TypeTable& types) {
  if (const SpecialUse* s = special_use(b.id)) {
    return {s->params, std::string("let r = ") + s->use + ";\n        log(r);"};
  }
  const Signature sig = *parse_signature(types, b.type, types.u256());
  const Call call = call_of(sig, types);
  std::string use;
  switch (b.form) {
    case BuiltinForm::field:
      use = std::string(b.name);
      break;
    case BuiltinForm::address_field:
      use = "a." + std::string(b.name);
      break;
    case BuiltinForm::function:
    case BuiltinForm::abi_function:
    case BuiltinForm::test_function:
      use = std::string(b.name) + "(" + call.args + ")";
      break;
    case BuiltinForm::address_method:
      use = "a." + std::string(b.name) + "(" + call.args + ")";
      break;
    case BuiltinForm::sequence_method:
      use = "self.xs." + std::string(b.name) + "(" + call.args + ")";
      break;
  }
  if (sig.result->kind() == TypeKind::tuple) {  // `a.call(d)`: (bool, bytes)
    return {call.params, "let (r0, r1) = " + use + ";\n        log(r0, r1);"};
  }
  return {call.params,
          sig.result == types.unit() ? use + ";" : "let r = " + use + ";\n        log(r);"};
}

/// A (test) contract with storage `xs: [u256]` whose function `f` holds `use`.
std::string contract_with(const Use& use, const std::string& kind, const std::string& header) {
  return kind + " C {\n    xs: [u256];\n    " + header + " f(a: address" + use.params +
         ") {\n        " + use.statement + "\n    }\n}\n";
}

/// The contract of `contract_with` for built-in `b`, in a payable function.
std::string contract_using(const BuiltinInfo& b, TypeTable& types) {
  return contract_with(use_of(b, types),
                       b.form == BuiltinForm::test_function ? "test contract" : "contract",
                       "pub payable fn");
}

TEST(BuiltinsTable, EveryEntryParsesAndIsFoundByItsNameAndForm) {
  TypeTable types;
  size_t index = 0;
  for (const BuiltinInfo& b : builtins()) {
    EXPECT_EQ(static_cast<size_t>(b.id), index++) << b.name;
    EXPECT_EQ(&builtin_info(b.id), &b);
    EXPECT_EQ(find_builtin(b.form, b.name), b.id) << b.name;
    EXPECT_TRUE(parse_signature(types, b.type, types.u256())) << b.name << ": " << b.type;
    EXPECT_EQ(b.action.empty(),
              b.effect == BuiltinEffect::pure || b.effect == BuiltinEffect::test_only)
        << b.name;
  }
  EXPECT_FALSE(find_builtin(BuiltinForm::function, "msg.sender"));
  EXPECT_FALSE(find_builtin(BuiltinForm::field, "block.hash"));
  for (const char* object : {"msg", "tx", "block", "abi", "vm"}) {
    EXPECT_TRUE(is_builtin_object(object)) << object;
  }
  EXPECT_FALSE(is_builtin_object("self"));
  EXPECT_FALSE(is_builtin_object("keccak256"));
}

TEST(BuiltinsTable, SignatureTextParses) {
  TypeTable types;
  auto sig = parse_signature(types, "(digest: bytes32, v: u8, message?: string) -> (u8, bool)");
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->names(), (std::vector<std::string>{"digest", "v", "message"}));
  EXPECT_EQ(sig->types(), (std::vector<const Type*>{types.bytes32(), types.u8(), types.string()}));
  EXPECT_TRUE(sig->params[2].optional);
  EXPECT_EQ(sig->result, types.tuple({types.u8(), types.boolean()}));
  sig = parse_signature(types, "address");
  ASSERT_TRUE(sig);
  EXPECT_TRUE(sig->params.empty());
  EXPECT_EQ(sig->result, types.address());
  sig = parse_signature(types, "(values...)");
  ASSERT_TRUE(sig);
  EXPECT_TRUE(sig->variadic);
  EXPECT_EQ(sig->result, types.unit());
  sig = parse_signature(types, "(e: error) -> T", types.u64());
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->params[0].kind, ParamKind::error_value);
  EXPECT_EQ(sig->result, types.u64());
  EXPECT_FALSE(parse_signature(types, "(x: u7)"));
  EXPECT_FALSE(parse_signature(types, "(x)"));
  EXPECT_FALSE(parse_signature(types, "(x: u8"));
  EXPECT_EQ(signature_forms("() | (m: string)"),
            (std::vector<std::string_view>{"()", "(m: string)"}));
}

TEST(BuiltinsTable, EveryBuiltinIsAcceptedWithItsTypeAndLoweredToItsIntrinsic) {
  for (const BuiltinInfo& b : builtins()) {
    SCOPED_TRACE(std::string(b.name));
    TypeTable scratch;
    const std::string text = contract_using(b, scratch);
    auto c = check(text);
    ASSERT_FALSE(c->diagnostics.has_errors()) << text << render_all(c->diagnostics, c->sources);
    TypeTable& types = *c->program->types;
    const Type* result = result_of_use(b, types);
    int uses = 0;
    for (const auto& [expr, r] : c->program->resolutions) {
      if (r.kind != Resolution::Kind::builtin || r.builtin != b.id) continue;
      ++uses;
      EXPECT_EQ(r.name, b.name);
      EXPECT_FALSE(r.cheat.has_value());
      EXPECT_EQ(expr->type, result) << display_name(*expr->type);
    }
    EXPECT_EQ(uses, 1) << text;

    llvm::LLVMContext context;
    IrgenOptions options;
    options.test_mode = b.form == BuiltinForm::test_function;
    auto ir = generate_ir(context, *c->program, c->sources, c->contract("C"), options);
    ASSERT_TRUE(ir) << ir.error().message;
    EXPECT_FALSE(llvm::verifyModule(*ir->module, &llvm::errs()));
    if (b.intrinsic) {
      const llvm::Function* f = ir->module->getFunction(intrinsic_info(*b.intrinsic).name);
      ASSERT_NE(f, nullptr) << intrinsic_info(*b.intrinsic).name;
      EXPECT_FALSE(f->use_empty());
    }
  }
}

TEST(BuiltinsTable, EffectsAreEnforcedAsTheTableSays) {
  for (const BuiltinInfo& b : builtins()) {
    SCOPED_TRACE(std::string(b.name));
    TypeTable scratch;
    const Use use = use_of(b, scratch);
    auto rendered = [](const std::string& text) {
      auto c = check(text);
      return render_all(c->diagnostics, c->sources);
    };
    const std::string action(b.action);
    // in a plain contract
    const std::string plain = rendered(contract_with(use, "contract", "pub payable fn"));
    EXPECT_EQ(plain.find("only available in test contracts") != std::string::npos,
              b.effect == BuiltinEffect::test_only)
        << plain;
    // in a non-payable pub function
    const std::string unpaid = rendered(contract_with(use, "test contract", "pub fn"));
    EXPECT_EQ(unpaid.find("can only be read in payable functions") != std::string::npos,
              b.effect == BuiltinEffect::payable_only)
        << unpaid;
    // in a view function
    const std::string in_view = rendered(contract_with(use, "test contract", "view fn"));
    EXPECT_EQ(in_view.find("view function 'f' cannot " + action) != std::string::npos,
              b.effect == BuiltinEffect::changes_state)
        << in_view;
    // in a free function (sequence methods need a storage array: not in free functions)
    if (b.form == BuiltinForm::sequence_method || b.form == BuiltinForm::test_function) continue;
    const std::string free =
        rendered("fn f(a: address" + use.params + ") {\n    " + use.statement + "\n}\n");
    const bool pure =
        free.find("free function 'f' is pure: it cannot " + action) != std::string::npos;
    EXPECT_EQ(pure, b.effect != BuiltinEffect::pure) << free;
    if (b.effect == BuiltinEffect::pure) {
      EXPECT_EQ(free.find("error:"), std::string::npos) << free;
    }
  }
}

/// A test contract whose function `f` calls a cheat code with one form of its signature;
/// `extra` passes one argument too many.
std::string cheat_use(const vm::CheatInfo& info, const Signature& form, TypeTable& types,
                      bool extra) {
  std::string params;
  std::string args;
  for (size_t i = 0; i < form.params.size(); ++i) {
    const SignatureParam& p = form.params[i];
    std::string arg = "p" + std::to_string(i);
    if (p.kind == ParamKind::error_value) {
      arg = "Er(1)";
    } else if (p.kind == ParamKind::event_value) {
      arg = "Ev(1)";
    } else {
      params += (params.empty() ? "" : ", ") + arg + ": " + display_name(*p.type);
    }
    args += (i == 0 ? "" : ", ") + arg;
  }
  if (extra) args += std::string(args.empty() ? "" : ", ") + "true";
  std::string let;  // `let r = ` or `let (r0, r1) = ` for a result
  if (form.result->kind() == TypeKind::tuple) {
    for (size_t i = 0; i < form.result->elements().size(); ++i)
      let += (i == 0 ? "" : ", ") + std::string("r") + std::to_string(i);
    let = "let (" + let + ") = ";
  } else if (form.result != types.unit()) {
    let = "let r = ";
  }
  return "error Er(a: u256);\nevent Ev(a: u256);\ntest contract T {\n    test fn f(" + params +
         ") {\n        " + let + std::string(info.name) + "(" + args + ");\n    }\n}\n";
}

TEST(CheatSignatures, EveryFormIsAcceptedWithExactlyItsParameterTypesAndLowered) {
  for (const vm::CheatInfo& info : vm::kCheats) {
    if (info.internal()) continue;  // no Tenet name: the compiler alone emits it
    for (std::string_view text : signature_forms(info.signature)) {
      SCOPED_TRACE(std::string(info.name) + " " + std::string(text));
      TypeTable scratch;
      auto form = parse_signature(scratch, text);
      ASSERT_TRUE(form);
      const std::string source = cheat_use(info, *form, scratch, false);
      auto c = check(source);
      ASSERT_FALSE(c->diagnostics.has_errors()) << source << render_all(c->diagnostics, c->sources);
      TypeTable& types = *c->program->types;
      const Type* result = parse_signature(types, text)->result;
      int uses = 0;
      for (const auto& [expr, r] : c->program->resolutions) {
        if (r.kind != Resolution::Kind::builtin || r.cheat != info.cheat) continue;
        ++uses;
        EXPECT_EQ(r.name, info.name);
        EXPECT_EQ(expr->type, result);
      }
      EXPECT_EQ(uses, 1);
      llvm::LLVMContext context;
      IrgenOptions options;
      options.test_mode = true;
      auto ir = generate_ir(context, *c->program, c->sources, c->contract("T"), options);
      ASSERT_TRUE(ir) << ir.error().message;
      EXPECT_FALSE(llvm::verifyModule(*ir->module, &llvm::errs()));
      const llvm::Function* cheat = ir->module->getFunction("tenet.cheat");
      ASSERT_NE(cheat, nullptr);
      EXPECT_FALSE(cheat->use_empty());
    }
  }
}

TEST(CheatSignatures, TheWrongArityIsRejectedWithTheExistingMessage) {
  for (const vm::CheatInfo& info : vm::kCheats) {
    if (info.internal()) continue;  // no Tenet name: the compiler alone emits it
    const std::vector<std::string_view> forms = signature_forms(info.signature);
    SCOPED_TRACE(std::string(info.name));
    TypeTable scratch;
    // one argument more than the longest form
    const Signature* longest = nullptr;
    std::vector<Signature> parsed;
    for (std::string_view text : forms) parsed.push_back(*parse_signature(scratch, text));
    for (const Signature& s : parsed) {
      if (longest == nullptr || s.params.size() > longest->params.size()) longest = &s;
    }
    auto c = check(cheat_use(info, *longest, scratch, true));
    const std::string rendered = render_all(c->diagnostics, c->sources);
    const std::string callee = "'" + std::string(info.name) + "'";
    const size_t n = longest->params.size();
    std::string expected;
    if (forms.size() > 1) {
      expected = callee + " takes no argument, a message, or an error value";
    } else if (n == 1 && longest->params[0].kind == ParamKind::event_value) {
      expected =
          callee + " takes one event value, e.g. " + std::string(info.name) + "(Transfer(a, b, 1))";
    } else {
      expected = callee + " takes " + std::to_string(n) + (n == 1 ? " argument" : " arguments") +
                 ", but " + std::to_string(n + 1) + (n + 1 == 1 ? " was" : " were") + " given";
    }
    EXPECT_NE(rendered.find("error: " + expected + "\n"), std::string::npos) << rendered;
  }
}

TEST(CheatSignatures, AnArgumentOfAnotherTypeIsRejected) {
  for (const vm::CheatInfo& info : vm::kCheats) {
    if (info.internal()) continue;  // no Tenet name: the compiler alone emits it
    for (std::string_view text : signature_forms(info.signature)) {
      TypeTable scratch;
      Signature form = *parse_signature(scratch, text);
      for (size_t i = 0; i < form.params.size(); ++i) {
        SignatureParam& p = form.params[i];
        if (p.kind != ParamKind::value) continue;
        SCOPED_TRACE(std::string(info.name) + " " + std::string(text) + " " + p.name);
        const Type* declared = p.type;
        p.type = declared == scratch.boolean() ? scratch.u256() : scratch.boolean();
        auto c = check(cheat_use(info, form, scratch, false));
        const std::string rendered = render_all(c->diagnostics, c->sources);
        const std::string where = signature_forms(info.signature).size() > 1
                                      ? "the " + p.name + " of '"
                                      : "argument '" + p.name + "' of '";
        EXPECT_NE(rendered.find("type mismatch in " + where + std::string(info.name) +
                                "': expected " + display_name(*declared)),
                  std::string::npos)
            << rendered;
        p.type = declared;
      }
    }
  }
}

TEST(CheatSignatures, TheAbiColumnsAreTheAbiTypesOfTheTenetSignature) {
  // expect_revert and expect_emit pass computed bytes (docs/bytecode.md, "Cheat codes").
  for (const vm::CheatInfo& info : vm::kCheats) {
    if (info.internal()) continue;  // no Tenet name: the compiler alone emits it
    if (info.cheat == vm::Cheat::expect_revert || info.cheat == vm::Cheat::expect_emit) continue;
    SCOPED_TRACE(std::string(info.name));
    TypeTable types;
    auto sig = parse_signature(types, info.signature);
    ASSERT_TRUE(sig);
    auto tuple = [](const std::vector<const Type*>& ts) {
      std::string out = "(";
      for (const Type* t : ts) out += (out.size() > 1 ? "," : "") + abi_name(*t);
      return out + ")";
    };
    EXPECT_EQ(tuple(sig->types()), info.args);
    std::vector<const Type*> results;
    if (sig->result->kind() == TypeKind::tuple) {
      results = sig->result->elements();
    } else if (sig->result != types.unit()) {
      results = {sig->result};
    }
    EXPECT_EQ(tuple(results), info.results);
  }
}

std::string read_docs(const char* path) {
  std::ifstream in(std::filesystem::path(TENET_SOURCE_DIR) / path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(BuiltinsDocs, TheLanguageReferenceListsEveryBuiltinAndCheatSignatureAsTheTablesSay) {
  const std::string docs = read_docs("docs/language.md");
  ASSERT_FALSE(docs.empty());
  auto where = [](BuiltinEffect e) -> std::string {
    switch (e) {
      case BuiltinEffect::pure:
        return "anywhere";
      case BuiltinEffect::reads_env:
        return "not in free functions or constants";
      case BuiltinEffect::payable_only:
        return "not in free functions or constants; in a `pub` function or init only when "
               "payable";
      case BuiltinEffect::changes_state:
        return "contract functions that are not `view`";
      case BuiltinEffect::test_only:
        return "test contracts";
    }
    return "";
  };
  for (const BuiltinInfo& b : builtins()) {
    const std::string row = "| `" + std::string(b.name) + "` | `" + std::string(b.type) + "` | " +
                            where(b.effect) + " | " + std::string(b.doc) + " |\n";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/language.md lacks\n" << row;
  }
  for (const vm::CheatInfo& info : vm::kCheats) {
    if (info.internal()) continue;  // no Tenet name: the compiler alone emits it
    std::string forms;
    for (std::string_view f : signature_forms(info.signature)) {
      forms += (forms.empty() ? "" : " · ") + std::string("`") + std::string(info.name) +
               std::string(f) + "`";
    }
    const std::string row = "\n| " + forms + " | ";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/language.md lacks\n" << row;
  }
}

}  // namespace
}  // namespace tenet::compiler

#include "common.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/runner/stdlib_dir.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/hex.hpp"

#if !defined(TENET_STDLIB_DIR) || !defined(TENET_STDLIB_RELATIVE)
#error "TENET_STDLIB_DIR and TENET_STDLIB_RELATIVE (where std/ is) must be defined by the build"
#endif

namespace tenet::cli {

vm::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return vm::Error{"cannot read '" + path + "'"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

vm::Result<std::vector<uint8_t>> load_bytecode(const std::string& path, bool test_mode) {
  const std::filesystem::path p(path);
  if (p.extension() == ".tn") {
    std::string diagnostics;
    auto file = check_file(path, diagnostics);
    if (!file)
      return vm::Error{diagnostics.empty() ? "cannot compile '" + path + "'" : diagnostics};
    auto contract = pick_contract(*file, "");
    if (!contract) return contract.error();
    auto compiled = compile(*file, **contract, 2);
    if (!compiled) return compiled.error();
    return std::move(compiled->bytecode);
  }
  auto text = read_file(path);
  if (!text) return text.error();
  if (p.extension() == ".tasm") {
    const auto dir = p.parent_path();
    vm::ChildLoader loader = [&](std::string_view child) {
      return load_bytecode((dir / std::string(child)).string(), test_mode);
    };
    auto c = vm::assemble(*text, path, loader, vm::ValidationOptions{test_mode});
    if (!c) return c.error();
    return vm::serialize_container(*c);
  }
  if (p.extension() == ".tbc") {
    // A .tbc file is the binary container; a text file of hex digits is accepted too.
    if (!text->empty() && static_cast<uint8_t>((*text)[0]) == vm::kContainerMagic[0])
      return std::vector<uint8_t>(text->begin(), text->end());
    auto bytes = vm::hex_decode(*text);
    if (!bytes) return vm::Error{path + ": " + bytes.error().message};
    return bytes;
  }
  return vm::Error{path + ": unknown file type (expected .tasm, .tbc or .tn)"};
}

namespace {

void print_labelled(std::string_view label, const char* colour, std::string_view message) {
  if (message.find(": error: ") != std::string_view::npos ||
      message.find(": warning: ") != std::string_view::npos) {
    std::fprintf(stderr, "%.*s%s", static_cast<int>(message.size()), message.data(),
                 message.ends_with('\n') ? "" : "\n");
    return;
  }
  const bool tty = isatty(STDERR_FILENO);
  std::fprintf(stderr, "%s%.*s:%s %.*s\n", tty ? colour : "", static_cast<int>(label.size()),
               label.data(), tty ? "\x1b[0m" : "", static_cast<int>(message.size()),
               message.data());
}

}  // namespace

void print_error(std::string_view message) {
  print_labelled("error", "\x1b[1;31m", message);
}
void print_warning(std::string_view message) {
  print_labelled("warning", "\x1b[1;35m", message);
}

std::filesystem::path stdlib_dir() {
  return runner::find_stdlib_dir(TENET_STDLIB_RELATIVE, TENET_STDLIB_DIR);
}

std::unique_ptr<CheckedFile> check_file(const std::string& path, std::string& diagnostics) {
  auto file = std::make_unique<CheckedFile>();
  std::string read_error;
  const auto entry = file->sources.load_file(path, read_error);
  if (!entry) {
    diagnostics = "error: " + read_error + "\n";
    return nullptr;
  }
  file->entry = *entry;
  compiler::DiagnosticEngine engine;
  file->program = compiler::check_program(file->sources, *entry, stdlib_dir(), engine);
  diagnostics = compiler::render_all(engine, file->sources,
                                     compiler::RenderOptions{isatty(STDERR_FILENO) != 0});
  if (engine.has_errors()) return nullptr;
  return file;
}

vm::Result<const compiler::ContractInfo*> pick_contract(const CheckedFile& file,
                                                        const std::string& name) {
  const auto declared = file.program->entry_contracts();
  const std::string path = file.sources.file(file.entry).name();
  if (name.empty()) {
    for (auto it = declared.rbegin(); it != declared.rend(); ++it)
      if ((*it)->kind == compiler::ContractInfo::Kind::contract) return *it;
    // A test file (*.t.tn) declares only test contracts: its last one.
    for (auto it = declared.rbegin(); it != declared.rend(); ++it)
      if ((*it)->kind == compiler::ContractInfo::Kind::test_contract) return *it;
    return vm::Error{path + " declares no contract"};
  }
  const compiler::ContractInfo* found = nullptr;
  for (const auto* c : declared)
    if (c->name == name) found = c;
  if (!found) found = file.program->find_contract(name);
  if (!found) {
    std::string known;
    for (const auto* c : declared)
      if (c->kind != compiler::ContractInfo::Kind::interface)
        known += (known.empty() ? "" : ", ") + c->name;
    return vm::Error{"--contract: no contract '" + name + "' in " + path +
                     (known.empty() ? std::string() : " (it declares " + known + ")")};
  }
  if (found->kind == compiler::ContractInfo::Kind::interface)
    return vm::Error{"--contract: '" + name + "' is an interface; it has no code"};
  return found;
}

compiler::OptLevel opt_level(int level) {
  return level <= 0   ? compiler::OptLevel::O0
         : level == 1 ? compiler::OptLevel::O1
                      : compiler::OptLevel::O2;
}

vm::Result<compiler::CompiledContract> compile(const CheckedFile& file,
                                               const compiler::ContractInfo& contract, int level,
                                               bool keep_ir) {
  compiler::CompileOptions options;
  options.level = opt_level(level);
  options.keep_ir = keep_ir;
  return compiler::compile_contract(*file.program, file.sources, contract, options);
}

std::string shown_path(const std::filesystem::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::optional<compiler::ProjectConfig> load_config(const std::filesystem::path& root) {
  auto loaded = compiler::load_project_config(root);
  if (!loaded) {
    print_error(loaded.error().message);
    return std::nullopt;
  }
  for (const std::string& w : loaded->warnings) print_warning(w);
  return std::move(loaded->config);
}

}  // namespace tenet::cli

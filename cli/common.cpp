#include "common.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::cli {

vm::Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return vm::Error{"cannot read '" + path + "'"};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

vm::Result<std::vector<uint8_t>> load_bytecode(const std::string& path, bool test_mode) {
  auto text = read_file(path);
  if (!text) return text.error();
  const std::filesystem::path p(path);
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
  if (p.extension() == ".tn")
    return vm::Error{path + ": compiling Tenet source needs the compiler, which is not built yet; "
                            "use a .tasm or .tbc file"};
  return vm::Error{path + ": unknown file type (expected .tasm or .tbc)"};
}

void print_error(std::string_view message) {
  if (message.find(": error: ") != std::string_view::npos) {  // already file:line:col: error:
    std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
    return;
  }
  const bool colour = isatty(STDERR_FILENO);
  std::fprintf(stderr, "%serror:%s %.*s\n", colour ? "\x1b[1;31m" : "", colour ? "\x1b[0m" : "",
               static_cast<int>(message.size()), message.data());
}

}  // namespace tenet::cli

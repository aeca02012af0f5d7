// `tenet disasm FILE.tbc`: print the text form of a container.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"

namespace tenet::cli {

Command add_disasm_command(CLI::App& parent) {
  auto input = std::make_shared<std::string>();
  CLI::App* app = parent.add_subcommand("disasm", "Print the assembly text of a container (.tbc)");
  app->add_option("FILE", *input, "container (.tbc: binary or hex text)")->required();
  return {app, [input] {
            auto bytes = load_bytecode(*input);
            if (!bytes) {
              print_error(bytes.error().message);
              return kExitFailure;
            }
            auto parsed = vm::parse_container(*bytes);
            if (!parsed) {
              print_error(*input + ": " + parsed.error().message);
              return kExitFailure;
            }
            std::cout << vm::disassemble(parsed->container);
            if (parsed->size != bytes->size())
              std::cout << "; followed by " << bytes->size() - parsed->size << " bytes of constructor arguments\n";
            return kExitOk;
          }};
}

}  // namespace tenet::cli

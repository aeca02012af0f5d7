// `tenet asm FILE.tasm`: assemble to a binary container (FILE.tbc by default).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "tenet/vm/hex.hpp"
#include "common.hpp"

namespace tenet::cli {

Command add_asm_command(CLI::App& parent) {
  struct Options {
    std::string input, output;
    bool hex = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* app = parent.add_subcommand("asm", "Assemble a .tasm file into a container (.tbc)");
  app->add_option("FILE", opt->input, "assembly source (.tasm)")->required();
  app->add_option("-o,--output", opt->output, "output file (default: FILE with .tbc)");
  app->add_flag("--hex", opt->hex, "print the container as 0x-hex on stdout instead of writing a file");
  return {app, [opt] {
            auto bytes = load_bytecode(opt->input);
            if (!bytes) {
              print_error(bytes.error().message);
              return kExitFailure;
            }
            if (opt->hex) {
              std::cout << vm::hex_encode(*bytes) << "\n";
              return kExitOk;
            }
            std::string out = opt->output;
            if (out.empty()) out = std::filesystem::path(opt->input).replace_extension(".tbc").string();
            std::ofstream f(out, std::ios::binary);
            f.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
            if (!f) {
              print_error("cannot write '" + out + "'");
              return kExitFailure;
            }
            std::cout << "wrote " << out << " (" << bytes->size() << " bytes)\n";
            return kExitOk;
          }};
}

}  // namespace tenet::cli

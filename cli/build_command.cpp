// `tenet build [--root DIR] [-O0|-O1|-O2] [--out DIR]`: compiles every `src/**/*.tn` of
// a project and writes one artifact per contract to `out/<Contract>.json`
// (toolchain.md §2, docs/cli.md "tenet build" and "Artifacts").
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/compiler/project.hpp"

namespace tenet::cli {
namespace {

struct BuildOptions {
  std::string root = ".";
  std::string out;
  int optimization = 2;
  CLI::Option* optimization_option = nullptr;
};

/// One artifact ready to be written.
struct Artifact {
  std::string contract;
  std::string source_name;
  std::string text;
};

int run(const BuildOptions& opt) {
  const std::filesystem::path root(opt.root);
  const std::optional<compiler::ProjectConfig> loaded = load_config(root);
  if (!loaded) return kExitFailure;
  const compiler::ProjectConfig& config = *loaded;
  const int level = opt.optimization_option->count() > 0 ? opt.optimization : config.optimizer;
  const std::filesystem::path out_dir =
      opt.out.empty() ? root / config.out : std::filesystem::path(opt.out);
  const std::filesystem::path src_dir = root / config.src;
  const auto sources = compiler::find_sources(src_dir, ".tn");
  if (sources.empty()) {
    print_error("no Tenet sources (.tn) in " + shown_path(src_dir));
    return kExitFailure;
  }
  const std::filesystem::path stdlib = stdlib_dir();
  const compiler::FileNamer namer = [&](const std::string& name) {
    if (auto r = compiler::path_under(name, root)) return *r;
    if (auto s = compiler::path_under(name, stdlib)) return *s;
    return shown_path(name);
  };

  const auto started = std::chrono::steady_clock::now();
  const bool tty = isatty(STDERR_FILENO);
  bool progress_shown = false;
  bool failed = false;
  std::vector<Artifact> artifacts;
  std::map<std::string, std::string> declared_in;  // contract name → source name
  for (size_t i = 0; i < sources.size(); ++i) {
    const std::string source_name =
        compiler::path_under(sources[i], root).value_or(shown_path(sources[i]));
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(1)) {
      std::cerr << (tty ? "\r\x1b[K" : "") << "[" << i + 1 << "/" << sources.size()
                << "] compiling " << source_name << (tty ? "" : "\n") << std::flush;
      progress_shown = true;
    }
    std::string diagnostics;
    auto file = check_file(sources[i].string(), diagnostics);
    if (progress_shown && tty && !diagnostics.empty()) std::cerr << "\r\x1b[K";
    std::cerr << diagnostics;
    if (!file) {
      failed = true;
      continue;
    }
    for (const compiler::ContractInfo* contract : file->program->entry_contracts()) {
      if (contract->kind != compiler::ContractInfo::Kind::contract) continue;
      if (auto [it, inserted] = declared_in.emplace(contract->name, source_name); !inserted) {
        print_error("contract '" + contract->name + "' is declared in both " + it->second +
                    " and " + source_name +
                    "; artifacts are named after contracts, so names must be unique");
        failed = true;
        continue;
      }
      auto compiled = compile(*file, *contract, level);
      if (!compiled) {
        print_error(compiled.error().message);
        failed = true;
        continue;
      }
      compiler::ArtifactInput input;
      input.program = file->program.get();
      input.contract = contract;
      input.compiled = &*compiled;
      input.source_name = source_name;
      input.file_name = namer;
      auto artifact = compiler::build_artifact(input);
      if (!artifact) {
        print_error(artifact.error().message);
        failed = true;
        continue;
      }
      artifacts.push_back({contract->name, source_name, compiler::artifact_text(*artifact)});
    }
  }
  if (progress_shown && tty) std::cerr << "\r\x1b[K";
  if (failed) {
    print_error("build failed; no artifacts written");
    return kExitFailure;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    print_error("cannot create '" + shown_path(out_dir) + "': " + ec.message());
    return kExitFailure;
  }
  for (const Artifact& a : artifacts) {
    const std::filesystem::path path = out_dir / (a.contract + ".json");
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << a.text;
    f.close();
    if (!f) {
      print_error("cannot write '" + shown_path(path) + "'");
      return kExitFailure;
    }
    std::cout << a.contract << ": " << a.source_name << " -> " << shown_path(path) << "\n";
  }
  std::cout << "Compiled " << artifacts.size()
            << (artifacts.size() == 1 ? " contract" : " contracts") << " into "
            << shown_path(out_dir) << "/ (-O" << level << ")\n";
  return kExitOk;
}

}  // namespace

Command add_build_command(CLI::App& parent) {
  auto opt = std::make_shared<BuildOptions>();
  CLI::App* app = parent.add_subcommand(
      "build", "Compile a project's contracts into artifacts (out/<Contract>.json)");
  app->add_option("--root", opt->root, "the project directory, holding tenet.toml")
      ->capture_default_str();
  opt->optimization_option =
      app->add_option("-O", opt->optimization,
                      "optimisation level: -O0, -O1 or -O2 (default: tenet.toml's optimizer)")
          ->check(CLI::Range(0, 2));
  app->add_option("--out", opt->out,
                  "where to write the artifacts (default: tenet.toml's out, under the root)");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli

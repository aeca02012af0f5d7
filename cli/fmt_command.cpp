// `tenet fmt [--check] [--root DIR | FILES… | -]`: formats Tenet sources in the one
// canonical layout (docs/cli.md "tenet fmt"; the layout is compiler/src/fmt/).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/format.hpp"
#include "tenet/compiler/format_ignore.hpp"
#include "tenet/compiler/project.hpp"

namespace tenet::cli {
namespace {

namespace fs = std::filesystem;

/// The exclusion list's file name, looked up in the directory walked.
constexpr const char* kIgnoreFile = ".tenetfmt-ignore";

struct FmtOptions {
  bool check = false;
  std::string root;
  std::vector<std::string> files;
};

/// One file to format and how it is shown.
struct Target {
  fs::path path;
  std::string shown;
};

/// The exclusion list of `dir` (empty when it has none).
compiler::FormatIgnore ignore_list(const fs::path& dir) {
  const fs::path list = dir / kIgnoreFile;
  std::error_code ec;
  if (!fs::is_regular_file(list, ec)) return {};
  auto text = read_file(list.string());
  if (!text) return {};
  return compiler::FormatIgnore::parse(*text);
}

/// Every `.tn` file under `dir` (hidden directories skipped) the exclusion list of `base`
/// keeps, sorted.
void walk(const fs::path& dir, const fs::path& base, const compiler::FormatIgnore& ignore,
          std::vector<Target>& out) {
  std::error_code ec;
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (p.extension() != ".tn" || !it->is_regular_file(ec)) continue;
    const std::string relative = p.lexically_relative(base).generic_string();
    if (ignore.excludes(relative)) continue;
    found.push_back(p);
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& p : found) out.push_back({p, shown_path(p)});
}

/// Prints the diagnostics of a file that does not parse.
void print_diagnostics(const compiler::FormatResult& result, const std::string& shown,
                       const std::string& text) {
  compiler::SourceManager sources;
  const compiler::FileId file = sources.add_file(shown, text);
  compiler::RenderOptions render;
  render.colors = isatty(STDERR_FILENO) != 0;
  for (compiler::Diagnostic d : result.diagnostics) {
    if (d.range.file != compiler::kNoFile) d.range.file = file;
    std::string message = compiler::render(d, sources, render);
    if (d.range.file == compiler::kNoFile) message = shown + ": " + message;
    std::cerr << message;
  }
}

/// `tenet fmt -`: standard input to standard output.
int format_stdin(bool check) {
  const std::string text(std::istreambuf_iterator<char>(std::cin), {});
  const compiler::FormatResult result = compiler::format_source(text);
  if (!result.ok) {
    print_diagnostics(result, "<stdin>", text);
    return kExitFailure;
  }
  if (check) {
    if (result.text == text) return kExitOk;
    std::cout << "<stdin>\n";
    return kExitFailure;
  }
  std::cout << result.text;
  return kExitOk;
}

/// The files the command line names, or the project's, or those under --root.
bool collect(const FmtOptions& opt, std::vector<Target>& targets) {
  if (!opt.root.empty()) {
    const fs::path root(opt.root);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      print_error("no directory " + shown_path(root));
      return false;
    }
    walk(root, root, ignore_list(root), targets);
    if (targets.empty()) print_error("no Tenet sources (.tn) under " + shown_path(root));
    return !targets.empty();
  }
  if (!opt.files.empty()) {
    for (const std::string& f : opt.files) {
      std::error_code ec;
      if (fs::is_directory(f, ec)) {
        walk(f, f, ignore_list(f), targets);
      } else {
        targets.push_back({fs::path(f), f});
      }
    }
    if (targets.empty()) print_error("no Tenet sources (.tn) in the directories given");
    return !targets.empty();
  }
  const fs::path root(".");
  const std::optional<compiler::ProjectConfig> config = load_config(root);
  if (!config) return false;
  const compiler::FormatIgnore ignore = ignore_list(root);
  walk(root / config->src, root, ignore, targets);
  walk(root / config->tests, root, ignore, targets);
  // `src = "."` holds the tests too: each file once.
  std::sort(targets.begin(), targets.end(),
            [](const Target& a, const Target& b) { return a.path < b.path; });
  targets.erase(std::unique(targets.begin(), targets.end(),
                            [](const Target& a, const Target& b) {
                              return a.path.lexically_normal() == b.path.lexically_normal();
                            }),
                targets.end());
  if (targets.empty()) {
    print_error("no Tenet sources (.tn) in " + shown_path(root / config->src) + " or " +
                shown_path(root / config->tests));
  }
  return !targets.empty();
}

int run(const FmtOptions& opt) {
  if (opt.files.size() == 1 && opt.files[0] == "-") return format_stdin(opt.check);
  if (!opt.root.empty() && !opt.files.empty()) {
    print_error("give either --root DIR or FILES, not both");
    return kExitUsage;
  }
  std::vector<Target> targets;
  if (!collect(opt, targets)) return kExitFailure;
  bool failed = false;
  bool changes = false;
  for (const Target& target : targets) {
    std::error_code ec;
    auto text = read_file(target.path.string());
    if (!text) {
      print_error("cannot read '" + target.shown + "'" +
                  (fs::exists(target.path, ec) ? "" : ": no such file"));
      failed = true;
      continue;
    }
    const compiler::FormatResult result = compiler::format_source(*text);
    if (!result.ok) {
      print_diagnostics(result, target.shown, *text);
      failed = true;
      continue;
    }
    if (result.text == *text) continue;
    changes = true;
    if (!opt.check) {
      std::ofstream out(target.path, std::ios::binary | std::ios::trunc);
      out << result.text;
      if (!out.flush()) {
        print_error("cannot write '" + target.shown + "'");
        failed = true;
        continue;
      }
    }
    std::cout << target.shown << "\n";
  }
  if (failed) return kExitFailure;
  return opt.check && changes ? kExitFailure : kExitOk;
}

}  // namespace

Command add_fmt_command(CLI::App& parent) {
  auto opt = std::make_shared<FmtOptions>();
  CLI::App* app = parent.add_subcommand(
      "fmt", "Format Tenet sources in the canonical layout (in place; --check only lists)");
  app->add_flag("--check", opt->check,
                "write nothing: list the files that would change and exit 1 if any");
  app->add_option("--root", opt->root,
                  "format every .tn file under DIR (default: the project's src/ and tests/)");
  app->add_option("files", opt->files, "files or directories to format ('-': stdin to stdout)");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli

// tenet.toml read with toml++ (a complete TOML 1.0 parser), and the project
// configuration it holds (project.hpp).
#include "tenet/compiler/project.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>

namespace tenet::compiler {
namespace {

std::string location(std::string_view file, const toml::source_position& at) {
  return std::string(file) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

/// One `key = value` of the file, with the [section] it is in ("" for none).
struct Setting {
  std::string section;
  std::string key;
  toml::source_position key_at;
  const toml::node* value = nullptr;
};

/// Reads the settings of one file into a ProjectConfig, in file order, stopping at the
/// first value of a wrong type or out of range.
class ConfigReader {
 public:
  explicit ConfigReader(std::string_view file) : file_(file) {}

  vm::Result<LoadedConfig> read(const toml::table& root) {
    std::vector<Setting> settings;
    std::vector<std::pair<toml::source_position, std::string>> warnings;
    for (auto&& [key, node] : root) {
      const toml::table* section = node.as_table();
      if (section == nullptr) {
        settings.push_back({"", std::string(key.str()), key.source().begin, &node});
        continue;
      }
      if (!kSections.count(std::string(key.str()))) {
        warnings.emplace_back(key.source().begin, location(file_, key.source().begin) +
                                                      ": warning: unknown section [" +
                                                      std::string(key.str()) + "]");
        continue;
      }
      for (auto&& [inner, value] : *section)
        settings.push_back(
            {std::string(key.str()), std::string(inner.str()), inner.source().begin, &value});
    }
    const auto before = [](const toml::source_position& a, const toml::source_position& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    };
    std::sort(settings.begin(), settings.end(),
              [&](const Setting& a, const Setting& b) { return before(a.key_at, b.key_at); });
    for (const Setting& s : settings) {
      auto known = apply(s);
      if (!known) return known.error();
      if (!*known)
        warnings.emplace_back(s.key_at, location(file_, s.key_at) + ": warning: unknown key `" +
                                            s.key + "`" +
                                            (s.section.empty() ? std::string(" outside a [section]")
                                                               : " in [" + s.section + "]"));
    }
    std::stable_sort(warnings.begin(), warnings.end(),
                     [&](const auto& a, const auto& b) { return before(a.first, b.first); });
    for (auto& w : warnings) out_.warnings.push_back(std::move(w.second));
    return std::move(out_);
  }

 private:
  /// The sections toolchain.md §2 defines.
  inline static const std::set<std::string> kSections{"project", "test", "invariant", "snapshot",
                                                      "rpc"};

  vm::Error wrong(const Setting& s, const std::string& what) const {
    return vm::Error{location(file_, s.value->source().begin) + ": error: `" + s.key + "` " + what};
  }

  std::optional<vm::Error> text(const Setting& s, std::string& into) const {
    const auto* v = s.value->as_string();
    if (v == nullptr) return wrong(s, "must be a \"string\"");
    if (v->get().empty()) return wrong(s, "must not be empty");
    into = v->get();
    return std::nullopt;
  }

  template <class Int>
  std::optional<vm::Error> integer(const Setting& s, Int& into, int64_t lo, int64_t hi) const {
    const auto* v = s.value->as_integer();
    if (v == nullptr) return wrong(s, "must be an integer");
    if (v->get() < lo || v->get() > hi)
      return wrong(s, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    into = static_cast<Int>(v->get());
    return std::nullopt;
  }

  std::optional<vm::Error> count(const Setting& s, uint64_t& into) const {
    return integer(s, into, 0, std::numeric_limits<int64_t>::max());
  }

  std::optional<vm::Error> boolean(const Setting& s, bool& into) const {
    const auto* v = s.value->as_boolean();
    if (v == nullptr) return wrong(s, "must be true or false");
    into = v->get();
    return std::nullopt;
  }

  std::optional<vm::Error> percent(const Setting& s, double& into) const {
    const std::optional<double> v = s.value->value<double>();  // an integer or a float
    if (!v || !(s.value->is_integer() || s.value->is_floating_point()))
      return wrong(s, "must be a number");
    if (*v < 0) return wrong(s, "must not be negative");
    into = *v;
    return std::nullopt;
  }

  /// Stores one setting: true when the key is known, an error for a bad value.
  vm::Result<bool> apply(const Setting& s) {
    ProjectConfig& c = out_.config;
    std::optional<vm::Error> failure;
    const std::string& k = s.key;
    if (s.section == "project" && (k == "src" || k == "tests" || k == "out"))
      failure = text(s, k == "src" ? c.src : k == "tests" ? c.tests : c.out);
    else if (s.section == "project" && k == "optimizer")
      failure = integer(s, c.optimizer, 0, 2);
    else if (s.section == "test" && (k == "fuzz_runs" || k == "fuzz_seed" || k == "max_rejects"))
      failure = count(s, k == "fuzz_runs"   ? c.fuzz_runs
                         : k == "fuzz_seed" ? c.fuzz_seed
                                            : c.max_rejects);
    else if (s.section == "test" && k == "gas_limit")
      failure = integer(s, c.test_gas_limit, 1, std::numeric_limits<int64_t>::max());
    else if (s.section == "invariant" && (k == "runs" || k == "depth"))
      failure = count(s, k == "runs" ? c.invariant_runs : c.invariant_depth);
    else if (s.section == "invariant" && k == "fail_on_revert")
      failure = boolean(s, c.fail_on_revert);
    else if (s.section == "snapshot" && k == "tolerance")
      failure = percent(s, c.snapshot_tolerance);
    else if (s.section == "rpc")
      failure = text(s, c.rpc[k]);
    else
      return false;
    if (failure) return *failure;
    return true;
  }

  std::string_view file_;
  LoadedConfig out_;
};

}  // namespace

vm::Result<LoadedConfig> read_project_config(std::string_view text, std::string_view file_name) {
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    // toml++ says "Error while parsing table header: expected ']', saw '\n'".
    std::string what(e.description());
    constexpr std::string_view kPrefix = "Error while parsing ";
    if (const size_t colon = what.find(": "); what.starts_with(kPrefix) && colon != what.npos)
      what = "invalid TOML (" + what.substr(kPrefix.size(), colon - kPrefix.size()) +
             "): " + what.substr(colon + 2);
    return vm::Error{location(file_name, e.source().begin) + ": error: " + what};
  }
  return ConfigReader(file_name).read(root);
}

vm::Result<LoadedConfig> load_project_config(const std::filesystem::path& root) {
  const std::filesystem::path file = root / "tenet.toml";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return vm::Error{"no tenet.toml in " + root.string() + " (run `tenet init`)"};
  std::ifstream in(file, std::ios::binary);
  if (!in) return vm::Error{"cannot read '" + file.string() + "'"};
  std::stringstream ss;
  ss << in.rdbuf();
  return read_project_config(ss.str(), file.string());
}

std::vector<std::filesystem::path> find_sources(const std::filesystem::path& dir,
                                                std::string_view suffix) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && name.size() > suffix.size() && name.ends_with(suffix))
      out.push_back(it->path());
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.generic_string() < b.generic_string(); });
  return out;
}

std::optional<std::string> path_under(const std::filesystem::path& path,
                                      const std::filesystem::path& base) {
  std::error_code ec;
  const auto p = std::filesystem::weakly_canonical(path, ec);
  if (ec) return std::nullopt;
  const auto b = std::filesystem::weakly_canonical(base, ec);
  if (ec) return std::nullopt;
  const auto rel = p.lexically_relative(b);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

}  // namespace tenet::compiler

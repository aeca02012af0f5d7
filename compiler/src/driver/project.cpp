// tenet.toml: a small TOML subset parser and the project configuration (project.hpp).
#include "tenet/compiler/project.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <system_error>

namespace tenet::compiler {
namespace {

/// Reads one line of a TOML file, tracking the column of every byte.
class LineReader {
 public:
  LineReader(std::string_view line, std::string_view file, uint32_t line_number)
      : line_(line), file_(file), line_number_(line_number) {}

  void skip_space() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
  }
  bool at_end_or_comment() {
    skip_space();
    return pos_ >= line_.size() || line_[pos_] == '#';
  }
  bool at(char c) const { return pos_ < line_.size() && line_[pos_] == c; }
  char peek() const { return pos_ < line_.size() ? line_[pos_] : '\0'; }
  void advance() { ++pos_; }
  uint32_t column() const { return static_cast<uint32_t>(pos_) + 1; }

  /// A bare key: [A-Za-z0-9_-]+.
  std::string bare_key() {
    const size_t start = pos_;
    while (pos_ < line_.size() && (std::isalnum(static_cast<unsigned char>(line_[pos_])) ||
                                   line_[pos_] == '_' || line_[pos_] == '-'))
      ++pos_;
    return std::string(line_.substr(start, pos_ - start));
  }

  vm::Error error(const std::string& message) const { return error_at(column(), message); }
  vm::Error error_at(uint32_t column, const std::string& message) const {
    return vm::Error{std::string(file_) + ":" + std::to_string(line_number_) + ":" +
                     std::to_string(column) + ": error: " + message};
  }

  /// A basic string after its opening quote: escapes \" \\ \n \t \r.
  vm::Result<std::string> string_body(uint32_t open_column) {
    std::string out;
    while (pos_ < line_.size()) {
      const char c = line_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= line_.size()) break;
      const char e = line_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        default:
          return error_at(column() - 2, std::string("unknown escape '\\") + e + "' in a string");
      }
    }
    return error_at(open_column, "unterminated string");
  }

  /// An integer: optional sign, decimal digits with single '_' between digits.
  vm::Result<int64_t> integer() {
    const uint32_t start = column();
    bool negative = false;
    if (at('+') || at('-')) {
      negative = at('-');
      advance();
    }
    if (!std::isdigit(static_cast<unsigned char>(peek())))
      return error_at(start, "expected a value: a \"string\" or an integer");
    uint64_t value = 0;
    bool last_digit = false;
    const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    while (pos_ < line_.size()) {
      const char c = line_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        const uint64_t d = static_cast<uint64_t>(c - '0');
        if (value > (limit - d) / 10) return error_at(start, "integer does not fit in 64 bits");
        value = value * 10 + d;
        last_digit = true;
      } else if (c == '_' && last_digit && pos_ + 1 < line_.size() &&
                 std::isdigit(static_cast<unsigned char>(line_[pos_ + 1]))) {
        last_digit = false;
      } else {
        break;
      }
      ++pos_;
    }
    if (std::isalpha(static_cast<unsigned char>(peek())) || at('.') || at('_'))
      return error(
          "expected the end of the line after the integer (only decimal integers are supported)");
    return negative ? static_cast<int64_t>(~value + 1) : static_cast<int64_t>(value);
  }

 private:
  std::string_view line_;
  std::string_view file_;
  uint32_t line_number_;
  size_t pos_ = 0;
};

std::string location(std::string_view file, uint32_t line, uint32_t column) {
  return std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

vm::Result<TomlDocument> parse_toml(std::string_view text, std::string_view file_name) {
  TomlDocument doc;
  std::string section;
  std::set<std::pair<std::string, std::string>> seen_keys;
  std::set<std::string> seen_sections;
  uint32_t line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number;
    LineReader r(line, file_name, line_number);
    if (!r.at_end_or_comment()) {
      if (r.at('[')) {
        r.advance();
        r.skip_space();
        const uint32_t name_column = r.column();
        std::string name = r.bare_key();
        if (name.empty()) return r.error("expected a section name in [brackets]");
        r.skip_space();
        if (!r.at(']')) return r.error("expected ']' after the section name");
        r.advance();
        if (!r.at_end_or_comment()) return r.error("expected the end of the line after ']'");
        if (!seen_sections.insert(name).second)
          return r.error_at(name_column, "section [" + name + "] appears twice");
        doc.sections.push_back({name, line_number, name_column});
        section = std::move(name);
      } else {
        TomlEntry entry;
        entry.section = section;
        entry.line = line_number;
        entry.column = r.column();
        entry.key = r.bare_key();
        if (entry.key.empty())
          return r.error("expected a key (letters, digits, '_' or '-') or a [section]");
        r.skip_space();
        if (!r.at('=')) return r.error("expected '=' after the key `" + entry.key + "`");
        r.advance();
        r.skip_space();
        entry.value_column = r.column();
        if (r.at('"')) {
          r.advance();
          auto s = r.string_body(entry.value_column);
          if (!s) return s.error();
          entry.is_string = true;
          entry.text = std::move(*s);
        } else {
          auto n = r.integer();
          if (!n) return n.error();
          entry.integer = *n;
        }
        if (!r.at_end_or_comment()) return r.error("expected the end of the line after the value");
        if (!seen_keys.insert({entry.section, entry.key}).second)
          return r.error_at(entry.column,
                            "key `" + entry.key + "` appears twice" +
                                (section.empty() ? std::string() : " in [" + section + "]"));
        doc.entries.push_back(std::move(entry));
      }
    }
    start = end + 1;
  }
  return doc;
}

vm::Result<LoadedConfig> read_project_config(std::string_view text, std::string_view file_name) {
  auto doc = parse_toml(text, file_name);
  if (!doc) return doc.error();
  LoadedConfig out;
  ProjectConfig& c = out.config;
  static const std::set<std::string> kKnownSections{"project", "test", "rpc"};
  for (const TomlSection& s : doc->sections)
    if (!kKnownSections.count(s.name))
      out.warnings.push_back(location(file_name, s.line, s.column) +
                             ": warning: unknown section [" + s.name + "]");

  for (const TomlEntry& e : doc->entries) {
    const std::string where = location(file_name, e.line, e.value_column);
    const auto want_string = [&](std::string& into) -> std::optional<vm::Error> {
      if (!e.is_string) return vm::Error{where + ": error: `" + e.key + "` must be a \"string\""};
      if (e.text.empty()) return vm::Error{where + ": error: `" + e.key + "` must not be empty"};
      into = e.text;
      return std::nullopt;
    };
    const auto want_integer = [&](int64_t lo, int64_t hi) -> vm::Result<int64_t> {
      if (e.is_string) return vm::Error{where + ": error: `" + e.key + "` must be an integer"};
      if (e.integer < lo || e.integer > hi)
        return vm::Error{where + ": error: `" + e.key + "` must be between " + std::to_string(lo) +
                         " and " + std::to_string(hi)};
      return e.integer;
    };
    std::optional<vm::Error> failure;
    bool known = true;
    if (e.section == "project") {
      if (e.key == "src")
        failure = want_string(c.src);
      else if (e.key == "tests")
        failure = want_string(c.tests);
      else if (e.key == "out")
        failure = want_string(c.out);
      else if (e.key == "optimizer") {
        auto n = want_integer(0, 2);
        if (!n)
          failure = n.error();
        else
          c.optimizer = static_cast<int>(*n);
      } else {
        known = false;
      }
    } else if (e.section == "test") {
      if (e.key == "fuzz_runs" || e.key == "fuzz_seed") {
        auto n = want_integer(0, std::numeric_limits<int64_t>::max());
        if (!n)
          failure = n.error();
        else
          (e.key == "fuzz_runs" ? c.fuzz_runs : c.fuzz_seed) = static_cast<uint64_t>(*n);
      } else {
        known = false;
      }
    } else if (e.section == "rpc") {
      std::string url;
      failure = want_string(url);
      if (!failure) c.rpc[e.key] = url;
    } else if (kKnownSections.count(e.section) || e.section.empty()) {
      known = false;
    } else {
      continue;  // inside an unknown section, already warned about
    }
    if (failure) return *failure;
    if (!known)
      out.warnings.push_back(
          location(file_name, e.line, e.column) + ": warning: unknown key `" + e.key + "`" +
          (e.section.empty() ? std::string(" outside a [section]") : " in [" + e.section + "]"));
  }
  return out;
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

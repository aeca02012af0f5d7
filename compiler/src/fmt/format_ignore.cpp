#include "tenet/compiler/format_ignore.hpp"

namespace tenet::compiler {

FormatIgnore FormatIgnore::parse(std::string_view text) {
  FormatIgnore list;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') list.globs_.emplace_back(line);
    start = end + 1;
  }
  return list;
}

bool FormatIgnore::excludes(std::string_view relative_path) const {
  for (const std::string& glob : globs_) {
    if (!glob.empty() && glob.back() == '/') {
      if (glob_matches(glob + "**", relative_path)) return true;
    } else if (glob_matches(glob, relative_path)) {
      return true;
    }
  }
  return false;
}

bool glob_matches(std::string_view glob, std::string_view path) {
  // Iterative matching with one backtrack point per kind of star (the classic wildcard
  // algorithm): `**` may swallow '/', `*` may not.
  size_t g = 0;
  size_t p = 0;
  size_t star_g = std::string_view::npos;
  size_t star_p = 0;
  bool star_crosses = false;
  while (p < path.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star_crosses = g + 1 < glob.size() && glob[g + 1] == '*';
      g += star_crosses ? 2 : 1;
      // `**/` also matches no directory at all.
      if (star_crosses && g < glob.size() && glob[g] == '/') {
        if (glob_matches(glob.substr(g + 1), path.substr(p))) return true;
      }
      star_g = g;
      star_p = p;
      continue;
    }
    if (g < glob.size() && (glob[g] == path[p] || (glob[g] == '?' && path[p] != '/'))) {
      ++g;
      ++p;
      continue;
    }
    if (star_g != std::string_view::npos && (star_crosses || path[star_p] != '/')) {
      ++star_p;
      p = star_p;
      g = star_g;
      continue;
    }
    return false;
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

}  // namespace tenet::compiler

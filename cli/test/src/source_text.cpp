#include "source_text.hpp"

#include <fstream>

namespace tenet::runner::detail {

namespace {

std::string trimmed(const std::string& text) {
  const char* blanks = " \t\r\n";
  const size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(blanks);
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string SourceText::line(const std::string& file, uint32_t line) {
  auto it = files_.find(file);
  if (it == files_.end()) {
    const bool in_stdlib = file.rfind("std/", 0) == 0;
    const std::filesystem::path path = std::filesystem::path(file).is_absolute()
                                           ? std::filesystem::path(file)
                                       : in_stdlib ? stdlib_ / file
                                                   : root_ / file;
    std::vector<std::string> lines;
    std::ifstream in(path, std::ios::binary);
    for (std::string text; std::getline(in, text);) lines.push_back(std::move(text));
    it = files_.emplace(file, std::move(lines)).first;
  }
  if (line == 0 || line > it->second.size()) return "";
  return trimmed(it->second[line - 1]);
}

std::string match_known_file(const std::string& file, std::span<const std::string> known) {
  for (const std::string& k : known)
    if (k == file) return k;
  for (const std::string& k : known)
    if (file.size() > k.size() && file.compare(file.size() - k.size(), k.size(), k) == 0 &&
        file[file.size() - k.size() - 1] == '/')
      return k;
  return file;
}

}  // namespace tenet::runner::detail

// The coverage reports: the summary table, the lcov tracefile and the HTML pages.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "markup.hpp"
#include "tenet/runner/coverage.hpp"

namespace tenet::runner {
namespace {

/// "85.71% (12/14)", or "-" when there is nothing to cover.
std::string ratio(size_t hit, size_t found) {
  if (found == 0) return "-";
  return fmt::format("{:.2f}% ({}/{})",
                     100.0 * static_cast<double>(hit) / static_cast<double>(found), hit, found);
}

/// The page of a file: "src/Token.tn" → "src/Token.tn.html" under the report directory.
std::string page_of(const std::string& file) {
  return file + ".html";
}

/// "../" for each directory level of `file`, so its page can link back to index.html.
std::string up_to_root(const std::string& file) {
  std::string up;
  for (const char c : file) up += c == '/' ? "../" : "";
  return up;
}

constexpr const char* kStyle =
    "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:2px 8px}pre{margin:0}"
    ".hit{background:#dfd}.miss{background:#fdd}.part{background:#ffd}"
    ".src td{border:none;padding:0 6px;font-family:monospace;white-space:pre}</style>\n";

std::string index_page(const std::vector<FileCoverage>& files, int level) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Coverage</title>\n";
  html += kStyle;
  html += "</head><body>\n<h1>Coverage of src/</h1>\n<p>" + xml_escape(coverage_header(level)) +
          "</p>\n<table>\n<tr><th>File</th><th>Lines</th><th>Branches</th></tr>\n";
  size_t lh = 0, lf = 0, bh = 0, bf = 0;
  for (const FileCoverage& f : files) {
    html +=
        fmt::format("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n",
                    xml_escape(page_of(f.file)), xml_escape(f.file),
                    ratio(f.lines_hit, f.lines.size()), ratio(f.branches_hit, f.branches_found));
    lh += f.lines_hit;
    lf += f.lines.size();
    bh += f.branches_hit;
    bf += f.branches_found;
  }
  html += fmt::format("<tr><th>Total</th><th>{}</th><th>{}</th></tr>\n</table>\n</body></html>\n",
                      ratio(lh, lf), ratio(bh, bf));
  return html;
}

/// Per line of a file: "taken/found" branch outcomes, for the file page.
std::map<uint32_t, std::pair<size_t, size_t>> branches_by_line(const FileCoverage& f) {
  std::map<uint32_t, std::pair<size_t, size_t>> by_line;
  for (const auto& [site, counts] : f.branches) {
    auto& [hit, found] = by_line[site->line];
    found += counts.size();
    for (const uint64_t n : counts) hit += n ? 1 : 0;
  }
  return by_line;
}

std::string file_page(const FileCoverage& f, const std::filesystem::path& root, int level) {
  std::vector<std::string> source;
  std::ifstream in(root / f.file);
  for (std::string line; std::getline(in, line);) source.push_back(line);
  const auto branches = branches_by_line(f);
  std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                     xml_escape(f.file) + "</title>\n" + kStyle + "</head><body>\n";
  html += fmt::format("<p><a href=\"{}index.html\">index</a></p>\n<h1>{}</h1>\n<p>{}</p>\n",
                      up_to_root(f.file), xml_escape(f.file), xml_escape(coverage_header(level)));
  html += fmt::format("<p>Lines {} · Branches {}</p>\n<table class=\"src\">\n",
                      ratio(f.lines_hit, f.lines.size()), ratio(f.branches_hit, f.branches_found));
  html += "<tr><th>line</th><th>hits</th><th>branches</th><th>source</th></tr>\n";
  for (size_t i = 0; i < source.size(); ++i) {
    const uint32_t n = static_cast<uint32_t>(i + 1);
    std::string cls, hits, br;
    if (auto it = f.lines.find(n); it != f.lines.end()) {
      cls = it->second ? "hit" : "miss";
      hits = std::to_string(it->second);
    }
    if (auto it = branches.find(n); it != branches.end()) {
      br = fmt::format("{}/{}", it->second.first, it->second.second);
      if (it->second.first < it->second.second) cls = it->second.first ? "part" : "miss";
    }
    html += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        cls.empty() ? "" : " class=\"" + cls + "\"", n, hits, br,
                        xml_escape(source[i]));
  }
  html += "</table>\n</body></html>\n";
  return html;
}

}  // namespace

std::string coverage_header(int level) {
  return fmt::format(
      "lines and branches measured on -O{} bytecode; a line the optimiser merged away is not "
      "counted; branches are the conditional jumps that remain",
      level);
}

std::string coverage_summary(const std::vector<FileCoverage>& files, int level) {
  std::vector<std::vector<std::string>> rows{{"File", "Lines", "Branches"}};
  size_t lh = 0, lf = 0, bh = 0, bf = 0;
  for (const FileCoverage& f : files) {
    rows.push_back(
        {f.file, ratio(f.lines_hit, f.lines.size()), ratio(f.branches_hit, f.branches_found)});
    lh += f.lines_hit;
    lf += f.lines.size();
    bh += f.branches_hit;
    bf += f.branches_found;
  }
  rows.push_back({"Total", ratio(lh, lf), ratio(bh, bf)});
  std::vector<size_t> width(3, 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < 3; ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out = coverage_header(level) + "\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    out += "|";
    for (size_t c = 0; c < 3; ++c) out += fmt::format(" {:<{}} |", rows[r][c], width[c]);
    out += "\n";
    if (r == 0) {
      out += "|";
      for (size_t c = 0; c < 3; ++c) out += std::string(width[c] + 2, '-') + "|";
      out += "\n";
    }
  }
  return out;
}

std::string lcov_info(const std::vector<FileCoverage>& files) {
  std::string out;
  for (const FileCoverage& f : files) {
    out += "TN:\nSF:" + f.file + "\n";
    for (const auto& [line, hits] : f.lines) out += fmt::format("DA:{},{}\n", line, hits);
    // BRDA:<line>,<block>,<branch>,<taken>: block = the site's index among the sites of its
    // line; "-" when the site never ran.
    std::map<uint32_t, size_t> block_on_line;
    for (const auto& [site, counts] : f.branches) {
      const size_t block = block_on_line[site->line]++;
      const bool ran = std::any_of(counts.begin(), counts.end(), [](uint64_t n) { return n > 0; });
      for (size_t b = 0; b < counts.size(); ++b) {
        out += fmt::format("BRDA:{},{},{},{}\n", site->line, block, b,
                           ran ? std::to_string(counts[b]) : "-");
      }
    }
    out += fmt::format("BRF:{}\nBRH:{}\n", f.branches_found, f.branches_hit);
    out += fmt::format("LF:{}\nLH:{}\n", f.lines.size(), f.lines_hit);
    out += "end_of_record\n";
  }
  return out;
}

vm::Result<size_t> write_coverage_html(const std::vector<FileCoverage>& files, int level,
                                       const std::filesystem::path& root,
                                       const std::filesystem::path& dir) {
  auto write = [](const std::filesystem::path& path, const std::string& text) -> bool {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
  };
  size_t pages = 0;
  if (!write(dir / "index.html", index_page(files, level))) {
    return vm::Error{"cannot write " + (dir / "index.html").string()};
  }
  ++pages;
  for (const FileCoverage& f : files) {
    const auto path = dir / page_of(f.file);
    if (!write(path, file_page(f, root, level))) return vm::Error{"cannot write " + path.string()};
    ++pages;
  }
  return pages;
}

}  // namespace tenet::runner

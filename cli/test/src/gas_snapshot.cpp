// `.gas-snapshot`: one line per passing test, sorted by contract then signature; and the
// comparison `--snapshot-check` makes.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

/// The measures of one test in a snapshot line (the text inside the parentheses).
std::string measures(const TestResult& test) {
  switch (test.kind) {
    case TestKind::Unit:
      return fmt::format("gas: {}", test.gas);
    case TestKind::Fuzz:
      return fmt::format("runs: {}, μ: {}, ~: {}", test.runs, test.gas, test.gas_median);
    case TestKind::Invariant:
      return fmt::format("runs: {}, calls: {}, reverts: {}", test.runs, test.calls, test.rejects);
  }
  return {};
}

/// One named number of a snapshot line ("gas: 51234" → {"gas", 51234}).
struct Measure {
  std::string name;
  uint64_t value = 0;
};

/// A snapshot line split into its key ("TokenTest:test_transfer()") and measures; none when
/// the line does not have the shape `KEY (NAME: N, …)`.
struct SnapshotLine {
  std::string key;
  std::string text;  ///< the whole line
  std::vector<Measure> measures;
};

std::optional<SnapshotLine> parse_line(std::string_view line) {
  const size_t open = line.rfind(" (");
  if (open == std::string_view::npos || line.empty() || line.back() != ')') return std::nullopt;
  SnapshotLine parsed{std::string(line.substr(0, open)), std::string(line), {}};
  std::string_view inside = line.substr(open + 2, line.size() - open - 3);
  while (!inside.empty()) {
    const size_t comma = inside.find(", ");
    const std::string_view item = inside.substr(0, comma);
    const size_t colon = item.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    Measure m{std::string(item.substr(0, colon)), 0};
    const std::string_view digits = item.substr(colon + 2);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), m.value);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    parsed.measures.push_back(std::move(m));
    inside = comma == std::string_view::npos ? std::string_view{} : inside.substr(comma + 2);
  }
  if (parsed.measures.empty()) return std::nullopt;
  return parsed;
}

/// The non-empty lines of a text, parsed; an unreadable line is kept whole under its own
/// text as key (it then differs from anything but itself).
std::map<std::string, SnapshotLine> parse_snapshot(const std::string& text) {
  std::map<std::string, SnapshotLine> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto parsed = parse_line(line);
    SnapshotLine entry = parsed ? std::move(*parsed) : SnapshotLine{line, line, {}};
    std::string key = entry.key;
    lines.insert_or_assign(std::move(key), std::move(entry));
  }
  return lines;
}

/// "gas: 100 → 120, +20.0%" when the change exceeds the tolerance, else none.
std::optional<std::string> measure_change(const Measure& old_m, const Measure& new_m,
                                          double tolerance_percent) {
  if (old_m.value == new_m.value) return std::nullopt;
  const double diff = static_cast<double>(new_m.value) - static_cast<double>(old_m.value);
  if (old_m.value == 0) return fmt::format("{}: 0 → {}", new_m.name, new_m.value);
  const double percent = diff / static_cast<double>(old_m.value) * 100.0;
  if (std::fabs(percent) <= tolerance_percent) return std::nullopt;
  return fmt::format("{}: {} → {}, {:+.1f}%", new_m.name, old_m.value, new_m.value, percent);
}

/// The message for a line present in both texts, or none when they agree.
std::optional<std::string> compare_line(const SnapshotLine& old_l, const SnapshotLine& new_l,
                                        double tolerance_percent) {
  const bool same_shape =
      old_l.measures.size() == new_l.measures.size() && !old_l.measures.empty() &&
      std::equal(old_l.measures.begin(), old_l.measures.end(), new_l.measures.begin(),
                 [](const Measure& a, const Measure& b) { return a.name == b.name; });
  if (!same_shape) {
    if (old_l.text == new_l.text) return std::nullopt;
    return fmt::format("{}: was `{}`, now `{}`", new_l.key, old_l.text, new_l.text);
  }
  std::vector<std::string> changes;
  for (size_t i = 0; i < old_l.measures.size(); ++i) {
    if (auto c = measure_change(old_l.measures[i], new_l.measures[i], tolerance_percent)) {
      changes.push_back(std::move(*c));
    }
  }
  if (changes.empty()) return std::nullopt;
  return fmt::format("{} ({})", new_l.key, fmt::join(changes, "; "));
}

}  // namespace

std::string gas_snapshot(const RunResult& result) {
  std::map<std::pair<std::string, std::string>, std::string> sorted;
  for (const SuiteResult& suite : result.suites) {
    for (const TestResult& test : suite.tests) {
      if (test.status != TestStatus::Pass) continue;
      sorted[{suite.contract, test.signature}] =
          fmt::format("{}:{} ({})", suite.contract, test.signature, measures(test));
    }
  }
  std::string text;
  for (const auto& [key, line] : sorted) text += line + "\n";
  return text;
}

std::vector<std::string> compare_gas_snapshot(const std::string& expected,
                                              const std::string& actual, double tolerance_percent) {
  const auto old_lines = parse_snapshot(expected);
  const auto new_lines = parse_snapshot(actual);
  std::vector<std::string> differences;
  for (const auto& [key, old_l] : old_lines) {
    auto it = new_lines.find(key);
    if (it == new_lines.end()) {
      differences.push_back(fmt::format("{}: in the snapshot, not in this run", old_l.text));
    } else if (auto message = compare_line(old_l, it->second, tolerance_percent)) {
      differences.push_back(std::move(*message));
    }
  }
  for (const auto& [key, new_l] : new_lines) {
    if (!old_lines.contains(key)) {
      differences.push_back(fmt::format("{}: new in this run, not in the snapshot", new_l.text));
    }
  }
  std::stable_sort(differences.begin(), differences.end());
  return differences;
}

}  // namespace tenet::runner

#include "tenet/runner/build_cache.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "tenet/abi/type.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::runner {
namespace {

using nlohmann::json;

/// Bumped when the entry layout changes (entries of another format are misses).
constexpr int kFormat = 2;

std::optional<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

/// The compiler's version and, since a development build keeps its version across
/// changes, the size and modification time of the running executable: a rebuilt compiler
/// never reuses another build's entries.
const std::string& compiler_identity() {
  static const std::string identity = [] {
    std::string id = compiler::compiler_version();
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return id;
    const auto size = std::filesystem::file_size(exe, ec);
    if (ec) return id;
    const auto time = std::filesystem::last_write_time(exe, ec);
    if (ec) return id;
    return id + " " + std::to_string(size) + " " + std::to_string(time.time_since_epoch().count());
  }();
  return identity;
}

/// The ABI of a cache entry (abi::to_json's form; throws json::exception when malformed, so the
/// entry is rebuilt).
std::vector<abi::AbiEntry> abi_from_json(const json& array) {
  auto entries = abi::entries_from_json(array);
  if (!entries) throw json::other_error::create(501, entries.error().message, nullptr);
  return std::move(*entries);
}

json code_to_json(const CachedCode& c) {
  json lines = json::array();
  for (const compiler::LineEntry& l : c.lines)
    lines.push_back({l.code_offset, l.file, l.line, l.column});
  return {{"name", c.name},
          {"source", c.source},
          {"is_test", c.is_test},
          {"bytecode", vm::hex_encode(c.bytecode)},
          {"abi", abi::to_json(c.abi)},
          {"files", c.files},
          {"lines", std::move(lines)}};
}

std::vector<uint8_t> bytes_from_json(const json& j) {
  auto bytes = vm::hex_decode(j.get<std::string>());
  if (!bytes) throw json::other_error::create(501, bytes.error().message, nullptr);
  return std::move(*bytes);
}

CachedCode code_from_json(const json& j) {
  CachedCode c;
  c.name = j.at("name").get<std::string>();
  c.source = j.at("source").get<std::string>();
  c.is_test = j.at("is_test").get<bool>();
  c.bytecode = bytes_from_json(j.at("bytecode"));
  c.abi = abi_from_json(j.at("abi"));
  c.files = j.at("files").get<std::vector<std::string>>();
  for (const json& l : j.at("lines")) {
    compiler::LineEntry e{l.at(0).get<uint32_t>(), l.at(1).get<uint32_t>(), l.at(2).get<uint32_t>(),
                          l.at(3).get<uint32_t>()};
    if (e.file >= c.files.size() && e.line != 0)
      throw json::other_error::create(501, "line entry names no file", nullptr);
    c.lines.push_back(e);
  }
  return c;
}

constexpr const char* kKindNames[] = {"unit", "fuzz", "invariant"};

json suite_to_json(const TestSuite& s) {
  json cases = json::array();
  for (const TestCase& t : s.cases)
    cases.push_back({{"name", t.name},
                     {"signature", t.signature},
                     {"kind", kKindNames[static_cast<int>(t.kind)]},
                     {"params", abi::type_list_name(t.params)},
                     {"param_names", t.param_names},
                     {"line", t.line}});
  return {{"file", s.file},
          {"contract", s.contract},
          {"bytecode", vm::hex_encode(s.bytecode)},
          {"has_setup", s.has_setup},
          {"cases", std::move(cases)}};
}

TestSuite suite_from_json(const json& j) {
  TestSuite s;
  s.file = j.at("file").get<std::string>();
  s.contract = j.at("contract").get<std::string>();
  s.bytecode = bytes_from_json(j.at("bytecode"));
  s.has_setup = j.at("has_setup").get<bool>();
  for (const json& c : j.at("cases")) {
    TestCase t;
    t.name = c.at("name").get<std::string>();
    t.signature = c.at("signature").get<std::string>();
    const std::string kind = c.at("kind").get<std::string>();
    bool known = false;
    for (int k = 0; k < 3; ++k)
      if (kind == kKindNames[k]) t.kind = static_cast<TestKind>(k), known = true;
    if (!known) throw json::other_error::create(501, "unknown test kind", nullptr);
    auto params = abi::parse_type_list(c.at("params").get<std::string>());
    if (!params) throw json::other_error::create(501, params.error().message, nullptr);
    t.params = std::move(*params);
    t.param_names = c.at("param_names").get<std::vector<std::string>>();
    t.selector = vm::selector_of(t.signature);
    t.line = c.at("line").get<uint32_t>();
    s.cases.push_back(std::move(t));
  }
  return s;
}

}  // namespace

vm::Hash256 content_hash(std::string_view text) {
  return vm::keccak256(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

BuildCache::BuildCache(std::filesystem::path dir, int level, bool record_operands)
    : dir_(std::move(dir)), level_(level), record_operands_(record_operands) {}

std::filesystem::path BuildCache::entry_path(const std::string& source_name) const {
  const vm::Hash256 h = content_hash(source_name);
  const std::string flavour = "O" + std::to_string(level_) + (record_operands_ ? "-operands" : "");
  return dir_ / flavour / (vm::hex_digits(std::span<const uint8_t>(h.data(), 10)) + ".json");
}

std::optional<FileOutputs> BuildCache::load(const std::string& source_name) const {
  const auto text = read_all(entry_path(source_name));
  if (!text) return std::nullopt;
  try {
    const json j = json::parse(*text);
    if (j.at("format").get<int>() != kFormat ||
        j.at("compiler").get<std::string>() != compiler_identity() ||
        j.at("level").get<int>() != level_ ||
        j.at("record_operands").get<bool>() != record_operands_ ||
        j.at("source").get<std::string>() != source_name)
      return std::nullopt;
    for (const json& input : j.at("inputs")) {
      const auto content = read_all(input.at("path").get<std::string>());
      if (!content) return std::nullopt;
      const vm::Hash256 h = content_hash(*content);
      if (vm::hex_digits(h) != input.at("keccak256").get<std::string>()) return std::nullopt;
    }
    FileOutputs out;
    for (const json& c : j.at("codes")) out.codes.push_back(code_from_json(c));
    for (const json& s : j.at("suites")) out.suites.push_back(suite_from_json(s));
    return out;
  } catch (const json::exception&) {
    return std::nullopt;  // a corrupt entry: compile again
  }
}

void BuildCache::store(const std::string& source_name, const std::vector<FileInput>& inputs,
                       const FileOutputs& outputs) const {
  json j = {{"format", kFormat},
            {"compiler", compiler_identity()},
            {"level", level_},
            {"record_operands", record_operands_},
            {"source", source_name}};
  json files = json::array();
  for (const FileInput& f : inputs)
    files.push_back({{"path", f.path}, {"keccak256", vm::hex_digits(f.hash)}});
  j["inputs"] = std::move(files);
  json codes = json::array();
  for (const CachedCode& c : outputs.codes) codes.push_back(code_to_json(c));
  j["codes"] = std::move(codes);
  json suites = json::array();
  for (const TestSuite& s : outputs.suites) suites.push_back(suite_to_json(s));
  j["suites"] = std::move(suites);

  const std::filesystem::path path = entry_path(source_name);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return;
  // Written beside the entry and renamed over it, so a reader never sees half an entry.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << j.dump();
    if (!f) return;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace tenet::runner

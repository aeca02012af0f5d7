// Saved counterexamples (counterexample_store.hpp).
#include "tenet/runner/counterexample_store.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace tenet::runner {
namespace {

using nlohmann::json;

std::vector<std::string> string_list(const json& j) {
  if (!j.is_array()) throw std::invalid_argument("args is not an array");
  std::vector<std::string> out;
  for (const auto& a : j) out.push_back(a.get<std::string>());
  return out;
}

SavedCounterexample from_json(const json& j) {
  SavedCounterexample saved;
  saved.seed = j.at("seed").get<uint64_t>();
  saved.signature = j.at("signature").get<std::string>();
  if (j.contains("args")) saved.args = string_list(j.at("args"));
  if (j.contains("calls")) {
    for (const auto& c : j.at("calls")) {
      SavedCall call;
      call.sender = c.at("sender").get<std::string>();
      call.target = c.at("target").get<std::string>();
      call.contract = c.value("contract", std::string());
      call.function = c.at("function").get<std::string>();
      call.args = string_list(c.at("args"));
      saved.calls.push_back(std::move(call));
    }
  }
  return saved;
}

json to_json(const SavedCounterexample& saved) {
  json j = {{"seed", saved.seed}, {"signature", saved.signature}, {"args", saved.args}};
  if (!saved.calls.empty()) {
    json calls = json::array();
    for (const auto& c : saved.calls)
      calls.push_back({{"sender", c.sender},
                       {"target", c.target},
                       {"contract", c.contract},
                       {"function", c.function},
                       {"args", c.args}});
    j["calls"] = std::move(calls);
  }
  return j;
}

}  // namespace

std::filesystem::path counterexample_path(const std::filesystem::path& store,
                                          const std::string& file, const std::string& contract,
                                          const std::string& signature) {
  return store / file / contract / (signature + ".json");
}

vm::Result<std::optional<SavedCounterexample>> load_counterexample(
    const std::filesystem::path& path, const std::string& signature) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::optional<SavedCounterexample>{};
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return vm::Error{"cannot read " + path.string() + ": " + ec.message()};
  if (size > kMaxSavedCounterexampleBytes)
    return vm::Error{path.string() + " has " + std::to_string(size) + " bytes (more than " +
                     std::to_string(kMaxSavedCounterexampleBytes) + ")"};
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return vm::Error{"cannot read " + path.string()};
  try {
    SavedCounterexample saved = from_json(json::parse(text.str()));
    if (saved.signature != signature)
      return vm::Error{path.string() + " is for " + saved.signature + ", not " + signature};
    return std::optional<SavedCounterexample>{std::move(saved)};
  } catch (const std::exception& e) {
    return vm::Error{path.string() + " is not a saved counterexample: " + e.what()};
  }
}

std::optional<vm::Error> save_counterexample(const std::filesystem::path& path,
                                             const SavedCounterexample& saved) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return vm::Error{"cannot create " + path.parent_path().string() + ": " + ec.message()};
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << to_json(saved).dump(2) << '\n';
    if (!out) return vm::Error{"cannot write " + temporary.string()};
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) return vm::Error{"cannot write " + path.string() + ": " + ec.message()};
  return std::nullopt;
}

void remove_counterexample(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

}  // namespace tenet::runner

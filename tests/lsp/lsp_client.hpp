#pragma once
// A scripted LSP client for the protocol tests: drives a tenet::lsp::Server in-process,
// builds the messages, and writes the projects the documents live in to a temporary
// directory.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenet/lsp/server.hpp"
#include "tenet/lsp/uri.hpp"

namespace tenet::lsp::testing {

using nlohmann::json;

/// A fresh directory under the system's temporary directory, removed at the end.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("tenet-lsp-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
    path_ = std::filesystem::canonical(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The directory.
  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `relative` (creating directories) and returns its absolute path.
  std::string write(const std::string& relative, const std::string& text) const {
    const auto p = path_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  /// The URI of `relative`.
  std::string uri(const std::string& relative) const {
    return uri_of_path((path_ / relative).string());
  }

 private:
  std::filesystem::path path_;
};

/// The stdlib directory of this source tree.
inline std::filesystem::path stdlib_dir() {
  return std::filesystem::path(TENET_SOURCE_DIR) / "stdlib";
}

/// A client talking to one in-process server.
class Client {
 public:
  Client() : server_(ServerOptions{stdlib_dir()}) {}

  /// Sends a raw body; returns what the server sends back.
  std::vector<json> raw(const std::string& body) { return server_.handle(body); }
  /// Sends `message`; returns what the server sends back.
  std::vector<json> send(const json& message) { return raw(message.dump()); }
  /// Sends a request with a fresh id; returns what the server sends back.
  std::vector<json> request(const std::string& method, const json& params) {
    return send({{"jsonrpc", "2.0"}, {"id", ++last_id_}, {"method", method}, {"params", params}});
  }
  /// Sends a notification; returns what the server sends back.
  std::vector<json> notify(const std::string& method, const json& params) {
    return send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  /// The only answer to a request (fails the test when there is not exactly one message).
  json call(const std::string& method, const json& params) {
    auto out = request(method, params);
    EXPECT_EQ(out.size(), 1u) << json(out).dump();
    return out.empty() ? json() : out.back();
  }
  /// The result of a successful request.
  json result(const std::string& method, const json& params) {
    json answer = call(method, params);
    EXPECT_TRUE(answer.contains("result")) << answer.dump();
    return answer.value("result", json());
  }
  /// `initialize` (with `params` merged in) and `initialized`.
  json initialize(const json& params = json::object()) {
    json p = {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}};
    p.update(params);
    json answer = result("initialize", p);
    EXPECT_TRUE(notify("initialized", json::object()).empty());
    return answer;
  }
  /// didOpen of `uri` with `text` (version 1); returns what the server sends back.
  std::vector<json> open(const std::string& uri, const std::string& text) {
    return notify("textDocument/didOpen",
                  {{"textDocument",
                    {{"uri", uri}, {"languageId", "tenet"}, {"version", 1}, {"text", text}}}});
  }
  /// The id of the last request.
  int last_id() const { return last_id_; }
  /// The server.
  Server& server() { return server_; }

 private:
  Server server_;
  int last_id_ = 0;
};

/// `{"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}`.
inline json at(const std::string& uri, int line, int character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

/// An LSP range.
inline json range(int l1, int c1, int l2, int c2) {
  return {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}};
}

/// The publishDiagnostics notification for `uri` (with `version` unless it is negative).
inline json published(const std::string& uri, const std::vector<json>& diagnostics,
                      int version = 1) {
  json params = {{"uri", uri}, {"diagnostics", json(diagnostics)}};
  if (version >= 0) params["version"] = version;
  return {{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}};
}

/// An error diagnostic of the compiler.
inline json error_at(const json& r, const std::string& message) {
  return {{"range", r}, {"severity", 1}, {"source", "tenet"}, {"message", message}};
}

}  // namespace tenet::lsp::testing

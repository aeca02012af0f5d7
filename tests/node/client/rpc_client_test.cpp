// RpcClient against a tiny in-process HTTP server: results, error objects, keep-alive (one
// connection for many calls), reconnects after the server closes, transport failures naming
// the URL, non-JSON answers and bad URLs.
#include "tenet/node/client/rpc_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <string>
#include <thread>

namespace tenet::node {
namespace {

namespace client_test_asio = boost::asio;
namespace client_test_http = boost::beast::http;
using client_test_tcp = boost::asio::ip::tcp;

/// What the test server answers: HTTP status, body, and whether it keeps the connection.
struct ClientTestAnswer {
  unsigned status = 200;
  std::string body;
  bool keep_alive = true;
};

/// A one-thread HTTP server on 127.0.0.1 (a free port) answering every POST with `answer(body)`;
/// it counts the connections it accepted.
class ClientTestServer {
 public:
  explicit ClientTestServer(std::function<ClientTestAnswer(const std::string&)> answer)
      : answer_(std::move(answer)),
        acceptor_(io_, {client_test_asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~ClientTestServer() {
    stopping_ = true;
    client_test_asio::io_context io;
    client_test_tcp::socket wake(io);
    boost::system::error_code ignored;
    wake.connect({client_test_asio::ip::make_address("127.0.0.1"), port_}, ignored);
    thread_.join();
  }
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (true) {
      client_test_tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      ++connections_;
      boost::beast::flat_buffer buffer;
      while (true) {
        client_test_http::request<client_test_http::string_body> request;
        client_test_http::read(socket, buffer, request, ec);
        if (ec) break;
        const ClientTestAnswer a = answer_(request.body());
        client_test_http::response<client_test_http::string_body> response{
            static_cast<client_test_http::status>(a.status), 11};
        response.set(client_test_http::field::content_type, "application/json");
        response.keep_alive(a.keep_alive);
        response.body() = a.body;
        response.prepare_payload();
        client_test_http::write(socket, response, ec);
        if (ec || !a.keep_alive) break;
      }
      socket.close(ec);
    }
  }

  std::function<ClientTestAnswer(const std::string&)> answer_;
  client_test_asio::io_context io_;
  client_test_tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

/// Echoes the request back as the result: {"jsonrpc","id","result": request}.
ClientTestAnswer client_test_echo(const std::string& body) {
  const auto request = nlohmann::json::parse(body);
  return {200,
          nlohmann::json{{"jsonrpc", "2.0"}, {"id", request["id"]}, {"result", request}}.dump()};
}

TEST(RpcClient, CallsOverOneKeepAliveConnection) {
  ClientTestServer server(client_test_echo);
  {
    auto client = RpcClient::open(server.url());
    ASSERT_TRUE(client) << client.error().message;
    for (int i = 1; i <= 3; ++i) {
      auto result = client->call("eth_getBalance", nlohmann::json::array({"0x01", "latest"}));
      ASSERT_TRUE(result) << result.error().message;
      EXPECT_EQ(*result, (nlohmann::json{{"jsonrpc", "2.0"},
                                         {"id", i},
                                         {"method", "eth_getBalance"},
                                         {"params", {"0x01", "latest"}}}));
    }
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(RpcClient, ErrorObjectBecomesRpcError) {
  ClientTestServer server([](const std::string&) {
    return ClientTestAnswer{
        200,
        R"({"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted","data":"0x1234"}})"};
  });
  {
    auto client = RpcClient::open(server.url());
    ASSERT_TRUE(client);
    auto result = client->call("eth_call", nlohmann::json::array());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, 3);
    EXPECT_EQ(result.error().message, "execution reverted");
    ASSERT_TRUE(result.error().data.has_value());
    EXPECT_EQ(*result.error().data, "0x1234");
  }
}

TEST(RpcClient, ErrorWithoutDataHasNone) {
  ClientTestServer server([](const std::string&) {
    return ClientTestAnswer{
        200, R"({"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"method not found"}})"};
  });
  {
    auto client = RpcClient::open(server.url() + "/");
    ASSERT_TRUE(client);
    auto result = client->call("nope", nlohmann::json::array());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, -32601);
    EXPECT_EQ(result.error().message, "method not found");
    EXPECT_FALSE(result.error().data.has_value());
  }
}

TEST(RpcClient, ReconnectsWhenTheServerClosesTheConnection) {
  ClientTestServer server([](const std::string& body) {
    ClientTestAnswer a = client_test_echo(body);
    a.keep_alive = false;
    return a;
  });
  {
    auto client = RpcClient::open(server.url());
    ASSERT_TRUE(client);
    for (int i = 0; i < 3; ++i) {
      auto result = client->call("eth_chainId", nlohmann::json::array());
      ASSERT_TRUE(result) << result.error().message;
    }
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(RpcClient, NonJsonAnswerNamesTheStatus) {
  ClientTestServer server([](const std::string&) { return ClientTestAnswer{413, "too large"}; });
  {
    auto client = RpcClient::open(server.url());
    ASSERT_TRUE(client);
    auto result = client->call("eth_chainId", nlohmann::json::array());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, 0);
    EXPECT_EQ(result.error().message, server.url() + " answered HTTP 413");
  }
}

TEST(RpcClient, RefusedConnectionNamesTheUrl) {
  uint16_t port = 0;
  {
    client_test_asio::io_context io;
    client_test_tcp::acceptor acceptor(io, {client_test_asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }  // closed again: nothing listens there
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  auto client = RpcClient::open(url);
  ASSERT_TRUE(client);
  auto result = client->call("eth_chainId", nlohmann::json::array());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, 0);
  EXPECT_EQ(result.error().message, "cannot reach " + url + ": connection refused");
}

TEST(RpcClient, RefusesUrlsItCannotUse) {
  const auto message = [](std::string_view url) {
    auto client = RpcClient::open(url);
    return client ? std::string("opened") : client.error().message;
  };
  EXPECT_EQ(message("https://example.org"),
            "--rpc: 'https://example.org' uses https, which is not supported");
  EXPECT_EQ(message("127.0.0.1:8545"), "--rpc: '127.0.0.1:8545' is not an http:// URL");
  EXPECT_EQ(message("http://:8545"), "--rpc: 'http://:8545' names no host");
  EXPECT_EQ(message("http://localhost:99999"), "--rpc: 'http://localhost:99999' has no valid port");
  EXPECT_EQ(message("http://localhost:8545/rpc"), "opened");
  EXPECT_EQ(message("http://[::1]:8545"), "opened");
  EXPECT_EQ(message("http://localhost"), "opened");
}

}  // namespace
}  // namespace tenet::node

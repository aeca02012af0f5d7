// RpcServer in-process on an OS-chosen port, spoken to over a raw socket: keep-alive (two
// requests on one connection), CORS on every answer and the preflight, a parse error answered
// HTTP 200, GET refused 405, a notification 204, a body over the limit answered 413 with the
// connection closed, WebSocket requests and eth_subscribe notifications (newHeads, logs), the
// listen error of a port in use, and stop().

#include "tenet/node/server/rpc_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "node/rpc/rpc_support.hpp"

namespace tenet::node {
namespace {

/// An HTTP answer as the raw client read it.
struct ServerTestAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

/// A blocking HTTP/1.1 client over one socket.
class ServerTestClient {
 public:
  explicit ServerTestClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~ServerTestClient() { ::close(fd_); }
  bool connected() const { return connected_; }

  bool send_all(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  /// A request with `body` (Content-Length set) and extra header lines.
  bool send_request(const std::string& method, const std::string& body,
                    const std::string& extra = "") {
    return send_all(method + " / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra +
                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  /// Reads one answer (status 0 when the connection closed first).
  ServerTestAnswer read_answer() {
    ServerTestAnswer a;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return a;
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head.find("\r\n");
    a.status = std::stoi(head.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t next = head.find("\r\n", line_end + 2);
      const std::string line = head.substr(line_end + 2, next - line_end - 2);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      a.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      line_end = next;
    }
    const std::size_t length =
        a.headers.count("content-length") ? std::stoul(a.headers["content-length"]) : 0;
    while (buffer_.size() < length)
      if (!fill()) return a;
    a.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return a;
  }
  /// Sends a masked WebSocket text frame.
  bool ws_send(const std::string& text) {
    std::string frame(1, static_cast<char>(0x81));
    if (text.size() < 126) {
      frame += static_cast<char>(0x80 | text.size());
    } else {
      frame += static_cast<char>(0x80 | 126);
      frame += static_cast<char>(text.size() >> 8);
      frame += static_cast<char>(text.size() & 0xff);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (std::size_t i = 0; i < text.size(); ++i) frame += static_cast<char>(text[i] ^ mask[i % 4]);
    return send_all(frame);
  }
  /// Reads one unmasked WebSocket frame's payload ("" when the connection ends first).
  std::string ws_read() {
    if (!need(2)) return "";
    const auto byte = [this](std::size_t i) { return static_cast<uint8_t>(buffer_[i]); };
    uint64_t length = byte(1) & 0x7f;
    std::size_t header = 2;
    if (length == 126) {
      if (!need(4)) return "";
      length = (uint64_t{byte(2)} << 8) | byte(3);
      header = 4;
    } else if (length == 127) {
      if (!need(10)) return "";
      length = 0;
      for (int i = 0; i < 8; ++i) length = (length << 8) | byte(2 + i);
      header = 10;
    }
    if (!need(header + length)) return "";
    std::string payload = buffer_.substr(header, length);
    buffer_.erase(0, header + length);
    return payload;
  }

  /// Whether the server closed the connection (reads until end of stream or reset).
  bool closed_by_server() {
    char c[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, c, sizeof c, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  bool fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  /// Whether `n` bytes are buffered (reading until they are).
  bool need(std::size_t n) {
    while (buffer_.size() < n)
      if (!fill()) return false;
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

class RpcServerTest : public test::RpcNodeTest {
 protected:
  void SetUp() override {
    test::RpcNodeTest::SetUp();
    ServerOptions options;
    options.port = 0;
    options.allow_origin = "*";
    auto server = RpcServer::listen(*handler_, options);
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    runner_ = std::thread([this] { server_->run_until_signal(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (runner_.joinable()) runner_.join();
    server_.reset();
    test::RpcNodeTest::TearDown();
  }
  std::unique_ptr<RpcServer> server_;
  std::thread runner_;
};

TEST_F(RpcServerTest, KeepAliveCorsAndParseErrors) {
  ASSERT_NE(server_->port(), 0);
  ServerTestClient client(server_->port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send_request("POST", R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})",
                                  "Content-Type: application/json\r\n"));
  ServerTestAnswer first = client.read_answer();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, R"({"id":1,"jsonrpc":"2.0","result":"0x7a69"})");
  EXPECT_EQ(first.headers["content-type"], "application/json");
  EXPECT_EQ(first.headers["access-control-allow-origin"], "*");
  // The same connection: keep-alive.
  ASSERT_TRUE(client.send_request("POST", "{"));
  ServerTestAnswer parse_error = client.read_answer();
  EXPECT_EQ(parse_error.status, 200);
  EXPECT_EQ(parse_error.body,
            R"({"error":{"code":-32700,"message":"parse error"},"id":null,"jsonrpc":"2.0"})");
  ASSERT_TRUE(client.send_request("POST", R"({"method":"eth_chainId"})"));
  ServerTestAnswer notification = client.read_answer();
  EXPECT_EQ(notification.status, 204);
  EXPECT_EQ(notification.body, "");
  ASSERT_TRUE(client.send_request("GET", ""));
  ServerTestAnswer get = client.read_answer();
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.headers["allow"], "POST, OPTIONS");
  EXPECT_EQ(get.headers["access-control-allow-origin"], "*");
}

TEST_F(RpcServerTest, CorsPreflight) {
  ServerTestClient client(server_->port());
  ASSERT_TRUE(client.send_request("OPTIONS", "",
                                  "Origin: http://localhost:3000\r\n"
                                  "Access-Control-Request-Method: POST\r\n"
                                  "Access-Control-Request-Headers: content-type,x-custom\r\n"));
  ServerTestAnswer a = client.read_answer();
  EXPECT_EQ(a.status, 204);
  EXPECT_EQ(a.headers["access-control-allow-origin"], "*");
  EXPECT_EQ(a.headers["access-control-allow-methods"], "POST, OPTIONS");
  EXPECT_EQ(a.headers["access-control-allow-headers"], "content-type,x-custom");
  EXPECT_EQ(a.headers["access-control-max-age"], "86400");
}

TEST_F(RpcServerTest, OversizedBodyIs413AndClosed) {
  ServerTestClient client(server_->port());
  const std::size_t declared = (std::size_t{5} << 20) + 1;
  ASSERT_TRUE(client.send_all("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                              std::to_string(declared) + "\r\n\r\n" + std::string(1000, ' ')));
  ServerTestAnswer a = client.read_answer();
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.headers["connection"], "close");
  EXPECT_TRUE(client.closed_by_server());
  // The server keeps serving.
  ServerTestClient next(server_->port());
  ASSERT_TRUE(next.send_request("POST", R"({"id":2,"method":"eth_blockNumber"})"));
  EXPECT_EQ(next.read_answer().body, R"({"id":2,"jsonrpc":"2.0","result":"0x0"})");
}

TEST_F(RpcServerTest, WebSocketRequestsAndSubscriptions) {
  const Address counter = deploy_counter(0);
  ServerTestClient client(server_->port());
  ASSERT_TRUE(client.send_all(
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
  ServerTestAnswer upgrade = client.read_answer();
  EXPECT_EQ(upgrade.status, 101);
  EXPECT_EQ(upgrade.headers["sec-websocket-accept"], "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  ASSERT_TRUE(client.ws_send(R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId"})"));
  EXPECT_EQ(client.ws_read(), R"({"id":1,"jsonrpc":"2.0","result":"0x7a69"})");
  ASSERT_TRUE(client.ws_send(R"({"id":2,"method":"eth_subscribe","params":["newHeads"]})"));
  EXPECT_EQ(client.ws_read(), R"({"id":2,"jsonrpc":"2.0","result":"0x1"})");
  ASSERT_TRUE(client.ws_send(R"({"id":3,"method":"eth_subscribe","params":["logs",{"address":")" +
                             vm::to_hex(counter) + R"("}]})"));
  EXPECT_EQ(client.ws_read(), R"({"id":3,"jsonrpc":"2.0","result":"0x2"})");
  ASSERT_TRUE(client.ws_send(R"({"id":4,"method":"eth_subscribe","params":["syncing"]})"));
  EXPECT_EQ(client.ws_read(),
            R"({"error":{"code":-32602,"message":"invalid params: parameter 1: expected )"
            R"(\"newHeads\" or \"logs\""},"id":4,"jsonrpc":"2.0"})");
  // A block with one log: one newHeads and one logs notification.
  const std::string sent =
      result("eth_sendTransaction", {{{"from", dev_hex(0)},
                                      {"to", vm::to_hex(counter)},
                                      {"data", test::rpc_selector("bump()")}}});
  std::vector<nlohmann::json> notes = {nlohmann::json::parse(client.ws_read()),
                                       nlohmann::json::parse(client.ws_read())};
  std::sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) {
    return a["params"]["subscription"] < b["params"]["subscription"];
  });
  EXPECT_EQ(notes[0]["method"], "eth_subscription");
  EXPECT_EQ(notes[0]["params"]["subscription"], "0x1");
  EXPECT_EQ(notes[0]["params"]["result"]["number"], "0x2");
  EXPECT_EQ(notes[0]["params"]["result"]["hash"],
            result("eth_getBlockByNumber", {"0x2", false})["hash"]);
  EXPECT_FALSE(notes[0]["params"]["result"].contains("transactions"));
  EXPECT_EQ(notes[1]["params"]["subscription"], "0x2");
  EXPECT_EQ(notes[1]["params"]["result"]["transactionHash"], sent);
  ASSERT_TRUE(client.ws_send(R"({"id":5,"method":"eth_unsubscribe","params":["0x1"]})"));
  EXPECT_EQ(client.ws_read(), R"({"id":5,"jsonrpc":"2.0","result":true})");
  ASSERT_TRUE(client.ws_send(R"({"id":6,"method":"eth_unsubscribe","params":["0x1"]})"));
  EXPECT_EQ(client.ws_read(), R"({"id":6,"jsonrpc":"2.0","result":false})");
  // Over HTTP (no connection to push to) eth_subscribe is refused.
  EXPECT_EQ(error("eth_subscribe", {"newHeads"}),
            (nlohmann::json{{"code", -32601},
                            {"message",
                             "method not found: eth_subscribe needs a WebSocket "
                             "connection"}}));
}

TEST_F(RpcServerTest, ListenErrors) {
  ServerOptions taken;
  taken.port = server_->port();
  auto again = RpcServer::listen(*handler_, taken);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "cannot listen on 127.0.0.1:" + std::to_string(taken.port) +
                                       ": Address already in use");
}

}  // namespace
}  // namespace tenet::node

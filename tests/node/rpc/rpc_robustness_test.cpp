// Every method of the table called with parameters of every JSON shape (and hex strings of
// every width the parsers distinguish), 0 to most + 1 of them: each call answers a result or a
// JSON-RPC error that is not an internal error (-32603), and the node keeps answering.

#include <gtest/gtest.h>

#include "../../../node-integration/src/rpc/method_table.hpp"
#include "node/rpc/rpc_support.hpp"

namespace tenet::node {
namespace {

using nlohmann::json;

class RpcRobustness : public test::RpcNodeTest {};

TEST_F(RpcRobustness, EveryMethodWithEveryParameterShape) {
  const std::vector<json> values = {
      nullptr,
      true,
      -1,
      7,
      1.5,
      "",
      "0x",
      "0x0",
      "0x123",
      "latest",
      "pending",
      "earliest",
      "0x" + std::string(40, 'a'),
      "0x" + std::string(64, 'b'),
      "0x" + std::string(65, 'c'),
      "0xffffffffffffffffffff",
      "0x\u00e9",
      json::array(),
      json::array({"0x1"}),
      json::object(),
      json{{"blockHash", "0x" + std::string(64, '0')}},
      json{{"to", "0x" + std::string(40, '1')}, {"data", "0x01"}},
      json{{"from", "0x" + std::string(40, '1')}},
      json{{"fromBlock", "0x0"}, {"toBlock", "0xffffffff"}},
  };
  std::size_t calls = 0;
  for (const rpc::MethodSpec& m : rpc::method_table()) {
    for (std::size_t count = 0; count <= std::size_t{m.max_params} + 1u; ++count) {
      for (const json& v : values) {
        const json params = json(std::vector<json>(count, v));
        const json a = request(std::string(m.name), params);
        ++calls;
        ASSERT_TRUE(a.contains("result") || a.contains("error")) << m.name << params.dump();
        if (a.contains("error")) {
          EXPECT_NE(a["error"]["code"], -32603)
              << m.name << " " << params.dump() << " -> " << a.dump();
        }
        if (count == 0) break;  // no parameters: one call
      }
    }
  }
  EXPECT_GT(calls, 1000u);
  EXPECT_EQ(result("eth_chainId"), "0x7a69");
}

}  // namespace
}  // namespace tenet::node

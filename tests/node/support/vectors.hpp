#pragma once
// Helpers shared by the node's vector tests: reading files under tests/node/vectors and hex.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tenet/node/common/types.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node::test {

/// The JSON file at tests/node/vectors/<relative>.
inline nlohmann::json load_vector_file(const std::string& relative) {
  const std::filesystem::path path =
      std::filesystem::path(TENET_SOURCE_DIR) / "tests/node/vectors" / relative;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return nlohmann::json::parse(in);
}

/// Bytes from hex text (with or without 0x); fails the test on bad hex.
inline Bytes from_hex(std::string_view text) {
  auto bytes = vm::hex_decode(text);
  EXPECT_TRUE(bytes.ok()) << text;
  return bytes.ok() ? *bytes : Bytes{};
}

/// Bytes as 0x-prefixed lower-case hex.
inline std::string to_hex(ByteView bytes) {
  return vm::hex_encode(bytes);
}

}  // namespace tenet::node::test

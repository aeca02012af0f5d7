/// \file
/// The node's settings (node_config.hpp): the default dev balance.

#include "tenet/node/service/node_config.hpp"

namespace tenet::node {

Word default_dev_balance() {
  return vm::mul(Word{10'000}, Word{1'000'000'000'000'000'000ull});  // 10,000 ether
}

}  // namespace tenet::node

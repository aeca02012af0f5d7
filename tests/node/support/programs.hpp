#pragma once
/// \file
/// Assembly fragments the node's tests share: functions spliced into each test's own program
/// (same text, so the same bytecode and gas wherever they appear).

#include <string>

namespace tenet::node::test {

/// bump(): adds one to slot 1 and logs the new value as LOG1's topic.
inline const std::string kBumpFunction = R"T(
.fn bump export="bump()"
  PUSH 1
  PUSH 1
  SLOAD
  PUSH 1
  ADD
  SSTORE
  PUSH 0
  PUSH 0
  PUSH 1
  SLOAD
  LOG1
  STOP
.end
)T";

/// fail(): reverts with the two bytes 0xbeef.
inline const std::string kFailBeefFunction = R"T(
.fn fail export="fail()"
  PUSH 0
  PUSH 0xbeef
  MSTORE
  PUSH 30
  PUSH 2
  REVERT
.end
)T";

}  // namespace tenet::node::test

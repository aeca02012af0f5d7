// Matching logs against a query's addresses and topic positions.

#include "tenet/node/service/log_query.hpp"

#include <gtest/gtest.h>

namespace tenet::node {
namespace {

Address log_test_address(uint8_t last) {
  Address a;
  a.bytes[19] = last;
  return a;
}

Hash256 topic_hash(uint8_t last) {
  Hash256 h{};
  h[31] = last;
  return h;
}

TEST(LogQuery, AddressesAndTopicPositions) {
  vm::LogEntry log{log_test_address(1), {Word{7}, Word{8}}, {}};
  LogFilter any;
  EXPECT_TRUE(log_matches(any, log));
  LogFilter by_address;
  by_address.addresses = {log_test_address(2), log_test_address(1)};
  EXPECT_TRUE(log_matches(by_address, log));
  by_address.addresses = {log_test_address(2)};
  EXPECT_FALSE(log_matches(by_address, log));
  LogFilter second_topic;
  second_topic.topics = {{}, {topic_hash(9), topic_hash(8)}};
  EXPECT_TRUE(log_matches(second_topic, log));
  second_topic.topics = {{}, {topic_hash(9)}};
  EXPECT_FALSE(log_matches(second_topic, log));
  LogFilter third_topic;  // the log has only two
  third_topic.topics = {{}, {}, {topic_hash(1)}};
  EXPECT_FALSE(log_matches(third_topic, log));
  LogFilter wildcard_third;
  wildcard_third.topics = {{topic_hash(7)}, {}, {}};
  EXPECT_TRUE(log_matches(wildcard_third, log));
}

TEST(LogQuery, TheCapIsTenThousand) {
  EXPECT_EQ(kMaxLogsPerQuery, 10'000u);
}

}  // namespace
}  // namespace tenet::node

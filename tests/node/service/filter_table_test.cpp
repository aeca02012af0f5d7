// Installed filters: ids, the 1,024 cap, the 5-minute idle expiry, cursors and rewinds.

#include "tenet/node/service/filter_table.hpp"

#include <gtest/gtest.h>

namespace tenet::node {
namespace {

using std::chrono::seconds;

InstalledFilter blocks_from(uint64_t next) {
  InstalledFilter f;
  f.kind = InstalledFilter::Kind::Blocks;
  f.next_block = next;
  return f;
}

TEST(FilterTable, IdsCountFromOneAndAreNeverReused) {
  FilterTable table;
  auto t0 = FilterTable::Clock::time_point{};
  EXPECT_EQ(*table.install(blocks_from(1), t0), 1u);
  EXPECT_EQ(*table.install(blocks_from(1), t0), 2u);
  EXPECT_TRUE(table.uninstall(2));
  EXPECT_FALSE(table.uninstall(2));
  EXPECT_EQ(*table.install(blocks_from(1), t0), 3u);
  EXPECT_FALSE(table.poll(2, t0));
}

TEST(FilterTable, AtMost1024) {
  FilterTable table;
  auto t0 = FilterTable::Clock::time_point{};
  for (int i = 0; i < 1024; ++i) ASSERT_TRUE(table.install(blocks_from(0), t0).ok());
  auto r = table.install(blocks_from(0), t0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), -32005);
  EXPECT_EQ(r.error().message(), "limit exceeded: at most 1024 filters");
  // Once the others expire there is room again.
  auto later = t0 + seconds(301);
  EXPECT_TRUE(table.install(blocks_from(0), later).ok());
  EXPECT_EQ(table.size(), 1u);
}

TEST(FilterTable, DroppedAfterFiveMinutesUnpolled) {
  FilterTable table;
  auto t0 = FilterTable::Clock::time_point{};
  uint64_t id = *table.install(blocks_from(7), t0);
  // Polling at 299 s keeps it alive for another 300 s.
  ASSERT_TRUE(table.poll(id, t0 + seconds(299)));
  ASSERT_TRUE(table.poll(id, t0 + seconds(599)));
  EXPECT_FALSE(table.poll(id, t0 + seconds(900)));
  EXPECT_EQ(table.size(), 0u);
}

TEST(FilterTable, CursorsAdvanceAndRewind) {
  FilterTable table;
  auto t0 = FilterTable::Clock::time_point{};
  uint64_t a = *table.install(blocks_from(5), t0);
  uint64_t b = *table.install(blocks_from(2), t0);
  table.advance(a, 9);
  table.advance(a, 8);  // never backwards
  EXPECT_EQ(table.poll(a, t0)->next_block, 9u);
  table.rewind(4);  // evm_revert to block 3
  EXPECT_EQ(table.poll(a, t0)->next_block, 4u);
  EXPECT_EQ(table.poll(b, t0)->next_block, 2u);
}

}  // namespace
}  // namespace tenet::node

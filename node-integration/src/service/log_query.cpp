/// \file
/// Matching a log against a query's addresses and topic positions (log_query.hpp).

#include "tenet/node/service/log_query.hpp"

#include <algorithm>

namespace tenet::node {

bool log_matches(const LogFilter& filter, const vm::LogEntry& log) {
  if (!filter.addresses.empty() && std::find(filter.addresses.begin(), filter.addresses.end(),
                                             log.address) == filter.addresses.end()) {
    return false;
  }
  for (std::size_t i = 0; i < filter.topics.size(); ++i) {
    const std::vector<Hash256>& alternatives = filter.topics[i];
    if (alternatives.empty()) continue;
    if (i >= log.topics.size()) return false;
    bool any = std::any_of(alternatives.begin(), alternatives.end(), [&](const Hash256& topic) {
      return vm::word_from_be(topic) == log.topics[i];
    });
    if (!any) return false;
  }
  return true;
}

}  // namespace tenet::node

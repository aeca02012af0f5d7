/// \file
/// Methods about blocks and logs: eth_getBlockByNumber, eth_getBlockByHash,
/// eth_getBlockTransactionCountByNumber, eth_getLogs, and the filters (eth_newFilter,
/// eth_newBlockFilter, eth_getFilterChanges, eth_getFilterLogs, eth_uninstallFilter).

#include <limits>

#include "json_codec.hpp"
#include "method_table.hpp"

namespace tenet::node::rpc {
namespace {

using nlohmann::json;

/// The canonical block `ref` names (tags and numbers only), or none above the head.
Result<std::optional<std::pair<Block, Hash256>>, MethodError> blocks_by_ref(const MethodCall& call,
                                                                            std::size_t index) {
  auto ref = parse_block_ref(call.param(index), param_name(index), false);
  if (!ref) return error_of(ref.error());
  const auto head = call.service.head();
  uint64_t number = head->header.number;
  if (ref->kind == BlockRef::Kind::Earliest) number = 0;
  if (ref->kind == BlockRef::Kind::Number) number = ref->number;
  if (number > head->header.number) return std::optional<std::pair<Block, Hash256>>{};
  const auto hash = number == head->header.number ? std::optional<Hash256>(head->hash)
                                                  : call.service.chain().hash_by_number(number);
  auto block = hash ? call.service.chain().block(*hash) : std::nullopt;
  if (!block) return internal_error("block " + std::to_string(number) + " is missing");
  return std::optional<std::pair<Block, Hash256>>{std::pair{std::move(*block), *hash}};
}

/// Parameter `index` as the "full transactions" flag (omitted: false).
Result<bool, MethodError> blocks_full_flag(const MethodCall& call, std::size_t index) {
  if (call.param(index).is_null()) return false;
  auto full = parse_bool(call.param(index), param_name(index));
  if (!full) return error_of(full.error());
  return *full;
}

json blocks_block(const Block& block, const Hash256& hash, bool full) {
  return block_json(block, hash, block_size(block), full);
}

/// A block number of a filter's range: a tag or number resolved against the head; "latest"
/// (or omitted) is `latest`.
uint64_t blocks_range_end(const std::optional<BlockRef>& ref, uint64_t latest) {
  if (!ref || ref->kind == BlockRef::Kind::Latest) return latest;
  if (ref->kind == BlockRef::Kind::Earliest) return 0;
  return ref->number;
}

/// The LogFilter of parameter 0. For eth_getLogs (`open_ended` false) "latest" is the head;
/// for a filter (`open_ended` true) an omitted or "latest" toBlock follows the chain.
Result<LogFilter, MethodError> blocks_log_filter(const MethodCall& call, bool open_ended) {
  auto request = parse_filter(call.param(0), param_name(0));
  if (!request) return error_of(request.error());
  const uint64_t head = call.service.head()->header.number;
  LogFilter filter;
  filter.addresses = std::move(request->addresses);
  filter.topics = std::move(request->topics);
  if (request->block_hash) {
    auto header = call.service.chain().header_by_hash(*request->block_hash);
    if (!header)
      return refused(RefusalKind::InvalidParams,
                     param_name(0) + ": block " +
                         hash_json(*request->block_hash).get<std::string>() + " not found");
    filter.block_hash = request->block_hash;
    filter.from_block = filter.to_block = header->number;
    return filter;
  }
  filter.from_block = blocks_range_end(request->from_block, head);
  filter.to_block =
      blocks_range_end(request->to_block, open_ended ? std::numeric_limits<uint64_t>::max() : head);
  if (filter.from_block > filter.to_block)
    return refused(RefusalKind::InvalidParams, param_name(0) + ": fromBlock is after toBlock");
  return filter;
}

json blocks_logs(const std::vector<LogRecord>& logs) {
  json out = json::array();
  for (const LogRecord& r : logs) out.push_back(log_json(r));
  return out;
}

/// Parameter 0 as a filter id.
Result<uint64_t, MethodError> blocks_filter_id(const MethodCall& call) {
  auto id = parse_u64(call.param(0), param_name(0));
  if (!id) return error_of(id.error());
  return *id;
}

MethodError blocks_filter_not_found(uint64_t id) {
  return refused(RefusalKind::InvalidParams,
                 param_name(0) + ": filter " + quantity_json(id).get<std::string>() + " not found");
}

}  // namespace

namespace handlers {

MethodResult get_block_by_number(const MethodCall& call) {
  auto full = blocks_full_flag(call, 1);
  if (!full) return full.error();
  auto block = blocks_by_ref(call, 0);
  if (!block) return block.error();
  if (!*block) return json(nullptr);
  return blocks_block((*block)->first, (*block)->second, *full);
}

MethodResult get_block_by_hash(const MethodCall& call) {
  auto hash = parse_hash(call.param(0), param_name(0));
  if (!hash) return error_of(hash.error());
  auto full = blocks_full_flag(call, 1);
  if (!full) return full.error();
  auto block = call.service.chain().block(*hash);
  if (!block) return json(nullptr);
  return blocks_block(*block, *hash, *full);
}

MethodResult get_block_transaction_count(const MethodCall& call) {
  auto block = blocks_by_ref(call, 0);
  if (!block) return block.error();
  if (!*block) return json(nullptr);
  return quantity_json(uint64_t{(*block)->first.transactions.size()});
}

MethodResult get_logs(const MethodCall& call) {
  auto filter = blocks_log_filter(call, false);
  if (!filter) return filter.error();
  auto logs = call.service.logs(*filter);
  if (!logs) return error_of(logs.error());
  return blocks_logs(*logs);
}

MethodResult new_filter(const MethodCall& call) {
  auto filter = blocks_log_filter(call, true);
  if (!filter) return filter.error();
  auto id = call.service.new_log_filter(*filter);
  if (!id) return error_of(id.error());
  return quantity_json(*id);
}

MethodResult new_block_filter(const MethodCall& call) {
  auto id = call.service.new_block_filter();
  if (!id) return error_of(id.error());
  return quantity_json(*id);
}

MethodResult get_filter_changes(const MethodCall& call) {
  auto id = blocks_filter_id(call);
  if (!id) return id.error();
  auto changes = call.service.filter_changes(*id);
  if (!changes) return blocks_filter_not_found(*id);
  if (const auto* logs = std::get_if<std::vector<LogRecord>>(&*changes)) return blocks_logs(*logs);
  json out = json::array();
  for (const Hash256& h : std::get<std::vector<Hash256>>(*changes)) out.push_back(hash_json(h));
  return out;
}

MethodResult get_filter_logs(const MethodCall& call) {
  auto id = blocks_filter_id(call);
  if (!id) return id.error();
  auto logs = call.service.filter_logs(*id);
  if (!logs) return blocks_filter_not_found(*id);
  if (!*logs) return error_of(logs->error());
  return blocks_logs(**logs);
}

MethodResult uninstall_filter(const MethodCall& call) {
  auto id = blocks_filter_id(call);
  if (!id) return id.error();
  return json(call.service.uninstall_filter(*id));
}

}  // namespace handlers
}  // namespace tenet::node::rpc

/// \file
/// Starting and stopping the node, and the commands posted to the chain thread
/// (node_service.hpp). The commands themselves are in service_mining.cpp, the reads in
/// service_reads.cpp.

#include "tenet/node/service/node_service.hpp"

#include <chrono>
#include <filesystem>

#include "service_impl.hpp"

namespace tenet::node {

void NodeService::Impl::run_timer() {
  auto period = std::chrono::seconds(config.block_time);
  auto deadline = std::chrono::steady_clock::now() + period;
  std::unique_lock lock(timer_mutex);
  while (!timer_wake.wait_until(lock, deadline, [&] { return stopping; })) {
    deadline += period;
    queue->post<bool>([this] { return mine_block(ready_now(), true, {}).ok(); });
  }
}

NodeService::NodeService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

NodeService::~NodeService() {
  stop();
}

Result<std::unique_ptr<NodeService>> NodeService::start(const NodeConfig& config) {
  auto impl = std::make_unique<Impl>(config);
  auto accounts = dev_accounts(config.mnemonic, config.accounts);
  if (!accounts.ok()) return accounts.error();
  impl->accounts = std::move(*accounts);
  // RocksDB's memory environment needs an absolute path (it only names the database).
  std::filesystem::path dir =
      config.in_memory ? std::filesystem::absolute(config.data_dir) : config.data_dir;
  auto store = Store::open(Store::Options{dir, config.in_memory, config.fsync, false});
  if (!store.ok()) return store.error();
  impl->store = std::move(*store);
  GenesisSpec spec;
  spec.chain_id = config.chain_id;
  for (const DevAccount& account : impl->accounts) spec.accounts.push_back(account.address);
  spec.balance = config.balance;
  spec.difficulty = config.difficulty;
  spec.gas_limit = config.gas_limit;
  spec.timestamp = static_cast<uint64_t>(service_now_seconds());
  auto chain = Chain::open(*impl->store, spec, config.explicit_flags);
  if (!chain.ok()) return chain.error();
  impl->chain = std::move(*chain);
  impl->automine = config.mining == MiningMode::Auto;
  impl->queue = std::make_unique<CommandQueue>();
  Impl* raw = impl.get();
  if (config.mining == MiningMode::Interval && config.block_time > 0)
    impl->timer = std::make_unique<StackThread>([raw] { raw->run_timer(); });
  return std::unique_ptr<NodeService>(new NodeService(std::move(impl)));
}

void NodeService::stop() {
  if (!impl_) return;
  {
    std::lock_guard lock(impl_->timer_mutex);
    impl_->stopping = true;
  }
  impl_->timer_wake.notify_all();
  if (impl_->timer) impl_->timer->join();
  if (impl_->queue) impl_->queue->close();
}

const NodeConfig& NodeService::config() const {
  return impl_->config;
}
const Chain& NodeService::chain() const {
  return *impl_->chain;
}
std::shared_ptr<const ChainHead> NodeService::head() const {
  return impl_->chain->head();
}
const std::vector<DevAccount>& NodeService::accounts() const {
  return impl_->accounts;
}

std::future<Result<Submitted, Refusal>> NodeService::submit(Transaction tx, Address sender,
                                                            bool impersonated) {
  Impl* impl = impl_.get();
  return impl->queue->post<Result<Submitted, Refusal>>(
      [impl, tx = std::move(tx), sender, impersonated] {
        return impl->submit(tx, sender, impersonated);
      });
}

std::future<Result<std::vector<Hash256>, Refusal>> NodeService::mine(
    uint64_t blocks, std::optional<uint64_t> timestamp) {
  Impl* impl = impl_.get();
  return impl->queue->post<Result<std::vector<Hash256>, Refusal>>(
      [impl, blocks, timestamp] { return impl->mine(blocks, timestamp); });
}

std::future<uint64_t> NodeService::snapshot() {
  Impl* impl = impl_.get();
  return impl->queue->post<uint64_t>([impl] { return impl->snapshot(); });
}

std::future<bool> NodeService::revert(uint64_t id) {
  Impl* impl = impl_.get();
  return impl->queue->post<bool>([impl, id] { return impl->revert(id); });
}

std::future<Result<bool, Refusal>> NodeService::set_state(StateOverride change) {
  Impl* impl = impl_.get();
  return impl->queue->post<Result<bool, Refusal>>(
      [impl, change = std::move(change)] { return impl->set_state(change); });
}

std::future<bool> NodeService::impersonate(const Address& account, bool on) {
  Impl* impl = impl_.get();
  return impl->queue->post<bool>([impl, account, on] {
    std::lock_guard lock(impl->mutex);
    if (on) {
      impl->impersonated.insert(account);
    } else {
      impl->impersonated.erase(account);
    }
    return true;
  });
}

bool NodeService::impersonated(const Address& account) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->impersonated.count(account) > 0;
}

std::future<bool> NodeService::set_automine(bool on) {
  Impl* impl = impl_.get();
  return impl->queue->post<bool>([impl, on] {
    impl->automine = on;
    if (on) impl->mine_each_ready(std::nullopt, std::nullopt);
    return true;
  });
}

std::future<int64_t> NodeService::increase_time(int64_t seconds) {
  Impl* impl = impl_.get();
  return impl->queue->post<int64_t>([impl, seconds] {
    std::lock_guard lock(impl->clock_mutex);
    return impl->time_offset += seconds;
  });
}

std::future<Result<bool, Refusal>> NodeService::set_next_timestamp(uint64_t timestamp) {
  Impl* impl = impl_.get();
  return impl->queue->post<Result<bool, Refusal>>([impl, timestamp]() -> Result<bool, Refusal> {
    uint64_t head_time = impl->chain->head()->header.timestamp;
    if (timestamp < head_time) {
      return Refusal{RefusalKind::InvalidParams, "timestamp " + std::to_string(timestamp) +
                                                     " is before the head's " +
                                                     std::to_string(head_time)};
    }
    std::lock_guard lock(impl->clock_mutex);
    impl->next_timestamp = timestamp;
    return true;
  });
}

}  // namespace tenet::node

namespace tenet::node {

uint64_t NodeService::subscribe_blocks(BlockListener listener) {
  std::lock_guard lock(impl_->listeners_mutex);
  uint64_t id = impl_->next_listener_id++;
  impl_->listeners.emplace(id, std::move(listener));
  return id;
}

bool NodeService::unsubscribe_blocks(uint64_t id) {
  std::lock_guard lock(impl_->listeners_mutex);
  return impl_->listeners.erase(id) > 0;
}

}  // namespace tenet::node

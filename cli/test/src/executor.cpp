// One worker's VM and host: the suite's base state, and each test call on a fresh copy of it
// (executor.hpp).
#include "tenet/runner/executor.hpp"

#include <utility>

#include "tenet/runner/environment.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {
namespace {

/// The outcome of a step whose call did not even start (the deployment landed elsewhere).
RunOutcome refused(std::string reason) {
  RunOutcome out;
  out.result.status = vm::Status::Revert;
  out.result.reason = std::move(reason);
  return out;
}

}  // namespace

Executor::Executor(const ArtifactRegistry& registry, ExecutorOptions options)
    : options_(options),
      vm_(std::make_unique<vm::Vm>(vm::VmOptions{.test_mode = true})),
      host_(std::make_unique<TestHost>(*vm_, registry, initial_context(options.gas_limit))),
      registry_(registry) {}

Executor::~Executor() = default;

std::optional<RunOutcome> Executor::install(const TestSuite& suite) {
  host_ = std::make_unique<TestHost>(*vm_, registry_, initial_context(options_.gas_limit));
  created_.clear();
  const vm::Address sender = default_sender();
  const vm::Address test = test_contract_address();
  host_->set_balance(sender, test_balance());
  host_->set_nonce(sender, kTestContractDeployNonce);
  host_->set_test_contract(test);
  setup_runs_.clear();
  host_->begin_run();
  host_->record_trace(options_.record_trace);
  RunOutcome deployed = finish(host_->deploy(sender, suite.bytecode, gas()));
  if (!deployed.passed()) return deployed;
  if (deployed.result.created != test)
    return refused("the test contract landed at " + vm::to_hex(deployed.result.created));
  host_->set_balance(test, test_balance());
  std::vector<RunOutcome> setup_runs;
  setup_runs.push_back(std::move(deployed));
  if (suite.has_setup) {
    const auto selector = vm::selector_of("setup()");
    host_->begin_run();
    host_->record_trace(options_.record_trace);
    RunOutcome setup = finish(host_->transact(sender, test, selector, gas()));
    if (!setup.passed()) return setup;
    setup_runs.push_back(std::move(setup));
  }
  setup_runs_ = std::move(setup_runs);
  for (const vm::Address& a : host_->created()) {
    const vm::Account* account = host_->find_account(a);
    if (a != test && account && !account->code.empty()) created_.push_back(a);
  }
  host_->mark_base();
  return std::nullopt;
}

RunOutcome Executor::run(std::span<const uint8_t> calldata) {
  host_->reset_to_base();
  return call(default_sender(), test_contract_address(), calldata);
}

void Executor::reset() {
  host_->reset_to_base();
}

RunOutcome Executor::call(const vm::Address& sender, const vm::Address& to,
                          std::span<const uint8_t> calldata) {
  host_->begin_run();
  host_->record_trace(options_.record_trace);
  return finish(host_->transact(sender, to, calldata, gas()));
}

RunOutcome Executor::probe(std::span<const uint8_t> calldata) {
  const TestHost::Mark before = host_->mark();
  RunOutcome out = call(default_sender(), test_contract_address(), calldata);
  host_->restore(before);
  return out;
}

RunOutcome Executor::finish(vm::ExecResult result) {
  RunOutcome out;
  out.gas_used = options_.gas_limit - static_cast<uint64_t>(std::max<int64_t>(result.gas_left, 0));
  out.result = std::move(result);
  out.misuse = host_->finish_run();
  out.rejected = host_->rejected();
  out.refusal = host_->refusal();
  out.logs = host_->take_run_logs();
  if (options_.record_trace) out.trace = std::make_shared<const CallTrace>(host_->trace());
  return out;
}

int64_t Executor::gas() const {
  return static_cast<int64_t>(options_.gas_limit);
}

void Executor::set_tracer(vm::Tracer* tracer) {
  vm_->set_tracer(tracer);
}

TestHost& Executor::host() {
  return *host_;
}

vm::Vm& Executor::vm() {
  return *vm_;
}

}  // namespace tenet::runner

// The invariant campaign of one invariant test (campaign.hpp, docs/testing.md).
#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

#include "campaign_support.hpp"
#include "tenet/abi/entry.hpp"
#include "tenet/runner/campaign.hpp"
#include "tenet/runner/counterexample_store.hpp"
#include "tenet/runner/environment.hpp"
#include "tenet/runner/failure.hpp"
#include "tenet/runner/shrinker.hpp"
#include "tenet/runner/value_generator.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {
namespace {

/// Senders of sequence calls besides the default sender: vm.addr(1..8).
constexpr uint8_t kExtraSenders = 8;

/// A function sequences call.
struct Target {
  vm::Address address;
  std::string contract;   ///< the contract's name
  std::string name;       ///< the function's name
  std::string signature;  ///< "transfer(address,uint256)"
  std::array<uint8_t, 4> selector{};
  std::vector<abi::AbiType> params;
};

/// One call of a sequence.
struct SequenceCall {
  size_t target = 0;
  vm::Address sender;
  std::vector<std::string> args;  ///< texts (what is encoded, printed and saved)
  std::vector<FuzzValue> values;  ///< the same as values (empty for a replayed file)
};

/// How replaying a sequence ended.
struct SequenceEnd {
  bool failed = false;
  bool reverted = false;  ///< a call reverted (fail_on_revert), else the invariant broke
  size_t calls = 0;       ///< calls made, the failing one included
  RunOutcome outcome;     ///< the failing call or check
};

/// The non-view functions of the contracts created in setup whose code is known, sorted by
/// (address, signature).
std::vector<Target> targets_of(Executor& executor, const ArtifactRegistry& registry) {
  std::vector<Target> targets;
  executor.reset();
  for (const vm::Address& address : executor.created_in_setup()) {
    const vm::Account* account = executor.host().find_account(address);
    if (!account || account->code.empty()) continue;
    const KnownCode* known = registry.find(account->code_hash);
    if (!known) continue;
    for (const abi::AbiEntry& entry : known->abi) {
      if (entry.kind != abi::AbiEntryKind::function || entry.state_mutability == "view") continue;
      auto types = abi::types_of(entry.inputs);
      if (!types || static_input_bytes(*types) > kMaxStaticInputBytes) continue;
      Target t{address, known->name, entry.name, abi::abi_signature(entry), {}, std::move(*types)};
      t.selector = vm::selector_of(t.signature);
      targets.push_back(std::move(t));
    }
  }
  std::sort(targets.begin(), targets.end(), [](const Target& a, const Target& b) {
    return std::tie(a.address, a.signature) < std::tie(b.address, b.signature);
  });
  targets.erase(std::unique(targets.begin(), targets.end(),
                            [](const Target& a, const Target& b) {
                              return a.address == b.address && a.signature == b.signature;
                            }),
                targets.end());
  return targets;
}

/// The default sender, then vm.addr(1..8).
std::vector<vm::Address> senders() {
  std::vector<vm::Address> out{default_sender()};
  for (uint8_t key = 1; key <= kExtraSenders; ++key) {
    vm::Hash256 private_key{};
    private_key[31] = key;
    if (auto a = vm::address_of(private_key)) out.push_back(*a);
  }
  return out;
}

/// One invariant campaign.
class InvariantCampaign {
 public:
  InvariantCampaign(Executor& executor, const TestSuite& suite, const TestCase& test,
                    const InvariantSettings& settings, const ArtifactRegistry& registry,
                    CampaignProgress* progress)
      : executor_(executor),
        suite_(suite),
        test_(test),
        settings_(settings),
        registry_(registry),
        progress_(progress),
        check_(test.selector.begin(), test.selector.end()),
        targets_(targets_of(executor, registry)),
        senders_(senders()) {
    out_.result = detail::campaign_result(test, settings.seed);
    path_ = detail::campaign_store_path(settings.store, suite, test);
  }

  CampaignResult run() {
    if (progress_) progress_->target = settings_.runs;
    executor_.reset();
    RunOutcome first = executor_.probe(check_);
    if (!first.passed()) {
      report({}, SequenceEnd{true, false, 0, std::move(first)});
      return std::move(out_);
    }
    if (replay_saved()) return std::move(out_);
    if (!targets_.empty()) campaign();
    if (out_.result.status == TestStatus::Pass && !path_.empty()) remove_counterexample(path_);
    return std::move(out_);
  }

 private:
  /// Runs `sequence` from the base, checking the invariant after each call.
  SequenceEnd replay(const std::vector<SequenceCall>& sequence, bool count) {
    executor_.reset();
    SequenceEnd end;
    for (const SequenceCall& call : sequence) {
      const Target& target = targets_[call.target];
      auto data = detail::call_data(target.selector, target.params, call.args);
      if (!data) continue;  // a saved call whose arguments no longer fit (checked on load)
      RunOutcome outcome = executor_.call(call.sender, target.address, *data);
      ++end.calls;
      if (count) ++out_.result.calls;
      if (count && settings_.on_run) settings_.on_run(outcome);
      if (settings_.fail_on_revert && outcome.result.status != vm::Status::Success) {
        end.failed = end.reverted = true;
        end.outcome = std::move(outcome);
        return end;
      }
      RunOutcome check = executor_.probe(check_);
      if (!check.passed()) {
        end.failed = true;
        end.outcome = std::move(check);
        return end;
      }
    }
    return end;
  }

  /// Random sequences until one breaks the invariant or `runs` are done.
  void campaign() {
    Rng rng(test_seed(settings_.seed, suite_.file, suite_.contract, test_.signature));
    executor_.reset();
    const Dictionary dictionary = Dictionary::of_state(executor_.host().accounts());
    ValueGenerator generator(rng, dictionary);
    for (uint64_t run = 0; run < settings_.runs; ++run) {
      std::vector<SequenceCall> sequence;
      for (uint64_t i = 0; i < settings_.depth; ++i) {
        SequenceCall call;
        call.target = rng.below(targets_.size());
        call.sender = senders_[rng.below(senders_.size())];
        call.values = generator.generate(targets_[call.target].params);
        call.args = value_texts(targets_[call.target].params, call.values);
        sequence.push_back(std::move(call));
      }
      SequenceEnd end = replay(sequence, true);
      ++out_.result.runs;
      if (progress_) progress_->runs.fetch_add(1, std::memory_order_relaxed);
      if (end.failed) {
        sequence.resize(end.calls);
        shrink_and_report(std::move(sequence), end);
        return;
      }
      out_.last_run = replay_calls(sequence, false);
    }
  }

  /// Whether `sequence` fails as `original` did (a revert, or the invariant broken).
  bool still_fails(const std::vector<SequenceCall>& sequence, const SequenceEnd& original) {
    const SequenceEnd end = replay(sequence, false);
    return end.failed && end.reverted == original.reverted;
  }

  /// Drops calls, then shrinks the arguments of the calls left; reports and saves.
  void shrink_and_report(std::vector<SequenceCall> sequence, const SequenceEnd& original) {
    uint64_t budget = detail::kInvariantShrinkExecutions;
    const std::vector<size_t> kept = shrink_sequence(
        sequence.size(),
        [&](const std::vector<size_t>& indices) {
          return still_fails(pick(sequence, indices), original);
        },
        budget);
    sequence = pick(sequence, kept);
    for (size_t i = 0; i < sequence.size() && budget > 0; ++i) {
      const Target& target = targets_[sequence[i].target];
      sequence[i].values = shrink_values(
          target.params, sequence[i].values,
          [&](const std::vector<FuzzValue>& candidate) {
            std::vector<SequenceCall> trial = sequence;
            trial[i].values = candidate;
            trial[i].args = value_texts(target.params, candidate);
            return still_fails(trial, original);
          },
          budget);
      sequence[i].args = value_texts(target.params, sequence[i].values);
    }
    SequenceEnd end = replay(sequence, false);
    sequence.resize(end.calls);
    report(sequence, end);
    save(sequence);
  }

  static std::vector<SequenceCall> pick(const std::vector<SequenceCall>& sequence,
                                        const std::vector<size_t>& indices) {
    std::vector<SequenceCall> out;
    for (size_t i : indices) out.push_back(sequence[i]);
    return out;
  }

  /// The calls of `sequence` to replay, followed by the invariant's check unless the last
  /// call itself failed.
  std::vector<ReplayCall> replay_calls(const std::vector<SequenceCall>& sequence,
                                       bool reverted) const {
    std::vector<ReplayCall> calls;
    for (const SequenceCall& call : sequence) {
      const Target& target = targets_[call.target];
      auto data = detail::call_data(target.selector, target.params, call.args);
      if (data) calls.push_back(ReplayCall{call.sender, target.address, std::move(*data)});
    }
    if (!reverted)
      calls.push_back(ReplayCall{default_sender(), test_contract_address(), check_, true});
    return calls;
  }

  void report(const std::vector<SequenceCall>& sequence, const SequenceEnd& end) {
    TestResult& r = out_.result;
    r.status = TestStatus::Fail;
    Failure failure = failure_of(end.outcome, registry_);
    failure.reason = end.reverted ? "call reverted: " + failure.reason
                                  : "invariant " + test_.name + " broken: " + failure.reason;
    r.failure = std::move(failure);
    if (!sequence.empty()) {  // broken right after setup: no calls to show
      Counterexample counterexample;
      for (const SequenceCall& call : sequence) {
        const Target& target = targets_[call.target];
        counterexample.calls.push_back(
            CounterexampleCall{vm::to_hex(call.sender), target.contract, target.name, call.args});
      }
      r.counterexample = std::move(counterexample);
    }
    out_.failing_run = replay_calls(sequence, end.reverted);
  }

  void save(const std::vector<SequenceCall>& sequence) {
    if (path_.empty()) return;
    SavedCounterexample saved{settings_.seed, test_.signature, {}, {}};
    for (const SequenceCall& call : sequence) {
      const Target& target = targets_[call.target];
      saved.calls.push_back(SavedCall{vm::to_hex(call.sender), vm::to_hex(target.address),
                                      target.contract, target.signature, call.args});
    }
    if (auto error = save_counterexample(path_, saved))
      out_.warnings.push_back("counterexample not saved: " + error->message);
  }

  /// The saved sequence as calls of today's targets, or why it cannot be.
  vm::Result<std::vector<SequenceCall>> resolve(const SavedCounterexample& saved) const {
    std::vector<SequenceCall> sequence;
    for (const SavedCall& c : saved.calls) {
      const auto sender = vm::parse_address(c.sender);
      const auto address = vm::parse_address(c.target);
      if (!sender || !address) return vm::Error{"malformed address in a call"};
      auto it = std::find_if(targets_.begin(), targets_.end(), [&](const Target& t) {
        return t.address == *address && t.signature == c.function;
      });
      if (it == targets_.end()) return vm::Error{c.function + " is not a target at " + c.target};
      auto data = detail::call_data(it->selector, it->params, c.args);
      if (!data) return vm::Error{c.function + ": " + data.error().message};
      sequence.push_back(
          SequenceCall{static_cast<size_t>(it - targets_.begin()), *sender, c.args, {}});
    }
    return sequence;
  }

  /// Replays the saved sequence; true when it still fails (the campaign's result).
  bool replay_saved() {
    if (path_.empty()) return false;
    auto loaded = load_counterexample(path_, test_.signature);
    if (!loaded) {
      out_.warnings.push_back("ignored saved counterexample: " + loaded.error().message);
      return false;
    }
    if (!*loaded) return false;
    auto sequence = resolve(**loaded);
    if (!sequence) {
      out_.warnings.push_back("ignored saved counterexample " + path_.string() + ": " +
                              sequence.error().message);
      return false;
    }
    SequenceEnd end = replay(*sequence, true);
    if (!end.failed) return false;
    out_.result.runs = 1;
    out_.result.replayed = true;
    sequence->resize(end.calls);
    report(*sequence, end);
    return true;
  }

  Executor& executor_;
  const TestSuite& suite_;
  const TestCase& test_;
  const InvariantSettings& settings_;
  const ArtifactRegistry& registry_;
  CampaignProgress* progress_;
  const std::vector<uint8_t> check_;
  const std::vector<Target> targets_;
  const std::vector<vm::Address> senders_;
  std::filesystem::path path_;
  CampaignResult out_;
};

}  // namespace

CampaignResult run_invariant_campaign(Executor& executor, const TestSuite& suite,
                                      const TestCase& test, const InvariantSettings& settings,
                                      const ArtifactRegistry& registry,
                                      CampaignProgress* progress) {
  return InvariantCampaign(executor, suite, test, settings, registry, progress).run();
}

}  // namespace tenet::runner

// The fuzz campaign of one test (campaign.hpp, docs/testing.md).
#include <optional>
#include <utility>

#include "campaign_support.hpp"
#include "tenet/runner/campaign.hpp"
#include "tenet/runner/counterexample_store.hpp"
#include "tenet/runner/environment.hpp"
#include "tenet/runner/failure.hpp"
#include "tenet/runner/shrinker.hpp"
#include "tenet/runner/value_generator.hpp"

namespace tenet::runner {
namespace {

/// One fuzz campaign: the test, where it runs, what it found.
class FuzzCampaign {
 public:
  FuzzCampaign(Executor& executor, const TestSuite& suite, const TestCase& test,
               const FuzzSettings& settings, const ArtifactRegistry& registry,
               CampaignProgress* progress)
      : executor_(executor),
        suite_(suite),
        test_(test),
        settings_(settings),
        registry_(registry),
        progress_(progress) {
    out_.result = detail::campaign_result(test, settings.seed);
    path_ = detail::campaign_store_path(settings.store, suite, test);
  }

  CampaignResult run() {
    if (progress_) progress_->target = settings_.runs;
    const uint64_t static_bytes = static_input_bytes(test_.params);
    if (static_bytes > kMaxStaticInputBytes) {
      fail_reason("parameters too large to fuzz: " + std::to_string(static_bytes) +
                  " bytes of fixed-size values (at most " + std::to_string(kMaxStaticInputBytes) +
                  ")");
      return std::move(out_);
    }
    if (replay_saved()) return std::move(out_);
    fuzz();
    return std::move(out_);
  }

 private:
  /// Replays the saved counterexample; true when it still fails (the campaign's result).
  bool replay_saved() {
    if (path_.empty()) return false;
    auto loaded = load_counterexample(path_, test_.signature);
    if (!loaded) {
      out_.warnings.push_back("ignored saved counterexample: " + loaded.error().message);
      return false;
    }
    if (!*loaded) return false;
    const std::vector<std::string>& args = (*loaded)->args;
    auto data = detail::call_data(test_.selector, test_.params, args);
    if (!data) {
      out_.warnings.push_back("ignored saved counterexample " + path_.string() + ": " +
                              data.error().message);
      return false;
    }
    RunOutcome outcome = executor_.run(*data);
    if (outcome.rejected || outcome.passed()) return false;
    out_.result.runs = 1;
    out_.result.replayed = true;
    report_failure(outcome, args, std::move(*data));
    return true;
  }

  /// Fresh inputs until `runs` were accepted or one failed.
  void fuzz() {
    Rng rng(test_seed(settings_.seed, suite_.file, suite_.contract, test_.signature));
    executor_.reset();  // the dictionary is the base state's, whatever ran before
    const Dictionary dictionary = Dictionary::of_state(executor_.host().accounts());
    ValueGenerator generator(rng, dictionary);
    TestResult& r = out_.result;
    std::vector<uint64_t> gas;
    while (r.runs < settings_.runs) {
      std::vector<FuzzValue> values = generator.generate(test_.params);
      auto data = encode(values);
      if (!data) return;
      RunOutcome outcome = executor_.run(*data);
      if (outcome.rejected) {
        if (++r.rejects > settings_.max_rejects) {
          detail::set_gas_stats(r, std::move(gas));
          fail_reason("vm.assume rejected " + std::to_string(r.rejects) +
                      " inputs (max_rejects = " + std::to_string(settings_.max_rejects) + ")");
          return;
        }
        continue;
      }
      ++r.runs;
      if (progress_) progress_->runs.fetch_add(1, std::memory_order_relaxed);
      if (settings_.on_run) settings_.on_run(outcome);
      if (!outcome.passed()) {
        detail::set_gas_stats(r, std::move(gas));
        shrink_and_report(std::move(values), outcome);
        return;
      }
      gas.push_back(outcome.gas_used);
      out_.last_run = {ReplayCall{default_sender(), test_contract_address(), std::move(*data)}};
    }
    detail::set_gas_stats(r, std::move(gas));
    if (!path_.empty()) remove_counterexample(path_);
  }

  /// Shrinks the failing `values`, reports the smallest and saves it.
  void shrink_and_report(std::vector<FuzzValue> values, const RunOutcome& first) {
    const std::string kind = detail::failure_kind(first);
    uint64_t budget = detail::kFuzzShrinkExecutions;
    values = shrink_values(
        test_.params, std::move(values),
        [&](const std::vector<FuzzValue>& candidate) {
          auto data =
              detail::call_data(test_.selector, test_.params, value_texts(test_.params, candidate));
          if (!data) return false;
          const RunOutcome o = executor_.run(*data);
          return !o.rejected && !o.passed() && detail::failure_kind(o) == kind;
        },
        budget);
    std::vector<std::string> texts = value_texts(test_.params, values);
    auto data = detail::call_data(test_.selector, test_.params, texts);
    if (!data) return internal_error(data.error());
    const RunOutcome outcome = executor_.run(*data);
    report_failure(outcome, texts, std::move(*data));
    if (path_.empty()) return;
    if (auto error = save_counterexample(
            path_, SavedCounterexample{settings_.seed, test_.signature, texts, {}}))
      out_.warnings.push_back("counterexample not saved: " + error->message);
  }

  void report_failure(const RunOutcome& outcome, const std::vector<std::string>& texts,
                      std::vector<uint8_t> data) {
    fail(failure_of(outcome, registry_));
    out_.result.counterexample =
        Counterexample{{CounterexampleCall{"", suite_.contract, test_.name, texts}}};
    out_.failing_run = {ReplayCall{default_sender(), test_contract_address(), std::move(data)}};
  }

  vm::Result<std::vector<uint8_t>> encode(const std::vector<FuzzValue>& values) {
    auto data = detail::call_data(test_.selector, test_.params, value_texts(test_.params, values));
    if (!data) internal_error(data.error());
    return data;
  }

  void internal_error(const vm::Error& error) {
    fail_reason("internal error: a generated input does not encode: " + error.message);
  }

  void fail_reason(std::string reason) {
    Failure failure;
    failure.reason = std::move(reason);
    fail(std::move(failure));
  }

  void fail(Failure failure) {
    out_.result.status = TestStatus::Fail;
    out_.result.failure = std::move(failure);
  }

  Executor& executor_;
  const TestSuite& suite_;
  const TestCase& test_;
  const FuzzSettings& settings_;
  const ArtifactRegistry& registry_;
  CampaignProgress* progress_;
  std::filesystem::path path_;
  CampaignResult out_;
};

}  // namespace

CampaignResult run_fuzz_campaign(Executor& executor, const TestSuite& suite, const TestCase& test,
                                 const FuzzSettings& settings, const ArtifactRegistry& registry,
                                 CampaignProgress* progress) {
  return FuzzCampaign(executor, suite, test, settings, registry, progress).run();
}

}  // namespace tenet::runner

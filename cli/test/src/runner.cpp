#include "tenet/runner/runner.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

#include "tenet/abi/revert.hpp"
#include "tenet/runner/campaign.hpp"
#include "tenet/runner/environment.hpp"
#include "tenet/runner/failure.hpp"
#include "tenet/runner/failure_record.hpp"
#include "tenet/runner/render.hpp"
#include "tenet/runner/source_locator.hpp"

namespace tenet::runner {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// One test to run: indices into the selected suites and their selected cases.
struct WorkItem {
  size_t suite = 0;
  size_t test = 0;
};

/// What a replayed run gave.
struct Replay {
  std::vector<std::vector<uint8_t>> logs;
  std::shared_ptr<const CallTrace> trace;
};

/// A campaign a worker is running, for the progress line.
struct ActiveCampaign {
  std::string name;  // guarded by Shared::mutex
  Clock::time_point started;
  bool running = false;
  CampaignProgress progress;
};

/// State shared by the workers and the main thread.
struct Shared {
  Shared(const BuiltProject& p, const RunnerOptions& o, const RunHooks& h)
      : project(p), options(o), hooks(h) {}
  const BuiltProject& project;
  const RunnerOptions& options;
  const RunHooks& hooks;
  ExecutorOptions executor_options;
  FuzzSettings fuzz;
  InvariantSettings invariant;
  std::vector<const TestSuite*> suites;             // selected, in order
  std::vector<std::vector<const TestCase*>> cases;  // selected, per suite
  std::vector<WorkItem> items;
  std::atomic<size_t> next{0};
  RunResult result;  // slots: result.suites[i].tests[j]

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<size_t> remaining;                                // tests of each suite not done yet
  std::vector<bool> setup_reported;                             // RunHooks::on_setup called
  std::vector<std::vector<std::vector<std::string>>> warnings;  // per suite, per test
  std::vector<std::vector<std::map<vm::Address, std::string>>> labels;  // of traced runs
  std::vector<std::unique_ptr<ActiveCampaign>> campaigns;               // per worker
  unsigned workers_done = 0;
  // The -O0 build with operand records, made by the main thread when a worker asks.
  bool o0_requested = false;
  bool o0_done = false;
  std::optional<BuiltProject> o0;

  /// The -O0 build (or null when it failed): asks the main thread and waits.
  const BuiltProject* o0_build() {
    std::unique_lock lock(mutex);
    if (!o0_requested) {
      o0_requested = true;
      changed.notify_all();
    }
    changed.wait(lock, [&] { return o0_done; });
    return o0 ? &*o0 : nullptr;
  }
};

/// Replays `run` from the base on `executor`: its logs and trace.
Replay replay(Executor& executor, const std::vector<ReplayCall>& run) {
  Replay out;
  auto trace = std::make_shared<CallTrace>();
  auto take = [&](RunOutcome&& o) {
    for (auto& l : o.logs) out.logs.push_back(std::move(l));
    if (!o.trace) return;
    const int offset = static_cast<int>(trace->nodes.size());
    for (CallNode node : o.trace->nodes) {
      if (node.parent >= 0) node.parent += offset;
      if (trace->nodes.size() < kMaxTraceNodes) {
        trace->nodes.push_back(std::move(node));
      } else {
        ++trace->dropped;
      }
    }
    trace->dropped += o.trace->dropped;
  };
  if (run.size() == 1 && !run[0].is_check && run[0].sender == default_sender() &&
      run[0].to == test_contract_address()) {
    take(executor.run(run[0].calldata));
  } else {
    executor.reset();
    for (const ReplayCall& c : run)
      take(c.is_check ? executor.probe(c.calldata) : executor.call(c.sender, c.to, c.calldata));
  }
  if (executor.options().record_trace) out.trace = std::move(trace);
  return out;
}

/// Adds the source location of the failing `run` to `failure`: located on this build, then
/// on the -O0 build with operand records (the exact line and the operands), which is taken
/// when it fails the same way; else an optimised build's line is marked approximate.
void locate(Shared& shared, const TestSuite& suite, const std::vector<ReplayCall>& run,
            Failure& failure) {
  ExecutorOptions options = shared.executor_options;
  options.record_trace = false;
  const auto& root = shared.project.root;
  LocatedFailure found = locate_failure(suite, shared.project.registry, run, options, root);
  bool confirmed = false;
  if (const BuiltProject* o0 = shared.o0_build()) {
    for (TestSuite s : o0->suites) {
      if (s.file != suite.file || s.contract != suite.contract) continue;
      s.has_setup = suite.has_setup;  // false when setup() itself is the run (locate_setup)
      LocatedFailure exact = locate_failure(s, o0->registry, run, options, root);
      if (exact.status == found.status && exact.revert_data == found.revert_data) {
        found = std::move(exact);
        confirmed = true;
      }
    }
  }
  const bool approximate = shared.project.flags.level != 0 && !confirmed;
  if (found.location) {
    found.location->approximate = approximate;
    failure.location = std::move(found.location);
  }
  failure.called_from = std::move(found.called_from);
  failure.operands = std::move(found.operands);
  // An Error(string) the test contract's own code raised (the origin is the test frame)
  // reads bare — `assertion failed: 3 != 5`, `boom` — while one from a callee keeps its
  // `Error("…")` form. A callee that ran out of gas is the reason, whatever the test frame
  // reverted with afterwards.
  // (An invariant's reason ends with the check's revert: "invariant x broken: …".)
  if (found.origin_depth == 0 && failure.revert && failure.revert->kind == "error") {
    const std::string quoted = abi::describe_revert(*failure.revert);
    if (failure.reason.ends_with(quoted))
      failure.reason.replace(failure.reason.size() - quoted.size(), quoted.size(),
                             failure.revert->message);
  }
  if (found.origin_depth > 0 && found.origin_status == vm::Status::OutOfGas)
    failure.reason = "out of gas";
}

/// The failure of `suite`'s setup(): its reason and, located by replaying setup() as a call
/// on the freshly deployed test contract, its lines.
Failure setup_failure_of(Shared& shared, const TestSuite& suite, const RunOutcome& outcome) {
  Failure failure = failure_of(outcome, shared.project.registry);
  if (!suite.has_setup) return failure;  // the deployment itself failed
  TestSuite deployed = suite;
  deployed.has_setup = false;
  const auto selector = vm::selector_of("setup()");
  const std::vector<ReplayCall> run{ReplayCall{
      default_sender(), test_contract_address(), {selector.begin(), selector.end()}, false}};
  locate(shared, deployed, run, failure);
  return failure;
}

/// One worker: its executors and the suite installed on them.
class Worker {
 public:
  Worker(Shared& shared, unsigned index)
      : shared_(shared),
        index_(index),
        executor_(shared.project.registry, shared.executor_options) {
    if (shared_.hooks.on_worker_start) shared_.hooks.on_worker_start(index_, executor_);
  }

  void run() {
    for (size_t i; (i = shared_.next.fetch_add(1)) < shared_.items.size();) {
      const WorkItem item = shared_.items[i];
      std::vector<std::string> warnings;
      labels_.clear();
      TestResult result = run_item(item, warnings);
      std::lock_guard lock(shared_.mutex);
      shared_.warnings[item.suite][item.test] = std::move(warnings);
      shared_.labels[item.suite][item.test] = std::move(labels_);
      shared_.result.suites[item.suite].tests[item.test] = std::move(result);
      --shared_.remaining[item.suite];
      shared_.changed.notify_all();
    }
  }

 private:
  TestResult run_item(const WorkItem& item, std::vector<std::string>& warnings) {
    const TestSuite& suite = *shared_.suites[item.suite];
    const TestCase& test = *shared_.cases[item.suite][item.test];
    const auto start = Clock::now();
    TestResult r;
    try {
      if (installed_ != &suite) {
        setup_failure_ = executor_.install(suite);
        if (setup_failure_)
          setup_failure_located_ = setup_failure_of(shared_, suite, *setup_failure_);
        else
          report_setup(item.suite, suite);
        installed_ = &suite;
      }
      r = setup_failure_ ? setup_failed(item) : run_test(suite, test, warnings);
    } catch (const std::exception& e) {
      r.status = TestStatus::Fail;
      r.failure = Failure{};
      r.failure->reason = std::string("internal error: ") + e.what();
    }
    r.name = test.name;
    r.signature = test.signature;
    r.kind = test.kind;
    r.seed = shared_.fuzz.seed;
    r.duration_ms = ms_since(start);
    return r;
  }

  /// Hands the suite's deployment and setup() to RunHooks::on_setup, once per suite.
  void report_setup(size_t index, const TestSuite& suite) {
    if (!shared_.hooks.on_setup) return;
    {
      std::lock_guard lock(shared_.mutex);
      if (shared_.setup_reported[index]) return;
      shared_.setup_reported[index] = true;
    }
    for (const RunOutcome& outcome : executor_.setup_runs()) shared_.hooks.on_setup(suite, outcome);
  }

  TestResult setup_failed(const WorkItem& item) {
    TestResult r;
    r.status = TestStatus::Fail;
    r.failure = setup_failure_located_;
    std::lock_guard lock(shared_.mutex);
    SuiteResult& s = shared_.result.suites[item.suite];
    if (!s.setup_failure) {
      s.setup_failure = r.failure;
      s.setup_logs = render_logs(setup_failure_->logs);
    }
    return r;
  }

  TestResult run_test(const TestSuite& suite, const TestCase& test,
                      std::vector<std::string>& warnings) {
    TestResult r;
    std::vector<ReplayCall> failing, shown;
    if (test.kind == TestKind::Unit) {
      const std::vector<uint8_t> calldata(test.selector.begin(), test.selector.end());
      RunOutcome out = executor_.run(calldata);
      if (shared_.hooks.on_run) shared_.hooks.on_run(index_, suite, out);
      r.gas = out.gas_used;
      r.gas_median = out.gas_used;
      r.logs = render_logs(out.logs);
      if (!out.passed()) {
        r.status = TestStatus::Fail;
        r.failure = failure_of(out, shared_.project.registry);
      }
      shown = {ReplayCall{default_sender(), test_contract_address(), calldata, false}};
      if (!out.passed()) failing = shown;
    } else {
      CampaignResult c = campaign(suite, test);
      r = std::move(c.result);
      warnings = std::move(c.warnings);
      failing = std::move(c.failing_run);
      shown = r.status == TestStatus::Fail ? failing : std::move(c.last_run);
      if (!shown.empty()) r.logs = render_logs(replay(executor_, shown).logs);
    }
    if (r.status == TestStatus::Fail) {
      if (!r.failure) r.failure = Failure{};
      if (!failing.empty()) locate(shared_, suite, failing, *r.failure);
    }
    // The reported run's trace at -vvv (failing tests) and -vvvv (all): replayed on the
    // tracing executor (or taken from the run when every run is traced for the hooks).
    const int v = shared_.options.verbosity;
    if (!shown.empty() && (v >= 4 || (v >= 3 && r.status == TestStatus::Fail))) {
      Executor& e = traced(suite);
      r.trace = replay(e, shown).trace;
      labels_ = e.host().labels();
    }
    return r;
  }

  /// Runs the fuzz or invariant campaign of `test`, visible to the progress line.
  CampaignResult campaign(const TestSuite& suite, const TestCase& test) {
    ActiveCampaign& active = *shared_.campaigns[index_];
    {
      std::lock_guard lock(shared_.mutex);
      active.name = test.signature;
      active.started = Clock::now();
      active.progress.runs = 0;
      active.progress.target = 0;
      active.running = true;
    }
    // The hooks see every campaign run (fuzz runs, sequence calls) on this worker.
    std::function<void(const RunOutcome&)> on_run;
    if (shared_.hooks.on_run)
      on_run = [&](const RunOutcome& o) { shared_.hooks.on_run(index_, suite, o); };
    CampaignResult c;
    if (test.kind == TestKind::Fuzz) {
      FuzzSettings settings = shared_.fuzz;
      settings.on_run = on_run;
      c = run_fuzz_campaign(executor_, suite, test, settings, shared_.project.registry,
                            &active.progress);
    } else {
      InvariantSettings settings = shared_.invariant;
      settings.on_run = on_run;
      c = run_invariant_campaign(executor_, suite, test, settings, shared_.project.registry,
                                 &active.progress);
    }
    std::lock_guard lock(shared_.mutex);
    active.running = false;
    return c;
  }

  /// The executor that records traces, with `suite` installed.
  Executor& traced(const TestSuite& suite) {
    if (shared_.executor_options.record_trace) return executor_;
    if (!traced_) {
      ExecutorOptions options = shared_.executor_options;
      options.record_trace = true;
      traced_ = std::make_unique<Executor>(shared_.project.registry, options);
    }
    if (traced_suite_ != &suite) {
      traced_->install(suite);
      traced_suite_ = &suite;
    }
    return *traced_;
  }

  Shared& shared_;
  unsigned index_;
  Executor executor_;
  const TestSuite* installed_ = nullptr;
  std::optional<RunOutcome> setup_failure_;
  Failure setup_failure_located_;
  std::unique_ptr<Executor> traced_;
  const TestSuite* traced_suite_ = nullptr;
  std::map<vm::Address, std::string> labels_;  // of the current test's traced run
};

struct ThreadArgs {
  Shared* shared;
  unsigned index;
};

void* worker_main(void* p) {
  auto* args = static_cast<ThreadArgs*>(p);
  Shared& shared = *args->shared;
  try {
    Worker worker(shared, args->index);
    worker.run();
  } catch (...) {
    // An executor that cannot even be built: the items it would take stay with the others.
  }
  std::lock_guard lock(shared.mutex);
  ++shared.workers_done;
  shared.changed.notify_all();
  return nullptr;
}

/// The stack of a worker: kWorkerStackBytes, or the soft RLIMIT_STACK when that is larger.
size_t worker_stack_bytes() {
  size_t bytes = kWorkerStackBytes;
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    bytes = std::max<size_t>(bytes, limit.rlim_cur);
  return bytes;
}

/// Selects the work: suites and cases the filter (and --rerun's record) select.
void select(Shared& shared, const TestFilter& filter) {
  std::set<std::string> rerun;
  if (shared.options.rerun) rerun = load_failed_tests(shared.project.root);
  for (const TestSuite& suite : shared.project.suites) {
    if (!filter.selects(suite)) continue;
    std::vector<const TestCase*> cases;
    for (const TestCase& test : suite.cases)
      if (filter.selects(suite, test) &&
          (rerun.empty() || rerun.contains(test_id(suite.file, suite.contract, test.signature))))
        cases.push_back(&test);
    if (cases.empty()) continue;
    const size_t index = shared.suites.size();
    for (size_t j = 0; j < cases.size(); ++j) shared.items.push_back({index, j});
    shared.suites.push_back(&suite);
    shared.cases.push_back(std::move(cases));
    SuiteResult slot;
    slot.file = suite.file;
    slot.contract = suite.contract;
    slot.tests.resize(shared.cases.back().size());
    shared.result.suites.push_back(std::move(slot));
    shared.remaining.push_back(shared.cases.back().size());
    shared.setup_reported.push_back(false);
    shared.warnings.emplace_back(shared.cases.back().size());
    shared.labels.emplace_back(shared.cases.back().size());
  }
}

/// Hands the labels of suite `index`'s traced runs to RunHooks::on_suite_labels and the
/// warnings of its tests to RunHooks::on_warning, in order.
void warn(const Shared& shared, size_t index) {
  const SuiteResult& suite = shared.result.suites[index];
  if (shared.hooks.on_suite_labels) {
    std::map<vm::Address, std::string> labels;
    bool traced = false;
    for (size_t j = 0; j < suite.tests.size(); ++j) {
      traced = traced || suite.tests[j].trace != nullptr;
      for (const auto& [address, name] : shared.labels[index][j]) labels.emplace(address, name);
    }
    if (traced) shared.hooks.on_suite_labels(labels);
  }
  if (!shared.hooks.on_warning) return;
  for (size_t j = 0; j < suite.tests.size(); ++j)
    for (const std::string& w : shared.warnings[index][j])
      shared.hooks.on_warning(suite.file + ":" + suite.contract + " " + suite.tests[j].signature +
                              ": " + w);
}

/// The main thread while workers run: builds at -O0 when asked, hands suites out in order.
/// The progress line of the campaigns running for more than a second ("" for none);
/// called with Shared::mutex held.
std::string progress_line(const Shared& shared) {
  std::string line;
  const auto now = Clock::now();
  for (const auto& c : shared.campaigns) {
    if (!c->running || now - c->started < std::chrono::seconds(1)) continue;
    const uint64_t target = c->progress.target.load();
    line += (line.empty() ? "" : ", ") + c->name + " " + std::to_string(c->progress.runs.load()) +
            (target != 0 ? "/" + std::to_string(target) : std::string()) + " runs";
  }
  return line;
}

void supervise(Shared& shared, unsigned workers, const SuiteDone& on_suite) {
  size_t flushed = 0;
  const size_t n = shared.result.suites.size();
  const bool progress = shared.options.progress && shared.hooks.on_progress;
  bool shown = false;  // a progress line is on the screen
  auto show = [&](const std::string& line) {
    if (line.empty() && !shown) return;
    shared.hooks.on_progress(line);
    shown = !line.empty();
  };
  std::unique_lock lock(shared.mutex);
  for (;;) {
    auto ready = [&] {
      return (shared.o0_requested && !shared.o0_done) ||
             (flushed < n && shared.remaining[flushed] == 0) || shared.workers_done == workers;
    };
    if (progress) {
      while (!shared.changed.wait_for(lock, std::chrono::milliseconds(250), ready)) {
        const std::string line = progress_line(shared);
        lock.unlock();
        show(line);
        lock.lock();
      }
      lock.unlock();
      show("");
      lock.lock();
    } else {
      shared.changed.wait(lock, ready);
    }
    if (shared.o0_requested && !shared.o0_done) {
      lock.unlock();
      BuildFlags flags = shared.project.flags;
      flags.level = 0;
      flags.record_operands = true;
      std::string warnings;
      auto built = build_project(shared.project.root, shared.project.config, flags, warnings);
      lock.lock();
      if (built) shared.o0 = std::move(*built);
      shared.o0_done = true;
      shared.changed.notify_all();
      continue;
    }
    while (flushed < n && shared.remaining[flushed] == 0) {
      SuiteResult& suite = shared.result.suites[flushed];
      for (const TestResult& t : suite.tests) suite.duration_ms += t.duration_ms;
      lock.unlock();
      warn(shared, flushed);
      if (on_suite) on_suite(suite);
      lock.lock();
      ++flushed;
    }
    if (shared.workers_done == workers) break;
  }
  lock.unlock();
  // Items a failed worker left (none unless an executor could not be built) stay failed.
  for (; flushed < n; ++flushed) {
    SuiteResult& suite = shared.result.suites[flushed];
    for (TestResult& t : suite.tests)
      if (t.name.empty()) {
        t.status = TestStatus::Fail;
        t.failure = Failure{};
        t.failure->reason = "internal error: no worker ran this test";
      }
    if (on_suite) on_suite(suite);
  }
}

}  // namespace

vm::Result<RunResult> run_tests(const BuiltProject& project, const RunnerOptions& options,
                                const RunHooks& hooks, const SuiteDone& on_suite) {
  auto filter = TestFilter::from(options);
  if (!filter) return filter.error();
  const auto start = Clock::now();
  Shared shared(project, options, hooks);
  const auto& config = project.config;
  shared.executor_options.gas_limit = config.test_gas_limit;
  shared.executor_options.record_trace = hooks.want_traces;
  const auto store = project.root / "cache" / "fuzz";
  shared.fuzz = {options.fuzz_runs.value_or(config.fuzz_runs),
                 options.fuzz_seed.value_or(config.fuzz_seed),
                 config.max_rejects,
                 store,
                 {}};
  shared.invariant = {config.invariant_runs,
                      config.invariant_depth,
                      config.fail_on_revert,
                      shared.fuzz.seed,
                      store,
                      {}};
  shared.result.seed = shared.fuzz.seed;
  select(shared, *filter);

  unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(1, shared.items.size())));
  for (unsigned w = 0; w < jobs; ++w)
    shared.campaigns.push_back(std::make_unique<ActiveCampaign>());
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, worker_stack_bytes());
  std::vector<pthread_t> threads;
  std::vector<ThreadArgs> args(jobs);
  for (unsigned w = 0; w < jobs; ++w) {
    args[w] = {&shared, w};
    pthread_t t;
    if (pthread_create(&t, &attr, worker_main, &args[w]) == 0) {
      threads.push_back(t);
    }
  }
  pthread_attr_destroy(&attr);
  if (threads.empty()) return vm::Error{"cannot start a worker thread"};
  supervise(shared, static_cast<unsigned>(threads.size()), on_suite);
  for (pthread_t t : threads) pthread_join(t, nullptr);

  RunResult result = std::move(shared.result);
  for (const SuiteResult& suite : result.suites)
    for (const TestResult& t : suite.tests)
      ++(t.status == TestStatus::Pass ? result.passed : result.failed);
  result.duration_ms = ms_since(start);
  return result;
}

}  // namespace tenet::runner

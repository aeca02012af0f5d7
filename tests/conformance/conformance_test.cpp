// The executable conformance suite (tests/conformance/README.md). Reads the expectations
// that tests/ethers/conformance_expect.mjs computed with ethers.js, compiles every
// program at -O0 and -O2, deploys it into a fresh JournaledHost, makes the case's calls
// and compares status, return or revert data, logs, balances and gas bounds. A third
// test per case compares the two levels with each other (everything but gas). With the
// node library (tenet::node), NodeHost/<case>_<level> runs the same deployment and calls
// through a JournaledHost over the node's tries — a fresh host per transaction over the
// state committed after the previous one — and requires the same status, output, logs,
// gas and balances as the in-memory run.
//
// Usage: tenet_conformance_tests EXPECTATIONS.json [GoogleTest flags]
//        (or the path in the environment variable TENET_CONFORMANCE_EXPECT).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

#if __has_include("tenet/node/state/commit.hpp")
#define TENET_CONFORMANCE_NODE_HOST 1
#include "tenet/node/state/commit.hpp"
#include "tenet/node/state/memory_code_store.hpp"
#include "tenet/node/state/trie_backend.hpp"
#include "tenet/node/trie/memory_node_store.hpp"
#include "tenet/node/trie/trie.hpp"
#endif

namespace {

using tenet::compiler::OptLevel;
namespace vm = tenet::vm;
namespace compiler = tenet::compiler;
using Bytes = std::vector<uint8_t>;

const std::filesystem::path kConformanceDir =
    std::filesystem::path(TENET_SOURCE_DIR) / "tests" / "conformance";
const std::filesystem::path kStdlibDir = std::filesystem::path(TENET_SOURCE_DIR) / "stdlib";

// ---- Expectations (the JSON written by conformance_expect.mjs) ----------------------------

/// One call of a case and what it must produce.
struct ExpectedCall {
  std::string label;                                       // the signature, for messages
  vm::Address from;                                        // msg.sender and tx.origin
  Bytes calldata;                                          // selector and arguments
  vm::Word value;                                          // msg.value
  int64_t gas = 0;                                         // gas limit of the call
  vm::Status status = vm::Status::Success;                 // Success, Revert or OutOfGas
  Bytes output;                                            // return data or revert data
  bool any_output = false;                                 // revert data not fixed by the spec
  std::vector<vm::LogEntry> logs;                          // logs of this call, in order
  std::vector<std::pair<vm::Address, vm::Word>> balances;  // balances after the call
  std::optional<int64_t> gas_max;                          // upper bound of the gas used
};

/// One case: a contract deployed from the fixed sender, then calls in order.
struct Case {
  std::string name;
  std::string program;
  std::string contract;
  Bytes ctor_args;
  vm::Word ctor_value;
  vm::Status ctor_status = vm::Status::Success;
  Bytes ctor_output;
  bool ctor_any_output = false;
  std::vector<vm::LogEntry> ctor_logs;
  std::vector<ExpectedCall> calls;
};

/// The accounts and block values the harness sets up.
struct Env {
  std::vector<std::pair<vm::Address, vm::Word>> accounts;
  vm::Address sender;
  vm::Address self;
  vm::TxContext context;
  int64_t deploy_gas = 0;
};

[[noreturn]] void die(const std::string& message) {
  std::cerr << "tenet_conformance_tests: " << message << "\n";
  std::exit(2);
}

/// A decimal or 0x string (or a small JSON number) as a word.
vm::Word word_of(const nlohmann::json& j) {
  const std::string text = j.is_string() ? j.get<std::string>() : std::to_string(j.get<uint64_t>());
  auto w = vm::parse_word(text);
  if (!w) die("bad integer '" + text + "' in the expectations");
  return *w;
}

/// A 0x-hex address (any case).
vm::Address address_of(const nlohmann::json& j) {
  auto a = vm::parse_address(j.get<std::string>());
  if (!a) die("bad address " + j.dump() + " in the expectations");
  return *a;
}

/// 0x-hex bytes.
Bytes bytes_of(const nlohmann::json& j) {
  auto b = vm::hex_decode(j.get<std::string>());
  if (!b) die("bad hex " + j.dump() + ": " + b.error().message);
  return *b;
}

/// "success", "revert" or "out-of-gas".
vm::Status status_of(const nlohmann::json& j) {
  const auto s = j.get<std::string>();
  if (s == "success") return vm::Status::Success;
  if (s == "revert") return vm::Status::Revert;
  if (s == "out-of-gas") return vm::Status::OutOfGas;
  die("bad status '" + s + "'");
}

/// Expected logs: address, topics (32-byte hex each), data.
std::vector<vm::LogEntry> logs_of(const nlohmann::json& j) {
  std::vector<vm::LogEntry> out;
  for (const auto& l : j) {
    vm::LogEntry e;
    e.address = address_of(l.at("address"));
    for (const auto& t : l.at("topics")) {
      const Bytes b = bytes_of(t);
      if (b.size() != 32) die("a topic is not 32 bytes: " + t.dump());
      e.topics.push_back(vm::word_from_be(b.data()));
    }
    e.data = bytes_of(l.at("data"));
    out.push_back(std::move(e));
  }
  return out;
}

/// The environment written by the node script.
Env env_of(const nlohmann::json& j) {
  Env env;
  for (const auto& [name, account] : j.at("accounts").items()) {
    env.accounts.emplace_back(address_of(account.at("address")), word_of(account.at("balance")));
    if (name == "sender") env.sender = env.accounts.back().first;
  }
  env.self = address_of(j.at("self"));
  const auto& b = j.at("block");
  env.context.number = std::stoull(b.at("number").get<std::string>());
  env.context.timestamp = std::stoull(b.at("timestamp").get<std::string>());
  env.context.gas_limit = std::stoull(b.at("gas_limit").get<std::string>());
  env.context.chain_id = word_of(b.at("chain_id"));
  env.context.gas_price = word_of(b.at("gas_price"));
  env.context.coinbase = address_of(b.at("coinbase"));
  env.context.base_fee = word_of(b.at("base_fee"));
  env.context.difficulty = word_of(b.at("difficulty"));
  env.deploy_gas = j.at("deploy_gas").get<int64_t>();
  return env;
}

/// One case of the expectations file.
Case case_of(const nlohmann::json& j) {
  Case c;
  c.name = j.at("name").get<std::string>();
  c.program = j.at("program").get<std::string>();
  c.contract = j.at("contract").get<std::string>();
  c.ctor_args = bytes_of(j.at("ctor_args"));
  c.ctor_value = word_of(j.at("ctor_value"));
  c.ctor_status = status_of(j.at("ctor_status"));
  c.ctor_any_output = j.at("ctor_output").is_null();
  if (!c.ctor_any_output) c.ctor_output = bytes_of(j.at("ctor_output"));
  c.ctor_logs = logs_of(j.at("ctor_logs"));
  for (const auto& k : j.at("calls")) {
    ExpectedCall call;
    call.label = k.at("label").get<std::string>();
    call.from = address_of(k.at("from"));
    call.calldata = bytes_of(k.at("calldata"));
    call.value = word_of(k.at("value"));
    call.gas = k.at("gas").get<int64_t>();
    call.status = status_of(k.at("status"));
    call.any_output = k.at("output").is_null();
    if (!call.any_output) call.output = bytes_of(k.at("output"));
    call.logs = logs_of(k.at("logs"));
    for (const auto& [who, v] : k.at("balances").items())
      call.balances.emplace_back(address_of(who), word_of(v));
    if (k.contains("gas_max")) call.gas_max = k.at("gas_max").get<int64_t>();
    c.calls.push_back(std::move(call));
  }
  return c;
}

// ---- Compiling and running --------------------------------------------------------------

/// "O0", "O1" or "O2".
const char* level_name(OptLevel level) {
  switch (level) {
    case OptLevel::O0:
      return "O0";
    case OptLevel::O1:
      return "O1";
    case OptLevel::O2:
      return "O2";
  }
  return "?";
}

/// The bytecode of `contract` in `program` at `level`, or the compiler's error messages.
/// Memoised: a program is compiled once per contract and level.
const std::variant<Bytes, std::string>& compiled(const std::string& program,
                                                 const std::string& contract, OptLevel level) {
  static std::map<std::tuple<std::string, std::string, OptLevel>, std::variant<Bytes, std::string>>
      cache;
  const auto key = std::make_tuple(program, contract, level);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto compile = [&]() -> std::variant<Bytes, std::string> {
    compiler::SourceManager sources;
    std::string error;
    const auto path = kConformanceDir / "programs" / program;
    auto entry = sources.load_file(path.string(), error);
    if (!entry) return error;
    compiler::DiagnosticEngine diagnostics;
    auto checked = compiler::check_program(sources, *entry, kStdlibDir, diagnostics);
    if (diagnostics.has_errors())
      return "front end:\n" + compiler::render_all(diagnostics, sources);
    const compiler::ContractInfo* info = checked->find_contract(contract);
    if (info == nullptr) return "no contract `" + contract + "` in " + program;
    compiler::CompileOptions options;
    options.level = level;
    auto result = compiler::compile_contract(*checked, sources, *info, options);
    if (!result) return "compile_contract: " + result.error().message;
    return std::move(result->bytecode);
  };
  return cache.emplace(key, compile()).first->second;
}

/// What one transaction did.
struct Observed {
  vm::Status status = vm::Status::Success;
  Bytes output;
  std::vector<vm::LogEntry> logs;
  std::vector<std::pair<vm::Address, vm::Word>> balances;  // the ones the case asks about
  int64_t gas_used = 0;
  std::string reason;  // the VM's diagnostic for a trap or a VM-level refusal
};

/// What a whole case did at one level (or why it could not run).
struct CaseRun {
  std::string compile_error;
  Observed deploy;
  vm::Address created;
  std::vector<Observed> calls;
};

/// The environment of this run (read once in main).
Env& env() {
  static Env e;
  return e;
}

/// Compiles (memoised), deploys from the sender in a fresh state and makes the case's calls.
CaseRun run_case(const Case& c, OptLevel level) {
  CaseRun run;
  const auto& code = compiled(c.program, c.contract, level);
  if (const auto* error = std::get_if<std::string>(&code)) {
    run.compile_error = *error;
    return run;
  }
  vm::Vm machine;
  vm::TxContext context = env().context;
  context.origin = env().sender;
  vm::JournaledHost host(machine, context);
  for (const auto& [account, balance] : env().accounts) host.set_balance(account, balance);

  Bytes data = std::get<Bytes>(code);
  data.insert(data.end(), c.ctor_args.begin(), c.ctor_args.end());
  const vm::ExecResult deployed = host.deploy(env().sender, data, env().deploy_gas, c.ctor_value);
  run.deploy = Observed{
      deployed.status, deployed.output, host.logs(), {}, env().deploy_gas - deployed.gas_left,
      deployed.reason};
  run.created = deployed.created;
  if (deployed.status != vm::Status::Success) return run;

  for (const auto& call : c.calls) {
    const size_t logs_before = host.logs().size();
    const vm::ExecResult r =
        host.transact(call.from, deployed.created, call.calldata, call.gas, call.value);
    Observed o{r.status, r.output, {}, {}, call.gas - r.gas_left, r.reason};
    o.logs.assign(host.logs().begin() + static_cast<std::ptrdiff_t>(logs_before),
                  host.logs().end());
    for (const auto& [who, _] : call.balances) o.balances.emplace_back(who, host.get_balance(who));
    run.calls.push_back(std::move(o));
  }
  return run;
}

/// Every run so far, by case index and level.
std::map<std::pair<size_t, OptLevel>, CaseRun>& runs() {
  static std::map<std::pair<size_t, OptLevel>, CaseRun> r;
  return r;
}

/// The run of case `index` at `level`, memoised so the differential test reuses it.
const CaseRun& case_run(const std::vector<Case>& cases, size_t index, OptLevel level) {
  auto& runs = ::runs();
  const auto key = std::make_pair(index, level);
  if (auto it = runs.find(key); it != runs.end()) return it->second;
  return runs.emplace(key, run_case(cases[index], level)).first->second;
}

// ---- Comparing --------------------------------------------------------------------------

/// 0x-hex of bytes.
std::string hex(const Bytes& b) {
  return vm::hex_encode(b);
}

/// Logs for a failure message, one per line.
std::string describe_logs(const std::vector<vm::LogEntry>& logs) {
  if (logs.empty()) return "(none)";
  std::ostringstream out;
  for (const auto& l : logs) {
    out << "\n    from " << vm::to_hex(l.address) << " topics [";
    for (size_t i = 0; i < l.topics.size(); ++i) {
      const auto topic = vm::word_to_be(l.topics[i]);
      out << (i ? ", " : "") << hex(Bytes(topic.begin(), topic.end()));
    }
    out << "] data " << hex(l.data);
  }
  return out.str();
}

/// Status, output and the VM's reason, for a failure message.
std::string describe(const Observed& o) {
  std::string s = std::string(vm::status_name(o.status)) + " " + hex(o.output);
  if (!o.reason.empty()) s += " (" + o.reason + ")";
  return s;
}

/// An expected status and output, for a failure message.
std::string expected_outcome(vm::Status status, const Bytes& output) {
  return std::string(vm::status_name(status)) + " " + hex(output);
}

/// Compares one call with its expectation: status and output; logs when it succeeded; balances; gas
/// bound.
void check_call(const std::string& where, const ExpectedCall& want, const Observed& got) {
  EXPECT_TRUE(got.status == want.status && (want.any_output || got.output == want.output))
      << where << "\n  expected: "
      << (want.any_output ? std::string(vm::status_name(want.status)) + " (any data)"
                          : expected_outcome(want.status, want.output))
      << "\n  actual:   " << describe(got);
  if (got.status == vm::Status::Success) {
    EXPECT_TRUE(got.logs == want.logs)
        << where << ": logs\n  expected: " << describe_logs(want.logs)
        << "\n  actual:   " << describe_logs(got.logs);
  }
  for (size_t i = 0; i < want.balances.size() && i < got.balances.size(); ++i) {
    EXPECT_EQ(vm::to_decimal(got.balances[i].second), vm::to_decimal(want.balances[i].second))
        << where << ": balance of " << vm::to_hex(want.balances[i].first);
  }
  if (want.gas_max) {
    EXPECT_LE(got.gas_used, *want.gas_max) << where << ": gas used above the bound";
  }
}

/// Compares a whole case run at one level with the expectations.
void check_against_expectations(const Case& c, const CaseRun& run, OptLevel level) {
  const std::string at = c.program + " contract " + c.contract + " at -" + level_name(level);
  if (!run.compile_error.empty()) {
    ADD_FAILURE() << at << ": does not compile\n" << run.compile_error;
    return;
  }
  EXPECT_TRUE(run.deploy.status == c.ctor_status &&
              (c.ctor_any_output || run.deploy.output == c.ctor_output))
      << at << ": deployment\n  expected: " << expected_outcome(c.ctor_status, c.ctor_output)
      << "\n  actual:   " << describe(run.deploy);
  if (run.deploy.status != vm::Status::Success) return;
  EXPECT_EQ(vm::to_hex(run.created), vm::to_hex(env().self)) << at << ": the contract's address";
  EXPECT_TRUE(run.deploy.logs == c.ctor_logs)
      << at << ": constructor logs\n  expected: " << describe_logs(c.ctor_logs)
      << "\n  actual:   " << describe_logs(run.deploy.logs);
  for (size_t i = 0; i < c.calls.size() && i < run.calls.size(); ++i) {
    check_call(at + ", call " + std::to_string(i + 1) + " " + c.calls[i].label + " calldata " +
                   hex(c.calls[i].calldata),
               c.calls[i], run.calls[i]);
  }
}

/// -O0 and -O2 must agree on everything observable but gas.
void check_levels_agree(const Case& c, const CaseRun& o0, const CaseRun& o2) {
  const std::string at = c.program + " contract " + c.contract;
  if (!o0.compile_error.empty() || !o2.compile_error.empty()) {
    ADD_FAILURE() << at << ": cannot compare levels, compilation failed:\n  -O0: "
                  << (o0.compile_error.empty() ? "ok" : o0.compile_error)
                  << "\n  -O2: " << (o2.compile_error.empty() ? "ok" : o2.compile_error);
    return;
  }
  auto same = [&](const std::string& what, const Observed& a, const Observed& b) {
    EXPECT_TRUE(a.status == b.status && a.output == b.output)
        << at << ", " << what << "\n  -O0: " << describe(a) << "\n  -O2: " << describe(b);
    EXPECT_TRUE(a.logs == b.logs) << at << ", " << what
                                  << ": logs\n  -O0: " << describe_logs(a.logs)
                                  << "\n  -O2: " << describe_logs(b.logs);
    EXPECT_TRUE(a.balances == b.balances) << at << ", " << what << ": balances differ";
  };
  same("deployment", o0.deploy, o2.deploy);
  ASSERT_EQ(o0.calls.size(), o2.calls.size()) << at << ": number of calls run";
  for (size_t i = 0; i < o0.calls.size(); ++i)
    same("call " + std::to_string(i + 1) + " " + c.calls[i].label, o0.calls[i], o2.calls[i]);
}

#ifdef TENET_CONFORMANCE_NODE_HOST
// ---- The node's host ----------------------------------------------------------------------

namespace node = tenet::node;

/// A world state in the node's tries (nodes and code in memory): each transaction runs on a
/// fresh JournaledHost over a TrieBackend at the last committed root, then is committed.
class NodeWorld {
 public:
  /// Runs `body` on a fresh host over the committed state and commits what it changed;
  /// records the first read or commit error in `failure`.
  template <class Body>
  void transaction(const vm::TxContext& context, Body&& body) {
    const node::StateView view(nodes_, codes_, root_);
    node::TrieBackend backend(view);
    vm::JournaledHost host(machine_, context, &backend);
    body(host);
    if (backend.failed() && failure.empty()) failure = "state read: " + backend.error().message;
    auto committed = node::commit_changes(host, view, nodes_, codes_);
    if (!committed) {
      if (failure.empty()) failure = "commit: " + committed.error().message;
      return;
    }
    root_ = *committed;
  }

  /// The balance of `account` in the committed state.
  vm::Word balance(const vm::Address& account) {
    auto found = node::StateView(nodes_, codes_, root_).account(account);
    if (!found) {
      if (failure.empty()) failure = "balance read: " + found.error().message;
      return {};
    }
    return *found ? (*found)->balance : vm::Word{};
  }

  std::string failure;

 private:
  vm::Vm machine_;
  node::MemoryNodeStore nodes_;
  node::MemoryCodeStore codes_;
  node::Hash256 root_ = node::kEmptyTrieRoot;
};

/// The gas a frame used out of `gas`.
int64_t gas_used_of(int64_t gas, const vm::ExecResult& r) {
  return gas - r.gas_left;
}

/// Runs case `c` (already compiled) through the node's host: the same transactions as
/// run_case, each committed before the next.
CaseRun run_case_on_node(const Case& c, const Bytes& code, std::string& failure) {
  CaseRun run;
  NodeWorld world;
  vm::TxContext context = env().context;
  context.origin = env().sender;
  world.transaction(context, [&](vm::JournaledHost& host) {
    for (const auto& [account, balance] : env().accounts) host.set_balance(account, balance);
  });
  Bytes data = code;
  data.insert(data.end(), c.ctor_args.begin(), c.ctor_args.end());
  world.transaction(context, [&](vm::JournaledHost& host) {
    const vm::ExecResult deployed = host.deploy(env().sender, data, env().deploy_gas, c.ctor_value);
    run.deploy = Observed{
        deployed.status, deployed.output, host.logs(), {}, gas_used_of(env().deploy_gas, deployed),
        deployed.reason};
    run.created = deployed.created;
  });
  if (run.deploy.status == vm::Status::Success) {
    for (const auto& call : c.calls) {
      Observed o;
      world.transaction(context, [&](vm::JournaledHost& host) {
        const vm::ExecResult r =
            host.transact(call.from, run.created, call.calldata, call.gas, call.value);
        o = Observed{r.status, r.output, host.logs(), {}, gas_used_of(call.gas, r), r.reason};
      });
      for (const auto& [who, _] : call.balances) o.balances.emplace_back(who, world.balance(who));
      run.calls.push_back(std::move(o));
    }
  }
  failure = world.failure;
  return run;
}

/// The node's run must equal the in-memory run in everything observable, gas included.
void check_node_host(const Case& c, const CaseRun& memory, const CaseRun& on_node, OptLevel level) {
  const std::string at = c.program + " contract " + c.contract + " at -" + level_name(level) +
                         " through the node's host";
  auto same = [&](const std::string& what, const Observed& want, const Observed& got) {
    EXPECT_TRUE(want.status == got.status && want.output == got.output)
        << at << ", " << what << "\n  in memory: " << describe(want)
        << "\n  node host: " << describe(got);
    EXPECT_EQ(got.gas_used, want.gas_used) << at << ", " << what << ": gas used";
    EXPECT_TRUE(want.logs == got.logs)
        << at << ", " << what << ": logs\n  in memory: " << describe_logs(want.logs)
        << "\n  node host: " << describe_logs(got.logs);
    for (size_t i = 0; i < want.balances.size() && i < got.balances.size(); ++i) {
      EXPECT_EQ(vm::to_decimal(got.balances[i].second), vm::to_decimal(want.balances[i].second))
          << at << ", " << what << ": balance of " << vm::to_hex(want.balances[i].first);
    }
  };
  same("deployment", memory.deploy, on_node.deploy);
  EXPECT_EQ(vm::to_hex(on_node.created), vm::to_hex(memory.created)) << at << ": address";
  ASSERT_EQ(on_node.calls.size(), memory.calls.size()) << at << ": number of calls run";
  for (size_t i = 0; i < memory.calls.size(); ++i)
    same("call " + std::to_string(i + 1) + " " + c.calls[i].label, memory.calls[i],
         on_node.calls[i]);
}
#endif

// ---- Registration -----------------------------------------------------------------------

class ConformanceTest : public ::testing::Test {
 public:
  ConformanceTest(const std::vector<Case>& cases, size_t index, std::optional<OptLevel> level)
      : cases_(cases), index_(index), level_(level) {}

  void TestBody() override {
    const Case& c = cases_[index_];
    if (level_) {
      check_against_expectations(c, case_run(cases_, index_, *level_), *level_);
    } else {
      check_levels_agree(c, case_run(cases_, index_, OptLevel::O0),
                         case_run(cases_, index_, OptLevel::O2));
    }
  }

 private:
  const std::vector<Case>& cases_;
  size_t index_;
  std::optional<OptLevel> level_;
};

#ifdef TENET_CONFORMANCE_NODE_HOST
/// NodeHost/<case>_<level>: the case through the node's host, against the in-memory run.
class NodeHostTest : public ::testing::Test {
 public:
  NodeHostTest(const std::vector<Case>& cases, size_t index, OptLevel level)
      : cases_(cases), index_(index), level_(level) {}

  void TestBody() override {
    const Case& c = cases_[index_];
    const CaseRun& memory = case_run(cases_, index_, level_);
    if (!memory.compile_error.empty()) {
      GTEST_SKIP() << "does not compile (reported by Conformance." << c.name << "_"
                   << level_name(level_) << ")";
    }
    std::string failure;
    const CaseRun on_node =
        run_case_on_node(c, std::get<Bytes>(compiled(c.program, c.contract, level_)), failure);
    EXPECT_EQ(failure, "") << c.name << ": the node's state failed";
    check_node_host(c, memory, on_node, level_);
  }

 private:
  const std::vector<Case>& cases_;
  size_t index_;
  OptLevel level_;
};
#endif

/// Prints passed/failed counts per level and for the differential tests.
void print_summary() {
  std::map<std::string, std::pair<int, int>> counts;  // kind -> (passed, failed)
  const auto& unit = *::testing::UnitTest::GetInstance();
  for (int s = 0; s < unit.total_test_suite_count(); ++s) {
    const auto& suite = *unit.GetTestSuite(s);
    for (int t = 0; t < suite.total_test_count(); ++t) {
      const auto& info = *suite.GetTestInfo(t);
      if (!info.should_run()) continue;
      std::string kind = suite.name();
      const std::string name = info.name();
      if (kind == "Conformance") kind += name.substr(name.size() - 3);
      auto& [passed, failed] = counts[kind];
      (info.result()->Passed() ? passed : failed) += 1;
    }
  }
  for (const auto& [kind, c] : counts)
    std::cout << "conformance summary: " << kind << ": " << c.first << " passed, " << c.second
              << " failed\n";
  // Gas of the calls that succeeded at both levels, in the cases that ran at both.
  int64_t gas[2] = {0, 0};
  size_t calls = 0;
  for (const auto& [key, o0] : runs()) {
    if (key.second != OptLevel::O0) continue;
    auto it = runs().find({key.first, OptLevel::O2});
    if (it == runs().end()) continue;
    const CaseRun& o2 = it->second;
    for (size_t i = 0; i < o0.calls.size() && i < o2.calls.size(); ++i) {
      if (o0.calls[i].status != vm::Status::Success || o2.calls[i].status != vm::Status::Success)
        continue;
      gas[0] += o0.calls[i].gas_used;
      gas[1] += o2.calls[i].gas_used;
      ++calls;
    }
  }
  if (calls > 0)
    std::cout << "conformance summary: gas of " << calls << " successful calls: -O0 " << gas[0]
              << ", -O2 " << gas[1] << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  std::string path;
  if (argc >= 2)
    path = argv[1];
  else if (const char* e = std::getenv("TENET_CONFORMANCE_EXPECT"))
    path = e;
  if (path.empty()) die("usage: tenet_conformance_tests EXPECTATIONS.json [GoogleTest flags]");
  std::ifstream in(path);
  if (!in) die("cannot read " + path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    die(path + ": " + e.what());
  }
  static std::vector<Case> cases;
  try {
    env() = env_of(json.at("env"));
    for (const auto& c : json.at("cases")) cases.push_back(case_of(c));
  } catch (const nlohmann::json::exception& e) {
    die(path + ": " + e.what());
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
      ::testing::RegisterTest(
          "Conformance", (cases[i].name + "_" + level_name(level)).c_str(), nullptr, nullptr,
          __FILE__, __LINE__,
          [i, level]() -> ::testing::Test* { return new ConformanceTest(cases, i, level); });
    }
#ifdef TENET_CONFORMANCE_NODE_HOST
    for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
      ::testing::RegisterTest(
          "NodeHost", (cases[i].name + "_" + level_name(level)).c_str(), nullptr, nullptr, __FILE__,
          __LINE__, [i, level]() -> ::testing::Test* { return new NodeHostTest(cases, i, level); });
    }
#endif
    ::testing::RegisterTest(
        "Differential", cases[i].name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
        [i]() -> ::testing::Test* { return new ConformanceTest(cases, i, std::nullopt); });
  }
  const int status = RUN_ALL_TESTS();
  print_summary();
  return status;
}

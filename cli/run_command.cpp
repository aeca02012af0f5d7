// `tenet run FILE`: deploy a container into a fresh in-memory state, make one call,
// print result, gas, revert data and logs (toolchain.md §1).
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "abi_args.hpp"
#include "commands.hpp"
#include "tenet/vm/hex.hpp"
#include "common.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::cli {
namespace {

/// The fixed, funded sender of `tenet run` (deployment and call).
constexpr std::string_view kDefaultSender = "0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38";

/// Prints one line per instruction to stderr.
class StderrTracer : public vm::Tracer {
 public:
  void on_instruction(int depth, uint16_t function, uint32_t pc, vm::Op op, int64_t gas_left,
                      std::span<const vm::Word> stack) override {
    std::string line = "[" + std::to_string(depth) + "] f" + std::to_string(function) + " ";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06x ", pc);
    line += buf;
    std::string name(vm::op_info(op).name);
    name.resize(14, ' ');
    line += name + " gas=" + std::to_string(gas_left) + " stack=[";
    const size_t shown = std::min<size_t>(stack.size(), 6);
    if (stack.size() > shown) line += "…, ";
    for (size_t i = stack.size() - shown; i < stack.size(); ++i)
      line += vm::to_hex(stack[i]) + (i + 1 < stack.size() ? ", " : "");
    std::cerr << line << "]\n";
  }
};

std::string json_status(vm::Status s) {
  return s == vm::Status::Trap ? "invalid" : std::string(vm::status_name(s));
}

nlohmann::json logs_json(const std::vector<vm::LogEntry>& logs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& log : logs) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& t : log.topics) {
      const auto be = vm::word_to_be(t);
      topics.push_back(vm::hex_encode(be));
    }
    out.push_back({{"address", vm::to_hex(log.address)}, {"topics", topics}, {"data", vm::hex_encode(log.data)}});
  }
  return out;
}

struct RunOptions {
  std::string file;
  std::string calldata;
  std::string sig;
  std::vector<std::string> args;
  std::string ctor;
  std::vector<std::string> ctor_args;
  int64_t gas = 30'000'000;
  std::string value = "0";
  bool trace = false;
  bool json = false;
};

int run(const RunOptions& opt) {
  if (!opt.calldata.empty() && !opt.sig.empty()) {
    print_error("--calldata and --sig cannot be used together");
    return kExitUsage;
  }
  auto value = vm::parse_word(opt.value);
  if (!value) {
    print_error("--value: '" + opt.value + "' is not an integer");
    return kExitUsage;
  }
  std::vector<uint8_t> input;
  if (!opt.calldata.empty()) {
    auto data = vm::hex_decode(opt.calldata);
    if (!data) {
      print_error("--calldata: " + data.error().message);
      return kExitUsage;
    }
    input = *data;
  } else if (!opt.sig.empty()) {
    auto data = encode_call(opt.sig, opt.args);
    if (!data) {
      print_error("--sig: " + data.error().message);
      return kExitUsage;
    }
    input = *data;
  } else if (!opt.args.empty()) {
    print_error("arguments given without --sig");
    return kExitUsage;
  }
  std::vector<uint8_t> ctor_data;
  if (!opt.ctor.empty() || !opt.ctor_args.empty()) {
    auto data = encode_arguments(opt.ctor, opt.ctor_args);
    if (!data) {
      print_error("--ctor/--args: " + data.error().message);
      return kExitUsage;
    }
    ctor_data = *data;
  }
  auto code = load_bytecode(opt.file);
  if (!code) {
    print_error(code.error().message);
    return kExitFailure;
  }
  code->insert(code->end(), ctor_data.begin(), ctor_data.end());

  vm::Vm machine;
  StderrTracer tracer;
  if (opt.trace) machine.set_tracer(&tracer);
  vm::TxContext context;
  context.chain_id = vm::Word{31337};
  context.gas_limit = 30'000'000;
  context.number = 1;
  context.timestamp = 1;
  vm::JournaledHost host(machine, context);
  const vm::Address sender = *vm::parse_address(kDefaultSender);
  host.set_balance(sender, vm::mul(vm::Word{1'000'000'000'000'000'000ull}, vm::Word{1'000'000'000ull}));

  const vm::ExecResult deployed = host.deploy(sender, *code, opt.gas);
  if (deployed.status != vm::Status::Success) {
    const std::string why = deployed.reason.empty() ? vm::hex_encode(deployed.output) : deployed.reason;
    if (opt.json) {
      std::cout << nlohmann::json{{"status", json_status(deployed.status)},
                                  {"gasUsed", opt.gas - deployed.gas_left},
                                  {"returnData", vm::hex_encode(deployed.output)},
                                  {"error", "deployment failed: " + why}}
                       .dump(2)
                << "\n";
    } else {
      print_error("deployment failed (" + std::string(vm::status_name(deployed.status)) + "): " + why);
    }
    return kExitFailure;
  }
  const size_t logs_before = host.logs().size();
  const vm::ExecResult r = host.transact(sender, deployed.created, input, opt.gas, *value);
  const int64_t gas_used = opt.gas - r.gas_left;
  const std::vector<vm::LogEntry> logs(host.logs().begin() + static_cast<ptrdiff_t>(logs_before), host.logs().end());
  const bool reverted = r.status == vm::Status::Revert;

  if (opt.json) {
    nlohmann::json out{{"status", json_status(r.status)},
                       {"gasUsed", gas_used},
                       {"returnData", vm::hex_encode(r.output)},
                       {"decoded", nlohmann::json::array()},
                       {"logs", logs_json(logs)}};
    if (reverted) {
      const DecodedRevert d = decode_revert(r.output);
      nlohmann::json rev{{"kind", d.kind}, {"name", d.name}, {"args", nlohmann::json::array()}};
      if (!d.message.empty()) rev["message"] = d.message;
      if (d.code) rev["code"] = *d.code;
      out["revert"] = rev;
    }
    if (!r.reason.empty() && r.status != vm::Status::Success) out["reason"] = r.reason;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "deployed at " << vm::to_hex(deployed.created) << " (gas " << opt.gas - deployed.gas_left << ")\n";
    std::cout << "status:      " << vm::status_name(r.status);
    if (!r.reason.empty() && r.status != vm::Status::Success) std::cout << " (" << r.reason << ")";
    std::cout << "\ngas used:    " << gas_used << "\n";
    if (reverted) {
      const DecodedRevert d = decode_revert(r.output);
      std::cout << "revert:      ";
      if (d.kind == "empty") std::cout << "(no revert data)";
      else if (d.kind == "error") std::cout << "Error(\"" << d.message << "\")";
      else if (d.kind == "panic") std::cout << "Panic(0x" << std::hex << *d.code << std::dec << "): " << d.message;
      else std::cout << d.name;
      std::cout << "\nrevert data: " << vm::hex_encode(r.output) << "\n";
    } else {
      std::cout << "return data: " << vm::hex_encode(r.output) << "\n";
    }
    for (const auto& log : logs) {
      std::cout << "log from " << vm::to_hex(log.address) << ":";
      for (const auto& t : log.topics) std::cout << " " << vm::to_hex(t);
      std::cout << " data " << vm::hex_encode(log.data) << "\n";
    }
  }
  return r.status == vm::Status::Success ? kExitOk : kExitFailure;
}

}  // namespace

Command add_run_command(CLI::App& parent) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* app = parent.add_subcommand("run", "Deploy bytecode into a throw-away state and make one call");
  app->add_option("FILE", opt->file, "bytecode (.tasm or .tbc)")->required();
  app->add_option("ARGS", opt->args, "arguments for --sig, parsed by their ABI types");
  app->add_option("--calldata", opt->calldata, "raw call data (0x-hex)");
  app->add_option("--sig", opt->sig, "function signature, e.g. \"transfer(address,uint256)\"");
  app->add_option("--ctor", opt->ctor, "constructor parameter types, e.g. \"uint256,address\"");
  app->add_option("--args", opt->ctor_args, "constructor arguments, parsed by the --ctor types");
  app->add_option("--gas", opt->gas, "gas limit of the deployment and of the call")->capture_default_str();
  app->add_option("--value", opt->value, "native coin sent with the call")->capture_default_str();
  app->add_flag("--trace", opt->trace, "print every executed instruction to stderr");
  app->add_flag("--json", opt->json, "print the result as one JSON object");
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli

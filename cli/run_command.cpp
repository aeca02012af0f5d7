// `tenet run FILE`: compile a .tn file (or load a .tasm/.tbc container), deploy it into a
// fresh in-memory state, make one call, print result, gas, revert data and logs
// (toolchain.md §1, docs/cli.md). For a .tn file the contract's ABI gives the
// constructor's types, decodes the results and names custom errors.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <utility>

#include "abi_args.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::cli {
namespace {

/// The fixed, funded sender of `tenet run` (deployment and call).
constexpr std::string_view kDefaultSender = "0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38";

/// Prints one line per instruction to stderr; for a compiled contract, a `; file:line`
/// line whenever the outermost frame reaches another source line (compiler-generated
/// code, line 0, keeps the last one).
class StderrTracer : public vm::Tracer {
 public:
  /// The line table of the code running at depth 0 (none for .tasm/.tbc).
  void set_line_table(const compiler::CodegenResult* code) { code_ = code; }

  void on_instruction(int depth, uint16_t function, uint32_t pc, vm::Op op, int64_t gas_left,
                      std::span<const vm::Word> stack) override {
    if (code_ != nullptr && depth == 0) {
      auto it = std::upper_bound(
          code_->lines.begin(), code_->lines.end(), pc,
          [](uint32_t o, const compiler::LineEntry& e) { return o < e.code_offset; });
      if (it != code_->lines.begin()) {
        const compiler::LineEntry& e = *std::prev(it);
        if (e.line != 0 && e.file < code_->files.size() &&
            std::make_pair(e.file, e.line) != last_) {
          std::cerr << "; " << code_->files[e.file] << ":" << e.line << "\n";
          last_ = {e.file, e.line};
        }
      }
    }
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

 private:
  const compiler::CodegenResult* code_ = nullptr;
  std::pair<uint32_t, uint32_t> last_{UINT32_MAX, 0};
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
    out.push_back({{"address", vm::to_hex(log.address)},
                   {"topics", topics},
                   {"data", vm::hex_encode(log.data)}});
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
  std::string contract;
  int optimization = 2;
  int64_t gas = 30'000'000;
  std::string value = "0";
  bool trace = false;
  bool json = false;
};

/// What a `.tn` file tells about the code: the contract's ABI.
struct ContractAbi {
  std::vector<compiler::AbiEntry> entries;
  const compiler::AbiEntry* find_function(const std::string& signature_or_name) const {
    for (const auto& e : entries)
      if (e.kind == compiler::AbiEntryKind::function &&
          (compiler::abi_signature(e) == signature_or_name || e.name == signature_or_name))
        return &e;
    return nullptr;
  }
  const compiler::AbiEntry* constructor() const {
    for (const auto& e : entries)
      if (e.kind == compiler::AbiEntryKind::constructor) return &e;
    return nullptr;
  }
};

/// "t1,t2" of an entry's inputs.
std::string input_types(const compiler::AbiEntry& e) {
  std::string out;
  for (size_t i = 0; i < e.inputs.size(); ++i)
    out += (i ? "," : "") + compiler::canonical_type(e.inputs[i]);
  return out;
}

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
  const bool is_source = std::filesystem::path(opt.file).extension() == ".tn";
  if (!is_source && !opt.contract.empty()) {
    print_error("--contract applies to .tn files only");
    return kExitUsage;
  }

  // The code, and for a .tn file its ABI.
  std::optional<ContractAbi> abi;
  std::vector<uint8_t> code;
  std::optional<compiler::CodegenResult> line_table;
  if (is_source) {
    std::string diagnostics;
    auto file = check_file(opt.file, diagnostics);
    std::cerr << diagnostics;
    if (!file) return kExitFailure;
    auto contract = pick_contract(*file, opt.contract);
    if (!contract) {
      print_error(contract.error().message);
      return kExitUsage;
    }
    auto compiled = compile(*file, **contract, opt.optimization);
    if (!compiled) {
      print_error(compiled.error().message);
      return kExitFailure;
    }
    code = compiled->bytecode;
    line_table = std::move(compiled->code);
    abi = ContractAbi{compiler::contract_abi(*file->program, **contract)};
  } else {
    auto loaded = load_bytecode(opt.file);
    if (!loaded) {
      print_error(loaded.error().message);
      return kExitFailure;
    }
    code = std::move(*loaded);
  }

  // The call data.
  std::vector<uint8_t> input;
  const compiler::AbiEntry* function = nullptr;
  if (!opt.calldata.empty()) {
    auto data = vm::hex_decode(opt.calldata);
    if (!data) {
      print_error("--calldata: " + data.error().message);
      return kExitUsage;
    }
    input = *data;
  } else if (!opt.sig.empty()) {
    std::string sig = opt.sig;
    if (abi) {
      auto canonical = canonical_signature(sig);
      function = abi->find_function(sig.find('(') == std::string::npos || !canonical ? sig : *canonical);
      if (function)
        sig = compiler::abi_signature(*function);
      else if (sig.find('(') == std::string::npos) {
        print_error("--sig: the contract has no function '" + sig + "'");
        return kExitUsage;
      }
    }
    auto data = encode_call(sig, opt.args);
    if (!data) {
      print_error("--sig: " + data.error().message);
      return kExitUsage;
    }
    input = *data;
  } else if (!opt.args.empty()) {
    print_error("arguments given without --sig");
    return kExitUsage;
  }

  // The constructor arguments.
  std::vector<uint8_t> ctor_data;
  if (!opt.ctor.empty() || !opt.ctor_args.empty()) {
    std::string types = opt.ctor;
    if (types.empty() && abi) {
      const compiler::AbiEntry* ctor = abi->constructor();
      if (ctor == nullptr) {
        print_error("--args: the contract has no init, so it takes no constructor arguments");
        return kExitUsage;
      }
      types = input_types(*ctor);
    } else if (types.empty()) {
      print_error("--args: give the constructor's types with --ctor \"types\" for a " +
                  std::filesystem::path(opt.file).extension().string() + " file");
      return kExitUsage;
    }
    auto data = encode_arguments(types, opt.ctor_args);
    if (!data) {
      print_error("--args: " + data.error().message);
      return kExitUsage;
    }
    ctor_data = *data;
  }
  code.insert(code.end(), ctor_data.begin(), ctor_data.end());

  vm::Vm machine;
  StderrTracer tracer;
  if (opt.trace) machine.set_tracer(&tracer);
  if (line_table) tracer.set_line_table(&*line_table);
  vm::TxContext context;
  context.chain_id = vm::Word{31337};
  context.gas_limit = 30'000'000;
  context.number = 1;
  context.timestamp = 1;
  vm::JournaledHost host(machine, context);
  const vm::Address sender = *vm::parse_address(kDefaultSender);
  host.set_balance(sender,
                   vm::mul(vm::Word{1'000'000'000'000'000'000ull}, vm::Word{1'000'000'000ull}));
  const std::span<const compiler::AbiEntry> errors =
      abi ? std::span<const compiler::AbiEntry>(abi->entries)
          : std::span<const compiler::AbiEntry>();

  const vm::ExecResult deployed = host.deploy(sender, code, opt.gas);
  if (deployed.status != vm::Status::Success) {
    const std::string why = !deployed.reason.empty() ? deployed.reason
                            : deployed.status == vm::Status::Revert
                                ? describe_revert(decode_revert(deployed.output, errors))
                                : vm::hex_encode(deployed.output);
    if (opt.json) {
      std::cout << nlohmann::json{{"status", json_status(deployed.status)},
                                  {"gasUsed", opt.gas - deployed.gas_left},
                                  {"returnData", vm::hex_encode(deployed.output)},
                                  {"error", "deployment failed: " + why}}
                       .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    } else {
      print_error("deployment failed (" + std::string(vm::status_name(deployed.status)) +
                  "): " + why);
    }
    return kExitFailure;
  }
  const size_t logs_before = host.logs().size();
  const vm::ExecResult r = host.transact(sender, deployed.created, input, opt.gas, *value);
  const int64_t gas_used = opt.gas - r.gas_left;
  const std::vector<vm::LogEntry> logs(host.logs().begin() + static_cast<ptrdiff_t>(logs_before),
                                       host.logs().end());
  const bool reverted = r.status == vm::Status::Revert;

  // Results decoded by the function's ABI outputs.
  std::vector<std::string> decoded;
  if (function != nullptr && r.status == vm::Status::Success) {
    std::vector<AbiType> types;
    for (const auto& p : function->outputs) {
      auto t = parse_abi_type(compiler::canonical_type(p));
      if (t) types.push_back(std::move(*t));
    }
    auto values = decode_values(types, r.output);
    if (values)
      decoded = std::move(*values);
    else
      print_warning("the result does not decode as " + function->name +
                    "'s outputs: " + values.error().message);
  }

  if (opt.json) {
    nlohmann::json out{{"status", json_status(r.status)},
                       {"gasUsed", gas_used},
                       {"returnData", vm::hex_encode(r.output)},
                       {"decoded", decoded},
                       {"logs", logs_json(logs)}};
    if (reverted) {
      const DecodedRevert d = decode_revert(r.output, errors);
      nlohmann::json rev{{"kind", d.kind}, {"name", d.name}, {"args", d.args}};
      if (!d.message.empty()) rev["message"] = d.message;
      if (d.code) rev["code"] = *d.code;
      out["revert"] = rev;
    }
    if (!r.reason.empty() && r.status != vm::Status::Success) out["reason"] = r.reason;
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << "deployed at " << vm::to_hex(deployed.created) << " (gas "
              << opt.gas - deployed.gas_left << ")\n";
    std::cout << "status:      " << vm::status_name(r.status);
    if (!r.reason.empty() && r.status != vm::Status::Success) std::cout << " (" << r.reason << ")";
    std::cout << "\ngas used:    " << gas_used << "\n";
    if (reverted) {
      std::cout << "revert:      " << describe_revert(decode_revert(r.output, errors)) << "\n";
      std::cout << "revert data: " << vm::hex_encode(r.output) << "\n";
    } else {
      std::cout << "return data: " << vm::hex_encode(r.output) << "\n";
      if (!decoded.empty()) {
        std::cout << "returns:     ";
        for (size_t i = 0; i < decoded.size(); ++i) std::cout << (i ? ", " : "") << decoded[i];
        std::cout << "\n";
      }
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
  CLI::App* app =
      parent.add_subcommand("run", "Deploy bytecode into a throw-away state and make one call");
  app->add_option("FILE", opt->file,
                  "a Tenet source (.tn, compiled first) or bytecode (.tasm or .tbc)")
      ->required();
  // The arguments of --sig are taken from what is left after parsing (allow_extras), and
  // --args takes its values without CLI11's own "[a,b]" list splitting, so that array
  // arguments such as [1,2] reach the ABI encoder whole.
  app->allow_extras();
  app->add_option("--calldata", opt->calldata, "raw call data (0x-hex)");
  app->add_option("--sig", opt->sig, "function signature, e.g. \"transfer(address,uint256)\"");
  app->add_option(
      "--ctor", opt->ctor,
      "constructor parameter types, e.g. \"uint256,address\" (a .tn file's come from its init)");
  app->add_option("--args", opt->ctor_args,
                  "constructor arguments, parsed by the constructor's types")
      ->expected(1, 1 << 20)
      ->allow_extra_args(false);
  app->add_option("--contract", opt->contract,
                  "the contract of a .tn file (default: the last one declared)");
  app->add_option("-O", opt->optimization, "optimisation level for a .tn file: -O0, -O1 or -O2")
      ->check(CLI::Range(0, 2))
      ->capture_default_str();
  app->add_option("--gas", opt->gas, "gas limit of the deployment and of the call")
      ->capture_default_str();
  app->add_option("--value", opt->value, "native coin sent with the call")->capture_default_str();
  app->add_flag("--trace", opt->trace, "print every executed instruction to stderr");
  app->add_flag("--json", opt->json, "print the result as one JSON object");
  app->footer("ARGS after the options are the arguments of --sig, parsed by their ABI types.");
  return {app, [opt, app] {
            opt->args = app->remaining();
            for (std::string& a : opt->args) a = restore_negative(a);
            for (std::string& a : opt->ctor_args) a = restore_negative(a);
            opt->value = restore_negative(opt->value);
            for (const std::string& a : opt->args)
              if (a.starts_with("--")) {
                print_error("unknown option '" + a + "'");
                return kExitUsage;
              }
            return run(*opt);
          }};
}

}  // namespace tenet::cli

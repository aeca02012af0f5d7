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

#include "commands.hpp"
#include "common.hpp"
#include "tenet/abi/call.hpp"
#include "tenet/abi/revert.hpp"
#include "tenet/abi/signature.hpp"
#include "tenet/abi/values.hpp"
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

/// A log topic (or any word) as `0x` + all 64 hex digits, leading zeros kept.
std::string word_hex(const vm::Word& w) {
  return vm::hex_encode(vm::word_to_be(w));
}

nlohmann::json logs_json(const std::vector<vm::LogEntry>& logs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& log : logs) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& t : log.topics) topics.push_back(word_hex(t));
    out.push_back({{"address", vm::to_hex(log.address)},
                   {"topics", topics},
                   {"data", vm::hex_encode(log.data)}});
  }
  return out;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The options of `tenet run` (docs/cli.md).
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

/// Why a run stopped before it could report a call: what `error:` says, the exit code,
/// and for a failed deployment the object `--json` prints instead.
struct Failure {
  Failure() = default;
  /// A failure with exit code `exit_code`; `diagnostics` are printed before the message.
  Failure(std::string message_, int exit_code_ = kExitUsage, std::string diagnostics_ = "",
          std::optional<nlohmann::json> json_ = std::nullopt)
      : message(std::move(message_)),
        exit_code(exit_code_),
        diagnostics(std::move(diagnostics_)),
        json(std::move(json_)) {}
  std::string message;                 ///< the error message ("" when diagnostics say it)
  int exit_code = kExitUsage;          ///< kExitUsage or kExitFailure
  std::string diagnostics;             ///< rendered compiler diagnostics, printed first
  std::optional<nlohmann::json> json;  ///< the --json form, when there is one
};

/// A step's value, or the Failure that ends the run.
template <class T>
struct Outcome {
  Outcome(T v) : value(std::move(v)) {}          // NOLINT: implicit by design
  Outcome(Failure f) : failure(std::move(f)) {}  // NOLINT: implicit by design
  explicit operator bool() const { return value.has_value(); }
  std::optional<T> value;  ///< set on success
  Failure failure;         ///< set otherwise
};

/// The code to deploy and, for a `.tn` file, what its source tells about it.
struct Program {
  std::vector<uint8_t> code;                          ///< the container
  std::string contract;                               ///< the contract's name (.tn)
  std::optional<std::vector<abi::AbiEntry>> abi;      ///< the contract's ABI (.tn)
  std::optional<compiler::CodegenResult> line_table;  ///< for --trace (.tn)
  std::string warnings;                               ///< rendered compiler warnings

  /// The function of the ABI named `signature_or_name` ("transfer" or its canonical
  /// signature), or null — also for a name several functions share (`overloads`).
  const abi::AbiEntry* function(const std::string& signature_or_name) const {
    if (overloads(signature_or_name).size() > 1) return nullptr;
    if (abi)
      for (const auto& e : *abi)
        if (e.kind == abi::AbiEntryKind::function &&
            (e.name == signature_or_name || abi::abi_signature(e) == signature_or_name))
          return &e;
    return nullptr;
  }
  /// The signatures of the ABI's functions named `name` (1.1: functions may share an
  /// external name when their signatures differ).
  std::vector<std::string> overloads(const std::string& name) const {
    std::vector<std::string> out;
    if (abi)
      for (const auto& e : *abi)
        if (e.kind == abi::AbiEntryKind::function && e.name == name)
          out.push_back(abi::abi_signature(e));
    return out;
  }
  /// The constructor of the ABI, or null.
  const abi::AbiEntry* constructor() const {
    if (abi)
      for (const auto& e : *abi)
        if (e.kind == abi::AbiEntryKind::constructor) return &e;
    return nullptr;
  }
  /// The ABI's entries (custom errors among them) for decoding reverts; none for bytecode.
  std::span<const abi::AbiEntry> errors() const {
    return abi ? std::span<const abi::AbiEntry>(*abi) : std::span<const abi::AbiEntry>();
  }
};

/// The encoded deployment and call.
struct Encoded {
  std::vector<uint8_t> deployment;          ///< the code, then the constructor arguments
  std::vector<uint8_t> input;               ///< the call data
  const abi::AbiEntry* function = nullptr;  ///< the called function, when the ABI has it
  vm::Word value;                           ///< --value
};

/// What the deployment and the call did.
struct Executed {
  vm::Address address;             ///< where the contract was deployed
  int64_t deploy_gas = 0;          ///< gas the deployment used
  vm::ExecResult call;             ///< the call's result
  int64_t gas_used = 0;            ///< gas the call used
  std::vector<vm::LogEntry> logs;  ///< the call's logs
};

// ---- load ----

/// The options that are wrong whatever the file holds; the --value on success.
Outcome<vm::Word> check_options(const RunOptions& opt) {
  if (!opt.calldata.empty() && !opt.sig.empty())
    return Failure{"--calldata and --sig cannot be used together"};
  auto value = vm::parse_word(opt.value);
  if (!value) return Failure{"--value: '" + opt.value + "' is not an integer"};
  const bool is_source = std::filesystem::path(opt.file).extension() == ".tn";
  if (!is_source && !opt.contract.empty()) return Failure{"--contract applies to .tn files only"};
  return *value;
}

/// Compiles a `.tn` file, or reads a `.tasm`/`.tbc` container.
Outcome<Program> load(const RunOptions& opt) {
  Program program;
  if (std::filesystem::path(opt.file).extension() != ".tn") {
    auto loaded = load_bytecode(opt.file);
    if (!loaded) return Failure{loaded.error().message, kExitFailure};
    program.code = std::move(*loaded);
    return program;
  }
  auto file = check_file(opt.file, program.warnings);
  if (!file) return Failure{"", kExitFailure, program.warnings};
  auto contract = pick_contract(*file, opt.contract);
  if (!contract) return Failure{contract.error().message, kExitUsage, program.warnings};
  auto compiled = compile(*file, **contract, opt.optimization);
  if (!compiled) return Failure{compiled.error().message, kExitFailure, program.warnings};
  program.code = std::move(compiled->bytecode);
  program.contract = (*contract)->name;
  program.line_table = std::move(compiled->code);
  program.abi = compiler::contract_abi(*file->program, **contract);
  return program;
}

// ---- encode ----

/// The call data of --calldata or --sig; for a `.tn` file --sig may name a function of
/// its ABI, whose outputs then decode the result.
Outcome<Encoded> encode_call_data(const RunOptions& opt, const Program& program) {
  Encoded out;
  if (!opt.calldata.empty()) {
    auto data = vm::hex_decode(opt.calldata);
    if (!data) return Failure{"--calldata: " + data.error().message};
    out.input = std::move(*data);
    return out;
  }
  if (opt.sig.empty()) {
    if (!opt.args.empty()) return Failure{"arguments given without --sig"};
    return out;
  }
  const bool by_name = opt.sig.find('(') == std::string::npos;
  auto parsed = abi::parse_signature(opt.sig);
  out.function = program.function(by_name || !parsed ? opt.sig : parsed->canonical());
  if (const auto sigs = program.overloads(opt.sig); by_name && sigs.size() > 1) {
    std::string list;
    for (size_t i = 0; i < sigs.size(); ++i)
      list += (i == 0 ? "" : i + 1 == sigs.size() ? " or " : ", ") + sigs[i];
    return Failure{"--sig: '" + opt.sig + "' names " + std::to_string(sigs.size()) +
                   " functions; give the signature: " + list};
  }
  if (program.abi && by_name && out.function == nullptr)
    return Failure{"--sig: the contract has no function '" + opt.sig + "'"};
  auto signature = out.function != nullptr ? abi::signature_of(*out.function) : parsed;
  if (!signature) return Failure{"--sig: " + signature.error().message};
  auto data = abi::encode_call(*signature, opt.args);
  if (!data) return Failure{"--sig: " + data.error().message};
  out.input = std::move(*data);
  return out;
}

/// "3 arguments (string name, string symbol, uint256 supply)".
std::string describe_parameters(const abi::AbiEntry& entry) {
  std::string list;
  for (const auto& p : entry.inputs)
    list +=
        (list.empty() ? "" : ", ") + abi::canonical_type(p) + (p.name.empty() ? "" : " ") + p.name;
  const size_t n = entry.inputs.size();
  return std::to_string(n) + (n == 1 ? " argument (" : " arguments (") + list + ")";
}

/// The constructor's parameters: --ctor's types, else the `.tn` file's init.
Outcome<abi::Signature> constructor_parameters(const RunOptions& opt, const Program& program) {
  if (!opt.ctor.empty()) {
    auto parsed = abi::parse_signature("constructor(" + opt.ctor + ")");
    if (!parsed) return Failure{"--args: " + parsed.error().message};
    parsed->written = "(" + opt.ctor + ")";
    return *parsed;
  }
  if (!program.abi)
    return Failure{"--args: give the constructor's types with --ctor \"types\" for a " +
                   std::filesystem::path(opt.file).extension().string() + " file"};
  const abi::AbiEntry* ctor = program.constructor();
  if (ctor == nullptr)
    return Failure{"--args: the contract has no init, so it takes no constructor arguments"};
  auto signature = abi::signature_of(*ctor);
  if (!signature) return Failure{"--args: " + signature.error().message};
  signature->written = "(" + abi::type_list_name(signature->inputs) + ")";
  return *signature;
}

/// The deployment: the code, then the ABI-encoded --args. A `.tn` contract whose init
/// takes parameters needs them.
Outcome<std::vector<uint8_t>> encode_deployment(const RunOptions& opt, const Program& program) {
  std::vector<uint8_t> deployment = program.code;
  if (opt.ctor.empty() && opt.ctor_args.empty()) {
    const abi::AbiEntry* ctor = program.constructor();
    if (ctor != nullptr && !ctor->inputs.empty())
      return Failure{"the constructor of " + program.contract + " takes " +
                     describe_parameters(*ctor) + "; pass " +
                     (ctor->inputs.size() == 1 ? "it" : "them") + " with --args"};
    return deployment;
  }
  auto parameters = constructor_parameters(opt, program);
  if (!parameters) return parameters.failure;
  auto data = abi::encode_arguments(*parameters.value, opt.ctor_args);
  if (!data) return Failure{"--args: " + data.error().message};
  deployment.insert(deployment.end(), data->begin(), data->end());
  return deployment;
}

/// The deployment and the call, encoded.
Outcome<Encoded> encode(const RunOptions& opt, const Program& program, const vm::Word& value) {
  auto call = encode_call_data(opt, program);
  if (!call) return call;
  auto deployment = encode_deployment(opt, program);
  if (!deployment) return deployment.failure;
  call.value->deployment = std::move(*deployment.value);
  call.value->value = value;
  return call;
}

// ---- execute ----

/// Deploys and calls in a fresh in-memory state, from the funded default sender.
Outcome<Executed> execute(const RunOptions& opt, const Program& program, const Encoded& encoded) {
  vm::Vm machine;
  StderrTracer tracer;
  if (opt.trace) machine.set_tracer(&tracer);
  if (program.line_table) tracer.set_line_table(&*program.line_table);
  vm::TxContext context;
  context.chain_id = vm::Word{31337};
  context.gas_limit = 30'000'000;
  context.number = 1;
  context.timestamp = 1;
  context.difficulty = vm::Word{1};  // base fee 0, zero block hashes (language.md §9)
  vm::JournaledHost host(machine, context);
  const vm::Address sender = *vm::parse_address(kDefaultSender);
  host.set_balance(sender,
                   vm::mul(vm::Word{1'000'000'000'000'000'000ull}, vm::Word{1'000'000'000ull}));

  const vm::ExecResult deployed = host.deploy(sender, encoded.deployment, opt.gas);
  if (deployed.status != vm::Status::Success) {
    const std::string why =
        !deployed.reason.empty() ? deployed.reason
        : deployed.status == vm::Status::Revert
            ? abi::describe_revert(abi::decode_revert(deployed.output, program.errors()))
            : vm::hex_encode(deployed.output);
    return Failure{
        "deployment failed (" + std::string(vm::status_name(deployed.status)) + "): " + why,
        kExitFailure, "",
        nlohmann::json{{"status", json_status(deployed.status)},
                       {"gasUsed", opt.gas - deployed.gas_left},
                       {"returnData", vm::hex_encode(deployed.output)},
                       {"error", "deployment failed: " + why}}};
  }
  Executed out;
  out.address = deployed.created;
  out.deploy_gas = opt.gas - deployed.gas_left;
  const size_t logs_before = host.logs().size();
  out.call = host.transact(sender, deployed.created, encoded.input, opt.gas, encoded.value);
  out.gas_used = opt.gas - out.call.gas_left;
  out.logs.assign(host.logs().begin() + static_cast<ptrdiff_t>(logs_before), host.logs().end());
  return out;
}

// ---- print ----

/// The results decoded by the called function's ABI outputs (none when unknown).
std::vector<std::string> decode_results(const Encoded& encoded, const vm::ExecResult& call) {
  if (encoded.function == nullptr || call.status != vm::Status::Success) return {};
  auto types = abi::types_of(encoded.function->outputs);
  auto values = types ? abi::decode_values(*types, call.output)
                      : vm::Result<std::vector<std::string>>(types.error());
  if (values) return std::move(*values);
  print_warning("the result does not decode as " + encoded.function->name +
                "'s outputs: " + values.error().message);
  return {};
}

void print_json(const Program& program, const Executed& run,
                const std::vector<std::string>& decoded) {
  const vm::ExecResult& r = run.call;
  nlohmann::json out{{"status", json_status(r.status)},
                     {"gasUsed", run.gas_used},
                     {"returnData", vm::hex_encode(r.output)},
                     {"decoded", decoded},
                     {"logs", logs_json(run.logs)}};
  if (r.status == vm::Status::Revert) {
    const abi::DecodedRevert d = abi::decode_revert(r.output, program.errors());
    nlohmann::json rev{{"kind", d.kind}, {"name", d.name}, {"args", d.args}};
    if (!d.message.empty()) rev["message"] = d.message;
    if (d.code) rev["code"] = *d.code;
    out["revert"] = rev;
  }
  if (!r.reason.empty() && r.status != vm::Status::Success) out["reason"] = r.reason;
  std::cout << dump(out) << "\n";
}

void print_readable(const Program& program, const Executed& run,
                    const std::vector<std::string>& decoded) {
  const vm::ExecResult& r = run.call;
  std::cout << "deployed at " << vm::to_hex(run.address) << " (gas " << run.deploy_gas << ")\n";
  std::cout << "status:      " << vm::status_name(r.status);
  if (!r.reason.empty() && r.status != vm::Status::Success) std::cout << " (" << r.reason << ")";
  std::cout << "\ngas used:    " << run.gas_used << "\n";
  if (r.status == vm::Status::Revert) {
    std::cout << "revert:      "
              << abi::describe_revert(abi::decode_revert(r.output, program.errors())) << "\n";
    std::cout << "revert data: " << vm::hex_encode(r.output) << "\n";
  } else {
    std::cout << "return data: " << vm::hex_encode(r.output) << "\n";
    if (!decoded.empty()) {
      std::cout << "returns:     ";
      for (size_t i = 0; i < decoded.size(); ++i) std::cout << (i ? ", " : "") << decoded[i];
      std::cout << "\n";
    }
  }
  for (const auto& log : run.logs) {
    std::cout << "log from " << vm::to_hex(log.address) << ":";
    for (const auto& t : log.topics) std::cout << " " << word_hex(t);
    std::cout << " data " << vm::hex_encode(log.data) << "\n";
  }
}

/// The one place a failed run is reported: the --json object when there is one, else
/// `error: …` (compiler diagnostics as they are).
int report_failure(const RunOptions& opt, const Failure& failure) {
  std::cerr << failure.diagnostics;
  if (opt.json && failure.json)
    std::cout << dump(*failure.json) << "\n";
  else if (!failure.message.empty())
    print_error(failure.message);
  return failure.exit_code;
}

/// load → encode → execute → print.
int run(const RunOptions& opt) {
  auto value = check_options(opt);
  if (!value) return report_failure(opt, value.failure);
  auto program = load(opt);
  if (!program) return report_failure(opt, program.failure);
  std::cerr << program.value->warnings;
  auto encoded = encode(opt, *program.value, *value.value);
  if (!encoded) return report_failure(opt, encoded.failure);
  auto executed = execute(opt, *program.value, *encoded.value);
  if (!executed) return report_failure(opt, executed.failure);
  const std::vector<std::string> decoded = decode_results(*encoded.value, executed.value->call);
  if (opt.json)
    print_json(*program.value, *executed.value, decoded);
  else
    print_readable(*program.value, *executed.value, decoded);
  return executed.value->call.status == vm::Status::Success ? kExitOk : kExitFailure;
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

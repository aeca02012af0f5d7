// `tenet call ADDR "fn(types)(results)" [ARGS…]`: a read-only eth_call; prints the decoded
// results one per line (types from the signature's second list, or from an artifact of
// out/ declaring the function), else the raw return data (toolchain.md §1, docs/cli.md).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "rpc_commands_common.hpp"
#include "tenet/abi/call.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::cli {
namespace {

struct CallOptions {
  RpcOptions rpc;
  std::string address;
  std::string signature;
};

int call(const CallOptions& options) {
  auto artifacts = ArtifactSet::load(options.rpc.root);
  if (!artifacts) return report({artifacts.error().message, kExitFailure});
  const auto to = vm::parse_address(options.address);
  if (!to) return report({"'" + options.address + "' is not an address", kExitUsage});
  auto signature = parse_call_signature(options.signature, *artifacts);
  if (!signature) return report(signature.error());
  auto data = abi::encode_call(signature->function, options.rpc.args);
  if (!data) return report({data.error().message, kExitUsage});
  nlohmann::json object{{"to", vm::to_hex(*to)}, {"data", vm::hex_encode(*data)}};
  if (!options.rpc.from.empty()) {
    const auto from = vm::parse_address(options.rpc.from);
    if (!from) return report({"--from: '" + options.rpc.from + "' is not an address", kExitUsage});
    object["from"] = vm::to_hex(*from);
  }
  auto client = connect(options.rpc);
  if (!client) return report(client.error());
  auto result = client->call("eth_call", nlohmann::json::array({object, "latest"}));
  if (!result) return report(rpc_failure(result.error(), "call", *artifacts));
  const std::string hex = result->is_string() ? result->get<std::string>() : result->dump();
  auto output = vm::hex_decode(hex);
  if (!output) return report({"eth_call answered " + result->dump(), kExitFailure});
  if (!signature->results) {
    std::cout << hex << "\n";
    return kExitOk;
  }
  if (output->empty() && !signature->results->empty()) {
    auto code = client->call("eth_getCode", nlohmann::json::array({vm::to_hex(*to), "latest"}));
    if (code && *code == "0x")
      return report({"call failed: " + vm::to_hex(*to) + " has no code", kExitFailure});
  }
  auto values = abi::decode_values(*signature->results, *output);
  if (!values)
    return report({"the result " + hex + " does not decode as (" +
                       abi::type_list_name(*signature->results) + "): " + values.error().message,
                   kExitFailure});
  for (const std::string& v : *values) std::cout << v << "\n";
  return kExitOk;
}

}  // namespace

Command add_call_command(CLI::App& parent) {
  auto options = std::make_shared<CallOptions>();
  CLI::App* app = parent.add_subcommand("call", "Call a contract read-only (eth_call)");
  app->add_option("ADDR", options->address, "the contract's address")->required();
  app->add_option("SIG", options->signature,
                  "\"fn(types)\" or \"fn(types)(results)\" (cast's form), or a function name "
                  "of an artifact in out/")
      ->required();
  add_rpc_options(*app, options->rpc);
  app->add_option("--from", options->rpc.from, "the caller (msg.sender) of the call");
  app->footer("ARGS after SIG are the function's arguments, parsed by their ABI types.");
  return {app, [options, app] {
            auto args = take_arguments(*app);
            if (!args) return report(args.error());
            options->rpc.args = std::move(*args);
            return call(*options);
          }};
}

}  // namespace tenet::cli

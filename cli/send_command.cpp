// `tenet send ADDR "fn(types)" [ARGS…]`: sends a transaction, waits for its receipt and prints
// its status, gas, decoded events or decoded revert (toolchain.md §1, docs/cli.md). The gas
// is estimated first: a transaction that would revert is reported and not sent, unless
// --gas is given.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "rpc_commands_common.hpp"
#include "tenet/abi/call.hpp"

namespace tenet::cli {
namespace {

struct SendOptions {
  RpcOptions rpc;
  std::string address;
  std::string signature;
};

int send(const SendOptions& options) {
  auto artifacts = ArtifactSet::load(options.rpc.root);
  if (!artifacts) return report({artifacts.error().message, kExitFailure});
  const auto to = vm::parse_address(options.address);
  if (!to) return report({"'" + options.address + "' is not an address", kExitUsage});
  TxRequest request;
  request.to = *to;
  auto value = parse_value(options.rpc.value);
  if (!value) return report({value.error().message, kExitUsage});
  request.value = *value;
  if (!options.signature.empty()) {
    auto signature = parse_call_signature(options.signature, *artifacts);
    if (!signature) return report(signature.error());
    auto data = abi::encode_call(signature->function, options.rpc.args);
    if (!data) return report({data.error().message, kExitUsage});
    request.data = std::move(*data);
  } else if (!options.rpc.args.empty()) {
    return report({"arguments given without a signature", kExitUsage});
  }
  auto client = connect(options.rpc);
  if (!client) return report(client.error());
  auto mined = send_transaction(*client, options.rpc, request, *artifacts);
  if (!mined) return report(mined.error());
  return print_receipt(*mined, *artifacts) ? kExitOk : kExitFailure;
}

}  // namespace

Command add_send_command(CLI::App& parent) {
  auto options = std::make_shared<SendOptions>();
  CLI::App* app =
      parent.add_subcommand("send", "Send a transaction to a node and wait for its receipt");
  app->add_option("ADDR", options->address, "the recipient (a contract or an account)")->required();
  app->add_option("SIG", options->signature,
                  "\"fn(types)\", or a function name of an artifact in out/ (none: a plain "
                  "transfer of --value)");
  add_rpc_options(*app, options->rpc);
  add_sender_options(*app, options->rpc);
  app->footer("ARGS after SIG are the function's arguments, parsed by their ABI types.");
  return {app, [options, app] {
            auto args = take_arguments(*app);
            if (!args) return report(args.error());
            options->rpc.args = std::move(*args);
            options->rpc.value = restore_negative(options->rpc.value);
            return send(*options);
          }};
}

}  // namespace tenet::cli

// `tenet deploy CONTRACT [ARGS…]`: deploys the artifact out/CONTRACT.json to a node, its
// constructor arguments ABI-encoded from ARGS, waits for the receipt and prints the address
// and transaction hash (toolchain.md §1, docs/cli.md).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "rpc_commands_common.hpp"
#include "tenet/abi/call.hpp"
#include "tenet/vm/address.hpp"

namespace tenet::cli {
namespace {

/// The deployment's data: the container, then the constructor arguments.
Step<std::vector<uint8_t>> deployment_data(const Artifact& artifact,
                                           const std::vector<std::string>& args) {
  std::vector<uint8_t> data = artifact.bytecode;
  const abi::AbiEntry* ctor = nullptr;
  for (const auto& e : artifact.abi)
    if (e.kind == abi::AbiEntryKind::constructor) ctor = &e;
  if (ctor == nullptr) {
    if (!args.empty())
      return CommandFailure{artifact.name + " has no init, so it takes no constructor arguments",
                            kExitUsage};
    return data;
  }
  auto signature = abi::signature_of(*ctor);
  if (!signature) return CommandFailure{signature.error().message, kExitFailure};
  signature->written = artifact.name + "(" + abi::type_list_name(signature->inputs) + ")";
  auto encoded = abi::encode_arguments(*signature, args);
  if (!encoded)
    return CommandFailure{"constructor arguments: " + encoded.error().message, kExitUsage};
  data.insert(data.end(), encoded->begin(), encoded->end());
  return data;
}

int deploy(const RpcOptions& options, const std::string& contract) {
  auto artifacts = ArtifactSet::load(options.root);
  if (!artifacts) return report({artifacts.error().message, kExitFailure});
  const Artifact* artifact = artifacts->find(contract);
  if (artifact == nullptr)
    return report({"no artifact of '" + contract + "' in " + shown_path(artifacts->directory()) +
                       " (run `tenet build`)",
                   kExitUsage});
  TxRequest request;
  auto value = parse_value(options.value);
  if (!value) return report({value.error().message, kExitUsage});
  request.value = *value;
  auto data = deployment_data(*artifact, options.args);
  if (!data) return report(data.error());
  request.data = std::move(*data);
  auto client = connect(options);
  if (!client) return report(client.error());
  auto mined = send_transaction(*client, options, request, *artifacts);
  if (!mined) return report(mined.error());
  const bool success = print_receipt(*mined, *artifacts);
  const std::string address = mined->receipt.value("contractAddress", nlohmann::json()).is_string()
                                  ? mined->receipt.at("contractAddress").get<std::string>()
                                  : "";
  if (!success) {
    print_error("the deployment of " + contract + " reverted");
    return kExitFailure;
  }
  std::cout << "deployed:    " << artifact->name << " at " << address << "\n";
  return kExitOk;
}

}  // namespace

Command add_deploy_command(CLI::App& parent) {
  auto options = std::make_shared<RpcOptions>();
  auto contract = std::make_shared<std::string>();
  CLI::App* app = parent.add_subcommand("deploy", "Deploy a contract of out/ to a node");
  app->add_option("CONTRACT", *contract, "the contract's name (its artifact out/CONTRACT.json)")
      ->required();
  add_rpc_options(*app, *options);
  add_sender_options(*app, *options);
  app->footer("ARGS after CONTRACT are the constructor's arguments, parsed by their ABI types.");
  return {app, [options, contract, app] {
            auto args = take_arguments(*app);
            if (!args) return report(args.error());
            options->args = std::move(*args);
            options->value = restore_negative(options->value);
            return deploy(*options, *contract);
          }};
}

}  // namespace tenet::cli

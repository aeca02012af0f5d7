/// \file
/// What the method handlers share (methods.hpp).

#include "json_codec.hpp"
#include "methods.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node::rpc {

const nlohmann::json& MethodCall::param(std::size_t i) const {
  static const nlohmann::json kNull;
  return i < params.size() ? params[i] : kNull;
}

MethodError internal_error(const std::string& message) {
  return MethodError{-32603, "internal error: " + message, std::nullopt};
}

Result<Header, MethodError> resolve_block(const MethodCall& call, const BlockRef& ref,
                                          std::size_t index) {
  const Chain& chain = call.service.chain();
  const auto head = call.service.head();
  const auto not_found = [&](const std::string& which) {
    return refused(RefusalKind::InvalidParams,
                   param_name(index) + ": block " + which + " not found (head is " +
                       quantity_json(head->header.number).get<std::string>() + ")");
  };
  switch (ref.kind) {
    case BlockRef::Kind::Latest:
      return head->header;
    case BlockRef::Kind::Earliest:
    case BlockRef::Kind::Number: {
      const uint64_t number = ref.kind == BlockRef::Kind::Earliest ? 0 : ref.number;
      if (number == head->header.number) return head->header;
      if (number > head->header.number) return not_found(quantity_json(number).get<std::string>());
      auto header = chain.header_by_number(number);
      if (!header) return not_found(quantity_json(number).get<std::string>());
      return *header;
    }
    case BlockRef::Kind::Hash: {
      const std::string hex = hash_json(ref.hash).get<std::string>();
      auto header = chain.header_by_hash(ref.hash);
      if (!header) return not_found(hex);
      if (ref.require_canonical && chain.hash_by_number(header->number) != ref.hash)
        return refused(RefusalKind::InvalidParams,
                       param_name(index) + ": block " + hex + " is not canonical");
      return *header;
    }
  }
  return head->header;
}

Result<Header, MethodError> block_param(const MethodCall& call, std::size_t index) {
  const nlohmann::json& p = call.param(index);
  if (p.is_null()) return call.service.head()->header;
  auto ref = parse_block_ref(p, param_name(index));
  if (!ref) return error_of(ref.error());
  return resolve_block(call, *ref, index);
}

StateAt::StateAt(const MethodCall& call, const Header& header)
    : head_(call.service.head()), view_(call.service.chain().state_at(header)) {
  const bool at_head = header == head_->header;
  backend_.emplace(view_, at_head && head_->pending ? head_->pending.get() : nullptr);
}

Result<std::optional<vm::AccountRecord>, MethodError> StateAt::account(const Address& address) {
  auto account = backend_->load_account(address);
  if (backend_->failed()) return internal_error(backend_->error().message);
  return account;
}

Result<Word, MethodError> StateAt::storage(const Address& address, const Word& key) {
  const Word value = backend_->load_storage(address, key);
  if (backend_->failed()) return internal_error(backend_->error().message);
  return value;
}

Result<Bytes, MethodError> StateAt::code(const Address& address) {
  auto account = this->account(address);
  if (!account) return account.error();
  if (!*account || (*account)->code_hash == kEmptyCodeHash) return Bytes{};
  Bytes code = backend_->load_code((*account)->code_hash);
  if (backend_->failed()) return internal_error(backend_->error().message);
  return code;
}

std::optional<MinedTx> find_mined(const NodeService& service, const Hash256& hash) {
  const auto location = service.chain().locate(hash);
  if (!location) return std::nullopt;
  auto block = service.chain().block(location->block_hash);
  if (!block || location->index >= block->transactions.size()) return std::nullopt;
  return MinedTx{std::move(*block), location->block_hash, location->index};
}

uint64_t block_size(const Block& block) {
  rlp::Writer txs;
  for (const Transaction& tx : block.transactions) {
    const Bytes raw = encode_transaction(tx);
    if (tx.type == TxType::Legacy)
      txs.raw(raw);
    else
      txs.bytes(raw);
  }
  rlp::Writer whole;
  whole.raw(encode_header(block.header)).list(txs).list(rlp::Writer{});
  return whole.list_bytes().size();
}

MethodError revert_error(const ArtifactIndex& artifacts, const TxOutcome& outcome) {
  std::string message;
  switch (outcome.status) {
    case vm::Status::OutOfGas:
      message = "execution reverted: out of gas";
      break;
    case vm::Status::Trap:
      message = "execution reverted: trap";
      if (!outcome.reason.empty()) message += ": " + outcome.reason;
      break;
    case vm::Status::Invalid:
      message = "execution reverted: invalid code";
      if (!outcome.reason.empty()) message += ": " + outcome.reason;
      break;
    default:
      message = artifacts.revert_message(outcome.output);
      break;
  }
  const int code = refusal_code(RefusalKind::ExecutionReverted);
  return MethodError{code, std::move(message), data_json(outcome.output)};
}

}  // namespace tenet::node::rpc

// The genesis block and its stored record (genesis.hpp).

#include "tenet/node/chain/genesis.hpp"

#include <nlohmann/json.hpp>

#include "tenet/node/chain/base_fee.hpp"
#include "tenet/node/chain/pow.hpp"
#include "tenet/node/trie/trie.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {

namespace {

/// The state root of `spec`'s funded accounts (their trie nodes go into `nodes`).
Hash256 genesis_state_root(const GenesisSpec& spec, NodeSink& nodes) {
  SecureTrie state(nullptr);
  AccountState account;
  account.balance = spec.balance;
  account.storage_root = kEmptyTrieRoot;
  account.code_hash = kEmptyCodeHash;
  const Bytes value = encode_account(account);
  for (const Address& address : spec.accounts) {
    // Writes to an in-memory trie cannot meet a missing node.
    (void)state.put(address.bytes, value);
  }
  return state.commit(nodes);
}

std::string genesis_hex(const Hash256& hash) {
  return vm::hex_encode(hash);
}

/// Reads a 0x-hex or decimal word field of the record.
Result<Word> genesis_word_field(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_string()) {
    return vm::Error{std::string("genesis record: ") + field + " missing"};
  }
  auto w = vm::parse_word(j[field].get<std::string>());
  if (!w) return vm::Error{std::string("genesis record: ") + field + " malformed"};
  return *w;
}

/// Reads an unsigned integer field of the record.
Result<uint64_t> genesis_uint_field(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_number_unsigned()) {
    return vm::Error{std::string("genesis record: ") + field + " missing"};
  }
  return j[field].get<uint64_t>();
}

std::string first_account_text(const GenesisSpec& spec) {
  return spec.accounts.empty() ? std::string("none") : vm::to_hex(spec.accounts.front());
}

/// One comparable field: its flag name and its text in the stored and the given spec.
struct GenesisField {
  const char* flag;
  std::string stored;
  std::string given;
};

std::vector<GenesisField> genesis_fields(const GenesisSpec& stored, const GenesisSpec& given) {
  return {
      {"chain-id", std::to_string(stored.chain_id), std::to_string(given.chain_id)},
      {"accounts", std::to_string(stored.accounts.size()), std::to_string(given.accounts.size())},
      {"mnemonic", "first account " + first_account_text(stored),
       "first account " + first_account_text(given)},
      {"balance", vm::to_decimal(stored.balance) + " wei", vm::to_decimal(given.balance) + " wei"},
      {"difficulty", vm::to_decimal(stored.difficulty), vm::to_decimal(given.difficulty)},
      {"gas-limit", std::to_string(stored.gas_limit), std::to_string(given.gas_limit)},
  };
}

}  // namespace

Block genesis_block(const GenesisSpec& spec, Store::Batch& batch) {
  Block block;
  Header& h = block.header;
  h.ommers_hash = kEmptyOmmersHash;
  h.state_root = genesis_state_root(spec, batch);
  h.transactions_root = kEmptyTrieRoot;
  h.receipts_root = kEmptyTrieRoot;
  h.difficulty = spec.difficulty.is_zero() ? Word{1} : spec.difficulty;
  h.number = 0;
  h.gas_limit = spec.gas_limit;
  h.timestamp = spec.timestamp;
  h.base_fee = Word{kInitialBaseFee};
  seal(h);
  return block;
}

std::string genesis_record(const GenesisSpec& spec, const Hash256& genesis_hash) {
  nlohmann::json accounts = nlohmann::json::array();
  for (const Address& address : spec.accounts) {
    accounts.push_back({{"address", vm::to_hex(address)}, {"balance", vm::to_hex(spec.balance)}});
  }
  nlohmann::json record = {
      {"chain_id", spec.chain_id},
      {"accounts", accounts},
      {"balance", vm::to_hex(spec.balance)},
      {"mnemonic_first_address", spec.accounts.empty() ? "" : vm::to_hex(spec.accounts.front())},
      {"difficulty", vm::to_hex(spec.difficulty)},
      {"gas_limit", spec.gas_limit},
      {"timestamp", spec.timestamp},
      {"hash", genesis_hex(genesis_hash)},
  };
  return record.dump();
}

Result<GenesisSpec> parse_genesis_record(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return vm::Error{"genesis record: not a JSON object"};
  GenesisSpec spec;
  auto chain_id = genesis_uint_field(j, "chain_id");
  if (!chain_id) return chain_id.error();
  spec.chain_id = *chain_id;
  auto balance = genesis_word_field(j, "balance");
  if (!balance) return balance.error();
  spec.balance = *balance;
  auto difficulty = genesis_word_field(j, "difficulty");
  if (!difficulty) return difficulty.error();
  spec.difficulty = *difficulty;
  auto gas_limit = genesis_uint_field(j, "gas_limit");
  if (!gas_limit) return gas_limit.error();
  spec.gas_limit = *gas_limit;
  auto timestamp = genesis_uint_field(j, "timestamp");
  if (!timestamp) return timestamp.error();
  spec.timestamp = *timestamp;
  if (!j.contains("accounts") || !j["accounts"].is_array()) {
    return vm::Error{"genesis record: accounts missing"};
  }
  for (const nlohmann::json& account : j["accounts"]) {
    if (!account.is_object() || !account.contains("address") || !account["address"].is_string()) {
      return vm::Error{"genesis record: accounts malformed"};
    }
    auto address = vm::parse_address(account["address"].get<std::string>());
    if (!address) return vm::Error{"genesis record: accounts malformed"};
    spec.accounts.push_back(*address);
  }
  return spec;
}

Result<bool> check_genesis(const GenesisSpec& stored, const GenesisSpec& given,
                           const std::set<std::string>& explicit_fields) {
  for (const GenesisField& field : genesis_fields(stored, given)) {
    if (!explicit_fields.contains(field.flag) || field.stored == field.given) continue;
    return vm::Error{std::string("--") + field.flag +
                     " conflicts with the data directory: stored " + field.stored + ", given " +
                     field.given};
  }
  return true;
}

}  // namespace tenet::node

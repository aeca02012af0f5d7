// Random ABI values for fuzzing (value_generator.hpp).
#include "tenet/runner/value_generator.hpp"

#include <algorithm>

#include "tenet/runner/environment.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::runner {
namespace {

using Kind = abi::AbiType::Kind;

uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

uint64_t load_be64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

/// 2^k as a word.
vm::Word power_of_two(unsigned k) {
  return vm::shl(vm::Word{1}, vm::Word{k});
}

/// `w` cut to the width of integer type `t`: low bits, sign-extended for intN.
vm::Word fit(const abi::AbiType& t, const vm::Word& w) {
  const vm::Word low = vm::mask_low(w, t.bits);
  return t.kind == Kind::int_ ? vm::sign_extend_bit(low, t.bits - 1) : low;
}

/// A string as a JSON string literal (printable ASCII kept, the rest escaped as \u00XX).
std::string json_quote(std::span<const uint8_t> s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (uint8_t c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out + "\"";
}

uint64_t saturating_add(uint64_t a, uint64_t b) {
  return a + b < a ? UINT64_MAX : a + b;
}
uint64_t saturating_mul(uint64_t a, uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

/// Bytes the smallest encoding of a value of `t` takes.
uint64_t minimal_bytes(const abi::AbiType& t) {
  switch (t.kind) {
    case Kind::string:
    case Kind::bytes:
      return 64;
    case Kind::array:
      if (!t.length) return 64;
      return saturating_add(t.children[0].is_dynamic() ? 32 : 0,
                            saturating_mul(*t.length, minimal_bytes(t.children[0])));
    case Kind::tuple:
      return static_input_bytes(t.children);
    default:
      return 32;
  }
}

void add_constants(std::span<const uint8_t> code, std::vector<vm::Word>& words, int depth) {
  auto parsed = vm::parse_container(code, vm::max_container_size(true));
  if (!parsed) return;
  const vm::Container& c = parsed->container;
  words.insert(words.end(), c.constants.begin(), c.constants.end());
  if (depth < 8)
    for (const auto& child : c.children) add_constants(child, words, depth + 1);
}

}  // namespace

// ---- Rng ----

Rng::Rng(const vm::Hash256& seed) {
  for (int i = 0; i < 4; ++i) s_[i] = load_be64(seed.data() + 8 * i);
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_ = {1, 2, 3, 4};
}

uint64_t Rng::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::below(uint64_t n) {
  const uint64_t threshold = (0 - n) % n;  // 2^64 mod n: values below it would bias
  for (;;) {
    const uint64_t r = next();
    if (r >= threshold) return r % n;
  }
}

vm::Word Rng::word() {
  vm::Word w;
  for (auto& limb : w.limb) limb = next();
  return w;
}

vm::Hash256 test_seed(uint64_t seed, std::string_view file, std::string_view contract,
                      std::string_view signature) {
  std::vector<uint8_t> data;
  for (int i = 7; i >= 0; --i) data.push_back(static_cast<uint8_t>(seed >> (8 * i)));
  for (std::string_view part : {file, contract, signature}) {
    data.insert(data.end(), part.begin(), part.end());
    data.push_back(0);
  }
  return vm::keccak256(data);
}

// ---- texts ----

std::string value_text(const abi::AbiType& type, const FuzzValue& value) {
  switch (type.kind) {
    case Kind::uint:
      return vm::to_decimal(value.word);
    case Kind::int_:
      return value.word.is_negative() ? "-" + vm::to_decimal(vm::negate(value.word))
                                      : vm::to_decimal(value.word);
    case Kind::boolean:
      return value.word.is_zero() ? "false" : "true";
    case Kind::address:
      return vm::to_hex(vm::to_address(value.word));
    case Kind::fixed_bytes:
    case Kind::bytes:
      return vm::hex_encode(value.bytes);
    case Kind::string:
      return json_quote(value.bytes);
    case Kind::array:
    case Kind::tuple: {
      const bool array = type.kind == Kind::array;
      std::string out(1, array ? '[' : '(');
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ',';
        out += value_text(array ? type.children[0] : type.children[i], value.items[i]);
      }
      return out + (array ? ']' : ')');
    }
  }
  return {};
}

std::vector<std::string> value_texts(std::span<const abi::AbiType> types,
                                     std::span<const FuzzValue> values) {
  std::vector<std::string> out;
  for (size_t i = 0; i < types.size() && i < values.size(); ++i)
    out.push_back(value_text(types[i], values[i]));
  return out;
}

uint64_t static_input_bytes(std::span<const abi::AbiType> types) {
  uint64_t total = 0;
  for (const auto& t : types) total = saturating_add(total, minimal_bytes(t));
  return total;
}

// ---- the dictionary ----

Dictionary Dictionary::of_state(const std::map<vm::Address, vm::Account>& accounts) {
  Dictionary d;
  d.addresses = {vm::Address{}, default_sender(), test_contract_address()};
  for (uint8_t key = 1; key <= 3; ++key) {
    vm::Hash256 private_key{};
    private_key[31] = key;
    if (auto a = vm::address_of(private_key)) d.addresses.push_back(*a);
  }
  for (const auto& [address, account] : accounts) {
    d.addresses.push_back(address);
    if (!account.code.empty()) add_constants(account.code, d.words, 0);
  }
  std::sort(d.addresses.begin(), d.addresses.end());
  d.addresses.erase(std::unique(d.addresses.begin(), d.addresses.end()), d.addresses.end());
  for (const auto& a : d.addresses) d.words.push_back(vm::to_word(a));
  std::sort(d.words.begin(), d.words.end(), vm::lt);
  d.words.erase(std::unique(d.words.begin(), d.words.end()), d.words.end());
  return d;
}

// ---- generation ----

vm::Word ValueGenerator::edge_integer(const abi::AbiType& t) {
  const bool is_signed = t.kind == Kind::int_;
  const unsigned magnitude_bits = is_signed ? t.bits - 1 : t.bits;
  const vm::Word max = vm::low_bits(magnitude_bits);
  const vm::Word min = is_signed ? vm::negate(power_of_two(magnitude_bits)) : vm::Word{};
  const vm::Word two_k = power_of_two(static_cast<unsigned>(rng_.below(magnitude_bits)));
  vm::Word w;
  switch (rng_.below(is_signed ? 10 : 8)) {
    case 0:
      w = vm::Word{0};
      break;
    case 1:
      w = vm::Word{1};
      break;
    case 2:
      w = vm::Word{2};
      break;
    case 3:
      w = max;
      break;
    case 4:
      w = vm::sub(max, vm::Word{1});
      break;
    case 5:
      w = two_k;
      break;
    case 6:
      w = vm::sub(two_k, vm::Word{1});
      break;
    case 7:
      w = vm::add(two_k, vm::Word{1});
      break;
    case 8:
      w = min;
      break;
    default:
      w = vm::add(min, vm::Word{1});
      break;
  }
  if (is_signed && rng_.chance(25)) w = vm::negate(w);  // -1, -2, -2^k, …
  return fit(t, w);
}

vm::Word ValueGenerator::integer(const abi::AbiType& t) {
  if (rng_.chance(70)) {
    if (!dict_.words.empty() && rng_.chance(35))
      return fit(t, dict_.words[rng_.below(dict_.words.size())]);
    return edge_integer(t);
  }
  return fit(t, rng_.word());
}

FuzzValue ValueGenerator::fixed_bytes(const abi::AbiType& t) {
  FuzzValue v;
  v.bytes.assign(t.bits, 0);
  const uint64_t pick = rng_.below(100);
  if (pick < 25) return v;
  if (pick < 40) {
    std::fill(v.bytes.begin(), v.bytes.end(), uint8_t{0xff});
  } else if (pick < 65 && !dict_.words.empty()) {
    const auto be = vm::word_to_be(dict_.words[rng_.below(dict_.words.size())]);
    std::copy(be.end() - t.bits, be.end(), v.bytes.begin());
  } else {
    for (auto& b : v.bytes) b = static_cast<uint8_t>(rng_.next());
  }
  return v;
}

FuzzValue ValueGenerator::byte_string(const abi::AbiType& t) {
  static constexpr uint64_t kEdgeLengths[] = {0, 1, 31, 32, 33, 64};
  const uint64_t wanted = rng_.chance(50) ? kEdgeLengths[rng_.below(std::size(kEdgeLengths))]
                                          : rng_.below(kMaxByteStringLength + 1);
  const uint64_t length = std::min(wanted, budget_);
  budget_ -= length;
  FuzzValue v;
  v.bytes.resize(length);
  if (t.kind == Kind::string) {
    for (auto& b : v.bytes) b = static_cast<uint8_t>(0x20 + rng_.below(0x7f - 0x20));
  } else if (!rng_.chance(20)) {
    for (auto& b : v.bytes) b = static_cast<uint8_t>(rng_.next());
  }
  return v;
}

FuzzValue ValueGenerator::generate(const abi::AbiType& type) {
  FuzzValue v;
  switch (type.kind) {
    case Kind::uint:
    case Kind::int_:
      v.word = integer(type);
      break;
    case Kind::boolean:
      v.word = vm::Word{rng_.below(2)};
      break;
    case Kind::address:
      v.word = rng_.chance(80) && !dict_.addresses.empty()
                   ? vm::to_word(dict_.addresses[rng_.below(dict_.addresses.size())])
                   : vm::mask_low(rng_.word(), 160);
      break;
    case Kind::fixed_bytes:
      return fixed_bytes(type);
    case Kind::string:
    case Kind::bytes:
      return byte_string(type);
    case Kind::array: {
      uint64_t n = type.length ? *type.length : rng_.below(kMaxArrayElements + 1);
      if (!type.length) {
        n = std::min(n, budget_ / 32);
        budget_ -= 32 * n;
      }
      for (uint64_t i = 0; i < n; ++i) v.items.push_back(generate(type.children[0]));
      break;
    }
    case Kind::tuple:
      for (const auto& child : type.children) v.items.push_back(generate(child));
      break;
  }
  return v;
}

std::vector<FuzzValue> ValueGenerator::generate(std::span<const abi::AbiType> types) {
  budget_ = kMaxDynamicInputBytes;
  std::vector<FuzzValue> out;
  out.reserve(types.size());
  for (const auto& t : types) out.push_back(generate(t));
  return out;
}

}  // namespace tenet::runner

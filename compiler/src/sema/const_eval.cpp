// Integer literals and the arithmetic of constant folding (arbitrary precision).

#include <cctype>

#include "sema_checker.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler::sema {

std::optional<BigInt> parse_integer_literal(const std::string& text, std::string& error) {
  std::string s;
  for (char c : text) {
    if (c != '_') s += c;
  }
  BigInt v = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    for (size_t i = 2; i < s.size(); ++i) {
      v = v * 16 + vm::hex_digit_value(s[i]);
    }
    return v;
  }
  size_t e = s.find_first_of("eE");
  std::string mantissa = e == std::string::npos ? s : s.substr(0, e);
  long exponent = 0;
  if (e != std::string::npos) {
    std::string exp_digits = s.substr(e + 1);
    if (exp_digits.size() > 4) {
      error = "literal " + text + " is too large for any integer type";
      return std::nullopt;
    }
    exponent = std::stol(exp_digits);
  }
  size_t dot = mantissa.find('.');
  std::string digits = mantissa;
  if (dot != std::string::npos) {
    std::string fraction = mantissa.substr(dot + 1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    digits = mantissa.substr(0, dot) + fraction;
    exponent -= static_cast<long>(fraction.size());
  }
  for (char c : digits) v = v * 10 + (c - '0');
  if (exponent < 0) {
    BigInt p = 1;
    for (long i = 0; i < -exponent; ++i) p *= 10;
    if (v % p != 0) {
      error = "literal " + text + " is not a whole number";
      return std::nullopt;
    }
    v /= p;
  } else {
    if (exponent > 200) {
      error = "literal " + text + " is too large for any integer type";
      return std::nullopt;
    }
    for (long i = 0; i < exponent; ++i) v *= 10;
  }
  return v;
}

bool fits(const BigInt& v, const Type& t) {
  if (!t.is_integer()) return false;
  BigInt one = 1;
  if (t.is_signed()) {
    BigInt half = one << (t.bits() - 1);
    return v >= -half && v < half;
  }
  return v >= 0 && v < (one << t.bits());
}

std::string range_text(const Type& t) {
  BigInt one = 1;
  if (t.bits() > 64) {
    if (t.is_signed()) {
      std::string b = std::to_string(t.bits() - 1);
      return "-2^" + b + "..2^" + b + "-1";
    }
    return "0..2^" + std::to_string(t.bits()) + "-1";
  }
  if (t.is_signed()) {
    BigInt half = one << (t.bits() - 1);
    return to_string(BigInt(-half)) + ".." + to_string(BigInt(half - 1));
  }
  return "0.." + to_string(BigInt((one << t.bits()) - 1));
}

BigInt wrap(const BigInt& v, const Type& t) {
  BigInt one = 1;
  BigInt modulus = one << t.bits();
  BigInt r = v % modulus;
  if (r < 0) r += modulus;
  if (t.is_signed() && r >= (modulus >> 1)) r -= modulus;
  return r;
}

BigInt fixed_bytes_value(const BigInt& v, const Type& t) {
  const unsigned low = 256 - 8 * t.bytes_width();
  BigInt word = v % (BigInt(1) << 256);
  if (word < 0) word += BigInt(1) << 256;
  return (word >> low) << low;
}

std::optional<BigInt> convert_constant(const BigInt& v, const Type& from, const Type& to) {
  auto fits_bits = [&](unsigned bits) { return v >= 0 && v < (BigInt(1) << bits); };
  if (to.is_fixed_bytes()) {
    const unsigned low = 256 - 8 * to.bytes_width();
    if (from.is_fixed_bytes()) return fixed_bytes_value(v, to);
    if (from.kind() == TypeKind::address) return BigInt(v << low);
    if (!fits_bits(8 * to.bytes_width())) return std::nullopt;
    return BigInt(v << low);
  }
  if (from.is_fixed_bytes()) return BigInt(v >> (256 - 8 * from.bytes_width()));
  return v;
}

std::string to_string(const BigInt& v) {
  return v.str();
}

std::string describe(const BigInt& v) {
  std::string s = v.str();
  if (s.size() <= 24) return s;
  BigInt a = v < 0 ? BigInt(-v) : v;
  unsigned bits = static_cast<unsigned>(boost::multiprecision::msb(a));
  if (a == BigInt(1) << bits) return std::string(v < 0 ? "-" : "") + "2^" + std::to_string(bits);
  return std::string(v < 0 ? "-" : "") + "about 2^" + std::to_string(bits);
}

ConstantValue to_constant_value(const Value& v) {
  ConstantValue out;
  switch (v.kind) {
    case Value::Kind::integer:
      out.kind = ConstantValue::Kind::integer;
      out.integer = to_string(v.integer);
      break;
    case Value::Kind::boolean:
      out.kind = ConstantValue::Kind::boolean;
      out.boolean = v.boolean;
      break;
    case Value::Kind::string:
      out.kind = ConstantValue::Kind::string;
      out.bytes = v.bytes;
      break;
    case Value::Kind::bytes:
      out.kind = ConstantValue::Kind::bytes;
      out.bytes = v.bytes;
      break;
  }
  return out;
}

}  // namespace tenet::compiler::sema

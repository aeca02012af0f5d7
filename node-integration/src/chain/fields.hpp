#pragma once
// Internal to src/chain: reading RLP fields with errors that name the record and the field.

#include <algorithm>
#include <string>

#include "tenet/node/common/types.hpp"
#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node::chain_fields {

/// "<record>: <field>: <rlp message>".
inline vm::Error field_error(const char* record, const char* field,
                             const rlp::DecodeFailure& failure) {
  return vm::Error{std::string(record) + ": " + field + ": " + failure.message()};
}

/// Reads one field with `read` (a ListReader member), naming the record and field on failure.
template <typename T, typename Read>
Result<T> read_field(rlp::ListReader& r, const char* record, const char* field, Read read) {
  auto v = (r.*read)();
  if (!v) return field_error(record, field, v.error());
  return T(*v);
}

/// Reads a string of exactly N bytes into `out`.
template <std::size_t N>
Result<bool> read_fixed(rlp::ListReader& r, const char* record, const char* field,
                        std::array<uint8_t, N>& out) {
  auto v = r.bytes();
  if (!v) return field_error(record, field, v.error());
  if (v->size() != N) {
    return vm::Error{std::string(record) + ": " + field + ": " + std::to_string(v->size()) +
                     " bytes, not " + std::to_string(N)};
  }
  std::copy(v->begin(), v->end(), out.begin());
  return true;
}

/// Reads a nested list, naming the field on failure.
inline Result<rlp::ListReader> read_list(rlp::ListReader& r, const char* record,
                                         const char* field) {
  auto v = r.list();
  if (!v) return field_error(record, field, v.error());
  return *v;
}

/// Checks that every item of `r` was read.
inline Result<bool> read_end(const rlp::ListReader& r, const char* record) {
  auto v = r.finish();
  if (!v) return field_error(record, "end", v.error());
  return true;
}

}  // namespace tenet::node::chain_fields

/// \file
/// Slot values as the storage tries hold them (storage_value.hpp).

#include "storage_value.hpp"

#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node::detail {

Bytes encode_storage_value(const Word& value) {
  rlp::Writer w;
  w.word(value);
  return w.items();
}

Result<Word> decode_storage_value(ByteView encoded) {
  auto item = rlp::decode(encoded);
  if (!item) return vm::Error{"malformed slot value: " + item.error().message()};
  if (item->list) return vm::Error{"malformed slot value: a list"};
  if (item->payload.size() > 32) return vm::Error{"malformed slot value: over 32 bytes"};
  if (!item->payload.empty() && item->payload[0] == 0)
    return vm::Error{"malformed slot value: a leading zero byte"};
  return vm::word_from_be(item->payload);
}

}  // namespace tenet::node::detail

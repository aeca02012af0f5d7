#pragma once
/// \file
/// Ethereum's Recursive Length Prefix encoding (the Yellow Paper, appendix B): a writer, and a
/// strict decoder that accepts only the canonical encoding — minimal sizes without leading
/// zeros, a single byte below 0x80 never wrapped, nothing after the item, nesting at most
/// `kMaxDepth` deep — so every accepted input re-encodes to itself (docs/node/codec.md).

#include <cstddef>
#include <cstdint>
#include <string>

#include "tenet/node/common/types.hpp"

namespace tenet::node::rlp {

/// The deepest nesting of lists the decoder accepts (the top item is depth 1). Ethereum's
/// transactions nest 4 deep (transaction, access list, entry, keys).
inline constexpr unsigned kMaxDepth = 64;

/// Builds a sequence of RLP items; `list_bytes()` wraps them into one list.
class Writer {
 public:
  /// Appends a byte string.
  Writer& bytes(ByteView value);
  /// Appends an unsigned integer: big-endian without leading zeros (0 is the empty string).
  Writer& uint(uint64_t value);
  /// Appends a 256-bit unsigned integer, as `uint` does.
  Writer& word(const Word& value);
  /// Appends an address: a 20-byte string.
  Writer& address(const Address& value);
  /// Appends an item that is already RLP-encoded, unchanged.
  Writer& raw(ByteView item);
  /// Appends the items of `inner` as one nested list.
  Writer& list(const Writer& inner);
  /// The items appended so far, concatenated (one item alone is its own encoding).
  const Bytes& items() const { return items_; }
  /// The items appended so far as one RLP list.
  Bytes list_bytes() const;

 private:
  Bytes items_;
};

/// Why an input is not canonical RLP, or not what the reader asked for.
enum class DecodeError : uint8_t {
  Truncated,           ///< a size points past the end of the input (or of the enclosing list)
  NonCanonicalSize,    ///< a long-form size below 56, where the short form is required
  LeadingZeroSize,     ///< a long-form size starting with a zero byte
  SingleByteWrapped,   ///< one byte below 0x80 encoded as a one-byte string
  TrailingBytes,       ///< bytes after the top-level item
  SizeOverflow,        ///< a size that does not fit in memory arithmetic
  TooDeep,             ///< lists nested deeper than kMaxDepth
  ExpectedList,        ///< a string where a list is required
  ExpectedString,      ///< a list where a string is required
  LeadingZeroInteger,  ///< an integer with a leading zero byte (zero is the empty string)
  IntegerTooLarge,     ///< an integer wider than the reader's type
  WrongAddressSize,    ///< an address that is not exactly 20 bytes
  TooFewItems,         ///< a list ended before a required item
  TooManyItems,        ///< a list has items after the last one expected
};

/// A decoding failure: what and where (byte offset in the whole input).
struct DecodeFailure {
  DecodeError error;
  size_t offset = 0;
  /// "rlp: <what> at byte N" (the phrases are geth's where it has one).
  std::string message() const;
};

/// One decoded item: a string (its bytes) or a list (its items' encodings, concatenated).
struct Item {
  bool list = false;
  /// The string's bytes, or the list's payload.
  ByteView payload;
  /// The whole encoding of the item, header included.
  ByteView encoded;
  /// Where `encoded` starts in the whole input.
  size_t offset = 0;
};

/// Decodes `whole_input` as exactly one canonical item, checking every nested item too.
/// Offsets (in items and failures) count from `offset_base` (e.g. 1 after a type byte).
Result<Item, DecodeFailure> decode(ByteView whole_input, size_t offset_base = 0);

/// Reads the items of a list, in order, with typed accessors that enforce canonical values.
/// Use it on items `decode` accepted (it re-checks each header it reads anyway).
class ListReader {
 public:
  /// A reader over the items of `list` (a list item; a string reads as having no items).
  explicit ListReader(Item list);
  /// True when every item has been read.
  bool done() const { return pos_ >= list_.payload.size(); }
  /// The next item, of either kind.
  Result<Item, DecodeFailure> item();
  /// The next item, which must be a list, as a reader of its own.
  Result<ListReader, DecodeFailure> list();
  /// The next item as an unsigned integer of at most 8 bytes, without leading zeros.
  Result<uint64_t, DecodeFailure> uint64();
  /// The next item as an unsigned integer of at most 32 bytes, without leading zeros.
  Result<Word, DecodeFailure> word();
  /// The next item's bytes (a string).
  Result<ByteView, DecodeFailure> bytes();
  /// The next item as an address (a string of exactly 20 bytes).
  Result<Address, DecodeFailure> address();
  /// Succeeds when every item has been read; else TooManyItems.
  Result<bool, DecodeFailure> finish() const;
  /// Where the list starts in the whole input.
  size_t offset() const { return list_.offset; }

 private:
  /// The next item, which must be a string.
  Result<ByteView, DecodeFailure> string_item();

  Item list_;
  size_t pos_ = 0;
};

}  // namespace tenet::node::rlp

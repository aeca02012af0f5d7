// The container reader and writer. The byte format (big-endian throughout) is in
// docs/bytecode.md §Container; this file checks only its framing.
#include "tenet/vm/container.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "tenet/vm/bytes.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::vm {
namespace {

constexpr size_t kHeaderSize = 26;
constexpr size_t kFunctionEntrySize = 16;
constexpr size_t kExportEntrySize = 6;
constexpr size_t kConstantSize = 32;
constexpr uint8_t kKnownFunctionFlags = kFlagView | kFlagPayable | kFlagReentrant;

Error framing_error(const std::string& what) {
  return Error{"container: " + what};
}

/// Reads the input front to back; every read is preceded by a `take` that checks that
/// the section is complete.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  /// Claims `need` bytes for `section`; nullopt and an error if they are not there.
  std::optional<std::span<const uint8_t>> take(uint64_t need, std::string_view section) {
    const size_t have = bytes_.size() - pos_;
    if (need > have) {
      error_ = framing_error("truncated " + std::string(section) + " (need " +
                             std::to_string(need) + " bytes at offset " + std::to_string(pos_) +
                             ", have " + std::to_string(have) + ")");
      return std::nullopt;
    }
    auto section_bytes = bytes_.subspan(pos_, static_cast<size_t>(need));
    pos_ += static_cast<size_t>(need);
    return section_bytes;
  }
  /// Bytes consumed so far.
  size_t position() const { return pos_; }
  /// The error of the last failed `take`.
  const Error& error() const { return error_; }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  Error error_;
};

/// The fixed-size header fields that size the sections.
struct Header {
  uint16_t constructor = kNoFunction;
  uint16_t receive = kNoFunction;
  uint16_t function_count = 0;
  uint16_t export_count = 0;
  uint16_t constant_count = 0;
  uint16_t child_count = 0;
  uint32_t code_size = 0;
  uint32_t metadata_size = 0;
};

Result<Header> parse_header(std::span<const uint8_t> h) {
  if (!std::equal(kContainerMagic.begin(), kContainerMagic.end(), h.begin()))
    return framing_error("bad magic");
  if (h[4] != kContainerVersion)
    return framing_error("unsupported version " + std::to_string(h[4]));
  if (h[5] != 0) return framing_error("reserved flags must be 0");
  Header header;
  header.constructor = load_be<uint16_t>(&h[6]);
  header.receive = load_be<uint16_t>(&h[8]);
  header.function_count = load_be<uint16_t>(&h[10]);
  header.export_count = load_be<uint16_t>(&h[12]);
  header.constant_count = load_be<uint16_t>(&h[14]);
  header.child_count = load_be<uint16_t>(&h[16]);
  header.code_size = load_be<uint32_t>(&h[18]);
  header.metadata_size = load_be<uint32_t>(&h[22]);
  if (header.function_count == 0)
    return framing_error("function count is 0 (at least one function is required)");
  return header;
}

/// Decodes the function table and checks that the bodies tile the code section.
Result<std::vector<FunctionInfo>> parse_functions(std::span<const uint8_t> table,
                                                  uint32_t code_size) {
  std::vector<FunctionInfo> functions;
  uint64_t expected_offset = 0;
  for (size_t i = 0; i * kFunctionEntrySize < table.size(); ++i) {
    const uint8_t* e = &table[i * kFunctionEntrySize];
    FunctionInfo fn;
    fn.code_offset = load_be<uint32_t>(e);
    fn.code_size = load_be<uint32_t>(e + 4);
    fn.params = e[8];
    fn.results = e[9];
    fn.locals = load_be<uint16_t>(e + 10);
    fn.max_stack = load_be<uint16_t>(e + 12);
    fn.flags = e[14];
    const std::string name = "function " + std::to_string(i);
    if (fn.flags & ~kKnownFunctionFlags)
      return framing_error(name + " has unknown flag bits " +
                           hex_encode_byte(static_cast<uint8_t>(fn.flags & ~kKnownFunctionFlags)));
    if (e[15] != 0)
      return framing_error(name + " has a non-zero reserved byte (" + hex_encode_byte(e[15]) + ")");
    if (fn.code_size == 0) return framing_error(name + " has an empty body (code size 0)");
    if (fn.code_offset != expected_offset)
      return framing_error(name + " starts at code offset " + std::to_string(fn.code_offset) +
                           ", expected " + std::to_string(expected_offset) +
                           " (functions must tile the code section in order)");
    expected_offset += fn.code_size;
    functions.push_back(fn);
  }
  if (expected_offset != code_size)
    return framing_error("functions end at code offset " + std::to_string(expected_offset) +
                         ", but the code section is " + std::to_string(code_size) +
                         " bytes (functions must tile the code section in order)");
  return functions;
}

std::vector<ExportEntry> parse_exports(std::span<const uint8_t> table) {
  std::vector<ExportEntry> exports;
  for (size_t off = 0; off < table.size(); off += kExportEntrySize) {
    ExportEntry e;
    std::copy_n(&table[off], 4, e.selector.begin());
    e.function = load_be<uint16_t>(&table[off + 4]);
    exports.push_back(e);
  }
  return exports;
}

std::vector<Word> parse_constants(std::span<const uint8_t> pool) {
  std::vector<Word> constants;
  for (size_t off = 0; off < pool.size(); off += kConstantSize)
    constants.push_back(word_from_be(&pool[off]));
  return constants;
}

void put_u16(std::vector<uint8_t>& out, uint16_t v) {
  append_be(out, v, 2);
}

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  append_be(out, v, 4);
}

}  // namespace

Result<ParsedContainer> parse_container(std::span<const uint8_t> bytes, size_t max_size) {
  Reader in(bytes);
  auto header_bytes = in.take(kHeaderSize, "header");
  if (!header_bytes) return in.error();
  auto header = parse_header(*header_bytes);
  if (!header) return header.error();

  ParsedContainer parsed;
  Container& c = parsed.container;
  c.constructor = header->constructor;
  c.receive = header->receive;

  auto function_table =
      in.take(uint64_t{header->function_count} * kFunctionEntrySize, "function table");
  if (!function_table) return in.error();
  auto functions = parse_functions(*function_table, header->code_size);
  if (!functions) return functions.error();
  c.functions = std::move(*functions);

  auto export_table = in.take(uint64_t{header->export_count} * kExportEntrySize, "export table");
  if (!export_table) return in.error();
  c.exports = parse_exports(*export_table);

  auto pool = in.take(uint64_t{header->constant_count} * kConstantSize, "constant pool");
  if (!pool) return in.error();
  c.constants = parse_constants(*pool);

  for (unsigned i = 0; i < header->child_count; ++i) {
    const std::string name = "child " + std::to_string(i);
    auto size = in.take(4, name + " size");
    if (!size) return in.error();
    auto child = in.take(load_be<uint32_t>(size->data()), name);
    if (!child) return in.error();
    c.children.emplace_back(child->begin(), child->end());
  }

  auto code = in.take(header->code_size, "code section");
  if (!code) return in.error();
  c.code.assign(code->begin(), code->end());

  auto metadata = in.take(header->metadata_size, "metadata");
  if (!metadata) return in.error();
  c.metadata.assign(metadata->begin(), metadata->end());

  parsed.size = in.position();
  if (parsed.size > max_size)
    return framing_error("size " + std::to_string(parsed.size) + " exceeds the limit of " +
                         std::to_string(max_size) + " bytes");
  return parsed;
}

std::vector<uint8_t> serialize_container(const Container& c) {
  std::vector<uint8_t> out(kContainerMagic.begin(), kContainerMagic.end());
  out.push_back(kContainerVersion);
  out.push_back(0);  // flags
  put_u16(out, c.constructor);
  put_u16(out, c.receive);
  put_u16(out, static_cast<uint16_t>(c.functions.size()));
  put_u16(out, static_cast<uint16_t>(c.exports.size()));
  put_u16(out, static_cast<uint16_t>(c.constants.size()));
  put_u16(out, static_cast<uint16_t>(c.children.size()));
  put_u32(out, static_cast<uint32_t>(c.code.size()));
  put_u32(out, static_cast<uint32_t>(c.metadata.size()));
  for (const FunctionInfo& fn : c.functions) {
    put_u32(out, fn.code_offset);
    put_u32(out, fn.code_size);
    out.push_back(fn.params);
    out.push_back(fn.results);
    put_u16(out, fn.locals);
    put_u16(out, fn.max_stack);
    out.push_back(fn.flags);
    out.push_back(0);  // reserved
  }
  for (const ExportEntry& e : c.exports) {
    out.insert(out.end(), e.selector.begin(), e.selector.end());
    put_u16(out, e.function);
  }
  for (const Word& w : c.constants) {
    const auto be = word_to_be(w);
    out.insert(out.end(), be.begin(), be.end());
  }
  for (const auto& child : c.children) {
    put_u32(out, static_cast<uint32_t>(child.size()));
    out.insert(out.end(), child.begin(), child.end());
  }
  out.insert(out.end(), c.code.begin(), c.code.end());
  out.insert(out.end(), c.metadata.begin(), c.metadata.end());
  return out;
}

}  // namespace tenet::vm

// The assembler and disassembler of the `.tasm` text form (docs/bytecode.md §Assembly).
// The assembler reads the source line by line in one pass, emitting code as it goes;
// labels are patched at each `.end`, function and child names at the end of the file.
#include "tenet/vm/assembler.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "tenet/vm/bytes.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/decoder.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

/// An assembly error, or none.
using Failure = std::optional<Error>;

/// A place in the source: 1-based line and column.
struct SourcePos {
  size_t line = 0;
  size_t col = 0;
};

/// One token of a line: a word (which may contain a quoted part), or a comma.
struct Token {
  std::string_view text;
  SourcePos pos;
};

// ---- Small text helpers -------------------------------------------------------------------

bool is_identifier(std::string_view s) {
  const auto start = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  const auto rest = [&](char c) {
    return start(c) || (c >= '0' && c <= '9') || c == '.' || c == '$';
  };
  return !s.empty() && start(s[0]) && std::all_of(s.begin() + 1, s.end(), rest);
}

bool starts_with_digit(std::string_view s) {
  return !s.empty() && s[0] >= '0' && s[0] <= '9';
}

bool is_quoted(std::string_view s) {
  return s.size() >= 2 && s.front() == '"' && s.back() == '"';
}

/// The contents of a quoted token, with `\"` and `\\` unescaped.
std::string unquote(std::string_view quoted) {
  std::string out;
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 2 < quoted.size()) ++i;
    out += quoted[i];
  }
  return out;
}

std::string byte_count(unsigned n) {
  return n == 1 ? "1 byte" : std::to_string(n) + " bytes";
}

/// True when `w` fits in an unsigned immediate of `n` bytes.
bool fits_bytes(const Word& w, unsigned n) {
  if (!w.fits_u64()) return false;
  return n >= 8 || w.low64() < (uint64_t{1} << (8 * n));
}

/// Parses `0x` followed by an even number of hex digits (possibly none).
std::optional<std::vector<uint8_t>> parse_hex_bytes(std::string_view text) {
  if (!text.starts_with("0x")) return std::nullopt;
  for (char c : text.substr(2))
    if (hex_digit_value(c) < 0) return std::nullopt;
  auto bytes = hex_decode(text);
  if (!bytes) return std::nullopt;
  return std::move(*bytes);
}

/// A word literal, or a negative decimal/hex literal read as two's complement
/// (magnitude at most 2^255).
std::optional<Word> parse_signed_word(std::string_view text) {
  if (!text.starts_with('-')) return parse_word(text);
  auto magnitude = parse_word(text.substr(1));
  if (!magnitude) return std::nullopt;
  const Word value = negate(*magnitude);
  if (!magnitude->is_zero() && !value.is_negative()) return std::nullopt;
  return value;
}

// ---- The assembler --------------------------------------------------------------------------

/// A function being assembled.
struct FunctionDraft {
  std::string name;
  FunctionInfo info;
  bool explicit_max_stack = false;
};

/// An export= attribute.
struct ExportDraft {
  ExportEntry entry;
  SourcePos pos;
};

/// A name used before it is known, and where to patch its index (a big-endian u16
/// for function and child names, a u32 code offset for labels).
struct Reference {
  size_t code_pos = 0;
  Token name;
};

/// A `.child`, as given.
struct ChildDraft {
  std::vector<uint8_t> bytes;
  std::string name;
};

/// Assembles one source file.
class Assembler {
 public:
  Assembler(std::string_view file_name, const ChildLoader& load_child,
            const ValidationOptions& options)
      : file_name_(file_name), load_child_(load_child), options_(options) {}

  Result<Container> run(std::string_view source) {
    size_t line_no = 0;
    while (!source.empty()) {
      ++line_no;
      const size_t nl = source.find('\n');
      std::string_view text = source.substr(0, nl);
      source.remove_prefix(nl == std::string_view::npos ? source.size() : nl + 1);
      if (text.ends_with('\r')) text.remove_suffix(1);
      if (Failure f = assemble_line(text, line_no)) return *f;
    }
    if (open_)
      return error_at(open_pos_, "missing .end for function '" + functions_.back().name + "'");
    return finish();
  }

 private:
  // ---- Errors ----

  Error error_at(SourcePos pos, const std::string& message) const {
    return Error{std::string(file_name_) + ":" + std::to_string(pos.line) + ":" +
                 std::to_string(pos.col) + ": error: " + message};
  }
  Error file_error(const std::string& message) const {
    return Error{std::string(file_name_) + ": error: " + message};
  }

  // ---- Lines ----

  /// Splits a line into tokens; a ';' outside quotes starts a comment.
  Result<std::vector<Token>> tokenize(std::string_view text, size_t line_no) const {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      if (c == ';') break;
      const size_t start = i;
      if (c == ',') {
        ++i;
      } else {
        while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ',' &&
               text[i] != ';') {
          if (text[i++] != '"') continue;
          while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
          if (i >= text.size()) return error_at({line_no, start + 1}, "unterminated string");
          ++i;
        }
      }
      tokens.push_back(Token{text.substr(start, i - start), {line_no, start + 1}});
    }
    return tokens;
  }

  Failure assemble_line(std::string_view text, size_t line_no) {
    auto tokens = tokenize(text, line_no);
    if (!tokens) return tokens.error();
    std::span<const Token> rest(*tokens);
    if (rest.empty()) return std::nullopt;
    if (rest[0].text.ends_with(':') && rest[0].text.find('"') == std::string_view::npos) {
      if (Failure f = define_label(rest[0])) return f;
      rest = rest.subspan(1);
      if (rest.empty()) return std::nullopt;
    }
    if (rest[0].text.starts_with('.')) return directive(rest[0], rest.subspan(1));
    return instruction(rest[0], rest.subspan(1));
  }

  /// Splits `tokens` into comma-separated operands, one token each.
  Result<std::vector<Token>> operands(std::span<const Token> tokens) const {
    std::vector<Token> ops;
    const Token* pending_comma = nullptr;
    for (const Token& t : tokens) {
      if (t.text == ",") {
        if (pending_comma || ops.empty()) return error_at(t.pos, "unexpected ','");
        pending_comma = &t;
        continue;
      }
      if (!ops.empty() && !pending_comma)
        return error_at(t.pos, "expected ',' before '" + std::string(t.text) + "'");
      ops.push_back(t);
      pending_comma = nullptr;
    }
    if (pending_comma) return error_at(pending_comma->pos, "unexpected ',' at the end of the line");
    return ops;
  }

  /// Checks that a directive has exactly `n` operands.
  Failure expect_count(const Token& head, std::span<const Token> args, size_t n) const {
    if (args.size() < n)
      return error_at(head.pos,
                      "'" + std::string(head.text) + "' expects " +
                          (n == 1 ? std::string("an operand") : std::to_string(n) + " operands"));
    if (args.size() > n)
      return error_at(args[n].pos, "unexpected '" + std::string(args[n].text) + "'");
    return std::nullopt;
  }

  // ---- Directives ----

  Failure directive(const Token& head, std::span<const Token> args) {
    const std::string_view name = head.text;
    const bool top_level = name == ".fn" || name == ".constructor" || name == ".receive" ||
                           name == ".const" || name == ".child" || name == ".metadata";
    if (open_) {
      if (name == ".end") return end_function(head, args);
      if (name == ".byte") return raw_bytes(args, head);
      if (name == ".fn")
        return error_at(head.pos,
                        "'.fn' inside function '" + functions_.back().name + "' (missing .end?)");
      if (top_level)
        return error_at(head.pos, "'" + std::string(name) + "' is not allowed inside a function");
    } else {
      if (name == ".fn") return begin_function(head, args);
      if (name == ".constructor") return entry_point(head, args, constructor_);
      if (name == ".receive") return entry_point(head, args, receive_);
      if (name == ".const") return constant(head, args);
      if (name == ".child") return child(head, args);
      if (name == ".metadata") return metadata(head, args);
      if (name == ".end") return error_at(head.pos, "'.end' without '.fn'");
      if (name == ".byte") return error_at(head.pos, "'.byte' outside a function");
    }
    return error_at(head.pos, "unknown directive '" + std::string(name) + "'");
  }

  Failure entry_point(const Token& head, std::span<const Token> args, std::optional<Token>& slot) {
    if (Failure f = expect_count(head, args, 1)) return f;
    if (slot) return error_at(head.pos, "duplicate '" + std::string(head.text) + "'");
    slot = args[0];
    return std::nullopt;
  }

  Failure constant(const Token& head, std::span<const Token> args) {
    if (Failure f = expect_count(head, args, 1)) return f;
    auto value = parse_signed_word(args[0].text);
    if (!value) return error_at(args[0].pos, "invalid number '" + std::string(args[0].text) + "'");
    if (constants_.size() >= 0xffff)
      return error_at(head.pos, "too many constants (the limit is 65535)");
    constants_.push_back(*value);
    return std::nullopt;
  }

  Failure child(const Token& head, std::span<const Token> args) {
    if (args.size() != 1 && args.size() != 3)
      return error_at(
          head.pos,
          "'.child' expects a quoted path or 0x-hex bytes, optionally followed by 'as NAME'");
    ChildDraft draft;
    if (args.size() == 3) {
      if (args[1].text != "as")
        return error_at(args[1].pos, "expected 'as' before the child's name, got '" +
                                         std::string(args[1].text) + "'");
      if (!is_identifier(args[2].text))
        return error_at(args[2].pos, "invalid child name '" + std::string(args[2].text) + "'");
      draft.name = std::string(args[2].text);
      for (const ChildDraft& other : children_)
        if (other.name == draft.name)
          return error_at(args[2].pos, "duplicate child name '" + draft.name + "'");
    }
    auto bytes = child_bytes(args[0]);
    if (!bytes) return bytes.error();
    draft.bytes = std::move(*bytes);
    if (children_.size() >= 0xffff)
      return error_at(head.pos, "too many children (the limit is 65535)");
    children_.push_back(std::move(draft));
    return std::nullopt;
  }

  Result<std::vector<uint8_t>> child_bytes(const Token& source) const {
    if (is_quoted(source.text)) {
      const std::string path = unquote(source.text);
      if (!load_child_)
        return error_at(source.pos, "cannot load child '" + path + "': no child loader was given");
      auto loaded = load_child_(path);
      if (!loaded)
        return error_at(source.pos, "cannot load child '" + path + "': " + loaded.error().message);
      return std::move(loaded).value();
    }
    auto bytes = parse_hex_bytes(source.text);
    if (!bytes)
      return error_at(source.pos, "'.child' expects a quoted path or 0x-hex bytes, got '" +
                                      std::string(source.text) + "'");
    return std::move(*bytes);
  }

  Failure metadata(const Token& head, std::span<const Token> args) {
    if (Failure f = expect_count(head, args, 1)) return f;
    if (has_metadata_) return error_at(head.pos, "duplicate '.metadata'");
    has_metadata_ = true;
    if (is_quoted(args[0].text)) {
      const std::string text = unquote(args[0].text);
      metadata_.assign(text.begin(), text.end());
      return std::nullopt;
    }
    auto bytes = parse_hex_bytes(args[0].text);
    if (!bytes)
      return error_at(args[0].pos, "'.metadata' expects 0x-hex bytes or a quoted string, got '" +
                                       std::string(args[0].text) + "'");
    metadata_ = std::move(*bytes);
    return std::nullopt;
  }

  // ---- Functions ----

  Failure begin_function(const Token& head, std::span<const Token> args) {
    if (args.empty()) return error_at(head.pos, "'.fn' expects a function name");
    const Token& name = args[0];
    if (!is_identifier(name.text))
      return error_at(name.pos, "invalid function name '" + std::string(name.text) + "'");
    if (find_function(name.text))
      return error_at(name.pos, "duplicate function '" + std::string(name.text) + "'");
    if (functions_.size() >= kNoFunction)
      return error_at(head.pos, "too many functions (the limit is 65535)");
    FunctionDraft fn;
    fn.name = std::string(name.text);
    fn.info.code_offset = static_cast<uint32_t>(code_.size());
    std::vector<std::string_view> seen;
    for (const Token& attr : args.subspan(1))
      if (Failure f = attribute(attr, fn, seen)) return f;
    functions_.push_back(std::move(fn));
    open_ = true;
    open_pos_ = head.pos;
    labels_.clear();
    label_refs_.clear();
    return std::nullopt;
  }

  /// One `key=value` or flag attribute of a `.fn` line.
  Failure attribute(const Token& attr, FunctionDraft& fn, std::vector<std::string_view>& seen) {
    const size_t eq = attr.text.find('=');
    const std::string_view key = attr.text.substr(0, eq);
    if (key != "export") {
      if (std::find(seen.begin(), seen.end(), key) != seen.end())
        return error_at(attr.pos, "duplicate attribute '" + std::string(key) + "'");
      seen.push_back(key);
    }
    if (eq == std::string_view::npos) {
      if (key == "view")
        fn.info.flags |= kFlagView;
      else if (key == "payable")
        fn.info.flags |= kFlagPayable;
      else if (key == "reentrant")
        fn.info.flags |= kFlagReentrant;
      else
        return error_at(attr.pos, "unknown attribute '" + std::string(attr.text) + "'");
      return std::nullopt;
    }
    const Token value{attr.text.substr(eq + 1), {attr.pos.line, attr.pos.col + eq + 1}};
    if (key == "export") return export_attribute(value);
    if (key == "params") return numeric_attribute(key, value, 1, fn.info.params);
    if (key == "results") return numeric_attribute(key, value, 1, fn.info.results);
    if (key == "locals") return numeric_attribute(key, value, 2, fn.info.locals);
    if (key == "max_stack") {
      fn.explicit_max_stack = true;
      return numeric_attribute(key, value, 2, fn.info.max_stack);
    }
    return error_at(attr.pos, "unknown attribute '" + std::string(key) + "'");
  }

  template <class T>
  Failure numeric_attribute(std::string_view key, const Token& value, unsigned size, T& out) const {
    auto w = parse_word(value.text);
    if (!w) return error_at(value.pos, "invalid number '" + std::string(value.text) + "'");
    if (!fits_bytes(*w, size))
      return error_at(value.pos, std::string(key) + " value " + std::string(value.text) +
                                     " does not fit in " + byte_count(size));
    out = static_cast<T>(w->low64());
    return std::nullopt;
  }

  Failure export_attribute(const Token& value) {
    ExportDraft draft;
    draft.pos = value.pos;
    draft.entry.function = static_cast<uint16_t>(functions_.size());
    if (is_quoted(value.text)) {
      const std::string signature = unquote(value.text);
      const size_t open = signature.find('(');
      if (open == 0 || open == std::string::npos || !signature.ends_with(')') ||
          signature.find(' ') != std::string::npos)
        return error_at(value.pos, "invalid export signature '" + signature +
                                       "' (expected a form such as \"transfer(address,uint256)\")");
      draft.entry.selector = selector_of(signature);
    } else {
      auto bytes = parse_hex_bytes(value.text);
      if (!bytes || bytes->size() != 4)
        return error_at(value.pos,
                        "export= expects a quoted signature or a 4-byte 0x selector, got '" +
                            std::string(value.text) + "'");
      std::copy(bytes->begin(), bytes->end(), draft.entry.selector.begin());
    }
    for (const ExportDraft& other : exports_)
      if (other.entry.selector == draft.entry.selector)
        return error_at(value.pos, "duplicate export selector " + hex_encode(draft.entry.selector) +
                                       " (already exported by '" +
                                       function_name(other.entry.function) + "')");
    exports_.push_back(draft);
    return std::nullopt;
  }

  std::string function_name(uint16_t index) const {
    return index < functions_.size() ? functions_[index].name : "the function being defined";
  }

  Failure end_function(const Token& head, std::span<const Token> args) {
    if (Failure f = expect_count(head, args, 0)) return f;
    FunctionDraft& fn = functions_.back();
    if (code_.size() == fn.info.code_offset)
      return error_at(head.pos, "function '" + fn.name + "' has no instructions");
    for (const Reference& ref : label_refs_) {
      auto it = labels_.find(ref.name.text);
      if (it == labels_.end())
        return error_at(ref.name.pos, "undefined label '" + std::string(ref.name.text) + "'");
      store_be(it->second, &code_[ref.code_pos], 4);
    }
    fn.info.code_size = static_cast<uint32_t>(code_.size() - fn.info.code_offset);
    open_ = false;
    return std::nullopt;
  }

  Failure define_label(const Token& token) {
    const std::string_view name = token.text.substr(0, token.text.size() - 1);
    if (!is_identifier(name))
      return error_at(token.pos, "invalid label name '" + std::string(name) + "'");
    if (!open_) return error_at(token.pos, "label '" + std::string(name) + "' outside a function");
    if (!labels_.emplace(std::string(name), static_cast<uint32_t>(code_.size())).second)
      return error_at(token.pos, "duplicate label '" + std::string(name) + "'");
    return std::nullopt;
  }

  std::optional<uint16_t> find_function(std::string_view name) const {
    for (size_t i = 0; i < functions_.size(); ++i)
      if (functions_[i].name == name) return static_cast<uint16_t>(i);
    return std::nullopt;
  }

  // ---- Instructions ----

  Failure instruction(const Token& mnemonic, std::span<const Token> args) {
    if (!open_)
      return error_at(mnemonic.pos,
                      "instruction '" + std::string(mnemonic.text) + "' outside a function");
    auto ops = operands(args);
    if (!ops) return ops.error();
    if (mnemonic.text == "PUSH") return push(mnemonic, *ops);
    const auto op = op_from_name(mnemonic.text);
    if (!op)
      return error_at(mnemonic.pos, "unknown instruction '" + std::string(mnemonic.text) + "'");
    const OpInfo& info = op_info(*op);
    if (info.imm == Imm::Table) return jump_table(mnemonic, *ops);
    if (Failure f = expect_operands(mnemonic, *ops, info.imm == Imm::None ? 0 : 1)) return f;
    code_.push_back(static_cast<uint8_t>(*op));
    if (info.kind == OpKind::Jump || info.kind == OpKind::Branch) return jump_target((*ops)[0]);
    if (*op == Op::CALLF) return name_or_index(mnemonic, (*ops)[0], function_refs_);
    if (*op == Op::CREATE) return name_or_index(mnemonic, (*ops)[0], child_refs_);
    if (info.imm != Imm::None) return immediate(mnemonic, (*ops)[0], imm_size(info.imm));
    return std::nullopt;
  }

  Failure expect_operands(const Token& mnemonic, const std::vector<Token>& ops, size_t n) const {
    const std::string name(mnemonic.text);
    if (n == 0 && !ops.empty()) return error_at(ops[0].pos, name + " takes no operand");
    if (n == 1 && ops.empty()) return error_at(mnemonic.pos, name + " needs an operand");
    if (n == 1 && ops.size() > 1) return error_at(ops[1].pos, name + " takes one operand");
    return std::nullopt;
  }

  /// Emits an unsigned immediate of `size` bytes.
  Failure immediate(const Token& mnemonic, const Token& operand, unsigned size) {
    auto value = parse_word(operand.text);
    if (!value) return error_at(operand.pos, "invalid number '" + std::string(operand.text) + "'");
    if (!fits_bytes(*value, size))
      return error_at(operand.pos, std::string(mnemonic.text) + " value " +
                                       std::string(operand.text) + " does not fit in " +
                                       byte_count(size));
    append_be(code_, value->low64(), size);
    return std::nullopt;
  }

  /// PUSH: the smallest of PUSH0/PUSH1/PUSH4/PUSH8, else PUSHC of a pooled constant.
  Failure push(const Token& mnemonic, const std::vector<Token>& ops) {
    if (Failure f = expect_operands(mnemonic, ops, 1)) return f;
    auto value = parse_signed_word(ops[0].text);
    if (!value) return error_at(ops[0].pos, "invalid number '" + std::string(ops[0].text) + "'");
    if (value->is_zero()) {
      code_.push_back(static_cast<uint8_t>(Op::PUSH0));
      return std::nullopt;
    }
    constexpr std::array<std::pair<Op, unsigned>, 3> kForms{
        {{Op::PUSH1, 1}, {Op::PUSH4, 4}, {Op::PUSH8, 8}}};
    for (auto [op, size] : kForms) {
      if (!fits_bytes(*value, size)) continue;
      code_.push_back(static_cast<uint8_t>(op));
      append_be(code_, value->low64(), size);
      return std::nullopt;
    }
    auto found = std::find(constants_.begin(), constants_.end(), *value);
    if (found == constants_.end()) {
      if (constants_.size() >= 0xffff)
        return error_at(ops[0].pos, "too many constants (the limit is 65535)");
      found = constants_.insert(constants_.end(), *value);
    }
    code_.push_back(static_cast<uint8_t>(Op::PUSHC));
    append_be(code_, static_cast<uint64_t>(found - constants_.begin()), 2);
    return std::nullopt;
  }

  /// A u32 jump target: a label of the current function, or a number (an absolute
  /// code offset).
  Failure jump_target(const Token& operand) {
    if (starts_with_digit(operand.text)) {
      auto value = parse_word(operand.text);
      if (!value)
        return error_at(operand.pos, "invalid number '" + std::string(operand.text) + "'");
      if (!fits_bytes(*value, 4))
        return error_at(operand.pos,
                        "jump target " + std::string(operand.text) + " does not fit in 4 bytes");
      append_be(code_, value->low64(), 4);
      return std::nullopt;
    }
    if (!is_identifier(operand.text))
      return error_at(operand.pos, "invalid label '" + std::string(operand.text) + "'");
    label_refs_.push_back(Reference{code_.size(), operand});
    append_be(code_, 0, 4);
    return std::nullopt;
  }

  Failure jump_table(const Token& mnemonic, const std::vector<Token>& ops) {
    if (ops.empty()) return error_at(mnemonic.pos, "JUMPTABLE needs a default target");
    if (ops.size() - 1 > 0xffff)
      return error_at(ops[0x10000].pos, "JUMPTABLE has more than 65535 targets");
    code_.push_back(static_cast<uint8_t>(Op::JUMPTABLE));
    append_be(code_, ops.size() - 1, 2);
    for (const Token& target : ops)
      if (Failure f = jump_target(target)) return f;
    return std::nullopt;
  }

  /// A u16 index given as a number or as a name resolved at the end of the file.
  Failure name_or_index(const Token& mnemonic, const Token& operand, std::vector<Reference>& refs) {
    if (starts_with_digit(operand.text)) return immediate(mnemonic, operand, 2);
    if (!is_identifier(operand.text))
      return error_at(operand.pos, "invalid name '" + std::string(operand.text) + "'");
    refs.push_back(Reference{code_.size(), operand});
    append_be(code_, 0, 2);
    return std::nullopt;
  }

  Failure raw_bytes(std::span<const Token> args, const Token& head) {
    auto ops = operands(args);
    if (!ops) return ops.error();
    if (ops->empty()) return error_at(head.pos, "'.byte' expects at least one value");
    for (const Token& value : *ops)
      if (Failure f = immediate(head, value, 1)) return f;
    return std::nullopt;
  }

  // ---- The end of the file ----

  Result<uint16_t> resolve_function(const Token& ref) const {
    if (starts_with_digit(ref.text)) {
      auto value = parse_word(ref.text);
      if (!value || !fits_bytes(*value, 2))
        return error_at(ref.pos, "invalid function index '" + std::string(ref.text) + "'");
      return static_cast<uint16_t>(value->low64());
    }
    if (auto index = find_function(ref.text)) return *index;
    return error_at(ref.pos, "undefined function '" + std::string(ref.text) + "'");
  }

  Failure resolve_references() {
    for (const Reference& ref : function_refs_) {
      auto index = resolve_function(ref.name);
      if (!index) return index.error();
      store_be(*index, &code_[ref.code_pos], 2);
    }
    for (const Reference& ref : child_refs_) {
      auto it = std::find_if(children_.begin(), children_.end(),
                             [&](const ChildDraft& c) { return c.name == ref.name.text; });
      if (it == children_.end())
        return error_at(ref.name.pos, "undefined child '" + std::string(ref.name.text) + "'");
      store_be(static_cast<uint64_t>(it - children_.begin()), &code_[ref.code_pos], 2);
    }
    return std::nullopt;
  }

  Result<Container> finish() {
    if (functions_.empty()) return file_error("no functions (a container needs at least one .fn)");
    if (Failure f = resolve_references()) return *f;
    Container c;
    if (constructor_) {
      auto index = resolve_function(*constructor_);
      if (!index) return index.error();
      c.constructor = *index;
    }
    if (receive_) {
      auto index = resolve_function(*receive_);
      if (!index) return index.error();
      c.receive = *index;
    }
    for (const FunctionDraft& fn : functions_) c.functions.push_back(fn.info);
    for (const ExportDraft& e : exports_) c.exports.push_back(e.entry);
    std::sort(c.exports.begin(), c.exports.end(),
              [](const ExportEntry& a, const ExportEntry& b) { return a.selector < b.selector; });
    c.constants = std::move(constants_);
    for (ChildDraft& child : children_) c.children.push_back(std::move(child.bytes));
    c.code = std::move(code_);
    c.metadata = std::move(metadata_);
    const size_t size = serialize_container(c).size();
    if (size > ContainerLimits::kMaxContainerSize)
      return file_error("container size " + std::to_string(size) + " exceeds the limit of " +
                        std::to_string(ContainerLimits::kMaxContainerSize) + " bytes");
    if (Failure f = fill_max_stack(c)) return *f;
    auto valid = validate(c, options_);
    if (!valid) return file_error("validation failed: " + valid.error().message);
    return c;
  }

  /// Sets every max_stack not given explicitly to the height the code reaches.
  Failure fill_max_stack(Container& c) const {
    const bool all_explicit =
        std::all_of(functions_.begin(), functions_.end(),
                    [](const FunctionDraft& fn) { return fn.explicit_max_stack; });
    if (all_explicit) return std::nullopt;
    auto analysis = analyze_unbounded(c, options_);
    if (!analysis) return file_error("validation failed: " + analysis.error().message);
    for (size_t i = 0; i < functions_.size(); ++i)
      if (!functions_[i].explicit_max_stack)
        c.functions[i].max_stack = analysis->functions[i].max_stack;
    return std::nullopt;
  }

  std::string_view file_name_;
  const ChildLoader& load_child_;
  const ValidationOptions& options_;

  std::vector<FunctionDraft> functions_;
  std::vector<ExportDraft> exports_;
  std::vector<Word> constants_;
  std::vector<ChildDraft> children_;
  std::vector<uint8_t> code_;
  std::vector<uint8_t> metadata_;
  bool has_metadata_ = false;
  std::optional<Token> constructor_;
  std::optional<Token> receive_;
  std::vector<Reference> function_refs_;  ///< CALLF by name
  std::vector<Reference> child_refs_;     ///< CREATE by name

  bool open_ = false;  ///< inside .fn ... .end
  SourcePos open_pos_;
  std::map<std::string, uint32_t, std::less<>> labels_;  ///< of the open function
  std::vector<Reference> label_refs_;                    ///< of the open function
};

// ---- The disassembler -----------------------------------------------------------------------

/// One decoded instruction (or, for undecodable bytes, a raw run).
struct Decoded {
  uint32_t offset = 0;
  uint32_t size = 0;
  const OpInfo* info = nullptr;  ///< nullptr: raw bytes (unknown opcode or truncated)
  uint64_t imm = 0;              ///< the fixed immediate
  JumpTargets targets;           ///< JUMP/JUMPI target; JUMPTABLE default, then entries
};

/// Decodes a function body; an unknown opcode is one raw byte, a truncated immediate
/// makes the rest of the body raw.
std::vector<Decoded> decode_body(std::span<const uint8_t> code, uint32_t begin, uint32_t end) {
  const auto body = code.first(end);
  std::vector<Decoded> out;
  for (uint32_t off = begin; off < end;) {
    auto ins = decode_instruction(body, off);
    if (ins)
      out.push_back(Decoded{off, ins->size, &ins->info(), ins->immediate, ins->targets});
    else if (ins.error().kind == DecodeError::Kind::UndefinedOpcode)
      out.push_back(Decoded{off, 1, nullptr, 0, {}});
    else
      out.push_back(Decoded{off, end - off, nullptr, 0, {}});
    off += out.back().size;
  }
  return out;
}

std::string number(uint64_t v) {
  return v < 0x10000 ? std::to_string(v) : hex_encode_quantity(v);
}

std::string label_name(uint32_t offset) {
  return "L_" + hex_encode_quantity(offset).substr(2);
}

/// Prints one function's body, labelling the jump targets that are instruction starts.
class BodyPrinter {
 public:
  BodyPrinter(const Container& c, std::span<const Decoded> body) : c_(c), body_(body) {
    for (const Decoded& d : body_) starts_.push_back(d.offset);
    for (const Decoded& d : body_)
      for (uint32_t t : d.targets)
        if (std::binary_search(starts_.begin(), starts_.end(), t)) labelled_.push_back(t);
    std::sort(labelled_.begin(), labelled_.end());
  }

  void print(std::string& out) const {
    for (const Decoded& d : body_) {
      if (std::binary_search(labelled_.begin(), labelled_.end(), d.offset))
        out += label_name(d.offset) + ":\n";
      out += "  " + instruction(d) + "\n";
    }
  }

 private:
  std::string target(uint32_t t) const {
    return std::binary_search(labelled_.begin(), labelled_.end(), t) ? label_name(t)
                                                                     : hex_encode_quantity(t);
  }

  std::string instruction(const Decoded& d) const {
    if (!d.info) {
      std::string out = ".byte ";
      for (uint32_t i = 0; i < d.size; ++i)
        out += (i ? ", " : "") + hex_encode_byte(c_.code[d.offset + i]);
      return out;
    }
    std::string out(d.info->name);
    const auto op = static_cast<Op>(c_.code[d.offset]);
    if (d.info->imm == Imm::Table) {
      for (size_t k = 0; k < d.targets.size(); ++k) out += (k ? ", " : " ") + target(d.targets[k]);
    } else if (!d.targets.empty()) {
      out += " " + target(d.targets[0]);
    } else if (op == Op::CALLF && d.imm < c_.functions.size()) {
      out += " f" + std::to_string(d.imm);
    } else if (d.info->imm != Imm::None) {
      out += " " + number(d.imm);
      if (op == Op::PUSHC && d.imm < c_.constants.size())
        out += "  ; = " + to_hex(c_.constants[d.imm]);
    }
    return out;
  }

  const Container& c_;
  std::span<const Decoded> body_;
  std::vector<uint32_t> starts_;    ///< instruction offsets, ascending
  std::vector<uint32_t> labelled_;  ///< jump targets that are instruction starts, ascending
};

std::string function_header(const Container& c, size_t index) {
  const FunctionInfo& fn = c.functions[index];
  std::string out = ".fn f" + std::to_string(index) + " params=" + std::to_string(fn.params) +
                    " results=" + std::to_string(fn.results) +
                    " locals=" + std::to_string(fn.locals) +
                    " max_stack=" + std::to_string(fn.max_stack);
  if (fn.is_payable()) out += " payable";
  if (fn.is_view()) out += " view";
  if (fn.is_reentrant()) out += " reentrant";
  for (const ExportEntry& e : c.exports)
    if (e.function == index) out += " export=" + hex_encode(e.selector);
  return out;
}

std::string entry_name(const Container& c, uint16_t index) {
  return index < c.functions.size() ? "f" + std::to_string(index) : std::to_string(index);
}

std::string file_header(const Container& c) {
  std::string out =
      "; Tenet container, " + std::to_string(serialize_container(c).size()) + " bytes\n";
  out += "; functions: " + std::to_string(c.functions.size()) +
         ", exports: " + std::to_string(c.exports.size()) +
         ", constants: " + std::to_string(c.constants.size()) +
         ", children: " + std::to_string(c.children.size()) +
         ", code: " + std::to_string(c.code.size()) + " bytes" +
         ", metadata: " + std::to_string(c.metadata.size()) + " bytes\n";
  for (const ExportEntry& e : c.exports)
    if (e.function >= c.functions.size())
      out += "; export " + hex_encode(e.selector) + " names function " +
             std::to_string(e.function) + ", which does not exist\n";
  return out;
}

}  // namespace

Result<Container> assemble(std::string_view source, std::string_view file_name,
                           const ChildLoader& load_child, const ValidationOptions& options) {
  return Assembler(file_name, load_child, options).run(source);
}

std::string disassemble(const Container& c) {
  std::string out = file_header(c);
  if (c.constructor != kNoFunction) out += ".constructor " + entry_name(c, c.constructor) + "\n";
  if (c.receive != kNoFunction) out += ".receive " + entry_name(c, c.receive) + "\n";
  for (const Word& w : c.constants) out += ".const " + to_hex(w) + "\n";
  for (const auto& child : c.children) out += ".child " + hex_encode(child) + "\n";
  if (!c.metadata.empty()) out += ".metadata " + hex_encode(c.metadata) + "\n";
  for (size_t i = 0; i < c.functions.size(); ++i) {
    const FunctionInfo& fn = c.functions[i];
    const auto end = static_cast<uint32_t>(
        std::min<uint64_t>(uint64_t{fn.code_offset} + fn.code_size, c.code.size()));
    const auto begin = std::min<uint32_t>(fn.code_offset, end);
    const std::vector<Decoded> body = decode_body(c.code, begin, end);
    out += "\n" + function_header(c, i) + "\n";
    BodyPrinter(c, body).print(out);
    out += ".end\n";
  }
  return out;
}

}  // namespace tenet::vm

#include "tenet/compiler/builtins.hpp"

#include <array>

#include "tenet/vm/cheats.hpp"

namespace tenet::compiler {

namespace {

constexpr std::array kBuiltins{
#define TENET_X(id, name, form, type, effect, action, lowering, doc)  \
  BuiltinInfo{Builtin::id,           name,   BuiltinForm::form, type, \
              BuiltinEffect::effect, action, lowering,          doc},
    TENET_BUILTINS(TENET_X)
#undef TENET_X
};

/// `text` without leading and trailing spaces.
std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

/// The comma-separated parts of the inside of `(…)`; empty for "()". Nullopt without
/// the parentheses.
std::optional<std::vector<std::string_view>> parenthesised_list(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return std::nullopt;
  std::string_view inner = trim(text.substr(1, text.size() - 2));
  std::vector<std::string_view> out;
  while (!inner.empty()) {
    const size_t comma = inner.find(',');
    out.push_back(trim(inner.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 1);
  }
  return out;
}

/// A type of the signature text: a primitive, `T`, or a tuple of those.
std::optional<const Type*> parse_type(TypeTable& types, std::string_view text,
                                      const Type* generic) {
  if (text == "T") return generic;
  if (const Type* t = types.primitive(text)) return t;
  auto members = parenthesised_list(text);
  if (!members || members->size() < 2) return std::nullopt;
  std::vector<const Type*> elements;
  for (std::string_view m : *members) {
    auto t = parse_type(types, m, generic);
    if (!t || *t == nullptr) return std::nullopt;
    elements.push_back(*t);
  }
  return types.tuple(elements);
}

/// One parameter "name: type", "name?: type", "name: error", "name: event".
std::optional<SignatureParam> parse_param(TypeTable& types, std::string_view text,
                                          const Type* generic) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  SignatureParam p;
  std::string_view name = trim(text.substr(0, colon));
  if (!name.empty() && name.back() == '?') {
    p.optional = true;
    name.remove_suffix(1);
  }
  if (name.empty()) return std::nullopt;
  p.name = std::string(name);
  const std::string_view type = trim(text.substr(colon + 1));
  if (type == "error") {
    p.kind = ParamKind::error_value;
    return p;
  }
  if (type == "event") {
    p.kind = ParamKind::event_value;
    return p;
  }
  auto t = parse_type(types, type, generic);
  if (!t || (*t == nullptr && type != "T")) return std::nullopt;
  p.type = *t;
  return p;
}

}  // namespace

std::span<const BuiltinInfo> builtins() {
  return kBuiltins;
}

const BuiltinInfo& builtin_info(Builtin id) {
  return kBuiltins[static_cast<size_t>(id)];
}

std::optional<Builtin> find_builtin(BuiltinForm form, std::string_view name) {
  for (const BuiltinInfo& b : kBuiltins) {
    if (b.form == form && b.name == name) return b.id;
  }
  return std::nullopt;
}

bool is_builtin_object(std::string_view name) {
  for (const BuiltinInfo& b : kBuiltins) {
    const size_t dot = b.name.find('.');
    if (dot != std::string_view::npos && b.name.substr(0, dot) == name) return true;
  }
  for (const vm::CheatInfo& c : vm::kCheats) {
    if (!c.internal() && c.name.substr(0, c.name.find('.')) == name) return true;
  }
  return false;
}

std::vector<const Type*> Signature::types() const {
  std::vector<const Type*> out;
  for (const SignatureParam& p : params) out.push_back(p.type);
  return out;
}

std::vector<std::string> Signature::names() const {
  std::vector<std::string> out;
  for (const SignatureParam& p : params) out.push_back(p.name);
  return out;
}

std::optional<Signature> parse_signature(TypeTable& types, std::string_view text,
                                         const Type* generic) {
  text = trim(text);
  Signature sig;
  if (text.empty() || text.front() != '(') {
    auto t = parse_type(types, text, generic);
    if (!t) return std::nullopt;
    sig.result = *t;
    return sig;
  }
  const size_t arrow = text.find(" -> ");
  const std::string_view params = trim(text.substr(0, arrow));
  sig.result = types.unit();
  if (arrow != std::string_view::npos) {
    auto t = parse_type(types, trim(text.substr(arrow + 4)), generic);
    if (!t) return std::nullopt;
    sig.result = *t;
  }
  auto list = parenthesised_list(params);
  if (!list) return std::nullopt;
  if (list->size() == 1 && list->front() == "values...") {
    sig.variadic = true;
    return sig;
  }
  for (std::string_view p : *list) {
    auto param = parse_param(types, p, generic);
    if (!param) return std::nullopt;
    sig.params.push_back(std::move(*param));
  }
  return sig;
}

std::vector<std::string_view> signature_forms(std::string_view text) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t bar = text.find(" | ");
    out.push_back(trim(text.substr(0, bar)));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 3);
  }
  return out;
}

}  // namespace tenet::compiler

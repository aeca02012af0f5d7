#include "tenet/compiler/types.hpp"

#include <algorithm>

#include "tenet/compiler/checked_program.hpp"

namespace tenet::compiler {

bool Type::is_value_type() const {
  switch (kind_) {
    case TypeKind::integer:
    case TypeKind::boolean:
    case TypeKind::address:
    case TypeKind::fixed_bytes:
    case TypeKind::enum_type:
    case TypeKind::contract:
      return true;
    default:
      return false;
  }
}

namespace {

// Struct types may be cyclic while semantic analysis is still reporting the cycle; the
// walks below stop at a struct already on the path.
bool contains_map_on_path(const Type& t, std::vector<const StructInfo*>& path) {
  switch (t.kind()) {
    case TypeKind::map:
      return true;
    case TypeKind::fixed_array:
    case TypeKind::dynamic_array:
      return contains_map_on_path(*t.element(), path);
    case TypeKind::struct_type: {
      const StructInfo* s = t.struct_info();
      if (std::find(path.begin(), path.end(), s) != path.end()) return false;
      path.push_back(s);
      bool found = false;
      for (const ParamInfo& f : s->fields) {
        if (f.type != nullptr && contains_map_on_path(*f.type, path)) found = true;
      }
      path.pop_back();
      return found;
    }
    case TypeKind::tuple:
      for (const Type* e : t.elements()) {
        if (contains_map_on_path(*e, path)) return true;
      }
      return false;
    default:
      return false;
  }
}

uint64_t slots_on_path(const Type& t, std::vector<const StructInfo*>& path) {
  switch (t.kind()) {
    case TypeKind::fixed_array:
      return t.length() * slots_on_path(*t.element(), path);
    case TypeKind::struct_type: {
      const StructInfo* s = t.struct_info();
      if (std::find(path.begin(), path.end(), s) != path.end()) return 1;
      path.push_back(s);
      uint64_t n = 0;
      for (const ParamInfo& f : s->fields) {
        if (f.type != nullptr) n += slots_on_path(*f.type, path);
      }
      path.pop_back();
      return n;
    }
    default:
      return 1;
  }
}

std::string canonical_on_path(const Type& t, std::vector<const StructInfo*>& path) {
  switch (t.kind()) {
    case TypeKind::struct_type: {
      const StructInfo* s = t.struct_info();
      if (std::find(path.begin(), path.end(), s) != path.end()) return "tuple";
      path.push_back(s);
      std::string out = "(";
      for (size_t i = 0; i < s->fields.size(); ++i) {
        if (i != 0) out += ",";
        if (s->fields[i].type != nullptr) out += canonical_on_path(*s->fields[i].type, path);
      }
      path.pop_back();
      return out + ")";
    }
    case TypeKind::fixed_array:
      return canonical_on_path(*t.element(), path) + "[" + std::to_string(t.length()) + "]";
    case TypeKind::dynamic_array:
      return canonical_on_path(*t.element(), path) + "[]";
    default:
      return abi_name(t);
  }
}

}  // namespace

bool Type::contains_map() const {
  std::vector<const StructInfo*> path;
  return contains_map_on_path(*this, path);
}

TypeTable::TypeTable() = default;

const Type* TypeTable::intern(Key key, const std::string& name) {
  auto it = types_.find(key);
  if (it != types_.end()) return it->second.get();
  auto t = std::unique_ptr<Type>(new Type());
  t->kind_ = std::get<0>(key);
  t->bits_ = std::get<1>(key);
  t->signed_ = std::get<2>(key);
  t->element_ = std::get<3>(key);
  t->value_ = std::get<4>(key);
  t->length_ = std::get<5>(key);
  t->decl_ = std::get<6>(key);
  t->name_ = name;
  const Type* out = t.get();
  types_.emplace(key, std::move(t));
  return out;
}

const Type* TypeTable::integer(uint16_t bits, bool is_signed) {
  return intern({TypeKind::integer, bits, is_signed, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::boolean() {
  return intern({TypeKind::boolean, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::address() {
  return intern({TypeKind::address, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::fixed_bytes(uint32_t width) {
  return intern({TypeKind::fixed_bytes, 0, false, nullptr, nullptr, width, nullptr}, "");
}
const Type* TypeTable::string() {
  return intern({TypeKind::string, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::bytes() {
  return intern({TypeKind::bytes, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::fixed_array(const Type* element, uint64_t length) {
  return intern({TypeKind::fixed_array, 0, false, element, nullptr, length, nullptr}, "");
}
const Type* TypeTable::dynamic_array(const Type* element) {
  return intern({TypeKind::dynamic_array, 0, false, element, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::map(const Type* key, const Type* value) {
  return intern({TypeKind::map, 0, false, key, value, 0, nullptr}, "");
}
const Type* TypeTable::struct_type(const StructInfo* s, const std::string& name) {
  return intern({TypeKind::struct_type, 0, false, nullptr, nullptr, 0, s}, name);
}
const Type* TypeTable::enum_type(const EnumInfo* e, const std::string& name) {
  return intern({TypeKind::enum_type, 0, false, nullptr, nullptr, 0, e}, name);
}
const Type* TypeTable::contract_type(const ContractInfo* c, const std::string& name) {
  return intern({TypeKind::contract, 0, false, nullptr, nullptr, 0, c}, name);
}
const Type* TypeTable::tuple(const std::vector<const Type*>& elements) {
  auto it = tuples_.find(elements);
  if (it != tuples_.end()) return it->second.get();
  auto t = std::unique_ptr<Type>(new Type());
  t->kind_ = TypeKind::tuple;
  t->elements_ = elements;
  const Type* out = t.get();
  tuples_.emplace(elements, std::move(t));
  return out;
}
const Type* TypeTable::int_constant() {
  return intern({TypeKind::int_constant, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::unit() {
  return intern({TypeKind::unit, 0, false, nullptr, nullptr, 0, nullptr}, "");
}
const Type* TypeTable::error_value(const ErrorInfo* e, const std::string& name) {
  return intern({TypeKind::error_value, 0, false, nullptr, nullptr, 0, e}, name);
}
const Type* TypeTable::event_value(const EventInfo* e, const std::string& name) {
  return intern({TypeKind::event_value, 0, false, nullptr, nullptr, 0, e}, name);
}
const Type* TypeTable::invalid() {
  return intern({TypeKind::invalid, 0, false, nullptr, nullptr, 0, nullptr}, "");
}

const Type* TypeTable::primitive(std::string_view n) {
  if (n == "bool") return boolean();
  if (n == "address") return address();
  if (n.size() >= 6 && n.substr(0, 5) == "bytes" && n[5] != '0') {
    const std::string_view digits = n.substr(5);
    for (uint32_t w = 1; w <= 32; ++w) {
      if (digits == std::to_string(w)) return fixed_bytes(w);
    }
  }
  if (n == "string") return string();
  if (n == "bytes") return bytes();
  if (n.size() >= 2 && (n[0] == 'u' || n[0] == 'i')) {
    const std::string_view digits = n.substr(1);
    static constexpr uint16_t kWidths[] = {8, 16, 32, 64, 128, 256};
    for (uint16_t w : kWidths) {
      if (digits == std::to_string(w)) return integer(w, n[0] == 'i');
    }
  }
  return nullptr;
}

std::string abi_name(const Type& t) {
  switch (t.kind()) {
    case TypeKind::integer:
      return std::string(t.is_signed() ? "int" : "uint") + std::to_string(t.bits());
    case TypeKind::boolean:
      return "bool";
    case TypeKind::address:
    case TypeKind::contract:
      return "address";
    case TypeKind::fixed_bytes:
      return "bytes" + std::to_string(t.bytes_width());
    case TypeKind::string:
      return "string";
    case TypeKind::bytes:
      return "bytes";
    case TypeKind::enum_type:
      return "uint8";
    case TypeKind::struct_type:
      return "tuple";
    case TypeKind::fixed_array:
      return abi_name(*t.element()) + "[" + std::to_string(t.length()) + "]";
    case TypeKind::dynamic_array:
      return abi_name(*t.element()) + "[]";
    default:
      return "";
  }
}

std::string abi_canonical_name(const Type& t) {
  std::vector<const StructInfo*> path;
  return canonical_on_path(t, path);
}

std::string display_name(const Type& t) {
  switch (t.kind()) {
    case TypeKind::integer:
      return std::string(t.is_signed() ? "i" : "u") + std::to_string(t.bits());
    case TypeKind::boolean:
      return "bool";
    case TypeKind::address:
      return "address";
    case TypeKind::fixed_bytes:
      return "bytes" + std::to_string(t.bytes_width());
    case TypeKind::string:
      return "string";
    case TypeKind::bytes:
      return "bytes";
    case TypeKind::fixed_array:
      return "[" + display_name(*t.element()) + "; " + std::to_string(t.length()) + "]";
    case TypeKind::dynamic_array:
      return "[" + display_name(*t.element()) + "]";
    case TypeKind::map:
      return "map<" + display_name(*t.key()) + ", " + display_name(*t.value()) + ">";
    case TypeKind::struct_type:
    case TypeKind::enum_type:
    case TypeKind::contract:
      return t.name();
    case TypeKind::tuple: {
      std::string out = "(";
      for (size_t i = 0; i < t.elements().size(); ++i) {
        if (i != 0) out += ", ";
        out += display_name(*t.elements()[i]);
      }
      return out + ")";
    }
    case TypeKind::int_constant:
      return "integer literal";
    case TypeKind::unit:
      return "()";
    case TypeKind::error_value:
      return "error " + t.name();
    case TypeKind::event_value:
      return "event " + t.name();
    case TypeKind::invalid:
      return "<invalid>";
  }
  return "<invalid>";
}

uint64_t storage_slots(const Type& t) {
  std::vector<const StructInfo*> path;
  return slots_on_path(t, path);
}

// ------------------------------------------------------------------ model helpers

namespace {

template <class Params>
std::string signature_of(const std::string& name, const Params& params) {
  std::string out = name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i != 0) out += ",";
    if (params[i].type != nullptr) out += abi_canonical_name(*params[i].type);
  }
  return out + ")";
}

}  // namespace

int StructInfo::field_index(const std::string& field) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

std::string EventInfo::signature() const {
  return signature_of(name, params);
}
std::string ErrorInfo::signature() const {
  return signature_of(name, params);
}
std::string FunctionInfo::signature() const {
  return signature_of(name, params);
}

const FunctionInfo* ContractInfo::find_function(const std::string& n) const {
  for (const FunctionInfo& f : functions) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

const FieldInfo* ContractInfo::find_field(const std::string& n) const {
  for (const FieldInfo& f : fields) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

std::vector<const ContractInfo*> CheckedProgram::entry_contracts() const {
  std::vector<const ContractInfo*> out;
  for (const ContractInfo& c : contracts) {
    if (c.file == entry) out.push_back(&c);
  }
  return out;
}

const ContractInfo* CheckedProgram::find_contract(const std::string& n) const {
  const ContractInfo* other = nullptr;
  for (const ContractInfo& c : contracts) {
    if (c.name != n) continue;
    if (c.file == entry) return &c;
    if (other == nullptr) other = &c;
  }
  return other;
}

}  // namespace tenet::compiler

#include "tenet/runner/render.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "tenet/abi/log.hpp"
#include "tenet/abi/revert.hpp"
#include "tenet/abi/type.hpp"
#include "tenet/abi/values.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::runner {

std::vector<std::string> render_logs(const std::vector<std::vector<uint8_t>>& payloads) {
  std::vector<std::string> lines;
  for (const auto& payload : payloads) {
    if (abi::is_operand_record(payload)) continue;
    auto values = abi::decode_log(payload);
    lines.push_back(values ? abi::format_log(*values) : vm::hex_encode(payload));
  }
  return lines;
}

namespace {

constexpr std::string_view kRed = "\033[31m";
constexpr std::string_view kGreen = "\033[32m";
constexpr std::string_view kYellow = "\033[33m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kReset = "\033[0m";

/// Writes the lines of a trace.
class TraceWriter {
 public:
  TraceWriter(const CallTrace& trace, const ArtifactRegistry& registry,
              const std::map<vm::Address, std::string>& labels, bool color)
      : trace_(trace), registry_(registry), labels_(labels), color_(color) {
    children_.resize(trace.nodes.size());
    for (size_t i = 0; i < trace.nodes.size(); ++i) {
      const int parent = trace.nodes[i].parent;
      if (parent >= 0 && static_cast<size_t>(parent) < i)  // a parent starts first
        children_[static_cast<size_t>(parent)].push_back(i);
      else
        roots_.push_back(i);
    }
  }

  std::vector<std::string> lines() {
    for (size_t root : roots_) node(root, "", "");
    if (trace_.dropped > 0)
      out_.push_back("… " + std::to_string(trace_.dropped) +
                     (trace_.dropped == 1 ? " more call" : " more calls"));
    return std::move(out_);
  }

 private:
  /// `lead` starts the node's own line, `indent` the lines below it.
  void node(size_t index, const std::string& lead, const std::string& indent) {
    const CallNode& n = trace_.nodes[index];
    out_.push_back(lead + paint(kDim, "[" + std::to_string(n.gas_used) + "]") + " " + call(n));
    for (size_t child : children_[index]) node(child, indent + "├─ ", indent + "│  ");
    out_.push_back(indent + "└─ " + result(n));
  }

  std::string paint(std::string_view colour, const std::string& text) const {
    if (!color_) return text;
    return std::string(colour) + text + std::string(kReset);
  }

  std::string address(const vm::Address& a) const {
    auto it = labels_.find(a);
    return it != labels_.end() ? it->second : vm::to_hex(a);
  }

  /// Decoded values of `params` in `data`, addresses replaced by their labels; none when
  /// the data does not decode.
  std::optional<std::string> values(const std::vector<abi::AbiParam>& params,
                                    std::span<const uint8_t> data) const {
    std::vector<abi::AbiType> types;
    for (const auto& p : params) {
      auto t = abi::parse_type(abi::canonical_type(p));
      if (!t) return std::nullopt;
      types.push_back(std::move(*t));
    }
    auto decoded = abi::decode_values(types, data);
    if (!decoded) return std::nullopt;
    std::string text;
    for (size_t i = 0; i < decoded->size(); ++i) {
      std::string v = (*decoded)[i];
      if (params[i].type == "address") {
        if (auto a = vm::parse_address(v)) v = address(*a);
      } else if (params[i].type == "string") {
        v = nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      text += (i ? ", " : "") + v;
    }
    return text;
  }

  std::string callee_name(const CallNode& n) const {
    if (auto it = labels_.find(n.recipient); it != labels_.end()) return it->second;
    if (const KnownCode* code = registry_.find(n.code_hash)) return code->name;
    return vm::to_hex(n.recipient);
  }

  std::string call(const CallNode& n) const {
    const std::string_view colour = n.expected_revert                 ? kYellow
                                    : n.status != vm::Status::Success ? kRed
                                                                      : kGreen;
    std::string value;
    if (n.value != vm::Word{}) value = "{value: " + vm::to_decimal(n.value) + "}";
    if (n.kind == vm::CallKind::Create) {
      const KnownCode* code = registry_.find(n.code_hash);
      std::string text = "→ new " + (code ? code->name : std::string("<unknown>"));
      if (n.recipient != vm::Address{}) text += "@" + address(n.recipient);
      text += value;
      if (code != nullptr && n.input_size == n.input.size())
        for (const auto& entry : code->abi)
          if (entry.kind == abi::AbiEntryKind::constructor && !entry.inputs.empty())
            if (auto args = values(entry.inputs, n.input)) text += "(" + *args + ")";
      return paint(colour, text);
    }
    std::string function;
    const abi::AbiEntry* entry = registry_.function(n.code_hash, n.input);
    std::optional<std::string> args;
    if (entry != nullptr && n.input_size == n.input.size())
      args = values(entry->inputs, std::span<const uint8_t>(n.input).subspan(4));
    if (args) {
      function = entry->name + value + "(" + *args + ")";
    } else {
      const size_t shown = std::min<size_t>(n.input.size(), 4);
      function = vm::hex_encode(std::span<const uint8_t>(n.input).first(shown)) + value + "(" +
                 std::to_string(n.input_size) + (n.input_size == 1 ? " byte)" : " bytes)");
    }
    return paint(colour, callee_name(n) + "::" + function);
  }

  std::string reason(const CallNode& n) const {
    switch (n.status) {
      case vm::Status::Success:
        return "";
      case vm::Status::Revert:
        return abi::describe_revert(abi::decode_revert(n.output, registry_.errors()));
      case vm::Status::OutOfGas:
        return "out of gas";
      case vm::Status::Trap:
        return "trap";
      case vm::Status::Invalid:
        return "invalid code";
    }
    return "";
  }

  std::string result(const CallNode& n) const {
    if (n.expected_revert) return paint(kYellow, "← [expected revert] " + reason(n));
    if (n.status == vm::Status::Revert) return paint(kRed, "← revert: " + reason(n));
    if (n.status != vm::Status::Success) return paint(kRed, "← " + reason(n));
    if (n.kind == vm::CallKind::Create) {
      const KnownCode* code = registry_.find(n.code_hash);
      return "← " + (code ? std::to_string(code->size) + " bytes of code" : std::string("()"));
    }
    const abi::AbiEntry* entry = registry_.function(n.code_hash, n.input);
    if (entry != nullptr && n.output_size == n.output.size())
      if (auto out = values(entry->outputs, n.output))
        return "← " + (out->empty() ? std::string("()") : *out);
    if (n.output_size == 0) return "← ()";
    return "← " + vm::hex_encode(n.output) +
           (n.output_size > n.output.size() ? "… (" + std::to_string(n.output_size) + " bytes)"
                                            : std::string());
  }

  const CallTrace& trace_;
  const ArtifactRegistry& registry_;
  const std::map<vm::Address, std::string>& labels_;
  bool color_;
  std::vector<std::vector<size_t>> children_;
  std::vector<size_t> roots_;
  std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> render_trace(const CallTrace& trace, const ArtifactRegistry& registry,
                                      const std::map<vm::Address, std::string>& labels,
                                      bool color) {
  return TraceWriter(trace, registry, labels, color).lines();
}

}  // namespace tenet::runner

/// \file
/// The refusal table's lookups (refusal.hpp).

#include "tenet/node/common/refusal.hpp"

namespace tenet::node {

int refusal_code(RefusalKind kind) {
  switch (kind) {
#define TENET_NODE_REFUSAL_CODE(k, code, phrase) \
  case RefusalKind::k:                           \
    return code;
    TENET_NODE_REFUSALS(TENET_NODE_REFUSAL_CODE)
#undef TENET_NODE_REFUSAL_CODE
  }
  return -32000;
}

std::string_view refusal_phrase(RefusalKind kind) {
  switch (kind) {
#define TENET_NODE_REFUSAL_PHRASE(k, code, phrase) \
  case RefusalKind::k:                             \
    return phrase;
    TENET_NODE_REFUSALS(TENET_NODE_REFUSAL_PHRASE)
#undef TENET_NODE_REFUSAL_PHRASE
  }
  return "refused";
}

std::string Refusal::message() const {
  std::string out(refusal_phrase(kind));
  if (!detail.empty()) out += ": " + detail;
  return out;
}

}  // namespace tenet::node

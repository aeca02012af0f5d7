#pragma once
/// \file
/// `file:` URIs (RFC 8089) ↔ file system paths. Editors name documents by URI
/// (`file:///home/me/token%20v2/src/token.tn`); the compiler reads paths.

#include <optional>
#include <string>
#include <string_view>

namespace tenet::lsp {

/// The absolute path a `file:` URI names (percent-escapes decoded; an empty or `localhost`
/// authority), or none for another scheme, a remote authority or a bad escape.
std::optional<std::string> path_of_uri(std::string_view uri);

/// The `file://` URI of an absolute path: every byte but the unreserved characters and '/'
/// percent-escaped.
std::string uri_of_path(std::string_view path);

}  // namespace tenet::lsp

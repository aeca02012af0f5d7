#pragma once
// Escaping text for XML and HTML (JUnit reports, coverage pages): one function for both.

#include <string>
#include <string_view>

namespace tenet::runner {

/// `text` with the five XML special characters escaped and control characters other than
/// tab and newline (which XML 1.0 cannot carry) written as U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace tenet::runner

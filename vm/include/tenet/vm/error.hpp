#pragma once
/// \file
/// Errors as values: `Result<T>` holds either a T or an `Error` (`Result<T, E>` an `E`,
/// for errors that carry more than a message). Libraries return these; only the CLI
/// prints and exits.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tenet::vm {

/// A failure with a human-readable message (already phrased for the user).
struct Error {
  std::string message;
};

/// Either a value or an error (an `Error` unless `E` says otherwise).
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  /// True when the result holds a value.
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  /// The value; only valid when ok().
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  /// The error; only valid when !ok().
  const E& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, E> v_;
};

}  // namespace tenet::vm

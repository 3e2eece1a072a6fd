// Errors as values: every fallible public function returns an Outcome instead of throwing.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace accred {

// A plain-language error for a person: what went wrong, naming the thing concerned.
struct Error {
    std::string message;
};

// Either a value or an Error. Marked [[nodiscard]] so that a failure cannot be ignored.
template <typename T> class [[nodiscard]] Outcome {
  public:
    Outcome(T value) : state_(std::move(value)) {}
    Outcome(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(state_); }

  private:
    std::variant<T, Error> state_;
};

// For operations that produce nothing but may fail.
struct Done {};
using Status = Outcome<Done>;
inline Status success() { return Done{}; }

} // namespace accred

// Errors as values: every fallible public function returns an Outcome instead of throwing.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace accred {

// What an Error means for whoever asked, turned into an exit code only at the command line's
// edge: a failure (bad input, a file that cannot be read: exit 2), or a refusal (a check that
// said no, such as a wrong passphrase: exit 1, as a denied badge).
enum class ErrorKind { failure, refusal };

// A plain-language error for a person: what went wrong, naming the thing concerned.
struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::failure;
};

// The error with context put in front of its message ("desk/event.key: "), its kind kept.
inline Error error_in(const std::string& context, const Error& error) {
    return Error{context + error.message, error.kind};
}

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

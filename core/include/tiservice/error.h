#pragma once
// Errors are values the caller can show a doctor: what happened and what to do next,
// in German and English, plus a stable code for machines and support.

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "tiservice/core_export.h"
#include "tiservice/i18n.h"

namespace tiservice {

struct Error {
    /// Stable identifier, e.g. "version.invalid-characters". Never translated.
    std::string code;
    /// What happened, for the person in front of the screen.
    LocalizedText message;
    /// What to do next; may be empty when there is nothing the person can do.
    LocalizedText action;
    /// Technical detail for logs and support (never a secret), e.g. the offending input.
    std::string detail;

    /// "message action" in one language, ready to show.
    /// What happened and what to do, in both languages.
    [[nodiscard]] LocalizedText text() const { return LocalizedText(message).append(action); }
    [[nodiscard]] TISERVICE_CORE_EXPORT std::string describe(Language language) const;
    [[nodiscard]] std::string describe() const { return describe(currentLanguage()); }
};

/// A value or the Error that prevented it. Never both, never neither.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    [[nodiscard]] bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { assert(ok()); return std::get<0>(state_); }
    [[nodiscard]] const T& value() const& { assert(ok()); return std::get<0>(state_); }
    [[nodiscard]] T&& value() && { assert(ok()); return std::get<0>(std::move(state_)); }
    [[nodiscard]] const Error& error() const { assert(!ok()); return std::get<1>(state_); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Error> state_;
};

/// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
    static Status success() { return {}; }

    [[nodiscard]] bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { assert(!ok()); return *error_; }

private:
    std::optional<Error> error_;
};

}  // namespace tiservice

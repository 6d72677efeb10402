#pragma once
// Every "now" in tiservice comes from one Clock, so tests and the simulator can run a
// 20-minute update in seconds and check approval expiry without waiting.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/i18n.h"

namespace tiservice {

using TimePoint = std::chrono::system_clock::time_point;

class TISERVICE_CORE_EXPORT Clock {
public:
    virtual ~Clock();
    /// The current wall-clock time (UTC). [thread-safe]
    [[nodiscard]] virtual TimePoint now() const = 0;
};

/// The real time of this PC.
class TISERVICE_CORE_EXPORT SystemClock final : public Clock {
public:
    [[nodiscard]] TimePoint now() const override;
    /// One shared instance for code that has no clock injected.
    static std::shared_ptr<SystemClock> shared();
};

/// A clock that stands still until a test sets or advances it. [thread-safe]
class TISERVICE_CORE_EXPORT TestClock final : public Clock {
public:
    explicit TestClock(TimePoint start);
    [[nodiscard]] TimePoint now() const override;
    void set(TimePoint t);
    void advance(std::chrono::system_clock::duration d);

private:
    mutable std::mutex mutex_;
    TimePoint now_;
};

/// A clock that starts at a given moment and runs `factor` times faster than real time.
/// The simulator uses it for --time-scale. [thread-safe]
class TISERVICE_CORE_EXPORT ScaledClock final : public Clock {
public:
    ScaledClock(TimePoint start, double factor);
    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] double factor() const { return factor_; }
    /// How long to really wait for `simulated` to pass on this clock.
    [[nodiscard]] std::chrono::steady_clock::duration realDuration(std::chrono::system_clock::duration simulated) const;

private:
    TimePoint start_;
    std::chrono::steady_clock::time_point realStart_;
    double factor_;
};

/// "2026-11-28T18:01:06Z"
TISERVICE_CORE_EXPORT std::string formatUtc(TimePoint t);

/// The (UTC) day for people: {"31.12.2019", "2019-12-31"}.
TISERVICE_CORE_EXPORT LocalizedText formatDay(TimePoint t);
/// The local weekday and time for people: {"Mi 02:00", "Wed 02:00"} (this PC's time zone).
TISERVICE_CORE_EXPORT LocalizedText formatLocalWeekdayTime(TimePoint t);
/// The local time of day: "02:00" (the same in both languages).
TISERVICE_CORE_EXPORT std::string formatLocalTime(TimePoint t);
/// The local date and time for people: {"02.12.2026 06:59", "2026-12-02 06:59"}.
TISERVICE_CORE_EXPORT LocalizedText formatLocalDateTime(TimePoint t);
/// The local day for people: {"Mi, 02.12.2026", "Wed, 2026-12-02"}.
TISERVICE_CORE_EXPORT LocalizedText formatLocalWeekdayDay(TimePoint t);

/// Parses "2026-11-28T18:01:06Z", "2026-11-28T18:01:06+01:00" and "2026-11-28" (midnight UTC),
/// years 1900-2200. nullopt for anything else.
TISERVICE_CORE_EXPORT std::optional<TimePoint> parseUtc(std::string_view text);

}  // namespace tiservice

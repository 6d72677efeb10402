#include "tiservice/clock.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace tiservice {

Clock::~Clock() = default;

TimePoint SystemClock::now() const { return std::chrono::system_clock::now(); }

std::shared_ptr<SystemClock> SystemClock::shared() {
    static const auto instance = std::make_shared<SystemClock>();
    return instance;
}

TestClock::TestClock(TimePoint start) : now_(start) {}

TimePoint TestClock::now() const {
    std::lock_guard lock(mutex_);
    return now_;
}

void TestClock::set(TimePoint t) {
    std::lock_guard lock(mutex_);
    now_ = t;
}

void TestClock::advance(std::chrono::system_clock::duration d) {
    std::lock_guard lock(mutex_);
    now_ += d;
}

ScaledClock::ScaledClock(TimePoint start, double factor)
    : start_(start), realStart_(std::chrono::steady_clock::now()), factor_(factor > 0 ? factor : 1.0) {}

TimePoint ScaledClock::now() const {
    const auto real = std::chrono::steady_clock::now() - realStart_;
    const auto scaled = std::chrono::duration<double, std::nano>(real) * factor_;
    return start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(scaled);
}

std::chrono::steady_clock::duration ScaledClock::realDuration(std::chrono::system_clock::duration simulated) const {
    const auto real = std::chrono::duration<double, std::nano>(simulated) / factor_;
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(real);
}

std::string formatUtc(TimePoint t) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    const auto days = std::chrono::floor<std::chrono::days>(seconds);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{seconds - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

LocalizedText formatDay(TimePoint t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    char de[16], en[16];
    std::snprintf(de, sizeof de, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()),
                  static_cast<int>(ymd.year()));
    std::snprintf(en, sizeof en, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return LocalizedText::fromData(de, en);
}

namespace {

constexpr const char* kWeekdaysDe[] = {"So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"};
constexpr const char* kWeekdaysEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::tm localParts(TimePoint t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
}

}  // namespace

LocalizedText formatLocalWeekdayTime(TimePoint t) {
    const auto tm = localParts(t);
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return LocalizedText::fromData(std::string(kWeekdaysDe[tm.tm_wday]) + " " + time,
                                   std::string(kWeekdaysEn[tm.tm_wday]) + " " + time);
}

std::string formatLocalTime(TimePoint t) {
    const auto tm = localParts(t);
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return time;
}

LocalizedText formatLocalDateTime(TimePoint t) {
    const auto tm = localParts(t);
    char de[48], en[48];
    std::snprintf(de, sizeof de, "%02d.%02d.%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour,
                  tm.tm_min);
    std::snprintf(en, sizeof en, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min);
    return LocalizedText::fromData(de, en);
}

LocalizedText formatLocalWeekdayDay(TimePoint t) {
    const auto tm = localParts(t);
    char de[48], en[48];
    std::snprintf(de, sizeof de, "%02d.%02d.%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
    std::snprintf(en, sizeof en, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return LocalizedText::fromData(std::string(kWeekdaysDe[tm.tm_wday]) + ", " + de,
                                   std::string(kWeekdaysEn[tm.tm_wday]) + ", " + en);
}

namespace {

bool readNumber(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc{};
}

}  // namespace

std::optional<TimePoint> parseUtc(std::string_view s) {
    int y = 0, mo = 0, d = 0;
    if (!readNumber(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !readNumber(s, 5, 2, mo) || s[7] != '-' ||
        !readNumber(s, 8, 2, d))
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    // system_clock counts nanoseconds: only about 1678-2262 fit. Dates outside 1900-2200 are
    // no real dates for tiservice and would overflow (found by fuzzing).
    if (!ymd.ok() || y < 1900 || y > 2200) return std::nullopt;
    TimePoint t = std::chrono::sys_days{ymd};
    if (s.size() == 10) return t;

    int h = 0, mi = 0, se = 0;
    if (s[10] != 'T' || !readNumber(s, 11, 2, h) || s.size() < 19 || s[13] != ':' || !readNumber(s, 14, 2, mi) ||
        s[16] != ':' || !readNumber(s, 17, 2, se) || h > 23 || mi > 59 || se > 60)
        return std::nullopt;
    t += std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{se};
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds: accepted, dropped
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
    const auto zone = s.substr(pos);
    if (zone == "Z") return t;
    int zh = 0, zm = 0;
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && readNumber(zone, 1, 2, zh) && zone[3] == ':' &&
        readNumber(zone, 4, 2, zm)) {
        const auto offset = std::chrono::hours{zh} + std::chrono::minutes{zm};
        return zone[0] == '+' ? t - offset : t + offset;
    }
    return std::nullopt;
}

}  // namespace tiservice

#include "tiservice/clock.h"

#include <gtest/gtest.h>

#include <thread>

using namespace tiservice;
using namespace std::chrono_literals;

TEST(TestClock, StandsStillUntilAdvanced) {
    const auto start = *parseUtc("2026-11-28T18:00:00Z");
    TestClock clock(start);
    std::this_thread::sleep_for(5ms);
    EXPECT_EQ(clock.now(), start);
    clock.advance(20min);
    EXPECT_EQ(formatUtc(clock.now()), "2026-11-28T18:20:00Z");
}

TEST(TestClock, CanBeSetToAnyMoment) {
    TestClock clock(*parseUtc("2026-11-28T18:00:00Z"));
    clock.set(*parseUtc("2019-12-31T23:59:59Z"));
    EXPECT_EQ(formatUtc(clock.now()), "2019-12-31T23:59:59Z");
}

TEST(TestClock, IsUsableThroughTheClockInterface) {
    TestClock test(*parseUtc("2020-01-01"));
    const Clock& clock = test;
    EXPECT_EQ(formatUtc(clock.now()), "2020-01-01T00:00:00Z");
}

TEST(SystemClock, FollowsTheRealTime) {
    const auto before = std::chrono::system_clock::now();
    const auto now = SystemClock::shared()->now();
    EXPECT_GE(now, before);
    EXPECT_LE(now, std::chrono::system_clock::now());
}

TEST(ScaledClock, RunsFasterByItsFactor) {
    const auto start = *parseUtc("2026-11-28T18:00:00Z");
    ScaledClock clock(start, 600.0);  // 1 real second = 10 minutes
    std::this_thread::sleep_for(50ms);
    const auto passed = clock.now() - start;
    EXPECT_GE(passed, 30s);  // at least 50 ms * 600
    EXPECT_EQ(clock.realDuration(20min), std::chrono::duration_cast<std::chrono::steady_clock::duration>(2s));
}

TEST(UtcText, ParsesAndFormatsIsoTimes) {
    EXPECT_EQ(formatUtc(*parseUtc("2026-11-28T19:01:06+01:00")), "2026-11-28T18:01:06Z");
    EXPECT_EQ(formatUtc(*parseUtc("2026-11-28T18:01:06.123Z")), "2026-11-28T18:01:06Z");
    EXPECT_FALSE(parseUtc("2026-13-01").has_value());
    EXPECT_FALSE(parseUtc("2026-02-30").has_value());
    EXPECT_FALSE(parseUtc("28.11.2026").has_value());
    EXPECT_FALSE(parseUtc("2026-11-28T25:00:00Z").has_value());
    EXPECT_FALSE(parseUtc("2026-11-28T18:00:00").has_value());
}

TEST(UtcText, RefusesYearsThatDoNotFitTheClock) {
    EXPECT_FALSE(parseUtc("2347-09-26T00:00:00Z").has_value());  // found by fuzzing: overflowed the nanosecond clock
    EXPECT_FALSE(parseUtc("1013-01-01").has_value());
    EXPECT_FALSE(parseUtc("9999-12-31T23:59:59Z").has_value());
    EXPECT_TRUE(parseUtc("2200-12-31T23:59:59Z").has_value());
    EXPECT_TRUE(parseUtc("1900-01-01").has_value());
}

#include "tiservice/firmware_version.h"

#include <gtest/gtest.h>

using tiservice::FirmwareVersion;

namespace {

FirmwareVersion v(const char* text) {
    auto r = FirmwareVersion::parse(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().describe(tiservice::Language::English));
    return r.ok() ? *r : FirmwareVersion{};
}

std::string errorCode(const char* text) {
    auto r = FirmwareVersion::parse(text);
    return r.ok() ? std::string("<accepted as ") + r->toString() + ">" : r.error().code;
}

}  // namespace

TEST(FirmwareVersion, ParsesTheGematikForm) {
    auto fw = v("1.3.10");
    EXPECT_EQ(fw.major(), 1u);
    EXPECT_EQ(fw.minor(), 3u);
    EXPECT_EQ(fw.patch(), 10u);
    EXPECT_FALSE(fw.build().has_value());
    EXPECT_EQ(fw.toString(), "1.3.10");
}

TEST(FirmwareVersion, OrdersPartsNumericallyNotAsText) {
    EXPECT_LT(v("1.3.4"), v("1.3.10"));
    EXPECT_GT(v("1.3.10"), v("1.3.4"));
    EXPECT_LT(v("4.7.0"), v("4.10.0"));
    EXPECT_LT(v("9.9.9"), v("10.0.0"));
    EXPECT_EQ(v("3.7.4"), v("3.7.4"));
}

TEST(FirmwareVersion, LeadingZerosCompareByValueAndPrintCanonically) {
    EXPECT_EQ(v("01.03.004"), v("1.3.4"));
    EXPECT_EQ(v("001.003.010").toString(), "1.3.10");
}

TEST(FirmwareVersion, CentralFormWithBuildNumberSortsAfterThePlainVersion) {
    auto fw = v("5.1.8-12");
    ASSERT_TRUE(fw.build().has_value());
    EXPECT_EQ(*fw.build(), 12u);
    EXPECT_EQ(fw.toString(), "5.1.8-12");
    EXPECT_LT(v("5.1.8"), v("5.1.8-0"));
    EXPECT_LT(v("5.1.8-2"), v("5.1.8-10"));
    EXPECT_LT(v("5.1.8-255"), v("5.1.9"));
}

TEST(FirmwareVersion, ZeroZeroZeroIsUnknownAndNeverOlderOrNewer) {
    auto unknown = v("0.0.0");
    EXPECT_TRUE(unknown.isUnknown());
    EXPECT_TRUE(FirmwareVersion{}.isUnknown());
    EXPECT_FALSE(unknown < v("3.7.4"));
    EXPECT_FALSE(unknown > v("3.7.4"));
    EXPECT_FALSE(unknown == v("3.7.4"));
    EXPECT_FALSE(v("0.0.1") < unknown);
    EXPECT_EQ(unknown, FirmwareVersion{});
    EXPECT_EQ(unknown.toString(), "0.0.0");
}

TEST(FirmwareVersion, IgnoresSurroundingWhiteSpace) { EXPECT_EQ(v(" 3.7.4\n"), v("3.7.4")); }

TEST(FirmwareVersion, RejectsEmptyText) {
    EXPECT_EQ(errorCode(""), "version.empty");
    EXPECT_EQ(errorCode("   "), "version.empty");
}

TEST(FirmwareVersion, RejectsFourParts) { EXPECT_EQ(errorCode("1.3.10.2"), "version.too-many-parts"); }

TEST(FirmwareVersion, RejectsFewerThanThreeParts) {
    EXPECT_EQ(errorCode("1.3"), "version.too-few-parts");
    EXPECT_EQ(errorCode("7"), "version.too-few-parts");
}

TEST(FirmwareVersion, RejectsEmptyParts) {
    EXPECT_EQ(errorCode("1..3"), "version.empty-part");
    EXPECT_EQ(errorCode(".1.3"), "version.empty-part");
    EXPECT_EQ(errorCode("1.3."), "version.empty-part");
}

TEST(FirmwareVersion, RejectsLetters) {
    EXPECT_EQ(errorCode("1.3.a"), "version.invalid-characters");
    EXPECT_EQ(errorCode("v1.3.4"), "version.invalid-characters");
    EXPECT_EQ(errorCode("1.3.4beta"), "version.invalid-characters");
    EXPECT_EQ(errorCode("+1.3.4"), "version.invalid-characters");
}

TEST(FirmwareVersion, RejectsPartsThatWouldOverflowInsteadOfWrapping) {
    EXPECT_EQ(errorCode("1000.0.0"), "version.part-too-long");
    EXPECT_EQ(errorCode("1.99999999999999999999999.0"), "version.part-too-long");
    EXPECT_EQ(errorCode("1.2.3-256"), "version.build-out-of-range");
    EXPECT_EQ(errorCode("1.2.3-99999999999999999999"), "version.build-out-of-range");
    EXPECT_EQ(errorCode("1.2.3-"), "version.invalid-build");
    EXPECT_EQ(errorCode("1.2.3-x"), "version.invalid-build");
}

TEST(FirmwareVersion, ErrorsExplainInGermanAndEnglish) {
    auto r = FirmwareVersion::parse("1.3.x");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("\"1.3.x\" ist ungültig"), std::string::npos);
    EXPECT_NE(r.error().message.en.find("\"1.3.x\" is not valid"), std::string::npos);
    EXPECT_FALSE(r.error().action.de.empty());
    EXPECT_FALSE(r.error().action.en.empty());
}

TEST(FirmwareVersion, FromPartsBuildsTheSameVersionAsParsing) {
    auto r = FirmwareVersion::fromParts(1, 3, 10);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, v("1.3.10"));
    EXPECT_FALSE(FirmwareVersion::fromParts(1000, 0, 0).ok());
    EXPECT_FALSE(FirmwareVersion::fromParts(1, 0, 0, 300).ok());
}

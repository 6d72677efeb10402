#include "tiservice/product_identity.h"

#include <gtest/gtest.h>

using namespace tiservice;

namespace {

ProductIdentity::Fields kocobox() {
    return {.vendorId = "KOCOC",
            .productCode = "kocobox",
            .hardwareVersion = *FirmwareVersion::parse("2.0.0"),
            .type = ComponentType::Connector,
            .vendorName = "KoCo Connector GmbH",
            .productName = "KoCoBox MED+"};
}

std::string errorCodeFor(ProductIdentity::Fields f) {
    auto r = ProductIdentity::create(std::move(f));
    return r.ok() ? "<accepted>" : r.error().code;
}

}  // namespace

TEST(ProductIdentity, KeyIsVendorIdDashProductCode) {
    auto id = ProductIdentity::create(kocobox());
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->key(), "KOCOC-kocobox");
    EXPECT_EQ(id->displayName(), "KoCoBox MED+");
    EXPECT_EQ(id->hardwareVersion().toString(), "2.0.0");
}

TEST(ProductIdentity, DisplayNameFallsBackToTheKey) {
    auto f = kocobox();
    f.productName.clear();
    auto id = ProductIdentity::create(f);
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->displayName(), "KOCOC-kocobox");
}

TEST(ProductIdentity, AcceptsTheLongestAllowedIdentifiers) {
    auto f = kocobox();
    f.vendorId = "INGHC";
    f.productCode = "ORGA6100";
    f.type = ComponentType::StationaryTerminal;
    EXPECT_EQ(errorCodeFor(f), "<accepted>");
    f.vendorId = "a_1Z";
    EXPECT_EQ(errorCodeFor(f), "<accepted>");
}

TEST(ProductIdentity, RejectsAVendorIdLongerThanFiveCharacters) {
    auto f = kocobox();
    f.vendorId = "KOCOCX";
    EXPECT_EQ(errorCodeFor(f), "identity.vendor-id-too-long");
}

TEST(ProductIdentity, RejectsAProductCodeLongerThanEightCharacters) {
    auto f = kocobox();
    f.productCode = "ORGA61000";
    EXPECT_EQ(errorCodeFor(f), "identity.product-code-too-long");
}

TEST(ProductIdentity, RejectsCharactersOutsideTheSchemaPattern) {
    auto f = kocobox();
    f.vendorId = "KO-C";
    EXPECT_EQ(errorCodeFor(f), "identity.vendor-id-invalid-characters");
    f = kocobox();
    f.productCode = "koco box";
    EXPECT_EQ(errorCodeFor(f), "identity.product-code-invalid-characters");
    f = kocobox();
    f.productCode = "kocoböx";
    EXPECT_EQ(errorCodeFor(f), "identity.product-code-invalid-characters");
}

TEST(ProductIdentity, RejectsEmptyIdentifiers) {
    auto f = kocobox();
    f.vendorId.clear();
    EXPECT_EQ(errorCodeFor(f), "identity.vendor-id-empty");
    f = kocobox();
    f.productCode.clear();
    EXPECT_EQ(errorCodeFor(f), "identity.product-code-empty");
}

TEST(ProductIdentity, RejectsNamesLongerThan256Characters) {
    auto f = kocobox();
    f.productName = std::string(257, 'x');
    EXPECT_EQ(errorCodeFor(f), "identity.product-name-too-long");
    f = kocobox();
    f.vendorName = std::string(257, 'x');
    EXPECT_EQ(errorCodeFor(f), "identity.vendor-name-too-long");
}

TEST(ProductIdentity, ErrorNamesTheFieldInBothLanguages) {
    auto f = kocobox();
    f.vendorId = "TOOLONG";
    auto r = ProductIdentity::create(f);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("Hersteller-ID"), std::string::npos);
    EXPECT_NE(r.error().message.en.find("vendor id"), std::string::npos);
}

TEST(ComponentType, IdsRoundTripAndUnknownIdsAreErrors) {
    for (auto t : {ComponentType::Connector, ComponentType::StationaryTerminal, ComponentType::MobileTerminal}) {
        auto parsed = parseComponentType(componentTypeId(t));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, t);
    }
    EXPECT_FALSE(parseComponentType("toaster").ok());
    EXPECT_EQ(componentTypeName(ComponentType::Connector).de, "Konnektor");
}

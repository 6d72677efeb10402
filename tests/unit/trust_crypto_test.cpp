#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/temp_dir.h"
#include "tiservice/trust/canonical_json.h"
#include "tiservice/trust/keys.h"
#include "tiservice/trust/envelope.h"

using namespace tiservice;
using namespace tiservice::trust;

TEST(CanonicalJson, SortsKeysDropsWhitespaceAndEscapesOnlyQuoteAndBackslash) {
    const auto doc = QJsonDocument::fromJson(R"({ "b": [1, true, null], "a": "x\"y\\z", "ä": {"z": 1, "a": -2} })");
    EXPECT_EQ(*canonicalJson(doc.object()), "{\"a\":\"x\\\"y\\\\z\",\"b\":[1,true,null],\"ä\":{\"a\":-2,\"z\":1}}");
}

TEST(CanonicalJson, RefusesFloats) {
    EXPECT_FALSE(canonicalJson(QJsonDocument::fromJson(R"({"v": 1.5})").object()).has_value());
    EXPECT_EQ(*canonicalJson(QJsonDocument::fromJson(R"({"v": 4294967296})").object()), "{\"v\":4294967296}");
}

TEST(Keys, EveryTypeSignsAndVerifiesAndRefusesTampering) {
    for (auto type : {SigningKey::Type::Ed25519, SigningKey::Type::EcdsaP256, SigningKey::Type::RsaPss}) {
        auto key = SigningKey::generate(type);
        ASSERT_TRUE(key.ok());
        const auto sig = key->sign("signed bytes");
        EXPECT_TRUE(key->publicKey().verify("signed bytes", sig)) << key->publicKey().scheme;
        EXPECT_FALSE(key->publicKey().verify("signed bytez", sig)) << key->publicKey().scheme;
        auto bad = sig;
        bad[4] = bad[4] == '0' ? '1' : '0';
        EXPECT_FALSE(key->publicKey().verify("signed bytes", bad)) << key->publicKey().scheme;
        EXPECT_FALSE(key->publicKey().verify("signed bytes", "zz")) << key->publicKey().scheme;
        EXPECT_FALSE(key->publicKey().verify("signed bytes", "")) << key->publicKey().scheme;
        EXPECT_EQ(key->keyId().size(), 64u);
    }
}

TEST(Keys, SchemesNameWhatTufExpects) {
    EXPECT_EQ(SigningKey::generate(SigningKey::Type::Ed25519)->publicKey().scheme, "ed25519");
    EXPECT_EQ(SigningKey::generate(SigningKey::Type::EcdsaP256)->publicKey().scheme, "ecdsa-sha2-nistp256");
    EXPECT_EQ(SigningKey::generate(SigningKey::Type::RsaPss)->publicKey().scheme, "rsassa-pss-sha256");
}

TEST(Keys, AKeyOfOneSchemeDoesNotPassAsAnother) {
    auto ed = *SigningKey::generate(SigningKey::Type::Ed25519);
    PublicKey lie = ed.publicKey();
    lie.scheme = "ecdsa-sha2-nistp256";
    lie.keytype = "ecdsa";
    EXPECT_FALSE(lie.verify("x", ed.sign("x")));
    EXPECT_FALSE(lie.supported());
}

TEST(Keys, SavedKeysLoadAgainWithMode0600) {
    tiservice::testing::TempDir dir;
    for (auto type : {SigningKey::Type::Ed25519, SigningKey::Type::EcdsaP256, SigningKey::Type::RsaPss}) {
        auto key = *SigningKey::generate(type);
        ASSERT_TRUE(key.save(dir / "k.pem").ok());
#ifndef _WIN32  // Windows has no such modes: the profile folder's ACL keeps others out
        EXPECT_EQ(std::filesystem::status(dir / "k.pem").permissions(),
                  std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
#endif
        auto loaded = SigningKey::load(dir / "k.pem");
        ASSERT_TRUE(loaded.ok());
        EXPECT_EQ(loaded->keyId(), key.keyId());
        EXPECT_TRUE(key.publicKey().verify("m", loaded->sign("m")));
    }
    tiservice::testing::writeFile(dir / "junk.pem", "-----BEGIN PRIVATE KEY-----\nnope\n");
    EXPECT_FALSE(SigningKey::load(dir / "junk.pem").ok());
}

TEST(Metadata, ThresholdCountsDistinctKeysOnly) {
    auto a = *SigningKey::generate(SigningKey::Type::Ed25519);
    auto b = *SigningKey::generate(SigningKey::Type::Ed25519);
    Envelope e;
    e.canonicalSigned = "payload";
    e.signatures = {{a.keyId(), a.sign("payload")}, {a.keyId(), a.sign("payload")}};
    std::map<std::string, PublicKey> keys{{a.keyId(), a.publicKey()}, {b.keyId(), b.publicKey()}};
    RoleKeys role{{a.keyId(), b.keyId()}, 2};
    EXPECT_FALSE(thresholdMet(e, keys, role));
    e.signatures.push_back({b.keyId(), b.sign("payload")});
    EXPECT_TRUE(thresholdMet(e, keys, role));
    // A signature by a key the role does not list never counts.
    RoleKeys onlyB{{b.keyId()}, 2};
    EXPECT_FALSE(thresholdMet(e, keys, onlyB));
}

TEST(Metadata, ParsersRefuseWrongTypesAndVersions) {
    EXPECT_EQ(parseTimestamp(R"({"signed":{"_type":"snapshot","spec_version":"1.0.31","version":1,"expires":"2030-01-01T00:00:00Z","meta":{}},"signatures":[]})").error().code,
              errors::kMalformed);
    EXPECT_EQ(parseTimestamp(R"({"signed":{"_type":"timestamp","spec_version":"1.0.31","version":0,"expires":"2030-01-01T00:00:00Z","meta":{}},"signatures":[]})").error().code,
              errors::kMalformed);
    EXPECT_EQ(parseTimestamp(R"({"signed":{"_type":"timestamp","spec_version":"2.0.0","version":1,"expires":"2030-01-01T00:00:00Z","meta":{}},"signatures":[]})").error().code,
              errors::kMalformed);
    EXPECT_EQ(parseTimestamp(R"({"signed":{"_type":"timestamp","spec_version":"1.0.31","version":1,"expires":"2030-01-01","meta":{}},"signatures":[]})").error().code,
              errors::kMalformed);
    EXPECT_EQ(parseTimestamp("[]").error().code, errors::kMalformed);
    EXPECT_EQ(parseTargets(R"({"signed":{"_type":"targets","spec_version":"1.0.31","version":1,"expires":"2030-01-01T00:00:00Z","targets":{"a":{"length":1,"hashes":{}}}},"signatures":[]})").error().code,
              errors::kMalformed);
}

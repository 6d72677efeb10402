#include "tiservice/logger.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

using namespace tiservice;
using tiservice::testing::readFile;
using tiservice::testing::TempDir;

namespace {

std::string logFile(const TempDir& dir) {
    log::logger()->flush();
    return readFile(dir / "tiservice.log");
}

class LogTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(log::init({.directory = dir.path(), .stderrLevel = log::Level::Off}).ok());
    }
    void TearDown() override { (void)log::init({.directory = {}, .stderrLevel = log::Level::Off}); }
    TempDir dir;
};

}  // namespace

TEST_F(LogTest, WritesMessagesToTheLogFileInTheStateFolder) {
    log::logger()->info("Konnektor {} gelesen", "KOCOC-kocobox");
    EXPECT_NE(logFile(dir).find("Konnektor KOCOC-kocobox gelesen"), std::string::npos);
}

TEST_F(LogTest, RegisteredSecretNeverReachesTheLogFile) {
    const std::string password = "Praxis!2026geheim";
    log::ScopedSecret secret(password);
    log::logger()->info("login koco-root password={}", password);
    log::logger()->warn("{}", password);
    log::logger()->error("prefix" + password + "suffix");
    log::logger()->info("Authorization: Basic {} and again {}", password, password);
    const auto content = logFile(dir);
    EXPECT_EQ(content.find(password), std::string::npos) << content;
    EXPECT_NE(content.find("password=******"), std::string::npos);
    EXPECT_NE(content.find("prefix******suffix"), std::string::npos);
}

TEST_F(LogTest, LongerSecretIsReplacedWholeWhenItContainsAShorterOne) {
    log::ScopedSecret pin("1234");
    log::ScopedSecret password("ab1234cd!X");
    log::logger()->info("value ab1234cd!X");
    const auto content = logFile(dir);
    EXPECT_EQ(content.find("1234"), std::string::npos) << content;
    EXPECT_NE(content.find("value ******"), std::string::npos);
    EXPECT_EQ(content.find("cd!X"), std::string::npos);
}

TEST_F(LogTest, ForgottenSecretIsNoLongerRedacted) {
    {
        log::ScopedSecret secret("temporary-token-42");
    }
    log::logger()->info("token temporary-token-42");
    EXPECT_NE(logFile(dir).find("temporary-token-42"), std::string::npos);
}

TEST_F(LogTest, SecretRegisteredTwiceStaysRedactedUntilForgottenTwice) {
    log::registerSecret("double-secret");
    log::registerSecret("double-secret");
    log::forgetSecret("double-secret");
    log::logger()->info("a double-secret");
    EXPECT_EQ(logFile(dir).find("double-secret"), std::string::npos);
    log::forgetSecret("double-secret");
}

TEST_F(LogTest, RotatesInsteadOfGrowingWithoutBound) {
    ASSERT_TRUE(log::init({.directory = dir.path(), .maxFileBytes = 4096, .maxFiles = 2,
                           .stderrLevel = log::Level::Off}).ok());
    for (int i = 0; i < 500; ++i) log::logger()->info("line {} {}", i, std::string(40, 'x'));
    log::logger()->flush();
    EXPECT_TRUE(std::filesystem::exists(dir / "tiservice.1.log"));
    EXPECT_FALSE(std::filesystem::exists(dir / "tiservice.3.log"));
    EXPECT_LE(std::filesystem::file_size(dir / "tiservice.log"), 4096u + 200u);
}

TEST_F(LogTest, UnwritableFolderIsAnErrorWithAMessage) {
    const auto blocker = dir / "not-a-folder";
    tiservice::testing::writeFile(blocker, "x");
    auto status = log::init({.directory = blocker / "logs", .stderrLevel = log::Level::Off});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, "log.folder-not-writable");
    EXPECT_NE(status.error().message.de.find("Protokoll"), std::string::npos);
    log::logger()->info("still works");  // the logger stays usable
}

TEST(Redact, ReplacesEveryOccurrence) {
    log::ScopedSecret s("pin0815");
    EXPECT_EQ(log::redact("pin0815/pin0815"), "******/******");
    EXPECT_EQ(log::redact("nothing here"), "nothing here");
}

// The window's tests: one QApplication for all of them, on Qt's offscreen platform unless the
// environment names another (xvfb-run), with HOME and the XDG folders in a folder of their own.
#include <gtest/gtest.h>

#include <cstdlib>

#include <QApplication>

#include "support/temp_dir.h"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    const tiservice::testing::TempDir home;
    for (const char* v :
         {"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"})
        qputenv(v, QByteArray::fromStdString((home.path() / v).string()));
    std::filesystem::create_directories(home.path() / "XDG_RUNTIME_DIR");
    std::filesystem::permissions(home.path() / "XDG_RUNTIME_DIR", std::filesystem::perms::owner_all);
    QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}

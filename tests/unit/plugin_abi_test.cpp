// The ABI header compiled as C++20 (the C host test compiles it as C11).
#include "tiservice/plugin.h"

#include <gtest/gtest.h>

#include <cstddef>

static_assert(offsetof(tis_plugin_entry_t, abi_version) == 0, "the ABI version is the first field");
static_assert(offsetof(tis_host, struct_size) == 0, "every struct starts with its size");
static_assert(offsetof(tis_plugin, struct_size) == 0, "every struct starts with its size");
static_assert(offsetof(tis_notice, struct_size) == 0, "every struct starts with its size");
static_assert(offsetof(tis_question, struct_size) == 0, "every struct starts with its size");
static_assert(offsetof(tis_progress, struct_size) == 0, "every struct starts with its size");
static_assert(offsetof(tis_menu_entry, struct_size) == 0, "every struct starts with its size");
static_assert(TIS_PLUGIN_ABI_VERSION == 1u);

TEST(PluginAbi, ResultCodesAndEnumsKeepTheirValues) {
    // Released values never change: hosts in other languages hard-code them.
    EXPECT_EQ(TIS_OK, 0);
    EXPECT_EQ(TIS_ERR_INVALID_ARGUMENT, 1);
    EXPECT_EQ(TIS_ERR_STATE, 2);
    EXPECT_EQ(TIS_ERR_UNSUPPORTED, 3);
    EXPECT_EQ(TIS_ERR_INTERNAL, 4);
    EXPECT_EQ(TIS_NOTICE_BANNER, 0);
    EXPECT_EQ(TIS_NOTICE_MODAL, 1);
    EXPECT_EQ(TIS_NOTICE_TASK_LIST, 2);
    EXPECT_EQ(TIS_ASK_SECRET, 2);
    EXPECT_STREQ(TIS_PLUGIN_ENTRY_SYMBOL, "tis_plugin_entry");
    EXPECT_STREQ(TIS_EXT_ACTIVITY, "tiservice.activity/1");
}

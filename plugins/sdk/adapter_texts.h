#pragma once
// The adapter's own messages — that its engine did not start, ended, is missing — in German and
// English without Qt in the practice software's process. They are written as everywhere else,
// TIS_TEXT("adapter", "German …"), so lupdate collects them into translations/tiservice_en.ts;
// at build time cmake/AdapterTexts.cmake turns that context of the catalog into a table
// (kAdapterTexts), and a message without its English stops the build.

#include <span>
#include <string>
#include <string_view>

namespace tiservice::plugin_sdk {

struct AdapterText {
    const char* de;
    const char* en;
};
/// Generated from the catalog: every message of the context "adapter" with its English.
extern const std::span<const AdapterText> kAdapterTexts;

/// A message of the adapter: its German, as written in the code.
struct AdapterMessage {
    const char* german;
};

/// Only the context the table is made from: a message of another context would have no English.
consteval AdapterMessage adapterMessage(std::string_view context, const char* german) {
    if (context != "adapter") throw "the adapter's messages are of the context \"adapter\"";
    return AdapterMessage{german};
}

/// The message in English or German.
inline std::string in(AdapterMessage m, bool english) {
    if (english)
        for (const auto& t : kAdapterTexts)
            if (std::string_view(t.de) == m.german) return t.en;
    return m.german;
}

}  // namespace tiservice::plugin_sdk

#define TIS_TEXT(context, german) ::tiservice::plugin_sdk::adapterMessage(context, german)

// Plugins that break the ABI's promises on purpose, one per build (MISBEHAVIOUR names which),
// and "old_plugin", which keeps them all but is built against revision 0 (abi_v1/):
// the host must report each and keep running. Built as libtiservice_adapter_<name>.so with a
// manifest for host <name>, so `tiservice-host --pvs <name>` loads it.
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "tiservice/plugin.h"

#ifndef MISBEHAVIOUR
#error "MISBEHAVIOUR must name the case"
#endif
#define TIS_STR2(x) #x
#define TIS_STR(x) TIS_STR2(x)

namespace {

const std::string kName = TIS_STR(MISBEHAVIOUR);
bool is(const char* name) { return kName == name; }

const tis_host* gHost = nullptr;
bool gSentOnce = false;
std::string gMenuIds[64];

void sleepLong() { std::this_thread::sleep_for(std::chrono::hours(1)); }

tis_result init(const tis_plugin*) {
    if (is("throws")) throw std::runtime_error("Absturz im init / crash in init");  // no barrier
    if (is("null_last_error")) return TIS_ERR_INTERNAL;  // … and last_error gives no reason
    if (is("blocks_in_init")) sleepLong();
    for (int i = 0; i < 64; ++i) gMenuIds[i] = "entry." + std::to_string(i);
    if (gHost && gHost->request_callback) gHost->request_callback(gHost);
    return TIS_OK;
}

void onMainThread(const tis_plugin*) {
    if (is("throws_on_main_thread")) throw std::runtime_error("kaputt im on_main_thread");
    if (is("old_plugin") && !gSentOnce) {  // keeps every promise, in revision 0's words
        gSentOnce = true;
        const tis_action later{"later", "Später"};
        tis_notice n{sizeof(tis_notice), "old.hello", TIS_SEVERITY_INFO, TIS_NOTICE_BANNER, "Alte Erweiterung",
                     "Gebaut für Revision 0 der Schnittstelle.", &later, 1};
        gHost->show_notice(gHost, &n);
        return;
    }
    if (!is("null_strings") || gSentOnce) return;
    gSentOnce = true;
    const tis_host* h = gHost;
    // Notices: none at all, one of NULLs only, one with a NULL array but a count, one whose
    // action has a NULL id and one a NULL label, unknown severity and style.
    h->show_notice(h, nullptr);
    tis_notice empty{};
    empty.struct_size = sizeof(tis_notice);
    h->show_notice(h, &empty);
    tis_notice noActions{sizeof(tis_notice), nullptr, 77, 99, "Titel ohne Text", nullptr, nullptr, 7};
    h->show_notice(h, &noActions);
    const tis_action actions[2] = {{nullptr, "ohne id"}, {"ok", nullptr}};
    tis_notice halfActions{sizeof(tis_notice), "n.actions", TIS_SEVERITY_WARNING, TIS_NOTICE_MODAL, "Aktionen",
                           "Text mit\nzwei Zeilen", actions, 2};
    h->show_notice(h, &halfActions);
    tis_notice tooSmall{};
    tooSmall.struct_size = 4;
    h->show_notice(h, &tooSmall);
    // Questions, progress, log and a URL, broken in the same ways.
    h->ask(h, nullptr);
    tis_question q{sizeof(tis_question), 1, nullptr, 99, nullptr, nullptr, 3, nullptr};
    h->ask(h, &q);
    h->progress(h, nullptr);
    tis_progress p{sizeof(tis_progress), nullptr, nullptr, 5000, -7};
    h->progress(h, &p);
    tis_progress fine{sizeof(tis_progress), "install", "Installation läuft", 42, 60};
    h->progress(h, &fine);
    h->log(h, TIS_LOG_ERROR, nullptr);
    h->open_url(h, nullptr);
    h->open_url(h, "javascript:alert(1)");
    (void)h->get_setting(h, nullptr);
}

uint32_t menuEntryCount(const tis_plugin*) {
    if (is("throws_menu_count")) throw 42;  // not even a std::exception
    if (is("huge_menu")) return 0xFFFFFFFFu;
    if (is("null_strings")) return 3;
    return 1;
}

tis_result getMenuEntry(const tis_plugin*, uint32_t index, tis_menu_entry* out) {
    if (is("null_strings")) {
        if (index == 0) out->id = out->label = out->location = nullptr;
        if (index == 1) {
            out->id = "x.run";
            out->label = nullptr;
            out->location = nullptr;
        }
        return TIS_OK;  // index 2: "OK" with nothing filled in
    }
    if (index >= 64) return TIS_ERR_INVALID_ARGUMENT;
    out->id = gMenuIds[index].c_str();
    out->label = gMenuIds[index].c_str();
    out->location = "Extras";
    return TIS_OK;
}

tis_result runMenuEntry(const tis_plugin*, const char*) {
    if (is("throws_run_menu")) throw std::logic_error("kaputt im run_menu_entry");
    return TIS_ERR_UNSUPPORTED;
}

tis_result answer(const tis_plugin*, uint64_t, const char*) { return TIS_OK; }

void shutdown(const tis_plugin*) {
    if (is("blocks_in_shutdown")) sleepLong();
}

void destroy(const tis_plugin*) {}

const void* getExtension(const tis_plugin*, const char*) {
    if (is("throws_get_extension")) throw std::runtime_error("kaputt im get_extension");
    return nullptr;
}

const char* lastError(const tis_plugin*) { return is("null_last_error") ? nullptr : "nicht unterstützt"; }

tis_plugin makeTable() {
    tis_plugin p{};
    p.struct_size = sizeof(tis_plugin);
    p.init = init;
    p.on_main_thread = onMainThread;
    p.menu_entry_count = menuEntryCount;
    p.get_menu_entry = getMenuEntry;
    p.run_menu_entry = runMenuEntry;
    p.answer = answer;
    p.shutdown = shutdown;
    p.destroy = destroy;
    p.get_extension = getExtension;
    p.last_error = lastError;
    if (is("null_functions")) {
        p.on_main_thread = nullptr;
        p.run_menu_entry = nullptr;
        p.destroy = nullptr;
    }
    return p;
}
const tis_plugin kPlugin = makeTable();

const char* manifest() {
    const std::string compat = is("needs_newer_host") ? "1.9" : "1.0";
    static const std::string m = R"({"id":"test.)" + kName + R"(","name":")" + kName + R"(","version":"1","compat":")" +
                                 compat + R"(","vendor":"test","host":")" + kName + R"(","abi":1})";
    return m.c_str();
}
const tis_plugin* create(const tis_host* host) {
    gHost = host;
    return &kPlugin;
}

}  // namespace

extern "C" TIS_PLUGIN_EXPORT const tis_plugin_entry_t tis_plugin_entry = {
    TIS_PLUGIN_ABI_VERSION, sizeof(tis_plugin_entry_t), nullptr, nullptr, manifest, create};

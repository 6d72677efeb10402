/* A minimal practice software written in C: proves the ABI is usable from C.
 * Usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR
 * Loads the adapter with dlopen, reads its manifest, hosts it on a main-thread loop until
 * the first status notice arrives, prints it, shuts the plugin down. Exit 0 on success. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tiservice/plugin.h"

#define MAX_SETTINGS 64

static char* keys[MAX_SETTINGS];
static char* values[MAX_SETTINGS];
static int setting_count = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int callback_requested = 0;
static int status_notices = 0;

static void host_log(const tis_host* self, int32_t level, const char* message) {
    (void)self;
    printf("LOG %d %s\n", (int)level, message);
}

static char first_status_notice[256];

static void host_request_callback(const tis_host* self) {
    (void)self;
    pthread_mutex_lock(&lock);
    callback_requested = 1;
    pthread_mutex_unlock(&lock);
}

static const char* host_get_setting(const tis_host* self, const char* key) {
    (void)self;
    for (int i = 0; i < setting_count; ++i)
        if (strcmp(keys[i], key) == 0) return values[i];
    return NULL;
}

static void host_show_notice(const tis_host* self, const tis_notice* notice) {
    (void)self;
    printf("NOTICE %s severity=%d style=%d\n  %s: %s\n", notice->id, (int)notice->severity, (int)notice->style,
           notice->title, notice->text);
    for (uint32_t i = 0; i < notice->action_count; ++i) printf("  action %s: %s\n", notice->actions[i].id, notice->actions[i].label);
    if (strncmp(notice->id, "status.", 7) == 0 && status_notices++ == 0)
        snprintf(first_status_notice, sizeof first_status_notice, "%s", notice->id);
}

#ifdef TIS_HOST_SIZE_R1 /* built against revision 2 or later (c_host_v1 is revision 0) */
static void host_withdraw_notice(const tis_host* self, const char* notice_id) {
    (void)self;
    printf("WITHDRAWN %s\n", notice_id);
}
#endif

static void host_ask(const tis_host* self, const tis_question* question) {
    (void)self;
    printf("QUESTION %s (not answered by this host)\n", question->id);
}

static void host_progress(const tis_host* self, const tis_progress* progress) {
    (void)self;
    printf("PROGRESS %s %d\n", progress->text, (int)progress->percent);
}

static void host_open_url(const tis_host* self, const char* url) {
    (void)self;
    printf("URL %s\n", url);
}

static int read_settings(const char* file, const char* state_dir) {
    FILE* f = fopen(file, "r");
    if (!f) return 0;
    char line[1024];
    while (fgets(line, sizeof line, f) && setting_count < MAX_SETTINGS - 2) {
        char* eq = strstr(line, " = ");
        if (!eq || line[0] == '#') continue;
        *eq = '\0';
        char* value = eq + 3;
        value[strcspn(value, "\r\n")] = '\0';
        keys[setting_count] = strdup(line);
        values[setting_count] = strdup(value);
        ++setting_count;
    }
    fclose(f);
    keys[setting_count] = strdup("tiservice.state_dir");
    values[setting_count++] = strdup(state_dir);
    keys[setting_count] = strdup("language");
    values[setting_count++] = strdup("de");
    return 1;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR\n");
        return 2;
    }
    if (!read_settings(argv[2], argv[3])) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 3;
    }
    const tis_plugin_entry_t* entry = (const tis_plugin_entry_t*)dlsym(library, TIS_PLUGIN_ENTRY_SYMBOL);
    if (!entry || entry->abi_version != TIS_PLUGIN_ABI_VERSION) {
        fprintf(stderr, "not a tiservice plugin of ABI %u\n", TIS_PLUGIN_ABI_VERSION);
        return 3;
    }
    printf("MANIFEST %s\n", entry->manifest());
    if (entry->init && !entry->init(argv[1])) return 3;

    tis_host host;
    memset(&host, 0, sizeof host);
    host.struct_size = sizeof host;
    host.name = "C-Praxis";
    host.version = "1.0";
    host.log = host_log;
    host.request_callback = host_request_callback;
    host.get_setting = host_get_setting;
    host.show_notice = host_show_notice;
    host.ask = host_ask;
    host.progress = host_progress;
    host.open_url = host_open_url;
#ifdef TIS_HOST_SIZE_R1
    host.withdraw_notice = host_withdraw_notice;
#endif

    const tis_plugin* plugin = entry->create(&host);
    if (!plugin) return 3;
    if (plugin->init(plugin) != TIS_OK) {
        fprintf(stderr, "init: %s\n", plugin->last_error(plugin));
        return 3;
    }
    tis_menu_entry menu;
    memset(&menu, 0, sizeof menu);
    menu.struct_size = sizeof menu;
    for (uint32_t i = 0; i < plugin->menu_entry_count(plugin); ++i)
        if (plugin->get_menu_entry(plugin, i, &menu) == TIS_OK) printf("MENU %s %s (%s)\n", menu.id, menu.label, menu.location);

    /* The main-thread loop: deliver when asked to, until the first status notice (30 s at most). */
    for (int turn = 0; turn < 3000 && status_notices == 0; ++turn) {
        pthread_mutex_lock(&lock);
        int requested = callback_requested;
        callback_requested = 0;
        pthread_mutex_unlock(&lock);
        if (requested) plugin->on_main_thread(plugin);
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        nanosleep(&ten_ms, NULL);
    }
#ifdef TIS_HOST_SIZE_R1
    /* Revision 2: the person postponed the notice ("Später"). */
    if (status_notices > 0 && TIS_HAS_FIELD(tis_plugin, plugin->struct_size, notice_closed) && plugin->notice_closed)
        printf("POSTPONED %s result=%d\n", first_status_notice,
               (int)plugin->notice_closed(plugin, first_status_notice, TIS_NOTICE_POSTPONED));
#endif
    plugin->shutdown(plugin);
    plugin->destroy(plugin);
    if (entry->deinit) entry->deinit();
    dlclose(library);
    printf("DONE status_notices=%d\n", status_notices);
    return status_notices > 0 ? 0 : 1;
}

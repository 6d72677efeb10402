/* A minimal practice software written in C: proves the ABI is usable from C.
 * Usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR [--cycles N | --close-after MS]
 * Loads the adapter with dlopen, reads its manifest, hosts it on a main-thread loop until
 * the first status notice arrives, prints it, shuts the plugin down and unloads it. Exit 0 on
 * success. With --cycles N it does that N times in one process, as a practice software that
 * loads a new adapter version without a restart, and says after each dlclose what is still
 * mapped. Each cycle prints what a practice software feels (FIGURES): how long dlopen, create
 * and init held its thread, the longest of its calls into the plugin, the plugin's threads and
 * the memory it added after the first check, and how long shutdown took. With --close-after MS
 * the practice software is closed after MS milliseconds, whether a notice came or not (a check
 * still in flight), and exits 0 once the plugin is shut down. */
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
static int close_after_ms = 0; /* 0: wait for the first status notice (30 s at most) */

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* A number from /proc/self/status ("Threads:", "VmRSS:"), or -1. */
static long proc_status(const char* field) {
    FILE* f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long value = -1;
    const size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) {
            value = strtol(line + n, NULL, 10);
            break;
        }
    fclose(f);
    return value;
}

/* How many lines of /proc/self/maps name a file whose path contains `part`. */
static int mappings_of(const char* part) {
    FILE* f = fopen("/proc/self/maps", "r");
    if (!f) return -1;
    char line[4096];
    int count = 0;
    while (fgets(line, sizeof line, f))
        if (strstr(line, part)) ++count;
    fclose(f);
    return count;
}

static void host_log(const tis_host* self, int32_t level, const char* message) {
    (void)self;
    printf("LOG %d %s\n", (int)level, message);
}

static char first_status_notice[256];
static double load_started_us = 0, first_notice_us = -1; /* from dlopen to the first status notice */

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
    if (strncmp(notice->id, "status.", 7) == 0 && status_notices++ == 0) {
        snprintf(first_status_notice, sizeof first_status_notice, "%s", notice->id);
        first_notice_us = now_us() - load_started_us;
    }
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

/* One load, first notice, shutdown, unload. 0 on success, else the exit code. */
static int host_once(const char* adapter, int cycle) {
    status_notices = 0;
    first_notice_us = -1;
    const long rss_before = proc_status("VmRSS:");
    const long threads_before = proc_status("Threads:");
    double longest_call = 0;
    double t0 = now_us();
    load_started_us = t0;
    void* library = dlopen(adapter, RTLD_NOW | RTLD_LOCAL);
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
    if (entry->init && !entry->init(adapter)) return 3;

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
    const double load_us = now_us() - t0;
    tis_menu_entry menu;
    memset(&menu, 0, sizeof menu);
    menu.struct_size = sizeof menu;
    for (uint32_t i = 0; i < plugin->menu_entry_count(plugin); ++i) {
        t0 = now_us();
        const int32_t got = plugin->get_menu_entry(plugin, i, &menu);
        const double took = now_us() - t0;
        if (took > longest_call) longest_call = took;
        if (got == TIS_OK) printf("MENU %s %s (%s)\n", menu.id, menu.label, menu.location);
    }

    /* The main-thread loop: deliver when asked to, until the first status notice (30 s at most)
     * or until the practice software is closed. */
    const int turns = close_after_ms > 0 ? close_after_ms / 10 : 3000;
    for (int turn = 0; turn < turns && (close_after_ms > 0 || status_notices == 0); ++turn) {
        pthread_mutex_lock(&lock);
        int requested = callback_requested;
        callback_requested = 0;
        pthread_mutex_unlock(&lock);
        if (requested) {
            t0 = now_us();
            plugin->on_main_thread(plugin);
            const double took = now_us() - t0;
            if (took > longest_call) longest_call = took;
        }
        struct timespec ten_ms = {0, 10 * 1000 * 1000};
        nanosleep(&ten_ms, NULL);
    }
    const long threads = proc_status("Threads:") - threads_before;
    const long rss_added = proc_status("VmRSS:") - rss_before;
#ifdef TIS_HOST_SIZE_R1
    /* Revision 2: the person postponed the notice ("Später"). */
    if (status_notices > 0 && TIS_HAS_FIELD(tis_plugin, plugin->struct_size, notice_closed) && plugin->notice_closed)
        printf("POSTPONED %s result=%d\n", first_status_notice,
               (int)plugin->notice_closed(plugin, first_status_notice, TIS_NOTICE_POSTPONED));
#endif
    t0 = now_us();
    plugin->shutdown(plugin);
    const double shutdown_us = now_us() - t0;
    plugin->destroy(plugin);
    if (entry->deinit) entry->deinit();
    dlclose(library);
    printf(
        "FIGURES cycle=%d load_us=%.0f longest_call_us=%.0f plugin_threads=%ld rss_added_kb=%ld shutdown_us=%.0f "
        "first_notice_us=%.0f\n",
        cycle, load_us, longest_call, threads, rss_added, shutdown_us, first_notice_us);
    /* What a practice software that loads a new version next would find still in its process. */
    const char* base = strrchr(adapter, '/');
    printf("UNLOADED cycle=%d adapter_mappings=%d core_mappings=%d threads_left=%ld\n", cycle,
           mappings_of(base ? base + 1 : adapter), mappings_of("libtiservice_core"),
           proc_status("Threads:") - threads_before);
    printf("DONE status_notices=%d\n", status_notices);
    return status_notices > 0 || close_after_ms > 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    int cycles = 1;
    int known = argc == 4;
    if (argc == 6 && strcmp(argv[4], "--cycles") == 0) {
        cycles = atoi(argv[5]);
        known = 1;
    }
    if (argc == 6 && strcmp(argv[4], "--close-after") == 0) {
        close_after_ms = atoi(argv[5]);
        known = close_after_ms > 0;
    }
    if (!known || cycles < 1) {
        fprintf(stderr, "usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR [--cycles N | --close-after MS]\n");
        return 2;
    }
    if (!read_settings(argv[2], argv[3])) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    for (int cycle = 1; cycle <= cycles; ++cycle) {
        const int rc = host_once(argv[1], cycle);
        if (rc != 0) return rc;
    }
    return 0;
}

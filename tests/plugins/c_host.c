/* A minimal practice software written in C: proves the ABI is usable from C.
 * Usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR [--cycles N | --close-after MS]
 *                                                  [--run MENU_ID --answers FILE]
 * Loads the adapter with dlopen, reads its manifest, hosts it on a main-thread loop until
 * the first status notice arrives, prints it, shuts the plugin down and unloads it. Exit 0 on
 * success. With --cycles N it does that N times in one process, as a practice software that
 * loads a new adapter version without a restart, and says after each dlclose what is still
 * mapped. Each cycle prints what a practice software feels (FIGURES): how long dlopen, create
 * and init held its thread, the longest of its calls into the plugin, the plugin's threads, the
 * memory it added once loaded and after the first check (and how much of that it allocated
 * itself, anon_added_kb; -1 on Windows), the engine processes it started with their memory
 * (engine_processes, engine_rss_kb), and how long shutdown took; after dlclose also how many of
 * its processes are left (processes_left, zombies included). With --close-after MS
 * the practice software is closed after MS milliseconds, whether a notice came or not (a check
 * still in flight), and exits 0 once the plugin is shut down. With --run MENU_ID it chooses that
 * menu entry after the first status notice, as a person at the reception would (the guided
 * update: ti-service.update), answers the plugin's questions from FILE (lines "question.id =
 * answer", one line per time it is asked; a question without a line left is cancelled) and
 * ends once the plugin is idle again. Answers are never printed: they hold passwords. */
#define _POSIX_C_SOURCE 200809L
#ifdef _WIN32
#include <windows.h>
/* after windows.h, which they need */
#include <psapi.h>
#include <shellapi.h>
#include <tlhelp32.h>
#else
#include <dirent.h>
#include <dlfcn.h>
#endif
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

/* --run and --answers: the menu entry to choose, the answers in the order given, and the
 * questions the plugin asked that the main-thread loop has not answered yet. */
static const char* run_entry = NULL;
static char* answer_ids[MAX_SETTINGS];
static char* answer_values[MAX_SETTINGS];
static int answer_used[MAX_SETTINGS];
static int answer_count = 0;
#define MAX_ASKED 16
static uint64_t asked_handles[MAX_ASKED];
static char asked_ids[MAX_ASKED][128];
static int asked_count = 0;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

#ifdef _WIN32
/* What a Windows practice software does: LoadLibrary with the adapter's own folder first, so the
 * DLLs beside it (libtiservice_core.dll, Qt6Core.dll, OpenSSL) are found there. */
typedef HMODULE library_t;
static library_t open_library(const char* path) {
    wchar_t wide[MAX_PATH * 4];
    if (!MultiByteToWideChar(CP_UTF8, 0, path, -1, wide, (int)(sizeof wide / sizeof wide[0]))) return NULL;
    for (wchar_t* c = wide; *c; ++c)
        if (*c == L'/') *c = L'\\';
    return LoadLibraryExW(wide, NULL, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
}
static void* library_symbol(library_t library, const char* name) {
    return (void*)(uintptr_t)GetProcAddress(library, name);
}
static void close_library(library_t library) { FreeLibrary(library); }
static const char* library_error(void) {
    static char text[64];
    snprintf(text, sizeof text, "Windows error %lu", (unsigned long)GetLastError());
    return text;
}
/* "Threads:" and "VmRSS:" (kB) as on Linux, or -1 (also for "RssAnon:": Windows has no such split). */
static long proc_status(const char* field) {
    if (strcmp(field, "VmRSS:") == 0) {
        PROCESS_MEMORY_COUNTERS counters;
        if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return -1;
        return (long)(counters.WorkingSetSize / 1024);
    }
    if (strcmp(field, "Threads:") != 0) return -1;
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snapshot == INVALID_HANDLE_VALUE) return -1;
    THREADENTRY32 thread;
    thread.dwSize = sizeof thread;
    long count = 0;
    for (BOOL more = Thread32First(snapshot, &thread); more; more = Thread32Next(snapshot, &thread))
        if (thread.th32OwnerProcessID == GetCurrentProcessId()) ++count;
    CloseHandle(snapshot);
    return count;
}
/* How many loaded modules have a file name that contains `part`. */
static int mappings_of(const char* part) {
    HMODULE modules[1024];
    DWORD needed = 0;
    if (!EnumProcessModules(GetCurrentProcess(), modules, sizeof modules, &needed)) return -1;
    int count = 0;
    for (DWORD i = 0; i < needed / sizeof(HMODULE) && i < 1024; ++i) {
        char name[MAX_PATH * 4];
        if (GetModuleFileNameA(modules[i], name, sizeof name) && strstr(name, part)) ++count;
    }
    return count;
}
/* The processes this one started (an adapter's engine): how many, and their memory in kB. */
static long child_processes(long* rss_kb) {
    *rss_kb = 0;
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot == INVALID_HANDLE_VALUE) return -1;
    PROCESSENTRY32 process;
    process.dwSize = sizeof process;
    long count = 0;
    for (BOOL more = Process32First(snapshot, &process); more; more = Process32Next(snapshot, &process)) {
        if (process.th32ParentProcessID != GetCurrentProcessId()) continue;
        /* The console host Windows (and Wine) gives a console program that starts without a window. */
        if (_stricmp(process.szExeFile, "conhost.exe") == 0) continue;
        HANDLE child = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, FALSE, process.th32ProcessID);
        if (!child) continue; /* ended meanwhile */
        PROCESS_MEMORY_COUNTERS counters;
        if (GetProcessMemoryInfo(child, &counters, sizeof counters)) *rss_kb += (long)(counters.WorkingSetSize / 1024);
        DWORD code = 0;
        if (GetExitCodeProcess(child, &code) && code == STILL_ACTIVE) ++count;
        CloseHandle(child);
    }
    CloseHandle(snapshot);
    return count;
}
static void sleep_ms(int ms) { Sleep((DWORD)ms); }
/* A file named in UTF-8, as every path of ours is. */
static FILE* open_file(const char* path, const char* mode) {
    wchar_t wide[MAX_PATH * 4], wide_mode[8];
    if (!MultiByteToWideChar(CP_UTF8, 0, path, -1, wide, (int)(sizeof wide / sizeof wide[0])) ||
        !MultiByteToWideChar(CP_UTF8, 0, mode, -1, wide_mode, 8))
        return NULL;
    return _wfopen(wide, wide_mode);
}
/* The command line as UTF-8 (main's argv is in the ANSI code page: "Ärzte" would be lost). */
static char** utf8_arguments(int* argc) {
    wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), argc);
    char** args = calloc((size_t)*argc + 1, sizeof *args);
    for (int i = 0; wide && args && i < *argc; ++i) {
        const int n = WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, NULL, 0, NULL, NULL);
        args[i] = malloc((size_t)n);
        if (args[i]) WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, args[i], n, NULL, NULL);
    }
    LocalFree(wide);
    return args;
}
#else
static FILE* open_file(const char* path, const char* mode) { return fopen(path, mode); }
typedef void* library_t;
static library_t open_library(const char* path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void* library_symbol(library_t library, const char* name) { return dlsym(library, name); }
static void close_library(library_t library) { dlclose(library); }
static const char* library_error(void) { return dlerror(); }
static void sleep_ms(int ms) {
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000 * 1000};
    nanosleep(&t, NULL);
}

/* A number from /proc/self/status ("Threads:", "VmRSS:", "RssAnon:"), or -1. */
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

/* A number from /proc/PID/status, or -1. */
static long pid_status(const char* pid, const char* field) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%s/status", pid);
    FILE* f = fopen(path, "r");
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

/* The processes this one started (an adapter's engine), zombies included: how many, and their
 * memory in kB. */
static long child_processes(long* rss_kb) {
    *rss_kb = 0;
    DIR* tasks = opendir("/proc/self/task");
    if (!tasks) return -1;
    long count = 0;
    for (struct dirent* task = readdir(tasks); task; task = readdir(tasks)) {
        if (task->d_name[0] == '.') continue;
        char path[300];
        snprintf(path, sizeof path, "/proc/self/task/%s/children", task->d_name);
        FILE* f = fopen(path, "r");
        if (!f) continue;
        char pid[32];
        while (fscanf(f, "%31s", pid) == 1) {
            ++count;
            const long rss = pid_status(pid, "VmRSS:");
            if (rss > 0) *rss_kb += rss;
        }
        fclose(f);
    }
    closedir(tasks);
    return count;
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
#endif

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
    pthread_mutex_lock(&lock);
    const int queued = run_entry && asked_count < MAX_ASKED;
    if (queued) {
        asked_handles[asked_count] = question->handle;
        snprintf(asked_ids[asked_count], sizeof asked_ids[0], "%s", question->id);
        ++asked_count;
    }
    pthread_mutex_unlock(&lock);
    printf("QUESTION %s: %s%s\n", question->id, question->text ? question->text : "",
           queued ? "" : " (not answered by this host)");
    for (uint32_t i = 0; i < question->choice_count; ++i)
        printf("  choice %s: %s\n", question->choices[i].id, question->choices[i].label);
}

/* The next unused answer for a question, or NULL (cancel). */
static const char* next_answer(const char* id) {
    for (int i = 0; i < answer_count; ++i)
        if (!answer_used[i] && strcmp(answer_ids[i], id) == 0) {
            answer_used[i] = 1;
            return answer_values[i];
        }
    return NULL;
}

/* Answers, on the main thread, what the plugin asked since the last turn; how many. */
static int answer_questions(const tis_plugin* plugin) {
    uint64_t handles[MAX_ASKED];
    char ids[MAX_ASKED][128];
    pthread_mutex_lock(&lock);
    const int n = asked_count;
    memcpy(handles, asked_handles, sizeof handles);
    memcpy(ids, asked_ids, sizeof ids);
    asked_count = 0;
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < n; ++i) {
        const char* value = next_answer(ids[i]);
        const int32_t got = plugin->answer(plugin, handles[i], value);
        printf("ANSWERED %s%s result=%d\n", ids[i], value ? "" : " (cancelled)", (int)got);
    }
    return n;
}

/* Whether the plugin's background work runs (the extension "tiservice.activity/1"); a plugin
 * without it counts as idle. */
static int plugin_busy(const tis_plugin* plugin) {
#ifdef TIS_EXT_ACTIVITY /* not in revision 0's header (c_host_v1) */
    const tis_activity_ext* activity =
        plugin->get_extension ? (const tis_activity_ext*)plugin->get_extension(plugin, TIS_EXT_ACTIVITY) : NULL;
    return activity && activity->busy && activity->busy(plugin) == 1;
#else
    (void)plugin;
    return 0;
#endif
}

static int read_answers(const char* file) {
    FILE* f = open_file(file, "r");
    if (!f) return 0;
    char line[1024];
    while (fgets(line, sizeof line, f) && answer_count < MAX_SETTINGS) {
        char* eq = strstr(line, " = ");
        if (!eq || line[0] == '#') continue;
        *eq = '\0';
        char* value = eq + 3;
        value[strcspn(value, "\r\n")] = '\0';
        answer_ids[answer_count] = strdup(line);
        answer_values[answer_count] = strdup(value);
        ++answer_count;
    }
    fclose(f);
    return 1;
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
    FILE* f = open_file(file, "r");
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
    const long anon_before = proc_status("RssAnon:");
    const long threads_before = proc_status("Threads:");
    double longest_call = 0;
    double t0 = now_us();
    load_started_us = t0;
    library_t library = open_library(adapter);
    if (!library) {
        fprintf(stderr, "dlopen: %s\n", library_error());
        return 3;
    }
    const tis_plugin_entry_t* entry = (const tis_plugin_entry_t*)library_symbol(library, TIS_PLUGIN_ENTRY_SYMBOL);
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
        /* A plugin whose init failed is still destroyed: create made it. */
        plugin->destroy(plugin);
        if (entry->deinit) entry->deinit();
        return 3;
    }
    const double load_us = now_us() - t0;
    const long rss_loaded = proc_status("VmRSS:") - rss_before;
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

    /* The main-thread loop: deliver when asked to, until the first status notice (30 s at most),
     * until the practice software is closed, or -- with --run -- until the menu entry's work is
     * done (120 s at most: a guided update with the connector's reboots). */
    const int turns = close_after_ms > 0 ? close_after_ms / 10 : run_entry ? 12000 : 3000;
    int ran = 0, idle_turns = 0, finished = 0;
    for (int turn = 0; turn < turns && !finished; ++turn) {
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
        if (!run_entry) {
            finished = close_after_ms == 0 && status_notices > 0;
        } else if (!ran && status_notices > 0) {
            /* A person at the reception chooses the entry in the menu. */
            t0 = now_us();
            const int32_t got = plugin->run_menu_entry(plugin, run_entry);
            const double took = now_us() - t0;
            if (took > longest_call) longest_call = took;
            printf("RUN %s result=%d\n", run_entry, (int)got);
            ran = 1;
        } else if (ran) {
            const int answered = answer_questions(plugin);
            idle_turns = answered || requested || plugin_busy(plugin) ? 0 : idle_turns + 1;
            finished = idle_turns >= 5;
        }
        /* What happened this turn reaches a file or pipe now (a test watching it), outside the
         * calls into the plugin that are timed. */
        fflush(stdout);
        sleep_ms(10);
    }
    if (run_entry) printf("RUN %s %s\n", run_entry, finished ? "done" : "did not end in time");
    const long threads = proc_status("Threads:") - threads_before;
    const long rss_added = proc_status("VmRSS:") - rss_before;
    /* Of it, what the plugin allocated itself (heap, stacks); the rest are the pages of its code
     * and its libraries', which the system shares between processes and can drop at any time. */
    const long anon_added = anon_before < 0 ? -1 : proc_status("RssAnon:") - anon_before;
    /* The engine runs in a process of the adapter's own: its memory, counted apart. */
    long engine_rss = 0;
    const long engine_processes = child_processes(&engine_rss);
    /* What of the engine's libraries the adapter brought into this process (none: they are the
     * engine process's). */
    const int engine_libraries = mappings_of("libtiservice_core") + mappings_of("Qt6Core") + mappings_of("libssl") +
                                 mappings_of("libcrypto") + mappings_of("spdlog");
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
    close_library(library);
    printf(
        "FIGURES cycle=%d load_us=%.0f longest_call_us=%.0f plugin_threads=%ld rss_loaded_kb=%ld rss_added_kb=%ld "
        "anon_added_kb=%ld shutdown_us=%.0f first_notice_us=%.0f engine_processes=%ld engine_rss_kb=%ld "
        "engine_libraries_in_host=%d\n",
        cycle, load_us, longest_call, threads, rss_loaded, rss_added, anon_added, shutdown_us, first_notice_us,
        engine_processes, engine_rss, engine_libraries);
    /* What a practice software that loads a new version next would find still in its process. */
    const char* base = strrchr(adapter, '/');
#ifdef _WIN32
    if (strrchr(adapter, '\\') > base) base = strrchr(adapter, '\\');
#endif
    /* A thread that is ending as the library goes is given two seconds (on Windows, Qt Core's
     * watcher of the engine thread ends by itself once it has cleaned up after it); one that
     * stays longer is counted as left behind. */
    long threads_left = proc_status("Threads:") - threads_before;
    for (int wait = 0; wait < 200 && threads_left > 0; ++wait) {
        sleep_ms(10);
        threads_left = proc_status("Threads:") - threads_before;
    }
    long ignored_rss = 0;
    printf("UNLOADED cycle=%d adapter_mappings=%d core_mappings=%d threads_left=%ld processes_left=%ld\n", cycle,
           mappings_of(base ? base + 1 : adapter), mappings_of("libtiservice_core"), threads_left,
           child_processes(&ignored_rss));
    printf("DONE status_notices=%d\n", status_notices);
    if (run_entry) return finished ? 0 : 1;
    return status_notices > 0 || close_after_ms > 0 ? 0 : 1;
}

int main(int argc, char** argv) {
#ifdef _WIN32
    argv = utf8_arguments(&argc);
#endif
    int cycles = 1;
    int known = argc >= 4 && argc % 2 == 0;
    const char* answers_file = NULL;
    for (int i = 4; known && i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--cycles") == 0) {
            cycles = atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--close-after") == 0) {
            close_after_ms = atoi(argv[i + 1]);
            known = close_after_ms > 0;
        } else if (strcmp(argv[i], "--run") == 0) {
            run_entry = argv[i + 1];
        } else if (strcmp(argv[i], "--answers") == 0) {
            answers_file = argv[i + 1];
        } else {
            known = 0;
        }
    }
    if (!known || cycles < 1 || (answers_file && !run_entry) || (run_entry && close_after_ms > 0)) {
        fprintf(stderr,
                "usage: c_host ADAPTER.so SETTINGS_FILE STATE_DIR [--cycles N | --close-after MS]"
                " [--run MENU_ID [--answers FILE]]\n");
        return 2;
    }
    if (answers_file && !read_answers(answers_file)) {
        fprintf(stderr, "cannot read %s\n", answers_file);
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

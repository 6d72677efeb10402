/*
 * tiservice plugin ABI — how a practice software (PVS) hosts a tiservice adapter.
 *
 * A plain C interface, usable from C, C++, Delphi, C# (P/Invoke) or Java (JNA/FFM):
 *  - one exported symbol, `tis_plugin_entry`, whose first field is the ABI version;
 *  - the host and the plugin are tables of function pointers; every function takes `self`
 *    first; every struct starts with its size; new functions are only appended; a
 *    breaking change gets a new ABI version; optional features are found with
 *    get_extension(self, "id/1");
 *  - growing: ABI 1 grows by revisions (TIS_PLUGIN_ABI_REVISION). A revision only appends
 *    fields to the end of a struct; each side reads a field only when the other side's
 *    struct_size covers it (TIS_HAS_FIELD) and treats a missing function as absent. The
 *    manifest's "compat" ("1.R") names the lowest host revision a plugin needs; a host
 *    refuses a plugin that needs a newer one. Revision 0 is the first publication
 *    (tests/plugins/abi_v1 keeps a frozen copy); revision 1 appended tis_host.get_extension
 *    and tis_plugin.settings_changed; revision 2 appended tis_host.withdraw_notice and
 *    tis_plugin.notice_closed (a notice is replaced by one with the same id, withdrawn when
 *    it no longer holds, and the host says when a person closed or postponed it);
 *  - every function uses the calling convention TIS_ABI (__cdecl on 32-bit Windows, so
 *    Delphi and C# hosts bind it as cdecl; empty elsewhere);
 *  - one failure convention: a function that can fail returns tis_result (and last_error
 *    says why); a query returns 0, NULL or "" for "none" and never fails otherwise;
 *  - strings are UTF-8, NUL-terminated; whoever allocates frees; each pointer's lifetime
 *    and each function's thread is written beside it:
 *      [main-thread]  only on the host's UI thread
 *      [thread-safe]  from any thread
 *  - the engine works on its own thread and never calls host UI from it: it calls
 *    host->request_callback, and the host later calls plugin->on_main_thread on its UI
 *    thread, where notices, questions and progress are delivered;
 *  - no exception or longjmp crosses this boundary: every function returns a result code,
 *    and plugin->last_error says why in the language of the host's "language" setting.
 *
 * What a host must check (plugins/loader does all of it for C++ hosts; hosts in other
 * languages do the same):
 *  - Before any plugin code beyond manifest(): abi_version, struct_size of the entry,
 *    manifest and create not NULL, the manifest is JSON naming this host, and its "compat"
 *    revision is not newer than the host's TIS_PLUGIN_ABI_REVISION.
 *  - After create: the table is not NULL, its struct_size is at least TIS_PLUGIN_SIZE_R0,
 *    and every revision-0 function is there except check_now and get_extension (which may
 *    be NULL); a later function is used only when TIS_HAS_FIELD says the plugin has it and it
 *    is not NULL. An incomplete table is never called, not even destroy.
 *  - Every string from the plugin may be NULL (treat as ""), endless (read at most 16 KiB),
 *    not UTF-8 or full of control characters (show it only after removing C0/C1 controls
 *    and bidirectional overrides). last_error may return NULL or "".
 *  - Every struct from the plugin may be NULL or older (struct_size smaller than this
 *    header's): ignore it. An array may be NULL with a count: treat as empty. Counts are
 *    bounded by the host (at most 16 actions or choices, 32 menu entries), whatever the
 *    plugin says; an action without an id is left out. Unknown enum values mean the mildest
 *    (INFO, BANNER, TEXT). A question that cannot be asked is answered with NULL (cancel).
 *  - Every call may throw (a C++ plugin without an exception barrier): a C++ host catches
 *    everything and switches the plugin off; it is never called again but shutdown/destroy.
 *  - init, create and shutdown/destroy may block: call them with a deadline (10 s each in
 *    the sample host); a plugin that misses it is cut off, never called again and never
 *    unloaded, and the process ends without unloading it.
 *  - A crash inside plugin code (a segfault) cannot be caught in the host's process. A
 *    host that must survive that runs the plugin in a helper process of its own
 *    (docs/integration-guide.md, "A plugin in its own process").
 * What a plugin must check: the host's struct_size is at least TIS_HOST_SIZE_R0; a later
 * host function is called only when TIS_HAS_FIELD(tis_host, host->struct_size, …) and it is
 * not NULL; a tis_menu_entry is filled only as far as its struct_size reaches.
 * What the SDK guarantees (every shipped adapter): no exception leaves any function of the
 * entry, the table or an extension; a NULL, freed or foreign `self` is refused with
 * TIS_ERR_INVALID_ARGUMENT (or 0/NULL/""); every string it hands over is printable UTF-8;
 * its manifest says "compat": "1.0" (it runs in hosts of every revision).
 *
 * Compiles as C11 and as C++20.
 */
#ifndef TISERVICE_PLUGIN_H
#define TISERVICE_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#define TIS_PLUGIN_ABI_VERSION 1u
#define TIS_PLUGIN_ABI_REVISION 2u
#define TIS_PLUGIN_ENTRY_SYMBOL "tis_plugin_entry"

#if defined(_WIN32) && !defined(_WIN64)
#define TIS_ABI __cdecl
#else
#define TIS_ABI
#endif

/* Whether a struct of `struct_size` bytes, as the other side built it, contains `field`. */
#define TIS_HAS_FIELD(type, struct_size, field) \
    ((size_t)(struct_size) >= offsetof(type, field) + sizeof(((type*)0)->field))

#if defined(_WIN32)
#define TIS_PLUGIN_EXPORT __declspec(dllexport)
#else
#define TIS_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

typedef enum tis_result {
    TIS_OK = 0,
    TIS_ERR_INVALID_ARGUMENT = 1, /* a NULL or unknown argument */
    TIS_ERR_STATE = 2,            /* not allowed now (e.g. before init) */
    TIS_ERR_UNSUPPORTED = 3,      /* e.g. an unknown menu entry */
    TIS_ERR_INTERNAL = 4          /* a failure inside the plugin; see last_error */
} tis_result;

typedef enum tis_severity { TIS_SEVERITY_INFO = 0, TIS_SEVERITY_WARNING = 1, TIS_SEVERITY_CRITICAL = 2 } tis_severity;

/* How the host should present a notice; the adapter's profile chooses it per PVS. */
typedef enum tis_notice_style {
    TIS_NOTICE_BANNER = 0,    /* a strip at the top of the main window */
    TIS_NOTICE_MODAL = 1,     /* a dialog that must be acknowledged */
    TIS_NOTICE_TASK_LIST = 2  /* an entry in the practice's task list ("Aufgaben") */
} tis_notice_style;

/* How a person closed a notice (tis_plugin.notice_closed, revision 2). */
typedef enum tis_notice_closed {
    TIS_NOTICE_DISMISSED = 0, /* closed it (the banner's X, the dialog's OK, the task ticked off) */
    TIS_NOTICE_POSTPONED = 1  /* chose "later" ("Später"): remind again in a few hours */
} tis_notice_closed;

typedef enum tis_question_kind { TIS_ASK_CHOICE = 0, TIS_ASK_TEXT = 1, TIS_ASK_SECRET = 2 } tis_question_kind;

typedef enum tis_log_level { TIS_LOG_DEBUG = 0, TIS_LOG_INFO = 1, TIS_LOG_WARNING = 2, TIS_LOG_ERROR = 3 } tis_log_level;

/* An action a person can take on a notice, or a choice in a question. */
typedef struct tis_action {
    const char* id;    /* stable, e.g. "update", "later" */
    const char* label; /* for people, in the host's language */
} tis_action;

/* All pointers inside are owned by the plugin and valid only during the host call that
 * receives the struct; the host copies what it keeps. */
typedef struct tis_notice {
    uint32_t struct_size; /* sizeof(tis_notice) */
    const char* id;       /* stable, e.g. "status.expired", "install.failed" */
    int32_t severity;     /* tis_severity */
    int32_t style;        /* tis_notice_style */
    const char* title;
    const char* text;
    const tis_action* actions; /* may be NULL when action_count is 0 */
    uint32_t action_count;
} tis_notice;

typedef struct tis_question {
    uint32_t struct_size;      /* sizeof(tis_question) */
    uint64_t handle;           /* pass back to plugin->answer */
    const char* id;            /* stable, e.g. "login.password", "plan.when" */
    int32_t kind;              /* tis_question_kind */
    const char* text;
    const tis_action* choices; /* for TIS_ASK_CHOICE */
    uint32_t choice_count;
    const char* default_value; /* may be "" */
} tis_question;

typedef struct tis_progress {
    uint32_t struct_size;  /* sizeof(tis_progress) */
    const char* id;        /* "download", "install", "reboot" */
    const char* text;
    int32_t percent;       /* 0..100, or -1 when unknown */
    int64_t seconds_left;  /* or -1 when unknown */
} tis_progress;

typedef struct tis_menu_entry {
    uint32_t struct_size; /* sizeof(tis_menu_entry); set by the host before the call */
    const char* id;       /* stable, e.g. "ti-service.update"; owned by the plugin, valid until destroy */
    const char* label;    /* in the host's language; same lifetime */
    const char* location; /* where the PVS shows it, e.g. "Extras > TI-Konnektor"; same lifetime */
} tis_menu_entry;

typedef struct tis_host tis_host;
struct tis_host {
    uint32_t struct_size; /* sizeof(tis_host) as the host was built */
    void* host_data;      /* the host's own pointer; the plugin never touches it */
    const char* name;     /* e.g. "MEDISTAR"; valid until destroy */
    const char* version;  /* e.g. "2026.4"; valid until destroy */

    /* [thread-safe] A line for the host's log. `message` is valid during the call and never
     * contains secrets. */
    void (TIS_ABI *log)(const tis_host* self, int32_t level, const char* message);

    /* [thread-safe] Asks the host to call plugin->on_main_thread soon on its UI thread. */
    void (TIS_ABI *request_callback)(const tis_host* self);

    /* [main-thread] A setting in the host's own vocabulary (e.g. "Konnektor.SDSAdresse"), or
     * NULL when unset. The string is owned by the host and stays valid until the plugin
     * returns from the call in which it asked. Also answers "language" ("de" or "en") and
     * "tiservice.state_dir". Secrets (passwords) are never asked for here. */
    const char* (TIS_ABI *get_setting)(const tis_host* self, const char* key);

    /* [main-thread] Show a notice in the style it names. A notice with the id of one the
     * host still shows replaces it (the newer text, severity and actions). */
    void (TIS_ABI *show_notice)(const tis_host* self, const tis_notice* notice);

    /* [main-thread] Ask a person; the host answers later, from its UI thread, through
     * plugin->answer with question->handle. Must not block. */
    void (TIS_ABI *ask)(const tis_host* self, const tis_question* question);

    /* [main-thread] Show or update progress. */
    void (TIS_ABI *progress)(const tis_host* self, const tis_progress* progress);

    /* [main-thread] Open a URL (e.g. the connector's admin interface) in the browser. */
    void (TIS_ABI *open_url)(const tis_host* self, const char* url);

    /* --- revision 1 ------------------------------------------------------------------ */

    /* [thread-safe] An optional feature table of the host by id with revision, e.g.
     * "tiservice.workplaces/1", or NULL. The table lives until the plugin is destroyed. */
    const void* (TIS_ABI *get_extension)(const tis_host* self, const char* id);

    /* --- revision 2 ------------------------------------------------------------------ */

    /* [main-thread] Takes away the notice with this id: it no longer holds (the update it
     * asked for is installed, the expired version is gone). Nothing when none is shown.
     * `notice_id` is valid during the call. May be NULL in a host (then the plugin's next
     * notices still replace old ones by id). */
    void(TIS_ABI* withdraw_notice)(const tis_host* self, const char* notice_id);
};

/* The size of tis_host in revision 0 and 1: a host built then passes this struct_size. */
#define TIS_HOST_SIZE_R0 offsetof(tis_host, get_extension)
#define TIS_HOST_SIZE_R1 offsetof(tis_host, withdraw_notice)

typedef struct tis_plugin tis_plugin;
struct tis_plugin {
    uint32_t struct_size; /* sizeof(tis_plugin) as the plugin was built */
    void* plugin_data;    /* the plugin's own pointer; the host never touches it */

    /* [main-thread] Reads the host's settings and starts the engine thread. Returns fast:
     * it never waits on the network. The first status check runs in the background. */
    tis_result (TIS_ABI *init)(const tis_plugin* self);

    /* [main-thread] Delivers pending notices, questions and progress to the host. */
    void (TIS_ABI *on_main_thread)(const tis_plugin* self);

    /* [main-thread] Starts a status check now (in the background). */
    tis_result (TIS_ABI *check_now)(const tis_plugin* self);

    /* [main-thread] The menu entries the host shows. */
    uint32_t (TIS_ABI *menu_entry_count)(const tis_plugin* self);
    tis_result (TIS_ABI *get_menu_entry)(const tis_plugin* self, uint32_t index, tis_menu_entry* out);

    /* [main-thread] Runs a menu entry (e.g. the guided update) in the background. */
    tis_result (TIS_ABI *run_menu_entry)(const tis_plugin* self, const char* id);

    /* [main-thread] Answers a question; `value` is a choice id or the text, or NULL to
     * cancel. Valid during the call only; the plugin copies it (and forgets secrets). */
    tis_result (TIS_ABI *answer)(const tis_plugin* self, uint64_t question_handle, const char* value);

    /* [main-thread] Stops background work; an update the connector is installing goes on
     * there and is followed up at the next start. Returns at once: a request waiting on the
     * network (a connector that does not answer) is ended, not waited for. */
    void (TIS_ABI *shutdown)(const tis_plugin* self);

    /* [main-thread] Frees the plugin; `self` is invalid afterwards. */
    void (TIS_ABI *destroy)(const tis_plugin* self);

    /* [thread-safe] An optional feature table by id with revision, e.g.
     * "tiservice.activity/1", or NULL. The table lives until destroy. */
    const void* (TIS_ABI *get_extension)(const tis_plugin* self, const char* id);

    /* [main-thread] Why the last call failed, for people; valid until the next call. */
    const char* (TIS_ABI *last_error)(const tis_plugin* self);

    /* --- revision 1 ------------------------------------------------------------------ */

    /* [main-thread] The host's TI settings changed (the practice edited them): the plugin
     * reads them again with get_setting before its next check. May be NULL (then the host
     * shuts the plugin down and creates it again). */
    tis_result (TIS_ABI *settings_changed)(const tis_plugin* self);

    /* --- revision 2 ------------------------------------------------------------------ */

    /* [main-thread] A person closed the notice with this id (`how`: tis_notice_closed) —
     * the host no longer shows it. Postponed ("Später", the notice's "later" action): the
     * plugin shows it again after a few hours, or at once when it becomes more urgent;
     * dismissed: again the next day, or at once when more urgent. `notice_id` is valid during
     * the call. May be NULL (then a notice comes back with the next check). */
    tis_result(TIS_ABI* notice_closed)(const tis_plugin* self, const char* notice_id, int32_t how);
};

/* The size of tis_plugin in revision 0 and 1: a plugin built then has this struct_size. */
#define TIS_PLUGIN_SIZE_R0 offsetof(tis_plugin, settings_changed)
#define TIS_PLUGIN_SIZE_R1 offsetof(tis_plugin, notice_closed)

/* Host extension "tiservice.workplaces/1": how many workplaces are signed in to the practice
 * software right now. The guided update warns before installing "now" while people work,
 * also outside the practice hours (a Saturday surgery, a late shift). */
#define TIS_HOST_EXT_WORKPLACES "tiservice.workplaces/1"
typedef struct tis_workplaces_ext {
    /* [thread-safe] Workplaces signed in now besides the one asking, or -1 when unknown. */
    int32_t (TIS_ABI *signed_in)(const tis_host* self);
} tis_workplaces_ext;

/* Plugin extension "tiservice.activity/1": whether background work (a check, an update) runs. */
#define TIS_EXT_ACTIVITY "tiservice.activity/1"
typedef struct tis_activity_ext {
    /* [thread-safe] 1 while busy, 0 when idle. */
    int32_t (TIS_ABI *busy)(const tis_plugin* self);
} tis_activity_ext;

/* The exported entry: `TIS_PLUGIN_EXPORT const tis_plugin_entry_t tis_plugin_entry`. */
typedef struct tis_plugin_entry_t {
    uint32_t abi_version; /* TIS_PLUGIN_ABI_VERSION; always first */
    uint32_t struct_size; /* sizeof(tis_plugin_entry_t) */

    /* [main-thread] Called once after loading, before anything else but manifest.
     * `plugin_path` is the file it was loaded from. Returns 0 on failure. */
    int32_t (TIS_ABI *init)(const char* plugin_path);
    /* [main-thread] Called once before unloading. */
    void (TIS_ABI *deinit)(void);

    /* [thread-safe] JSON readable before anything is created: id, name, version, compat
     * ("1.R": ABI 1, needs a host of revision R or later), vendor, host, abi. Static storage. */
    const char* (TIS_ABI *manifest)(void);

    /* [main-thread] A new plugin for this host, or NULL. `host` must stay valid until the
     * plugin is destroyed. */
    const tis_plugin* (TIS_ABI *create)(const tis_host* host);
} tis_plugin_entry_t;

#ifdef __cplusplus
}
#endif

#endif /* TISERVICE_PLUGIN_H */

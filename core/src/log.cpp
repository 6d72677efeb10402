#include "tiservice/logger.h"

#include "tiservice/display_text.h"
#include "tiservice/paths.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <system_error>
#include <vector>

#include <spdlog/details/log_msg.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace tiservice::log {
namespace {

class SecretRegistry {
public:
    void add(std::string_view secret) {
        if (secret.empty()) return;
        std::unique_lock lock(mutex_);
        ++counts_[std::string(secret)];
    }
    void remove(std::string_view secret) {
        std::unique_lock lock(mutex_);
        auto it = counts_.find(std::string(secret));
        if (it != counts_.end() && --it->second == 0) counts_.erase(it);
    }
    std::string redact(std::string_view text) const {
        std::shared_lock lock(mutex_);
        std::string out(text);
        if (counts_.empty()) return out;
        // Longest first, so a secret that contains another is replaced whole.
        std::vector<const std::string*> secrets;
        for (const auto& [s, n] : counts_) secrets.push_back(&s);
        std::sort(secrets.begin(), secrets.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
        for (const std::string* s : secrets) {
            for (std::size_t pos = out.find(*s); pos != std::string::npos; pos = out.find(*s, pos + kRedacted.size()))
                out.replace(pos, s->size(), kRedacted);
        }
        return out;
    }

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, int> counts_;
};

SecretRegistry& registry() {
    static SecretRegistry r;
    return r;
}

/// Redacts the message, then hands it to the real sinks. Every sink sits behind one of these.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> targets) : targets_(std::move(targets)) {}

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        // No secret, and no control character a connector sent (a log is read in a terminal too).
        const std::string clean = printable(redact(std::string_view(msg.payload.data(), msg.payload.size())));
        spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, clean);
        copy.thread_id = msg.thread_id;
        for (auto& target : targets_)
            if (target->should_log(copy.level)) target->log(copy);
    }
    void flush_() override {
        for (auto& target : targets_) target->flush();
    }
    void set_pattern_(const std::string& pattern) override {
        for (auto& target : targets_) target->set_pattern(pattern);
    }
    void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override {
        for (auto& target : targets_) target->set_formatter(formatter->clone());
    }

private:
    std::vector<spdlog::sink_ptr> targets_;
};

std::mutex& loggerMutex() {
    static std::mutex m;
    return m;
}

std::shared_ptr<spdlog::logger>& loggerSlot() {
    static std::shared_ptr<spdlog::logger> slot;
    return slot;
}

std::shared_ptr<spdlog::logger> makeLogger(std::vector<spdlog::sink_ptr> targets) {
    auto sink = std::make_shared<RedactingSink>(std::move(targets));
    auto logger = std::make_shared<spdlog::logger>("tiservice", std::move(sink));
    logger->set_level(spdlog::level::trace);  // the sinks decide
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] [t%t] %v");
    logger->flush_on(spdlog::level::info);
    return logger;
}

spdlog::sink_ptr stderrSink(spdlog::level::level_enum level) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    sink->set_level(level);
    return sink;
}

spdlog::level::level_enum spdlogLevel(Level l) {
    switch (l) {
        case Level::Debug: return spdlog::level::debug;
        case Level::Info: return spdlog::level::info;
        case Level::Warning: return spdlog::level::warn;
        case Level::Error: return spdlog::level::err;
        case Level::Off: return spdlog::level::off;
    }
    return spdlog::level::info;
}

}  // namespace

Status init(const Options& options) {
    std::vector<spdlog::sink_ptr> targets;
    if (options.stderrLevel != Level::Off) targets.push_back(stderrSink(spdlogLevel(options.stderrLevel)));

    std::optional<Error> failure;
    if (!options.directory.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.directory, ec);
        try {
            if (ec) throw spdlog::spdlog_ex(ec.message());
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                (options.directory / "tiservice.log").string(), options.maxFileBytes, options.maxFiles);
            file->set_level(spdlogLevel(options.fileLevel));
            targets.push_back(std::move(file));
        } catch (const spdlog::spdlog_ex& e) {
            failure = Error{
                .code = "log.folder-not-writable",
                .message = TIS_TEXT("log", "Das Protokoll kann nicht in den Ordner %1 geschrieben werden.")
                               .arg(tiservice::utf8Of(options.directory)),
                .action = TIS_TEXT("log", "Schreibrechte und freien Speicherplatz prüfen."),
                .detail = e.what(),
            };
        }
    }

    auto logger = makeLogger(std::move(targets));
    {
        std::lock_guard lock(loggerMutex());
        loggerSlot() = logger;
    }
    if (failure) return *failure;
    return Status::success();
}

std::shared_ptr<spdlog::logger> logger() {
    std::lock_guard lock(loggerMutex());
    auto& slot = loggerSlot();
    if (!slot) slot = makeLogger({stderrSink(spdlog::level::warn)});
    return slot;
}

void write(Level level, std::string_view message) {
    if (level != Level::Off) logger()->log(spdlogLevel(level), "{}", message);
}

void registerSecret(std::string_view secret) { registry().add(secret); }
void forgetSecret(std::string_view secret) { registry().remove(secret); }
std::string redact(std::string_view text) { return registry().redact(text); }

ScopedSecret::ScopedSecret(std::string secret) : secret_(std::move(secret)) { registerSecret(secret_); }
ScopedSecret::~ScopedSecret() { forgetSecret(secret_); }

}  // namespace tiservice::log

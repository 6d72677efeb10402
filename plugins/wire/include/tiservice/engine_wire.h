#pragma once
// What an adapter and its engine process say to each other over the pipe between them.
//
// The adapter in the practice software's process is small: the C table, the host's settings and
// a pipe. The engine (libtiservice_core with Qt Core, OpenSSL and spdlog) runs in a process of
// its own, tiservice-engine, which the adapter starts and ends. They exchange frames:
//
//   frame   = length (4 bytes, little endian, of what follows) · kind (1 byte) · field*
//   field   = length (4 bytes, little endian) · bytes
//
// Texts are UTF-8; numbers are fields of decimal digits (an optional leading "-"). A frame is at
// most kMaxFrameBytes; anything else — a longer frame, a field running past its frame, a number
// that is none — is a broken peer, never a crash or a guess. No Qt, no Boost: this is compiled
// into every adapter.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tiservice::wire {

/// Raised when both sides change what they say; a mismatch is a broken installation.
inline constexpr int kProtocolVersion = 1;
/// Notices and questions are short; the practice archive as one notice is the longest (a few KiB).
inline constexpr std::uint32_t kMaxFrameBytes = 4u * 1024u * 1024u;

enum class Kind : std::uint8_t {
    // adapter → engine
    Start = 1,     ///< protocol, language, state folder, host, wording, interval, workplaces?, settings, setting names
    Settings = 2,  ///< settings (the host's changed ones)
    Command = 3,   ///< sequence number, action: check, update, password, history, plan
    NoticeClosed = 4,  ///< sequence number, notice id, how (tis_notice_closed)
    Answer = 5,        ///< question handle, given (0/1), value
    Workplaces = 6,    ///< request id, workplaces signed in (-1: unknown)
    Stop = 7,          ///< end: stop the work, keep the journal, exit
    // engine → adapter
    Ready = 20,            ///< protocol
    Notice = 21,           ///< id, severity, title, text, action count, (id, label)*
    Question = 22,         ///< handle, id, kind, text, default, choice count, (id, label)*
    Progress = 23,         ///< id, text, percent, seconds left
    Withdraw = 24,         ///< notice id
    Log = 25,              ///< level (tis_log_level), line
    Activity = 26,         ///< busy (0/1), the last command sequence number the engine has taken
    WorkplacesQuery = 27,  ///< request id
    Failed = 28,           ///< German text, English text: the engine cannot work at all
};

/// One frame under construction.
class FrameWriter {
public:
    explicit FrameWriter(Kind kind);
    FrameWriter& text(std::string_view value);
    FrameWriter& number(std::int64_t value);
    /// Pairs as a count and then each pair's two texts.
    FrameWriter& pairs(const std::vector<std::pair<std::string, std::string>>& values);
    /// The whole frame, length first; empty when it would be longer than kMaxFrameBytes.
    [[nodiscard]] std::string finish() const;

private:
    std::string bytes_;
};

/// Reads the fields of one frame's payload (without its length), in order; the payload must
/// outlive the reader (it keeps a view of it). Each read of a field
/// that is not there, or not what it should be, leaves the reader failed; a failed reader returns
/// empty values and `ok()` says so.
class FrameReader {
public:
    explicit FrameReader(std::string_view payload);
    [[nodiscard]] std::optional<Kind> kind() const { return kind_; }
    std::string text();
    std::int64_t number();
    /// A number in [low, high]; out of range fails the reader.
    std::int64_t number(std::int64_t low, std::int64_t high);
    /// At most `maxCount` pairs; more fails the reader.
    std::vector<std::pair<std::string, std::string>> pairs(std::size_t maxCount);
    /// Every field was well-formed and the payload has nothing left over.
    [[nodiscard]] bool ok() const { return ok_ && rest_.empty(); }
    [[nodiscard]] bool failed() const { return !ok_; }

private:
    std::optional<std::string_view> field();
    std::string_view rest_;
    std::optional<Kind> kind_;
    bool ok_ = true;
};

/// Cuts frames out of a byte stream as it arrives in pieces.
class FrameSplitter {
public:
    /// Appends received bytes.
    void feed(std::string_view bytes);
    /// The next whole frame's payload (kind and fields), or nothing yet. Sets broken() when the
    /// stream announces a frame longer than kMaxFrameBytes (or shorter than its kind).
    std::optional<std::string> next();
    [[nodiscard]] bool broken() const { return broken_; }

private:
    std::string buffer_;
    std::size_t start_ = 0;
    bool broken_ = false;
};

}  // namespace tiservice::wire

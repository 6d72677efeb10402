#pragma once
// Text from outside — a connector's answer, a file, a practice software — made safe to show:
// control characters would drive the terminal or the log (ESC sequences, C1 controls such as
// U+009B, the single-byte CSI) or turn text around (bidirectional overrides). Everything the
// tools print and every text an adapter hands its host passes through here.

#include <streambuf>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"

namespace tiservice {

/// `text` without C0 controls (tab and line break stay), DEL, C1 controls (U+0080–U+009F) and
/// bidirectional embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069); bytes that are no
/// UTF-8 become U+FFFD.
[[nodiscard]] TISERVICE_CORE_EXPORT std::string printable(std::string_view text);

/// A stream buffer that passes everything through printable() on its way to `target`; a
/// character split across two writes is held until it is whole. For std::cout and std::cerr:
///     PrintableStreambuf out(std::cout.rdbuf()); std::cout.rdbuf(&out);
class TISERVICE_CORE_EXPORT PrintableStreambuf final : public std::streambuf {
public:
    explicit PrintableStreambuf(std::streambuf* target) : target_(target) {}
    ~PrintableStreambuf() override;
    [[nodiscard]] std::streambuf* target() const { return target_; }

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    void flushWhole(bool all);
    std::streambuf* target_;
    std::string pending_;
};

}  // namespace tiservice

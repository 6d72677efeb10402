#include "tiservice/display_text.h"

namespace tiservice {
namespace {

/// Length of the UTF-8 sequence starting with `lead`; 0 when it cannot start one.
std::size_t sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// The length of the longest prefix of `text` that holds only whole sequences (a sequence cut
/// off at the end is left for later).
std::size_t wholePrefix(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto n = sequenceLength(static_cast<unsigned char>(text[i]));
        if (n == 0) {
            ++i;
            continue;
        }
        if (i + n > text.size()) {
            bool stillValid = true;
            for (std::size_t k = i + 1; k < text.size(); ++k) stillValid &= continuation(static_cast<unsigned char>(text[k]));
            if (stillValid) return i;
        }
        i += n;
    }
    return text.size();
}

}  // namespace

std::string printable(std::string_view text) {
    static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto n = sequenceLength(c);
        bool valid = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; valid && k < n; ++k) valid = continuation(static_cast<unsigned char>(text[i + k]));
        if (!valid) {
            out += kReplacement;
            ++i;
            continue;
        }
        std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        const bool overlongOrSurrogate = (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                                         (cp >= 0xD800 && cp <= 0xDFFF);
        const bool control = (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
        const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        if (overlongOrSurrogate) out += kReplacement;
        else if (!control && !bidi) out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

PrintableStreambuf::~PrintableStreambuf() { flushWhole(true); }

PrintableStreambuf::int_type PrintableStreambuf::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (pending_.size() >= 4096 || traits_type::to_char_type(c) == '\n') flushWhole(false);
    return c;
}

std::streamsize PrintableStreambuf::xsputn(const char* s, std::streamsize n) {
    pending_.append(s, static_cast<std::size_t>(n));
    flushWhole(false);
    return n;
}

int PrintableStreambuf::sync() {
    flushWhole(false);
    return target_->pubsync();
}

void PrintableStreambuf::flushWhole(bool all) {
    const auto whole = all ? pending_.size() : wholePrefix(pending_);
    if (whole == 0) return;
    const auto clean = printable(std::string_view(pending_).substr(0, whole));
    target_->sputn(clean.data(), static_cast<std::streamsize>(clean.size()));
    pending_.erase(0, whole);
}

}  // namespace tiservice

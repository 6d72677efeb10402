#include "tiservice/engine_wire.h"

#include <charconv>
#include <limits>

namespace tiservice::wire {
namespace {

void putLength(std::string& out, std::size_t n) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xFFu));
}

std::uint32_t getLength(std::string_view bytes) {
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i)
        n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)])) << (8 * i);
    return n;
}

bool knownKind(std::uint8_t k) { return (k >= 1 && k <= 7) || (k >= 20 && k <= 28); }

}  // namespace

FrameWriter::FrameWriter(Kind kind) { bytes_.push_back(static_cast<char>(kind)); }

FrameWriter& FrameWriter::text(std::string_view value) {
    putLength(bytes_, value.size());
    bytes_.append(value);
    return *this;
}

FrameWriter& FrameWriter::number(std::int64_t value) { return text(std::to_string(value)); }

FrameWriter& FrameWriter::pairs(const std::vector<std::pair<std::string, std::string>>& values) {
    number(static_cast<std::int64_t>(values.size()));
    for (const auto& [a, b] : values) text(a).text(b);
    return *this;
}

std::string FrameWriter::finish() const {
    if (bytes_.size() > kMaxFrameBytes) return {};
    std::string frame;
    frame.reserve(bytes_.size() + 4);
    putLength(frame, bytes_.size());
    frame.append(bytes_);
    return frame;
}

FrameReader::FrameReader(std::string_view payload) {
    if (payload.empty() || !knownKind(static_cast<std::uint8_t>(payload.front()))) {
        ok_ = false;
        return;
    }
    kind_ = static_cast<Kind>(static_cast<std::uint8_t>(payload.front()));
    rest_ = payload.substr(1);
}

std::optional<std::string_view> FrameReader::field() {
    if (!ok_ || rest_.size() < 4) {
        ok_ = false;
        return std::nullopt;
    }
    const std::uint32_t n = getLength(rest_);
    if (n > rest_.size() - 4) {
        ok_ = false;
        return std::nullopt;
    }
    const auto value = rest_.substr(4, n);
    rest_.remove_prefix(4 + static_cast<std::size_t>(n));
    return value;
}

std::string FrameReader::text() {
    const auto f = field();
    return f ? std::string(*f) : std::string();
}

std::int64_t FrameReader::number() {
    return number(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
}

std::int64_t FrameReader::number(std::int64_t low, std::int64_t high) {
    const auto f = field();
    if (!f) return 0;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(f->data(), f->data() + f->size(), value);
    if (f->empty() || ec != std::errc{} || end != f->data() + f->size() || value < low || value > high) {
        ok_ = false;
        return 0;
    }
    return value;
}

std::vector<std::pair<std::string, std::string>> FrameReader::pairs(std::size_t maxCount) {
    const auto count = number(0, static_cast<std::int64_t>(maxCount));
    std::vector<std::pair<std::string, std::string>> values;
    for (std::int64_t i = 0; i < count && ok_; ++i) {
        auto a = text();
        auto b = text();
        if (ok_) values.emplace_back(std::move(a), std::move(b));
    }
    return ok_ ? values : std::vector<std::pair<std::string, std::string>>{};
}

void FrameSplitter::feed(std::string_view bytes) {
    if (broken_) return;
    if (start_ > 0 && start_ >= buffer_.size() / 2) {
        buffer_.erase(0, start_);
        start_ = 0;
    }
    buffer_.append(bytes);
}

std::optional<std::string> FrameSplitter::next() {
    if (broken_) return std::nullopt;
    const std::string_view pending = std::string_view(buffer_).substr(start_);
    if (pending.size() < 4) return std::nullopt;
    const std::uint32_t n = getLength(pending);
    if (n == 0 || n > kMaxFrameBytes) {
        broken_ = true;
        return std::nullopt;
    }
    if (pending.size() - 4 < n) return std::nullopt;
    std::string payload(pending.substr(4, n));
    start_ += 4 + static_cast<std::size_t>(n);
    if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    }
    return payload;
}

}  // namespace tiservice::wire

#include "mobile_terminal_device.h"

#include <algorithm>
#include <regex>

#include "json_answer.h"
#include "tiservice/trust/keys.h"

namespace tiservice::sim {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

constexpr const char* kPrefix = "/mobile-terminal/v1";

struct ImageHeader {
    std::string product, firmware, cvcList;
};

std::optional<ImageHeader> readHeader(const std::string& image) {
    static const std::regex line(R"(^TIS-STANDIN-FIRMWARE product=(\S+) firmware=(\S+) cvc-list=(\S+)\n)");
    std::smatch m;
    const auto end = image.find('\n');
    if (end > 256) return std::nullopt;  // also when there is no line end at all
    const std::string first = image.substr(0, end + 1);
    if (!std::regex_match(first, m, line)) return std::nullopt;
    return ImageHeader{m[1], m[2], m[3]};
}

/// "bytes 0-65535/1048576" → first, last, total.
std::optional<std::array<std::uint64_t, 3>> contentRange(const std::string& text) {
    static const std::regex form(R"(^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$)");
    std::smatch m;
    if (!std::regex_match(text, m, form)) return std::nullopt;
    std::array<std::uint64_t, 3> v{std::stoull(m[1]), std::stoull(m[2]), std::stoull(m[3])};
    if (v[0] > v[1] || v[1] >= v[2]) return std::nullopt;
    return v;
}

}  // namespace

std::string MobileTerminalDevice::imageHeader(const std::string& product, const std::string& firmware,
                                              const std::string& cvcList) {
    return "TIS-STANDIN-FIRMWARE product=" + product + " firmware=" + firmware + " cvc-list=" + cvcList + "\n";
}

QJsonObject MobileTerminalDevice::state() const {
    return QJsonObject{{"vendorId", qs(model_.vendorId)},
                       {"productCode", qs(model_.productCode)},
                       {"productName", qs(model_.productName)},
                       {"firmwareVersion", qs(model_.fwVersion)},
                       {"cvcListVersion", qs(model_.cvcListVersion)},
                       {"batteryPercent", model_.batteryPercent},
                       {"docked", model_.docked},
                       {"installs", installs_},
                       {"bytesReceived", static_cast<qint64>(bytesReceived_)}};
}

HttpResponse MobileTerminalDevice::handle(const HttpRequest& req, TimePoint now) {
    advance(now);
    if (!reachable()) return HttpResponse{.dropConnection = true};  // until the next tick closes the port
    const auto path = req.path();
    if (req.method == "GET" && path == std::string(kPrefix) + "/status") {
        auto o = state();
        o.remove("installs");
        o.remove("bytesReceived");
        return jsonResponse(o);
    }
    if (req.method == "GET" && path == std::string(kPrefix) + "/firmware")
        return jsonResponse({{"received", static_cast<qint64>(image_.size())},
                             {"size", static_cast<qint64>(announcedSize_)},
                             {"sha256", qs(announcedSha256_)}});
    if (req.method == "PUT" && path == std::string(kPrefix) + "/firmware") return receivePart(req, now);
    if (req.method == "POST" && path == std::string(kPrefix) + "/firmware/install") return install(req, now);
    return jsonError(404, "not-found", {"Unbekannte Adresse.", "Unknown address."});
}

HttpResponse MobileTerminalDevice::receivePart(const HttpRequest& req, TimePoint now) {
    if (batteryTooLow())
        return jsonError(
            409, "battery-low",
            {"Akku zu schwach: Gerät in die Ladeschale stellen.", "Battery too low: put the device in its dock."});
    const auto range = contentRange(req.header("content-range"));
    const auto sha = req.header("x-firmware-sha256");
    if (!range || sha.size() != 64 || (*range)[1] - (*range)[0] + 1 != req.body.size())
        return jsonError(400, "bad-part",
                         {"Ungültiger Teil des Firmware-Abbilds.", "Invalid part of the firmware image."});
    const auto [first, last, total] = *range;
    if (first == 0) {  // a new image (or the same from the start): what came before is dropped
        image_.clear();
        announcedSha256_ = sha;
        announcedSize_ = total;
    }
    if (sha != announcedSha256_ || total != announcedSize_ || first != image_.size())
        return jsonError(
            409, "offset-mismatch",
            {"Dieser Teil passt nicht an das bisher Empfangene.", "This part does not follow what arrived."},
            {{"received", static_cast<qint64>(sha == announcedSha256_ ? image_.size() : 0)}});
    if (interruptAfterBytes_ && image_.size() + req.body.size() > *interruptAfterBytes_) {
        // The cable is pulled: what arrived before stays, the rest of this part is lost, no answer.
        const auto keep = *interruptAfterBytes_ > image_.size() ? *interruptAfterBytes_ - image_.size() : 0;
        image_.append(req.body, 0, static_cast<std::size_t>(keep));
        bytesReceived_ += keep;
        interruptAfterBytes_.reset();
        unpluggedUntil_ = now + std::chrono::seconds(30);
        return HttpResponse{.dropConnection = true};
    }
    image_.append(req.body);
    bytesReceived_ += req.body.size();
    (void)last;
    return jsonResponse({{"received", static_cast<qint64>(image_.size())}});
}

HttpResponse MobileTerminalDevice::install(const HttpRequest&, TimePoint now) {
    if (batteryTooLow())
        return jsonError(
            409, "battery-low",
            {"Akku zu schwach: Gerät in die Ladeschale stellen.", "Battery too low: put the device in its dock."});
    if (announcedSize_ == 0 || image_.size() != announcedSize_)
        return jsonError(409, "incomplete",
                         {"Das Firmware-Abbild ist unvollständig.", "The firmware image is incomplete."},
                         {{"received", static_cast<qint64>(image_.size())}});
    if (trust::hashHex("sha256", image_) != announcedSha256_) {
        image_.clear();
        announcedSize_ = 0;
        return jsonError(422, "checksum",
                         {"Prüfsumme falsch; das Abbild wurde verworfen.", "Checksum wrong; the image was discarded."});
    }
    const auto header = readHeader(image_);
    image_.clear();
    announcedSize_ = 0;
    if (!header || header->product != model_.vendorId + "-" + model_.productCode)
        return jsonError(422, "wrong-product",
                         {"Diese Firmware ist nicht für dieses Gerät.", "This firmware is not for this device."});
    nextFirmware_ = header->firmware;
    nextCvcList_ = header->cvcList;
    rebootUntil_ = now + std::chrono::seconds(model_.rebootSeconds);
    ++installs_;
    return jsonResponse({{"state", "installing"}, {"rebootSeconds", model_.rebootSeconds}}, 202);
}

void MobileTerminalDevice::advance(TimePoint now) {
    if (unpluggedUntil_ && now >= *unpluggedUntil_) unpluggedUntil_.reset();
    if (!rebootUntil_ || now < *rebootUntil_) return;
    rebootUntil_.reset();
    model_.fwVersion = nextFirmware_;
    model_.cvcListVersion = nextCvcList_;
}

HttpResponse MobileTerminalDevice::control(const QJsonObject& body) {
    if (body.contains("docked")) model_.docked = body.value("docked").toBool();
    if (body.contains("batteryPercent"))
        model_.batteryPercent = std::clamp(body.value("batteryPercent").toInt(), 0, 100);
    if (body.contains("rebootSeconds")) model_.rebootSeconds = std::max(1, body.value("rebootSeconds").toInt());
    if (body.contains("interruptAfterBytes")) {
        const auto n = body.value("interruptAfterBytes").toInteger(-1);
        if (n >= 0) interruptAfterBytes_ = static_cast<std::uint64_t>(n);
        else interruptAfterBytes_.reset();
    }
    return jsonResponse(state());
}

}  // namespace tiservice::sim

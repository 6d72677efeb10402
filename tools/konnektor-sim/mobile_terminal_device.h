#pragma once
// The stand-in for the practice's mobile card terminal (ORGA 930 M online) as a PC reaches it:
// its status (firmware, CVC certificate list, battery, dock) and its firmware update — an image
// received in parts (a transfer that was cut off continues where the device stopped), checked by
// the device (complete, its checksum, made for this product), installed with a reboot during
// which the device does not answer at all. docs/mobile-terminal.md says what the real device
// needs that this models.
//
// The image format is the stand-in's own: a first line
//   TIS-STANDIN-FIRMWARE product=INGHC-ORGA930M firmware=4.7.0 cvc-list=1.1.1
// then any bytes. Threads: the simulator's io thread only.

#include <cstdint>
#include <optional>
#include <string>

#include <QJsonObject>

#include "http_server.h"
#include "scenario.h"
#include "tiservice/clock.h"

namespace tiservice::sim {

class MobileTerminalDevice {
public:
    explicit MobileTerminalDevice(MobileTerminalModel model) : model_(std::move(model)) {}

    /// /mobile-terminal/v1/…: status, firmware (GET: what has arrived, PUT: one part),
    /// firmware/install.
    HttpResponse handle(const HttpRequest& request, TimePoint now);
    /// POST /mobile-terminal on the control port: {"docked": bool, "batteryPercent": N,
    /// "interruptAfterBytes": N (the cable is pulled once after N bytes of the image and plugged
    /// in again 30 simulated seconds later),
    /// "rebootSeconds": N}. Answers the device's state.
    HttpResponse control(const QJsonObject& body);
    /// Ends a reboot whose time has come.
    void advance(TimePoint now);
    /// False while it reboots: its interface does not answer then.
    [[nodiscard]] bool reachable() const { return !rebootUntil_ && !unpluggedUntil_; }
    [[nodiscard]] QJsonObject state() const;

    /// The first line of a stand-in image for these versions.
    static std::string imageHeader(const std::string& product, const std::string& firmware, const std::string& cvcList);

private:
    HttpResponse receivePart(const HttpRequest& request, TimePoint now);
    HttpResponse install(const HttpRequest& request, TimePoint now);
    [[nodiscard]] bool batteryTooLow() const { return !model_.docked && model_.batteryPercent < kMinimumBattery; }

    static constexpr int kMinimumBattery = 30;  ///< what the device itself needs off the dock
    MobileTerminalModel model_;
    std::string image_, announcedSha256_;
    std::uint64_t announcedSize_ = 0;
    std::optional<std::uint64_t> interruptAfterBytes_;
    std::optional<TimePoint> rebootUntil_;
    std::optional<TimePoint> unpluggedUntil_;  ///< the pulled cable, until it is plugged in again
    std::string nextFirmware_, nextCvcList_;
    int installs_ = 0;
    std::uint64_t bytesReceived_ = 0;  ///< every byte taken in, parts sent twice counted twice
};

}  // namespace tiservice::sim

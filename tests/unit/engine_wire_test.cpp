// The frames an adapter and its engine process exchange: what one writes, the other reads;
// anything else is a broken peer, never a guess.
#include <gtest/gtest.h>

#include <string>

#include "tiservice/engine_wire.h"

namespace wire = tiservice::wire;

namespace {
/// The payload of a finished frame (without its length).
std::string payloadOf(const std::string& frame) {
    wire::FrameSplitter s;
    s.feed(frame);
    auto p = s.next();
    return p ? *p : std::string();
}
}  // namespace

TEST(EngineWire, ANoticeArrivesAsItWasWrittenUmlautsAndLineBreaksIncluded) {
    const auto frame = wire::FrameWriter(wire::Kind::Notice)
                           .text("status.expired")
                           .number(2)
                           .text("TI-Wartung")
                           .text("Die Zulassung endet am 31.12.2026.\nBitte heute Abend aktualisieren – Größe 200 MB.")
                           .pairs({{"update", "Jetzt aktualisieren"}, {"later", "Später"}})
                           .finish();
    const auto payload = payloadOf(frame);
    wire::FrameReader r(payload);
    ASSERT_EQ(r.kind(), wire::Kind::Notice);
    EXPECT_EQ(r.text(), "status.expired");
    EXPECT_EQ(r.number(0, 2), 2);
    EXPECT_EQ(r.text(), "TI-Wartung");
    EXPECT_EQ(r.text(), "Die Zulassung endet am 31.12.2026.\nBitte heute Abend aktualisieren – Größe 200 MB.");
    const auto actions = r.pairs(16);
    ASSERT_EQ(actions.size(), 2u);
    EXPECT_EQ(actions[1].second, "Später");
    EXPECT_TRUE(r.ok());
}

TEST(EngineWire, FramesCutIntoPiecesByThePipeAreWholeAgain) {
    std::string stream;
    for (int i = 0; i < 50; ++i)
        stream += wire::FrameWriter(wire::Kind::Progress)
                      .text("install")
                      .text("Installation läuft")
                      .number(i)
                      .number(-1)
                      .finish();
    wire::FrameSplitter s;
    int seen = 0;
    for (char c : stream) {  // one byte at a time: the worst a pipe can do
        s.feed(std::string_view(&c, 1));
        while (auto p = s.next()) {
            wire::FrameReader r(*p);
            ASSERT_EQ(r.kind(), wire::Kind::Progress);
            (void)r.text();
            (void)r.text();
            EXPECT_EQ(r.number(-1, 100), seen);
            (void)r.number();
            EXPECT_TRUE(r.ok());
            ++seen;
        }
    }
    EXPECT_EQ(seen, 50);
    EXPECT_FALSE(s.broken());
}

TEST(EngineWire, AFrameLongerThanAnyMessageBreaksTheStreamInsteadOfFillingMemory) {
    wire::FrameSplitter s;
    s.feed(std::string("\xff\xff\xff\x7f", 4));  // 2 GiB announced
    EXPECT_FALSE(s.next());
    EXPECT_TRUE(s.broken());
    wire::FrameSplitter empty;
    empty.feed(std::string(4, '\0'));  // a frame without even its kind
    EXPECT_FALSE(empty.next());
    EXPECT_TRUE(empty.broken());
    // The writer never makes one either.
    EXPECT_EQ(wire::FrameWriter(wire::Kind::Notice).text(std::string(wire::kMaxFrameBytes, 'x')).finish(), "");
}

TEST(EngineWire, AFieldRunningPastItsFrameOrANumberThatIsNoneFailsTheReader) {
    auto payload = payloadOf(wire::FrameWriter(wire::Kind::Activity).number(1).number(7).finish());
    {
        const auto cut = payload.substr(0, payload.size() - 1);  // the last digit cut off inside the field
        wire::FrameReader r(cut);
        (void)r.number(0, 1);
        (void)r.number();
        EXPECT_FALSE(r.ok());
    }
    {
        const auto p = payloadOf(wire::FrameWriter(wire::Kind::Activity).text("ja").text("7").finish());
        wire::FrameReader r(p);
        EXPECT_EQ(r.number(0, 1), 0);
        EXPECT_TRUE(r.failed());
        EXPECT_EQ(r.text(), "") << "a failed reader reads nothing more";
    }
    {
        const auto p =
            payloadOf(wire::FrameWriter(wire::Kind::Progress).text("x").text("y").number(250).number(-1).finish());
        wire::FrameReader r(p);
        (void)r.text();
        (void)r.text();
        (void)r.number(-1, 100);
        EXPECT_TRUE(r.failed()) << "250 % is out of range";
    }
    {
        const auto p = payloadOf(wire::FrameWriter(wire::Kind::Log).number(1).text("a").text("extra").finish());
        wire::FrameReader r(p);
        (void)r.number();
        (void)r.text();
        EXPECT_FALSE(r.ok()) << "a field left over is not the frame that was meant";
    }
    {
        const auto p = payloadOf(wire::FrameWriter(wire::Kind::Notice).pairs({{"a", "b"}, {"c", "d"}}).finish());
        wire::FrameReader r(p);
        EXPECT_TRUE(r.pairs(1).empty());
        EXPECT_TRUE(r.failed()) << "more actions than a host shows";
    }
    const std::string kindless("\x63", 1);
    wire::FrameReader unknown(kindless);
    EXPECT_FALSE(unknown.kind());
    EXPECT_TRUE(unknown.failed());
}

// What an adapter reads from its engine process (and the engine from its adapter): any bytes,
// cut anywhere, read as every kind of frame, never crash, never run past a frame.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tiservice/engine_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace wire = tiservice::wire;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    wire::FrameSplitter splitter;
    // In two pieces, cut where the first byte says: a frame may arrive in any number of reads.
    const std::size_t cut = size == 0 ? 0 : data[0] % size;
    splitter.feed(bytes.substr(0, cut));
    for (int round = 0; round < 2; ++round) {
        while (auto payload = splitter.next()) {
            wire::FrameReader r(*payload);
            // Read it as the adapter reads a notice or a question and as the engine reads Start.
            for (int i = 0; i < 6 && !r.failed(); ++i) {
                (void)r.text();
                (void)r.number(-1, 100);
                (void)r.pairs(16);
            }
            (void)r.ok();
        }
        if (round == 0) splitter.feed(bytes.substr(cut));
    }
    return 0;
}

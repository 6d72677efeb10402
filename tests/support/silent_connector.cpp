#include "silent_connector.h"

#include "process.h"

namespace tiservice::testing {

SilentConnector::SilentConnector() { fd_ = loopbackSocket(true, port_); }

SilentConnector::~SilentConnector() { closeLoopbackSocket(fd_); }

}  // namespace tiservice::testing

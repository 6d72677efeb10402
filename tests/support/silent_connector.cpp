#include "silent_connector.h"

#include <unistd.h>

#include "process.h"

namespace tiservice::testing {

SilentConnector::SilentConnector() { fd_ = loopbackSocket(true, port_); }

SilentConnector::~SilentConnector() { ::close(fd_); }

}  // namespace tiservice::testing

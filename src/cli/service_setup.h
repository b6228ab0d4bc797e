// Start-up helpers shared by the subcommands: logging from LOG_LEVEL, and the algorithm options
// every component derives from the configuration (so jobs, snapshot and evaluate agree).
#pragma once

#include "core/config.h"
#include "recommend/snapshot.h"

namespace mysanta {

void ConfigureLogging(const Config& config);
SnapshotOptions AlgorithmOptions(const Config& config);

}  // namespace mysanta

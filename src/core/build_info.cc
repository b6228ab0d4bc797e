#include "core/build_info.h"

#include <fmt/format.h>

#include "core/build_info_values.h"

namespace mysanta {

const BuildInfo& GetBuildInfo() {
  static const BuildInfo kInfo{MYSANTA_VERSION, MYSANTA_COMMIT, MYSANTA_BUILD_TYPE};
  return kInfo;
}

std::string VersionLine() {
  const BuildInfo& info = GetBuildInfo();
  return fmt::format("{} (commit {}, {})", info.version, info.commit, info.build_type);
}

}  // namespace mysanta

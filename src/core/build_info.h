// BuildInfo: what this binary is — its version and the commit it was built from — for
// `mysanta-rec --version`, GET /health, GET /stats and the mysanta_build_info metric.
//
// Thread safety: constants.
#pragma once

#include <string>
#include <string_view>

namespace mysanta {

struct BuildInfo {
  std::string_view version;     // e.g. "1.0.0" (CMakeLists.txt's project version)
  std::string_view commit;      // short git commit, "unknown" outside a git checkout
  std::string_view build_type;  // e.g. "RelWithDebInfo"
};

const BuildInfo& GetBuildInfo();

// "1.0.0 (commit 0123abcd4567, RelWithDebInfo)".
std::string VersionLine();

}  // namespace mysanta

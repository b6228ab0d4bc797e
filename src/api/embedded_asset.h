// The files of src/api/assets (the dashboard, the docs page, the OpenAPI document), embedded in
// the binary at build time (CMakeLists.txt, mysanta_embed_files). Thread-safe: constant data.
#pragma once

#include <optional>
#include <string_view>

namespace mysanta::api {

// The text of src/api/assets/<name>; nullopt when this build has no such file.
std::optional<std::string_view> EmbeddedAsset(std::string_view name);

}  // namespace mysanta::api

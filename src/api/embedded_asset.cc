#include "api/embedded_asset.h"

#include "api/embedded_assets.h"

namespace mysanta::api {

std::optional<std::string_view> EmbeddedAsset(std::string_view name) {
  for (const embedded_assets::File& file : embedded_assets::kFiles) {
    if (file.name == name) return file.text;
  }
  return std::nullopt;
}

}  // namespace mysanta::api

#include "importer/present_attributes.h"

#include <cmath>

#include "core/bit_mix.h"

namespace mysanta {

uint64_t HashIdText(std::string_view id_text) {
  uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64
  for (char c : id_text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return MixBits(hash);
}

double DeterministicPrice(std::string_view id_text) {
  const double u = static_cast<double>(HashIdText(id_text) >> 11) * 0x1.0p-53;
  return std::round(100 * std::pow(100.0, u) / 10) * 10;
}

std::string_view DeterministicPlatform(std::string_view id_text) {
  return kImportPlatforms[MixBits(HashIdText(id_text)) % kImportPlatforms.size()];
}

std::string CategoryName(std::string_view genre) {
  std::string name;
  bool pending_separator = false;
  for (char c : genre) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\'') continue;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      if (pending_separator && !name.empty()) name += '_';
      pending_separator = false;
      name += c;
    } else {
      pending_separator = true;
    }
  }
  if (name == "no_genres_listed" || name == "unknown") return {};
  if (name.size() > 50) name.resize(50);
  return name;
}

}  // namespace mysanta

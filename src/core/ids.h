// External ids (as the main database has them) and their dense internal indices.
//
// MySanta's ids are either integers (BIGINT) or text (UUIDs). Everything inside the service works
// on dense uint32 indices 0..n-1; an IdDictionary maps both ways. The API gives ids back in the
// main database's form: JSON numbers for integer ids, strings for text ids.
//
// Thread safety: const methods may be called concurrently; Intern() needs exclusive access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace mysanta {

enum class IdKind { kInteger, kText };

// One id as the main database has it.
using ExternalId = std::variant<int64_t, std::string>;

std::string ExternalIdToString(const ExternalId& id);

using Index = uint32_t;
inline constexpr Index kNoIndex = UINT32_MAX;

class IdDictionary {
 public:
  explicit IdDictionary(IdKind kind = IdKind::kInteger) : kind_(kind) {}

  IdKind kind() const { return kind_; }
  size_t size() const { return kind_ == IdKind::kInteger ? integers_.size() : texts_.size(); }

  // Returns the index of `id`, adding it when new. The id must be of this dictionary's kind.
  Index Intern(const ExternalId& id);
  Index Intern(int64_t id);
  Index Intern(std::string_view id);

  // kNoIndex when unknown (or of the other kind).
  Index Find(const ExternalId& id) const;
  Index Find(int64_t id) const;
  Index Find(std::string_view id) const;

  ExternalId At(Index index) const;
  int64_t IntegerAt(Index index) const { return integers_[index]; }
  const std::string& TextAt(Index index) const { return texts_[index]; }

 private:
  IdKind kind_;
  std::vector<int64_t> integers_;
  std::unordered_map<int64_t, Index> integer_index_;
  std::vector<std::string> texts_;
  std::unordered_map<std::string, Index> text_index_;
};

// Small dictionary for category and platform names (a few dozen values).
class NameDictionary {
 public:
  uint16_t Intern(std::string_view name);
  // UINT16_MAX when unknown.
  uint16_t Find(std::string_view name) const;
  const std::string& At(uint16_t index) const { return names_[index]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint16_t> index_;
};
inline constexpr uint16_t kNoName = UINT16_MAX;

}  // namespace mysanta

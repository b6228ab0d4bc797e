#include "core/ids.h"

namespace mysanta {

std::string ExternalIdToString(const ExternalId& id) {
  if (const auto* integer = std::get_if<int64_t>(&id)) return std::to_string(*integer);
  return std::get<std::string>(id);
}

Index IdDictionary::Intern(const ExternalId& id) {
  if (const auto* integer = std::get_if<int64_t>(&id)) return Intern(*integer);
  return Intern(std::string_view(std::get<std::string>(id)));
}

Index IdDictionary::Intern(int64_t id) {
  auto [it, inserted] = integer_index_.try_emplace(id, static_cast<Index>(integers_.size()));
  if (inserted) integers_.push_back(id);
  return it->second;
}

Index IdDictionary::Intern(std::string_view id) {
  auto it = text_index_.find(std::string(id));
  if (it != text_index_.end()) return it->second;
  const Index index = static_cast<Index>(texts_.size());
  texts_.emplace_back(id);
  text_index_.emplace(texts_.back(), index);
  return index;
}

Index IdDictionary::Find(const ExternalId& id) const {
  if (const auto* integer = std::get_if<int64_t>(&id)) return Find(*integer);
  return Find(std::string_view(std::get<std::string>(id)));
}

Index IdDictionary::Find(int64_t id) const {
  auto it = integer_index_.find(id);
  return it == integer_index_.end() ? kNoIndex : it->second;
}

Index IdDictionary::Find(std::string_view id) const {
  auto it = text_index_.find(std::string(id));
  return it == text_index_.end() ? kNoIndex : it->second;
}

ExternalId IdDictionary::At(Index index) const {
  if (kind_ == IdKind::kInteger) return integers_[index];
  return texts_[index];
}

uint16_t NameDictionary::Intern(std::string_view name) {
  auto it = index_.find(std::string(name));
  if (it != index_.end()) return it->second;
  const auto index = static_cast<uint16_t>(names_.size());
  names_.emplace_back(name);
  index_.emplace(names_.back(), index);
  return index;
}

uint16_t NameDictionary::Find(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? kNoName : it->second;
}

}  // namespace mysanta

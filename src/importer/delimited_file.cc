#include "importer/delimited_file.h"

#include <cerrno>
#include <cstring>

namespace mysanta {

std::expected<LineReader, std::string> LineReader::Open(const std::string& path) {
  LineReader reader(path);
  if (!reader.stream_) {
    return std::unexpected(path + ": cannot open: " + std::strerror(errno));
  }
  return reader;
}

bool LineReader::Next(std::string_view* line) {
  if (!std::getline(stream_, line_)) return false;
  ++line_number_;
  std::string_view text = line_;
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  if (line_number_ == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!IsValidUtf8(text)) {
    transcoded_ = Latin1ToUtf8(text);
    text = transcoded_;
  }
  *line = text;
  return true;
}

bool SplitFields(std::string_view line, char delimiter, bool quoted,
                 std::vector<std::string>& fields) {
  fields.clear();
  size_t position = 0;
  while (true) {
    std::string& field = fields.emplace_back();
    if (quoted && position < line.size() && line[position] == '"') {
      ++position;
      while (true) {
        const size_t quote = line.find('"', position);
        if (quote == std::string_view::npos) return false;
        field.append(line.substr(position, quote - position));
        position = quote + 1;
        if (position < line.size() && line[position] == '"') {
          field += '"';
          ++position;
        } else {
          break;
        }
      }
      // Anything between the closing quote and the delimiter belongs to the field.
      const size_t end = std::min(line.find(delimiter, position), line.size());
      field.append(line.substr(position, end - position));
      position = end;
    } else {
      const size_t end = std::min(line.find(delimiter, position), line.size());
      field.assign(line.substr(position, end - position));
      position = end;
    }
    if (position >= line.size()) return true;
    ++position;  // the delimiter
  }
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int continuation = 0;
    uint32_t code = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      continuation = 1;
      code = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      continuation = 2;
      code = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      continuation = 3;
      code = byte & 0x07;
    } else {
      return false;
    }
    if (i + continuation >= text.size()) return false;  // truncated
    for (int k = 1; k <= continuation; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[continuation] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;  // overlong, out of range, or a surrogate
    }
    i += continuation + 1;
  }
  return true;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace mysanta

#pragma once
/// A streaming JSON writer that appends to a string: objects and arrays opened and closed in
/// order, keys in the order written, two-space indentation, strings escaped as RFC 8259 asks
/// (control characters as \uXXXX, UTF-8 passed through). No DOM, so large reports stay cheap.
/// The layout matches nlohmann::json's dump(2), empty containers as `[]` and `{}`.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace treaty::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  /// Writes `"key": ` inside an object; the value follows with one of the calls below.
  void Key(std::string_view key);
  void String(std::string_view s);
  void Number(uint64_t n);
  void Int(int64_t n);
  void Bool(bool b);
  void StringArray(const std::vector<std::string>& items);

 private:
  void BeforeValue();
  void Newline();
  struct Level {
    bool is_object = false;
    size_t count = 0;
  };
  std::string& out_;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

/// `s` as a quoted, escaped JSON string appended to `out`.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace treaty::report

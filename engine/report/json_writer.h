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
  /// A writer that continues, in its own string, an array nested `depth` levels deep (the
  /// array included) after `count` items written elsewhere: the text appended to `out` goes
  /// right after those items (to write parts of a long array on several threads).
  JsonWriter(std::string& out, size_t depth, size_t count) : out_(out) {
    stack_.assign(depth, Level{true, 1});
    if (depth > 0) stack_.back() = Level{false, count};
  }

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
  /// A field in one call: `Key(key)` then the value. Object and array values still take Key().
  void String(std::string_view key, std::string_view s) {
    Key(key);
    String(s);
  }
  void Number(std::string_view key, uint64_t n) {
    Key(key);
    Number(n);
  }
  void Int(std::string_view key, int64_t n) {
    Key(key);
    Int(n);
  }
  void Bool(std::string_view key, bool b) {
    Key(key);
    Bool(b);
  }
  void StringArray(std::string_view key, const std::vector<std::string>& items) {
    Key(key);
    StringArray(items);
  }

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

// JsonWriter: the layout of nlohmann::json's dump(2), and an array written in two parts (the
// second by a writer that continues it) reads exactly as one written whole.

#include <catch2/catch.hpp>

#include "report/json_writer.h"

namespace treaty::report {
namespace {

void Item(JsonWriter& w, int i) {
  w.BeginObject();
  w.Key("id");
  w.Int(i);
  w.Key("tags");
  w.StringArray({"a\"b", "\x01"});
  w.EndObject();
}

TEST_CASE("json writer: a field in one call reads as Key then the value", "[report][json]") {
  std::string pairs, fields;
  {
    JsonWriter w(pairs);
    w.BeginObject();
    w.Key("s");
    w.String("x");
    w.Key("n");
    w.Number(uint64_t{18446744073709551615u});
    w.Key("i");
    w.Int(-3);
    w.Key("b");
    w.Bool(false);
    w.Key("a");
    w.StringArray({"p", "q"});
    w.EndObject();
  }
  {
    JsonWriter w(fields);
    w.BeginObject();
    w.String("s", "x");
    w.Number("n", uint64_t{18446744073709551615u});
    w.Int("i", -3);
    w.Bool("b", false);
    w.StringArray("a", {"p", "q"});
    w.EndObject();
  }
  CHECK(fields == pairs);
  CHECK(fields ==
        "{\n  \"s\": \"x\",\n  \"n\": 18446744073709551615,\n  \"i\": -3,\n  \"b\": false,\n"
        "  \"a\": [\n    \"p\",\n    \"q\"\n  ]\n}");
}

TEST_CASE("json writer: nested layout and escapes", "[report][json]") {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("empty");
  w.BeginArray();
  w.EndArray();
  w.Key("items");
  w.BeginArray();
  Item(w, 1);
  w.EndArray();
  w.EndObject();
  CHECK(out ==
        "{\n  \"empty\": [],\n  \"items\": [\n    {\n      \"id\": 1,\n      \"tags\": [\n"
        "        \"a\\\"b\",\n        \"\\u0001\"\n      ]\n    }\n  ]\n}");
}

TEST_CASE("json writer: an array continued by a second writer", "[report][json]") {
  for (int split = 1; split < 5; ++split) {
    INFO("split after " << split);
    std::string whole;
    {
      JsonWriter w(whole);
      w.BeginObject();
      w.Key("findings");
      w.BeginArray();
      for (int i = 0; i < 5; ++i) Item(w, i);
      w.EndArray();
      w.EndObject();
    }
    std::string parts, tail;
    {
      JsonWriter w(parts);
      w.BeginObject();
      w.Key("findings");
      w.BeginArray();
      for (int i = 0; i < split; ++i) Item(w, i);
      JsonWriter t(tail, /*depth=*/2, /*count=*/static_cast<size_t>(split));
      for (int i = split; i < 5; ++i) Item(t, i);
      parts += tail;
      w.EndArray();
      w.EndObject();
    }
    CHECK(parts == whole);
  }
}

}  // namespace
}  // namespace treaty::report

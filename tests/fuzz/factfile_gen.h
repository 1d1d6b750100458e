#pragma once
/// Fuzz support: a structure-aware generator of hostile fact files for the sample vocabulary of
/// tests/facts/sample_portfolio.h (kinds deployment, deal, contact; taxonomies cloud, region,
/// api). Writes YAML (documents or a list; anchors, aliases, merge keys, tags, block scalars,
/// flow and block nesting, duplicate keys) or JSONL (escapes, lone surrogates, deep nesting,
/// duplicate keys, CRLF, BOM), with values picked to sit on the edges: long strings, odd Unicode
/// (combining marks, RTL overrides, wrongly encoded surrogates, overlong UTF-8, NUL, invalid
/// bytes), numbers at the limits of double and int64, dates at the calendar's edges.

#include <cstdint>
#include <string>
#include <vector>

#include "choices.h"
#include "report/json_writer.h"

namespace treaty::fuzzing {

class FactFileGen {
 public:
  explicit FactFileGen(Choices& c) : c_(c) {}

  std::string Yaml() {
    std::string out;
    if (c_.Chance(1, 16)) out += "\xef\xbb\xbf";  // BOM
    if (c_.Chance(1, 8)) out += "%YAML 1.2\n";
    const bool as_list = c_.Chance(1, 4);
    const uint32_t n = 1 + c_.Below(8);
    for (uint32_t i = 0; i < n; ++i) {
      if (!as_list && (i > 0 || c_.Coin())) out += c_.Chance(1, 16) ? "--- !fact\n" : "---\n";
      YamlFact(out, as_list);
      if (c_.Chance(1, 32)) out += "...\n";
    }
    if (c_.Chance(1, 16)) out += Junk();
    return out;
  }

  std::string Jsonl() {
    std::string out;
    if (c_.Chance(1, 16)) out += "\xef\xbb\xbf";
    const uint32_t n = 1 + c_.Below(8);
    for (uint32_t i = 0; i < n; ++i) {
      out += JsonFact();
      out += c_.Chance(1, 8) ? "\r\n" : "\n";
      if (c_.Chance(1, 16)) out += c_.Pick({"", " ", "\n", "//x\n", "[]\n", "null\n", "1\n"});
    }
    if (c_.Chance(1, 16)) out += Junk();
    return out;
  }

 private:
  // ------------------------------------------------------------ the sample vocabulary

  struct FieldSpec {
    const char* name;
    char type;   // t text, n number, b bool, d date, c cloud, r region, a api
    char shape;  // s scalar, l list, m map
  };
  struct KindSpec {
    const char* name;
    std::vector<FieldSpec> fields;
  };

  static const std::vector<KindSpec>& Kinds() {
    static const std::vector<KindSpec> kinds = {
        {"deployment",
         {{"provider", 't', 's'},
          {"model", 't', 's'},
          {"cloud", 'c', 's'},
          {"api", 'a', 's'},
          {"regions", 'r', 'l'},
          {"start", 'd', 's'},
          {"end", 'd', 's'},
          {"price_per_mtok", 'n', 's'}}},
        {"deal",
         {{"type", 't', 's'},
          {"partners", 'c', 'l'},
          {"announce", 'd', 's'},
          {"notices", 'd', 'm'},
          {"signed", 'b', 's'},
          {"budgets", 'n', 'm'}}},
        {"contact", {{"email", 't', 's'}, {"tags", 't', 'l'}}},
    };
    return kinds;
  }

  // ------------------------------------------------------------ hostile scalars

  std::string Text() {
    static const std::vector<std::string> kTexts = {
        "gpt-5",
        "",
        "e\xcc\x81\xcc\x81\xcc\x81",  // combining marks
        "\xe2\x80\xae"
        "dlrow\xe2\x80\xac",                                         // RTL override
        "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9",  // Arabic
        "\xed\xa0\x80",                                              // a surrogate encoded in UTF-8
        "\xed\xb2\x80\xed\xa0\xbd",                                  // a reversed surrogate pair
        "\xc0\xaf",
        "\xe0\x80\xaf",
        "\xf0\x80\x80\xaf",  // overlong '/'
        "\xf4\x90\x80\x80",  // past U+10FFFF
        "\xff\xfe",
        "\x80",
        std::string("a\0b", 3),  // invalid bytes, NUL
        "\xef\xbb\xbf"
        "bom",
        "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9",  // ZWJ emoji
        "tab\there",
        "quote\"s",
        "back\\slash",
        "{x}",
        "&anchor",
        "*alias",
        "- dash",
        "key: value",
        "# hash",
        "null",
        "~",
        "true",
        "2026-01-01",
        "1e3",
        "0x10"};
    std::string s = c_.Pick(kTexts);
    if (c_.Chance(1, 16)) {
      const size_t n = c_.Chance(1, 4) ? 70000 : 300 + c_.Below(3000);
      std::string long_text;
      while (long_text.size() < n) long_text += s.empty() ? "x" : s;
      return long_text;
    }
    if (c_.Chance(1, 8)) return c_.Bytes(40);
    return s;
  }

  std::string Number() {
    return c_.Pick({"0",
                    "-0",
                    "1",
                    "-1",
                    "0.5",
                    "1e308",
                    "1.8e308",
                    "-1.8e308",
                    "4.9e-324",
                    "1e-400",
                    "9223372036854775807",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "18446744073709551616",
                    "9007199254740993",
                    "123456789012345678901234567890",
                    "0.1e1",
                    "1_000",
                    "0x1F",
                    "0o17",
                    "+5",
                    ".5",
                    "5.",
                    ".inf",
                    "-.inf",
                    ".nan",
                    "NaN",
                    "Infinity",
                    "1e",
                    "--1"});
  }

  std::string Date() {
    return c_.Pick({"2026-01-01",  "0000-01-01",  "0001-01-01",        "9999-12-31",
                    "10000-01-01", "1970-01-01",  "1969-12-31",        "2024-02-29",
                    "2023-02-29",  "2100-02-29",  "2000-02-29",        "2026-13-01",
                    "2026-00-10",  "2026-04-31",  "2026-1-1",          "2026-01-01T00:00:00Z",
                    "2026-01-01 ", " 2026-01-01", "-2026-01-01",       "+2026-01-01",
                    "2026/01/01",  "20260101",    "2026-01-01\xcc\x81"});
  }

  std::string Member(char t) {
    switch (t) {
      case 'c':
        return c_.Pick({"Azure", "AWS", "Google", "Oracle", "azure", "Azur", "cloud"});
      case 'r':
        return c_.Pick({"us", "na", "emea", "eu", "apac", "au", "region", "US", "mars"});
      default:
        return c_.Pick({"stateless", "product", "api", "Stateless"});
    }
  }

  /// A scalar of field type `t`, as raw text (JSON: quote it yourself), mostly well typed.
  std::string RawScalar(char t) {
    if (c_.Chance(1, 10)) t = "tnbdcra"[c_.Below(7)];  // the wrong type now and then
    switch (t) {
      case 't':
        return Text();
      case 'n':
        return Number();
      case 'b':
        return c_.Pick({"true", "false", "yes", "no", "True", "on", "1", "0"});
      case 'd':
        return Date();
      default:
        return Member(t);
    }
  }

  // ------------------------------------------------------------ YAML

  /// A YAML double-quoted scalar, escaped only partly on purpose (other control characters stay
  /// raw, NUL becomes YAML's `\0`), so that hostile bytes reach the loader; the engine writes no
  /// YAML to share this with.
  static std::string YamlQuoted(const std::string& s) {
    std::string out = "\"";
    for (unsigned char ch : s) {
      if (ch == '"' || ch == '\\') {
        out += '\\';
        out += static_cast<char>(ch);
      } else if (ch == '\n') {
        out += "\\n";
      } else if (ch == 0) {
        out += "\\0";
      } else {
        out += static_cast<char>(ch);
      }
    }
    return out + "\"";
  }

  std::string YamlScalar(char t) {
    const std::string raw = RawScalar(t);
    switch (c_.Below(8)) {
      case 0:
        return YamlQuoted(raw);
      case 1: {  // single quoted
        std::string out = "'";
        for (char ch : raw) out += ch == '\'' ? std::string("''") : std::string(1, ch);
        return out + "'";
      }
      case 2:
        return std::string(c_.Pick(
                   {"!!str ", "!!int ", "!!float ", "!!timestamp ", "!!binary ", "!custom "})) +
               YamlQuoted(raw);
      case 3:
        return "~";
      default:
        return raw.find_first_of(":#\n{}[],&*!|>'\"%@`") == std::string::npos ? raw
                                                                              : YamlQuoted(raw);
    }
  }

  std::string Indent(int n) { return std::string(static_cast<size_t>(n), ' '); }

  std::string YamlValue(const FieldSpec& f, int indent) {
    std::string anchor;
    if (c_.Chance(1, 8)) {
      anchor = "&a" + std::to_string(anchors_) + " ";
      ++anchors_;
    }
    if (anchors_ > 0 && c_.Chance(1, 10)) return "*a" + std::to_string(c_.Below(anchors_ + 1));
    if (c_.Chance(1, 24))
      return anchor + Nested(c_.Chance(1, 4) ? 70 + c_.Below(200) : c_.Below(8));
    if (c_.Chance(1, 24))
      return anchor + "|\n" + Indent(indent + 2) + "block\n" + Indent(indent + 2) + RawScalar('t');
    if (f.shape == 'l') {
      const uint32_t n = c_.Below(5);
      if (c_.Coin()) {
        std::string out = anchor + "[";
        for (uint32_t i = 0; i < n; ++i) out += (i ? ", " : "") + YamlScalar(f.type);
        return out + "]";
      }
      std::string out = anchor;
      if (n == 0) return out + "[]";
      for (uint32_t i = 0; i < n; ++i) out += "\n" + Indent(indent + 2) + "- " + YamlScalar(f.type);
      return out;
    }
    if (f.shape == 'm') {
      const uint32_t n = c_.Below(5);
      if (c_.Coin()) {
        std::string out = anchor + "{";
        for (uint32_t i = 0; i < n; ++i)
          out += (i ? ", " : "") + MapKey() + ": " + YamlScalar(f.type);
        return out + "}";
      }
      std::string out = anchor;
      if (n == 0) return out + "{}";
      for (uint32_t i = 0; i < n; ++i) {
        out += "\n" + Indent(indent + 2) + MapKey() + ": " + YamlScalar(f.type);
      }
      if (anchors_ > 0 && c_.Chance(1, 6)) out += "\n" + Indent(indent + 2) + "<<: *a0";
      return out;
    }
    return anchor + YamlScalar(f.type);
  }

  std::string MapKey() {
    return c_.Pick({"Microsoft", "AWS", "\"\"", "\"k\xcc\x81\"", "1", "true", "null", "[a]",
                    "? complex", "\"a\\u0000b\""});
  }

  std::string Nested(uint32_t depth) {
    std::string open, close;
    for (uint32_t i = 0; i < depth; ++i) {
      const bool list = c_.Coin();
      open += list ? "[" : "{k: ";
      close = (list ? "]" : "}") + close;
    }
    return open + "1" + close;
  }

  std::string Id() {
    return c_.Pick(
        {"d1", "d2", "d1", "x", "\"\"", "\"\xcc\x81\"", "1", "[a]", "~", "\"ид\"", "\"a\\nb\""});
  }

  void YamlFact(std::string& out, bool in_list) {
    const KindSpec& kind = c_.Pick(Kinds());
    const std::string lead = in_list ? "- " : "";
    const int indent = in_list ? 2 : 0;
    std::vector<std::string> lines;
    if (!c_.Chance(1, 24)) {
      lines.push_back(std::string("kind: ") + (c_.Chance(1, 24) ? "nokind" : kind.name));
    }
    if (!c_.Chance(1, 24)) lines.push_back("id: " + Id());
    for (const auto& f : kind.fields) {
      if (c_.Chance(1, 8)) continue;
      lines.push_back(std::string(f.name) + ": " + YamlValue(f, indent));
      if (c_.Chance(1, 32)) lines.push_back(std::string(f.name) + ": " + YamlValue(f, indent));
    }
    if (c_.Chance(1, 24)) lines.push_back("unknown_field: 1");
    if (anchors_ > 0 && c_.Chance(1, 16)) lines.push_back("<<: *a0");
    for (size_t i = lines.size(); i > 1; --i) {
      if (c_.Chance(1, 4)) std::swap(lines[i - 1], lines[c_.Below(static_cast<uint32_t>(i))]);
    }
    for (size_t i = 0; i < lines.size(); ++i)
      out += (i == 0 ? lead : Indent(indent)) + lines[i] + "\n";
    if (lines.empty()) out += lead + "{}\n";
  }

  // ------------------------------------------------------------ JSON

  /// `s` escaped by the engine's JSON writer, now and then with a hostile escape appended inside
  /// the quotes.
  std::string JsonString(const std::string& s) {
    std::string out;
    report::AppendJsonString(out, s);
    if (c_.Chance(1, 16)) {
      out.pop_back();  // the closing quote
      out += c_.Pick({"\\ud800", "\\udc00\\ud800", "\\ud83d\\ude00", "\\u0000", "\\uDFFF",
                      "\\u00e9", "\\x41", "\\u12", "\\/"});
      out += '"';
    }
    return out;
  }

  std::string JsonScalar(char t) {
    if (t == 'n' || t == 'b') {
      std::string raw = RawScalar(t);
      return c_.Chance(1, 8) ? JsonString(raw) : raw;
    }
    if (c_.Chance(1, 16)) return c_.Pick({"null", "1", "true", "{}", "[]"});
    return JsonString(RawScalar(t));
  }

  std::string JsonValue(const FieldSpec& f) {
    if (c_.Chance(1, 24)) return Nested(c_.Chance(1, 4) ? 70 + c_.Below(200) : c_.Below(8));
    const uint32_t n = c_.Below(5);
    if (f.shape == 'l') {
      std::string out = "[";
      for (uint32_t i = 0; i < n; ++i) out += (i ? "," : "") + JsonScalar(f.type);
      return out + "]";
    }
    if (f.shape == 'm') {
      std::string out = "{";
      for (uint32_t i = 0; i < n; ++i) {
        out += (i ? "," : "") + JsonString(c_.Pick({"Microsoft", "AWS", "", "k"})) + ":" +
               JsonScalar(f.type);
      }
      return out + "}";
    }
    return JsonScalar(f.type);
  }

  std::string JsonFact() {
    const KindSpec& kind = c_.Pick(Kinds());
    std::vector<std::string> members;
    if (!c_.Chance(1, 24)) members.push_back("\"kind\":" + JsonString(kind.name));
    if (!c_.Chance(1, 24)) {
      members.push_back("\"id\":" + (c_.Chance(1, 8)
                                         ? std::string(c_.Pick({"1", "null", "[]"}))
                                         : JsonString(c_.Pick({"d1", "d2", "x", "", "ид"}))));
    }
    for (const auto& f : kind.fields) {
      if (c_.Chance(1, 8)) continue;
      members.push_back(JsonString(f.name) + ":" + JsonValue(f));
      if (c_.Chance(1, 32)) members.push_back(JsonString(f.name) + ":" + JsonValue(f));
    }
    for (size_t i = members.size(); i > 1; --i) {
      if (c_.Chance(1, 4)) std::swap(members[i - 1], members[c_.Below(static_cast<uint32_t>(i))]);
    }
    std::string out = "{";
    for (size_t i = 0; i < members.size(); ++i)
      out += (i ? c_.Pick({",", " , ", ",\t"}) : "") + members[i];
    out += "}";
    if (c_.Chance(1, 32)) out += c_.Pick({",", "}", " x", "{}"});
    return out;
  }

  std::string Junk() { return c_.Bytes(64); }

  Choices& c_;
  uint32_t anchors_ = 0;
};

}  // namespace treaty::fuzzing

#include "driver/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "base/did_you_mean.h"
#include "value/date.h"

namespace treaty::driver {

namespace fs = std::filesystem;

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

constexpr std::array<std::string_view, 4> kSettings = {"policies", "facts", "fail_on", "as_of"};

std::string Described(const YAML::Node& node) {
  if (node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return fmt::format("`{}`", node.Scalar());
}

// Checks one file's settings; each problem is reported at its place in `file`.
class ConfigReader {
 public:
  ConfigReader(const base::SourceFile& file, const fs::path& base, ProjectConfig& config,
               base::DiagnosticEngine& diags)
      : file_(file), base_(base), config_(config), diags_(diags) {}

  void Read(const YAML::Node& root) {
    if (!root.IsNull() && !root.IsMap()) {
      diags_.Add(MakeDiagnostic(DiagCode::T0605, At(root), "the file must be a mapping of settings")
                     .WithLabel(fmt::format("found {}", Described(root)))
                     .WithHelp("write one setting a line, as in `fail_on: error`"));
      return;
    }
    std::set<std::string> seen;
    for (const auto& entry : root) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) {
        diags_.Add(MakeDiagnostic(DiagCode::T0605, At(key), "a setting name must be text")
                       .WithLabel(fmt::format("found {}", Described(key))));
        continue;
      }
      const std::string name = key.Scalar();
      key_.reset();  // Node's operator= would rebind the previous key node itself
      key_.emplace(key);
      if (std::find(kSettings.begin(), kSettings.end(), name) == kSettings.end()) {
        UnknownSetting(key);
        continue;
      }
      if (!seen.insert(name).second) {
        diags_.Add(MakeDiagnostic(DiagCode::T0609, At(key), name)
                       .WithLabel("given again here")
                       .WithHelp("keep one of them"));
        continue;
      }
      if (name == "policies" || name == "facts") {
        PathList(name, entry.second, name == "policies" ? config_.policies : config_.facts);
      } else if (name == "fail_on") {
        FailOn(entry.second);
      } else {
        AsOf(entry.second);
      }
    }
  }

 private:
  std::vector<std::string_view> Candidates(const auto& values) const {
    return std::vector<std::string_view>(values.begin(), values.end());
  }

  // The span of a node: a scalar as written (quotes included), else its first character.
  // Never past the end of the node's line.
  base::Span At(const YAML::Node& node) const {
    // An empty value (`fail_on:`) has its mark after the line: point at its setting instead.
    if (node.IsNull() && key_ && key_->IsScalar()) return At(*key_);
    const std::string_view text = file_.text();
    const YAML::Mark mark = node.Mark();
    uint32_t begin = mark.pos < 0 ? 0 : static_cast<uint32_t>(mark.pos);
    begin = std::min<uint32_t>(begin, static_cast<uint32_t>(text.size()));
    size_t line_end = text.find_first_of("\r\n", begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t end = begin + 1;
    if (node.IsScalar() && begin < text.size()) {
      const char open = text[begin];
      if (open == '"' || open == '\'') {
        const size_t close = text.find(open, begin + 1);
        end = close == std::string_view::npos ? line_end : close + 1;
      } else {
        end = begin + std::max<size_t>(1, node.Scalar().size());
      }
    }
    end = std::min(end, line_end);
    return file_.MakeSpan(begin, static_cast<uint32_t>(std::max<size_t>(end, begin)));
  }

  void UnknownSetting(const YAML::Node& key) {
    std::string help = base::DidYouMean(key.Scalar(), Candidates(kSettings));
    if (!help.empty()) help += " ";
    help += "the settings are `policies`, `facts`, `fail_on` and `as_of`";
    diags_.Add(MakeDiagnostic(DiagCode::T0608, At(key), key.Scalar())
                   .WithLabel("unknown setting")
                   .WithHelp(help));
  }

  void Invalid(const YAML::Node& node, std::string_view setting, std::string what,
               std::string label, std::string help) {
    diags_.Add(MakeDiagnostic(DiagCode::T0607, At(node), setting, what)
                   .WithLabel(std::move(label))
                   .WithHelp(std::move(help)));
  }

  void PathList(std::string_view setting, const YAML::Node& node, std::vector<std::string>& out) {
    const std::string help = fmt::format(
        "write a path, as in `{0}: {0}`, or a list of paths, as in `{0}: [{0}, more]`", setting);
    auto valid_path = [&](const YAML::Node& item) {
      if (item.IsScalar() && !item.Scalar().empty()) return true;
      Invalid(item, setting,
              fmt::format("expected a path, found {}",
                          item.IsScalar() ? std::string("an empty text") : Described(item)),
              "not a path", help);
      return false;
    };
    std::vector<std::string> paths;
    auto add = [&](const std::string& p) {
      fs::path full = fs::path(p).is_absolute() ? fs::path(p) : base_ / p;
      paths.push_back(full.lexically_normal().string());
    };
    if (node.IsSequence()) {
      if (node.size() == 0) {
        Invalid(node, setting, "the list names no path", "an empty list", help);
        return;
      }
      for (const auto& item : node) {
        if (!valid_path(item)) return;
        add(item.Scalar());
      }
    } else {
      if (!valid_path(node)) return;
      add(node.Scalar());
    }
    out = std::move(paths);
  }

  void FailOn(const YAML::Node& node) {
    const std::string allowed = "`fail_on` is one of `error`, `warning`, `info` or `never`";
    if (!node.IsScalar() || std::find(kFailOnValues.begin(), kFailOnValues.end(), node.Scalar()) ==
                                kFailOnValues.end()) {
      std::string help = node.IsScalar()
                             ? base::DidYouMean(node.Scalar(), Candidates(kFailOnValues))
                             : std::string();
      if (!help.empty()) help += " ";
      Invalid(node, "fail_on", fmt::format("expected a severity, found {}", Described(node)),
              "not `error`, `warning`, `info` or `never`", help + allowed);
      return;
    }
    config_.fail_on = node.Scalar();
  }

  void AsOf(const YAML::Node& node) {
    const std::string help =
        "write `today`, or a date YYYY-MM-DD such as `2026-06-01` for reproducible checks";
    if (!node.IsScalar() || node.Scalar().empty()) {
      Invalid(node, "as_of",
              fmt::format("expected `today` or a date, found {}",
                          node.IsScalar() ? std::string("an empty text") : Described(node)),
              "not a date", help);
      return;
    }
    const std::string& text = node.Scalar();
    if (text == "today" || value::ParseDate(text)) {
      config_.as_of = text;
      return;
    }
    std::string why;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
        std::all_of(text.begin(), text.end(),
                    [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) {
      why = value::WhyInvalid(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                              std::stoi(text.substr(8, 2)));
    }
    std::string help_text = help;
    if (!why.empty()) help_text = why + "; " + help;
    std::string did_you_mean = base::DidYouMean(text, {"today"});
    if (!did_you_mean.empty()) help_text = did_you_mean + " " + help_text;
    Invalid(node, "as_of", fmt::format("expected `today` or a date, found {}", Described(node)),
            "not a date", help_text);
  }

  const base::SourceFile& file_;
  std::optional<YAML::Node> key_;  // the setting being read
  fs::path base_;
  ProjectConfig& config_;
  base::DiagnosticEngine& diags_;
};

}  // namespace

ProjectConfig FindProjectConfig(const std::string& start_dir, base::SourceSet& sources,
                                base::DiagnosticEngine& diags) {
  ProjectConfig config;
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec);
  fs::path found;
  for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
    if (fs::is_regular_file(d / "treaty.yaml", ec)) {
      found = d / "treaty.yaml";
      break;
    }
    if (d == d.parent_path()) break;
  }
  fs::path base = ".";
  if (!found.empty()) {
    base = fs::relative(found.parent_path(), dir, ec);
    if (ec || base.empty()) base = found.parent_path();
    config.path = (base / "treaty.yaml").lexically_normal().string();
  }
  config.policies = {(base / "policies").lexically_normal().string()};
  config.facts = {(base / "fixtures").lexically_normal().string()};
  if (found.empty()) return config;

  std::ifstream in(found, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    diags.Add(MakeDiagnostic(DiagCode::T0605, base::Span{},
                             fmt::format("cannot read `{}`", config.path)));
    return config;
  }
  const base::FileId id = sources.Add(config.path, buffer.str());
  const base::SourceFile& file = sources.Get(id);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(file.text()));
  } catch (const YAML::Exception& e) {
    const uint32_t at = e.mark.pos < 0 ? 0 : static_cast<uint32_t>(e.mark.pos);
    diags.Add(MakeDiagnostic(DiagCode::T0605, file.MakeSpan(at, at + 1), e.msg).WithLabel("here"));
    return config;
  }
  ConfigReader(file, base, config, diags).Read(root);
  return config;
}

}  // namespace treaty::driver

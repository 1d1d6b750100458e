#include "driver/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace treaty::driver {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> PathList(const YAML::Node& node, const fs::path& base) {
  std::vector<std::string> out;
  auto add = [&](const std::string& p) {
    fs::path full = fs::path(p).is_absolute() ? fs::path(p) : base / p;
    out.push_back(full.lexically_normal().string());
  };
  if (node.IsSequence()) {
    for (const auto& item : node) add(item.as<std::string>());
  } else {
    add(node.as<std::string>());
  }
  return out;
}

}  // namespace

ProjectConfig FindProjectConfig(const std::string& start_dir, base::DiagnosticEngine& diags) {
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
  try {
    YAML::Node root = YAML::LoadFile(found.string());
    if (!root.IsNull() && !root.IsMap()) {
      diags.Add(base::MakeDiagnostic(base::DiagCode::T0605, base::Span{},
                                     "the file must be a mapping of settings"));
      return config;
    }
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key == "policies") {
        config.policies = PathList(entry.second, base);
      } else if (key == "facts") {
        config.facts = PathList(entry.second, base);
      } else if (key == "fail_on") {
        config.fail_on = entry.second.as<std::string>();
      } else if (key == "as_of") {
        config.as_of = entry.second.as<std::string>();
      } else {
        diags.Add(base::MakeDiagnostic(
                      base::DiagCode::T0605, base::Span{},
                      fmt::format("unknown setting `{}` at line {}", key,
                                  entry.first.Mark().line + 1))
                      .WithHelp("the settings are `policies`, `facts`, `fail_on` and `as_of`"));
      }
    }
  } catch (const YAML::Exception& e) {
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0605, base::Span{}, e.what()));
  }
  return config;
}

}  // namespace treaty::driver

// driver::FindProjectConfig on hostile treaty.yaml files: every value is checked, each problem
// is a diagnostic located in the file (line and column), an invalid value keeps its default,
// and the treaty binary refuses such a file (and a bad TREATY_TODAY or --as-of) with exit 2.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "driver/config.h"

namespace treaty::driver {
namespace {

namespace fs = std::filesystem;

struct Project {
  fs::path dir;
  explicit Project(const std::string& yaml) {
    dir = fs::temp_directory_path() / "treaty_config_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "treaty.yaml") << yaml;
  }
  ~Project() { fs::remove_all(dir); }
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;
};

struct Read {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  ProjectConfig config;
  explicit Read(const Project& p) : config(FindProjectConfig(p.dir.string(), sources, diags)) {}
  std::string Codes() const {
    std::string out;
    for (const auto& d : diags.Sorted()) {
      out += fmt::format("{}@{}:{} ", d.code_name(), d.span.line, d.span.col);
    }
    return out;
  }
};

TEST_CASE("treaty.yaml: valid settings are read", "[config]") {
  Project p("policies: [a, b]\nfacts: plans\nfail_on: warning\nas_of: 2026-06-01\n");
  Read r(p);
  CHECK(r.diags.all().empty());
  CHECK(r.config.policies.size() == 2);
  CHECK(r.config.facts.size() == 1);
  CHECK(r.config.fail_on == "warning");
  CHECK(r.config.as_of == "2026-06-01");
}

TEST_CASE("treaty.yaml: an invalid fail_on is a located error, not `never`", "[config]") {
  for (const char* bad : {"ERROR", "sometimes", "\"\"", "[error]", ""}) {
    INFO(bad);
    Project p(fmt::format("policies: policies\nfail_on: {}\n", bad));
    Read r(p);
    CHECK(r.Codes() == (std::string(bad).empty() ? "T0607@2:1 " : "T0607@2:10 "));
    CHECK(r.diags.has_errors());
    CHECK(r.config.fail_on == "error");  // the default, never the invalid text
  }
  Project p("fail_on: ERROR\n");
  Read r(p);
  REQUIRE(r.diags.all().size() == 1);
  const auto& d = r.diags.all()[0];
  CHECK(d.span.line == 1);
  CHECK(d.span.col == 10);
  CHECK(d.span.size() == 5);
  CHECK(d.help.find("did you mean `error`?") != std::string::npos);
  CHECK(d.help.find("`warning`, `info` or `never`") != std::string::npos);
}

TEST_CASE("treaty.yaml: as_of must be today or an existing date", "[config]") {
  for (const char* bad : {"\"\"", "2026-02-30", "tomorrow", "26-1-1", "{a: 1}"}) {
    INFO(bad);
    Project p(fmt::format("as_of: {}\n", bad));
    Read r(p);
    CHECK(r.Codes() == "T0607@1:8 ");
    CHECK(r.config.as_of == "today");
  }
  Project p("as_of: 2026-02-30\n");
  Read r(p);
  REQUIRE(r.diags.all().size() == 1);
  CHECK(r.diags.all()[0].help.find("February 2026 has 28 days") != std::string::npos);
}

TEST_CASE("treaty.yaml: unknown and repeated settings, bad paths, malformed YAML", "[config]") {
  {
    Project p("polices: x\nfacts: a\nfacts: b\n");
    Read r(p);
    CHECK(r.Codes() == "T0608@1:1 T0609@3:1 ");
    CHECK(r.diags.all()[0].help.find("did you mean `policies`?") != std::string::npos);
  }
  {
    Project p("policies: []\nfacts: [a, {b: 1}]\n");
    Read r(p);
    CHECK(r.Codes() == "T0607@1:11 T0607@2:12 ");
    CHECK(r.config.facts.size() == 1);  // the default
  }
  {
    Project p("policies: [a\n");
    Read r(p);
    CHECK(r.diags.all().size() == 1);
    CHECK(r.diags.all()[0].code == base::DiagCode::T0605);
    CHECK(r.diags.all()[0].span.valid());
  }
  {
    Project p("- a\n- b\n");
    Read r(p);
    CHECK(r.Codes() == "T0605@1:1 ");
  }
}

// The treaty binary in `dir`, with `env` before it; its exit status.
int Run(const fs::path& dir, const std::string& env, const std::string& args) {
  const std::string command = "cd '" + dir.string() + "' && " + env + " '" + TREATY_BINARY + "' " +
                              args + " >/dev/null 2>&1";
  return WEXITSTATUS(std::system(command.c_str()));
}

TEST_CASE("treaty refuses an invalid treaty.yaml, TREATY_TODAY or --as-of with exit 2",
          "[config]") {
  Project p("policies: policies\nfacts: facts\n");
  fs::create_directories(p.dir / "policies");
  fs::create_directories(p.dir / "facts");
  std::ofstream(p.dir / "policies" / "p.treaty") << "kind deal { cloud: text }\n";
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "check -q") == 0);
  CHECK(Run(p.dir, "TREATY_TODAY=tomorrow", "check -q") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=", "check -q") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=2026-02-30", "test") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "check -q --as-of ''") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "lint --as-of ''") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "check -q --as-of 2026-06-01") == 0);
  std::ofstream(p.dir / "treaty.yaml", std::ios::app) << "fail_on: sometimes\n";
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "check -q") == 2);
  CHECK(Run(p.dir, "TREATY_TODAY=2026-06-01", "test") == 2);
}

}  // namespace
}  // namespace treaty::driver

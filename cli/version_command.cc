// `treaty version`: Treaty's version and the versions of the libraries it was built with.
#include <sqlite3.h>

#include <cstdio>

#include <fmt/format.h>
#include <spdlog/version.h>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "exit_codes.h"
#include "syntax/runtime_version.h"

namespace treaty::cli {

void RegisterVersion(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version of Treaty and its libraries");
  cmd->footer("Example:\n  treaty version");
  cmd->callback([&exit_code] {
    std::string out = fmt::format("treaty {}\n", TREATY_VERSION);
    // Libraries compiled in report the version of their headers; SQLite and ANTLR report the
    // shared library actually loaded.
    out += fmt::format("  ANTLR runtime {}\n", syntax::AntlrRuntimeVersion());
    out += fmt::format("  CLI11 {}\n", CLI11_VERSION);
    out += fmt::format("  fmt {}.{}.{}\n", FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
                       FMT_VERSION % 100);
    out += fmt::format("  nlohmann-json {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR,
                       NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH);
    out += fmt::format("  spdlog {}.{}.{}\n", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH);
    out += fmt::format("  SQLite {}\n", sqlite3_libversion());
#ifdef TREATY_YAML_CPP_VERSION
    out += fmt::format("  yaml-cpp {}\n", TREATY_YAML_CPP_VERSION);
#endif
    std::fputs(out.c_str(), stdout);
    exit_code = kExitOk;
  });
}

}  // namespace treaty::cli

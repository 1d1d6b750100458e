// `treaty version`: Treaty's version and the versions of the libraries it was built with.
#include <cstdio>

#include <fmt/format.h>

#include "commands.h"
#include "exit_codes.h"

namespace treaty::cli {

void RegisterVersion(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version of Treaty and its libraries");
  cmd->footer("Example:\n  treaty version");
  cmd->callback([&exit_code] {
    std::fputs(fmt::format("treaty {}\n  fmt {}.{}.{}\n  CLI11 {}\n", TREATY_VERSION,
                           FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100,
                           CLI11_VERSION)
                   .c_str(),
               stdout);
    exit_code = kExitOk;
  });
}

}  // namespace treaty::cli

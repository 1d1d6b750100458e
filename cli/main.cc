// The `treaty` binary: parses arguments, runs one command, maps the outcome to an exit code.
// A bug that escapes as an exception becomes exit 3 with a message that says so; a failed
// write to standard output (a full disk) becomes exit 2.
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "output_file.h"
#include "unknown_command.h"

int main(int argc, char** argv) {
  using namespace treaty::cli;
  int exit_code = kExitOk;
  CLI::App app{"Treaty: check plans against the agreements that govern them", "treaty"};
  app.require_subcommand(1);
  app.footer("Run `treaty COMMAND --help` for a command's options and an example.");
  RegisterCheck(app, exit_code);
  RegisterAudit(app, exit_code);
  RegisterLint(app, exit_code);
  RegisterTest(app, exit_code);
  RegisterExplain(app, exit_code);
  RegisterVersion(app, exit_code);
  RegisterInit(app, exit_code);
  RegisterFmt(app, exit_code);
  RegisterCompletion(app, exit_code);
  if (auto unknown = UnknownCommand(app, argc, argv)) {
    std::fputs(unknown->c_str(), stderr);
    return kExitInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    exit_code = code == 0 ? kExitOk : kExitInput;
  } catch (const std::exception& e) {
    std::fputs(fmt::format("treaty: internal error: {}\nthis is a bug in Treaty; please report it "
                           "with the command that caused it\n",
                           e.what())
                   .c_str(),
               stderr);
    return kExitInternal;
  }
  if (auto error = FinishStdout()) {
    PrintError(*error);
    return exit_code == kExitInternal ? kExitInternal : kExitInput;
  }
  return exit_code;
}

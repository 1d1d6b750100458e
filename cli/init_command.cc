// `treaty init [DIR]`: write a small working portfolio from the templates in init_templates.h.
// Never overwrites and never writes through a symbolic link: when any file it would write
// exists (a dangling link included), or a directory it would write into under DIR is a link,
// it writes nothing and exits 2.
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "init_templates.h"
#include "output_file.h"

namespace treaty::cli {

namespace {

namespace fs = std::filesystem;

// The first symbolic link on the way from `root` to `root / relative` (root itself excluded:
// the user named it), or "".
std::string LinkOnTheWay(const fs::path& root, const fs::path& relative) {
  fs::path at = root;
  for (const auto& part : relative) {
    at /= part;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(at, ec))) return at.string();
  }
  return "";
}

int RunInit(const std::string& dir, bool quiet) {
  const fs::path root(dir);
  std::vector<std::string> existing;
  for (const auto& t : kInitTemplates) {
    const std::string link = LinkOnTheWay(root, t.path);
    if (!link.empty()) {
      std::error_code ec;
      PrintError(fmt::format(
          "`treaty init` does not write through symbolic links, and `{}` is one (to `{}`)\n"
          "  = help: remove the link, or run `treaty init` in another directory",
          link, fs::read_symlink(link, ec).string()));
      return kExitInput;
    }
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(root / t.path, ec);
    if (fs::exists(st) || (ec && st.type() != fs::file_type::not_found)) {
      existing.push_back((root / t.path).string());
    }
  }
  if (!existing.empty()) {
    std::string msg =
        fmt::format("`treaty init` does not overwrite files, and {} already exist{}:",
                    existing.size() == 1 ? "this one" : "these", existing.size() == 1 ? "s" : "");
    for (const auto& p : existing) msg += fmt::format("\n  {}", p);
    msg += fmt::format(
        "\n  = help: run it in a new or empty directory (`treaty init DIR`), or move {} away",
        existing.size() == 1 ? "it" : "them");
    PrintError(msg);
    return kExitInput;
  }
  for (const auto& t : kInitTemplates) {
    const fs::path path = root / t.path;
    std::error_code ec;
    fs::create_directories(path.parent_path().empty() ? fs::path(".") : path.parent_path(), ec);
    if (ec) {
      PrintError(WriteError{path.string(), ec.message()}.message());
      return kExitInput;
    }
    if (auto error = WriteNewFile(path.string(), t.text)) {
      PrintError(error->message());
      return kExitInput;
    }
    if (!quiet) std::fputs(fmt::format("created {}\n", path.string()).c_str(), stdout);
  }
  if (!quiet) {
    const std::string cd = dir == "." ? "" : fmt::format("cd {} && ", dir);
    std::fputs(fmt::format("\nnext: {}treaty check && treaty test && treaty lint\n"
                           "      then `git init && pre-commit install` to check every commit\n",
                           cd)
                   .c_str(),
               stdout);
  }
  return kExitOk;
}

}  // namespace

void RegisterInit(CLI::App& app, int& exit_code) {
  struct Options {
    std::string dir = ".";
    bool quiet = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Create a new portfolio: vocabulary, an agreement, a test, a fact, config files");
  cmd->footer(
      "Examples:\n"
      "  treaty init contracts        # creates contracts/ and the files in it\n"
      "  cd contracts && treaty check && treaty test && treaty lint");
  cmd->add_option("dir", options->dir, "Directory to create the portfolio in (default: .)");
  cmd->add_flag("-q,--quiet", options->quiet, "Print only problems");
  cmd->callback([options, &exit_code] { exit_code = RunInit(options->dir, options->quiet); });
}

}  // namespace treaty::cli

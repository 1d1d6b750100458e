#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "base/directory_walk.h"
#include "facts/loader.h"

namespace treaty::cli {

namespace {

namespace fs = std::filesystem;

std::string Reason(int err) { return err != 0 ? std::strerror(err) : "write error"; }

WriteError CannotWrite(const std::string& path, int err) { return WriteError{path, Reason(err)}; }

// The path with every existing part resolved (symlinks followed), or as given when even that
// fails.
std::string Canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? path : p.string();
}

// Writes all of `text` to `fd`; 0, or the errno of the failure.
int WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// `text` straight into what is at `path` (a device, a FIFO): no temporary file beside it.
std::optional<WriteError> WriteInPlace(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return CannotWrite(path, errno);
  int err = WriteAll(fd, text);
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) return CannotWrite(path, err);
  return std::nullopt;
}

}  // namespace

std::string WriteError::message() const {
  return fmt::format("cannot write `{}`: {}", path, reason);
}

std::vector<ProtectedFile> RunInputs(const std::vector<std::string>& policy_roots,
                                     const std::vector<std::string>& fact_paths,
                                     const std::string& config, const std::string& db) {
  std::vector<ProtectedFile> out;
  // The files the run reads, listed as it lists them (links followed); a root that cannot be
  // listed is kept as given.
  auto add_root = [&out](const std::string& root, const std::vector<std::string>& extensions,
                         const char* role) {
    base::FileListing listing = base::WalkDirectory(root, extensions);
    if (listing.files.empty()) out.push_back(ProtectedFile{root, role});
    for (auto& file : listing.files) out.push_back(ProtectedFile{std::move(file), role});
  };
  for (const auto& root : policy_roots) add_root(root, {".treaty"}, "the policy file");
  for (const auto& path : fact_paths)
    add_root(path, facts::LoadOptions{}.extensions, "the fact file");
  if (!config.empty()) out.push_back(ProtectedFile{config, "the project file"});
  if (!db.empty()) {
    out.push_back(ProtectedFile{db, "the audit store"});
    for (const char* side : {"-wal", "-shm", "-journal"}) {
      out.push_back(ProtectedFile{db + side, "the audit store's SQLite file"});
    }
  }
  return out;
}

std::optional<std::string> SameFileAsInput(const std::string& output, std::string_view option,
                                           const std::vector<ProtectedFile>& inputs) {
  struct stat out_st {};
  const bool out_exists = ::stat(output.c_str(), &out_st) == 0;
  const std::string out_path = Canonical(output);
  for (const auto& input : inputs) {
    struct stat in_st {};
    const bool in_exists = ::stat(input.path.c_str(), &in_st) == 0;
    bool same = false;
    if (out_exists && in_exists) {
      same = out_st.st_dev == in_st.st_dev && out_st.st_ino == in_st.st_ino;
    } else if (!out_exists && !in_exists) {
      same = Canonical(input.path) == out_path;
    }
    if (same) {
      return fmt::format(
          "refusing to write {} `{}`: it is the same file as {} `{}`, which the output would "
          "destroy\n  = help: write {} to another path",
          option, output, input.role, input.path, option);
    }
  }
  return std::nullopt;
}

std::optional<WriteError> WriteOutputFile(const std::string& path, std::string_view text) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(path, ec)) {
    fs::path resolved = fs::canonical(path, ec);  // fails when the link dangles: replace it
    if (!ec) target = resolved;
  }
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return CannotWrite(path, EISDIR);
  if (exists && !S_ISREG(st.st_mode)) return WriteInPlace(path, text);

  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::random_device random;
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = (dir / fmt::format(".{}.treaty-{:08x}", target.filename().string(), random())).string();
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return CannotWrite(path, errno);
  int err = WriteAll(fd, text);
  if (err == 0 && exists) {
    // The replaced file keeps its permissions and, where allowed, its owner.
    if (::fchmod(fd, st.st_mode & 07777) != 0) err = errno;
    if (::fchown(fd, st.st_uid, st.st_gid) != 0) { /* not ours to give away: keep ours */
    }
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), target.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    return CannotWrite(path, err);
  }
  return std::nullopt;
}

std::optional<WriteError> WriteNewFile(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int err = errno;
    std::error_code ec;
    if (fs::is_symlink(path, ec)) {
      return WriteError{path, fmt::format("it is a symbolic link (to `{}`), and treaty does not "
                                          "write through links",
                                          fs::read_symlink(path, ec).string())};
    }
    return CannotWrite(path, err);
  }
  int err = WriteAll(fd, text);
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(path.c_str());
    return CannotWrite(path, err);
  }
  return std::nullopt;
}

std::optional<std::string> FinishStdout() {
  errno = 0;
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (!failed) return std::nullopt;
  return fmt::format("cannot write to standard output: {}", Reason(errno));
}

}  // namespace treaty::cli

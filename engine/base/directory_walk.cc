#include "base/directory_walk.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <set>
#include <utility>

#include "base/input_file.h"

namespace treaty::base {

namespace {

using DirId = std::pair<dev_t, ino_t>;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class Walker {
 public:
  Walker(const std::vector<std::string>& extensions, FileListing& out)
      : extensions_(extensions), out_(out) {}

  void Root(const std::string& root) {
    struct stat st {};
    if (::stat(root.c_str(), &st) != 0) {
      Problem(root, errno);
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      out_.files.push_back(root);  // named explicitly: read whatever its name
      return;
    }
    Directory(root, st);
  }

 private:
  bool Wanted(std::string_view name) const {
    return std::any_of(extensions_.begin(), extensions_.end(),
                       [&](const std::string& ext) { return EndsWith(name, ext); });
  }

  /// Whether an unreadable entry is worth a word: it could be one of ours (a file with one of
  /// our extensions, or something without an extension, which may be a directory).
  bool MaybeOurs(std::string_view name) const {
    const size_t dot = name.rfind('.');
    return Wanted(name) || dot == std::string_view::npos || dot == 0;
  }

  /// Records why `path` cannot be read; `err` is the errno of stat or opendir.
  void Problem(const std::string& path, int err) {
    struct stat link {};
    std::string message = ErrnoMessage(err);
    if (err == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
      std::error_code ec;
      const auto target = std::filesystem::read_symlink(path, ec);
      message =
          ec ? "dangling symbolic link" : "dangling symbolic link to `" + target.string() + "`";
    }
    out_.problems.push_back({Normal(path), std::move(message)});
  }

  static std::string Normal(const std::string& path) {
    return std::filesystem::path(path).lexically_normal().string();
  }

  void Directory(const std::string& path, const struct stat& st) {
    const DirId id{st.st_dev, st.st_ino};
    if (std::find(open_.begin(), open_.end(), id) != open_.end()) {
      out_.problems.push_back(
          {Normal(path), "symbolic link loop: the directory contains itself; not followed"});
      return;
    }
    if (!seen_.insert(id).second) return;  // reached twice by links: listed once
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), &::closedir);
    if (!dir) {
      Problem(path, errno);
      return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    if (errno != 0) Problem(path, errno);
    dir.reset();
    std::sort(names.begin(), names.end());
    open_.push_back(id);
    const std::string prefix = EndsWith(path, "/") ? path : path + "/";
    for (const std::string& name : names) {
      const std::string child = prefix + name;
      struct stat cs {};
      if (::stat(child.c_str(), &cs) != 0) {
        if (MaybeOurs(name)) Problem(child, errno);
        continue;
      }
      if (S_ISDIR(cs.st_mode)) {
        Directory(child, cs);
      } else if (Wanted(name)) {
        // Not only regular files: reading a FIFO or a device is refused with a message.
        out_.files.push_back(Normal(child));
      }
    }
    open_.pop_back();
  }

  const std::vector<std::string>& extensions_;
  FileListing& out_;
  std::vector<DirId> open_;  // the directories on the current path (loop detection)
  std::set<DirId> seen_;     // every directory walked
};

}  // namespace

FileListing WalkDirectory(const std::string& root, const std::vector<std::string>& extensions) {
  FileListing out;
  Walker(extensions, out).Root(root);
  std::sort(out.files.begin(), out.files.end());
  out.files.erase(std::unique(out.files.begin(), out.files.end()), out.files.end());
  std::sort(out.problems.begin(), out.problems.end(),
            [](const PathProblem& a, const PathProblem& b) { return a.path < b.path; });
  return out;
}

}  // namespace treaty::base

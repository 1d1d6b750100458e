#pragma once
/// The one directory walker behind FileSystem::ListFiles (policy files and fact files alike).
/// It follows symbolic links to files and directories, walks each directory once (a loop of
/// links is reported, not followed), and reports every path it cannot read (a dangling link,
/// a directory it may not open, a loop) while it keeps listing the rest.

#include <string>
#include <vector>

namespace treaty::base {

/// A path the walk could not read, and why ("permission denied", "dangling symbolic link", …).
struct PathProblem {
  std::string path;
  std::string message;
};

struct FileListing {
  std::vector<std::string> files;     // in byte order of their path
  std::vector<PathProblem> problems;  // in byte order of their path
};

/// Files under `root` whose names end with one of `extensions` (`root` itself when it is not a
/// directory, whatever its name). An entry that cannot be read is a problem unless its name has
/// an extension that is not one of `extensions` (an unrelated file). A missing root is a problem.
FileListing WalkDirectory(const std::string& root, const std::vector<std::string>& extensions);

}  // namespace treaty::base

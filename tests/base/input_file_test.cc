// base/input_file and base/directory_walk: what is not a regular file, or is too large, is
// refused before it is read (never blocking on a FIFO); the walker follows links, names every
// path it cannot read and lists the rest.
#include "base/input_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "base/directory_walk.h"

namespace treaty::base {
namespace {

namespace fs = std::filesystem;

/// A fresh temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "treaty-inputs-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST_CASE("a regular file is read whole", "[inputs]") {
  TempDir dir;
  Write(dir / "a.yaml", "kind: x\n");
  auto text = ReadInputFile(dir / "a.yaml");
  REQUIRE(text.ok());
  CHECK(text.value() == "kind: x\n");
}

TEST_CASE("a device, a FIFO and a directory are refused without reading", "[inputs]") {
  TempDir dir;
  REQUIRE(::mkfifo((dir / "f.yaml").c_str(), 0644) == 0);
  auto fifo = ReadInputFile(dir / "f.yaml");  // opening it for reading would block: no writer
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.status().message() == "not a regular file");
  auto zero = ReadInputFile("/dev/zero");
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.status().message() == "not a regular file");
  auto directory = ReadInputFile(dir.path.string());
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().message() == "is a directory");
  auto opened = OpenInputFile(dir / "f.yaml");  // the chunked reader's way in
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().message() == "not a regular file");
}

TEST_CASE("a file past the size limit is refused by its size, before it is read", "[inputs]") {
  TempDir dir;
  Write(dir / "small.yaml", "0123456789");
  auto limited = ReadInputFile(dir / "small.yaml", 9);
  REQUIRE_FALSE(limited.ok());
  CHECK(limited.status().message() == "the file is larger than 9 bytes");
  CHECK(ReadInputFile(dir / "small.yaml", 10).ok());
  // 5 GiB that take no room on disk: a read would need 5 GiB of memory.
  REQUIRE(::truncate((dir / "small.yaml").c_str(), off_t{5} << 30) == 0);
  auto big = ReadInputFile(dir / "small.yaml");
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().message() == "the file is larger than 4 GiB");
}

TEST_CASE("errors read as strerror's text in lowercase", "[inputs]") {
  auto missing = ReadInputFile("/nonexistent/x.yaml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kNotFound);
  CHECK(missing.status().message() == "no such file or directory");
  // Tests run as root, which may open anything: the EACCES text is checked here, and a real
  // EACCES in tests/inputs/hostile_files_test.sh (run as `nobody`).
  CHECK(ErrnoMessage(EACCES) == "permission denied");
  CHECK(ErrnoMessage(ELOOP) == "too many levels of symbolic links");
}

TEST_CASE("the walker follows links to files and directories, in byte order", "[inputs]") {
  TempDir dir;
  fs::create_directories(dir.path / "root/b");
  fs::create_directories(dir.path / "team");
  Write(dir / "root/b/x.yaml", "");
  Write(dir / "root/a.yaml", "");
  Write(dir / "root/notes.txt", "");
  Write(dir / "team/t.yaml", "");
  fs::create_directory_symlink(dir.path / "team", dir.path / "root/linked");
  fs::create_directory_symlink(dir.path / "team", dir.path / "root/again");  // listed once
  fs::create_symlink(dir.path / "team/t.yaml", dir.path / "root/c.yaml");
  const FileListing listed = WalkDirectory(dir / "root", {".yaml"});
  CHECK(listed.problems.empty());
  const std::string r = dir / "root";
  CHECK(listed.files == std::vector<std::string>{r + "/a.yaml", r + "/again/t.yaml",
                                                 r + "/b/x.yaml", r + "/c.yaml"});
}

TEST_CASE("the walker names dangling links and loops and lists the rest", "[inputs]") {
  TempDir dir;
  fs::create_directories(dir.path / "root/sub");
  Write(dir / "root/sub/ok.yaml", "");
  fs::create_symlink(dir.path / "missing.yaml", dir.path / "root/gone.yaml");
  fs::create_symlink(dir.path / "missing-dir", dir.path / "root/team");
  fs::create_symlink(dir.path / "missing.txt", dir.path / "root/unrelated.txt");  // not ours
  fs::create_directory_symlink(dir.path / "root", dir.path / "root/sub/up");
  const FileListing listed = WalkDirectory(dir / "root", {".yaml"});
  const std::string r = dir / "root";
  CHECK(listed.files == std::vector<std::string>{r + "/sub/ok.yaml"});
  REQUIRE(listed.problems.size() == 3);
  CHECK(listed.problems[0].path == r + "/gone.yaml");
  CHECK(listed.problems[0].message == "dangling symbolic link to `" + (dir / "missing.yaml") + "`");
  CHECK(listed.problems[1].path == r + "/sub/up");
  CHECK(listed.problems[1].message ==
        "symbolic link loop: the directory contains itself; not followed");
  CHECK(listed.problems[2].path == r + "/team");
}

TEST_CASE("a missing root is a problem; a file root is listed whatever its name", "[inputs]") {
  TempDir dir;
  const FileListing missing = WalkDirectory(dir / "nope", {".yaml"});
  CHECK(missing.files.empty());
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].message == "no such file or directory");
  Write(dir / "facts.txt", "");
  CHECK(WalkDirectory(dir / "facts.txt", {".yaml"}).files ==
        std::vector<std::string>{dir / "facts.txt"});
}

}  // namespace
}  // namespace treaty::base

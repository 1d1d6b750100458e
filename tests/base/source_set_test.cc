// base::SourceSet::Text: the bytes under a span, whole files and streamed windows.
#include "base/source_file.h"

#include <catch2/catch.hpp>

namespace treaty::base {
namespace {

TEST_CASE("SourceSet::Text gives the bytes under a span", "[source_set]") {
  SourceSet sources;
  const FileId id = sources.Add("a.treaty", "forbid deal\nwhen x\n");
  const SourceFile& file = sources.Get(id);
  CHECK(sources.Text(file.MakeSpan(0, 6)) == "forbid");
  CHECK(sources.Text(file.MakeSpan(12, 18)) == "when x");
  CHECK(sources.Text(file.MakeSpan(3, 3)) == "");
  CHECK(sources.Text(Span{}) == "");
  CHECK(sources.Text(Span{7, 0, 6, 1, 1}) == "");    // no such file
  CHECK(sources.Text(Span{id, 0, 99, 1, 1}) == "");  // past the end
  CHECK(sources.Text(Span{id, 6, 2, 1, 7}) == "");   // reversed
}

TEST_CASE("SourceSet::Text of a streamed file reads its window", "[source_set]") {
  SourceSet sources;
  SourceFile& file = sources.AddStreamed("f.jsonl");
  file.SetWindow(100, 5, "{\"id\": \"a\"}\n");
  const Span span = file.MakeSpan(7, 10);
  CHECK(span.begin == 107);
  CHECK(sources.Text(span) == "\"a\"");
  CHECK(sources.Text(Span{file.id(), 20, 30, 2, 1}) == "");  // before the window
  file.SetWindow(112, 6, "{}\n");
  CHECK(sources.Text(span) == "");  // the window moved past it
}

}  // namespace
}  // namespace treaty::base

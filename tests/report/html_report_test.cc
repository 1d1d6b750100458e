// Unit tests of report::RenderHtml: the sections are there, values from policies and facts are
// escaped (a `<script>` in a fact id, a clause title and an agreement title never reaches the
// page as markup), the page is self-contained, and the timeline's year labels stay distinct up
// to the calendar's last day.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "report/html_report.h"

namespace treaty::report {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

CheckReport HostileReport(RunChanges& changes) {
  CheckReport r;
  r.as_of = "2026-11-29";
  r.label = "<b>weekly</b>";
  findings::Finding f;
  f.clause = "EVIL/1";
  f.agreement = "EVIL";
  f.title = "<script>alert('title')</script>";
  f.clause_text = "Text with <img src=x onerror=alert(1)> & \"quotes\"";
  f.rule = findings::RuleKind::kExclusive;
  f.facts = {"<script>alert('fact')</script>"};
  f.locations = {findings::Location{"facts/<x>.yaml", 4}};
  f.clause_location = findings::Location{"policies/evil.treaty", 2};
  f.message = "message </div><script>x()</script>";
  f.explanation = {"when <b>bold</b>"};
  f.conflicts_with = {"<i>OTHER</i>/2"};
  r.findings = {f};
  r.summary.errors = 1;
  r.agreements = {AgreementInfo{"EVIL", "<script>agreement()</script>", {"2025-01-01", ""}}};
  r.exclusives = {ExclusiveGrant{
      "EVIL/1", "EVIL", f.title, "deployment.cloud to <Azure>", {"2025-06-01", "2027-01-01"}}};
  r.waivers = {
      findings::WaiverRecord{"W-<1>", "EVIL/1", "2026-12-15", 0, "<approver>", "<reason>"}};
  r.fact_dates = {FactDates{f.facts[0], "2026-03-01", "2026-09-01"}};
  changes.run = 2;
  changes.base = 1;
  changes.added_count = 1;
  changes.added = {f};
  r.changes = &changes;
  return r;
}

TEST_CASE("the HTML report escapes every value from policies and facts", "[report][html]") {
  RunChanges changes;
  CheckReport r = HostileReport(changes);
  const std::string html = RenderHtml(r);
  const std::string lower = Lower(html);
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("<img") == std::string::npos);
  CHECK(lower.find("<b>") == std::string::npos);
  CHECK(lower.find("<i>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert('fact')&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;script&gt;alert('title')&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;script&gt;agreement()&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("deployment.cloud to &lt;Azure&gt;") != std::string::npos);
  CHECK(html.find("&amp; \"quotes\"") != std::string::npos);
  CHECK(html.find("W-&lt;1&gt;") != std::string::npos);
}

TEST_CASE("the HTML report has its sections and is self-contained", "[report][html]") {
  RunChanges changes;
  CheckReport r = HostileReport(changes);
  HtmlOptions options;
  options.run = 2;
  const std::string html = RenderHtml(r, options);
  for (const char* id :
       {"id=\"summary\"", "id=\"changes\"", "id=\"timeline\"", "id=\"findings\"", "id=\"waivers\"",
        "<svg", "as of 2026-11-29", "run 2", "expires in 16 days"}) {
    INFO(id);
    CHECK(html.find(id) != std::string::npos);
  }
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(Lower(html).find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // the SVG namespace only
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(HtmlEscape("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST_CASE("the timeline draws each agreement and grant and marks the cited facts",
          "[report][html]") {
  RunChanges changes;
  CheckReport r = HostileReport(changes);
  r.agreements.push_back(AgreementInfo{"OTHER", "Other", {"2024-01-01", "2030-01-01"}});
  const std::string html = RenderHtml(r);
  const size_t svg = html.find("<svg");
  const size_t end = html.find("</svg>");
  REQUIRE(svg != std::string::npos);
  const std::string timeline = html.substr(svg, end - svg);
  size_t circles = 0;
  for (size_t at = 0; (at = timeline.find("<circle", at)) != std::string::npos; ++at) ++circles;
  CHECK(circles == 1);
  CHECK(timeline.find(">EVIL<") != std::string::npos);
  CHECK(timeline.find(">OTHER<") != std::string::npos);
  CHECK(timeline.find(">EVIL/1<") != std::string::npos);
  CHECK(timeline.find("as of 2026-11-29") != std::string::npos);
  CHECK(timeline.find(">2024<") != std::string::npos);
}

// The year labels of the timeline, as (x, year) in the order drawn.
std::vector<std::pair<double, int>> YearLabels(const std::string& html) {
  static const std::regex kLabel(
      "<text x=\"([0-9.]+)\" y=\"[0-9]+\" text-anchor=\"middle\" fill=\"#6b7280\" "
      "font-size=\"11\">([0-9]+)</text>");
  std::vector<std::pair<double, int>> labels;
  for (std::sregex_iterator it(html.begin(), html.end(), kLabel), end; it != end; ++it) {
    labels.emplace_back(std::stod((*it)[1]), std::stoi((*it)[2]));
  }
  return labels;
}

TEST_CASE("a window until 9999-12-31 draws distinct, increasing year labels", "[report][html]") {
  CheckReport r;
  r.as_of = "2026-11-29";
  r.agreements = {AgreementInfo{"FOREVER", "Forever", {"2024-01-01", "9999-12-31"}}};
  const auto labels = YearLabels(RenderHtml(r));
  REQUIRE(labels.size() >= 2);
  CHECK(labels.size() <= 25);
  CHECK(labels.front().second == 2024);
  for (size_t i = 1; i < labels.size(); ++i) {
    INFO(labels[i].second);
    CHECK(labels[i].first > labels[i - 1].first);
    CHECK(labels[i].second > labels[i - 1].second);
  }
  CHECK(labels.back().second <= 9999);
}

}  // namespace
}  // namespace treaty::report

// A streamed check gives the findings of a whole one: the kPerFact findings of every batch of
// the facts (in load order) and the kAcrossFacts findings of the facts AcrossFactsScope keeps,
// sorted together, equal in every field the findings of one kAll evaluation of all the facts,
// and the diagnostics (T0604 once) equal too. Over the generated cases of the differential test
// and over the example portfolio and fixtures of the repository.

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <tuple>

#include "base/file_system.h"
#include "driver/frontend.h"
#include "eval/random_cases.h"
#include "facts/loader.h"

namespace treaty::evaltest {
namespace {

/// The evaluator's order (clause, bound facts' ids, status, message, explanation), then every
/// other field, so that findings equal in that order still sort the same way on both sides.
void SortFindings(std::vector<findings::Finding>& fs) {
  std::vector<std::pair<std::string, findings::Finding>> keyed;
  for (auto& f : fs) keyed.emplace_back(Dump(f), std::move(f));
  std::sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) {
    const findings::Finding& a = x.second;
    const findings::Finding& b = y.second;
    return std::tie(a.clause, a.facts, a.status, a.message, a.explanation, x.first) <
           std::tie(b.clause, b.facts, b.status, b.message, b.explanation, y.first);
  });
  fs.clear();
  for (auto& [key, f] : keyed) fs.push_back(std::move(f));
}

std::vector<std::string> Dumps(const std::vector<findings::Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(Dump(f));
  return out;
}

/// Every diagnostic reported, duplicates included (Sorted() would hide a repeated T0604).
std::vector<std::string> Diagnostics(const base::DiagnosticEngine& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.all()) {
    out.push_back(fmt::format("{} {} {}:{}:{} {}", d.code_name(), d.message, d.span.file,
                              d.span.begin, d.span.line, d.help));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Streamed {
  std::vector<findings::Finding> findings;
  std::vector<std::string> diagnostics;
  size_t kept = 0;  // facts kept for the kAcrossFacts pass
};

/// The facts of `all` in batches of `batch`, evaluated as a streamed check does.
Streamed EvaluateStreamed(const plan::Plan& plan, const facts::FactSet& all,
                          const base::SourceSet& sources, eval::EvalOptions options, size_t batch) {
  Streamed out;
  base::DiagnosticEngine diags;
  facts::FactSet kept;
  for (size_t begin = 0; begin < all.facts.size(); begin += batch) {
    facts::FactSet set;
    const size_t end = std::min(all.facts.size(), begin + batch);
    set.facts.assign(all.facts.begin() + static_cast<long>(begin),
                     all.facts.begin() + static_cast<long>(end));
    options.rules = eval::RuleSet::kPerFact;
    for (auto& f : eval::Evaluate(plan, set, sources, options, diags)) {
      out.findings.push_back(std::move(f));
    }
    const std::vector<uint8_t> keep = eval::AcrossFactsScope(plan, set, options);
    REQUIRE(keep.size() == set.facts.size());
    for (size_t i = 0; i < keep.size(); ++i) {
      if (keep[i]) kept.facts.push_back(std::move(set.facts[i]));
    }
  }
  out.kept = kept.facts.size();
  options.rules = eval::RuleSet::kAcrossFacts;
  for (auto& f : eval::Evaluate(plan, kept, sources, options, diags)) {
    out.findings.push_back(std::move(f));
  }
  SortFindings(out.findings);
  out.diagnostics = Diagnostics(diags);
  return out;
}

/// Evaluates with kAll, checks the result is in the evaluator's order, then checks every batch
/// size gives the same streamed. Returns the facts kept for the kAcrossFacts pass, per batch size.
std::vector<size_t> RequireSameStreamed(const plan::Plan& plan, const facts::FactSet& set,
                                        const base::SourceSet& sources,
                                        const eval::EvalOptions& options) {
  base::DiagnosticEngine diags;
  std::vector<findings::Finding> whole = eval::Evaluate(plan, set, sources, options, diags);
  REQUIRE(std::is_sorted(whole.begin(), whole.end(), [](const auto& a, const auto& b) {
    return std::tie(a.clause, a.facts, a.status, a.message, a.explanation) <
           std::tie(b.clause, b.facts, b.status, b.message, b.explanation);
  }));
  SortFindings(whole);
  const std::vector<std::string> expected = Dumps(whole);
  const std::vector<std::string> expected_diags = Diagnostics(diags);
  std::vector<size_t> kept;
  for (size_t batch : {1, 7, 64}) {
    INFO("batch " << batch);
    Streamed streamed = EvaluateStreamed(plan, set, sources, options, batch);
    REQUIRE(Dumps(streamed.findings) == expected);
    REQUIRE(streamed.diagnostics == expected_diags);
    kept.push_back(streamed.kept);
  }
  return kept;
}

TEST_CASE("streamed: batches per fact plus kept facts across facts equal one evaluation",
          "[eval][stream]") {
  constexpr uint64_t kBase = 20260601;  // the differential test's cases
  constexpr int kCases = 600;
  int with_findings = 0, with_expired = 0;
  size_t facts_total = 0, kept_total = 0;
  for (int i = 0; i < kCases; ++i) {
    uint64_t seed = kBase + static_cast<uint64_t>(i);
    Generator g(seed);
    check::Portfolio p = g.Portfolio();
    std::vector<facts::Fact> facts = g.Facts(p);
    g.Waivers(p, facts);
    eval::EvalOptions options;
    options.as_of = g.RandomDate();
    options.show_defeated = g.Chance(50);
    options.use_index = i % 4 != 0;  // the reference evaluation too
    options.threads = 1;

    plan::Plan plan = plan::Compile(p);
    facts::FactSet set;
    set.facts = std::move(facts);
    base::SourceSet sources;
    INFO("seed " << seed << " (case " << i << ")");
    base::DiagnosticEngine diags;
    if (!eval::Evaluate(plan, set, sources, options, diags).empty()) ++with_findings;
    if (!diags.all().empty()) ++with_expired;
    const std::vector<size_t> kept = RequireSameStreamed(plan, set, sources, options);
    REQUIRE(std::adjacent_find(kept.begin(), kept.end(), std::not_equal_to<>()) == kept.end());
    facts_total += set.facts.size();
    kept_total += kept[0];
  }
  // Interesting cases: findings, expired waivers, and facts a streamed check can drop.
  CHECK(with_findings > kCases / 3);
  CHECK(with_expired > 0);
  CHECK(kept_total < facts_total);
}

TEST_CASE("streamed: the example portfolio and fixtures", "[eval][stream]") {
  const std::string root = TREATY_SOURCE_DIR;
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  driver::Frontend frontend = driver::CompilePortfolio({root + "/policies"}, fs, sources, diags);
  REQUIRE_FALSE(diags.has_errors());
  facts::FactSet set =
      facts::LoadFacts({root + "/fixtures"}, frontend.portfolio, fs, sources, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(set.facts.size() > 10);
  plan::Plan plan = plan::Compile(frontend.portfolio);
  for (const char* as_of : {"2026-11-29", "2025-06-01", "2028-01-01"}) {
    for (bool show_defeated : {false, true}) {
      INFO("as of " << as_of << (show_defeated ? ", defeated shown" : ""));
      eval::EvalOptions options;
      options.as_of = D(as_of);
      options.show_defeated = show_defeated;
      RequireSameStreamed(plan, set, sources, options);
    }
  }
}

}  // namespace
}  // namespace treaty::evaltest

#include "run/test_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>
#include <variant>

#include "base/text.h"
#include "check/model.h"
#include "run/pipeline.h"

namespace treaty::run {

namespace {

using findings::Finding;
using findings::Status;
using Form = check::Expectation::Form;

findings::Location LocationOf(const base::SourceSet& sources, const base::Span& span) {
  return {std::string(sources.PathOf(span)), span.line};
}

/// A test's inline `given KIND { … }` as a fact: slots by the kind's fields (values were
/// converted and type-checked by the checker), the active span as the loader computes it.
facts::Fact ToFact(const check::Portfolio& portfolio, const check::GivenFact& g,
                   std::vector<base::Diagnostic>& errors) {
  const check::Kind& kind = portfolio.kinds[g.kind];
  facts::Fact f;
  f.kind = g.kind;
  f.id = g.id;
  f.span = g.span;
  f.slots.assign(kind.fields.size(), value::Value{});
  const check::GivenField* until_field = nullptr;
  const check::GivenField* from_field = nullptr;
  for (const auto& field : g.fields) {
    if (field.slot >= f.slots.size()) continue;
    f.slots[field.slot] = field.value;
    if (field.slot == kind.active_from) from_field = &field;
    if (field.slot == kind.active_until) until_field = &field;
  }
  if (kind.active_from == check::kNoId || kind.active_from >= f.slots.size()) return f;
  const value::Value& from = f.slots[kind.active_from];
  if (!from.is<value::Date>()) return f;
  f.start = from.as<value::Date>();
  if (kind.instant) {
    f.end = value::Date{f.start->days + 1};
  } else if (kind.active_until != check::kNoId && kind.active_until < f.slots.size()) {
    const value::Value& until = f.slots[kind.active_until];
    if (until.is<value::Date>()) {
      f.end = until.as<value::Date>();
      if (*f.end < *f.start && until_field != nullptr && from_field != nullptr) {
        errors.push_back(
            base::MakeDiagnostic(base::DiagCode::T0514, until_field->span, until_field->name,
                                 value::FormatDate(*f.end), from_field->name,
                                 value::FormatDate(*f.start))
                .WithLabel("before the start")
                .WithNote(from_field->span, fmt::format("`{}` is here", from_field->name)));
      }
    }
  }
  return f;
}

/// "`A/1` on `x`, `y` (open): message" — one finding as a test failure shows it.
std::string Describe(const Finding& f) {
  std::string out = fmt::format("`{}`", f.clause);
  if (!f.facts.empty()) {
    std::vector<std::string> ids;
    for (const auto& id : f.facts) ids.push_back(fmt::format("`{}`", id));
    out += fmt::format(" on {}", fmt::join(ids, ", "));
  }
  switch (f.status) {
    case Status::kOpen:
      out += fmt::format(" (open, {})", base::SeverityName(f.severity));
      break;
    case Status::kWaived:
      out += fmt::format(" (waived by `{}`)", f.waived_by);
      break;
    case Status::kPending:
      out += " (pending)";
      break;
    case Status::kDefeated:
      out += fmt::format(" (defeated by `{}`)", f.defeated_by);
      break;
  }
  if (!f.message.empty()) out += ": " + f.message;
  return out;
}

std::string IdList(const std::vector<std::string>& ids) {
  std::vector<std::string> quoted;
  for (const auto& id : ids) quoted.push_back(fmt::format("`{}`", id));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

bool SameFacts(const Finding& f, const std::vector<std::string>& on) {
  if (on.empty()) return true;
  std::vector<std::string> a = f.facts;
  std::vector<std::string> b = on;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

/// Judges one expectation against the findings of the test's run (defeated ones included).
void Judge(const check::Portfolio& portfolio, const check::Expectation& x, value::Date as_of,
           const std::vector<Finding>& found, report::ExpectationResult& out) {
  const std::string clause = x.clause == check::kNoId ? "" : portfolio.clauses[x.clause].qualified;
  const std::string on = x.on.empty() ? "" : " on " + IdList(x.on);
  auto of_clause = [&](auto pred) {
    std::vector<std::string> lines;
    for (const auto& f : found) {
      if ((clause.empty() || f.clause == clause) && pred(f)) lines.push_back(Describe(f));
    }
    return lines;
  };
  auto any = [](const Finding&) { return true; };
  auto open = [](const Finding& f) { return f.status == Status::kOpen; };
  auto exists = [&](Status status) {
    return std::any_of(found.begin(), found.end(), [&](const Finding& f) {
      return f.clause == clause && f.status == status && SameFacts(f, x.on);
    });
  };
  auto everything_of_clause = [&] {
    std::vector<std::string> lines = of_clause(any);
    if (lines.empty()) lines.push_back(fmt::format("no finding of `{}`", clause));
    return lines;
  };
  switch (x.form) {
    case Form::kViolation:
      out.expected = fmt::format("an open finding of `{}`{}", clause, on);
      out.passed = exists(Status::kOpen);
      if (!out.passed) out.found = everything_of_clause();
      break;
    case Form::kNoViolation:
      out.expected =
          clause.empty() ? "no open finding" : fmt::format("no open finding of `{}`", clause);
      out.found = of_clause(open);
      out.passed = out.found.empty();
      break;
    case Form::kWaived:
      out.expected = fmt::format("a waived finding of `{}`{}", clause, on);
      out.passed = exists(Status::kWaived);
      if (!out.passed) {
        out.found = everything_of_clause();
        std::vector<std::string> ids = x.on;
        std::sort(ids.begin(), ids.end());
        for (const auto& w : portfolio.waivers) {
          if (w.clause == x.clause && w.facts == ids && w.until && *w.until < as_of) {
            out.found.push_back(fmt::format("waiver `{}` names it but expired on {}", w.id,
                                            value::FormatDate(*w.until)));
          }
        }
      }
      break;
    case Form::kPending:
      out.expected = fmt::format("a pending finding of `{}` (an obligation not yet due)", clause);
      out.passed = exists(Status::kPending);
      if (!out.passed) out.found = everything_of_clause();
      break;
    case Form::kFindings: {
      std::vector<std::string> counted;
      for (const auto& f : found) {
        if (f.status != Status::kDefeated) counted.push_back(Describe(f));
      }
      out.expected =
          fmt::format("{} finding{} (open, waived or pending)", x.count, x.count == 1 ? "" : "s");
      out.passed = static_cast<int64_t>(counted.size()) == x.count;
      if (!out.passed) {
        out.found.push_back(counted.empty() ? std::string("no findings")
                                            : fmt::format("{} finding{}", counted.size(),
                                                          counted.size() == 1 ? "" : "s"));
        out.found.insert(out.found.end(), counted.begin(), counted.end());
      }
      break;
    }
  }
}

std::string JoinPath(const std::string& base_dir, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute() || base_dir.empty() || base_dir == ".") return p.lexically_normal().string();
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

/// A `given file`, loaded once per run.
struct LoadedFile {
  facts::FactSet facts;
  std::vector<base::Diagnostic> errors;
};

/// Loads a `given file`; its diagnostics go to `diags`, an unreadable file's pointing at the
/// `given file` that names it.
LoadedFile LoadGivenFile(const std::string& path, const check::GivenFile& given,
                         const FactFileLoader& load, base::DiagnosticEngine& diags) {
  base::DiagnosticEngine file_diags;
  LoadedFile loaded;
  loaded.facts = load({path}, file_diags);
  for (auto d : file_diags.all()) {
    if (!d.span.valid()) {
      d.span = given.span;
      d.label = "given here";
    }
    if (d.severity == base::Severity::kError) loaded.errors.push_back(d);
    diags.Add(d);
  }
  return loaded;
}

}  // namespace

TestRun RunTests(const TestRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                 base::DiagnosticEngine& diags) {
  TestRun run;
  run.report.sources = &sources;
  const check::Portfolio* portfolio = nullptr;
  size_t next = 0;  // the next test of portfolio->tests
  std::map<std::string, LoadedFile> files;
  std::chrono::steady_clock::time_point started;
  report::TestResult result;  // of the test being run
  value::Date as_of;

  PipelineOptions options;
  options.policy_roots = request.policy_roots;
  options.facts = PipelineOptions::Facts::kNone;
  PipelineSinks sinks;
  sinks.compiled = [&portfolio](const check::Portfolio& p) { portfolio = &p; };
  // A test's facts: its inline `given` facts and the facts of its `given file`s.
  sinks.next_case = [&](const FactFileLoader& load) -> std::optional<FactCase> {
    if (next == portfolio->tests.size()) return std::nullopt;
    const check::Test& test = portfolio->tests[next++];
    started = std::chrono::steady_clock::now();
    result = report::TestResult{};
    result.name = test.name;
    result.location = LocationOf(sources, test.span);
    as_of = test.as_of.value_or(request.today);
    result.as_of = value::FormatDate(as_of);

    FactCase c;
    std::map<std::pair<check::KindId, std::string>, base::Span> seen;
    auto add = [&](facts::Fact f) {
      auto [it, inserted] = seen.emplace(std::make_pair(f.kind, f.id), f.span);
      if (!inserted) {
        result.errors.push_back(
            base::MakeDiagnostic(base::DiagCode::T0507, f.span, f.id, portfolio->kinds[f.kind].name)
                .WithLabel(fmt::format("given again in test `{}`", test.name))
                .WithNote(it->second, "the first fact with this id is here")
                .WithHelp("a test's facts need distinct ids within each kind"));
        return;
      }
      c.facts.facts.push_back(std::move(f));
    };
    for (const auto& g : test.given) {
      if (const auto* fact = std::get_if<check::GivenFact>(&g)) {
        add(ToFact(*portfolio, *fact, result.errors));
        continue;
      }
      const auto& given = std::get<check::GivenFile>(g);
      const std::string path = JoinPath(request.base_dir, given.path);
      auto it = files.find(path);
      if (it == files.end()) {
        it = files.emplace(path, LoadGivenFile(path, given, load, diags)).first;
      }
      for (const auto& d : it->second.errors) result.errors.push_back(d);
      for (const auto& f : it->second.facts.facts) add(f);
    }
    for (const auto& d : result.errors) {
      if (d.code == base::DiagCode::T0507 || d.code == base::DiagCode::T0514) diags.Add(d);
    }
    result.facts = c.facts.facts.size();
    c.eval.as_of = as_of;
    c.eval.show_defeated = true;  // so that a failure can say "defeated by …"
    c.eval.threads = 1;
    return c;  // T0604 at the test's as-of date is not reported: see the header
  };
  // Judges the test's expectations against its findings.
  sinks.findings = [&](std::vector<Finding>&& found, const facts::FactSet&) {
    const check::Test& test = portfolio->tests[next - 1];
    result.findings = std::move(found);
    for (const check::Expectation& x : test.expectations) {
      report::ExpectationResult e;
      e.source = base::CollapseWhitespace(sources.Text(x.span));
      e.location = LocationOf(sources, x.span);
      Judge(*portfolio, x, as_of, result.findings, e);
      result.expectations.push_back(std::move(e));
    }
    result.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (result.passed()) {
      ++run.report.passed;
    } else {
      ++run.report.failed;
    }
    run.report.tests.push_back(std::move(result));
  };
  PipelineRun done = RunPipeline(options, sinks, fs, sources, diags);
  run.frontend = std::move(done.frontend);
  run.compiled = done.compiled;
  return run;
}

}  // namespace treaty::run

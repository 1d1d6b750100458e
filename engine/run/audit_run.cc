#include "run/audit_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

#include "value/render.h"

namespace treaty::run {

namespace {

report::DateWindow WindowOf(const check::Window& w) {
  return report::DateWindow{value::FormatDate(w.from),
                            w.until ? value::FormatDate(*w.until) : std::string()};
}

// The granted value as the report shows it: members by name, text in quotes.
std::string GrantedValue(const check::Portfolio& p, const value::Value& v) {
  return value::Render(
      v,
      [&p](const value::Member& m) {
        if (m.taxonomy < p.taxonomies.size() &&
            m.member < p.taxonomies[m.taxonomy].members.size()) {
          return p.taxonomies[m.taxonomy].members[m.member].name;
        }
        return std::string("…");
      },
      value::TextStyle::kQuoted);
}

}  // namespace

void AuditCollector::Add(const std::vector<findings::Finding>& batch, const facts::FactSet& facts) {
  std::map<std::string_view, const facts::Fact*> by_id;
  for (const auto& fact : facts.facts) by_id.emplace(fact.id, &fact);
  for (const auto& f : batch) {
    if (!f.waived_by.empty()) ++waived_[f.waived_by];
    for (const auto& id : f.facts) {
      auto it = by_id.find(id);
      if (it == by_id.end() || cited_.count(id)) continue;
      const facts::Fact& fact = *it->second;
      cited_[id] = report::FactDates{id, fact.start ? value::FormatDate(*fact.start) : "",
                                     fact.end ? value::FormatDate(*fact.end) : ""};
    }
  }
  if (keep_findings_) findings_.insert(findings_.end(), batch.begin(), batch.end());
}

std::vector<findings::Finding> AuditCollector::TakeFindings() {
  std::sort(findings_.begin(), findings_.end(), findings::FindingLess);
  return std::move(findings_);
}

void AuditCollector::Describe(const check::Portfolio& p, report::CheckReport& rep) {
  for (const auto& a : p.agreements) {
    rep.agreements.push_back(report::AgreementInfo{a.id, a.title, WindowOf(a.window)});
  }
  for (const auto& c : p.clauses) {
    for (const auto& rule : c.rules) {
      if (rule.kind != check::RuleKind::kExclusive || rule.vars.empty()) continue;
      const check::Kind& kind = p.kinds[rule.vars[0].kind];
      std::string field = rule.exclusive_slot < kind.fields.size()
                              ? kind.fields[rule.exclusive_slot].name
                              : std::string("?");
      rep.exclusives.push_back(report::ExclusiveGrant{
          c.qualified, p.agreements[c.agreement].id, c.title,
          fmt::format("{}.{} to {}", kind.name, field, GrantedValue(p, rule.exclusive_to)),
          WindowOf(c.effective_window)});
    }
  }
  for (const auto& w : p.waivers) {
    auto waived = waived_.find(w.id);
    rep.waivers.push_back(findings::WaiverRecord{
        w.id, w.clause < p.clauses.size() ? p.clauses[w.clause].qualified : std::string(),
        w.until ? std::optional(value::FormatDate(*w.until)) : std::nullopt,
        waived == waived_.end() ? 0 : waived->second, w.approved_by, w.reason});
  }
  for (auto& [id, dates] : cited_) rep.fact_dates.push_back(std::move(dates));
  cited_.clear();
}

findings::RunRecord AuditRecord(const report::CheckReport& rep, std::string started_at,
                                std::string finished_at, int64_t duration_ms) {
  findings::RunRecord record;
  record.started_at = std::move(started_at);
  record.finished_at = std::move(finished_at);
  record.duration_ms = duration_ms;
  record.as_of = rep.as_of;
  record.label = rep.label;
  record.summary = rep.summary;
  std::copy_if(rep.waivers.begin(), rep.waivers.end(), std::back_inserter(record.waivers),
               [](const findings::WaiverRecord& w) { return w.findings > 0; });
  return record;
}

}  // namespace treaty::run

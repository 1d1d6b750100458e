#pragma once
/// Test support: the vocabulary of LANGUAGE.md §2 as policy text (its taxonomies, the
/// `deployment` and `deal` kinds and its definitions), for tests and benchmarks that compile
/// policies through the real front end.

namespace treaty::testing {

/// Taxonomies and kinds of LANGUAGE.md §2, and its definitions.
inline constexpr const char* kVocabulary = R"TREATY(
taxonomy cloud { Azure AWS Google Oracle }
taxonomy channel {
  Azure  { azure_openai azure_foundry }
  AWS    { bedrock sagemaker }
  Google { vertex }
  Oracle { oci }
}
taxonomy region {
  na   { us ca }
  emea { eu uk }
  apac { jp india au }
}
taxonomy segment {
  enterprise    { fortune_500 large_enterprise }
  public_sector { us_natsec civilian_gov }
  smb
  startup
}
taxonomy api { stateless product }

kind deployment "A planned or running model deployment" {
  provider:       text
  model:          text
  cloud:          cloud
  channel:        channel
  api:            api
  segment:        segment
  regions:        list of region
  start:          date
  end:            date optional
  price_per_mtok: number optional
  active from start until end
}

kind deal "A co-marketing or partnership deal" {
  type:     text
  partners: list of cloud
  segments: list of segment
  announce: date
  notices:  map of date optional
  active at announce
}

define frontier_models    = ["gpt-5", "gpt-5.1", "o4"]
define open_weight_models = ["gpt-oss-120b", "gpt-oss-20b"]
define competitors        = [AWS, Google, Oracle]
define frontier_api(d: deployment) =
  d.api == stateless and d.model in frontier_models and d.model not in open_weight_models
)TREATY";

}  // namespace treaty::testing

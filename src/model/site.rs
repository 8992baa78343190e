//! Site-wide settings from `content/site.yaml`.

use super::date::DateSpec;
use serde::{Deserialize, Serialize};

/// The settings of one site.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Site title, e.g. 县域医疗卫生项目信息公开.
    pub title: String,
    /// Who publishes the site.
    pub publisher: String,
    /// One-sentence description for the home page and metadata.
    #[serde(default)]
    pub description: Option<String>,
    /// URL the site is served from; a sub-path such as `/xxgk/ylws/` is allowed.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Language tag of the pages.
    #[serde(default = "default_language")]
    pub language: String,
    /// Date against which target status is computed: never the build clock.
    pub as_of: DateSpec,
    /// Theme folder under `themes/`; the built-in default when absent.
    #[serde(default = "default_theme")]
    pub theme: String,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_language() -> String {
    "zh-CN".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

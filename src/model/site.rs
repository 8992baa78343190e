//! Site-wide settings from `content/site.yaml`.

use super::date::DateSpec;
use serde::{Deserialize, Serialize};

/// The settings of one site.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// 政府网站标识码 (SiteIDCode) assigned to the portal, for the `<meta>` tags of
    /// 《政府网站发展指引》; left out of pages when not set.
    #[serde(default)]
    pub site_id_code: Option<String>,
    /// Domain for the `SiteDomain` meta tag; taken from `base_url` when absent.
    #[serde(default)]
    pub site_domain: Option<String>,
    /// Column (栏目) keywords for index pages.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Also publish a Traditional-Chinese rendering of every page under `zh-hant/`.
    #[serde(default)]
    pub traditional: bool,
    /// Theme folder under `themes/`; the built-in default when absent.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// `gongkai check` warns about a programme whose newest reported figure is older than
    /// this many days before the as-of date (365 when absent).
    #[serde(default)]
    pub stale_after_days: Option<u32>,
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

impl Site {
    /// The domain for `SiteDomain`: configured, else the host of an absolute `base_url`.
    pub fn domain(&self) -> Option<String> {
        if let Some(domain) = &self.site_domain {
            return Some(domain.clone());
        }
        let rest = self
            .base_url
            .strip_prefix("https://")
            .or_else(|| self.base_url.strip_prefix("http://"))?;
        rest.split('/')
            .next()
            .filter(|h| !h.is_empty())
            .map(str::to_string)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

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

/// Why `url` cannot be a site's `base_url`, or `Ok` when it can: a path starting with `/`
/// or an absolute `http://` or `https://` address, in printable ASCII without spaces, quotes
/// or angle brackets (it is written into robots.txt, the sitemap, the feed and every page).
pub fn check_base_url(url: &str) -> Result<(), String> {
    use crate::i18n::t;
    let bad = |why: String| {
        Err(t(
            format!("base_url“{}”不能用：{why}", url.escape_debug()),
            format!("base_url “{}” cannot be used: {why}", url.escape_debug()),
        ))
    };
    if let Some(c) = url
        .chars()
        .find(|c| !c.is_ascii_graphic() || "\"'<>\\`{}|^".contains(*c))
    {
        return bad(if c.is_ascii_graphic() || c.is_ascii() {
            t(
                format!("含有不允许的字符 {:?}", c),
                format!("it holds the character {c:?}, which is not allowed"),
            )
        } else {
            t(
                "含有非 ASCII 字符；中文路径请写成百分号编码（%E5%8D%AB…）",
                "it holds a non-ASCII character; percent-encode it (%E5%8D%AB…)",
            )
        });
    }
    let host_and_path = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host_and_path {
        Some(rest) => {
            let host = rest.split('/').next().unwrap_or("");
            let host_ok = !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                && !host.starts_with([':', '.', '-']);
            if !host_ok {
                return bad(t(
                    "网址中没有有效的域名".to_string(),
                    "it has no valid host name".to_string(),
                ));
            }
        }
        None if url.starts_with('/') && !url.starts_with("//") => {}
        None => {
            return bad(t(
                "应为以 / 开头的路径（如 /xxgk/ylws/），或以 http:// 或 https:// 开头的完整网址".to_string(),
                "write a path starting with / (such as /xxgk/ylws/) or a full address starting with http:// or https://".to_string(),
            ))
        }
    }
    if url.contains(['?', '#']) {
        return bad(t(
            "不能带 ? 或 # 部分".to_string(),
            "it cannot have a ? or # part".to_string(),
        ));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::check_base_url;

    #[test]
    fn base_urls_are_paths_or_web_addresses() {
        for good in [
            "/",
            "/xxgk/ylws/",
            "/a%20b/",
            "https://wjw.example.gov.cn/xxgk/",
            "http://localhost:8080/",
            "https://[::1]/",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "/x/\nDisallow: /",
            "/x/\r",
            "javascript:alert(1)//",
            "JavaScript:alert(1)",
            "//evil.example/",
            "https://",
            "https:///x",
            "ftp://x/",
            "/a b/",
            "/\"><script>",
            "/卫生/",
            "/x/?a=1",
            "xxgk/",
            "/x\u{0}/",
            "/x\u{85}/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?}");
        }
    }
}

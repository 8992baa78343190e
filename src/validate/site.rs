//! Checks on `site.yaml`: its address is one a browser, a crawler and a feed reader all
//! read as an address, and its names are short enough to sit on every page.

use crate::error::Diagnostic;
use crate::i18n::t;
use crate::model::site::check_base_url;
use crate::model::Site;
use crate::yaml::Locator;
use std::path::Path;

/// Longest site title or publisher, in characters: both are on every page.
pub const MAX_SITE_NAME_CHARS: usize = 200;

/// Longest site description, in characters.
pub const MAX_SITE_DESCRIPTION_CHARS: usize = 1000;

/// Every problem of `site`, read from `text` (the file `file`).
pub fn check(file: &Path, text: &str, site: &Site) -> Vec<Diagnostic> {
    let mut locator = Locator::new(text);
    let mut problems = Vec::new();
    if let Err(message) = check_base_url(&site.base_url) {
        problems.push(
            super::located_in(&mut locator, file, "base_url", message).with_hint(t(
                "例如 base_url: /xxgk/ylws/ 或 base_url: https://wjw.example.gov.cn/xxgk/",
                "e.g. base_url: /xxgk/ylws/ or base_url: https://wjw.example.gov.cn/xxgk/",
            )),
        );
    }
    let texts = [
        ("title", Some(&site.title), MAX_SITE_NAME_CHARS),
        ("publisher", Some(&site.publisher), MAX_SITE_NAME_CHARS),
        (
            "description",
            site.description.as_ref(),
            MAX_SITE_DESCRIPTION_CHARS,
        ),
    ];
    for (field, text, limit) in texts {
        if text.is_some_and(|text| text.chars().count() > limit) {
            problems.push(super::located_in(
                &mut locator,
                file,
                field,
                t(
                    format!("超过 {limit} 个字符；它会出现在每一个页面上"),
                    format!("is longer than {limit} characters; it appears on every page"),
                ),
            ));
        }
    }
    problems
}

/// The problem with a `base_url` given on the command line (`--base-url`), if any.
pub fn check_command_line(site: &Site) -> Option<Diagnostic> {
    let message = check_base_url(&site.base_url).err()?;
    Some(Diagnostic::file("--base-url", message).with_hint(t(
        "例如 --base-url /xxgk/ylws/ 或 --base-url https://wjw.example.gov.cn/xxgk/",
        "e.g. --base-url /xxgk/ylws/ or --base-url https://wjw.example.gov.cn/xxgk/",
    )))
}

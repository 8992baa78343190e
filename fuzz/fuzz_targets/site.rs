//! `site.yaml` on arbitrary bytes: parsed as the loader does and published with the example
//! programme and catalogue (title, base URL, theme, language, mirror … reach every page,
//! feed, sitemap and `robots.txt`); any panic is a bug.
#![no_main]

#[path = "../common.rs"]
mod common;

use gongkai::model::{Content, Indicator, Site};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(site) = gongkai::yaml::parse::<Site>(Path::new("content/site.yaml"), text) else {
        return;
    };
    let own: Vec<Indicator> =
        gongkai::yaml::parse(Path::new("content/indicators.yaml"), common::INDICATORS)
            .expect("example indicators");
    common::publish(Content {
        site,
        catalogue: common::catalogue(own),
        programmes: vec![common::example_programme()],
    });
});

//! The programme loader and validator on arbitrary YAML: parse, validate, compute and
//! render one programme; any panic is a bug.
#![no_main]

use gongkai::model::{Catalogue, Content, Indicator, MarkdownPage, Programme, ProgrammeSource, Site};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("content/programmes/fuzz/programme.yaml");
    let Ok(mut programme) = gongkai::yaml::parse::<Programme>(path, text) else { return };
    programme.slug = "fuzz".into();
    let mut catalogue = Catalogue::default();
    let builtin: Vec<Indicator> = serde_yaml::from_str(gongkai::load::BUILTIN_INDICATORS).expect("built-in catalogue");
    builtin.into_iter().for_each(|i| catalogue.upsert(i));
    let site: Site = serde_yaml::from_str("title: t\npublisher: p\nas_of: 2026-11-01\n").expect("site");
    let content = Content {
        site,
        catalogue,
        programmes: vec![ProgrammeSource {
            programme,
            yaml_path: PathBuf::from(path),
            yaml_text: text.to_string(),
            yaml_hash: 0,
            pages: vec![MarkdownPage { stem: "index".into(), path: PathBuf::from("index.md"), text: text.to_string() }],
        }],
    };
    let Ok(content) = gongkai::validate::validate(content) else { return };
    let site = gongkai::compute::compute(content, None);
    let _ = gongkai::render::render_site(&site, Path::new("/nonexistent-site-root"), &gongkai::build::Silent);
});

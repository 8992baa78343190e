//! A site's `indicators.yaml` on arbitrary bytes: parsed as the loader does, put over the
//! built-in catalogue and published with the example programme (whose targets it may
//! redefine); any panic is a bug.
#![no_main]

#[path = "../common.rs"]
mod common;

use gongkai::model::{Content, Indicator};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(own) =
        gongkai::yaml::parse::<Vec<Indicator>>(Path::new("content/indicators.yaml"), text)
    else {
        return;
    };
    common::publish(Content {
        site: common::site(),
        catalogue: common::catalogue(own),
        programmes: vec![common::example_programme()],
    });
});

//! `gongkai import` on arbitrary bytes (any encoding, HTML or text): no panic, and the draft
//! it makes is what it promises — `programme.yaml` text the loader reads back.
#![no_main]

use gongkai::import::{import_notice, ImportOptions};
use gongkai::model::Programme;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions {
        source_file: Some("notice.txt".into()),
        revision_date: None,
    };
    let Ok(draft) = import_notice(data, &options) else {
        return;
    };
    let path = Path::new("content/programmes/draft/programme.yaml");
    if let Err(problem) = gongkai::yaml::parse::<Programme>(path, &draft.yaml) {
        panic!("the draft does not load: {problem}\n---\n{}", draft.yaml);
    }
});

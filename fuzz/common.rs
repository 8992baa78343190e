//! What the site and indicator targets share: the rest of a site (the `gongkai init` example
//! programme, its commentary, the built-in catalogue) to publish the fuzzed file with.
#![allow(dead_code)]

use gongkai::model::{
    Catalogue, Content, Indicator, MarkdownPage, Programme, ProgrammeSource, Site,
};
use std::path::{Path, PathBuf};

/// The example programme `gongkai init` writes (it uses a built-in and a site indicator).
pub const PROGRAMME: &str = include_str!("../src/scaffold/example-programme.yaml");
/// Its commentary.
pub const COMMENTARY: &str = include_str!("../src/scaffold/index.md");
/// The indicators `gongkai init` writes.
pub const INDICATORS: &str = include_str!("../src/scaffold/indicators.yaml");
/// The site settings `gongkai init` writes.
pub const SITE: &str = include_str!("../src/scaffold/site.yaml");

/// The built-in catalogue with `own` (a site's `indicators.yaml`) over it, as the loader
/// makes it.
pub fn catalogue(own: Vec<Indicator>) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let builtin: Vec<Indicator> = gongkai::yaml::parse(
        Path::new("<built-in indicators>"),
        gongkai::load::BUILTIN_INDICATORS,
    )
    .expect("built-in catalogue");
    builtin
        .into_iter()
        .chain(own)
        .for_each(|i| catalogue.upsert(i));
    catalogue
}

/// The example programme as the loader reads it.
pub fn example_programme() -> ProgrammeSource {
    let path = Path::new("content/programmes/example-programme/programme.yaml");
    let mut programme: Programme =
        gongkai::yaml::parse(path, PROGRAMME).expect("example programme");
    programme.slug = "example-programme".into();
    ProgrammeSource {
        programme,
        yaml_path: PathBuf::from(path),
        yaml_text: PROGRAMME.to_string(),
        yaml_hash: 0,
        pages: vec![MarkdownPage {
            stem: "index".into(),
            path: PathBuf::from("content/programmes/example-programme/index.md"),
            text: COMMENTARY.to_string(),
        }],
    }
}

/// The default site settings.
pub fn site() -> Site {
    gongkai::yaml::parse(Path::new("content/site.yaml"), SITE).expect("site settings")
}

/// validate → compute → render, as `build` does (without writing); an error is fine, a
/// panic is a bug.
pub fn publish(content: Content) {
    let Ok(content) = gongkai::validate::validate(content) else {
        return;
    };
    let site = gongkai::compute::compute(content, None);
    let _ = gongkai::render::render_site(
        &site,
        Path::new("/nonexistent-site-root"),
        &gongkai::build::Silent,
    );
}

//! The domain model every stage shares: site, indicators, programmes, dates.
//!
//! Plain data only: loading fills it, validation checks it, computation reads it.

pub mod date;
pub mod indicator;
pub mod programme;
pub mod site;

pub use date::{DateSpec, Day};
pub use indicator::{Catalogue, Direction, Indicator, IndicatorKind, Level};
pub use programme::*;
pub use site::Site;

/// Everything loaded from a content directory, before validation.
#[derive(Debug, Clone)]
pub struct Content {
    /// Site settings.
    pub site: Site,
    /// Indicator catalogue (built-ins plus the site's file).
    pub catalogue: Catalogue,
    /// Programmes sorted by slug.
    pub programmes: Vec<ProgrammeSource>,
}

/// A programme with the text it came from, so later stages can point at lines.
#[derive(Debug, Clone)]
pub struct ProgrammeSource {
    /// The parsed programme.
    pub programme: Programme,
    /// Path of `programme.yaml`, relative to the content directory's parent for messages.
    pub yaml_path: std::path::PathBuf,
    /// The YAML text (dropped by a build once the site is validated).
    pub yaml_text: String,
    /// A hash of the YAML text, kept when the text is dropped: with the Markdown, it is
    /// what a programme's rendered files are keyed by (hashing the text costs far less than
    /// hashing the parsed programme).
    pub yaml_hash: u64,
    /// Markdown pages: `index.md` first, then sub-pages by file name.
    pub pages: Vec<MarkdownPage>,
}

/// One Markdown file of a programme.
#[derive(Debug, Clone)]
pub struct MarkdownPage {
    /// File stem: `index` for the commentary, otherwise the sub-page slug.
    pub stem: String,
    /// Path for messages.
    pub path: std::path::PathBuf,
    /// The Markdown text.
    pub text: String,
}

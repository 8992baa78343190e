//! gongkai (公开): a static site generator for public-health programme disclosure sites.
//!
//! Data flows one way, a module per stage:
//!
//! 1. [`load`] reads `content/` (site settings, indicator catalogue, programme folders);
//! 2. [`validate`] checks every programme against the catalogue and reports all problems
//!    with file, line and field;
//! 3. [`compute`] derives target status against the site's as-of date;
//! 4. [`render`] turns the computed site into pages, charts and assets in memory;
//! 5. [`write`] publishes them atomically to the output directory.
//!
//! The [`model`] types are shared by every stage; [`build`] runs the whole pipeline.

// Diagnostics are plain values carried only on the error path of content loading, where
// their size does not matter; boxing them would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cmd;
pub mod compute;
pub mod error;
pub mod gbt2260;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod unchanged;
pub mod validate;
pub mod write;
pub mod yaml;
pub mod zh;

pub use build::{build_site, build_site_with, BuildOptions, BuildSummary, Progress};
pub use error::{Diagnostic, Error};

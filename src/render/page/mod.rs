//! One module per page kind; each turns computed data into a template context.
//!
//! Contexts hold ready-to-print strings so templates stay free of logic, and every string
//! from authors is escaped by Tera; only HTML produced here (sanitised Markdown, chart SVG)
//! is marked safe in templates.

pub mod common;
pub mod data;
pub mod directory;
pub mod embed;
pub mod feeds;
pub mod home;
pub mod indicators;
pub mod programme;
pub mod regions;
pub mod search;
pub mod subpage;
pub mod years;

/// A rendered file: path under the output directory and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path with '/' separators, e.g. `programmes/x/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A text file.
    pub fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile {
            path: path.into(),
            bytes: text.into_bytes(),
        }
    }
}

//! Stage 2, validate: check loaded content against the catalogue and common sense.
//!
//! Every problem in every programme is collected, each with the file, line and field, so
//! one run shows an editor everything to fix.

mod indicators;
mod markdown;
mod programme;
mod site;
mod value;

pub use indicators::{check as check_indicators, is_safe_indicator_id};
pub use markdown::{MAX_MARKDOWN_BYTES, MAX_MARKDOWN_NESTING};
pub use programme::MAX_NAME_CHARS;
pub use site::{check as check_site, check_command_line};

use crate::error::{Diagnostic, Error, Result};
use crate::load;
use crate::model::{Catalogue, Content, ProgrammeSource};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// load → validate with every problem of every file in one list: a file with structural
/// problems (an unknown field, a bad date) is still checked on the rest, leaving out what
/// would only be said about the stand-ins for its refused parts.
pub fn load_checked(content_dir: &Path, cache: Option<&load::ParseCache>) -> Result<Content> {
    let loaded = load::load_lenient(content_dir, cache);
    let problems = checked(&loaded);
    match loaded.content {
        Some(content) if problems.is_empty() => Ok(content),
        _ => Err(Error::Invalid(problems)),
    }
}

/// Every problem of loaded content, loading's and validation's, by file and line.
pub fn checked(loaded: &load::Loaded) -> Vec<Diagnostic> {
    let mut problems = loaded.problems.clone();
    if let Some(content) = &loaded.content {
        problems.extend(problems_of(content).into_iter().filter(|d| {
            !d.field
                .as_deref()
                .is_some_and(|f| loaded.is_repaired(&d.file, f))
        }));
    }
    problems.sort_by(|a, b| (&a.file, a.line.unwrap_or(0)).cmp(&(&b.file, b.line.unwrap_or(0))));
    problems
}

/// Checks the whole content; returns it unchanged when valid.
pub fn validate(content: Content) -> Result<Content> {
    let problems = problems_of(&content);
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Every validation problem of the content, in programme order.
fn problems_of(content: &Content) -> Vec<Diagnostic> {
    // Programmes are checked in parallel, their problems gathered in programme order so
    // messages come out in the same order every run.
    let checked: Vec<Vec<Diagnostic>> = content
        .programmes
        .par_iter()
        .map(|source| {
            let mut own = Vec::new();
            programme::check(source, &content.catalogue, &mut own);
            own
        })
        .collect();
    let mut problems = Vec::new();
    // site.yaml's own base_url was checked when it was read: a bad one here came from
    // the command line.
    problems.extend(site::check_command_line(&content.site));
    let mut slugs: BTreeMap<&str, &std::path::Path> = BTreeMap::new();
    for (source, own) in content.programmes.iter().zip(checked) {
        problems.extend(own);
        let slug = source.programme.slug.as_str();
        if let Some(first) = slugs.insert(slug, &source.yaml_path) {
            problems.push(
                located(
                    source,
                    "slug",
                    crate::i18n::t(
                        format!(
                            "两个项目使用了同一网址名“{slug}”：{} 和本文件",
                            first.display()
                        ),
                        format!(
                            "two programmes use the slug “{slug}”: {} and this one",
                            first.display()
                        ),
                    ),
                )
                .with_hint(crate::i18n::t(
                    "每个项目需要不同的网址名（文件夹名或 slug:）",
                    "every programme needs its own slug (folder name or `slug:`)",
                )),
            );
        }
    }
    problems
}

/// Checks one programme on its own, as [`validate`] checks each; what `serve` runs after an
/// edit to one programme whose slug did not change (so no other programme's check can
/// change either).
pub fn validate_programme(source: &ProgrammeSource, catalogue: &Catalogue) -> Result<()> {
    let mut problems = Vec::new();
    programme::check(source, catalogue, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// A diagnostic for `field` of a programme, with the line found in its YAML text.
pub(crate) fn located(
    source: &crate::model::ProgrammeSource,
    field: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let mut locator = crate::yaml::Locator::new(&source.yaml_text);
    located_in(&mut locator, &source.yaml_path, field, message)
}

/// [`located`] with a [`crate::yaml::Locator`] kept for the whole file, so that reporting
/// many problems in one file does not read the file once per problem.
pub(crate) fn located_in(
    locator: &mut crate::yaml::Locator<'_>,
    file: &std::path::Path,
    field: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let mut d = Diagnostic::file(file, message).with_field(field);
    if let Some((line, column)) = locator.locate(field) {
        d = d.at(line, column);
        if let Some(text) = locator.line(line) {
            d = d.with_line_text(text);
        }
    }
    d
}

//! `gongkai init` and `gongkai new programme`: starting files that build at once.

use crate::error::{Error, Result};
use crate::i18n::t;
use std::path::Path;

const SITE: &str = include_str!("site.yaml");
const INDICATORS: &str = include_str!("indicators.yaml");
const PROGRAMME: &str = include_str!("programme.yaml");
const EXAMPLE_PROGRAMME: &str = include_str!("example-programme.yaml");
const EXAMPLE_COMMENTARY: &str = include_str!("index.md");
const NEW_COMMENTARY: &str = include_str!("new-programme.md");

/// Text the starting files hold for a person to replace (the example's 某县, the new
/// programme's （请填写文件标题）): `gongkai check` refuses a site that still has any.
pub const PLACEHOLDERS: &[&str] = &[
    "（请填写",
    "请填写",
    "某省",
    "某市",
    "某县",
    "某卫发",
    "示例：",
    "示例项目",
    "在此撰写",
    "在此用 Markdown 撰写",
];

/// Slug of the example programme `init` writes.
pub const EXAMPLE_SLUG: &str = "example-programme";

/// Creates a new site in `dir`: content (site settings, indicator catalogue, one example
/// programme), editor schemas and an empty theme override folder with a README saying how
/// overriding works (`gongkai theme eject`). Refuses a folder that has content.
pub fn init(dir: &Path) -> Result<Vec<String>> {
    let content = dir.join("content");
    if content.join("site.yaml").exists() {
        return Err(Error::Usage(t(
            format!(
                "{} 中已有网站（content/site.yaml），未写入任何文件",
                dir.display()
            ),
            format!(
                "{} already has a site (content/site.yaml); nothing was written",
                dir.display()
            ),
        )));
    }
    let mut written = write_schemas(&dir.join("schemas"))?;
    let top = crate::schema::modeline;
    let site = top("../schemas/site.schema.json") + SITE;
    write_new(&content.join("site.yaml"), &site, &mut written)?;
    let indicators = top("../schemas/indicators.schema.json") + INDICATORS;
    write_new(&content.join("indicators.yaml"), &indicators, &mut written)?;
    let example = content.join("programmes").join(EXAMPLE_SLUG);
    let programme = top(PROGRAMME_SCHEMA) + EXAMPLE_PROGRAMME;
    write_new(&example.join("programme.yaml"), &programme, &mut written)?;
    write_new(&example.join("index.md"), EXAMPLE_COMMENTARY, &mut written)?;
    // An empty override folder, not a copy of the theme: files not placed here come from
    // the built-in theme, so theme fixes in later releases reach the site.
    let readme = dir.join("themes/default/README.md");
    write_new(&readme, &crate::cmd::theme::readme(), &mut written)?;
    Ok(written)
}

/// Creates `content/programmes/<slug>/` with a commented `programme.yaml` and `index.md`.
pub fn new_programme(content: &Path, slug: &str) -> Result<Vec<String>> {
    if !crate::load::is_safe_slug(slug) {
        return Err(Error::Usage(t(
            format!("“{slug}”不能用作网址：只能使用小写字母 a–z、数字和 -"),
            format!("“{slug}” cannot be used as a web address: use lowercase letters a–z, digits and '-'"),
        )));
    }
    let folder = content.join("programmes").join(slug);
    if folder.exists() {
        return Err(Error::Usage(t(
            format!("{} 已存在，未写入任何文件", folder.display()),
            format!("{} already exists; nothing was written", folder.display()),
        )));
    }
    let mut written = Vec::new();
    let schemas = content.parent().unwrap_or(Path::new(".")).join("schemas");
    if !schemas.join("programme.schema.json").exists() {
        written.extend(write_schemas(&schemas)?);
    }
    let yaml = crate::schema::modeline(PROGRAMME_SCHEMA) + PROGRAMME;
    write_new(&folder.join("programme.yaml"), &yaml, &mut written)?;
    write_new(&folder.join("index.md"), NEW_COMMENTARY, &mut written)?;
    Ok(written)
}

/// Where a programme.yaml finds its schema, relative to itself.
const PROGRAMME_SCHEMA: &str = "../../../schemas/programme.schema.json";

/// Writes (or refreshes) the JSON Schemas into `dir`; they are derived, so overwriting is safe.
pub fn write_schemas(dir: &Path) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (name, schema) in crate::schema::schemas() {
        let path = dir.join(name);
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

fn write_new(path: &Path, text: &str, written: &mut Vec<String>) -> Result<()> {
    if path.exists() {
        return Err(Error::Usage(t(
            format!("{} 已存在，未覆盖", path.display()),
            format!("{} already exists; nothing was overwritten", path.display()),
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    written.push(path.display().to_string());
    Ok(())
}

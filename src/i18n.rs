//! The language of messages: Chinese by default (the people who keep the data read it
//! first), English with `--lang en`. Set once at start-up by the command line.

use std::sync::OnceLock;

/// A message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Chooses the language for this process; later calls are ignored.
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The chosen language; Chinese unless set otherwise.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Zh)
}

/// Picks the Chinese or the English text of a message.
pub fn t(zh: impl Into<String>, en: impl Into<String>) -> String {
    match lang() {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

/// The language from `--lang`, else the locale (`LC_ALL`, `LANG`): English only when the
/// locale asks for it explicitly, Chinese otherwise.
pub fn from_setting(flag: Option<&str>) -> Lang {
    let locale = std::env::var("LC_ALL")
        .or_else(|_| std::env::var("LANG"))
        .unwrap_or_default();
    let choice = flag
        .map(str::to_string)
        .unwrap_or(locale)
        .to_ascii_lowercase();
    if choice.starts_with("en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

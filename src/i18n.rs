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

/// The language for this run, chosen before the command line is parsed so that even
/// `--help` and a mistyped option speak it: `--lang X` or `--lang=X` among `args` (the last
/// one wins), else the environment (see [`choose`]).
pub fn from_args<I, S>(args: I) -> Lang
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut flag = None;
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.as_ref().to_string_lossy().into_owned();
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            flag = args
                .next()
                .map(|v| v.as_ref().to_string_lossy().into_owned());
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            flag = Some(value.to_string());
        }
    }
    from_setting(flag.as_deref())
}

/// The language from `--lang`, else from the process environment (see [`choose`]).
pub fn from_setting(flag: Option<&str>) -> Lang {
    choose(flag, |name| std::env::var(name).ok())
}

/// The language from `--lang`, else `GONGKAI_LANG`, else the locale (`LC_ALL`, then
/// `LC_MESSAGES`, then `LANG`, the first one set, as POSIX orders them). A value starting
/// with `en` means English and one starting with `zh` Chinese; a flag or `GONGKAI_LANG` naming
/// neither is passed over. The locale gives English only when it names English: `C`, `POSIX`
/// or none at all give Chinese, the language the people who keep the data read first.
pub fn choose(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
    let named = |value: &str| {
        let value = value.trim().to_ascii_lowercase();
        if value.starts_with("en") {
            Some(Lang::En)
        } else if value.starts_with("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    };
    if let Some(lang) = flag.and_then(named) {
        return lang;
    }
    if let Some(lang) = env("GONGKAI_LANG").as_deref().and_then(named) {
        return lang;
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&env)
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    named(&locale).unwrap_or(Lang::Zh)
}

/// Why a file could not be read or written, in the chosen language: the common cases in
/// plain words, since the system's own text is English whatever the language.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (zh, en) = match error.kind() {
        K::NotFound => ("找不到这个文件或文件夹", "no such file or folder"),
        K::PermissionDenied => ("没有读写权限", "permission denied"),
        K::AlreadyExists => ("已经存在", "already exists"),
        K::IsADirectory => ("这是文件夹，应为文件", "is a folder, not a file"),
        K::NotADirectory => (
            "路径中有一段是文件，应为文件夹",
            "part of the path is a file, not a folder",
        ),
        K::DirectoryNotEmpty => ("文件夹不是空的", "the folder is not empty"),
        K::StorageFull => ("磁盘已满", "the disk is full"),
        K::ReadOnlyFilesystem => ("磁盘是只读的", "the disk is read-only"),
        K::InvalidData => ("内容不是 UTF-8 编码的文字", "the content is not UTF-8 text"),
        K::AddrInUse => (
            "端口已被其他程序占用",
            "the port is in use by another program",
        ),
        K::AddrNotAvailable => ("本机没有这个地址", "this machine has no such address"),
        _ => {
            let code = error
                .raw_os_error()
                .map(|c| c.to_string())
                .unwrap_or_default();
            return t(
                format!("读写失败（系统错误代码 {code}）"),
                error.to_string(),
            );
        }
    };
    t(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn the_flag_wins_then_gongkai_lang_then_the_locale() {
        let all = env(&[("GONGKAI_LANG", "zh"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(choose(Some("en"), &all), Lang::En);
        assert_eq!(choose(None, &all), Lang::Zh, "GONGKAI_LANG before LANG");
        assert_eq!(choose(None, env(&[("GONGKAI_LANG", "en")])), Lang::En);
        assert_eq!(choose(None, env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(choose(Some("fr"), env(&[("LANG", "en_GB")])), Lang::En);
    }

    #[test]
    fn the_locale_follows_posix_order_and_defaults_to_chinese() {
        let c_over_en = env(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(choose(None, c_over_en), Lang::Zh);
        let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_US.UTF-8")]);
        assert_eq!(
            choose(None, empty_all),
            Lang::En,
            "an empty LC_ALL is unset"
        );
        assert_eq!(choose(None, env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(choose(None, env(&[])), Lang::Zh);
    }

    #[test]
    fn the_flag_is_found_anywhere_before_a_double_dash() {
        let lang = |args: &[&str]| {
            let mut argv = vec!["gongkai"];
            argv.extend(args);
            // The environment of the test run must not decide: every case names a flag.
            from_args(argv)
        };
        assert_eq!(lang(&["build", "--lang", "en"]), Lang::En);
        assert_eq!(lang(&["--lang=en", "--help"]), Lang::En);
        assert_eq!(lang(&["--lang", "en", "check", "--lang", "zh"]), Lang::Zh);
    }
}

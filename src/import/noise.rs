//! Page noise: lines that belong to the web page or the copy, never to the document.
//!
//! Every rule is general — navigation, share buttons, disclaimers, editor credits,
//! licence and ICP numbers, addresses, copyright, contact lines, spam headlines — and is
//! applied to the folded line (Simplified, ASCII punctuation, spaces removed) so one
//! rule covers both scripts.

/// Why a line was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoiseKind {
    /// Site navigation, breadcrumbs, share buttons, "scan to read on your phone".
    Navigation,
    /// A site's disclaimer or reprint notice.
    Disclaimer,
    /// Editor, reviewer and proof-reader credits.
    Editor,
    /// Licence, ICP and filing numbers.
    Licence,
    /// Street addresses of the site's owner.
    Address,
    /// Copyright lines and site ownership.
    Copyright,
    /// Contact names and telephone numbers.
    Contact,
    /// Spam or unrelated headlines.
    Spam,
    /// Lines of separators only.
    Separator,
}

impl NoiseKind {
    /// Chinese name, used in the transcription notes.
    pub fn label(self) -> &'static str {
        match self {
            NoiseKind::Navigation => "网页导航与分享按钮",
            NoiseKind::Disclaimer => "网站转载声明",
            NoiseKind::Editor => "编辑署名",
            NoiseKind::Licence => "网站备案信息",
            NoiseKind::Address => "网站地址",
            NoiseKind::Copyright => "网站版权信息",
            NoiseKind::Contact => "联系人与电话",
            NoiseKind::Spam => "无关广告标题",
            NoiseKind::Separator => "分隔符与页码",
        }
    }
}

/// Phrases of page chrome: a line containing one is navigation.
const NAVIGATION: &[&str] = &[
    "您当前所在位置",
    "当前所在位置",
    "您现在的位置",
    "您的位置:",
    "当前位置:",
    "所在位置:",
    "分享至",
    "分享到",
    "上一篇",
    "下一篇",
    "扫一扫",
    "在手机上查看",
    "手机浏览",
    "手机扫描",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "字体:大",
    "字号:大",
    "返回顶部",
    "加入收藏",
    "设为首页",
    "网站地图",
    "您好:",
    "欢迎来到",
    "欢迎访问",
    "相关阅读",
    "相关新闻",
    "相关链接",
    "推荐阅读",
    "【字体",
];

/// Words of spam headlines (pornography, gambling).
const SPAM_WORDS: &[&str] = &[
    "毛片",
    "无码",
    "无遮",
    "色综合",
    "天堂",
    "乱码",
    "精品久久",
    "久久精品",
    "国产精品",
    "欧美",
    "亚洲",
    "日韩",
    "一区二区",
    "性爱",
    "偷拍",
    "自拍",
    "三级片",
    "成人视频",
    "成人影",
    "av",
    "AV",
    "激情",
    "婷婷",
    "羞羞",
    "博彩",
    "赌场",
    "六合彩",
    "时时彩",
    "百家乐",
    "娱乐城",
    "老虎机",
    "彩票",
    "棋牌",
    "裸",
    "色情",
];

/// Classifies one folded line (Simplified, ASCII punctuation); `None` when it is text.
pub fn classify(folded: &str) -> Option<NoiseKind> {
    let line: String = folded
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '•' | '·' | '●' | '■' | '◆' | '*'))
        .collect();
    if line.is_empty() {
        return None;
    }
    let has_sentence_punct = line.contains(['。', ',', ';', ':', '、']);
    let len = line.chars().count();
    if !line.chars().any(|c| c.is_alphanumeric()) || is_page_number(&line) {
        return Some(NoiseKind::Separator);
    }
    if NAVIGATION.iter().any(|p| line.contains(p))
        || (line.contains("扫码") && len <= 40)
        || (line.contains("手机") && (line.contains("查看") || line.contains("浏览")) && len <= 30)
        || (line.ends_with("下载") && len <= 20 && !has_sentence_punct)
    {
        return Some(NoiseKind::Navigation);
    }
    if [
        "免责声明",
        "版权声明",
        "凡本网注明",
        "转载请注明",
        "本网原创",
    ]
    .iter()
    .any(|p| line.contains(p))
    {
        return Some(NoiseKind::Disclaimer);
    }
    if is_editor_line(&line) {
        return Some(NoiseKind::Editor);
    }
    if line.contains("ICP")
        || line.contains("公网安备")
        || line.contains("网安备")
        || line.contains("备案号")
        || (line.contains("许可证") && (line.contains("编号") || line.contains('号')))
        || line.contains("网站标识码")
    {
        return Some(NoiseKind::Licence);
    }
    if line.starts_with("地址:") || (line.contains("地址:") && !line.contains('。')) {
        return Some(NoiseKind::Address);
    }
    if line.contains('©')
        || line.contains("版权所有")
        || line.to_ascii_lowercase().contains("copyright")
        || line.starts_with("主办单位:")
        || line.starts_with("承办单位:")
        || line.starts_with("技术支持:")
        || line.starts_with("主办:")
    {
        return Some(NoiseKind::Copyright);
    }
    if is_contact_line(&line, len) {
        return Some(NoiseKind::Contact);
    }
    if is_spam(&line, has_sentence_punct, len) {
        return Some(NoiseKind::Spam);
    }
    if (line.starts_with("http") || line.starts_with("www.")) && !line.contains('。') {
        return Some(NoiseKind::Navigation);
    }
    None
}

/// Page numbers left by PDF copies: "- 3 -", "3", "第 3 页", "共 5 页".
fn is_page_number(line: &str) -> bool {
    let core = line.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | ' '));
    let digits_only =
        !core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit());
    let paged = (core.starts_with('第') || core.starts_with('共'))
        && core.ends_with('页')
        && core.chars().count() <= 8;
    digits_only || paged
}

fn is_editor_line(line: &str) -> bool {
    const ROLES: &[&str] = &[
        "责任编辑",
        "编辑",
        "审核",
        "终审",
        "初审",
        "复审",
        "校对",
        "责编",
        "作者",
        "记者",
        "通讯员",
    ];
    let len = line.chars().count();
    len <= 40
        && ROLES.iter().any(|role| {
            line.strip_prefix(role).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('/') || rest.starts_with(':')
            })
        })
}

fn is_contact_line(line: &str, len: usize) -> bool {
    let labelled = [
        "联系人",
        "联系电话",
        "咨询电话",
        "电话:",
        "传真:",
        "邮箱:",
        "电子邮箱",
    ]
    .iter()
    .any(|p| line.contains(p))
        || line.to_ascii_lowercase().contains("e-mail");
    (labelled && len <= 60) || (has_phone_number(line) && len <= 40 && !line.contains('。'))
}

/// A telephone number: 0931-4818087 (area code and 7–8 digits) or an 11-digit mobile.
pub fn has_phone_number(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let digits_at = |i: usize| chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digits_at(i);
        let after = i + run;
        if (3..=4).contains(&run) && chars.get(after) == Some(&'-') {
            let second = digits_at(after + 1);
            if (7..=8).contains(&second) {
                return true;
            }
        }
        if run == 11 && chars[i] == '1' {
            return true;
        }
        i = after;
    }
    false
}

fn is_spam(line: &str, has_sentence_punct: bool, len: usize) -> bool {
    let separators = line.chars().filter(|c| matches!(c, '|' | '_')).count();
    let hits = SPAM_WORDS.iter().filter(|w| line.contains(*w)).count();
    if separators >= 2 && !has_sentence_punct {
        return true;
    }
    hits >= 3 || (hits >= 1 && !has_sentence_punct && len <= 60 && separators >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::script::fold;

    fn kind(line: &str) -> Option<NoiseKind> {
        classify(&fold(line))
    }

    #[test]
    fn page_chrome_is_noise() {
        assert_eq!(
            kind("您當前所在位置:駐馬店廣視網>新聞> 正文"),
            Some(NoiseKind::Navigation)
        );
        assert_eq!(kind("分 享 至 手 機"), Some(NoiseKind::Navigation));
        assert_eq!(
            kind("扫一扫在手机上查看当前页面"),
            Some(NoiseKind::Navigation)
        );
        assert_eq!(
            kind("扫码使用手机浏览本页内容"),
            Some(NoiseKind::Navigation)
        );
        assert_eq!(kind("駐馬店融媒宣傳下載"), Some(NoiseKind::Navigation));
        assert_eq!(kind("  • 責任編輯 / 平筠"), Some(NoiseKind::Editor));
        assert_eq!(kind("  • 審核 / 李俊杰 劉曉明"), Some(NoiseKind::Editor));
        assert_eq!(kind("聯系電話:0931-4818087"), Some(NoiseKind::Contact));
        assert_eq!(
            kind("甘肅省衛生健康委中醫一處聯系人:王靜宜"),
            Some(NoiseKind::Contact)
        );
        assert_eq!(kind("| | | |"), Some(NoiseKind::Separator));
        assert_eq!(kind("— 3 —"), Some(NoiseKind::Separator));
        assert_eq!(kind("第 2 页 共 5 页"), Some(NoiseKind::Separator));
        assert_eq!(
            kind("地址:北京市海淀區學清路9號匯智大廈B座7層 sisapamba.com ?2017-2024 泰茂股份版權所有"),
            Some(NoiseKind::Address)
        );
        assert_eq!(
            kind("電信與信息服務業務經營許可證編號:京ICP證140722號"),
            Some(NoiseKind::Licence)
        );
    }

    #[test]
    fn spam_headlines_are_noise() {
        assert_eq!(
            kind("日本男女无遮羞羞视频_亚洲性爱毛片免费看_日韩无码av天堂五月天_女人18a毛片a"),
            Some(NoiseKind::Spam)
        );
        assert_eq!(
            kind("欧美视频一区二区三区四区|亚洲乱码中文字幕综合|色综合天天综合婷婷伊人|这里只有精品久久"),
            Some(NoiseKind::Spam)
        );
    }

    #[test]
    fn document_text_is_kept() {
        for line in [
            "時間:2020-12-28 09:26:05|來源:駐馬店廣視網|點擊量:9256",
            "到 2025 年,县域公立医疗卫生机构床位达到 3.5 张/千人。",
            "民权县人民政府办公室",
            "2019年3月29日",
            "（此件公开发布）",
            "建标 110-2021",
            "各乡镇、区直相关单位:",
            "发布机构: 大同市云州区人民政府办公室",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }
}

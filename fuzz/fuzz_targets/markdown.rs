//! The Markdown renderer on arbitrary text: no panic, and no raw tag or unsafe URL survives.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let out = gongkai::render::markdown::render(text, 1, "c-");
    let lower = out.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {:?}", out.html);
    assert!(!lower.contains("href=\"javascript:"), "javascript link in {:?}", out.html);
    assert!(!lower.contains("src=\"javascript:"), "javascript src in {:?}", out.html);
    let _ = gongkai::render::markdown::plain_text(text);
});

//! Whitespace cleaning: what `Article.text` is made of.
//!
//! Every Unicode space (U+00A0 no-break space, U+2000–U+200A, U+202F, U+205F,
//! U+3000, tabs) becomes a plain space, runs collapse to one, bidi and zero-width
//! controls (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C, U+FEFF, U+00AD)
//! and other control characters are removed, and lines that hold only spaces
//! count as blank.

/// True for characters removed outright: bidi and zero-width controls, the soft
/// hyphen and control characters other than line breaks.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// True for characters that become a plain space.
pub(crate) fn is_space(c: char) -> bool {
    c == ' '
        || c == '\t'
        || c == '\u{A0}'
        || (c.is_whitespace() && c != '\n' && c != '\r' && !c.is_control())
}

const PLAIN: u8 = 0;
const LEAD: u8 = 1;
const STOP: u8 = 2;

/// How [`clean_inline`] treats each byte: ASCII spaces and controls stop a run,
/// lead bytes of the ranges cleaning touches need a look at the next byte.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b <= 0x20 {
        t[b] = STOP;
        b += 1;
    }
    t[0x7f] = STOP;
    t[0xC2] = LEAD;
    t[0xD8] = LEAD;
    t[0xE1] = LEAD;
    t[0xE2] = LEAD;
    t[0xE3] = LEAD;
    t[0xEF] = LEAD;
    t
};

/// True when the character starting at lead byte `i` is one cleaning touches:
/// U+0080–U+00AD, U+061C, U+1680, U+180E, U+2000–U+206F, U+3000, U+FEFF (and
/// their neighbours in the same second-byte range, which the char rules sort out).
fn touched(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        0xC2 => next <= 0xAD,
        0xD8 => next == 0x9C,
        0xE1 => next == 0x9A || next == 0xA0,
        0xE2 => next == 0x80 || next == 0x81,
        0xE3 => next == 0x80,
        0xEF => next == 0xBB,
        _ => true,
    }
}

/// One line (or one field): spaces unified and collapsed, invisibles removed,
/// line breaks turned into spaces, trimmed.
///
/// ```
/// # use khabar::structure::clean_inline;
/// assert_eq!(clean_inline(" يستعد لشن هجوم  \u{a0}على\u{200f} مدينة\n"), "يستعد لشن هجوم على مدينة");
/// ```
pub fn clean_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            pending_space = !out.is_empty();
            i += 1;
            continue;
        }
        // Copy the run of bytes that need nothing done: a table lookup per byte,
        // and a look at the next byte after the few lead bytes that may start a
        // character cleaning touches.
        let mut run_end = i;
        while run_end < bytes.len() {
            match BYTE_CLASS[bytes[run_end] as usize] {
                PLAIN => run_end += 1,
                LEAD if !touched(bytes, run_end) => run_end += 2,
                _ => break,
            }
        }
        let run_end = run_end.min(bytes.len());
        if run_end > i {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&s[i..run_end]);
            i = run_end;
            continue;
        }
        // `i` is on a char boundary: runs end only before ASCII or lead bytes.
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if is_space(c) || c == '\n' || c == '\r' {
            pending_space = !out.is_empty();
        } else if !is_invisible(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Splits raw text into blocks (runs of lines between blank lines), each line
/// cleaned; lines that are empty after cleaning separate blocks.
pub(crate) fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = clean_inline(line);
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Sentence-final marks: a line ending in one is a whole paragraph, not a wrapped
/// piece of one.
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '؟', ':', '»', '"', '”', '…', ')', '،', '؛'])
}

/// True for a block that was hard-wrapped at a fixed width (as in Gigaword `<P>`
/// text or e-mailed copy): three or more lines, none but the last longer than 100
/// characters, most of them ending mid-sentence.
pub(crate) fn is_hard_wrapped(block: &[String]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let body = &block[..block.len() - 1];
    let short = body.iter().all(|l| l.chars().count() <= 100);
    let open = body.iter().filter(|l| !ends_sentence(l)).count();
    short && open * 10 >= body.len() * 6
}

/// The paragraphs of a block: joined when hard-wrapped, one per line otherwise.
pub(crate) fn block_paragraphs(block: Vec<String>) -> Vec<String> {
    if is_hard_wrapped(&block) {
        vec![block.join(" ")]
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nbsp_only_lines_are_blank_and_separate_blocks() {
        let b = blocks("سيريانيوز\n\n\u{a0}\n\n\u{a0}\n\n28.10.2017 11:58");
        assert_eq!(
            b,
            vec![
                vec!["سيريانيوز".to_string()],
                vec!["28.10.2017 11:58".to_string()]
            ]
        );
    }

    #[test]
    fn wrapped_text_is_joined_and_line_paragraphs_kept() {
        let wrapped: Vec<String> = [
            "قال مسؤول في الأمم المتحدة إن المساعدات",
            "وصلت إلى المخيم يوم الاثنين بعد",
            "أسابيع من الانتظار.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(block_paragraphs(wrapped.clone()).len(), 1);
        let lines: Vec<String> = ["فقرة أولى كاملة.", "فقرة ثانية كاملة.", "فقرة ثالثة."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(block_paragraphs(lines).len(), 3);
    }

    #[test]
    fn fast_path_agrees_with_the_char_rules() {
        let samples = [
            "a\u{0085}b",
            "\u{3000}x\u{1680}y\u{180e}z",
            "د\u{061c}ا",
            "\u{00ad}ab\u{2028}c",
            "ج\u{00e9}\u{20ac}",
        ];
        for s in samples {
            let slow: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in s.chars() {
                    if is_space(c) || c == '\n' || c == '\r' {
                        pending = !out.is_empty();
                    } else if !is_invisible(c) {
                        if pending {
                            out.push(' ');
                            pending = false;
                        }
                        out.push(c);
                    }
                }
                out
            };
            assert_eq!(clean_inline(s), slow, "{s:?}");
        }
    }

    #[test]
    fn invisibles_go_and_spaces_collapse() {
        assert_eq!(
            clean_inline("\u{feff}أ\u{200b}ب\u{202b} ج\u{0}\tد"),
            "أب ج د"
        );
        assert_eq!(clean_inline("\u{a0}\u{2003} "), "");
    }
}

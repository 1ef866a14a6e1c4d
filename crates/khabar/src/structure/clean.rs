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
    for c in s.chars() {
        if is_space(c) || c == '\n' || c == '\r' {
            pending_space = !out.is_empty();
        } else if is_invisible(c) {
            continue;
        } else {
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
    fn invisibles_go_and_spaces_collapse() {
        assert_eq!(
            clean_inline("\u{feff}أ\u{200b}ب\u{202b} ج\u{0}\tد"),
            "أب ج د"
        );
        assert_eq!(clean_inline("\u{a0}\u{2003} "), "");
    }
}

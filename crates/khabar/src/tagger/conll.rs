//! Reading CoNLL-style IOB/BIO files: one `token<space or tab>tag` a line, a
//! blank line (or a line holding only whitespace) between sentences.

use std::path::Path;

use super::TagOut;
use crate::error::{Error, Result};

/// One annotated sentence: its tokens and their tags.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens as written.
    pub words: Vec<String>,
    /// One tag per token.
    pub tags: Vec<TagOut>,
}

/// Reads sentences from CoNLL text. The token is everything before the last
/// run of whitespace on a line, the tag what follows; a byte-order mark and
/// left-to-right/right-to-left marks are dropped. A malformed line is an error
/// that names its line number.
///
/// ```
/// let s = khabar::tagger::read_conll("ريان B-PERS\nديلون I-PERS\nقال O\n\nحلب B-LOC\n")?;
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].words, ["ريان", "ديلون", "قال"]);
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn read_conll(text: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, raw) in text.lines().enumerate() {
        let line: String = raw
            .chars()
            .filter(|&c| !matches!(c, '\u{FEFF}' | '\u{200E}' | '\u{200F}'))
            .collect();
        let line = line.trim();
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let bad = |msg: String| Error::parse("conll", Some(n + 1), msg);
        let Some(cut) = line.rfind(char::is_whitespace) else {
            return Err(bad(format!(
                "expected `token tag`, found {line:?} (no tag)"
            )));
        };
        let word = line[..cut].trim_end();
        let tag = line[cut..].trim_start();
        if word.is_empty() {
            return Err(bad(format!("expected `token tag`, found {line:?}")));
        }
        let tag = TagOut::parse(tag).map_err(|e| bad(e.to_string()))?;
        cur.words.push(word.to_owned());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// [`read_conll`] on a file (UTF-8, optionally gzip-compressed). Errors name the
/// file and line.
pub fn read_conll_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>> {
    let path = path.as_ref();
    let text = crate::input::read_utf8_file(path)?;
    read_conll(&text).map_err(|e| e.in_file(path, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::Label;

    #[test]
    fn reads_sentences_tabs_and_marks() {
        let s = read_conll(
            "\u{FEFF}\u{200E}فرانكفورت\tB-LOC\r\n(د O\n\t\n\n\nالأمم B-ORG\nالمتحدة I-ORG",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["فرانكفورت", "(د"]);
        assert_eq!(s[0].tags, [TagOut::B(Label::Loc), TagOut::O]);
        assert_eq!(s[1].tags, [TagOut::B(Label::Org), TagOut::I(Label::Org)]);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let e = read_conll("a O\nb B-PERS\nc\n").unwrap_err().to_string();
        assert!(e.contains("line 3"), "{e}");
        assert!(e.contains("no tag"), "{e}");
        let e = read_conll("a O\n\nb X-PERS\n").unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("X-PERS"), "{e}");
        let e = read_conll("a B-DATE\n").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("DATE"), "{e}");
        assert!(read_conll("").unwrap().is_empty());
    }
}

//! Byte offsets to code-point offsets in one forward pass, for callers (the
//! Python binding, JSON writers) that turn many sorted spans into code points.

use crate::model::Span;

/// Converts byte offsets of one text to code-point indices, walking forward.
///
/// Offsets asked for in increasing order cost amortised O(1) each, so converting
/// every token of a text is linear; an offset behind the last one asked for
/// restarts the walk from the beginning. Offsets inside a character round down
/// to its start; offsets past the end clamp to the text's length.
///
/// ```
/// use khabar::text::{tokenize, CharCursor};
/// let text = "قال ديلون: نعم";
/// let mut cursor = CharCursor::new(text);
/// let spans: Vec<(usize, usize)> = tokenize(text).iter().map(|t| cursor.span(t.span)).collect();
/// assert_eq!(spans, [(0, 3), (4, 9), (9, 10), (11, 14)]);
/// ```
#[derive(Debug, Clone)]
pub struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    ch: usize,
}

impl<'a> CharCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            byte: 0,
            ch: 0,
        }
    }

    /// The code-point index of byte offset `byte`.
    pub fn to_char(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.ch = 0;
        }
        let bytes = self.text.as_bytes();
        // Count the bytes that start a character (not continuation bytes).
        let mut b = self.byte;
        let mut ch = self.ch;
        while b < byte {
            if (bytes[b] & 0xC0) != 0x80 {
                ch += 1;
            }
            b += 1;
        }
        // Rounding down: a byte offset inside a character counts that character
        // as not yet started.
        if byte < bytes.len() && (bytes[byte] & 0xC0) == 0x80 {
            ch -= 1;
            while b > 0 && (bytes[b - 1] & 0xC0) == 0x80 {
                b -= 1;
            }
            b -= 1;
            self.byte = b;
            self.ch = ch;
            return ch;
        }
        self.byte = b;
        self.ch = ch;
        ch
    }

    /// A span's start and end as code-point indices.
    pub fn span(&mut self, span: Span) -> (usize, usize) {
        let start = self.to_char(span.start);
        let end = self.to_char(span.end.max(span.start));
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_char_indices_in_any_order() {
        let text = "a دير‎ 7 ﻻ x";
        let reference: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut c = CharCursor::new(text);
        for (ch, &b) in reference.iter().enumerate() {
            assert_eq!(c.to_char(b), ch);
        }
        assert_eq!(c.to_char(text.len() + 10), reference.len());
        assert_eq!(c.to_char(0), 0);
        // Inside a character: rounds down.
        assert_eq!(c.to_char(3), 2);
        assert_eq!(c.to_char(reference[3]), 3);
        assert_eq!(c.to_char(2), 2);
    }
}

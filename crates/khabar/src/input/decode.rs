//! Bytes to text: gzip, byte-order marks, UTF-8, and the legacy Arabic encodings
//! (windows-1256, ISO-8859-6) older sites and archives still carry.

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, WINDOWS_1256};

use crate::error::{Error, Result};

/// Decompresses gzip data (recognised by its magic bytes); other data passes through.
pub fn gunzip_if_needed(bytes: &[u8]) -> Result<Cow<'_, [u8]>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| Error::Decode(format!("gzip data is corrupt: {e}")))?;
    Ok(Cow::Owned(out))
}

/// Reads a UTF-8 text file, gzip-compressed or not (data files such as
/// CoNLL training sets and word clusters). Errors name the file.
pub fn read_utf8_file(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let bytes = gunzip_if_needed(&bytes)?.into_owned();
    String::from_utf8(bytes)
        .map_err(|e| Error::Decode(format!("{}: not UTF-8 ({e})", path.display())))
}

/// Binary formats people send by mistake, by their magic bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio)"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
];

/// Decodes bytes to text: gzip is undone, a BOM is honoured and dropped, UTF-8 is
/// taken as is, and anything else is tried as windows-1256 and ISO-8859-6 (an
/// HTML `charset` declaration decides where there is one). Binary data is an error
/// that says what it looks like.
///
/// ```
/// // "سوريا" in windows-1256
/// let bytes = [0xD3, 0xE6, 0xD1, 0xED, 0xC7];
/// assert_eq!(khabar::input::decode(&bytes).unwrap(), "سوريا");
/// assert!(khabar::input::decode(b"%PDF-1.7 ...").unwrap_err().to_string().contains("PDF"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<String> {
    let bytes = gunzip_if_needed(bytes)?;
    let bytes: &[u8] = &bytes;
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(Error::Decode(format!("the input is {what}, not text")));
        }
    }
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if !utf16 {
        check_bytes_not_binary(bytes)?;
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        utf8(rest)?
    } else if bytes.starts_with(b"\xff\xfe") {
        UTF_16LE.decode_with_bom_removal(bytes).0.into_owned()
    } else if bytes.starts_with(b"\xfe\xff") {
        UTF_16BE.decode_with_bom_removal(bytes).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => legacy(bytes)?,
        }
    };
    check_not_binary(&text)?;
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<String> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .or_else(|_| legacy(bytes))
}

/// An encoding named in an HTML/XML declaration near the top of the data.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head
        .find("charset=")
        .map(|i| i + 8)
        .or_else(|| head.find("encoding=").map(|i| i + 9))?;
    let label: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn legacy(bytes: &[u8]) -> Result<String> {
    if let Some(enc) = declared(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _, bad) = enc.decode(bytes);
            if !bad {
                return Ok(text.into_owned());
            }
        }
    }
    // Score each candidate by how much of the non-ASCII it turns into Arabic.
    let high = bytes.iter().filter(|b| **b >= 0x80).count().max(1);
    let mut best: Option<(i64, String)> = None;
    for enc in [WINDOWS_1256, ISO_8859_6] {
        let (text, _, _) = enc.decode(bytes);
        let arabic = text
            .chars()
            .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
            .count() as i64;
        let bad = text
            .chars()
            .filter(|c| *c == '\u{FFFD}' || ('\u{80}'..='\u{9f}').contains(c))
            .count() as i64;
        let score = arabic - 4 * bad;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, text.into_owned()));
        }
    }
    match best {
        Some((score, text)) if score * 10 >= high as i64 * 6 => Ok(text),
        _ => Err(Error::Decode(format!(
            "the bytes are not UTF-8 and do not read as Arabic in windows-1256 or ISO-8859-6 \
             ({high} non-ASCII bytes); give the text as UTF-8"
        ))),
    }
}

/// Rejects bytes with many control bytes (NUL and the C0 range other than tabs and
/// line breaks): no text encoding khabar reads uses them.
fn check_bytes_not_binary(bytes: &[u8]) -> Result<()> {
    let sample = &bytes[..bytes.len().min(65_536)];
    let controls = sample
        .iter()
        .filter(|b| (**b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || **b == 0x7f)
        .count();
    if sample.len() >= 16 && controls * 20 > sample.len() {
        return Err(Error::Decode(format!(
            "the input looks like binary data: {controls} of the first {} bytes are control bytes",
            sample.len()
        )));
    }
    Ok(())
}

/// Rejects text that is mostly control characters: binary junk sent as text.
/// A few stray NULs or controls in real text are cleaned later, not refused.
fn check_not_binary(text: &str) -> Result<()> {
    let sample: Vec<char> = text.chars().take(65_536).collect();
    let controls = sample
        .iter()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || **c == '\u{FFFD}'
        })
        .count();
    if sample.len() >= 16 && controls * 20 > sample.len() {
        return Err(Error::Decode(format!(
            "the input looks like binary data: {controls} of the first {} characters are control \
             characters or undecodable bytes",
            sample.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_arabic_encodings_decode() {
        let text = "أعلن التحالف الدولي انه يستعد لشن هجوم على مدينة البوكمال";
        for enc in [WINDOWS_1256, ISO_8859_6] {
            let (bytes, _, bad) = enc.encode(text);
            assert!(!bad);
            assert_eq!(decode(&bytes).unwrap(), text, "{}", enc.name());
        }
    }

    #[test]
    fn declared_charset_wins() {
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body>".to_vec();
        page.extend_from_slice(&WINDOWS_1256.encode("دمشق").0);
        assert!(decode(&page).unwrap().contains("دمشق"));
    }

    #[test]
    fn junk_is_refused_clearly() {
        let junk: Vec<u8> = (0..400u32).map(|i| (i * 37 % 256) as u8).collect();
        let err = decode(&junk).unwrap_err().to_string();
        assert!(err.contains("binary") || err.contains("not UTF-8"), "{err}");
        assert!(decode(&[0u8; 100])
            .unwrap_err()
            .to_string()
            .contains("binary"));
    }

    #[test]
    fn gzip_and_bom_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("\u{feff}دمشق".as_bytes()).unwrap();
        assert_eq!(decode(&gz.finish().unwrap()).unwrap(), "دمشق");
    }
}

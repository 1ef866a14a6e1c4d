//! Reads lines from stdin and prints, for each, its tokens with their clitics:
//! tokens separated by a tab, each token as `prefix+prefix+stem+suffix` with the
//! stem in square brackets (`و+ال+[بوكمال]`, `[دفاعات]+ه`). Used by
//! `scripts/eval_segmentation`.

use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let tokens = khabar::text::tokenize(&line);
        let shown: Vec<String> = tokens
            .iter()
            .map(|t| {
                let mut parts: Vec<String> =
                    t.prefixes().map(|p| line[p.range()].to_string()).collect();
                parts.push(format!("[{}]", &line[t.stem.range()]));
                if let Some(s) = t.suffix() {
                    parts.push(line[s.range()].to_string());
                }
                parts.join("+")
            })
            .collect();
        writeln!(out, "{}", shown.join("\t"))?;
    }
    out.flush()
}

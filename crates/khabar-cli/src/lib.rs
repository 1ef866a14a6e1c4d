//! The `khabar` command line: `khabar parse` writes one JSON article per line,
//! `khabar demo` parses a sample article and prints what khabar found.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use khabar::{Article, Format, Pipeline};

/// A sample article written for khabar (not a real one), with the quirks real
/// Arabic news has: a lede repeated as paragraph one, Latin commas, doubled and
/// no-break spaces, unpaired quotes, a dateline, NBSP-only lines and a stamp.
pub const DEMO_ARTICLE: &str = include_str!("demo.txt");

#[derive(Parser, Debug)]
#[command(
    name = "khabar",
    version,
    about = "Arabic news articles into typed records"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse files, folders or globs (or `-` for stdin) and write one JSON article per line.
    Parse {
        /// Files, folders or glob patterns; `-` reads one article from stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Input format.
        #[arg(short, long, value_enum, default_value_t = FormatArg::Auto)]
        format: FormatArg,
        /// Write JSON Lines here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Read an article field from another JSON key: `--field published=date_extracted`.
        #[arg(long = "field", value_name = "FIELD=KEY")]
        fields: Vec<String>,
        /// Stop at the first record that fails instead of reporting it and going on.
        #[arg(long)]
        strict: bool,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Train an entity tagger on a CoNLL (token tag) file and write the model.
    TrainNer(TrainArgs),
    /// Learn word clusters from unlabelled text (files, folders, globs; gzip, SGML and HTML read).
    BuildClusters {
        /// The corpus.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Seed of the random vectors and k-means.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Words seen fewer times get no cluster.
        #[arg(long, default_value_t = 3)]
        min_count: u32,
        /// At most this many words get a cluster.
        #[arg(long, default_value_t = 200_000)]
        max_words: usize,
        /// The number of context words (the most frequent).
        #[arg(long, default_value_t = 10_000)]
        contexts: usize,
        /// Branching of the cluster tree at its three levels, e.g. `64,16,8`.
        #[arg(long, default_value = "64,16,8")]
        branching: String,
        /// Where to write the clusters (TSV: word, path a.b.c).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Score an entity tagger on a CoNLL file: entity-level precision, recall, F1.
    EvalNer {
        /// The model file, or `default` for the built-in model.
        model: String,
        /// Gold data (CoNLL).
        test: PathBuf,
        /// Print the tagger's speed too.
        #[arg(long)]
        speed: bool,
        /// Tag each sentence on its own, as `Tagger::tag` does: a stacked
        /// model's second pass then sees no sentence around (by default the
        /// file's sentences are one run, as an article's are).
        #[arg(long)]
        alone: bool,
    },
    /// Parse a short sample article and print what khabar found.
    Demo {
        /// Print the article as JSON instead.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Auto,
    Text,
    Sgml,
    Json,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Auto => Format::Auto,
            FormatArg::Text => Format::Text,
            FormatArg::Sgml => Format::Sgml,
            FormatArg::Json => Format::Json,
            FormatArg::Html => Format::Html,
        }
    }
}

/// Runs the command line with `args` (the program name first) and returns the
/// exit status: 0 when everything parsed, 1 when some records failed, 2 on a
/// usage error.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Parse {
            inputs,
            format,
            output,
            fields,
            strict,
            quiet,
        } => parse(&inputs, format.into(), output, &fields, strict, quiet),
        Command::Demo { json } => demo(json),
        Command::TrainNer(args) => train_ner(args),
        Command::BuildClusters {
            inputs,
            seed,
            min_count,
            max_words,
            contexts,
            branching,
            output,
        } => build_clusters(
            &inputs, seed, min_count, max_words, contexts, &branching, &output,
        ),
        Command::EvalNer {
            model,
            test,
            speed,
            alone,
        } => eval_ner(&model, &test, speed, alone),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("khabar: {e}");
            if matches!(e.kind(), io::ErrorKind::BrokenPipe) {
                0
            } else {
                2
            }
        }
    }
}

fn other(e: khabar::Error) -> io::Error {
    io::Error::other(e.to_string())
}

fn parse(
    inputs: &[String],
    format: Format,
    output: Option<PathBuf>,
    fields: &[String],
    strict: bool,
    quiet: bool,
) -> io::Result<i32> {
    let mut pipeline = Pipeline::new().with_format(format);
    for f in fields {
        let (field, key) = f.split_once('=').ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("--field wants FIELD=KEY, got {f:?}"),
            )
        })?;
        pipeline = pipeline.with_field(field, key).map_err(other)?;
    }
    let mut out: Box<dyn Write> = match &output {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    if inputs == ["-"] {
        let mut data = Vec::new();
        io::stdin().read_to_end(&mut data)?;
        let a = pipeline.parse(&data).map_err(other)?;
        writeln!(out, "{}", a.to_json())?;
        out.flush()?;
        return Ok(0);
    }
    let mut articles = pipeline.read(inputs).map_err(other)?;
    let files = articles.files().len();
    let bar = (!quiet && files > 1 && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {human_pos} articles [{elapsed_precise}] {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    });
    let (mut ok, mut failed) = (0usize, 0usize);
    let started = std::time::Instant::now();
    loop {
        let batch = articles.next_batch(512);
        if batch.is_empty() {
            break;
        }
        if let Some(b) = &bar {
            let rate = (ok + failed) as f64 / started.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!("{rate:.0} articles/s, {failed} failed"));
        }
        for item in batch {
            match item {
                Ok(a) => {
                    writeln!(out, "{}", a.to_json())?;
                    ok += 1;
                }
                Err(e) => {
                    failed += 1;
                    match &bar {
                        Some(b) => b.println(format!("khabar: {e}")),
                        None => eprintln!("khabar: {e}"),
                    }
                    if strict {
                        out.flush()?;
                        return Ok(1);
                    }
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
    }
    out.flush()?;
    if let Some(b) = bar {
        b.finish_with_message(format!("{ok} parsed, {failed} failed"));
    } else if !quiet && failed > 0 {
        eprintln!("khabar: {ok} parsed, {failed} failed");
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// The options of `khabar train-ner`.
#[derive(clap::Args, Debug)]
struct TrainArgs {
    /// Training data: one `token tag` (IOB/BIO) a line, blank lines between sentences.
    train: PathBuf,
    /// Dev data for choosing the epoch count; without it the last 10% of
    /// TRAIN is held out, then the model is trained again on all of TRAIN.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Word clusters (`khabar build-clusters`) to use as features.
    #[arg(long)]
    clusters: Option<PathBuf>,
    /// More training data, machine-labelled (`scripts/ner_self_label`): trained
    /// on, never held out as dev data.
    #[arg(long)]
    extra: Option<PathBuf>,
    /// The most epochs.
    #[arg(long, default_value_t = 30)]
    epochs: usize,
    /// Seed of the sentence order.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Drop features seen fewer times than this.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Drop weights smaller than this.
    #[arg(long, default_value_t = 0.0)]
    prune: f32,
    /// Leave each feature out with this probability while training (regularises).
    #[arg(long, default_value_t = 0.3)]
    dropout: f32,
    /// Train with this margin (cost-augmented decoding; 0 = plain perceptron).
    #[arg(long, default_value_t = 0.0)]
    margin: f32,
    /// Train this many models (consecutive seeds) and average them.
    #[arg(long, default_value_t = 1)]
    ensemble: usize,
    /// A description stored in the model.
    #[arg(long, default_value = "")]
    description: String,
    /// Train a stacked (two-pass) model: a second pass that sees the labels
    /// the first gave the same word form in the 15 sentences either side,
    /// trained on cross-fitted first-pass labels (five first-pass models,
    /// each labelling the fifth of TRAIN it did not see).
    #[arg(long)]
    stack: bool,
    /// Instead of training one model, run K-fold cross-validation on TRAIN
    /// (contiguous parts, each the dev set of a model trained on the others)
    /// and print the pooled scores.
    #[arg(long, value_name = "K")]
    folds: Option<usize>,
    /// Where to write the model.
    #[arg(short, long, required_unless_present = "folds")]
    output: Option<PathBuf>,
}

fn train_ner(a: TrainArgs) -> io::Result<i32> {
    use khabar::tagger;
    let train = tagger::read_conll_file(&a.train).map_err(other)?;
    let dev = match &a.dev {
        Some(d) => Some(tagger::read_conll_file(d).map_err(other)?),
        None => None,
    };
    let clusters = match &a.clusters {
        Some(c) => Some(tagger::Clusters::read_file(c).map_err(other)?),
        None => None,
    };
    let extra = match &a.extra {
        Some(e) => tagger::read_conll_file(e).map_err(other)?,
        None => Vec::new(),
    };
    let opts = tagger::TrainOptions {
        epochs: a.epochs,
        extra,
        seed: a.seed,
        min_count: a.min_count,
        prune: a.prune,
        dropout: a.dropout,
        ensemble: a.ensemble,
        margin: a.margin,
        stack: a.stack,
        clusters,
        description: a.description,
        verbose: true,
        ..Default::default()
    };
    if let Some(k) = a.folds {
        let t0 = std::time::Instant::now();
        let (pooled, per_fold) = tagger::cross_validate(&train, k, &opts).map_err(other)?;
        let folds: Vec<String> = per_fold.iter().map(|f| format!("{f:.4}")).collect();
        println!(
            "{k}-fold cross-validation ({:.0} s); micro F1 per fold: {}\n{pooled}",
            t0.elapsed().as_secs_f64(),
            folds.join(" ")
        );
        return Ok(0);
    }
    let Some(output) = a.output else {
        return Err(io::Error::other("an output file (-o) is needed"));
    };
    let (model, report) = tagger::train(&train, dev.as_deref(), &opts).map_err(other)?;
    model.save_file(&output).map_err(other)?;
    if let Some(first) = &report.first_dev {
        eprintln!("train-ner: the first pass's dev scores:\n{first}");
    }
    eprintln!(
        "train-ner: best epoch {} of {}; dev scores at that epoch:\n{}",
        report.best_epoch, report.epochs_run, report.dev
    );
    let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "train-ner: wrote {} ({} features, {:.1} MB) in {:.1} s",
        output.display(),
        report.features,
        size as f64 / 1e6,
        report.seconds
    );
    Ok(0)
}

fn build_clusters(
    inputs: &[String],
    seed: u64,
    min_count: u32,
    max_words: usize,
    contexts: usize,
    branching: &str,
    output: &std::path::Path,
) -> io::Result<i32> {
    use khabar::tagger;
    let parts: Vec<usize> = branching
        .split(',')
        .map(|p| p.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("--branching: {e}")))?;
    let [a, b, c] = parts[..] else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "--branching wants three numbers, e.g. 32,16,8",
        ));
    };
    let opts = tagger::ClusterOptions {
        seed,
        min_count,
        max_words,
        contexts,
        branching: [a, b, c],
        verbose: true,
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let c = tagger::build_clusters(inputs, &opts).map_err(other)?;
    let header = format!(
        "Word clusters learned by `khabar build-clusters` (seed {seed}, min count {min_count}, \
         max words {max_words}, {contexts} contexts, branching {:?}) from: {}\nword<TAB>cluster path a.b.c",
        opts.branching,
        inputs.join(" ")
    );
    c.write_tsv(output, &header).map_err(other)?;
    eprintln!(
        "build-clusters: {} words in {:.1} s → {}",
        c.len(),
        t0.elapsed().as_secs_f64(),
        output.display()
    );
    Ok(0)
}

fn eval_ner(model: &str, test: &std::path::Path, speed: bool, alone: bool) -> io::Result<i32> {
    use khabar::tagger;
    let t0 = std::time::Instant::now();
    let owned;
    let tagger: &tagger::Tagger = if model == "default" {
        tagger::Tagger::default_model().map_err(other)?
    } else {
        owned = tagger::Tagger::load_file(model).map_err(other)?;
        &owned
    };
    let load = t0.elapsed().as_secs_f64();
    let gold = tagger::read_conll_file(test).map_err(other)?;
    let t1 = std::time::Instant::now();
    let c1 = cpu_seconds();
    let evaluate = |t: &tagger::Tagger, gold: &[tagger::Sentence]| {
        if !alone {
            return tagger::evaluate(t, gold);
        }
        let mut sc = tagger::Scores::default();
        for s in gold {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            sc.add(&s.tags, &t.tag(&w, &tagger::default_hints(&w)));
        }
        sc
    };
    let scores = evaluate(tagger, &gold);
    // For the speed, tag the file again until 2 s of CPU have passed (the
    // clock ticks in hundredths).
    let mut runs = 1usize;
    while speed && c1.zip(cpu_seconds()).is_some_and(|(a, b)| b - a < 2.0) {
        std::hint::black_box(evaluate(tagger, &gold));
        runs += 1;
    }
    let secs = t1.elapsed().as_secs_f64() / runs as f64;
    let cpu = c1.zip(cpu_seconds()).map(|(a, b)| (b - a) / runs as f64);
    let tokens: usize = gold.iter().map(|s| s.words.len()).sum();
    println!("{scores}");
    if speed {
        let cpu = match cpu {
            Some(c) => format!(
                "; CPU {c:.2} s: {:.0} tokens/s of one core",
                tokens as f64 / c.max(0.01)
            ),
            None => String::new(),
        };
        println!(
            "model load {:.1} ms ({} pass{}); tagged {tokens} tokens in {:.3} s: {:.0} tokens/s wall clock (with hints){cpu}",
            load * 1e3,
            tagger.passes(),
            if tagger.passes() == 1 { "" } else { "es" },
            secs,
            tokens as f64 / secs.max(1e-9)
        );
    }
    Ok(0)
}

/// The process's user + system CPU time so far, from `/proc/self/stat`
/// (Linux; clock ticks of 1/100 s), or `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn demo(json: bool) -> io::Result<i32> {
    let article = khabar::parse_text(DEMO_ARTICLE).map_err(other)?;
    let mut out = io::stdout().lock();
    if json {
        writeln!(out, "{}", article.to_json())?;
    } else {
        write!(out, "{}", render(&article))?;
    }
    Ok(0)
}

/// A readable, plain-text rendering of an article: metadata, then paragraphs.
pub fn render(a: &Article) -> String {
    let mut s = String::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            s.push_str(&format!("{name:<10} {v}\n"));
        }
    };
    field("id", Some(a.id.clone()));
    field("title", a.title.clone());
    field("source", a.source.clone());
    field("dateline", a.dateline.clone());
    field("location", a.location.clone());
    field("author", a.author.clone());
    field("published", a.published.map(|p| p.to_string()));
    field("url", a.url.clone());
    field("language", a.language.clone());
    s.push_str(&format!("\n{} paragraphs:\n", a.paragraphs.len()));
    for (i, p) in a.paragraphs.iter().enumerate() {
        let flag = if p.repeats_lede {
            ", repeats the lede"
        } else {
            ""
        };
        s.push_str(&format!("[{i}] ({}{flag}) {}\n", p.kind, a.slice(p.span)));
    }
    // Entities: one line a thing, its mentions counted and their spellings.
    let mut things: Vec<(&str, &str, Option<&str>, Vec<&str>)> = Vec::new();
    for e in &a.entities {
        let text = a.slice(e.span);
        match things
            .iter_mut()
            .find(|t| t.0 == e.label && t.1 == e.canonical)
        {
            Some(t) => t.3.push(text),
            None => things.push((&e.label, &e.canonical, e.id.as_deref(), vec![text])),
        }
    }
    s.push_str(&format!(
        "\n{} entities ({} mentions):\n",
        things.len(),
        a.entities.len()
    ));
    for (label, canonical, id, texts) in &things {
        let mut forms: Vec<&str> = texts.clone();
        forms.sort_unstable();
        forms.dedup();
        let id = id.map(|i| format!(" {i}")).unwrap_or_default();
        s.push_str(&format!(
            "  {label:<5} {canonical}{id}  ×{}  [{}]\n",
            texts.len(),
            forms.join(", ")
        ));
    }
    s.push_str(&format!("\n{} quotes:\n", a.quotes.len()));
    for q in &a.quotes {
        let kind = if q.direct { "said" } else { "reported" };
        let via = q
            .via
            .as_deref()
            .map(|v| format!(" via {v}"))
            .unwrap_or_default();
        s.push_str(&format!(
            "  {} {kind}{via}: {}\n",
            q.speaker.as_deref().unwrap_or("?"),
            a.slice(q.span)
        ));
    }
    s.push_str(&format!("\n{} time expressions:\n", a.times.len()));
    for t in &a.times {
        let m = t
            .modifier
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let kind = format!("{:?}", t.kind).to_lowercase();
        s.push_str(&format!(
            "  {} → {}{m} [{kind}]\n",
            a.slice(t.span),
            t.value
        ));
    }
    s.push_str(&format!("\n{} quantities:\n", a.quantities.len()));
    for q in &a.quantities {
        let unit = q
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        let approx = if q.approximate { " (approximate)" } else { "" };
        s.push_str(&format!(
            "  {} → {}{unit}{approx}\n",
            a.slice(q.span),
            q.value
        ));
    }
    s
}

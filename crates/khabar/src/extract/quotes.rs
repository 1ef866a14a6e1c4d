//! Who said what: direct quotes in any marks and reported speech, each with its
//! speaker, reporting verb and the agency it came through.
//!
//! Arabic news puts the verb first (`وأوضح المتحدث الرسمي باسم التحالف ريان ديلون,
//! في تصريح لوكالة (سبونتيك), ان …`), so the speaker is read after the verb: a role
//! (`المتحدث الرسمي باسم التحالف`) and then a name. A bare role or no subject at all
//! (`وبين ان`, `وأكد على أن`) refers back to the last speaker with that role, or the
//! last speaker; a surname alone (`ديلون`) to the full name said before.
//!
//! Quote marks in real text do not pair reliably (`"` opens and `“` closes; an extra
//! closing mark; a name in scare quotes inside a quote), so marks are read as
//! opening or closing from the characters around them and paired with a stack.
//! Short quoted names (`"داعش"`, `قوات "قسد"`) are scare quotes, not statements.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lexicon::{fold, fold_into, OUTLETS};
use crate::model::{Article, Quote, Span};

/// The verb table is looked up for every word: the lexicons' fast hash.
type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<crate::lexicon::Fnv>>;

/// Reporting verb forms (folded, without a leading و/ف) → lemma.
static VERBS: LazyLock<FnvMap<String, String>> = LazyLock::new(|| {
    include_str!("../../data/reporting_verbs.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(form, lemma)| (fold(form), lemma.trim().to_owned()))
        .collect()
});

/// Role and title words (folded).
static ROLES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/roles.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| fold(l.trim()))
        .collect()
});

/// Country names without the article (folded).
static COUNTRIES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/countries.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| fold(l.trim()))
        .collect()
});

/// Complementisers that open reported speech (`ان`, `أن`, `إن`, `بأن`, `انه`, …).
fn is_complementiser(w: &str) -> bool {
    let w = fold(w);
    let w = w.strip_prefix('ب').unwrap_or(&w);
    matches!(
        w,
        "ان" | "انه" | "انها" | "انهم" | "انهما" | "انني" | "اننا"
    )
}

/// Words that end a speaker's name: prepositions, conjunctions, complementisers.
fn ends_subject(w: &str) -> bool {
    let f = fold(w);
    is_complementiser(w)
        || matches!(
            f.as_str(),
            // Folded forms: على → علي, إلى → الي.
            "في" | "من" | "علي" | "عن" | "الي" | "خلال" | "امس" | "اليوم" | "يوم" | "مساء" | "صباح" | "ل" | "الذي" | "التي" | "حيث" | "بعد" | "قبل" | "عبر" | "مع" | "لدي" | "لوكالة" | "لقناة" | "لصحيفة" | "ايضا" | "كذلك" | "نقلا"
                // A statement noun starts the verb's object (`رفض الناطق اتهام …`).
                | "اتهام" | "اتهامات" | "تصريح" | "تصريحات" | "بيان" | "قول" | "ما"
                // Adverbs and pronouns after a name (`محمد بن سلمان عقب مباحثات`,
                // `بوتن أمام خريجي`, `السيسي آنذاك`, `حماس وغيرها`, `قال غزاوي عنها`).
                | "عقب" | "امام" | "انذاك" | "حينها" | "منذ" | "اثناء" | "عنها" | "عنه" | "فيه" | "فيها"
                | "وغيرها" | "وغيره" | "وهو" | "وهي" | "نفسه" | "نفسها"
        )
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Letters, digits, Arabic marks and tatweel, and `%`; the Arabic block is
/// decided by ranges, since the Unicode tables are slow for it.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric() || c == '%',
        0x0621..=0x065F | 0x0660..=0x0669 | 0x0670..=0x06D3 | 0x06F0..=0x06F9 => true,
        0x0600..=0x06FF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Words of `text` with byte spans: runs of letters, digits and marks.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c);
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// The lemma of a reporting verb, with an optional leading و or ف. Called on
/// every word, so it folds into a reused buffer and skips words too short or
/// too long to be a listed form.
fn verb_lemma(w: &str) -> Option<&'static str> {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let n = w.len();
    if !(4..=24).contains(&n) {
        return None;
    }
    let verbs: &'static FnvMap<String, String> = &VERBS;
    BUF.with(|b| {
        let mut f = b.borrow_mut();
        f.clear();
        fold_into(w, &mut f);
        verbs
            .get(f.as_str())
            .or_else(|| f.strip_prefix(['و', 'ف']).and_then(|k| verbs.get(k)))
            .map(String::as_str)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '″')
}

/// Reads a mark as opening or closing from its neighbours: `«` opens and `»`
/// closes; otherwise a mark glued to the word after it opens, one glued to the
/// word before it closes.
fn classify(text: &str, i: usize, c: char) -> Mark {
    match c {
        '«' | '„' => return Mark::Open,
        '»' => return Mark::Close,
        _ => {}
    }
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let wordy = |c: Option<char>| c.is_some_and(is_word_char);
    match (wordy(before), wordy(after)) {
        (false, true) => Mark::Open,
        (true, false) => Mark::Close,
        _ => {
            // `الزور ".` — a mark before punctuation or the end closes.
            if after.is_none_or(|a| ".,،؛:!?؟".contains(a)) {
                Mark::Close
            } else {
                Mark::Either
            }
        }
    }
}

/// A pair of quote marks: the byte offsets of the opening and closing marks.
#[derive(Debug, Clone, Copy)]
struct Pair {
    open: usize,
    /// Where the quoted words start: just past the opening mark.
    inner: usize,
    close: usize,
}

/// Pairs the marks of one paragraph. Unpaired closers are returned too, so that
/// a quote opened by a scare-quoted first word (`ان "داعش" يعزز … والبوكمال“`) can
/// be recovered; an opener never closed runs to the paragraph's end.
fn pair_marks(text: &str) -> (Vec<Pair>, Vec<usize>) {
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let mut stray = Vec::new();
    for (i, c) in text.char_indices() {
        if !is_quote_mark(c) {
            continue;
        }
        let mark = match classify(text, i, c) {
            Mark::Either if stack.is_empty() => Mark::Open,
            Mark::Either => Mark::Close,
            m => m,
        };
        match mark {
            Mark::Open => stack.push((i, i + c.len_utf8())),
            _ => match stack.pop() {
                Some((open, inner)) => pairs.push(Pair {
                    open,
                    inner,
                    close: i,
                }),
                None => stray.push(i),
            },
        }
    }
    // Openers never closed: the quote runs to the end of the paragraph.
    for (open, inner) in stack {
        pairs.push(Pair {
            open,
            inner,
            close: text.len(),
        });
    }
    pairs.sort_by_key(|p| p.open);
    (pairs, stray)
}

/// The statement-introducing context just before byte `at`: a complementiser, a
/// colon or a reporting verb among the last three words.
fn introduced(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    if head.ends_with(':') {
        return true;
    }
    // Three words back are within the last 80 characters.
    let from = head.char_indices().rev().nth(80).map_or(0, |(i, _)| i);
    let head = &head[from..];
    let ws = words(head);
    ws.iter().rev().take(3).any(|w| {
        let s = &head[w.start..w.end];
        is_complementiser(s) || verb_lemma(s).is_some()
    })
}

/// `ووصف الفالح الاتهامات … بأنها "عبثية"`, `واصفاً ما قامت بـ"المذهل"`: a
/// one-word quotation right after `بـ` or `بأنه` that a verb of description
/// among the eight words before introduces.
fn described(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let from = head.char_indices().rev().nth(120).map_or(0, |(i, _)| i);
    let head = &head[from..];
    let ws = words(head);
    let Some(last) = ws.last() else { return false };
    let ends_by = head[last.end..].trim().is_empty()
        && matches!(
            fold(&head[last.start..last.end]).trim_end_matches('ـ'),
            "ب" | "بانه" | "بانها" | "بانهم"
        );
    ends_by
        && ws
            .iter()
            .rev()
            .take(8)
            .any(|w| verb_lemma(&head[w.start..w.end]) == Some("وصف"))
}

/// `مؤكدين أن "مئات الهكتارات" مهددة بالجفاف`: three words or fewer in marks
/// right after a bare complementiser, with the clause going on after the
/// closing mark, are a noun phrase in scare quotes inside reported speech,
/// not a quotation (`بأنها "غير عادلة".` and `أن "المعركة لم تنته"،` are).
fn scare_np(text: &str, pr: &Pair, words_inside: usize) -> bool {
    if words_inside > 3 {
        return false;
    }
    let head = &text[tail(text, 0, pr.open, 40)..pr.open];
    let bare = words(head)
        .last()
        .is_some_and(|w| matches!(fold(&head[w.start..w.end]).as_str(), "ان" | "انه" | "انها"));
    let after = text[pr.close..]
        .chars()
        .skip(1)
        .find(|c| !c.is_whitespace());
    bare && after.is_some_and(is_word_char)
}

/// A known speaker: canonical name and the role words said with it.
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    role: Vec<String>,
    /// Feminine (`قالت الوزارة`) or masculine (`قال المرصد`), as the verb
    /// said with the subject agreed; None when not known.
    fem: Option<bool>,
}

/// The speakers remembered so far (most recent last), and the unnamed
/// sources named later in the article (the name they were said with, the full
/// name), whose quotes take the full name once the article is read.
#[derive(Default)]
struct Speakers {
    list: Vec<Speaker>,
    renamed: Vec<(String, String)>,
}

impl std::ops::Deref for Speakers {
    type Target = Vec<Speaker>;
    fn deref(&self) -> &Vec<Speaker> {
        &self.list
    }
}

impl std::ops::DerefMut for Speakers {
    fn deref_mut(&mut self) -> &mut Vec<Speaker> {
        &mut self.list
    }
}

/// True when `s`, a speaker said without a name (`مدع عام ألماني`, `قناة
/// تلفزيونية إسرائيلية`: an indefinite noun and its adjectives), is the one now
/// named `name` with `role`: the same noun, now definite, with a person's name
/// after the role (`المدعي العام …، جورج غنتغ`) or as an organisation's name
/// (`القناة العاشرة`), and no other nationality.
fn unnamed_as(s: &Speaker, name: &str, role: &[String]) -> bool {
    let words: Vec<&str> = s.name.split(' ').collect();
    if words.len() < 2 || words.iter().any(|w| has_article(w)) || !name.contains(' ') {
        return false;
    }
    // `مدع` and `المدعي`: a defective noun drops its ي when indefinite.
    let key = |w: &str| {
        let k = role_key(w);
        k.strip_suffix('ي')
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(&k)
            .to_owned()
    };
    // The nationality said with the unnamed one, as a definite adjective.
    let said: Vec<String> = words[1..]
        .iter()
        .map(|w| fold(w))
        .filter(|f| is_nisba(f))
        .map(|f| format!("ال{f}"))
        .collect();
    match (s.role.first(), role.first()) {
        (Some(was), Some(now)) => {
            let now_adj = role_adjectives(role);
            s.name == s.role.join(" ")
                && has_article(now)
                && key(was) == key(now)
                && (said.is_empty()
                    || now_adj.is_empty()
                    || now_adj.iter().any(|a| said.contains(a)))
        }
        (None, None) => {
            let mut nw = name.split(' ').map(fold);
            let (Some(head), Some(second)) = (nw.next(), nw.next()) else {
                return false;
            };
            words[1..].iter().all(|w| is_nisba(&fold(w)))
                && head.strip_prefix("ال") == Some(fold(words[0]).as_str())
                && !is_definite_adjective(&second)
        }
        _ => false,
    }
}

/// Nouns for a group of unnamed sources (`مصادر طبية`, `محللون`): the speaker is
/// the noun with its adjectives.
fn is_group_head(f: &str) -> bool {
    matches!(
        f,
        "مصادر"
            | "مصدر"
            | "محللون"
            | "ناشطون"
            | "تقارير"
            | "شهود"
            | "خبراء"
            | "مسؤولون"
            | "دراسات"
            | "اخرون"
            | "منتقدوه"
            | "مراقبون"
    ) || is_construct_group(f)
}

/// Heads of unnamed sources that take a noun after them (`رجال أعمال`,
/// `أصحاب الشركات`, `أحد المحامين`, `العديد من الإسرائيليين`), folded.
fn is_construct_group(f: &str) -> bool {
    matches!(
        f,
        "رجال"
            | "اصحاب"
            | "احد"
            | "احدي"
            | "بعض"
            | "معظم"
            | "عدد"
            | "العديد"
            | "كثير"
            | "غالبيه"
            | "غالبية"
    )
}

/// An indefinite or definite nisba adjective (`طبية`, `يمنيون`, `الأميركي`),
/// folded: the words that go on after a group's head.
fn is_nisba(f: &str) -> bool {
    let f = f.strip_prefix("ال").unwrap_or(f);
    f.chars().count() >= 3
        && (f.ends_with('ي')
            || f.ends_with("يه")
            || f.ends_with("ية")
            || f.ends_with("يون")
            || f.ends_with("يين"))
}

/// True when the word carries the article as written (`الهيئة`, `والهيئة`,
/// `الْهيئة`): a word that starts with a hamza or madda (`آلان`, `ألمانيا`)
/// folds like one but has none.
fn has_article(s: &str) -> bool {
    let s = s.trim_start_matches(|c: char| {
        matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
    });
    let s = s.strip_prefix('و').unwrap_or(s);
    s.starts_with("ال") || s.starts_with("ٱل")
}

/// True when a word is an everyday word (the entities stage's common words)
/// and no given name: `وقوع`, `استمرار`, not `كمال`.
fn is_everyday_word(s: &str) -> bool {
    let key = crate::entities::fold_key(s);
    crate::entities::rules::is_common(&key) && !crate::entities::rules::is_given_name(&key)
}

/// Documents that speak for whoever issued them (`البيان`, `تقرير`).
fn is_document(f: &str) -> bool {
    let f = f.strip_prefix("ال").unwrap_or(f);
    matches!(
        f,
        "بيان" | "تقرير" | "تصريح" | "دراسه" | "دراسة" | "تغريده" | "تغريدة"
    )
}

/// Weekdays and other words of time that follow a verb's subject (`أعلن القضاء
/// الإيراني الأحد`), folded.
fn is_time_word(f: &str) -> bool {
    let f = f.strip_prefix('و').unwrap_or(f);
    // `أحد المحامين`: bare `أحد` is "one of", `الأحد` the weekday.
    if f == "احد" {
        return false;
    }
    let f = f.strip_prefix("ال").unwrap_or(f);
    matches!(
        f,
        "احد"
            | "اثنين"
            | "ثلاثاء"
            | "اربعاء"
            | "خميس"
            | "جمعه"
            | "جمعة"
            | "سبت"
            | "امس"
            | "يوم"
            | "ليله"
            | "ليلة"
            | "اسبوع"
            | "شهر"
            | "عام"
    )
}

/// Words after a subject that end it: the verb's object or complement.
fn is_object_noun(f: &str) -> bool {
    matches!(
        f,
        "الاتهامات"
            | "الاتهام"
            | "الانباء"
            | "التقارير"
            | "قوله"
            | "قولها"
            | "قولهم"
            | "قد"
            | "بدوره"
            | "بدورها"
            | "المعنية"
            | "المعني"
            | "بالقول"
    )
}

/// The role words at the start of `ws` (`الناطق باسم السفارة`), if it starts
/// with one.
fn apposition(text: &str, ws: &[Word]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().take(4).enumerate() {
        let s = &text[w.start..w.end];
        let f = fold(s);
        if i == 0 && !ROLES.contains(&f) {
            break;
        }
        if i > 0 && !(f.starts_with("ال") || f == "باسم") {
            break;
        }
        out.push(s.to_owned());
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Nothing read yet.
    Start,
    /// Role words (`وزير الأمن الإسرائيلي`), waiting for a name.
    Role,
    /// A person's name (`جلعاد أردان`).
    Person,
    /// An organisation (`الجهاز المركزي المصري للتعبئة العامة والإحصاء`).
    Org,
    /// Unnamed sources (`مصادر طبية`).
    Group,
}

/// Reads the subject after a reporting verb: role words, then a name, which is a
/// person's (`المتحدث الرسمي باسم التحالف ريان ديلون`, `الرئيس التركي، رجب طيب
/// أردوغان`), an organisation's (`الجهاز المركزي المصري للتعبئة العامة
/// والإحصاء`), unnamed sources' (`مصادر طبية`) or a document's issuer (`بيان صادر
/// عن جاسم آل ثاني`). Returns (role words, name) with the name possibly empty.
fn subject(text: &str, ws: &[Word], from: usize, ents: &[Ent]) -> (Vec<String>, Option<String>) {
    let SubjectRead {
        role,
        name,
        name_at,
        reach,
        after_comma,
    } = subject_words(text, ws, from);
    // `رئيسة لجنة نوبل للسلام`: the reading stops at a body's head with `ل`;
    // the head belongs to the role (whose chair), for back references.
    let mut role = role;
    if name.is_none() && role.len() == 1 {
        // The reading took the head's word (it reached its end) and stopped.
        if let Some(n) = ws.iter().find(|w| w.end == reach) {
            let h = &text[n.start..n.end];
            if h.starts_with('ل') && is_org_head(&fold(h)) && role[0] != h {
                role.push(h.to_owned());
            }
        }
    }
    // `وقالت منظمة السباق، نديمة أبو العينين`, `وقالت وزارة الخارجية، ماريا
    // زاخاروفا`: a person in apposition right after a body's name speaks.
    if let Some(p) = after_comma.and_then(|k| person_at(text, ws, ents, k)) {
        return (role, Some(p));
    }
    // `شبكة NBC الأمريكية`, `محطة (WILX) التلفزيونية`: a channel or body
    // named in Latin letters is known by that name.
    if let Some(latin) = name_at.and_then(|(a, first_end, _)| {
        is_media_head(&fold(&text[a..first_end]))
            .then(|| latin_name(&text[first_end..]))
            .flatten()
    }) {
        return (role, Some(latin));
    }
    let start = ws.get(from).map_or(reach, |w| w.start);
    let name_words = name.as_deref().map_or(0, |n| n.split(' ').count());
    // After role words (`المتحدث باسم وزارة الخارجية الروسية ماريا زاخاروفا`)
    // the person named before the subject's end speaks, wherever the reading
    // of the words stopped.
    // A person inside the name as read is left to [`entity_speaker`]: the
    // name may be longer than the mention (`غلام حسين محسني ايجي`).
    // `مايك بنس، نائب الرئيس الأمريكي، دونالد ترامب`: a name first, its role
    // after it in apposition; the person in that role (whose deputy) is not
    // the subject.
    let appositive = name_at.is_some_and(|(a, _, _)| a == start);
    let person = if role.is_empty() || appositive {
        None
    } else {
        let inside = |e: &Ent| name_at.is_some_and(|(a, _, b)| a <= e.start && e.start < b);
        // `الرئيس الفرنسي إيمانويل ماكرون الخميس في العاصمة البلغارية صوفيا`:
        // past a name, a time word ends the subject; what follows is where
        // and when it was said.
        let mut end = subject_end(text, ws, from);
        // `الرئيس الأمريكي دونالد ترامب، قبول استقالة …، نيكي هايلي`: a full
        // name read with its person ends the subject at the next comma.
        if let Some((a, _, b)) = name_at {
            let person_inside = first_entity(text, ents, a, b).any(|e| e.person && e.start < b);
            if name_words >= 2 && person_inside {
                if let Some(c) = text.get(b..end).and_then(|t| t.find([',', '،'])) {
                    end = b + c;
                }
            }
        }
        if let Some((_, _, b)) = name_at {
            if let Some(t) = ws
                .iter()
                .skip(from)
                .take_while(|w| w.start < end)
                .find(|w| w.start >= b && is_time_word(&fold(&text[w.start..w.end])))
            {
                end = t.start;
            }
        }
        // `مدير مطعم كوري شمالي`: a mention the reading took as a role word
        // (a nisba tagged as a person) is no person.
        let role_word = |e: &Ent| role.iter().any(|r| fold(r) == fold(&text[e.start..e.end]));
        first_entity(text, ents, start, end)
            .find(|e| e.person && !inside(e) && !role_word(e) && !after_place_noun(text, e.start))
    };
    // `الهيئة`, `الوزارة`: a back reference, resolved against the speakers
    // (see [`resolve`]), not against whatever the entities stage linked it to.
    // A mention running past the word (`آلان دوهاز`, where `آلان` folds like
    // `الآن`) is a name, not a back reference.
    let longer_mention = name_at.is_some_and(|(a, _, b)| starting_at(ents, a).any(|e| e.end > b));
    let back_reference = role.is_empty()
        && !longer_mention
        && name
            .as_deref()
            .is_some_and(|n| !n.contains(' ') && has_article(n));
    // `المحامية غلوريا أبرد`: a definite noun, then a person.
    // The word after the definite noun: `reach` may lie past it, at the end of
    // the word that stopped the reading.
    let noun_end = name_at.map_or(reach, |(_, _, b)| b);
    let titled_person = if back_reference {
        ws.iter()
            .find(|w| w.start >= noun_end)
            .filter(|w| !text[noun_end..w.start].contains([',', '،', '.', ':', '"', '“', '«']))
            .and_then(|w| starting_at(ents, w.start).find(|e| e.person))
    } else {
        None
    };
    if let Some(e) = titled_person {
        return (role, Some(e.canonical.to_owned()));
    }
    if back_reference {
        return (role, name);
    }
    // `رئيسة لجنة نوبل للسلام بيريت ريس أندرسون`, tagged `ريس أندرسون`: the
    // unknown word right before the person is their first name.
    if let Some(full) = person.and_then(|e| {
        let k = ws.partition_point(|w| w.start < e.start);
        (k > from && ws.get(k).is_some_and(|w| w.start == e.start))
            .then(|| first_name_before(text, ws, ents, k - 1, e))
            .flatten()
    }) {
        return (role, Some(full));
    }
    let is_role_word = |c: &str| role.iter().any(|r| fold(r) == fold(c));
    match person.map(|e| e.canonical).or_else(|| {
        entity_speaker(text, ents, start, name_at, name_words, reach).filter(|c| !is_role_word(c))
    }) {
        // `آلان دوهاز` read whole, `آلان` as the canonical name: the full
        // name as written says more.
        Some(c)
            if !c.contains(' ')
                && name
                    .as_deref()
                    .is_some_and(|n| n.contains(' ') && n.split(' ').any(|w| w == c)) =>
        {
            (role, name)
        }
        Some(c) => (role, Some(c.to_owned())),
        None => {
            // `ووصف مستخدمو مواقع التواصل الاجتماعي ديشباندي بأنها`: a person
            // after a definite word ends the name as read, the verb's object.
            let cut = name_at.and_then(|(a, _, b)| {
                let e = first_entity(text, ents, a + 1, b).find(|e| e.person && e.end == b)?;
                let before = text[a..e.start].trim_end();
                let last = before.rsplit(' ').next()?;
                (has_article(last) && before.contains(' ')).then(|| before.to_owned())
            });
            (role, cut.or(name))
        }
    }
}

/// The person whose name starts at word `k` (`ws[k]`): a person mention
/// starting there, or one starting at the next word after an untagged first
/// name (see [`first_name_before`]). Their canonical name.
fn person_at(text: &str, ws: &[Word], ents: &[Ent], k: usize) -> Option<String> {
    let w = ws.get(k)?;
    if let Some(e) = starting_at(ents, w.start).find(|e| e.person) {
        return Some(e.canonical.to_owned());
    }
    let n = ws.get(k + 1)?;
    let e = starting_at(ents, n.start).find(|e| e.person)?;
    first_name_before(text, ws, ents, k, e)
}

/// The full name of the person mention `e` when the word `ws[j]` right before
/// it is an untagged first name: joined by a space only, no article, no role,
/// everyday word, verb, country or time word, in no other mention, and the
/// mention written as its canonical name (`بيريت` + `ريس أندرسون`).
fn first_name_before(text: &str, ws: &[Word], ents: &[Ent], j: usize, e: &Ent) -> Option<String> {
    let w = ws.get(j)?;
    let s = &text[w.start..w.end];
    let f = fold(s);
    let key = crate::entities::fold_key(s);
    let given = crate::entities::rules::is_given_name(&key);
    let unknown = !has_article(s)
        && f.chars().count() >= 3
        && s.chars().all(|c| c.is_alphabetic())
        && !ROLES.contains(&f)
        && !COUNTRIES.contains(&f)
        && !is_time_word(&f)
        && !ends_subject(s)
        && !is_org_head(&f)
        && !is_compass(&f)
        && !s.starts_with('ل')
        && verb_lemma(s).is_none()
        && !crate::entities::rules::is_common(&key)
        && !crate::entities::rules::is_verb(&key);
    let joined = text[w.end..e.start].chars().all(|c| c == ' ');
    let covered = ents.iter().any(|x| x.start <= w.start && w.start < x.end);
    (joined && !covered && (given || unknown) && text[e.start..e.end] == *e.canonical)
        .then(|| format!("{s} {}", e.canonical))
}

/// Heads of media names (`شبكة`, `محطة`, `قناة`, `صحيفة`, `مجلة`, `وكالة`),
/// folded: a channel named in Latin letters after one is known by that name
/// alone (a company keeps its head: `شركة Eichbaum للمشروبات الكحولية`).
fn is_media_head(f: &str) -> bool {
    matches!(
        f,
        "شبكة"
            | "شبكه"
            | "محطة"
            | "محطه"
            | "قناة"
            | "قناه"
            | "صحيفة"
            | "صحيفه"
            | "مجلة"
            | "مجله"
            | "وكالة"
            | "وكاله"
    )
}

/// The name in Latin letters right at the start of `rest` (past spaces and
/// one opening parenthesis or quote mark): `NBC`, `WILX`, `Fitch Ratings`;
/// None when `rest` starts with anything else.
fn latin_name(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    let r = r
        .strip_prefix(['(', '"', '«', '“'])
        .unwrap_or(r)
        .trim_start();
    let len = r
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-')))
        .unwrap_or(r.len());
    let name = r[..len].trim_end_matches([' ', '.', '-']);
    (name.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2).then(|| name.to_owned())
}

/// Where the words after a verb at `from` stop being its subject: at a
/// preposition, complementiser or another verb, a quote mark, colon or full
/// stop, or twelve words on.
fn subject_end(text: &str, ws: &[Word], from: usize) -> usize {
    let mut end = ws.get(from).map_or(text.len(), |w| w.start);
    let mut last = from
        .checked_sub(1)
        .and_then(|k| ws.get(k))
        .map_or(0, |w| w.end);
    for (k, w) in ws.iter().enumerate().skip(from).take(12) {
        let s = &text[w.start..w.end];
        // `مندوب روسيا لدى الأمم المتحدة`, `… للمصالحة في سوريا`: a place in
        // the role.
        let place = matches!(fold(s).as_str(), "في" | "لدي")
            && ws.get(k + 1).is_some_and(|n| {
                let f = fold(&text[n.start..n.end]);
                f.starts_with("ال")
                    || COUNTRIES.contains(&f)
                    || is_place_or_body(&f)
                    // `وزير الإعلام في جنوب السودان، مايكل ماكوي`
                    || is_compass(&f)
            });
        if text[last..w.start].contains(['"', '“', '”', '«', '»', ':', '.', '؟'])
            || (ends_subject(s) && !place)
            // `بين` alone is "between" (`للمصالحة بين الأطراف`).
            || (verb_lemma(s).is_some() && fold(s) != "بين")
        {
            break;
        }
        end = w.end;
        last = w.end;
    }
    end
}

/// The entities starting at a word's start in `a..b`, in order.
fn first_entity<'e, 'a>(
    text: &'e str,
    ents: &'e [Ent<'a>],
    a: usize,
    b: usize,
) -> impl Iterator<Item = &'e Ent<'a>> + 'e {
    starting_in(ents, a, b).iter().filter(move |e| {
        !text[..e.start]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
    })
}

/// The entities starting in bytes `a..b` (binary searches: `ents` is sorted
/// by start).
fn starting_in<'e, 'a>(ents: &'e [Ent<'a>], a: usize, b: usize) -> &'e [Ent<'a>] {
    let lo = ents.partition_point(|e| e.start < a);
    let hi = lo + ents[lo..].partition_point(|e| e.start < b);
    &ents[lo..hi]
}

/// The entities starting exactly at byte `at`.
fn starting_at<'e, 'a>(ents: &'e [Ent<'a>], at: usize) -> impl Iterator<Item = &'e Ent<'a>> + 'e {
    starting_in(ents, at, at + 1).iter()
}

/// A person or organisation the entities stage found, paragraph-relative.
#[derive(Debug, Clone, Copy)]
struct Ent<'a> {
    start: usize,
    end: usize,
    person: bool,
    canonical: &'a str,
}

/// The canonical name of the entity a subject names. `start..reach` is the
/// subject as read: role words, then the name at `name_at`, its first word
/// ending at `name_at.1`. An entity starting in the name's first word wins when
/// it runs to the name's end or its canonical name is the longer (`المرصد` read
/// as `المرصد الجهة` is `المرصد السوري لحقوق الإنسان`); a shorter one
/// (`معهد التنمية` in `معهد التنمية الخارجية`) leaves the name as read. A role
/// without a name read after it (`المتحدث باسم التحالف`, where `التحالف` is whose
/// spokesman, not the speaker) takes a person starting in the subject, else
/// keeps the role. A mention starting inside a word (`ريكين` in `بريكين`, a
/// letter taken for a clitic) is not the subject: a subject takes no
/// preposition.
fn entity_speaker<'a>(
    text: &str,
    ents: &[Ent<'a>],
    start: usize,
    name_at: Option<(usize, usize, usize)>,
    name_words: usize,
    reach: usize,
) -> Option<&'a str> {
    let within = |a: usize, b: usize| first_entity(text, ents, a, b);
    match name_at {
        Some((a, first_end, b)) => within(a, first_end)
            .find(|e| {
                e.end >= b
                    || e.canonical.split(' ').count() > name_words
                    // `ترامب العقوبات المفروضة`: a person's name, then the
                    // verb's object.
                    || (e.person
                        && e.canonical.contains(' ')
                        && text[e.end..b].trim_start().starts_with("ال"))
            })
            // `وزارة الخارجية ماريا زاخاروفا` read as one name: the person
            // after the organisation, at its end.
            .or_else(|| {
                let org = within(a, first_end).find(|e| !e.person)?;
                within(org.end, b).find(|e| e.person && e.end >= b)
            }),
        None => within(start, reach).find(|e| e.person),
    }
    .map(|e| e.canonical)
}

/// Reads the words of a subject (see [`subject`]): role words, the name, the
/// name's byte range and the end of the last word looked at.
fn subject_words(text: &str, ws: &[Word], from: usize) -> SubjectRead {
    let mut role: Vec<String> = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    let mut state = Reading::Start;
    let mut after_comma = None;
    // From the end of the verb, so a mark right after it is seen.
    let mut last_end = from
        .checked_sub(1)
        .and_then(|k| ws.get(k))
        .map_or(0, |w| w.end);
    let mut k = from;
    let limit = from + 16;
    while k < ws.len().min(limit) {
        let w = ws[k];
        let gap = &text[last_end..w.start];
        // A quote mark, colon or full stop ends the subject even before it starts
        // (`وأضاف “…`); a comma or parenthesis ends a name once it has begun, but
        // not a role, which a comma may separate from its name.
        // `رئيس "سيسكو" تشاك روبنز`: an organisation in marks inside a role.
        let marked_org = state == Reading::Role && !gap.contains([':', '.', '؟']);
        if gap.contains(['"', '“', '”', '«', '»', ':', '.', '؟']) && !marked_org {
            break;
        }
        let comma = gap.contains([',', '،', '(', ')']);
        if comma && matches!(state, Reading::Person | Reading::Org | Reading::Group) {
            // `جاسم آل ثاني، الناطق باسم السفارة`: the role after the name.
            if state == Reading::Person && role.is_empty() {
                role.extend(apposition(text, &ws[k..]));
            }
            if state == Reading::Org && gap.contains([',', '،']) && !gap.contains(['(', ')']) {
                after_comma = Some(k);
            }
            break;
        }
        let s = &text[w.start..w.end];
        let f = fold(s);
        // `ووصفها بـ"الشخص الرائع"`: a preposition alone is no subject.
        if matches!(f.trim_end_matches('ـ'), "ب" | "ل" | "ك") {
            break;
        }
        let next = ws.get(k + 1).map(|n| fold(&text[n.start..n.end]));
        let next_al = next.as_deref().is_some_and(|n| n.starts_with("ال"));
        // `مسؤول في مكتب الإدارة`: a noun in construct with a definite one.
        let next2_al = state == Reading::Role
            && ws
                .get(k + 2)
                .is_some_and(|n| fold(&text[n.start..n.end]).starts_with("ال"))
            && ws.get(k + 1).is_some_and(|n| {
                !text[w.end..n.start].contains([',', '،'])
                    && is_place_or_body(&fold(&text[n.start..n.end]))
            });
        let is_al = has_article(s);
        let is_lal = f.starts_with("لل") || f.starts_with("لـ");
        // `مراراً`: an adverb (with tanween) is no part of a name.
        let adverb = s.contains(['\u{064B}', '\u{064C}', '\u{064D}']);
        if verb_lemma(s).is_some()
            || (adverb && state != Reading::Start)
            || is_object_noun(&f)
            || (is_time_word(&f)
                && !(state == Reading::Role && f.strip_prefix("ال").unwrap_or(&f) == "عام"))
        {
            break;
        }
        // `بيان صادر عن …`, `تقرير من …`, `بيان بموقع …`: the issuer speaks.
        if state == Reading::Start && is_document(&f) {
            let mut j = k + 1;
            let mut via_issuer = false;
            while j < ws.len().min(k + 4) {
                let g = fold(&text[ws[j].start..ws[j].end]);
                // `التقرير الذي نشرته القناة`: past the relative pronoun.
                if matches!(
                    g.as_str(),
                    "صادر" | "الصادر" | "الصادرة" | "صادرة" | "الذي" | "التي"
                ) {
                    j += 1;
                    continue;
                }
                // `بيان نشرته وكالة الأنباء …`, `دراسة نشرها منظمو المنتدى`.
                via_issuer = matches!(
                    g.as_str(),
                    "عن" | "من"
                        | "بموقع"
                        | "لموقع"
                        | "نشرته"
                        | "نشرتها"
                        | "نشره"
                        | "نشرها"
                        | "اصدرته"
                        | "اصدرتها"
                        | "اصدره"
                        | "اصدرها"
                );
                break;
            }
            if via_issuer && !text[ws[k].end..ws[j].start].contains(['.', ':', '"']) {
                last_end = ws[j].end;
                k = j + 1;
                continue;
            }
            // `تقرير الهيئة`: the issuer in the genitive.
            if next_al && !ends_subject(&text[ws[k + 1].start..ws[k + 1].end]) {
                last_end = w.end;
                k += 1;
                state = Reading::Org;
                continue;
            }
            name.push(s);
            break;
        }
        // `أعلن استعداده`: a noun with a pronoun is the verb's object.
        if state == Reading::Start
            && s.chars().count() >= 6
            && (s.ends_with('ه') || s.ends_with("ها") || s.ends_with("هم"))
            && !f.starts_with("عبد")
            && !f.ends_with("يه")
            && !f.ends_with("له")
            && !ROLES.contains(&f)
        {
            break;
        }
        last_end = w.end;
        match state {
            Reading::Start | Reading::Role if name.is_empty() => {
                if state == Reading::Start && is_org_head(&f) {
                    state = Reading::Org;
                    name.push(s);
                } else if ROLES.contains(&f) && !is_group_head(&f) {
                    state = Reading::Role;
                    role.push(s.to_owned());
                } else if state == Reading::Role
                    && !ends_subject(s)
                    && (is_al
                        || is_lal
                        || f == "عام"
                        || f == "باسم"
                        || COUNTRIES.contains(&f)
                        || (matches!(f.as_str(), "لدي" | "في") && (next_al || next2_al))
                        // `ناطقة باسم لويدز`: whose spokesman, named.
                        || role.last().is_some_and(|r| fold(r) == "باسم")
                        // `مدير مطعم كوري شمالي`: a place of work and its
                        // adjectives.
                        || (!comma && next.as_deref().is_some_and(|n| is_nisba(n) && !n.starts_with("ال")) && !is_nisba(&f))
                        || (!comma && role.len() >= 2 && is_nisba(&f) && !is_al)
                        // `مسؤول عسكري روسي`: an indefinite head and its
                        // adjectives.
                        || (!comma
                            && role.len() == 1
                            && !has_article(&role[0])
                            && !is_al
                            && is_nisba(&f)
                            && !ROLES.contains(&f)
                            && next.as_deref().is_none_or(|n| !n.starts_with("ال"))))
                {
                    // `وزير الأمن الإسرائيلي`, `مندوب فلسطين لدى الأمم المتحدة`.
                    role.push(s.to_owned());
                } else if ends_subject(s) {
                    break;
                } else if is_group_head(&f) || f.strip_prefix("ال").is_some_and(is_group_head) {
                    state = Reading::Group;
                    name.push(s);
                } else if state == Reading::Start && (is_al || is_org_head(&f)) {
                    state = Reading::Org;
                    name.push(s);
                } else if state == Reading::Role && !comma && f.ends_with("ات") {
                    // `نفى المتحدث اتهامات روسيا`: the verb's object.
                    break;
                } else if s.starts_with('ل') || f.starts_with("بال") {
                    break;
                } else if state == Reading::Role && is_everyday_word(s) {
                    // `أكد متحدث باسم الشرطة وقوع الهجوم`: after a role, an
                    // everyday word is the verb's object, not a name.
                    break;
                } else {
                    state = Reading::Person;
                    name.push(s);
                }
            }
            Reading::Person => {
                let prev = name.last().map(|p| fold(p)).unwrap_or_default();
                let joins = matches!(prev.as_str(), "بن" | "ابن" | "ال" | "ابو" | "عبد" | "بنت");
                // `قطر للبترول`: a place and a trade is a company.
                let company = is_lal && name.len() == 1 && COUNTRIES.contains(&fold(name[0]));
                // `عمر البشير ترحيبه`: a noun with a pronoun is the verb's object.
                // `روما رفضها`, `معلومات قدمها`: after one word, only `ها`
                // and `هم`, which end few names.
                let object = f.chars().count() >= 5
                    && ((name.len() >= 2 && f.ends_with('ه'))
                        || f.ends_with("ها")
                        || f.ends_with("هم"));
                // An ال-word goes on a name (`يحي السنوار`) unless it is a
                // role in apposition (`سايمون ويزمان الباحث`).
                if ROLES.contains(&f)
                    || ROLES.contains(f.strip_prefix("ال").unwrap_or(&f))
                    || (s.starts_with('ل') && !joins && !company)
                    || f.starts_with("بال")
                    // `محمد بن سلمان بمؤتمر صحافي`
                    || (f.starts_with("بم") && f.chars().count() >= 5)
                    || ends_subject(s)
                    || object
                    || name.len() >= 6
                    // `بيانات استند إليها`: a verb ends a one-word name
                    // (not `مهرجان كان`, the city).
                    || (name.len() == 1
                        && crate::entities::rules::is_verb(&crate::entities::fold_key(s)))
                {
                    break;
                }
                name.push(s);
            }
            Reading::Org => {
                let had_al = name.iter().any(|n| fold(n).starts_with("ال"));
                if matches!(f.as_str(), "لدي") && next_al {
                    name.push(s);
                } else if f == "في" && next.as_deref().is_some_and(|n| COUNTRIES.contains(n)) {
                    // `سفارة المملكة العربية السعودية في ألمانيا`: the country
                    // ends the name.
                    name.push(s);
                    if let Some(n) = ws.get(k + 1) {
                        name.push(&text[n.start..n.end]);
                        last_end = n.end;
                    }
                    break;
                } else if ends_subject(s) || name.len() >= 8 {
                    break;
                } else if s
                    .strip_prefix('ل')
                    .map(|r| r.trim_start_matches('ـ'))
                    .is_some_and(|r| OUTLETS.get(r).is_some())
                {
                    // `وقال المرصد السوري لحقوق الإنسان لرويترز`
                    break;
                } else if is_al
                    && !is_nisba(&f)
                    && name.len() >= 2
                    && name
                        .last()
                        .is_some_and(|l| has_article(l) && is_nisba(&fold(l)))
                {
                    // `وزارة الدفاع الأميركية البنتاغون`: after the name's
                    // adjective, a definite noun is another name for it.
                    break;
                } else if is_al || s.starts_with('ل') || (!had_al && !f.starts_with("بال")) {
                    name.push(s);
                } else {
                    break;
                }
            }
            Reading::Group => {
                let prev = name.last().map(|p| fold(p)).unwrap_or_default();
                let construct = name.len() == 1 && is_construct_group(&prev);
                if is_al && name.len() == 1 && has_article(name[0]) && is_nisba(&f) && !construct {
                    // `المسؤولون الصينيون`: a definite head and its adjective.
                    name.push(s);
                } else if construct && f == "من" && next_al {
                    // `العديد من الإسرائيليين`
                    name.push(s);
                } else if (construct && (is_al || prev == "رجال")) || (prev == "من" && is_al)
                {
                    // `أصحاب الشركات`, `رجال أعمال`, `أحد المحامين`
                    name.push(s);
                } else if is_al
                    || ends_subject(s)
                    || s.starts_with('ل')
                    || name.len() >= 3
                    || !(is_nisba(&f)
                        || matches!(
                            f.as_str(),
                            "رفيع"
                                | "مطلع"
                                | "مطلعة"
                                | "مقرب"
                                | "مقربة"
                                | "بارز"
                                | "كبير"
                                | "اخري"
                                | "اخرون"
                        ))
                {
                    break;
                } else {
                    name.push(s);
                }
            }
            _ => break,
        }
        k += 1;
    }
    if state == Reading::Person && role.is_empty() {
        role.extend(apposition(text, ws.get(k..).unwrap_or(&[])));
    }
    // `… في` left hanging, `وكالة … الرسمية`: not part of the name; but
    // `الجريدة الرسمية` (the official gazette) is a name of two words.
    while name.len() > 1
        && name.last().is_some_and(|l| {
            let l = fold(l);
            l == "في" || (name.len() > 2 && matches!(l.as_str(), "الرسميه" | "الرسمية" | "الرسمي"))
        })
    {
        name.pop();
    }
    // The name's words are slices of `text`: their offsets give its range.
    let offset = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let name_at = match (name.first(), name.last()) {
        (Some(a), Some(b)) => Some((offset(a), offset(a) + a.len(), offset(b) + b.len())),
        _ => None,
    };
    let name = (!name.is_empty()).then(|| name.join(" "));
    SubjectRead {
        role,
        name,
        name_at,
        reach: last_end,
        after_comma,
    }
}

/// A subject as [`subject_words`] read it.
struct SubjectRead {
    role: Vec<String>,
    name: Option<String>,
    /// The name's start, its first word's end and its end (bytes).
    name_at: Option<(usize, usize, usize)>,
    /// The end of the last word looked at.
    reach: usize,
    /// The word after a comma that ended an organisation's name (`منظمة
    /// السباق، نديمة أبو العينين`), if one did.
    after_comma: Option<usize>,
}

fn is_org_head(f: &str) -> bool {
    matches!(
        f,
        "وزاره"
            | "وزارة"
            | "وكالة"
            | "حركة"
            | "حزب"
            | "قوات"
            | "جيش"
            | "تنظيم"
            | "جبهة"
            | "منظمة"
            | "مجلس"
            | "هيئة"
            | "لجنة"
            | "روسيا"
            | "الحكومة"
            | "قوى"
            | "شركة"
            | "شركه"
            | "مصرف"
            | "بنك"
            | "معهد"
            | "مكتب"
            | "نقابة"
            | "نقابه"
            | "محكمة"
            | "محكمه"
            | "مجلة"
            | "صحيفة"
            | "شبكة"
            | "البعثة"
            | "المرصد"
            | "قيادة"
            | "منظمه"
            | "هيئه"
            | "لجنه"
            | "جبهه"
            | "حركه"
            | "سفارة"
            | "سفاره"
            | "قنصلية"
            | "قنصليه"
            | "مجموعة"
            | "مجموعه"
            // Police, channels, foundations, centres, associations, unions,
            // chambers and funds (`ألقت شرطة ولاية ميشيغان …` … `وأشارت الشرطة`).
            | "شرطة"
            | "شرطه"
            | "قناة"
            | "قناه"
            | "محطة"
            | "محطه"
            | "مؤسسة"
            | "مؤسسه"
            | "مركز"
            | "جمعية"
            | "جمعيه"
            | "اتحاد"
            | "غرفة"
            | "غرفه"
            | "صندوق"
            // `جماعة "جيش الإسلام"` … `وقالت الجماعة`.
            | "جماعة"
            | "جماعه"
    )
}

/// `في تصريح لوكالة (سبونتيك)`, `لـ«رويترز»`, `نقلت وكالة رويترز`: the outlet a
/// statement came through, by name, allowing one edit of misspelling.
fn via(text: &str) -> Option<String> {
    let ws = words(text);
    for (k, w) in ws.iter().enumerate() {
        let f = fold(&text[w.start..w.end]);
        let trigger = matches!(
            f.as_str(),
            "لوكالة"
                | "لوكاله"
                | "وكالة"
                | "لقناة"
                | "لصحيفة"
                | "لموقع"
                | "ل"
                | "لـ"
        );
        // `وقال المرصد … لرويترز`: the outlet with its `ل`.
        if let Some(o) = text[w.start..w.end]
            .strip_prefix('ل')
            .map(|r| r.trim_start_matches('ـ'))
            .and_then(|r| OUTLETS.get(r))
        {
            return Some(o.to_owned());
        }
        if !trigger {
            continue;
        }
        for n in ws.iter().skip(k + 1).take(2) {
            let s = text[n.start..n.end].trim_start_matches('ـ');
            if let Some(o) = OUTLETS.get(s) {
                return Some(o.to_owned());
            }
            if let Some(o) = near_outlet(s) {
                return Some(o);
            }
        }
    }
    None
}

/// An organisation of the built-in gazetteers that `s` names, exactly or
/// misspelt by one edit (`سبونتيك` is `سبوتنيك`; see
/// [`crate::entities::canonical::near`]).
fn near_outlet(s: &str) -> Option<String> {
    let g = crate::entities::Gazetteer::builtin();
    crate::entities::canonical::near(g, s, crate::entities::Label::Org).map(|(c, _)| c)
}

/// Finds the quotes of an article. Speakers are canonical names: a surname or a
/// bare role said after a full name resolves to it.
///
/// ```
/// let a = khabar::parse_text(
///     "عنوان\n\nوأوضح المتحدث باسم التحالف ريان ديلون, في تصريح لوكالة (رويترز), ان \"التحالف يواصل عملياته في المنطقة\".\n\n\
///      وأضاف ديلون أن \"الأولوية الآن هي تعزيز السيطرة على الحقل\".",
/// )?;
/// let quotes = khabar::extract::quotes::extract(&a);
/// assert_eq!(quotes.len(), 2);
/// assert_eq!(quotes[0].speaker.as_deref(), Some("ريان ديلون"));
/// assert_eq!(quotes[0].via.as_deref(), Some("رويترز"));
/// assert_eq!(quotes[1].speaker.as_deref(), Some("ريان ديلون"));
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn extract(a: &Article) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut speakers = Speakers::default();
    // People and organisations by start: a subject that names one is spoken
    // by its canonical name.
    let mut ents: Vec<Ent> = a
        .entities
        .iter()
        .filter(|e| matches!(e.label.as_str(), "PER" | "ORG"))
        .map(|e| Ent {
            start: e.span.start,
            end: e.span.end,
            person: e.label == "PER",
            canonical: &e.canonical,
        })
        .collect();
    ents.sort_by_key(|e| e.start);
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let text = a.slice(p.span);
        let lo = ents.partition_point(|e| e.start < p.span.start);
        let hi = ents.partition_point(|e| e.start < p.span.end);
        let local: Vec<Ent> = ents[lo..hi]
            .iter()
            .map(|e| Ent {
                start: e.start - p.span.start,
                end: e.end - p.span.start,
                ..*e
            })
            .collect();
        paragraph(
            text,
            p.span.start,
            pi as i64,
            &local,
            Before {
                text: &a.text,
                people: &ents[..hi],
            },
            &mut speakers,
            &mut out,
        );
    }
    // Unnamed sources named later speak by that name (the first naming
    // wins; a chain of renames is followed a few steps).
    if !speakers.renamed.is_empty() {
        let mut renamed: std::collections::HashMap<&str, &str> = Default::default();
        for (old, new) in &speakers.renamed {
            renamed.entry(old.as_str()).or_insert(new.as_str());
        }
        for q in &mut out {
            let Some(mut n) = q.speaker.as_deref() else {
                continue;
            };
            for _ in 0..4 {
                match renamed.get(n) {
                    Some(&new) => n = new,
                    None => break,
                }
            }
            if Some(n) != q.speaker.as_deref() {
                q.speaker = Some(n.to_owned());
            }
        }
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// How far back (bytes) from a quote the agency and a statement noun are looked
/// for: a few clauses, so that the work per quote is bounded.
const LOOK_BACK: usize = 600;

/// The longest a reported clause runs without a sentence end (bytes).
const MAX_CLAUSE: usize = 2000;

/// `from + max` clamped to the text and moved back to a char boundary.
fn tail_end(text: &str, from: usize, max: usize) -> usize {
    let mut e = from.saturating_add(max).min(text.len());
    while e > from && !text.is_char_boundary(e) {
        e -= 1;
    }
    e
}

/// The start of the last `max` bytes of `text[from..to]`, on a char boundary.
fn tail(text: &str, from: usize, to: usize, max: usize) -> usize {
    let mut s = from.max(to.saturating_sub(max));
    while s < to && !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

/// One paragraph's words, reporting verbs, sentence ends and runs of
/// whitespace and marks, indexed once so that every question the quote rules
/// ask is a binary search: the extractor is linear in the paragraph's length
/// however many marks or verbs it holds.
struct Para<'t> {
    text: &'t str,
    ws: Vec<Word>,
    /// The reporting verb lemma of each word.
    lemmas: Vec<Option<&'static str>>,
    /// Byte offsets of the words that are reporting verbs.
    verb_at: Vec<usize>,
    /// Byte offsets of the sentence-ending marks (`.`, `؟`, `!`, `?`).
    stops: Vec<usize>,
    /// Runs of [`junk`] characters of at least [`LONG_JUNK`] bytes.
    long_junk: Vec<(usize, usize)>,
}

/// Runs of junk shorter than this are scanned; longer ones are jumped over.
const LONG_JUNK: usize = 64;

/// What [`Para::trim`] removes from the ends of a quote.
fn junk(c: char) -> bool {
    c.is_whitespace() || is_quote_mark(c) || c == ',' || c == '،'
}

impl<'t> Para<'t> {
    fn new(text: &'t str) -> Self {
        let ws = words(text);
        // `بين` alone is mostly "between"; the verb comes with و (`وبين`).
        let lemmas: Vec<Option<&'static str>> = ws
            .iter()
            .map(|w| &text[w.start..w.end])
            .map(|s| verb_lemma(s).filter(|_| !matches!(fold(s).as_str(), "بين" | "نقل")))
            .collect();
        let verb_at = ws
            .iter()
            .zip(&lemmas)
            .filter(|(_, l)| l.is_some())
            .map(|(w, _)| w.start)
            .collect();
        let mut stops = Vec::new();
        let mut long_junk = Vec::new();
        let mut run: Option<usize> = None;
        for (i, c) in text.char_indices() {
            // A full stop ends a sentence before a space or the end, not in
            // `42.7` or `آي.اتش.اس`.
            let ends = c != '.'
                || text[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(|n| n.is_whitespace() || is_quote_mark(n));
            if matches!(c, '.' | '؟' | '!' | '?') && ends {
                stops.push(i);
            }
            match (junk(c), run) {
                (true, None) => run = Some(i),
                (false, Some(r)) => {
                    if i - r >= LONG_JUNK {
                        long_junk.push((r, i));
                    }
                    run = None;
                }
                _ => {}
            }
        }
        if let Some(r) = run.filter(|r| text.len() - r >= LONG_JUNK) {
            long_junk.push((r, text.len()));
        }
        Para {
            text,
            ws,
            lemmas,
            verb_at,
            stops,
            long_junk,
        }
    }

    /// Number of words in `text[a..b]`, a word cut by `a` included.
    fn count_words(&self, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        let i = self.ws.partition_point(|w| w.start < a);
        let j = self.ws.partition_point(|w| w.start < b);
        let cut = i > 0 && self.ws[i - 1].end > a;
        j - i + usize::from(cut)
    }

    /// The first reporting verb starting after byte `at`.
    fn verb_after(&self, at: usize) -> Option<usize> {
        let k = self.verb_at.partition_point(|&v| v <= at);
        self.verb_at.get(k).copied()
    }

    /// Where the sentence holding byte `at` starts: just past the last
    /// sentence end before it, or the paragraph's start.
    fn sentence_start(&self, at: usize) -> usize {
        let k = self.stops.partition_point(|&s| s < at);
        k.checked_sub(1).map_or(0, |i| self.stops[i] + 1)
    }

    /// Where a reported clause ends: the sentence's end (`.`, `؟`, `!`) or the
    /// paragraph's.
    fn clause_end(&self, from: usize) -> usize {
        let k = self.stops.partition_point(|&s| s < from);
        self.stops.get(k).copied().unwrap_or(self.text.len())
    }

    /// Trims spaces and stray marks from both ends of `text[s..e]`; long runs of
    /// them are jumped over.
    fn trim(&self, s: usize, e: usize) -> (usize, usize) {
        let text = self.text;
        let mut a = s;
        let k = self.long_junk.partition_point(|r| r.1 <= a);
        if let Some(&(rs, re)) = self.long_junk.get(k) {
            if rs <= a {
                a = re;
            }
        }
        if a >= e {
            return (s, s);
        }
        a += text[a..e].len() - text[a..e].trim_start_matches(junk).len();
        let mut b = e;
        let k = self.long_junk.partition_point(|r| r.1 < b);
        if let Some(&(rs, re)) = self.long_junk.get(k) {
            if rs < b && b <= re {
                b = rs;
            }
        }
        if a >= b {
            return (s, s);
        }
        b = a + text[a..b].trim_end_matches(junk).len();
        if a >= b {
            return (s, s);
        }
        (a, b)
    }
}

/// Spans sorted by start, with the greatest end up to each: whether any holds
/// or overlaps a span is a binary search.
struct Spans {
    spans: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        spans.dedup();
        let mut m = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                m = m.max(e);
                m
            })
            .collect();
        Spans { spans, max_end }
    }

    /// True when a span holds all of `[a, b)`.
    fn contains(&self, a: usize, b: usize) -> bool {
        let k = self.spans.partition_point(|&(s, _)| s <= a);
        k.checked_sub(1).is_some_and(|k| self.max_end[k] >= b)
    }

    /// The start of the first span starting inside `(a, b)`.
    fn first_start_within(&self, a: usize, b: usize) -> Option<usize> {
        let k = self.spans.partition_point(|&(s, _)| s <= a);
        self.spans.get(k).map(|&(s, _)| s).filter(|&s| s < b)
    }

    /// True when a span starts inside `(a, b)`.
    fn starts_within(&self, a: usize, b: usize) -> bool {
        let k = self.spans.partition_point(|&(s, _)| s <= a);
        self.spans.get(k).is_some_and(|&(s, _)| s < b)
    }
}

/// For `نقل` (`نقلت وكالة ميزان عن المتحدث …`): the word after `عن`, where the
/// speaker is named; the agency before it is only the channel.
fn quoted_from(text: &str, ws: &[Word], k: usize, lemma: &str) -> Option<usize> {
    let from = ws.get(k)?.end;
    let word = |j: usize| fold(&text[ws[j].start..ws[j].end]);
    let clause = |marks: bool| {
        (k + 1..ws.len().min(k + 12)).take_while(move |&j| {
            let gap = &text[from..ws[j].start];
            let stop = gap.contains(['.', ':', '؟']) || (marks && gap.contains(['"', '“', '«']));
            !stop
        })
    };
    if lemma == "نقل" {
        return clause(false).find(|&j| word(j) == "عن").map(|j| j + 1);
    }
    // `ذكرت وكالات أنباء روسية نقلا عن مسؤول عسكري روسي قوله إن`: the one
    // quoted speaks, the agency relays.
    clause(true)
        .take_while(|&j| !is_complementiser(&text[ws[j].start..ws[j].end]))
        .find(|&j| word(j) == "نقلا" && ws.get(j + 1).is_some_and(|_| word(j + 1) == "عن"))
        .map(|j| j + 2)
}

/// `وكان الجيش الروسي قال إن …`, `وكان منصور العتيبي … قد قال`: where a subject
/// said before the verb starts, after a `كان` in the same clause.
fn subject_before(text: &str, ws: &[Word], k: usize) -> Option<usize> {
    let end = ws.get(k)?.start;
    // `وكان زعيم حزب الشعب الجمهوري، …، كمال قليجدار أوغلو، قال`: commas
    // may part a subject's role from its name.
    (k.saturating_sub(16)..k)
        .rev()
        .take_while(|&j| !text[ws[j].end..end].contains(['.', ':', '؟', '"']))
        .find(|&j| {
            // Not `ما إذا كان وزير الدفاع`: a `كان` opening its clause.
            let opens = j == 0 || text[ws[j - 1].end..ws[j].start].contains([',', '،', '.', ':']);
            match fold(&text[ws[j].start..ws[j].end]).as_str() {
                "وكان" | "وكانت" | "فكان" | "فكانت" => true,
                "كان" | "كانت" => opens,
                _ => false,
            }
        })
        .map(|j| j + 1)
}

/// The article's text and the people and organisations named up to a
/// paragraph's end (article offsets), for back references.
#[derive(Clone, Copy)]
struct Before<'x, 'a> {
    text: &'x str,
    people: &'x [Ent<'a>],
}

/// The quotes of one paragraph (`text`, starting at byte `base` of the article).
fn paragraph(
    text: &str,
    base: usize,
    pi: i64,
    ents: &[Ent],
    before: Before,
    speakers: &mut Speakers,
    out: &mut Vec<Quote>,
) {
    let para = Para::new(text);
    let ws = &para.ws;
    let (mut pairs, stray) = pair_marks(text);
    // An opener never closed ends before the next reporting verb after it
    // (`بأنه "دمر الرقة …, مبينا ان "1% …"`), else at the paragraph's end.
    for pr in pairs.iter_mut().filter(|pr| pr.close == text.len()) {
        if let Some(v) = para.verb_after(pr.open) {
            pr.close = v;
        }
    }
    // Pairs come sorted by opening mark, so a pair lies inside a quote already
    // taken exactly when the greatest end taken so far reaches past it.
    let mut quoted: Vec<(usize, usize)> = Vec::new(); // inner byte spans (paragraph-relative)
    let mut reach = 0;
    for pr in &pairs {
        let inner = (pr.inner, pr.close);
        let n = para.count_words(inner.0, inner.1);
        let statement = n >= 5
            || (n >= 2 && introduced(text, pr.open) && !scare_np(text, pr, n))
            || (n == 1 && described(text, pr.open));
        // Inside a longer quote already taken: a scare-quoted name within it.
        let nested = !quoted.is_empty() && reach >= inner.1;
        if statement && !nested {
            quoted.push(inner);
            reach = reach.max(inner.1);
        }
    }
    // `ان "داعش" يعزز دفاعاته في القائم والبوكمال“`: a stray closer after a
    // scare-quoted first word closes a quote that opened at that word. The
    // stack was empty at a stray closer, so every pair opened before it had
    // closed: the candidate is the last of them after a statement cue.
    let first = Spans::new(quoted.clone());
    let mut replaced: Vec<(usize, usize)> = Vec::new();
    let mut added: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    let mut candidate: Option<&Pair> = None;
    let mut last_used: Option<usize> = None;
    for &close in &stray {
        while let Some(pr) = pairs.get(next).filter(|pr| pr.open < close) {
            // A scare-quoted word, so at least one word inside.
            if pr.close < close
                && para.count_words(pr.inner, pr.close) > 0
                && introduced(text, pr.open)
            {
                candidate = Some(pr);
            }
            next += 1;
        }
        let Some(pr) = candidate else { continue };
        if last_used == Some(pr.open) {
            // Already extended to an earlier stray closer, which holds this one.
            continue;
        }
        let inner = (pr.inner, close);
        let own = (pr.inner, pr.close);
        // Another quote in the way: one around the start, or one starting inside.
        let before = first.spans.partition_point(|&s| s < own);
        let encloses = before > 0 && first.max_end[before - 1] > inner.0;
        let inside_other = encloses || first.starts_within(inner.0, inner.1);
        if !inside_other && para.count_words(inner.0, inner.1) >= 3 {
            replaced.push(own);
            added.push(inner);
            last_used = Some(pr.open);
        }
    }
    if !replaced.is_empty() {
        replaced.sort_unstable();
        quoted.retain(|q| replaced.binary_search(q).is_err());
        quoted.extend(added);
    }
    let quoted = Spans::new(quoted);
    // Reporting verbs in this paragraph, each with its subject.
    let mut verbs: Vec<(usize, usize, &'static str, Option<String>)> = Vec::new(); // (word idx, byte, lemma, speaker)
                                                                                   // Whether each verb is in a relative clause (`إحدى السيدات التي اتهمت كوسبي`).
    let mut relatives: Vec<bool> = Vec::new();
    // The first person or organisation of the sentence before byte `at`, not
    // inside a quotation: the subject of a verb-first sentence (`وأصر رئيس
    // الوزراء حيدر العبادي على …، وأكد أن`), who speaks when a reporting verb
    // or participle later in it has no subject of its own.
    let sentence_entity = |at: usize| -> Option<String> {
        // Bounded, so that a paragraph without full stops stays linear.
        let from = tail(text, para.sentence_start(at), at, LOOK_BACK);
        let from = past_fronted_phrase(text, from, at);
        // `وأوضحت " عدالت " أن الظلم … يكشف الفقر والفجوة الطبقية …، منوهة`:
        // names inside a reported clause are no subject of the sentence.
        let at = {
            let i = ws.partition_point(|w| w.start < from);
            // Not `إلا أن`, `ويشار إلى أن` opening the sentence.
            ws[i..]
                .iter()
                .take_while(|w| w.start < at)
                .take(64)
                .skip(3)
                .find(|w| is_complementiser(&text[w.start..w.end]))
                .map_or(at, |w| w.start)
        };
        // `محامي كوسبي توم ميسيرو`: a person right before another is whose
        // role the other holds, not the subject.
        let genitive = |e: &Ent| {
            let next = e.end + text[e.end..].len() - text[e.end..].trim_start().len();
            next > e.end && starting_at(ents, next).any(|n| n.person)
        };
        let fits = |e: &&Ent| {
            !quoted.contains(e.start, e.end)
                && (!e.person || (e.canonical.contains(' ') && !genitive(e)))
                && !after_preposition(text, e.start)
        };
        // A person before an organisation (`زعيم حزب الشعب الجمهوري، …، كمال
        // قليجدار أوغلو، قال`).
        first_entity(text, ents, from, at)
            .filter(fits)
            .find(|e| e.person)
            .or_else(|| first_entity(text, ents, from, at).find(fits))
            .map(|e| e.canonical.to_owned())
            .or_else(|| {
                // `وكانت شبكة NBC الأمريكية قد نشرت تقريرا قالت فيه`: no entity,
                // but a verb-first sentence's subject.
                let i = ws.partition_point(|w| w.start < from);
                let first = ws.get(i).filter(|w| w.start < at)?;
                let f = fold(&text[first.start..first.end]);
                // `أصدرت وزارة الأمن العام الصينية بيانا، …، أعلنت فيه`: a
                // sentence opening with a verb.
                let verb_first = crate::entities::rules::is_verb(&crate::entities::fold_key(
                    &text[first.start..first.end],
                ));
                if !f.starts_with('و') && !matches!(f.as_str(), "كان" | "كانت") && !verb_first
                {
                    return None;
                }
                let (_, name) = subject(text, ws, i + 1, ents);
                // The head as written (`شبكة NBC` is spoken as `NBC`).
                let head_ok = ws.get(i + 1).is_some_and(|w| {
                    let h = fold(&text[w.start..w.end]);
                    is_org_head(&h) || is_group_head(&h)
                });
                name.filter(|n| {
                    let f = fold(n);
                    !is_particle(&f)
                        && (head_ok
                            || f.split(' ')
                                .next()
                                .is_some_and(|h| is_org_head(h) || is_group_head(h)))
                })
            })
    };
    for (k, (w, lemma)) in ws.iter().zip(&para.lemmas).enumerate() {
        // A verb inside a quotation is part of what was said.
        if quoted.contains(w.start, w.end) {
            continue;
        }
        let s = &text[w.start..w.end];
        let f = fold(s);
        let Some(lemma) = *lemma else {
            // `نقل` is mostly "moved", but `بحسب ما نقل المتحدث … فلان` names
            // a source, remembered with its role for `المتحدث` later.
            let after_ma = k >= 2 && {
                let ma = fold(&text[ws[k - 1].start..ws[k - 1].end]);
                let by = fold(&text[ws[k - 2].start..ws[k - 2].end]);
                ma == "ما" && matches!(by.as_str(), "حسب" | "بحسب" | "وفق" | "وفقا" | "وبحسب")
            };
            if f == "نقل" && after_ma {
                let (role, name) = subject(text, ws, k + 1, ents);
                if !role.is_empty() && name.is_some() {
                    resolve(speakers, role, name);
                }
            }
            attribution(text, ws, k, &f, ents, speakers);
            continue;
        };
        // `بين` alone is mostly "between"; the verb comes with و (`وبين`).
        if f == "بين" || f == "نقل" {
            continue;
        }
        // `لم تذكر`, `ولم يكشف`: a statement not made, though its subject is
        // named for later (`ولم يكشف المتحدث … تركي المالكي` … `وقال المالكي`).
        // `التي اتهمت`, `الذي يتهم`: a verb in a relative clause describes
        // someone else's words.
        let prev = k
            .checked_sub(1)
            .map(|j| fold(&text[ws[j].start..ws[j].end]));
        if let Some(p) = prev.as_deref() {
            if matches!(p, "لم" | "ولم" | "فلم" | "لن" | "ولن") {
                let (role, name) = subject(text, ws, k + 1, ents);
                // Only a name the entities stage knows: the words after a
                // negated verb are often its object (`لم يكشف المرصد الجهة`).
                if name.as_deref().is_some_and(|n| {
                    let at = ws.get(k + 1).map_or(0, |w| w.start);
                    let end = tail_end(text, at, LOOK_BACK);
                    starting_in(ents, at, end).iter().any(|e| e.canonical == n)
                }) {
                    resolve(speakers, role, name);
                }
                continue;
            }
        }
        let relative = prev.as_deref().is_some_and(|p| {
            matches!(
                p,
                "التي" | "الذي" | "الذين" | "اللذين" | "اللتين" | "اللاتي" | "اللواتي"
            )
        });
        let same_sentence = |v: &(usize, usize, &str, Option<String>)| {
            v.1 >= tail(text, para.sentence_start(w.start), w.start, LOOK_BACK)
        };
        // `يذكر أن`, `ويذكر أن`: "it is worth noting", the writer's aside.
        let next_comp = ws
            .get(k + 1)
            .is_some_and(|n| is_complementiser(&text[n.start..n.end]));
        if matches!(f.as_str(), "يذكر" | "ويذكر") && next_comp {
            continue;
        }
        // `حسبما أفادت وكالة …`, `بحسب ما قال …`: an attribution of what came
        // before, not a new statement.
        let word = |j: usize| fold(&text[ws[j].start..ws[j].end]);
        let p1 = k.checked_sub(1).map(word);
        let p2 = k.checked_sub(2).map(word);
        if matches!(p1.as_deref(), Some("حسبما" | "بحسبما"))
            || (p1.as_deref() == Some("ما")
                && matches!(
                    p2.as_deref(),
                    Some("حسب" | "بحسب" | "وفق" | "وفقا" | "وبحسب")
                ))
        {
            // `بحسب ما صرح محافظ البنك المركزي حازم عبد القادر`: a named holder
            // of a role is remembered for `المحافظ` later.
            let j = quoted_from(text, ws, k, lemma).unwrap_or(k + 1);
            let (role, name) = subject(text, ws, j, ents);
            if !role.is_empty() && name.is_some() {
                resolve(speakers, role, name);
            }
            continue;
        }
        // `مضيفا`, `قائلا` (not `وصفها`, a verb with its object).
        let participle = f.ends_with(['ا', 'ة']) && !f.ends_with("ها") && !matches!(lemma, "دعا");
        // `قالت فيه إن`, not `ذكر فيه مسؤولون أميركيون أن`.
        let resumptive = ws.get(k + 1).is_some_and(|n| {
            matches!(
                fold(&text[n.start..n.end]).as_str(),
                "فيه" | "فيها" | "فيهما"
            )
        }) && ws.get(k + 2).is_none_or(|n| {
            is_complementiser(&text[n.start..n.end])
                || text[ws[k + 1].end..n.start].contains([':', '"', '“', '«', ',', '،'])
        });
        let gender = verb_gender(s, lemma, participle);
        let mut explicit = false;
        let speaker = if participle {
            // `مبينا`, `مضيفا`: the subject of the sentence's main verb, which
            // may be no reporting verb (`وردت المفوضية الأوروبية مؤكدة أن`).
            let main = verbs
                .last()
                .filter(|v| same_sentence(v))
                .and_then(|v| v.3.clone());
            match main.or_else(|| sentence_entity(w.start)) {
                Some(n) => resolve(speakers, Vec::new(), Some(n)),
                None => verbs
                    .last()
                    .and_then(|v: &(usize, usize, &str, Option<String>)| v.3.clone())
                    .or_else(|| speakers.last().map(|s| s.name.clone())),
            }
        } else if resumptive {
            // `أصدرت الوزارة بيانا قالت فيه`, `نشر تغريدة قال فيها`: the one who
            // issued it, the sentence's subject.
            match sentence_entity(w.start) {
                Some(n) => resolve(speakers, Vec::new(), Some(n)),
                None => speakers.last().map(|s| s.name.clone()),
            }
        } else {
            let (role, name) = match quoted_from(text, ws, k, lemma) {
                // `نقلت وكالة … عن المتحدث …`: the one quoted speaks.
                Some(j) => subject(text, ws, j, ents),
                None => {
                    // `ذكر فيه مسؤولون أميركيون أن`: the subject after the
                    // pronoun.
                    let skip = usize::from(ws.get(k + 1).is_some_and(|n| {
                        matches!(
                            fold(&text[n.start..n.end]).as_str(),
                            "فيه" | "فيها" | "عنه" | "عنها"
                        )
                    }));
                    let (role, name) = subject(text, ws, k + 1 + skip, ents);
                    match (
                        role.is_empty() && name.is_none(),
                        subject_before(text, ws, k),
                    ) {
                        // `وكان منصور العتيبي … قد قال`: the subject came first.
                        (true, Some(j)) => subject(text, ws, j, ents),
                        // `البحرين تقول إن …`, `لكن الإسرائيليين يقولون إن …`,
                        // `إلا أن تقارير صحفية قالت إن`: the subject before its
                        // verb, after the clause's start.
                        // `بتقرير لرويترز قال إن`: the outlet's report.
                        (true, None) if k >= 2 && document_of(text, ws, k).is_some() => {
                            (Vec::new(), document_of(text, ws, k))
                        }
                        (true, None) if !f.starts_with(['و', 'ف']) => {
                            match subject_start(text, ws, k) {
                                Some(j) => {
                                    let (r, n) = subject(text, &ws[..k], j, ents);
                                    if n.is_some() {
                                        (r, n)
                                    } else {
                                        (role, name)
                                    }
                                }
                                None => (role, name),
                            }
                        }
                        _ => (role, name),
                    }
                }
            };
            // `ويشدد المفكر المغربي`: a definite role no speaker had before
            // refers back to the person named with that role, else the person
            // last named.
            let name = match (&name, role.first()) {
                (None, Some(r))
                    if is_person_role(r) && !speakers.iter().any(|s| role_matches(s, &role)) =>
                {
                    let at = base + w.start;
                    let k = before.people.partition_point(|e| e.start < at);
                    // A full name: one word (`مؤلف`) is rarely a person named.
                    let people = || {
                        before.people[..k]
                            .iter()
                            .rev()
                            .filter(|e| e.person && e.canonical.contains(' '))
                    };
                    people()
                        .find(|e| titled(before.text, e.start, &role))
                        .or_else(|| people().next())
                        .map(|e| e.canonical.to_owned())
                }
                _ => name,
            };
            // `وقالت الهيئة`: the body named last with that head in the text,
            // a speaker or not (`قررت الهيئة العامة للطيران المدني …`).
            // `وأضاف المصدر`, read as a role: the same.
            let bare = match (&name, role.as_slice()) {
                (Some(n), []) => Some(n.as_str()),
                (None, [r]) => Some(r.as_str()),
                _ => None,
            };
            let (role, name) =
                match bare.and_then(|n| last_named_body(before.text, base + w.start, n)) {
                    Some(full) => (Vec::new(), Some(full)),
                    None => (role, name),
                };
            // `أقرت الأخيرة`: the organisation or person named last.
            let name = match name {
                Some(n) if matches!(fold(&n).as_str(), "الاخيره" | "الاخيرة" | "الاخير") =>
                {
                    let at = base + w.start;
                    let k = before.people.partition_point(|e| e.start < at);
                    k.checked_sub(1)
                        .map(|i| before.people[i].canonical.to_owned())
                        .or(Some(n))
                }
                n => n,
            };
            if role.is_empty() && name.is_none() {
                // No subject: the speaker of an earlier verb in the sentence,
                // else its subject (`وانفجر كوسبي في الإدعاء وقال إنه`), else the
                // last speaker.
                let main = verbs
                    .last()
                    .filter(|v| same_sentence(v))
                    .and_then(|v| v.3.clone());
                let name = main.or_else(|| sentence_entity(w.start));
                match name {
                    Some(_) => resolve(speakers, role, name),
                    None => last_agreeing(speakers, gender),
                }
            } else {
                explicit = quoted_from(text, ws, k, lemma).is_none();
                resolve(speakers, role, name)
            }
        };
        // `قالت الوزارة`: the subject said with the verb has its gender.
        if explicit && gender.is_some() {
            if let Some(last) = speakers.last_mut() {
                if last.fem.is_none() && speaker.as_deref() == Some(last.name.as_str()) {
                    last.fem = gender;
                }
            }
        }
        verbs.push((k, w.start, lemma, speaker));
        relatives.push(relative);
    }
    for &(qs, qe) in &quoted.spans {
        let vi = verbs.partition_point(|v| v.1 < qs);
        // `وقالت ليلي برنارد، إحدى السيدات التي اتهمت كوسبي …: "…"`: a quote
        // after a verb in a relative clause is the sentence's main verb's.
        let vi = match vi.checked_sub(1) {
            Some(i) if relatives[i] => {
                let start = para.sentence_start(verbs[i].1);
                (0..i)
                    .rev()
                    .take(8)
                    .take_while(|&j| verbs[j].1 >= start)
                    .find(|&j| !relatives[j])
                    .map_or(vi, |j| j + 1)
            }
            _ => vi,
        };
        let (speaker, lemma, from) = match vi.checked_sub(1) {
            Some(vi) => {
                let v = &verbs[vi];
                // `رفض الناطق اتهام وزارة الدفاع الروسية للتحالف، بأنه "…"`: a
                // statement noun nearer the quote names whose words they are.
                let from = tail(text, v.1, qs, LOOK_BACK);
                let nominal = nominal_speaker(&text[from..qs], qs - from);
                (nominal.or_else(|| v.3.clone()), Some(v.2), from)
            }
            None => {
                // No verb before it in the paragraph: a short quotation is a title
                // or a slogan (`القول إن "المهمة أنجزت" مستحيل`).
                if para.count_words(qs, qe) < 5 {
                    continue;
                }
                let from = tail(text, 0, qs, LOOK_BACK);
                let nominal = nominal_speaker(&text[from..qs], qs - from);
                (
                    nominal.or_else(|| speakers.last().map(|s| s.name.clone())),
                    None,
                    from,
                )
            }
        };
        if speaker.is_none() {
            continue;
        }
        let trimmed = para.trim(qs, qe);
        if trimmed.0 >= trimmed.1 {
            continue;
        }
        out.push(Quote {
            span: Span::new(base + trimmed.0, base + trimmed.1),
            speaker,
            verb: lemma.map(str::to_owned),
            via: via(&text[from..qs]),
            direct: true,
            paragraph: pi,
            sentence: -1,
        });
    }
    // Reported speech: a verb with a complementiser, up to the sentence's end or
    // to a quotation that continues it (`وقالت المنظمة إنه يجب معاقبة … "ولكن …"`).
    for v in &verbs {
        let from = ws.get(v.0).map_or(0, |w| w.end);
        // The complementiser comes before the sentence ends, before any quote
        // mark or colon (what follows them is the quotation), and before another
        // reporting verb (whose clause it is).
        let stop = para.clause_end(from);
        let Some(comp) = ws
            .iter()
            .enumerate()
            .skip(v.0 + 1)
            .take(20)
            .take_while(|&(j, w)| {
                w.start < stop
                    && para.lemmas[j].is_none()
                    && !text[from..w.start].contains(':')
                    && quoted.first_start_within(from, w.start + 1).is_none()
            })
            .map(|(_, w)| w)
            .find(|w| is_complementiser(&text[w.start..w.end]))
        else {
            continue;
        };
        // Nobody said it (`ويتوقع أن …`, passive): not a quote.
        if v.3.is_none() {
            continue;
        }
        // The sentence's end; in a run with no full stop for MAX_CLAUSE bytes,
        // the next statement's verb or MAX_CLAUSE bytes: a paragraph without
        // full stops must not make every clause run to its end.
        let mut end = para.clause_end(comp.start);
        if end - comp.start > MAX_CLAUSE {
            end = para
                .verb_after(comp.end)
                .unwrap_or(text.len())
                .min(tail_end(text, comp.start, MAX_CLAUSE));
        }
        let mut min_words = 3;
        if let Some(q) = quoted.first_start_within(comp.start, end) {
            // Up to the opening mark; only a clause of its own counts, not an
            // aside before the quote (`أنه وعملا بهذا القرار، "…`).
            end = q;
            min_words = 4;
            let before = text[comp.start..q]
                .trim_end_matches(|c: char| c.is_whitespace() || is_quote_mark(c));
            if before.ends_with([',', '،']) {
                continue;
            }
        }
        let (s, e) = para.trim(comp.start, end);
        if para.count_words(s, e) < min_words {
            continue;
        }
        out.push(Quote {
            span: Span::new(base + s, base + e),
            speaker: v.3.clone(),
            verb: Some(v.2.to_owned()),
            via: via(&text[v.1..comp.start]),
            direct: false,
            paragraph: pi,
            sentence: -1,
        });
    }
}

/// Where a sentence starting at byte `from` has its subject, verb or
/// participle: past a fronted prepositional phrase and its comma (`وبشأن
/// العقبات أمام تأسيس مصرف مشترك، قال إن`, whose names are no subject), else
/// `from`.
fn past_fronted_phrase(text: &str, from: usize, at: usize) -> usize {
    let head = &text[from..at];
    // The first word only: a few bytes, so the work per verb stays bounded.
    let first_part = &head[..tail_end(head, 0, 40)];
    let Some(first) = words(first_part)
        .first()
        .map(|w| fold(&first_part[w.start..w.end]))
    else {
        return from;
    };
    let first = first.strip_prefix('و').unwrap_or(&first);
    let fronted = matches!(
        first,
        "بشان" | "حول" | "عن" | "في" | "بخصوص" | "فيما" | "ردا" | "تعليقا" | "وحول"
    );
    if !fronted {
        return from;
    }
    head.find(['،', ',']).map_or(from, |c| from + c)
}

/// True when the word before byte `at` is a place or body noun (`في ولاية
/// شلسفيغ هولشتاين`): the name after it is that place's, not a person's.
fn after_place_noun(text: &str, at: usize) -> bool {
    let head = &text[tail(text, 0, at, 40)..at];
    words(head)
        .last()
        .is_some_and(|w| is_place_or_body(&fold(&head[w.start..w.end])))
}

/// True when the word before byte `at` is a preposition: a name after it
/// (`على قناة الجزيرة`) is no sentence's subject.
fn after_preposition(text: &str, at: usize) -> bool {
    let head = &text[tail(text, 0, at, 60)..at];
    let ws = words(head);
    let mut prev = ws.iter().rev().map(|w| fold(&head[w.start..w.end]));
    // `من هذه الشركة`: past a demonstrative.
    // `من هذه الشركة`: past a demonstrative; `مع الزميل فريد زكريا`: past a
    // role word.
    let p = match prev.next() {
        Some(p)
            if matches!(p.as_str(), "هذه" | "هذا" | "تلك" | "ذلك")
                || ROLES.contains(&p)
                || p.strip_prefix("ال").is_some_and(|r| ROLES.contains(r)) =>
        {
            prev.next()
        }
        p => p,
    };
    p.is_some_and(|p| {
        matches!(
            p.as_str(),
            "في" | "من"
                | "علي"
                | "عن"
                | "الي"
                | "مع"
                | "لدي"
                | "عبر"
                | "بين"
                | "حول"
                | "ضد"
                | "امام"
        )
    })
}

/// Words that open a clause before a subject (`لكن الإسرائيليين يقولون`, `إلا
/// أن تقارير صحفية قالت`), folded.
fn opens_clause(f: &str) -> bool {
    let f = f.strip_prefix('و').filter(|r| !r.is_empty()).unwrap_or(f);
    is_complementiser(f)
        || matches!(
            f,
            "لكن"
                | "ولكن"
                | "بينما"
                | "فيما"
                | "حيث"
                | "اذ"
                | "ثم"
                | "الا"
                | "كما"
                | "بل"
                | "و"
        )
}

/// Particles that are no subject (`كما أضاف`, `قد قال`), folded.
fn is_particle(f: &str) -> bool {
    opens_clause(f)
        || matches!(
            f,
            "قد" | "لقد"
                | "وقد"
                | "كذلك"
                | "ايضا"
                | "هو"
                | "هي"
                | "هم"
                | "وهو"
                | "وهي"
                | "انه"
                | "انها"
        )
}

/// Where the subject of a verb at word `k` written after it starts (`لكن
/// الإسرائيليين يقولون`): past the clause's opening word or punctuation, at
/// most five words back; None when a particle or nothing stands there.
fn subject_start(text: &str, ws: &[Word], k: usize) -> Option<usize> {
    let end = ws.get(k)?.start;
    let mut j = k;
    while j > 0 && k - j < 5 {
        let prev = ws[j - 1];
        if text[prev.end..ws[j].start]
            .contains([',', '،', '.', ':', '"', '؟', '“', '”', '«', '»', '(', ')'])
        {
            break;
        }
        if opens_clause(&fold(&text[prev.start..prev.end])) {
            break;
        }
        j -= 1;
    }
    let starts = j == 0 || {
        let prev = ws[j - 1];
        text[prev.end..ws[j].start].contains([',', '،', '.', ':', '؟'])
            || opens_clause(&fold(&text[prev.start..prev.end]))
    };
    let first = fold(&text[ws[j].start..ws[j].end]);
    let verb_first = first.starts_with('و') && !first.starts_with("وال");
    (j < k
        && starts
        && !verb_first
        && !is_particle(&first)
        && !text[ws[j].start..end].contains(['"', '“', '”', '«', '»']))
    .then_some(j)
}

/// `بتقرير لرويترز قال`: the outlet whose document, just before the verb at
/// word `k`, speaks.
fn document_of(text: &str, ws: &[Word], k: usize) -> Option<String> {
    let doc = fold(&text[ws[k - 2].start..ws[k - 2].end]);
    let doc = doc.strip_prefix('ب').unwrap_or(&doc);
    let owner = &text[ws[k - 1].start..ws[k - 1].end];
    let name = owner.strip_prefix('ل')?.trim_start_matches('ـ');
    (is_document(doc) && !name.starts_with('ل') && !name.is_empty()).then(|| name.to_owned())
}

/// `أما X، فقال`, `بحسب X`, `وفقا لـX`: a topic or a source named without a
/// reporting verb, remembered as the last speaker for the verbs and
/// participles after it that have no subject.
fn attribution(text: &str, ws: &[Word], k: usize, f: &str, ents: &[Ent], speakers: &mut Speakers) {
    let topic = f == "اما";
    let source = matches!(
        f,
        "بحسب" | "حسب" | "وبحسب" | "وحسب" | "وفق" | "وفقا" | "ووفقا" | "ووفق"
    );
    if !topic && !source {
        return;
    }
    let Some(next) = ws.get(k + 1) else { return };
    let nf = fold(&text[next.start..next.end]);
    if nf == "ما" || text[ws[k].end..next.start].contains(['.', ':', '"', '،', ',']) {
        return;
    }
    // `وفقا لمعهد ستوكهولم …`: the name glued to `لـ` is an entity's.
    if nf.starts_with('ل') && !nf.starts_with("ال") {
        if let Some(e) = first_entity_in(ents, next.start, next.end) {
            resolve(speakers, Vec::new(), Some(e.to_owned()));
        }
        return;
    }
    // `أما المفوض السامي …، زيد رعد الحسين، فدعا`: the person or
    // organisation the topic names, before its verb.
    if topic {
        let end = ws[k + 1..]
            .iter()
            .take(16)
            .find(|w| {
                let g = fold(&text[w.start..w.end]);
                g.starts_with('ف') && verb_lemma(&text[w.start..w.end]).is_some()
            })
            .map_or(next.end, |w| w.start);
        if let Some(e) = first_entity(text, ents, next.start, end)
            .find(|e| !e.person || e.canonical.contains(' '))
        {
            resolve(speakers, Vec::new(), Some(e.canonical.to_owned()));
            return;
        }
    }
    let (role, name) = subject(text, ws, k + 1, ents);
    // A source is a person, an organisation or a role (`حسب الأطر العالمية` is
    // no one).
    let head = fold(&text[next.start..next.end]);
    let head = head.strip_prefix("ال").unwrap_or(&head);
    let someone = !role.is_empty()
        || is_org_head(head)
        || is_org_head(&nf)
        || is_group_head(head)
        || first_entity_in(ents, next.start, next.end).is_some();
    if name.is_some() && someone {
        resolve(speakers, role, name);
    }
}

/// The canonical name of a person or organisation starting inside `a..b`.
fn first_entity_in<'a>(ents: &[Ent<'a>], a: usize, b: usize) -> Option<&'a str> {
    starting_in(ents, a, b).first().map(|e| e.canonical)
}

/// `اتهام وزارة الدفاع الروسية للتحالف، بأنه "…"`: a statement noun before the
/// quote names whose statement it is.
fn nominal_speaker(text: &str, at: usize) -> Option<String> {
    let head = &text[..at];
    let ws = words(head);
    let k = ws
        .iter()
        .rposition(|w| matches!(fold(&head[w.start..w.end]).as_str(), "اتهام" | "اتهامات"))?;
    let names: Vec<&str> = ws
        .iter()
        .skip(k + 1)
        .take(4)
        .map(|w| &head[w.start..w.end])
        .take_while(|s| (!s.starts_with('ل') || s.starts_with("ال")) && !is_complementiser(s))
        .collect();
    (!names.is_empty()).then(|| names.join(" "))
}

/// How far back (bytes) a bare organisation's full name is looked for.
const BODY_LOOK_BACK: usize = 1500;

/// `الهيئة`, `الوزارة`, `اللجنة`, `المصدر`: a bare definite head of an
/// organisation or of unnamed sources refers to the body or source last named
/// in full with that head before byte `at` (`من مصدر مقرب`), whether it spoke
/// or not. Returns that full name as written, or None when
/// `name` is no such head or no full name precedes it.
fn last_named_body(text: &str, at: usize, name: &str) -> Option<String> {
    if name.contains(' ') || !has_article(name) {
        return None;
    }
    let key = fold(name);
    let head = key.strip_prefix("ال")?;
    if !is_org_head(head) && !is_group_head(head) {
        return None;
    }
    let from = tail(text, 0, at, BODY_LOOK_BACK);
    let part = &text[from..at];
    let ws = words(part);
    ws.iter().enumerate().rev().find_map(|(j, w)| {
        let f = fold(&part[w.start..w.end]);
        let f = f.strip_prefix('و').unwrap_or(&f);
        if f.strip_prefix("ال").unwrap_or(f) != head {
            return None;
        }
        // `جماعة "جيش الإسلام"`: the name in marks after the head.
        if let Some(marked) = marked_name(&part[w.end..]) {
            return Some(marked);
        }
        // `شبكة NBC الأمريكية` … `وأضافت الشبكة`: a channel named in Latin
        // letters is known by that name.
        if is_media_head(head) {
            if let Some(latin) = latin_name(&part[w.end..]) {
                return Some(latin);
            }
        }
        let n = subject_words(part, &ws, j).name?;
        let mut nw = n.split(' ');
        let first = fold(nw.next()?);
        let first = first.strip_prefix('و').unwrap_or(&first);
        let second = nw.next().map(fold);
        // `ملازم الشرطة لاري كلاوس`: a definite head and one word with `ل`
        // that is no `لل` noun (`للطيران`) is a head and a name, not a body.
        let cut = second.as_deref().is_some_and(|w| {
            has_article(first) && w.starts_with('ل') && !w.starts_with("لل") && nw.next().is_none()
        });
        (second.is_some() && !cut && first.strip_prefix("ال").unwrap_or(first) == head).then(|| {
            n.strip_prefix('و')
                .filter(|r| r.starts_with("ال"))
                .unwrap_or(&n)
                .to_owned()
        })
    })
}

/// The name in quote marks right at the start of `rest` (past spaces): one to
/// four words of letters (`"جيش الإسلام"`, `«الأناضول»`); None otherwise.
fn marked_name(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    let open = r.chars().next().filter(|&c| matches!(c, '"' | '«' | '“'))?;
    let body = &r[open.len_utf8()..];
    let close = body.find(['"', '»', '”'])?;
    let name = body[..close].trim();
    let n = name.split_whitespace().count();
    ((1..=4).contains(&n) && name.chars().all(|c| c.is_alphabetic() || c == ' '))
        .then(|| name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Speakers remembered for back references; older ones are forgotten, which
/// bounds the work per verb on any input.
const MAX_SPEAKERS: usize = 256;

/// The word a role is known by: folded, without the article, spokesman words as
/// one (`الناطق`, `المتحدثة` → `متحدث`).
fn role_key(r: &str) -> String {
    let f = fold(r);
    let f = f.strip_prefix("ال").unwrap_or(&f).to_owned();
    match f.as_str() {
        "ناطق" | "ناطقة" | "متحدثة" => "متحدث".to_owned(),
        _ => f,
    }
}

/// Nouns of places and bodies that a role names in construct (`مسؤول في مكتب
/// الإدارة`, `المدعي العام في ولاية شلسفيغ`), folded.
fn is_place_or_body(f: &str) -> bool {
    matches!(
        f,
        "مكتب"
            | "ولاية"
            | "ولايه"
            | "مدينة"
            | "مدينه"
            | "محافظة"
            | "محافظه"
            | "منطقة"
            | "منطقه"
            | "اقليم"
            | "جامعة"
            | "جامعه"
            | "وزارة"
            | "وزاره"
            | "مجلس"
    )
}

/// Compass words that open a region's name (`جنوب السودان`, `شمال سوريا`),
/// folded.
fn is_compass(f: &str) -> bool {
    matches!(
        f,
        "جنوب" | "شمال" | "شرق" | "غرب" | "وسط" | "جنوبي" | "شمالي" | "شرقي" | "غربي"
    )
}

/// A definite role word naming a person (`المفكر`, `الرئيس`), not an
/// adjective (`الروسي`, `الدولي`), a ministry (`الدفاع`) or a spokesman, whom a
/// bare `المتحدث` rarely names back.
fn is_person_role(r: &str) -> bool {
    let f = fold(r);
    let key = role_key(r);
    f.starts_with("ال")
        && !f.ends_with('ي')
        && !f.ends_with("يه")
        && !matches!(
            key.as_str(),
            "متحدث"
                | "دفاع"
                | "مصدر"
                | "رسمي"
                | "سابق"
                | "اسبق"
                | "جديد"
                | "مؤقت"
                | "عام"
                | "خارجية"
                | "داخلية"
                | "خارجيه"
                | "داخليه"
        )
}

/// True when the role's head word (with its adjectives, if any) is among the
/// four words before byte `at` of `text` (`الرئيس التركي رجب طيب أردوغان`).
fn titled(text: &str, at: usize, role: &[String]) -> bool {
    let Some(r) = role.first() else { return false };
    let key = role_key(r);
    let from = tail(text, 0, at, 120);
    let head = &text[from..at];
    let ws = words(head);
    let near: Vec<&str> = ws
        .iter()
        .rev()
        .take(4)
        .map(|w| &head[w.start..w.end])
        .collect();
    near.iter().any(|w| role_key(w) == key)
        && role_adjectives(role)
            .iter()
            .all(|a| near.iter().any(|w| fold(w) == *a))
}

/// A definite nisba adjective (`الأميركي`, `القطرية`), folded.
fn is_definite_adjective(f: &str) -> bool {
    f.starts_with("ال") && (f.ends_with('ي') || f.ends_with("يه") || f.ends_with("ية"))
}

/// The adjectives of a role (`الرئيس الأميركي` → `الأميركي`), folded: a bare
/// role refers back only to a holder said with the same ones.
fn role_adjectives(role: &[String]) -> Vec<String> {
    role.iter()
        .skip(1)
        .map(|r| fold(r))
        .filter(|f| {
            is_definite_adjective(f)
                && !matches!(
                    f.as_str(),
                    "الرسمي" | "الرسميه" | "الرسمية" | "الي" | "الذي"
                )
        })
        .collect()
}

/// True when a speaker was said with the role `role`: the same head word
/// (`الناطق` = `المتحدث`) and no other adjectives (`الرئيس الأميركي` is not
/// `الرئيس الإيراني`); a spokesman's adjectives vary (`المتحدث العسكري` for
/// `المتحدث باسم الجيش المصري`) and are not compared.
fn role_matches(s: &Speaker, role: &[String]) -> bool {
    let Some(r) = role.first() else { return false };
    let key = role_key(r);
    if s.role.first().is_none_or(|x| role_key(x) != key) {
        return false;
    }
    let want = role_adjectives(role);
    let have = role_adjectives(&s.role);
    key == "متحدث" || want.is_empty() || have.is_empty() || want.iter().any(|w| have.contains(w))
}

/// The gender a reporting verb form agrees with: feminine for `قالت`,
/// `تقول`, `مضيفة`, masculine for `قال`, `يقول`, `مضيفا`; None for plurals
/// (`قالوا`, `يقولون`) and duals.
fn verb_gender(word: &str, lemma: &str, participle: bool) -> Option<bool> {
    let f = fold(word);
    let f = f.strip_prefix(['و', 'ف']).unwrap_or(&f);
    let l = fold(lemma);
    if f.ends_with("وا")
        || f.ends_with("ون")
        || f.ends_with("ين")
        || f.ends_with("تا")
        || f.ends_with("ان")
    {
        return None;
    }
    if participle {
        return Some(f.ends_with(['ة', 'ه']));
    }
    if f.ends_with('ت') && !l.ends_with('ت') {
        return Some(true);
    }
    if f.starts_with('ت') && !l.starts_with('ت') {
        return Some(true);
    }
    Some(false)
}

/// The most recent of the last few speakers whose gender agrees with `fem`
/// (or is unknown), else the last one: a verb with no subject (`ولكنها
/// قالت`, `وأضافت`) refers to the last speaker it can agree with.
fn last_agreeing(speakers: &mut Speakers, fem: Option<bool>) -> Option<String> {
    let n = speakers.len();
    let i = match fem {
        Some(g) => (n.saturating_sub(4)..n)
            .rev()
            .find(|&i| speakers[i].fem.is_none_or(|x| x == g))
            .unwrap_or(n.checked_sub(1)?),
        None => n.checked_sub(1)?,
    };
    Some(touch(speakers, i))
}

/// Moves the speaker at `i` to the end (the most recent) and returns its name.
fn touch(speakers: &mut Vec<Speaker>, i: usize) -> String {
    let s = speakers.remove(i);
    let name = s.name.clone();
    speakers.push(s);
    name
}

/// Resolves a subject to a canonical speaker and remembers it as the most
/// recent one.
fn resolve(speakers: &mut Speakers, role: Vec<String>, name: Option<String>) -> Option<String> {
    if speakers.len() >= 2 * MAX_SPEAKERS {
        speakers.drain(..MAX_SPEAKERS);
    }
    match name {
        Some(n) => {
            // `هذه الدراسة`, `هذا الحزب`: a demonstrative points back.
            let n = match n.split_once(' ') {
                Some((d, rest)) if matches!(fold(d).as_str(), "هذه" | "هذا") => {
                    rest.to_owned()
                }
                _ => n,
            };
            let single = !n.contains(' ');
            let f = fold(&n);
            // `البيان`, `التقرير`: whoever issued it, the last speaker.
            if single && is_document(&f) {
                return speakers.last().map(|s| s.name.clone());
            }
            // `اللجنة`, `المعهد`, `المصادر`, `الشبكة`: the last speaker named with
            // that noun (`لجنة من غرفة صناعة إسطنبول`, `مصادر طبية`); `المصدر
            // التركي`, `الهيئة القطرية`: the noun with adjectives, the last
            // speaker whose name starts with it (`مصدر دبلوماسي تركي`).
            let mut fw = f.split(' ');
            let first = fw.next().unwrap_or_default();
            let described = !single && fw.all(is_definite_adjective);
            if let Some(head) = first
                .strip_prefix("ال")
                .filter(|h| (single || described) && h.chars().count() >= 3)
            {
                let head = head.to_owned();
                let same = |p: &str| {
                    let p = fold(p);
                    p == head || p.strip_prefix("ال") == Some(head.as_str())
                };
                let found = if single {
                    speakers.iter().rposition(|s| {
                        s.name.split(' ').any(same) || s.role.iter().any(|r| same(r))
                    })
                } else {
                    speakers
                        .iter()
                        .rposition(|s| s.name.split(' ').next().is_some_and(same))
                };
                if let Some(i) = found {
                    return Some(touch(speakers, i));
                }
            }
            // `منظمة العدل` after `منظمة العدل الدولية`: the first words of a
            // name said before.
            if !single {
                let prefix = format!("{n} ");
                if let Some(i) = speakers.iter().rposition(|s| s.name.starts_with(&prefix)) {
                    return Some(touch(speakers, i));
                }
            }
            let last_word = n.split(' ').next_back().unwrap_or(&n).to_owned();
            // A surname (or first name) said before with a full name; `دي مايو`
            // after `لويجي دي مايو`.
            let suffix = format!(" {n}");
            if let Some(i) = speakers.iter().rposition(|s| {
                s.name != n
                    && s.name.split(' ').count() > n.split(' ').count()
                    && ((single && s.name.split(' ').any(|p| p == n || p == last_word))
                        || (!single && s.name.ends_with(&suffix)))
            }) {
                return Some(touch(speakers, i));
            }
            if let Some(i) = speakers.iter().rposition(|s| s.name == n) {
                if speakers[i].role.is_empty() {
                    speakers[i].role = role;
                }
                return Some(touch(speakers, i));
            }
            // `قال مدع عام ألماني` … `أضاف المدعي العام …، جورج غنتغ`: the
            // unnamed source is the one now named.
            if let Some(i) = speakers.iter().rposition(|s| unnamed_as(s, &n, &role)) {
                let old = speakers.remove(i);
                speakers.renamed.push((old.name, n.clone()));
            }
            speakers.push(Speaker {
                name: n.clone(),
                role,
                fem: None,
            });
            Some(n)
        }
        None if !role.is_empty() => {
            // `المتحدث باسم التحالف`, `الوزير`, `المحافظ`: the last speaker whose
            // role has the same head word (and adjectives); `المصدر التركي`
            // after `مصدر دبلوماسي تركي`, a group named by the same noun. An
            // indefinite role (`قال مسؤول في …`) is someone new; but an
            // indefinite head in construct with a definite noun (`وزير
            // الخارجية`, `رئيس الوزراء`, `رئيسة اللجنة`) is definite, and
            // names back the holder said with the same noun.
            let head = fold(&role[0]);
            let construct = !head.starts_with("ال")
                && role
                    .get(1)
                    .is_some_and(|r| has_article(r) || is_org_head(&fold(r)));
            let definite = head.starts_with("ال") || construct;
            let head = head.strip_prefix("ال").unwrap_or(&head).to_owned();
            let bare = |r: &str| {
                let f = fold(r);
                f.strip_prefix("ال").unwrap_or(&f).to_owned()
            };
            let genitive = role.get(1).map(|r| bare(r)).unwrap_or_default();
            let found = if definite {
                speakers
                    .iter()
                    .rposition(|s| {
                        role_matches(s, &role)
                            && (!construct || s.role.iter().skip(1).any(|r| bare(r) == genitive))
                    })
                    .or_else(|| {
                        speakers.iter().rposition(|s| {
                            s.role.is_empty()
                                && s.name.split(' ').next().is_some_and(|w| fold(w) == head)
                        })
                    })
            } else {
                None
            };
            match found {
                Some(i) => Some(touch(speakers, i)),
                None => {
                    // A role not seen before (`وزير الخارجية`) names its holder.
                    let name = role.join(" ");
                    speakers.push(Speaker {
                        name: name.clone(),
                        role,
                        fem: None,
                    });
                    Some(name)
                }
            }
        }
        None => speakers.last().map(|s| s.name.clone()),
    }
}

/// Gives each quote's speaker and outlet the canonical name of the entity it
/// names: a speaker found as `ديلون` or `المتحدث … ريان ديلون` becomes the
/// canonical name of that person's mentions, and an agency its known name.
/// A full name keeps itself when the canonical name drops its last word (`آلان
/// روميلياك` is not `آلان دوهاز`, nor `آلان`).
pub fn speakers_as_entities(a: &mut Article, g: &crate::entities::Gazetteer) {
    use crate::entities::fold_key;
    if a.quotes.is_empty() {
        return;
    }
    // Surfaces of the people and organisations named, and their canonicals.
    let mut names: crate::lexicon::FastMap<String, String> = Default::default();
    for e in a
        .entities
        .iter()
        .filter(|e| matches!(e.label.as_str(), "PER" | "ORG"))
    {
        names
            .entry(fold_key(&a.text[e.span.range()]))
            .or_insert_with(|| e.canonical.clone());
    }
    // A name the text writes as an entity's mention takes its canonical name;
    // so does a known name (an agency).
    let canonical = |s: &str| -> Option<String> {
        let key = fold_key(s);
        names
            .get(&key)
            .cloned()
            .or_else(|| g.lookup_folded(&key).map(|e| g.entry(e).canonical.clone()))
            .filter(|c| {
                let last = s.split(' ').next_back().unwrap_or(s);
                !s.contains(' ') || c.split(' ').any(|w| fold(w) == fold(last))
            })
    };
    for q in &mut a.quotes {
        if let Some(c) = q.speaker.as_deref().and_then(canonical) {
            q.speaker = Some(c);
        }
        if let Some(c) = q.via.as_deref().and_then(official_dropped) {
            q.via = Some(c);
        } else if let Some(c) = q.via.as_deref().and_then(canonical) {
            q.via = Some(c);
        }
        // `وكالة الأنباء الكورية الشمالية الرسمية`: as when a subject is read
        // (see [`subject_words`]), `الرسمية` is no part of a longer name.
        if let Some(c) = q.speaker.as_deref().and_then(official_dropped) {
            q.speaker = Some(c);
        }
    }
}

/// `name` without a last word `الرسمية`/`الرسمي` when it has more than two
/// words (`الجريدة الرسمية`, the official gazette, keeps it); None when
/// there is nothing to drop.
fn official_dropped(name: &str) -> Option<String> {
    let (rest, last) = name.rsplit_once(' ')?;
    (rest.contains(' ') && matches!(fold(last).as_str(), "الرسميه" | "الرسمية" | "الرسمي"))
        .then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let a = crate::parse_text(text).unwrap();
        extract(&a)
            .into_iter()
            .map(|q| (a.slice(q.span).to_owned(), q.speaker, q.via, q.direct))
            .collect()
    }

    /// The speakers of the quotes of `text`, in order.
    fn speakers(text: &str) -> Vec<Option<String>> {
        quotes(text).into_iter().map(|q| q.1).collect()
    }

    #[test]
    fn a_role_in_construct_names_back_its_holder() {
        // `وزير الخارجية`, `رئيس الوزراء`: an indefinite head with a definite
        // genitive is definite, and names the holder said with the same noun.
        let s = speakers(
            "عنوان\n\nوقال وزير الخارجية المصري سامح شكري إن العلاقات قوية جدا.\n\nوأضاف وزير الخارجية أن البلدين يعملان معا في ملفات كثيرة.",
        );
        assert_eq!(
            s,
            [Some("سامح شكري".to_owned()), Some("سامح شكري".to_owned())]
        );
        // `رئيسة لجنة نوبل` (the chair of a body) and `رئيسة اللجنة`; the first
        // name the tagger left out (`بيريت`) is part of the name.
        let s = speakers(
            "عنوان\n\nوقالت رئيسة لجنة نوبل للسلام بيريت ريس أندرسون، خلال الإعلان عن الفائزين، إن نادية مراد أظهرت شجاعة غير عادية.\n\nوأضافت رئيسة لجنة نوبل للسلام أن الطبيب عمل على مدار سنوات لمعالجة النساء.\n\nوأوضحت رئيسة اللجنة أن رسالة جائزة هذا العام هي حماية النساء.",
        );
        assert_eq!(s, vec![Some("بيريت ريس أندرسون".to_owned()); 3]);
    }

    #[test]
    fn a_subject_ends_at_a_time_word_or_a_comma_after_the_name() {
        // `صوفيا` (Sofia, tagged as a person) is where he spoke.
        let s = speakers(
            "عنوان\n\nأعلن الرئيس الفرنسي إيمانويل ماكرون الخميس في العاصمة البلغارية صوفيا أن الأولوية هي إرساء الاستقرار في الشرق الأوسط.",
        );
        assert_eq!(s, [Some("إيمانويل ماكرون".to_owned())]);
        // Haley, after a comma, is the object's: `الرئيس الأمريكي` is Trump.
        let s = speakers(
            "عنوان\n\nأعلن الرئيس الأمريكي دونالد ترامب، قبول استقالة السفيرة نيكي هايلي.\n\nوأشار الرئيس الأمريكي إلى أن هايلي أخبرته أنها تريد بعض الراحة.",
        );
        assert_eq!(s, [Some("دونالد ترامب".to_owned())]);
    }

    #[test]
    fn a_person_in_apposition_speaks_for_the_words_before() {
        // After a body's name (here `منظمة`, the organiser) and a comma.
        let s = speakers(
            "عنوان\n\nوقالت منظمة السباق، نديمة أبو العينين في بيان لوسائل الإعلام المحلية إنها مندهشة من عدد المشاركات في السباق.",
        );
        assert_eq!(s, [Some("نديمة أبو العينين".to_owned())]);
        // After a role with a region (`في جنوب السودان`) and a comma.
        let s = speakers(
            "عنوان\n\nوقال وزير الاعلام في جنوب السودان، مايكل ماكوي \"بصفتي جنوب سوداني، وليس فقط الرئيس، نقول كفى\".",
        );
        assert_eq!(s, [Some("مايكل ماكوي".to_owned())]);
    }

    #[test]
    fn the_one_an_agency_quotes_speaks() {
        // `نقلا عن X قوله`; an indefinite role keeps its adjectives.
        let s = speakers(
            "عنوان\n\nذكرت وكالات أنباء روسية نقلا عن مسؤول عسكري روسي قوله اليوم الخميس إن قوات النظام السوري سيطرت بالكامل على مدينة دوما.",
        );
        assert_eq!(s, [Some("مسؤول عسكري روسي".to_owned())]);
        // A military rank is a role.
        let s = speakers(
            "عنوان\n\nونقلت الوكالة عن الميجر جنرال يوري يفتوشينكو قوله \"يؤذن رفع علم الدولة على مبنى في المدينة بالسيطرة على هذا الموقع\".",
        );
        assert_eq!(s, [Some("يوري يفتوشينكو".to_owned())]);
        // `لرويترز` after a body's name is the outlet, not part of the name.
        let q = quotes(
            "عنوان\n\nوقال المرصد السوري لحقوق الإنسان لرويترز إن القوات التركية أصابت القرية يوم الجمعة بقذائف.",
        );
        assert_eq!(q[0].1.as_deref(), Some("المرصد السوري لحقوق الإنسان"));
        assert_eq!(q[0].2.as_deref(), Some("رويترز"));
    }

    #[test]
    fn a_one_word_quote_after_a_verb_of_description_counts() {
        let q = quotes(
            "عنوان\n\nقال الرئيس الأمريكي دونالد ترامب إن هايلي ستغادر.\n\nوأعلن ترامب من المكتب البيضاوي استقالة هايلي، ووصفها بـ\"الشخص الرائع\"، واصفاً ما قامت بـ\"المذهل\".",
        );
        let found: Vec<_> = q.iter().map(|q| (q.0.as_str(), q.1.as_deref())).collect();
        assert_eq!(
            found,
            [
                ("إن هايلي ستغادر", Some("دونالد ترامب")),
                ("الشخص الرائع", Some("دونالد ترامب")),
                ("المذهل", Some("دونالد ترامب"))
            ]
        );
        // A scare-quoted word with no verb of description is none.
        assert!(
            quotes("عنوان\n\nوقالت الشرطة إن عناصر تنظيم \"داعش\" فروا.")
                .iter()
                .all(|q| q.0 != "داعش")
        );
    }

    #[test]
    fn a_head_then_a_name_in_marks_is_that_name() {
        let s = speakers(
            "عنوان\n\nلكن جماعة \"جيش الإسلام\" نفت صحة ما أعلنه الجيش الروسي.\n\nوقالت الجماعة إنه لا صحة لما تتداوله وسائل الإعلام عن اتفاق يقضي بإخراجها من المدينة.",
        );
        assert_eq!(s, [Some("جيش الإسلام".to_owned())]);
    }

    #[test]
    fn a_bare_channel_is_the_latin_name_said_before() {
        let s = speakers(
            "عنوان\n\nوقالت شبكة NBC الأمريكية إن المحققين استجوبوا رجال أعمال.\n\nوأضافت الشبكة أن المسؤولين رفضوا التعليق على ذلك.",
        );
        assert_eq!(s, vec![Some("NBC".to_owned()); 2]);
    }

    #[test]
    fn a_verb_without_subject_agrees_with_its_speaker() {
        // `ولكنها قالت`, `وأضافت`: feminine, so not the users (`ووصف`) quoted
        // last but the actress (`قالت`) before them.
        let s = speakers(
            "عنوان\n\nقالت ممثلة هندية إنها شعرت بالتقزز بعد انتشار المشهد.\n\nووصف مستخدمو مواقع التواصل الاجتماعي المشهد بأنه \"مقطع إباحي مقتطع\".\n\nولكنها قالت لبي بي سي \"لماذا أخجل من نفسي؟ إني مؤمنة تماما بالشخصية التي أؤديها\".\n\nوأضافت \"كان مقصدي صحيحا، ولم أرتكب أي خطأ\".",
        );
        let her = Some("ممثلة هندية".to_owned());
        assert_eq!([&s[0], &s[2], &s[3]], [&her, &her, &her]);
        assert_ne!(s[1], her);
        assert_eq!(verb_gender("وقالت", "قال", false), Some(true));
        assert_eq!(verb_gender("وأضاف", "أضاف", false), Some(false));
        assert_eq!(verb_gender("يقولون", "قال", false), None);
        assert_eq!(verb_gender("مضيفة", "أضاف", true), Some(true));
    }

    #[test]
    fn an_agency_is_named_without_official() {
        let a = crate::parse_text(
            "عنوان\n\nوقال بيان نشرته وكالة الأنباء الكورية الشمالية الرسمية إن القضية قد تقوض العلاقات بين الكوريتين.",
        )
        .unwrap();
        let s: Vec<_> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(s, [Some("وكالة الأنباء الكورية الشمالية")]);
        assert_eq!(official_dropped("الجريدة الرسمية"), None);
    }

    #[test]
    fn a_person_after_a_definite_noun_is_the_object() {
        let s = speakers(
            "عنوان\n\nوأدت الدور الممثلة راجشري ديشباندي.\n\nووصف مستخدمو مواقع التواصل الاجتماعي ديشباندي بأنها \"نجمة إباحية\"، ووبخها بعضهم قائلا إنها يجب أن تخجل من نفسها.",
        );
        assert_eq!(
            s,
            vec![Some("مستخدمو مواقع التواصل الاجتماعي".to_owned()); 2]
        );
    }

    #[test]
    fn a_nisba_read_as_a_role_word_is_no_person() {
        // `كوري` (Korean) tagged as a person inside `مدير مطعم كوري شمالي`.
        let s = speakers(
            "عنوان\n\nأكد مدير مطعم كوري شمالي في بلدة نينغبو الصينية أن النادلات وقعن في فخ للاستخبارات.\n\nوأكد مدير المطعم الكوري الشمالي أن الجهاز الوطني للاستخبارات قام بتجنيده.",
        );
        assert_eq!(s, vec![Some("مدير مطعم كوري شمالي".to_owned()); 2]);
    }

    #[test]
    fn a_name_written_with_a_madda_is_no_definite_noun() {
        // `آلان` folds like `الآن` but carries no article: a first name, not
        // a back reference cut to one word.
        let s = speakers("عنوان\n\nوقال آلان فيرنيه رئيس الشركة إن الأرباح ستتضاعف هذا العام.");
        assert_eq!(s, [Some("آلان فيرنيه".to_owned())]);
        assert!(has_article("والهيئة") && has_article("الْهيئة"));
        assert!(!has_article("آلان") && !has_article("ألمانيا") && !has_article("إلى"));
    }

    #[test]
    fn a_definite_noun_then_a_person_is_that_person() {
        // `المحامية` is no listed role: read as a definite noun, the person
        // right after it speaks.
        let s = speakers("عنوان\n\nوقالت المحامية غلوريا أبرد إن الحكم يعيد الثقة بالقضاء.");
        assert_eq!(s, [Some("غلوريا أبرد".to_owned())]);
    }

    #[test]
    fn a_person_right_before_another_is_no_sentence_subject() {
        // `محامي كوسبي توم ميسيرو`: Cosby's lawyer speaks, not Cosby.
        let s = speakers(
            "عنوان\n\nأدانت محكمة الممثل بيل كوسبي.\n\nوأصر محامي كوسبي توم ميسيرو على موقفه، مضيفا أنه يثق في براءة موكله.",
        );
        assert_eq!(s, [Some("توم ميسيرو".to_owned())]);
    }

    #[test]
    fn an_unnamed_source_named_later_speaks_by_that_name() {
        let s = speakers(
            "عنوان\n\nقال مدع عام ألماني إن المحكمة أمرت بحجز الرئيس السابق.\n\nوأضاف المدعي العام في ولاية شلسفيغ هولشتاين، جورج غنتغ، أن المحكمة استمعت إلى محاميه.",
        );
        assert_eq!(
            s,
            [Some("جورج غنتغ".to_owned()), Some("جورج غنتغ".to_owned())]
        );
        let s = speakers(
            "عنوان\n\nقالت قناة تلفزيونية إسرائيلية إن رجلا أصيب في المدينة القديمة.\n\nوذكر التقرير الذي نشرته القناة العاشرة أن السلطات عثرت على أوراقه.",
        );
        assert_eq!(
            s,
            [
                Some("القناة العاشرة".to_owned()),
                Some("القناة العاشرة".to_owned())
            ]
        );
        // Another nationality is someone else.
        let s = speakers(
            "عنوان\n\nقال مسؤول أمريكي إن المحادثات ستستأنف الأسبوع المقبل.\n\nوقال المسؤول الإيراني علي شمخاني إن بلاده لن تتراجع عن موقفها.",
        );
        assert_eq!(s.len(), 2);
        assert_ne!(s[0], s[1]);
    }

    #[test]
    fn a_bare_police_names_the_police_force_named_before() {
        let s = speakers(
            "عنوان\n\nألقت شرطة ولاية ميشيغان الأمريكية القبض على طالب.\n\nوقال ملازم الشرطة لاري كلاوس إن الطالب هرب.\n\nوتقول الشرطة إنه كان يرتدي بلوزة زرقاء.",
        );
        assert_eq!(
            s.last(),
            Some(&Some("شرطة ولاية ميشيغان الأمريكية".to_owned())),
            "{s:?}"
        );
    }

    #[test]
    fn a_channel_named_in_latin_letters_is_known_by_that_name() {
        let s = speakers(
            "عنوان\n\nوقالت محطة (WILX) التلفزيونية المحلية إن الضحيتين هما والدا الطالب.",
        );
        assert_eq!(s, [Some("WILX".to_owned())]);
        assert_eq!(latin_name(" NBC الأمريكية").as_deref(), Some("NBC"));
        assert_eq!(latin_name(" الأمريكية"), None);
    }

    #[test]
    fn the_official_gazette_keeps_its_adjective() {
        let s =
            speakers("عنوان\n\nقالت الجريدة الرسمية إن الحكومة رفعت الضريبة على الودائع الأجنبية.");
        assert_eq!(s, [Some("الجريدة الرسمية".to_owned())]);
    }

    #[test]
    fn a_definite_group_keeps_its_nisba() {
        let s =
            speakers("عنوان\n\nويؤكد المسؤولون الصينيون أن الرسوم لم تؤثر على الصادرات حتى الآن.");
        assert_eq!(s, [Some("المسؤولون الصينيون".to_owned())]);
    }

    #[test]
    fn names_in_a_fronted_phrase_are_no_subject() {
        let s = speakers(
            "عنوان\n\nوقال الوزير كمال حداد إن الاتفاق بات قريبا جدا. وبشأن تأسيس شركة النفط الوطنية الجديدة، قال إن الدراسة ستكتمل قبل نهاية العام.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0], s[1]);
        let t = "وحول الخطة، قال";
        assert_eq!(past_fronted_phrase(t, 0, t.len()), "وحول الخطة".len());
        let t = "وقال الوزير، إن";
        assert_eq!(past_fronted_phrase(t, 0, t.len()), 0);
    }

    #[test]
    fn an_interviewer_after_a_preposition_and_role_is_no_subject() {
        let s = speakers(
            "عنوان\n\nوقال السفير السابق مارك طومسون إن العلاقات بين البلدين متوترة. وجاء ذلك في حوار مع الزميلة سارة خليل حيث قال: \"نحن بحاجة إلى حوار جديد بين البلدين\".",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0], s[1]);
    }

    #[test]
    fn a_name_before_its_appositive_role_speaks() {
        // The president named in the deputy's role is not the subject.
        let s = speakers(
            "عنوان\n\nأعلن جون ميلر، نائب الرئيس الأمريكي، دونالد ترامب، الخميس، عن خطة جديدة، مؤكدا أنه \"حان الوقت لتنفيذها دون أي تأخير\".",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_ne!(s[0].as_deref(), Some("دونالد ترامب"));
        assert!(
            s[0].as_deref().is_some_and(|n| n.contains("جون ميلر")),
            "{s:?}"
        );
    }

    #[test]
    fn a_bare_head_names_the_body_mentioned_last() {
        // The aviation authority never spoke before, but it is the `الهيئة`
        // named last.
        let s = speakers(
            "عنوان\n\nوقالت هيئة الأرصاد الجوية إن العاصفة تقترب من الساحل الجنوبي. وكانت الهيئة العامة للطيران المدني قررت إغلاق المطار. وقالت الهيئة إنها ستمدد الإغلاق يوما آخر.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1].as_deref(), Some("الهيئة العامة للطيران المدني"));
        // A source named with `من` after a verb that reports nothing.
        let s = speakers(
            "عنوان\n\nعلمت الصحيفة من مصدر مطلع بعد ظهر اليوم. وأضاف المصدر أن الوفد سيصل صباحا إلى العاصمة.",
        );
        assert_eq!(s, [Some("مصدر مطلع".to_owned())]);
    }

    #[test]
    fn an_embassy_is_named_with_its_host_country() {
        let s = speakers(
            "عنوان\n\nأعلنت سفارة المملكة المغربية في ألمانيا، الجمعة، أنها تتابع القضية مع السلطات. وأضافت السفارة أنها طلبت توضيحا رسميا من الشركة.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].as_deref(), Some("سفارة المملكة المغربية في ألمانيا"));
        assert_eq!(s[1], s[0]);
    }

    #[test]
    fn a_spokesman_named_in_an_attribution_is_the_bare_spokesman() {
        let s = speakers(
            "عنوان\n\nوكان الرئيس قد انتقد الموقف بشدة، بحسب ما نقل المتحدث باسم الحكومة الفرنسية فرانسوا موران. وتابع المتحدث أن \"فرنسا تقوم بما هو متوجب عليها في هذه المسألة\".",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(
            s[0].as_deref()
                .is_some_and(|n| n.ends_with("فرانسوا موران")),
            "{s:?}"
        );
    }

    #[test]
    fn an_everyday_word_after_a_role_is_no_name() {
        let s = speakers(
            "عنوان\n\nوأكد متحدث باسم الشرطة المحلية وقوع الانفجار قرب السوق وقال إن المشتبه به اعتقل بعد ساعة.",
        );
        assert_eq!(s, [Some("متحدث باسم الشرطة المحلية".to_owned())]);
        assert!(is_everyday_word("وقوع") && !is_everyday_word("كمال"));
    }

    #[test]
    fn a_verb_ends_a_name() {
        let s = speakers(
            "عنوان\n\nوذكرت بيانات استند إليها الموقع أن الطائرة عادت إلى الخدمة قبل شهرين.",
        );
        assert_eq!(s, [Some("بيانات".to_owned())]);
    }

    #[test]
    fn a_subject_before_a_verb_after_fa_kana_speaks() {
        let s = speakers(
            "عنوان\n\nاستدعت روما السفير الفرنسي. فكانت باريس قد اعتبرت أن موقف الحكومة الإيطالية غير مسؤول على الإطلاق.",
        );
        assert_eq!(s, [Some("باريس".to_owned())]);
    }

    #[test]
    fn a_definite_noun_after_an_organisation_adjective_is_an_alias() {
        let s = speakers(
            "عنوان\n\nقالت وزارة الدفاع الأميركية البنتاغون إنه لا توجد تقارير عن نشاط عسكري في المنطقة.",
        );
        // The ministry as read, or the canonical name the entities stage
        // knows it by; not both run together.
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(
            matches!(s[0].as_deref(), Some("وزارة الدفاع الأميركية" | "البنتاغون")),
            "{s:?}"
        );
        // An adjective after the adjective stays (`الكورية الشمالية`).
        let s = speakers(
            "عنوان\n\nوقالت وكالة الأنباء الكورية الشمالية إن المحادثات ستستأنف الأسبوع المقبل.",
        );
        assert_eq!(s, [Some("وكالة الأنباء الكورية الشمالية".to_owned())]);
    }

    #[test]
    fn a_report_speaks_for_the_outlet_that_published_it() {
        let s = speakers(
            "عنوان\n\nوذكر التقرير الذي نشرته صحيفة الغد أن السلطات عثرت على وثائق جديدة في الموقع.",
        );
        assert_eq!(s, [Some("صحيفة الغد".to_owned())]);
    }

    #[test]
    fn a_noun_with_a_pronoun_ends_a_one_word_subject() {
        let s = speakers("عنوان\n\nوأكدت بيانات نشرها معهد الإحصاء أن النمو تباطأ في الربع الأخير.");
        assert_eq!(s, [Some("بيانات".to_owned())]);
    }

    #[test]
    fn bare_back_references_are_linear() {
        let para = "وقالت الهيئة العامة للطيران إن الرحلات مستمرة. وقالت الهيئة إن المطار مفتوح. "
            .repeat(2_000);
        let (qs, t) = crate::testing::cpu_time(|| quotes(&format!("عنوان\n\n{para}")));
        assert!(t.as_secs() < 20, "{t:?}");
        assert_eq!(qs.len(), 4_000);
        assert_eq!(qs[1].1.as_deref(), qs[0].1.as_deref());
    }

    #[test]
    fn scare_quotes_are_not_quotes() {
        let q = quotes("عنوان\n\nويشن التحالف, بالتعاون مع قوات \"قسد\", حملة منفصلة على \"داعش\" في دير الزور.\n\nفقرة.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn a_short_noun_phrase_in_marks_inside_reported_speech_is_no_quote() {
        let q = quotes("عنوان\n\nطالب مزارعون في ريف الرقة بزيادة الحصص المائية، مؤكدين أن \"مئات الهكتارات\" مهددة بالجفاف.");
        assert!(q.iter().all(|x| !x.3), "{q:?}");
        assert!(q.iter().any(|x| x.0.contains("مهددة بالجفاف")), "{q:?}");
        // A partial quote ending the clause stays a quote.
        let q = quotes("عنوان\n\nووصف الوزير القرار بأنه \"غير عادل\".");
        assert!(q.iter().any(|x| x.0 == "غير عادل" && x.3), "{q:?}");
    }

    #[test]
    fn a_body_speaks_in_its_statement() {
        let q = quotes("عنوان\n\nأصدرت وزارة الدفاع البلجيكية بيانا قالت فيه إن \"حريقا اندلع أثناء أعمال الصيانة على طائرة\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("وزارة الدفاع البلجيكية"));
    }

    #[test]
    fn a_negated_verb_is_no_statement() {
        let q = quotes("عنوان\n\nولم يكشف المرصد الجهة التي دبرت الهجوم. وقالت تقارير صحفية إن عددا من الطائرات تضرر في القاعدة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("تقارير صحفية"));
    }

    #[test]
    fn the_subject_before_a_verb_after_a_clause_opener() {
        let q = quotes("عنوان\n\nوقال الجيش إن قواته أطلقت النار على المحتجين. لكن الإسرائيليين يقولون إن الاحتجاج كان محاولة لاقتحام الحدود.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("الإسرائيليين"));
    }

    #[test]
    fn a_bare_role_with_an_adjective_needs_the_same_adjective() {
        let q = quotes("عنوان\n\nرغم إعلان الرئيس الأميركي دونالد ترامب انسحاب بلاده من الاتفاق.\n\nوقال الرئيس الإيراني حسن روحاني إن بلاده ستبقى ملتزمة بالاتفاق النووي.\n\nوكان الرئيس الأميركي قد قال إن الانسحاب من الاتفاق جاء لعدم نجاحه.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("حسن روحاني"));
        assert_eq!(q[1].1.as_deref(), Some("دونالد ترامب"), "{q:?}");
    }

    #[test]
    fn a_participle_takes_the_sentence_subject() {
        let q = quotes("عنوان\n\nوقال سالفيني إن الحكومة لن تتراجع عن قرارها.\n\nوردت المفوضية الأوروبية مؤكدة أنها شجعت إيطاليا على الاستثمار في البنى التحتية.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("المفوضية الأوروبية"), "{q:?}");
    }

    #[test]
    fn nested_scare_quote_stays_inside() {
        let q = quotes(
            "عنوان\n\nوأضاف ديلون أن \"الأولوية الآن بالنسبة لقوات \"سوريا الديمقراطية\" هي تعزيز سيطرتها على حقل العمر النفطي بدير الزور \".\n\nفقرة.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(
            q[0].0.starts_with("الأولوية الآن") && q[0].0.ends_with("بدير الزور"),
            "{q:?}"
        );
    }

    #[test]
    fn seed_quotes_and_speakers() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/seed/article.txt"
        );
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipping: {path} is absent");
            return;
        };
        let a = crate::parse(&bytes).unwrap();
        let qs = extract(&a);
        let text = |q: &Quote| a.slice(q.span).to_owned();
        // No quote is a bare scare-quoted name.
        assert!(
            qs.iter()
                .all(|q| !matches!(text(q).as_str(), "داعش" | "قسد")),
            "{qs:?}"
        );
        let find = |start: &str| {
            qs.iter()
                .find(|q| text(q).starts_with(start))
                .unwrap_or_else(|| panic!("no quote {start}"))
        };
        let sputnik = find("ان التحالف يواصل تنظيف دير الزور");
        assert_eq!(
            (sputnik.speaker.as_deref(), sputnik.via.as_deref()),
            (Some("ريان ديلون"), Some("سبوتنيك"))
        );
        let reuters = find("داعش\" يعزز دفاعاته");
        assert_eq!(
            (
                reuters.speaker.as_deref(),
                reuters.via.as_deref(),
                reuters.direct
            ),
            (Some("ريان ديلون"), Some("رويترز"), true)
        );
        for start in [
            "عدة قذائف هاون",
            "قيادة التنظيم انتقلت",
            "الأولوية الآن",
            "خاطئة ولا أساس لها",
            "الجميع هناك",
            "1% من قذائفنا",
            "ستتم مناقشته",
            "هذه مسألة سياسية",
        ] {
            assert_eq!(
                find(start).speaker.as_deref(),
                Some("ريان ديلون"),
                "{start}"
            );
        }
        assert_eq!(
            find("دمر الرقة").speaker.as_deref(),
            Some("وزارة الدفاع الروسية")
        );
        let announced = find("انه يستعد لشن هجوم");
        assert_eq!(
            (announced.speaker.as_deref(), announced.direct),
            (Some("التحالف الدولي"), false)
        );
    }

    #[test]
    fn the_person_after_a_role_speaks_by_canonical_name() {
        // The role's organisation is not the speaker; the person after it is.
        let q = quotes("عنوان\n\nوقال المتحدث باسم وزارة الخارجية الروسية ماريا زاخاروفا إن موسكو سترد على العقوبات.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("ماريا زاخاروفا"));
        // A role with no person keeps the role resolution.
        let q = quotes("عنوان\n\nوقال المتحدث باسم التحالف إن القوات تقدمت نحو المدينة القديمة.");
        assert_eq!(q[0].1.as_deref(), Some("المتحدث باسم التحالف"));
        // A surname later is the entity's full name.
        let q = quotes("عنوان\n\nوقال الرئيس الأمريكي دونالد ترامب إن الاتفاق سيئ جدا.\n\nوقال ترامب إن المفاوضات ستستمر مع الحلفاء.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter().all(|x| x.1.as_deref() == Some("دونالد ترامب")),
            "{q:?}"
        );
    }

    #[test]
    fn a_definite_role_refers_back_to_the_person_named() {
        let q = quotes("عنوان\n\nالتقى الرئيس التركي رجب طيب أردوغان نظيره الروسي فلاديمير بوتين في أنقرة.\n\nوقال الرئيس التركي إن البلدين سيعززان التعاون في مجال الطاقة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("رجب طيب أردوغان"));
        // An adjective or a ministry is no person's role.
        assert!(!is_person_role("الروسي") && !is_person_role("الدفاع"));
        assert!(is_person_role("المفكر") && !is_person_role("المتحدث"));
    }

    #[test]
    fn entity_speaker_prefers_whole_names() {
        let text = "قال معهد التنمية الخارجية";
        let e = |start: usize, end: usize, person: bool, canonical: &'static str| Ent {
            start,
            end,
            person,
            canonical,
        };
        let a = text.find("معهد").unwrap();
        let first_end = a + "معهد".len();
        // A shorter mention than the name read leaves the name.
        let short = [e(a, a + "معهد التنمية".len(), false, "معهد التنمية")];
        assert_eq!(
            entity_speaker(
                text,
                &short,
                a,
                Some((a, first_end, text.len())),
                3,
                text.len()
            ),
            None
        );
        // A mention whose canonical name is longer wins.
        let long = [e(a, first_end, false, "معهد التنمية الخارجية البريطاني")];
        assert_eq!(
            entity_speaker(
                text,
                &long,
                a,
                Some((a, first_end, text.len())),
                3,
                text.len()
            ),
            Some("معهد التنمية الخارجية البريطاني")
        );
        // A mention starting inside a word (a letter taken for a clitic) is none.
        let inner = [e(a + 2, text.len(), false, "عهد التنمية الخارجية")];
        assert_eq!(
            entity_speaker(
                text,
                &inner,
                a,
                Some((a, first_end, text.len())),
                3,
                text.len()
            ),
            None
        );
    }

    #[test]
    fn multibyte_marks_and_unclosed_quotes() {
        let q = quotes("عنوان\n\nوقال الوزير «إن الحكومة ستواصل العمل على المشروع حتى نهايته»\n\nوأضاف “المرحلة المقبلة صعبة جدا على الجميع");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "إن الحكومة ستواصل العمل على المشروع حتى نهايته");
        assert_eq!(q[1].0, "المرحلة المقبلة صعبة جدا على الجميع");
        assert_eq!(q[1].1.as_deref(), Some("الوزير"));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries(s in "[\"“”«» \\.قال وأضاف أن المتحدث داعش\\PC]{0,200}") {
            let text = format!("عنوان\n\n{s}\n\nفقرة");
            if let Ok(a) = crate::parse_text(&text) {
                for q in extract(&a) {
                    proptest::prop_assert!(a.text.get(q.span.range()).is_some());
                }
            }
        }
    }

    /// Runs the extractor on one paragraph of `unit` repeated to `bytes`.
    fn timed(unit: &str, bytes: usize) -> (usize, std::time::Duration) {
        let para = unit.repeat(bytes / unit.len() + 1);
        let a = crate::analyze(&para, None).unwrap();
        crate::testing::cpu_time(|| extract(&a).len())
    }

    // Each of these took minutes before the paragraph index (a scan to the next
    // full stop per verb, to the paragraph's start per quote, over all quotes per
    // mark); now they are linear and take well under a second even unoptimised.
    #[test]
    fn many_reported_clauses_without_a_full_stop_are_linear() {
        let (n, t) = timed("قال المتحدث ان القوات تقدمت نحو المدينة ", 300_000);
        assert!(n > 3_000, "{n}");
        assert!(t.as_secs() < 10, "{t:?}");
    }

    #[test]
    fn clauses_in_a_paragraph_without_full_stops_stay_short() {
        // Each clause used to run to the paragraph's end: quadratic output.
        let unit = "أعلن التحالف الدولي يوم الاحد انه يستعد لشن هجوم على 3 مدن قرب البوكمال ";
        let para = unit.repeat(20_000);
        let a = crate::analyze(&para, None).unwrap();
        let qs = extract(&a);
        assert_eq!(qs.len(), 20_000);
        let total: usize = qs.iter().map(|q| q.span.len()).sum();
        assert!(total <= para.len(), "{total}");
        assert_eq!(
            a.slice(qs[0].span),
            "انه يستعد لشن هجوم على 3 مدن قرب البوكمال"
        );
    }

    #[test]
    fn a_paragraph_of_quote_marks_is_linear() {
        for unit in ["«\"“ ”» ", "\"", "» قال ان \"داعش\" ", "« قال "] {
            let (_, t) = timed(unit, 300_000);
            assert!(t.as_secs() < 10, "{unit}: {t:?}");
        }
    }

    #[test]
    fn many_quotes_after_one_verb_are_linear() {
        let para = format!(
            "وقال المتحدث ريان ديلون لوكالة رويترز {}",
            "\"التحالف يواصل عملياته في المنطقة كلها\" و".repeat(8_000)
        );
        let a = crate::analyze(&para, None).unwrap();
        let (qs, t) = crate::testing::cpu_time(|| extract(&a));
        assert!(t.as_secs() < 10, "{t:?}");
        assert_eq!(qs.len(), 8_000);
        assert_eq!(qs[0].speaker.as_deref(), Some("ريان ديلون"));
        assert_eq!(qs[0].via.as_deref(), Some("رويترز"));
    }

    #[test]
    fn many_distinct_speakers_are_linear() {
        let para: String = (0..20_000)
            .map(|i| {
                format!(
                    "وقال المسؤول {} ان الوضع مستقر في المنطقة. ",
                    crate::lexicon::fold(&format!("س{i}"))
                )
            })
            .collect();
        let a = crate::analyze(&para, None).unwrap();
        let (qs, t) = crate::testing::cpu_time(|| extract(&a));
        assert!(t.as_secs() < 10, "{t:?}");
        assert_eq!(qs.len(), 20_000);
    }

    #[test]
    fn one_edit_finds_misspelt_agencies() {
        assert_eq!(via("في تصريح لوكالة (سبونتيك)").as_deref(), Some("سبوتنيك"));
        assert_eq!(via("في تصريح لوكالة (الأناضول)").as_deref(), Some("الأناضول"));
    }
}

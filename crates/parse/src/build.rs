//! Assembling classified lines into the clause tree, accounting for every byte.
//!
//! The builder walks the lines once. Structural lines (article, division, annex headings)
//! open nodes; list markers open paragraphs, subparagraphs and points, nesting by their
//! style and continuing by their sequence; plain lines join the node they continue or
//! start a new block. Blank lines, page furniture and a trailing translation are recorded
//! as layout, so node spans plus layout cover the input exactly.

use std::collections::HashSet;
use std::sync::Arc;

use crate::arena::Arena;

use treaty_model::{
    ClauseId, CompactString, Diagnostic, Document, Layout, LayoutKind, Negotiation, Node, NodeKind,
    NodeText, Span, format_compact,
};

use crate::classify::{self, Class, Kind, Lang, Marker, Punct};
use crate::inline::{Cleaned, clean_inline, is_plain};
use crate::language::{self, Language};
use crate::lines::{Line, lines};
use crate::numeral;
use crate::preamble;

/// Whether a line ends a clause of a sentence (`,`, `;`, `:` or `.`), past footnote calls,
/// closing brackets and quotes after the stop.
fn ends_clause(text: &str) -> bool {
    let mut t = text.trim_end_matches(classify::is_space);
    loop {
        let before = t;
        if t.ends_with(']')
            && let Some(k) = t.rfind("[^")
        {
            t = &t[..k];
        }
        t = t.trim_end_matches([')', ']', '’', '”', '"', '\'', '*', '_']);
        t = t.trim_end_matches(classify::is_space);
        if t == before {
            break;
        }
    }
    t.ends_with([',', ';', ':', '.'])
}

/// A line giving where and when a text was done (`Rome, 4.XI.1950`, `New York, 10 December
/// 1948`): a block of the title of its own, not words of the title.
fn place_and_date(text: &str) -> bool {
    let Some((place, date)) = text.split_once(',') else {
        return false;
    };
    let date = date.trim_start_matches(classify::is_space);
    place.chars().count() <= 30
        && place.starts_with(char::is_uppercase)
        && place
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && date.starts_with(|c: char| c.is_ascii_digit())
        && date.chars().filter(char::is_ascii_digit).count() >= 3
}

/// How a line before the text's structure joins the title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleLine {
    /// It continues the title's last line.
    Continue,
    /// It is a further block of the title (a place and date after a blank line).
    Block,
    /// It is the title, and any earlier one was another title (in another language).
    Replace,
}

/// A piece of source text: where it starts, and the text.
type Frag<'s> = (usize, &'s str);

/// The text blocks of a node, kept as one list of fragments (one allocation per node):
/// each fragment either starts a block or continues the one before.
#[derive(Clone, Debug, Default)]
struct Blocks<'s> {
    frags: Vec<(Frag<'s>, bool)>,
}

impl<'s> Blocks<'s> {
    fn start(&mut self, frag: Frag<'s>) {
        // Most nodes hold one fragment: do not let the first push reserve four.
        if self.frags.is_empty() {
            self.frags.reserve_exact(1);
        }
        self.frags.push((frag, true));
    }

    fn is_empty(&self) -> bool {
        self.frags.is_empty()
    }

    /// Continue the last block; false when there is none.
    fn continue_last(&mut self, frag: Frag<'s>) -> bool {
        if self.frags.is_empty() {
            return false;
        }
        self.frags.push((frag, false));
        true
    }

    /// Each block's fragments.
    fn each(&self) -> impl Iterator<Item = Vec<Frag<'s>>> + '_ {
        let mut k = 0;
        std::iter::from_fn(move || {
            if k >= self.frags.len() {
                return None;
            }
            let mut block = vec![self.frags[k].0];
            k += 1;
            while k < self.frags.len() && !self.frags[k].1 {
                block.push(self.frags[k].0);
                k += 1;
            }
            Some(block)
        })
    }
}

/// What a list marker counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Count {
    Digit,
    Letter,
    Roman,
    Quoted,
}

#[derive(Debug)]
struct BNode<'s> {
    kind: NodeKind,
    number: Option<CompactString>,
    ordinal: Option<u32>,
    heading: Option<Frag<'s>>,
    blocks: Blocks<'s>,
    closing: Blocks<'s>,
    start: usize,
    end: usize,
    /// The first line, where diagnostics about this node point.
    header: Span,
    children: Vec<usize>,
}

#[derive(Clone, Copy, Debug)]
struct Level {
    count: Count,
    punct: Punct,
    ordinal: u32,
    node: usize,
}

struct Builder<'s> {
    src: &'s str,
    /// `src` as a shared string, when the caller has one: node words are slices of it.
    shared: Option<&'s Arc<str>>,
    /// The text's language, which decides the words that open and close a preamble.
    language: Option<&'static str>,
    nodes: Arena<BNode<'s>>,
    roots: Vec<usize>,
    layout: Vec<Layout>,
    diagnostics: Vec<Diagnostic>,
    divisions: Vec<usize>,
    container: Option<usize>,
    annex: Option<usize>,
    lists: Vec<Level>,
    /// The node (and whether its closing text) that a continuation line joins.
    cur: Option<(usize, bool)>,
    cont_ok: bool,
    /// A node whose heading may be the next line, and whether a plain line may be it.
    expect_heading: Option<(usize, bool)>,
    title: Option<usize>,
    structure_seen: bool,
    /// Whether the last line of text ended with `,`, `;`, `:` or `.`: a line after it
    /// may open a recital.
    line_closed: bool,
    final_node: Option<usize>,
    after_final: bool,
    /// Lines that repeat at page breaks (running headers and footers of a PDF), by
    /// [`spacing_blind_hash`].
    running: HashSet<u64>,
    /// A heading read from a plain line, which a lower-case line may continue.
    heading_open: Option<usize>,
    /// Whether a blank line came since the last line of text.
    blank_since: bool,
    /// Between two lines of text: whether page furniture stood there, and whether the
    /// text before the gap could be continued. A page break does not end a sentence.
    in_gap: bool,
    furniture_since: bool,
    cont_before_gap: bool,
    /// Whether the last line of text ended with a colon: what follows is a list under it.
    colon: bool,
}

/// Parse `src`; with `shared` (the same text as a shared string) node words that need no
/// clean-up are slices of it rather than copies.
pub(crate) fn build(src: &str, shared: Option<&Arc<str>>) -> Document {
    // What each line is does not depend on the lines around it: it is read once here,
    // for the three passes below (the language and where a translation starts, where
    // further instruments start, the tree).
    let classes = Classes::read(src);
    let Scan {
        language,
        translation,
        first_articles,
    } = languages(src, &classes);
    let running = running_lines(src);
    let stop = translation.map_or(src.len(), |(at, _)| at);
    let mut bounds = vec![0];
    // A further instrument numbers its articles from 1 again: with one article 1, there
    // is nothing to look for.
    if first_articles > 1 {
        bounds.extend(instrument_starts(src, &classes, stop, language));
    }
    bounds.push(stop);
    let mut doc: Option<Document> = None;
    let mut classes = Some(classes);
    let last = bounds.len() - 2;
    for (k, w) in bounds.windows(2).enumerate() {
        let Some(read) = classes.as_ref() else { break };
        let part = fill(src, shared, read, w[0]..w[1], &running, language);
        if k == last {
            // Freed before the last tree is made, which is when memory peaks.
            classes = None;
        }
        let part = part.finish(language);
        match doc.as_mut() {
            None => doc = Some(part),
            Some(d) => absorb_instrument(d, k + 1, part, Span::new(w[0], w[1])),
        }
    }
    let mut doc = doc.unwrap_or_default();
    if let Some((start, other)) = translation {
        doc.layout.push(Layout {
            kind: LayoutKind::Translation,
            span: Span::new(start, src.len()),
        });
        let first_len = src[start..].find(['\n', '\r']).unwrap_or(src.len() - start);
        let count = crate::lines::lines(&src[start..]).count();
        doc.diagnostics.push(
            Diagnostic::note(
                "translation",
                format!("a translation starts here; its {count} lines are kept out of the clause tree"),
                Span::new(start, start + first_len),
            )
            .with_help(format!(
                "the text goes on in another language here ({}): a translation of the text before it",
                other
            )),
        );
        doc.diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    }
    doc.source_len = src.len();
    doc
}

/// What each line of a text is. Only lines with words are kept (a blank line is told
/// again in a glance), so that a text of many blank lines costs no more than before.
struct Classes<'s> {
    written: Vec<Class<'s>>,
}

impl<'s> Classes<'s> {
    fn read(src: &'s str) -> Self {
        let written = lines(src)
            .map(|l| strip_prefixes(l).0.content)
            .filter(|c| !classify::is_blank(c))
            .map(classify::classify)
            .collect();
        Self { written }
    }

    /// Each line of `src` (the text read) with what it is.
    fn lines<'a>(&'a self, src: &'s str) -> impl Iterator<Item = (Line<'s>, Class<'s>)> + 'a
    where
        's: 'a,
    {
        let mut written = self.written.iter();
        lines(src).map(move |line| {
            let content = strip_prefixes(line).0.content;
            let class = if classify::is_blank(content) {
                classify::BLANK
            } else {
                written.next().copied().unwrap_or(classify::BLANK)
            };
            (line, class)
        })
    }
}

/// The arena of the lines of `range` (one instrument), with spans in `src`, ready to be
/// turned into a tree.
fn fill<'s>(
    src: &'s str,
    shared: Option<&'s Arc<str>>,
    classes: &Classes<'s>,
    range: std::ops::Range<usize>,
    running: &HashSet<u64>,
    language: Option<&'static str>,
) -> Builder<'s> {
    let mut b = Builder {
        src,
        shared,
        language,
        nodes: Arena::default(),
        roots: Vec::new(),
        layout: Vec::new(),
        diagnostics: Vec::new(),
        divisions: Vec::new(),
        container: None,
        annex: None,
        lists: Vec::new(),
        cur: None,
        cont_ok: false,
        expect_heading: None,
        title: None,
        structure_seen: false,
        line_closed: true,
        final_node: None,
        after_final: false,
        running: HashSet::new(),
        heading_open: None,
        colon: false,
        blank_since: false,
        in_gap: false,
        furniture_since: false,
        cont_before_gap: false,
    };
    b.running = running.clone();
    for (line, class) in classes.lines(src) {
        if line.start < range.start {
            continue;
        }
        if line.start >= range.end {
            break;
        }
        let (line, prefixes) = strip_prefixes(line);
        for layout in prefixes.into_iter().flatten() {
            b.push_layout(layout.kind, layout.span);
            if layout.kind == LayoutKind::PageBreak {
                b.page_break();
            }
        }
        b.line(line, class);
    }
    b
}

/// Add a further instrument of the same file to the document: its nodes under one
/// `instrument.N` node, their IDs and eIds prefixed, its layout and diagnostics kept.
fn absorb_instrument(doc: &mut Document, n: usize, part: Document, span: Span) {
    let number = n.to_string();
    let prefix = ClauseId::from_segments(["instrument", number.as_str()]);
    let eid = format_compact!("cmp_{n}");
    fn rename(node: &mut Node, prefix: &ClauseId, eid: &str) {
        node.id = ClauseId::from_segments(prefix.segments().chain(node.id.segments()));
        node.eid = format_compact!("{eid}__{}", node.eid);
        for c in &mut node.children {
            rename(c, prefix, eid);
        }
    }
    let mut children = part.children;
    for c in &mut children {
        rename(c, &prefix, &eid);
    }
    doc.diagnostics.push(
        Diagnostic::note(
            "instrument",
            format!(
                "a further instrument starts here, its articles numbered from 1 again: its clauses have IDs `{prefix}.…`"
            ),
            Span::new(span.start, span.start),
        )
        .with_help(format!("`{prefix}.1` is its article 1, `{prefix}.title` its title")),
    );
    doc.children.push(Node {
        id: prefix,
        eid,
        kind: NodeKind::Instrument,
        number: Some(number.into()),
        heading: part.title,
        text: NodeText::default(),
        closing: None,
        span,
        negotiation: Negotiation::default(),
        footnotes: Vec::new(),
        children,
    });
    doc.layout.extend(part.layout);
    doc.layout.sort_by_key(|l| l.span);
    doc.diagnostics.extend(part.diagnostics);
    doc.diagnostics.sort_by_key(|d| (d.span.start, d.severity));
}

/// Where further instruments printed in the same file start (before `stop`): at a
/// title-shaped line after the first instrument's articles and final clauses (and no
/// annex heading), followed, before any other article, by its preamble and an article
/// numbered 1 again.
fn instrument_starts<'s>(
    src: &'s str,
    classes: &Classes<'s>,
    stop: usize,
    language: Option<&str>,
) -> Vec<usize> {
    let all: Vec<(usize, Class<'_>)> = classes
        .lines(src)
        .take_while(|(l, _)| l.start < stop)
        .map(|(l, c)| (strip_prefixes(l).0.start, c))
        .filter(|(_, c)| !matches!(c.kind, Kind::Blank | Kind::Furniture | Kind::Meta))
        .collect();
    let mut out = Vec::new();
    let mut articles = 0usize;
    let mut ended = false;
    for (k, (start, class)) in all.iter().enumerate() {
        match class.kind {
            Kind::Article { .. } => {
                articles += 1;
                ended = false;
            }
            Kind::Final => ended = articles > 1,
            Kind::Annex { .. } => ended = false,
            Kind::Text(t) if ended && classify::looks_like_heading(t) => {
                // What follows: a preamble, then article 1, before any other article.
                let mut preamble = false;
                let mut restart = false;
                for (_, next) in all.iter().skip(k + 1).take(60) {
                    match next.kind {
                        Kind::Preamble { .. } => preamble = true,
                        Kind::Text(t) if preamble::opens_preamble(t, language) => preamble = true,
                        Kind::Article { number, .. } => {
                            restart = numeral::value(number) == Some(1);
                            break;
                        }
                        Kind::Annex { .. } | Kind::Division { .. } if !preamble => break,
                        _ => {}
                    }
                }
                if preamble && restart {
                    out.push(*start);
                    articles = 0;
                    ended = false;
                }
            }
            _ => {}
        }
    }
    out
}

/// Where diagnostics about a node point: the start of its first line, up to the first
/// stretch of white space after its keyword or marker.
fn header_span(line: Line<'_>) -> Span {
    let c = line.content;
    let lead = c.len()
        - c.trim_start_matches(|ch: char| classify::is_space(ch) || ch == '#')
            .len();
    let word = c[lead..].find(classify::is_space).unwrap_or(c.len() - lead);
    let next = c[lead + word..].trim_start_matches(classify::is_space);
    let second = next.find(classify::is_space).unwrap_or(next.len());
    let end = if next.starts_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase()) && word < 12
    {
        c.len() - next.len() + second
    } else {
        lead + word
    };
    Span::new(
        line.start + lead,
        line.start + end.max(lead + 1).min(c.len()),
    )
}

fn shift(line: Line<'_>, by: usize) -> Line<'_> {
    Line {
        start: line.start + by,
        content: &line.content[by..],
        end: line.end,
    }
}

/// What precedes the text proper on a line (a byte-order mark, form feeds), as layout.
fn strip_prefixes(line: Line<'_>) -> (Line<'_>, [Option<Layout>; 2]) {
    let (line, bom) = strip_run(line, '\u{feff}', LayoutKind::Markup);
    let (line, ff) = strip_run(line, '\x0c', LayoutKind::PageBreak);
    (line, [bom, ff])
}

/// Take a run of `c` off the start of a line, as a layout record of `kind`.
fn strip_run(line: Line<'_>, c: char, kind: LayoutKind) -> (Line<'_>, Option<Layout>) {
    let n = line.content.len() - line.content.trim_start_matches(c).len();
    if n == 0 {
        return (line, None);
    }
    let layout = Layout {
        kind,
        span: Span::new(line.start, line.start + n),
    };
    (shift(line, n), Some(layout))
}

/// Lines that stand next to a form feed on at least two pages, or that repeat the
/// document's first line after a page break: the running headers and footers of text
/// extracted from a PDF.
fn running_lines(src: &str) -> HashSet<u64> {
    const EDGE: usize = 2;
    let mut counts: std::collections::HashMap<u64, (&str, usize)> =
        std::collections::HashMap::new();
    // The last lines of text before a break (footer candidates) and how many lines of
    // text have passed since the last break (header candidates are the first few).
    let mut recent: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
    let mut since_break: Option<usize> = None;
    for line in lines(src) {
        let t = line
            .content
            .trim_matches(|c: char| classify::is_space(c) || c == '\x0c');
        if line.content.starts_with('\x0c') {
            for prev in recent.drain(..) {
                counts
                    .entry(spacing_blind_hash(prev))
                    .or_insert((prev, 0))
                    .1 += 1;
            }
            since_break = Some(0);
        }
        if t.is_empty() {
            continue;
        }
        if let Some(n) = since_break.as_mut() {
            if *n < EDGE {
                counts.entry(spacing_blind_hash(t)).or_insert((t, 0)).1 += 1;
                *n += 1;
            } else {
                since_break = None;
            }
        }
        recent.push_back(t);
        if recent.len() > EDGE {
            recent.pop_front();
        }
    }
    counts
        .into_iter()
        .filter(|&(_, (t, n))| n >= 2 && matches!(classify::classify(t).kind, Kind::Text(_)))
        .map(|(hash, _)| hash)
        .collect()
}

/// A hash of a line that ignores how its words are spaced (no-break spaces, runs of
/// spaces), so a running header is recognised however the extraction spaced it.
fn spacing_blind_hash(line: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for word in line.split(classify::is_space).filter(|w| !w.is_empty()) {
        word.hash(&mut h);
    }
    h.finish()
}

/// The document's language, and the byte offset where a translation into another starts.
/// The language of a text and, when a translation follows it, where the translation
/// begins: at a sustained run of lines in another language (three lines of text, or a
/// structural keyword only another language uses) after the first article. The run's
/// start moves back over the headings and lines with no clear language just before it
/// (a translation opens with its title), never over a structural line.
fn languages(src: &str, classes: &Classes<'_>) -> Scan {
    let mut first_articles = 0;
    let (language, translation) = languages_counting(src, classes, &mut first_articles);
    Scan {
        language,
        translation,
        first_articles,
    }
}

/// What the first pass over the lines finds.
struct Scan {
    language: Option<&'static str>,
    /// Where a translation starts, and its language.
    translation: Option<(usize, &'static str)>,
    /// How many articles numbered 1 come before the translation.
    first_articles: usize,
}

fn languages_counting(
    src: &str,
    classes: &Classes<'_>,
    first_articles: &mut usize,
) -> (Option<&'static str>, Option<(usize, &'static str)>) {
    // Structural keywords seen so far, as the set of languages they all belong to.
    let mut keywords: Lang = 0;
    let mut votes: std::collections::HashMap<Language, usize> = std::collections::HashMap::new();
    let mut doc: Option<Language> = None;
    let mut seen_article = false;
    // Where the run of lines that are not in the text's language began, and where the
    // headings and unclear lines just before it began.
    let mut run: Option<usize> = None;
    let mut foreign = 0;
    let mut unclear: Option<usize> = None;
    for (line, class) in classes.lines(src) {
        let start = line.start;
        let (line, _) = strip_prefixes(line);
        let kw = match class.kind {
            Kind::Article { lang, number, .. } => {
                seen_article = true;
                if numeral::value(number) == Some(1) {
                    *first_articles += 1;
                }
                Some(lang)
            }
            Kind::Division { lang, .. }
            | Kind::Preamble { lang, .. }
            | Kind::Annex { lang, .. } => Some(lang),
            Kind::Blank | Kind::Furniture | Kind::Meta | Kind::Editorial => continue,
            _ => None,
        };
        if let Some(l) = kw {
            let doc_bit = doc.map_or(keywords, lang_bit);
            if keywords != 0 && keywords & l == 0 {
                // A keyword only another language uses ("Artikel" after "Article").
                if seen_article {
                    return (
                        language_code(doc, keywords),
                        Some((run.or(unclear).unwrap_or(start), classify::lang_code(l))),
                    );
                }
            } else if keywords == 0 {
                keywords = l;
            } else {
                keywords &= l;
            }
            if l == doc_bit && doc_bit != 0 {
                // A keyword of the text's language alone: the text goes on.
                run = None;
                foreign = 0;
            }
            unclear = None;
            continue;
        }
        match language::of_line(line.content) {
            None => {
                if run.is_none() {
                    unclear.get_or_insert(start);
                }
            }
            Some(l) if doc.is_none() => {
                let n = votes.entry(l).or_default();
                *n += 1;
                if *n >= 3 {
                    doc = Some(l);
                }
                unclear = None;
            }
            Some(l) if Some(l) == doc => {
                run = None;
                foreign = 0;
                unclear = None;
            }
            Some(other) => {
                let at = *run.get_or_insert(unclear.unwrap_or(start));
                foreign += 1;
                if seen_article && foreign >= 3 {
                    return (language_code(doc, keywords), Some((at, other.code())));
                }
            }
        }
    }
    (language_code(doc, keywords), None)
}

/// The language of a text: that of its words, else that of its keywords.
fn language_code(doc: Option<Language>, keywords: Lang) -> Option<&'static str> {
    doc.map(Language::code)
        .or_else(|| (keywords != 0).then(|| classify::lang_code(keywords)))
}

/// The keyword language bit of a language.
fn lang_bit(l: Language) -> Lang {
    match l {
        Language::En => classify::EN,
        Language::Fr => classify::FR,
        Language::Nl => classify::NL,
        Language::De => classify::DE,
        Language::Es => classify::ES,
        Language::Ru => classify::RU,
        Language::Ar => classify::AR,
        Language::Zh => classify::ZH,
    }
}

/// Offset of `s` (a slice of `src`) in `src`.
fn offset(src: &str, s: &str) -> usize {
    s.as_ptr() as usize - src.as_ptr() as usize
}

/// Ends a sentence or a list entry: `.`, `;`, `:` (before closing quotes or brackets).
fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(|c: char| classify::is_space(c) || matches!(c, '"' | '”' | '’' | ')' | '*'))
        .ends_with(['.', ';', ':', '!', '?'])
}

fn division_rank(kind: NodeKind) -> Option<u8> {
    match kind {
        NodeKind::Part => Some(0),
        NodeKind::Chapter => Some(1),
        NodeKind::Section => Some(2),
        NodeKind::Subsection => Some(3),
        _ => None,
    }
}

impl<'s> Builder<'s> {
    fn push_layout(&mut self, kind: LayoutKind, span: Span) {
        // A line that held only what was stripped off its start (a byte-order mark at the
        // very end of the text) leaves nothing to record.
        if span.is_empty() {
            return;
        }
        if let Some(last) = self.layout.last_mut()
            && last.kind == kind
            && kind == LayoutKind::Blank
            && last.span.end == span.start
        {
            last.span.end = span.end;
            return;
        }
        self.layout.push(Layout { kind, span });
    }

    /// A form feed: like furniture, it does not end the sentence it interrupts.
    fn page_break(&mut self) {
        if !self.in_gap {
            self.in_gap = true;
            self.cont_before_gap = self.cont_ok;
        }
        self.furniture_since = true;
    }

    fn add(
        &mut self,
        kind: NodeKind,
        number: Option<String>,
        parent: Option<usize>,
        line: Line<'s>,
    ) -> usize {
        let idx = self.nodes.len();
        self.nodes.push(BNode {
            kind,
            number: number.map(CompactString::from),
            ordinal: None,
            heading: None,
            blocks: Blocks::default(),
            closing: Blocks::default(),
            start: line.start,
            end: line.end,
            header: header_span(line),
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.nodes[p].children.push(idx),
            None => self.roots.push(idx),
        }
        idx
    }

    fn frag(&self, s: &'s str) -> Frag<'s> {
        let t = s.trim_matches(classify::is_space);
        (offset(self.src, t), t)
    }

    /// A new structural unit starts: close the list and the current container.
    fn close(&mut self) {
        self.container = None;
        self.lists.clear();
        self.cur = None;
        self.cont_ok = false;
        self.expect_heading = None;
        self.structure_seen = true;
    }

    fn line(&mut self, line: Line<'s>, class: Class<'s>) {
        let span = Span::new(line.start, line.end);
        // Running headers repeat the title: the first one, before the text starts, is it.
        let running = self.structure_seen
            && !self.running.is_empty()
            && matches!(class.kind, Kind::Text(t) if !class.markdown_heading && self.running.contains(&spacing_blind_hash(t)));
        if matches!(class.kind, Kind::Blank | Kind::Furniture) || running {
            if !self.in_gap {
                self.in_gap = true;
                self.cont_before_gap = self.cont_ok;
            }
            if matches!(class.kind, Kind::Blank) {
                self.push_layout(LayoutKind::Blank, span);
                self.cont_ok = false;
                self.blank_since = true;
            } else {
                // Furniture interrupts a page, not a sentence.
                self.push_layout(LayoutKind::PageFurniture, span);
                self.furniture_since = true;
            }
            return;
        }
        if self.furniture_since {
            self.cont_ok = self.cont_before_gap;
            self.blank_since = false;
        }
        self.in_gap = false;
        self.furniture_since = false;
        // "… paragraph 5. IN WITNESS WHEREOF …" on one line: the final clauses start
        // where the sentence ends, never inside the last paragraph.
        if self.structure_seen
            && !self.after_final
            && matches!(class.kind, Kind::Text(_) | Kind::Marker { .. })
            && !class.markdown_heading
            && let Some(k) = classify::final_clause_within(line.content)
        {
            let cut = line.start + k;
            let (before, after) = line.content.split_at(k);
            let first = Line {
                start: line.start,
                content: before.trim_end_matches(classify::is_space),
                end: cut,
            };
            self.content_line(first, classify::classify(first.content));
            let second = Line {
                start: cut,
                content: after,
                end: line.end,
            };
            self.content_line(second, classify::classify(after));
            self.colon = false;
            return;
        }
        self.content_line(line, class);
        self.colon = line.content.trim_end().ends_with(':');
    }

    fn content_line(&mut self, line: Line<'s>, class: Class<'s>) {
        let span = Span::new(line.start, line.end);
        match class.kind {
            Kind::Meta => return self.push_layout(LayoutKind::Markup, span),
            Kind::Editorial => return self.push_layout(LayoutKind::EditorialNote, span),
            _ => {}
        }
        let expected = self.expect_heading.take();
        let heading_open = self.heading_open.take();
        let blank_since = std::mem::replace(&mut self.blank_since, false);
        match class.kind {
            Kind::Article {
                number, heading, ..
            } => {
                self.close();
                self.annex = None;
                self.after_final = false;
                let parent = self.divisions.last().copied();
                let n = self.add(
                    NodeKind::Article,
                    Some(numeral::article_id(number)),
                    parent,
                    line,
                );
                self.nodes[n].ordinal = numeral::value(number);
                self.open(n, heading, !class.markdown_heading);
            }
            Kind::Division {
                kind,
                number,
                heading,
                ..
            } => self.division(kind, number, heading, line, !class.markdown_heading),
            Kind::Preamble { rest, .. } => {
                self.close();
                self.divisions.clear();
                self.annex = None;
                self.after_final = false;
                let n = self.add(NodeKind::Preamble, None, None, line);
                self.container = Some(n);
                if !rest.trim_matches(classify::is_space).is_empty() {
                    self.text(rest, line);
                }
            }
            Kind::Annex {
                number, heading, ..
            } => self.annex(
                number.map(numeral::division_id),
                heading,
                line,
                !class.markdown_heading,
            ),
            Kind::Code(code) if self.annex.is_some() => {
                self.close();
                let n = self.add(NodeKind::Unit, Some(code.to_owned()), self.annex, line);
                self.open(n, None, false);
            }
            Kind::Code(text) => self.heading_line(text, line, expected),
            Kind::Final => self.final_clauses(line),
            Kind::FootnoteDef { label, rest } => {
                self.close();
                // A footnote at the foot of a page belongs where it stands.
                let parent = self.annex.or(self.divisions.last().copied());
                let n = self.add(NodeKind::Footnote, Some(label.to_owned()), parent, line);
                self.container = Some(n);
                self.text(rest, line);
            }
            Kind::Marker { marker, rest } => self.marker(marker, rest, line),
            Kind::Text(text) if class.markdown_heading => self.heading_line(text, line, expected),
            Kind::Text(text) => self.text_line(text, line, expected, heading_open, blank_since),
            Kind::Blank | Kind::Meta | Kind::Furniture | Kind::Editorial => {}
        }
    }

    /// A division heading line (`Chapter IV`): it closes the divisions of its rank and
    /// below, and opens under what is left.
    fn division(
        &mut self,
        kind: NodeKind,
        number: &'s str,
        heading: Option<&'s str>,
        line: Line<'s>,
        plain_heading_ok: bool,
    ) {
        self.close();
        self.annex = None;
        self.after_final = false;
        if let Some(pos) = self
            .divisions
            .iter()
            .rposition(|&d| self.nodes[d].kind == kind)
        {
            self.divisions.truncate(pos);
        } else if let Some(rank) = division_rank(kind) {
            while let Some(&top) = self.divisions.last()
                && division_rank(self.nodes[top].kind).is_some_and(|r| r >= rank)
            {
                self.divisions.pop();
            }
        }
        let parent = self.divisions.last().copied();
        let n = self.add(kind, Some(numeral::division_id(number)), parent, line);
        self.nodes[n].ordinal = numeral::value(number);
        self.divisions.push(n);
        self.open(n, heading, plain_heading_ok);
    }

    /// A line that opens the final clauses ("IN WITNESS WHEREOF", "DONE at").
    fn final_clauses(&mut self, line: Line<'s>) {
        self.close();
        self.divisions.clear();
        self.annex = None;
        let n = match self.final_node {
            // "DONE at ..." after "IN WITNESS WHEREOF ...": the same final clauses.
            Some(n) if self.after_final && self.roots.last() == Some(&n) => n,
            _ => {
                let n = self.add(NodeKind::FinalClauses, None, None, line);
                self.final_node = Some(n);
                n
            }
        };
        self.after_final = true;
        self.container = Some(n);
        self.text(line.content, line);
    }

    /// A line of plain text: a heading awaited or wrapped onto it, a line of the title,
    /// the start of the preamble, or words of the clause being read.
    fn text_line(
        &mut self,
        text: &'s str,
        line: Line<'s>,
        expected: Option<(usize, bool)>,
        heading_open: Option<usize>,
        blank_since: bool,
    ) {
        if let Some((n, plain_ok)) = expected
            && plain_ok
            && self.nodes[n].heading.is_none()
            && classify::looks_like_heading(text)
        {
            self.nodes[n].heading = Some(self.frag(classify::heading_words(text)));
            self.nodes[n].end = line.end;
            self.heading_open = Some(n);
            return;
        }
        // A heading wrapped onto a second line ("... in an organized\ncriminal group").
        if let Some(n) = heading_open
            && !blank_since
            && text.starts_with(char::is_lowercase)
            && let Some((start, _)) = self.nodes[n].heading
        {
            let end = offset(self.src, text) + text.len();
            self.nodes[n].heading = Some((start, &self.src[start..end]));
            self.nodes[n].end = line.end;
            self.heading_open = Some(n);
            return;
        }
        // A line that starts in lower case continues the sentence before it, even
        // after a full stop ("... of this Convention.\nthe State Party ...").
        if !blank_since && self.cur.is_some() && text.starts_with(char::is_lowercase) {
            self.cont_ok = true;
        }
        if !self.structure_seen && self.container.is_none() {
            // The title is the first paragraph of text, whatever its length, and
            // title-shaped lines after it (a place and date); the preamble begins
            // where the parties are named or a recital opens, even with no blank
            // line between.
            let opens = preamble::opens_preamble(text, self.language)
                || text
                    .trim_end_matches(classify::is_space)
                    .ends_with([',', ';']);
            if !opens {
                match self.title {
                    None => return self.title_line(text, line, TitleLine::Continue),
                    Some(_) if self.cont_ok && !place_and_date(text) => {
                        return self.title_line(text, line, TitleLine::Continue);
                    }
                    Some(_) if classify::looks_like_heading(text) => {
                        return self.title_line(text, line, TitleLine::Block);
                    }
                    Some(_) => {}
                }
            }
            let n = self.add(NodeKind::Preamble, None, None, line);
            self.container = Some(n);
        }
        self.text(text, line);
    }

    /// A structural node was opened: it becomes the container and may take a heading.
    fn open(&mut self, n: usize, heading: Option<&'s str>, plain_heading_ok: bool) {
        self.container = Some(n);
        match heading {
            Some(h) => self.nodes[n].heading = Some(self.frag(classify::heading_words(h))),
            None => self.expect_heading = Some((n, plain_heading_ok)),
        }
    }

    fn annex(
        &mut self,
        number: Option<String>,
        heading: Option<&'s str>,
        line: Line<'s>,
        plain_ok: bool,
    ) {
        self.close();
        self.divisions.clear();
        self.after_final = false;
        let n = self.add(NodeKind::Annex, number, None, line);
        self.annex = Some(n);
        self.open(n, heading, plain_ok);
    }

    fn title_line(&mut self, text: &'s str, line: Line<'s>, how: TitleLine) {
        let frag = self.frag(text);
        let join = how != TitleLine::Replace;
        match self.title {
            Some(t) if how == TitleLine::Continue && self.cont_ok => {
                self.nodes[t].blocks.continue_last(frag);
                self.nodes[t].end = line.end;
            }
            Some(t) if how != TitleLine::Replace => {
                self.nodes[t].blocks.start(frag);
                self.nodes[t].end = line.end;
            }
            previous => {
                if let Some(t) = previous {
                    // An earlier title line (often the title in another language).
                    self.roots.retain(|&r| r != t);
                    let span = Span::new(self.nodes[t].start, self.nodes[t].end);
                    // Furniture met inside the earlier title is part of that block now.
                    self.layout.retain(|l| !span.contains(l.span));
                    self.layout.push(Layout {
                        kind: LayoutKind::AltTitle,
                        span,
                    });
                }
                let t = self.add(NodeKind::DocumentTitle, None, None, line);
                self.nodes[t].blocks.start(frag);
                self.title = Some(t);
            }
        }
        self.cont_ok = join;
    }

    /// A Markdown heading that is not a structural keyword.
    fn heading_line(&mut self, text: &'s str, line: Line<'s>, expected: Option<(usize, bool)>) {
        if let Some((n, _)) = expected
            && self.nodes[n].heading.is_none()
        {
            self.nodes[n].heading = Some(self.frag(classify::heading_words(text)));
            self.nodes[n].end = line.end;
            return;
        }
        if !self.structure_seen && self.container.is_none() {
            return self.title_line(text, line, TitleLine::Replace);
        }
        if let Some(annex) = self.annex {
            self.close();
            let n = self.add(NodeKind::Heading, None, Some(annex), line);
            self.nodes[n].heading = Some(self.frag(classify::heading_words(text)));
            self.container = Some(n);
            return;
        }
        if self.after_final {
            return self.annex(None, Some(text), line, false);
        }
        self.close();
        let parent = self.divisions.last().copied();
        let n = self.add(NodeKind::Heading, None, parent, line);
        self.nodes[n].heading = Some(self.frag(classify::heading_words(text)));
        self.container = Some(n);
    }

    /// A line of running text: it continues the current block or starts a new one.
    fn text(&mut self, text: &'s str, line: Line<'s>) {
        let frag = self.frag(text);
        if frag.1.is_empty() {
            return;
        }
        // In a preamble laid out one recital a line, a recital's opening word starts a
        // new block even when the line before ends with a comma; but not in the middle
        // of a sentence wrapped onto this line ("... and the\nPreventing and ...").
        let new_recital = self
            .container
            .is_some_and(|c| self.nodes[c].kind == NodeKind::Preamble)
            && (preamble::starts_recital_anywhere(frag.1, self.language)
                || (self.line_closed && preamble::starts_recital(frag.1, self.language)));
        // "The High Contracting Parties" names who speaks: what follows opens a recital.
        self.line_closed = ends_clause(text) || preamble::names_parties(text);
        if self.cont_ok
            && !new_recital
            && let Some((n, closing)) = self.cur
        {
            let blocks = if closing {
                &mut self.nodes[n].closing
            } else {
                &mut self.nodes[n].blocks
            };
            if blocks.continue_last(frag) {
                self.extend(n, line.end);
                self.cont_ok = !ends_sentence(text);
                return;
            }
        }
        let target = if self.lists.is_empty() {
            match self.container {
                Some(c) => c,
                None => {
                    // Text with nowhere to go (after a bare division heading, say).
                    let parent = self.divisions.last().copied();
                    let n = self.add(NodeKind::Heading, None, parent, line);
                    self.container = Some(n);
                    n
                }
            }
        } else {
            // After list items, new text closes the list it follows; between numbered
            // paragraphs, it is a further block of the current paragraph.
            match self.lists.iter().position(|l| l.count != Count::Digit) {
                Some(0) => self.container.unwrap_or(self.lists[0].node),
                Some(k) => self.lists[k - 1].node,
                None => self.lists[self.lists.len() - 1].node,
            }
        };
        let closing = !self.nodes[target].children.is_empty();
        let node = &mut self.nodes[target];
        if closing {
            node.closing.start(frag);
        } else {
            node.blocks.start(frag);
        }
        self.extend(target, line.end);
        self.cur = Some((target, closing));
        self.cont_ok = !ends_sentence(text);
    }

    fn extend(&mut self, n: usize, end: usize) {
        let node = &mut self.nodes[n];
        node.end = node.end.max(end);
    }

    fn marker(&mut self, m: Marker<'s>, rest: &'s str, line: Line<'s>) {
        // Only articles, annexes and annex units hold numbered lists; elsewhere a line that
        // starts like a marker is running text.
        let container = match self.container {
            Some(c)
                if matches!(
                    self.nodes[c].kind,
                    NodeKind::Article | NodeKind::Annex | NodeKind::Unit
                ) =>
            {
                c
            }
            _ => {
                if !self.structure_seen && self.container.is_none() {
                    let n = self.add(NodeKind::Preamble, None, None, line);
                    self.container = Some(n);
                }
                let body = line.content.trim_start_matches(classify::is_space);
                return self.text(body, line);
            }
        };
        let readings: Vec<(Count, u32)> = if m.punct == Punct::Quote {
            m.digit.map(|d| (Count::Quoted, d)).into_iter().collect()
        } else {
            [
                m.digit.map(|d| (Count::Digit, d)),
                m.roman.map(|r| (Count::Roman, r)),
                m.letter.map(|l| (Count::Letter, l)),
            ]
            .into_iter()
            .flatten()
            .collect()
        };
        let same_style = |lists: &[Level], count: Count| {
            lists
                .iter()
                .rposition(|l| l.count == count && l.punct == m.punct)
        };
        // 0. After a colon, a first marker of a style not open yet starts a list under the
        //    line before: "(h) ... the following objectives:" then "(i)" is a point, not
        //    the letter after (h).
        let mut choice = None;
        if self.colon
            && let Some(&(count, ord)) = readings
                .iter()
                .find(|&&(count, ord)| ord == 1 && same_style(&self.lists, count).is_none())
        {
            choice = Some((self.lists.len(), count, ord, None));
        }
        // 1. It continues an open list (innermost first).
        'outer: for d in (0..self.lists.len()).rev() {
            if choice.is_some() {
                break;
            }
            for &(count, ord) in &readings {
                let l = self.lists[d];
                // An inserted entry (`(b a)`) follows the one it is inserted after.
                let next = ord == l.ordinal + 1 || (m.inserted && ord == l.ordinal);
                if l.count == count && l.punct == m.punct && next {
                    choice = Some((d, count, ord, None));
                    break 'outer;
                }
            }
        }
        // A marker glued to its first word ("a.obtained") is one only where it fits: it
        // continues a list, or opens one after a colon or at the start of its container.
        if m.glued && choice.is_none() {
            let starts = self.lists.is_empty() && self.nodes[container].blocks.is_empty();
            if !(starts && readings.iter().any(|&(_, ord)| ord == 1)) {
                let body = line.content.trim_start_matches(classify::is_space);
                return self.text(body, line);
            }
        }
        // 2. It is the first of a list: nested, unless the same style is open (a restart).
        if choice.is_none()
            && let Some(&(count, ord)) = readings.iter().find(|&&(_, ord)| ord == 1)
        {
            choice = Some(match same_style(&self.lists, count) {
                Some(d) => (d, count, ord, Some("numbering-restart")),
                None => (self.lists.len(), count, ord, None),
            });
        }
        // 3. Out of sequence: a sibling of the same style (a gap or a duplicate), else nested.
        let (depth, count, ordinal, problem) = choice.unwrap_or_else(|| {
            readings
                .iter()
                .find_map(|&(count, ord)| {
                    same_style(&self.lists, count).map(|d| (d, count, ord, Some("numbering-gap")))
                })
                .unwrap_or_else(|| {
                    let (count, ord) = readings.first().copied().unwrap_or((Count::Letter, 0));
                    (self.lists.len(), count, ord, Some("numbering-unexpected"))
                })
        });
        let parent = if depth == 0 {
            container
        } else {
            self.lists[depth - 1].node
        };
        let kind = list_kind(count, self.nodes[parent].kind);
        let number = m.id();
        let n = self.add(kind, Some(number), Some(parent), line);
        self.nodes[n].ordinal = Some(ordinal);
        if let Some(code) = problem
            && code != "numbering-gap"
        {
            let what = if code == "numbering-restart" {
                format!("`{}` starts the numbering again", m.raw)
            } else {
                format!("`{}` does not continue any open list", m.raw)
            };
            self.diagnostics.push(
                Diagnostic::warning(code, what, self.nodes[n].header)
                    .with_help("check the numbering against the official text"),
            );
        }
        self.lists.truncate(depth);
        self.lists.push(Level {
            count,
            punct: m.punct,
            ordinal,
            node: n,
        });
        let rest = if count == Count::Digit {
            self.without_repeated_number(m.raw, rest)
        } else {
            rest
        };
        let frag = self.frag(rest);
        if !frag.1.is_empty() {
            self.nodes[n].blocks.start(frag);
        }
        self.cur = Some((n, false));
        self.cont_ok = frag.1.is_empty() || !ends_sentence(rest);
    }

    /// "2. 2 Such conditions": a paragraph's number repeated at the start of its text is
    /// left out of the words, with a warning.
    fn without_repeated_number(&mut self, raw: &str, rest: &'s str) -> &'s str {
        let Some(after) = rest.strip_prefix(raw) else {
            return rest;
        };
        if !after.starts_with(classify::is_space) {
            return rest;
        }
        let at = offset(self.src, rest);
        self.diagnostics.push(
            Diagnostic::warning(
                "repeated-number",
                format!("paragraph {raw} repeats its number at the start of its text"),
                Span::new(at, at + raw.len()),
            )
            .with_help("the repeated number was left out of the clause text"),
        );
        after
    }

    fn finish(mut self, language: Option<&'static str>) -> Document {
        let mut seen = Seen::with_capacity(self.nodes.len());
        let mut counters = Counters::default();
        let roots = std::mem::take(&mut self.roots);
        let mut children = Vec::with_capacity(roots.len());
        for r in roots {
            let node = self.emit(r, None, &mut seen, &mut counters);
            children.push(node);
        }
        self.check_numbering(&children);
        // The title's first block is the title; later ones (a place and date) stay in the
        // title node's words.
        let title = children
            .iter()
            .find(|n| n.kind == NodeKind::DocumentTitle)
            .and_then(|n| n.text.split('\n').next().map(str::to_owned));
        if !children
            .iter()
            .any(|n| n.walk().any(|d| d.kind == NodeKind::Article))
        {
            self.diagnostics.push(
                Diagnostic::warning(
                    "no-articles",
                    "no article headings were found",
                    Span::new(0, 0),
                )
                .with_help("articles start with a line such as `Article 5` or `### Article 5`"),
            );
        }
        self.layout.sort_by_key(|l| l.span);
        self.diagnostics.sort_by_key(|d| (d.span.start, d.severity));
        Document {
            title,
            language: language.map(str::to_owned),
            children,
            layout: self.layout,
            diagnostics: self.diagnostics,
            source_len: self.src.len(),
        }
    }

    /// Turn an arena node into a model node, with its canonical ID and eId.
    fn emit(
        &mut self,
        idx: usize,
        parent: Option<(&ClauseId, &str, NodeKind)>,
        seen: &mut Seen,
        counters: &mut Counters,
    ) -> Node {
        let kind = self.nodes[idx].kind;
        // Each arena node is emitted once: what it owns moves into the tree, and its
        // fragment lists are freed as soon as they are joined, so that the arena and the
        // tree are not both whole in memory at the end.
        let number = self.nodes[idx].number.take();
        let (id, eid) = node_id(kind, number.as_ref(), parent, counters);
        let (id, eid) = unique(id, eid, seen, counters);

        let blocks = std::mem::take(&mut self.nodes[idx].blocks);
        let closing_blocks = std::mem::take(&mut self.nodes[idx].closing);
        let child_idx = std::mem::take(&mut self.nodes[idx].children);
        let node = &self.nodes[idx];
        let heading = node
            .heading
            .map(|(_, h)| clean_inline(h).text)
            .filter(|h| !h.is_empty());
        let mut negotiation = Negotiation::default();
        let mut footnotes = Vec::new();
        let mut take = |c: Cleaned| {
            negotiation.bracketed.extend(c.bracketed);
            negotiation.markers.extend(c.markers);
            footnotes.extend(c.footnotes);
            c.text
        };
        let span = Span::new(node.start, node.end);
        let mut children = Vec::new();
        let (text, closing) = if kind == NodeKind::Preamble {
            let blocks: Vec<Vec<Frag<'s>>> = blocks.each().collect();
            let (text, closing, recitals) = self.recitals(&id, &blocks, &mut take);
            children = recitals;
            (text.into(), closing)
        } else {
            let text = join_blocks(&blocks, self.shared, &mut take);
            let closing = String::from(join_blocks(&closing_blocks, None, &mut take));
            (text, (!closing.is_empty()).then_some(closing))
        };
        drop((blocks, closing_blocks));
        children.reserve_exact(child_idx.len());
        for c in child_idx {
            let node = self.emit(c, Some((&id, &eid, kind)), seen, counters);
            children.push(node);
        }
        self.nodes.done(idx);
        let end = children
            .iter()
            .map(|c| c.span.end)
            .max()
            .unwrap_or(span.end)
            .max(span.end);
        Node {
            id,
            eid,
            kind,
            number,
            heading,
            text,
            closing,
            span: Span::new(span.start, end),
            negotiation,
            footnotes,
            children,
        }
    }

    /// The recitals of a preamble, each with its own span. When recitals carry their own
    /// numbers ("(1) The purpose of this Regulation ..."), as in EU acts, those numbers are
    /// their IDs, and the unnumbered pieces (the citations, "Having regard to ...", and
    /// "Whereas:") stay in the preamble's own words.
    fn recitals(
        &self,
        id: &ClauseId,
        blocks: &[Vec<Frag<'s>>],
        take: &mut impl FnMut(Cleaned) -> String,
    ) -> (String, Option<String>, Vec<Node>) {
        let mut own = Vec::new();
        let mut closing: Vec<String> = Vec::new();
        let mut pieces: Vec<(Span, Cleaned)> = Vec::new();
        for (k, block) in blocks.iter().enumerate() {
            let (joined, map) = join_mapped(block);
            // Once the closing formula has begun ("Now, therefore,"), every later block of
            // the preamble is part of it ("The General Assembly", "Proclaims ...").
            if !closing.is_empty() {
                closing.push(take(clean_inline(&joined)));
                continue;
            }
            let split = preamble::split(&joined, k == 0, blocks.len() > 1, self.language);
            if let Some((a, b)) = split.chapeau {
                own.push(take(clean_inline(&joined[a..b])));
            }
            for (a, b) in split.recitals {
                let span = Span::new(map.source(a), map.source_end(b));
                pieces.push((span, clean_inline(&joined[a..b])));
            }
            if let Some((a, b)) = split.closing {
                closing.push(take(clean_inline(&joined[a..b])));
            }
        }
        let closing = (!closing.is_empty()).then(|| closing.join("\n"));
        // EU acts number their recitals: read those numbers when the pieces from `(1)` on
        // are mostly numbered; the pieces before `(1)` are the preamble's own words.
        let first = pieces
            .iter()
            .position(|(_, c)| preamble::recital_number(&c.text).is_some_and(|(n, _)| n == "1"));
        let by_number = first.is_some_and(|f| {
            let after = &pieces[f..];
            let numbered = after
                .iter()
                .filter(|(_, c)| preamble::recital_number(&c.text).is_some())
                .count();
            numbered * 2 > after.len()
        });
        if by_number && let Some(f) = first {
            for (_, c) in pieces.drain(..f) {
                own.push(take(c));
            }
        }
        let mut recitals = Vec::new();
        for (span, mut c) in pieces {
            let n = if by_number {
                match preamble::recital_number(&c.text).map(|(n, rest)| (n.to_owned(), rest)) {
                    Some((n, rest)) => {
                        c.text = c.text[rest..].to_owned();
                        n
                    }
                    None => {
                        own.push(take(c));
                        continue;
                    }
                }
            } else {
                (recitals.len() + 1).to_string()
            };
            recitals.push(Node {
                id: id.child(&n),
                eid: format_compact!("preamble__rec_{n}"),
                kind: NodeKind::Recital,
                number: Some(n.into()),
                heading: None,
                text: c.text.into(),
                closing: None,
                span,
                negotiation: Negotiation {
                    bracketed: c.bracketed,
                    markers: c.markers,
                },
                footnotes: c.footnotes,
                children: Vec::new(),
            });
        }
        (own.join("\n"), closing, recitals)
    }

    fn check_numbering(&mut self, roots: &[Node]) {
        let articles: Vec<&Node> = roots
            .iter()
            .flat_map(Node::walk)
            .filter(|n| n.kind == NodeKind::Article)
            .collect();
        let mut out = Vec::new();
        sequence(&articles, "article", &mut out);
        for n in roots.iter().flat_map(Node::walk) {
            for kind in [
                NodeKind::Paragraph,
                NodeKind::Subparagraph,
                NodeKind::Point,
                NodeKind::Item,
            ] {
                let kids: Vec<&Node> = n.children.iter().filter(|c| c.kind == kind).collect();
                if kids.len() > 1 {
                    sequence(&kids, kind.label(), &mut out);
                }
            }
        }
        self.diagnostics.extend(out);
    }
}

/// The IDs given so far, each kept as a 128-bit hash rather than as a copy of the ID (a
/// copy of every ID was a tenth of the memory of a large parse): foldhash, seeded for
/// this parse, and FNV-1a, two unrelated functions. Two different IDs are taken for one
/// only if both collide at once, about once in 2^128 pairs, and the seed keeps a text
/// from being written to make them.
struct Seen {
    hashes: HashSet<u128, std::hash::BuildHasherDefault<crate::language::Packed>>,
    seed: foldhash::fast::RandomState,
}

impl Seen {
    fn with_capacity(n: usize) -> Self {
        Self {
            hashes: HashSet::with_capacity_and_hasher(n, Default::default()),
            seed: Default::default(),
        }
    }

    fn key(&self, id: &ClauseId) -> u128 {
        use std::hash::BuildHasher;
        let fnv = id.as_str().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        (u128::from(self.seed.hash_one(id)) << 64) | u128::from(fnv)
    }

    fn contains(&self, id: &ClauseId) -> bool {
        self.hashes.contains(&self.key(id))
    }

    fn insert(&mut self, id: &ClauseId) {
        let key = self.key(id);
        self.hashes.insert(key);
    }
}

#[derive(Default)]
struct Counters {
    /// The next `-k` suffix to try for an ID already taken.
    suffixes: std::collections::HashMap<ClauseId, usize>,
    annexes: usize,
    /// Headings outside annexes are numbered through the document; inside, per annex.
    headings: usize,
    annex_headings: usize,
}

/// A node's canonical ID and eId, from its kind, its number and its parent's.
fn node_id(
    kind: NodeKind,
    number: Option<&CompactString>,
    parent: Option<(&ClauseId, &str, NodeKind)>,
    counters: &mut Counters,
) -> (ClauseId, CompactString) {
    let num: &str = number.map_or("", CompactString::as_str);
    match (kind, parent) {
        (NodeKind::DocumentTitle, _) => (
            ClauseId::from_segments(["title"]),
            CompactString::const_new("longTitle"),
        ),
        (NodeKind::Preamble, _) => (
            ClauseId::from_segments(["preamble"]),
            CompactString::const_new("preamble"),
        ),
        (NodeKind::FinalClauses, _) => (
            ClauseId::from_segments(["final"]),
            CompactString::const_new("conclusions"),
        ),
        (NodeKind::Footnote, _) => (
            ClauseId::from_segments(["fn", num]),
            format_compact!("fnt_{num}"),
        ),
        (NodeKind::Article, _) => (ClauseId::from_segments([num]), format_compact!("art_{num}")),
        (NodeKind::Annex, _) => {
            counters.annexes += 1;
            counters.annex_headings = 0;
            match number {
                Some(n) => (
                    ClauseId::from_segments(["annex", n]),
                    format_compact!("annex_{n}"),
                ),
                None if counters.annexes == 1 => (
                    ClauseId::from_segments(["annex"]),
                    CompactString::const_new("annex"),
                ),
                // A second annex with no number of its own: `annex-2`, never
                // `annex.2`, which names paragraph 2 of the first one.
                None => {
                    let k = counters.annexes;
                    (
                        ClauseId::from_segments(["annex"]).with_suffix(&format_compact!("-{k}")),
                        format_compact!("annex-{k}"),
                    )
                }
            }
        }
        (NodeKind::Heading, Some((pid, peid, NodeKind::Annex))) => {
            counters.annex_headings += 1;
            let h = counters.annex_headings.to_string();
            (
                pid.child("heading").child(&h),
                format_compact!("{peid}__hcontainer_{h}"),
            )
        }
        (NodeKind::Heading, _) => {
            counters.headings += 1;
            let h = counters.headings.to_string();
            (
                ClauseId::from_segments(["heading", &h]),
                format_compact!("hcontainer_{h}"),
            )
        }
        (k, p) if k.is_division() => {
            let kw = k.id_keyword().unwrap_or("division");
            let prefix = k.eid_prefix();
            match p {
                Some((pid, peid, pk)) if pk.is_division() => (
                    pid.child(kw).child(num),
                    format_compact!("{peid}__{prefix}_{num}"),
                ),
                _ => (
                    ClauseId::from_segments([kw, num]),
                    format_compact!("{prefix}_{num}"),
                ),
            }
        }
        (k, Some((pid, peid, _))) => (
            pid.child_normalised(num),
            format_compact!("{peid}__{}_{num}", k.eid_prefix()),
        ),
        (k, None) => (
            ClauseId::from_segments([num]),
            format_compact!("{}_{num}", k.eid_prefix()),
        ),
    }
}

/// The ID itself when no node has it yet, else with the next free suffix.
fn unique(
    mut id: ClauseId,
    eid: CompactString,
    seen: &mut Seen,
    counters: &mut Counters,
) -> (ClauseId, CompactString) {
    // Two nodes with one ID (a duplicated number): the later one gets `-2`, `-3`...
    // IDs are unique across the document, so that each names one node. The next
    // suffix to try is kept per ID, so a number repeated n times costs n lookups,
    // not n².
    let mut eid = eid;
    if seen.contains(&id) {
        let base = id.clone();
        let next = counters.suffixes.entry(base.clone()).or_insert(2);
        loop {
            let k = *next;
            *next += 1;
            let candidate = base.with_suffix(&format_compact!("-{k}"));
            if !seen.contains(&candidate) {
                id = candidate;
                eid.push_str(&format_compact!("-{k}"));
                break;
            }
        }
    }
    seen.insert(&id);
    (id, eid)
}

/// The kind of a list entry, by how it counts and what holds it: digits under an article
/// are paragraphs, letters under a paragraph subparagraphs, Roman numerals under those
/// points; anything deeper is an item.
fn list_kind(count: Count, parent: NodeKind) -> NodeKind {
    match count {
        Count::Digit if matches!(parent, NodeKind::Article | NodeKind::Annex | NodeKind::Unit) => {
            NodeKind::Paragraph
        }
        Count::Letter if matches!(parent, NodeKind::Article | NodeKind::Paragraph) => {
            NodeKind::Subparagraph
        }
        Count::Roman
            if matches!(
                parent,
                NodeKind::Article | NodeKind::Paragraph | NodeKind::Subparagraph
            ) =>
        {
            NodeKind::Point
        }
        _ => NodeKind::Item,
    }
}

/// Warn about gaps, duplicates and restarts in a run of numbered siblings.
fn sequence(nodes: &[&Node], what: &str, out: &mut Vec<Diagnostic>) {
    let mut prev: Option<(u32, &Node)> = None;
    for &n in nodes {
        let Some(number) = &n.number else { continue };
        let base = number.split('-').next().unwrap_or(number);
        let Some(ord) = leading_number(base)
            .or_else(|| classify::roman_value(base).filter(|_| n.kind == NodeKind::Point))
            .or_else(|| classify::letter_value(base))
        else {
            continue;
        };
        let has_suffix = (base.chars().any(|c| c.is_ascii_alphabetic())
            && base.chars().next().is_some_and(|c| c.is_ascii_digit()))
            || classify::inserted_letter(base).is_some();
        let header = Span::new(n.span.start, n.span.start + 1);
        if let Some((p, pn)) = prev {
            let pnum = pn.number.as_deref().unwrap_or("?");
            if ord == p && !has_suffix {
                out.push(
                    Diagnostic::warning(
                        "numbering-duplicate",
                        format!("{what} {number} appears twice"),
                        header,
                    )
                    .with_help(format!("the second one is addressed as `{}`", n.id)),
                );
            } else if ord < p && !has_suffix {
                out.push(Diagnostic::warning(
                    "numbering-restart",
                    format!("{what} {number} follows {what} {pnum}: the numbering starts again"),
                    header,
                ));
            } else if ord > p + 1 {
                out.push(Diagnostic::warning(
                    "numbering-gap",
                    format!(
                        "{what} {number} follows {what} {pnum}: {} missing",
                        if ord == p + 2 { "one is" } else { "some are" }
                    ),
                    header,
                ));
            }
        }
        prev = Some((ord, n));
    }
}

fn leading_number(s: &str) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    s[..digits].parse().ok()
}

/// Join the lines of one block: a word hyphenated across lines is rejoined.
/// Where each fragment of a joined block starts in the joined text and in the source.
struct JoinMap(Vec<(usize, usize, usize)>);

impl JoinMap {
    /// The source offset of a position in the joined text.
    fn source(&self, at: usize) -> usize {
        let k = self
            .0
            .partition_point(|&(j, _, _)| j <= at)
            .saturating_sub(1);
        let (j, src, len) = self.0[k];
        src + (at - j).min(len)
    }

    /// The source offset just after the character that ends at `at` in the joined text.
    fn source_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.source(0);
        }
        self.source(at - 1) + 1
    }
}

/// A block's fragments joined as [`join_frags`] joins them, with the map back to the
/// source.
fn join_mapped(block: &[Frag<'_>]) -> (String, JoinMap) {
    let mut out = String::new();
    let mut map = Vec::with_capacity(block.len());
    for &(start, s) in block {
        if !out.is_empty() {
            let hyphenated = out.ends_with('-')
                && out[..out.len() - 1].ends_with(char::is_alphabetic)
                && s.starts_with(char::is_lowercase);
            if hyphenated {
                out.pop();
            } else {
                out.push(' ');
            }
        }
        map.push((out.len(), start, s.len()));
        out.push_str(s);
    }
    if map.is_empty() {
        map.push((0, 0, 0));
    }
    (out, JoinMap(map))
}

fn join_frags(block: &[Frag<'_>]) -> String {
    let mut out = String::new();
    for &(_, s) in block {
        if out.is_empty() {
            out.push_str(s);
            continue;
        }
        let hyphenated = out.ends_with('-')
            && out[..out.len() - 1].ends_with(char::is_alphabetic)
            && s.starts_with(char::is_lowercase);
        if hyphenated {
            out.pop();
        } else {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

fn join_blocks(
    blocks: &Blocks<'_>,
    shared: Option<&Arc<str>>,
    take: &mut impl FnMut(Cleaned) -> String,
) -> NodeText {
    if let [((_, only), _)] = blocks.frags.as_slice() {
        // Words that clean-up would leave as they are (most clauses) stay in the text.
        if let Some(source) = shared
            && is_plain(only)
            && let Some(range) = range_in(source, only)
        {
            return NodeText::shared(source, range);
        }
        return take(clean_inline(only)).into();
    }
    blocks
        .each()
        .map(|b| take(clean_inline(&join_frags(&b))))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// Where `part` lies in `whole`, when it is a slice of it.
fn range_in(whole: &str, part: &str) -> Option<std::ops::Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= whole.len()).then_some(start..end)
}

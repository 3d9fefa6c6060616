//! The one answer to "does this text name X": a pack item (a required section, column, target
//! or term, with its name, synonyms and key terms) against a candidate text (a heading, a bold
//! lead-in, a definition term, a table header or caption, a sentence that links elsewhere).
//!
//! Both sides are reduced to sets of folded content words: lower case, leading numbering
//! (`3.2`, `A.1`, `IV.`, `3)`) and punctuation dropped, `&`/`and` and the pack's stop words
//! dropped, British spellings folded to American ones (`-ise`, `-isation`, `-our`, `-tre`,
//! `-ogue`, `-yse`, `-lled`, `-ence`), simple plurals to singulars and `-ed`/`-ing`/final `-e`
//! dropped, so that `Organising changes` and `organized change` are the same words. Word sets
//! compare in any order. Pure: no I/O, linear in the text.

use crate::hash::{HashMap, HashSet};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::text::{fold, scan_lower, scan_text, strip_numbering};

/// How well a candidate names an item, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Score {
    /// Every key-term group has an alternative in the candidate.
    KeyTerms,
    /// Every word of a synonym is in the candidate.
    Synonym,
    /// Every word of the item's name is in the candidate.
    Exact,
}

impl Score {
    /// `name`, `synonym` or `key terms`.
    pub fn as_str(self) -> &'static str {
        match self {
            Score::Exact => "name",
            Score::Synonym => "synonym",
            Score::KeyTerms => "key terms",
        }
    }
}

/// What a candidate is matched against: an item's name, synonyms and key-term groups.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The name the pack reports.
    pub name: &'a str,
    /// Other names that count.
    pub synonyms: &'a [String],
    /// Groups of alternatives; every group needs one.
    pub key_terms: &'a [Vec<String>],
    /// Words that count as the head of a candidate, whatever qualifies them.
    pub head_words: &'a [String],
    /// Phrases that make a candidate about something else.
    pub unless: &'a [String],
}

impl<'a> From<&'a crate::pack::Synonyms> for Item<'a> {
    fn from(s: &'a crate::pack::Synonyms) -> Self {
        Self {
            name: &s.name,
            synonyms: &s.synonyms,
            key_terms: &s.key_terms,
            head_words: &s.head_words,
            unless: &s.unless,
        }
    }
}

impl<'a> From<&'a crate::pack::Term> for Item<'a> {
    fn from(t: &'a crate::pack::Term) -> Self {
        Self {
            name: &t.name,
            synonyms: &t.synonyms,
            key_terms: &t.key_terms,
            head_words: &t.head_words,
            unless: &t.unless,
        }
    }
}

/// The verdict on one candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// `Some` when the candidate names the item.
    pub score: Option<Score>,
    /// How much of the item the candidate has (matched name words or key-term groups), for
    /// choosing the closest candidate of a missing item.
    pub overlap: usize,
    /// What the candidate lacks, as words of the item (empty when it matches).
    pub lacks: Vec<String>,
    /// When the candidate has every word of the item but is about something else: its
    /// head words (`reporting` of `Exception reporting`) or what vetoed it.
    pub about: Vec<String>,
    /// Candidate words that are not the item's, to prefer the tightest of equal matches.
    pub extra: usize,
}

/// The token [`Matcher::words`] puts between joined topics (`Scope & services`).
pub const BOUNDARY: &str = "|";

/// The normaliser, holding the stop words of the run's packs.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// What it knows of the packs, shared by the matchers of one run (see [`Seed`]).
    v: Arc<Vocab>,
    /// The folded words of each pack phrase (an item's name, synonym or key term) met so far
    /// and not in the vocabulary's `known`: every candidate of a document is judged against
    /// the same few hundred phrases, and folding them again for each candidate was most of a
    /// check's time.
    phrases: RefCell<HashMap<String, Rc<[String]>>>,
    /// The heads of each item name met so far (see [`Matcher::judge_in`]), for the same reason.
    name_heads: RefCell<HashMap<String, Rc<[String]>>>,
}

/// The vocabulary of a [`Matcher`]: the `[content]` words of the packs.
#[derive(Debug, Clone, Default)]
struct Vocab {
    stop: HashSet<String>,
    qualifiers: HashSet<String>,
    prepositions: HashSet<String>,
    /// Interrogative → the folded topic words a heading asked with it is about.
    questions: HashMap<String, Vec<String>>,
    /// Interrogatives that open a relative clause before a pronoun (`Who we serve`).
    relatives: HashSet<String>,
    /// Words that make a heading a sentence or a question, not a label (`What doesn't
    /// count?`, `Before we say yes`).
    sentence: HashSet<String>,
    /// The folded words of headings that may hold anything (`Purpose`, `Application`).
    general: HashSet<String>,
    /// Interrogatives that ask about the noun after them (`What technology supports …`).
    determiners: HashSet<String>,
    /// Phrases that make a sentence a condition, as folded word sequences (`only when`).
    conditions: Vec<Vec<String>>,
    /// Phrases that make a sentence a statement of aim (`make sure`, `describes how`), as
    /// lower-case word sequences.
    aims: Vec<Vec<String>>,
    /// Words of a heading about who does what (`roles`, `who is involved`), as lower-case
    /// word sequences.
    people: Vec<Vec<String>>,
    /// Words and phrases that say which things meet criteria (`if`, `more than`), as
    /// lower-case word sequences.
    criteria: Vec<Vec<String>>,
    /// A folded word → the folded words of what it is the same as (`flavour` → `category`,
    /// `rfc` → `change request`): ordinary synonyms and abbreviations of the pack's
    /// `equivalents`, so a text and a pack phrase meet on one word.
    equivalents: HashMap<String, Vec<String>>,
    /// The folded words of every phrase of the packs' requirements, worked out once for a
    /// run by [`Seed::of_packs`] (empty otherwise).
    known: HashMap<String, Box<[String]>>,
    /// The stems of the words of section names, synonyms and key terms that occur in the
    /// sections of three or more requirements (`service`, `review`): they say nothing of which
    /// item a text is about (see [`Matcher::is_generic`]).
    generic: HashSet<String>,
}

/// What the matchers of one run share, made once: the vocabulary of the packs and the folded
/// words of every phrase of their requirements. A check makes a [`Matcher`] of it for each
/// document ([`Seed::matcher`]), which costs two empty maps instead of building the
/// vocabulary and folding the phrases again.
#[derive(Debug, Clone, Default)]
pub struct Seed(Arc<Vocab>);

impl Seed {
    /// The seed of a run of `packs`.
    pub fn of_packs(packs: &crate::pack::Packs) -> Self {
        let m = Matcher::of_packs(packs);
        let mut known: HashMap<String, Box<[String]>> = HashMap::default();
        let mut add = |p: &str| {
            if !known.contains_key(p) {
                known.insert(p.to_owned(), m.words(p).into_boxed_slice());
            }
        };
        let mut item = |i: Item<'_>| {
            for p in std::iter::once(i.name)
                .chain(i.synonyms.iter().map(String::as_str))
                .chain(i.key_terms.iter().flatten().map(String::as_str))
                .chain(i.head_words.iter().map(String::as_str))
                .chain(i.unless.iter().map(String::as_str))
            {
                add(p);
            }
        };
        for r in packs.requirements() {
            for s in r.sections.iter().chain(&r.columns).chain(&r.targets) {
                item(Item::from(s));
            }
            for t in &r.terms {
                item(Item::from(t));
            }
        }
        let mut v = Vocab::clone(&m.v);
        v.known = known;
        Seed(Arc::new(v))
    }

    /// A matcher of the run: the vocabulary shared, the caches its own.
    pub fn matcher(&self) -> Matcher {
        Matcher {
            v: Arc::clone(&self.0),
            phrases: RefCell::default(),
            name_heads: RefCell::default(),
        }
    }
}

/// The folded words of a phrase: borrowed from the run's [`Seed`], or from the matcher's own
/// cache.
enum Phrase<'a> {
    Known(&'a [String]),
    Met(Rc<[String]>),
}

impl std::ops::Deref for Phrase<'_> {
    type Target = [String];

    fn deref(&self) -> &[String] {
        match self {
            Phrase::Known(w) => w,
            Phrase::Met(w) => w,
        }
    }
}

/// A candidate text reduced for matching: its folded content words (see [`Matcher::words`])
/// and the head word of each of its topics (see [`Matcher::heads`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    /// Folded content words, [`BOUNDARY`] between topics.
    pub words: Vec<String>,
    /// The head of each topic, folded.
    pub heads: Vec<String>,
    /// The prepositions of the text, lower case, for key terms that are one (`Between`
    /// heads the parties of an agreement).
    pub fillers: Vec<String>,
}

/// The word sets of a reduced candidate that judging it asks for, made once for a candidate
/// judged against many items (each heading of a document against each item of each of its
/// requirements) instead of once per judgement.
#[derive(Debug, Clone)]
pub struct Prepared<'w> {
    /// The candidate.
    words: &'w Words,
    /// The stems of its heads.
    heads: HashSet<&'w str>,
    /// Its words, [`BOUNDARY`] left out.
    set: HashSet<&'w str>,
    /// The words of each of its topics.
    parts: Vec<HashSet<&'w str>>,
    /// The stems of its words.
    stems: HashSet<&'w str>,
}

impl<'w> Prepared<'w> {
    /// `cand` prepared for judging.
    pub fn new(cand: &'w Words) -> Self {
        let heads: HashSet<&str> = cand.heads.iter().map(|h| stem(h)).collect();
        let set: HashSet<&str> = cand
            .words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != BOUNDARY)
            .collect();
        let parts: Vec<HashSet<&str>> = cand
            .words
            .split(|w| w == BOUNDARY)
            .map(|p| p.iter().map(String::as_str).collect())
            .collect();
        // Key terms compare without endings (`includes`, `included`).
        let stems: HashSet<&str> = set.iter().map(|w| stem(w)).collect();
        Prepared {
            words: cand,
            heads,
            set,
            parts,
            stems,
        }
    }

    /// The candidate prepared.
    pub fn words(&self) -> &'w Words {
        self.words
    }
}

impl Matcher {
    /// A matcher ignoring `stop_words` (compared in lower case).
    pub fn new<'s>(stop_words: impl IntoIterator<Item = &'s str>) -> Self {
        Self {
            v: Arc::new(Vocab {
                stop: stop_words.into_iter().map(str::to_lowercase).collect(),
                ..Vocab::default()
            }),
            phrases: RefCell::default(),
            name_heads: RefCell::default(),
        }
    }

    /// The same matcher, reading the words of each group as its first entry: `Flavours of
    /// change` are the change categories, `What needs an RFC?` asks what needs a change
    /// request. Only one-word entries after the first are read so; call this before the
    /// other `with_` builders, which fold their words through it.
    #[must_use]
    pub fn with_equivalents<'q>(mut self, groups: impl IntoIterator<Item = &'q [String]>) -> Self {
        for g in groups {
            let Some((first, rest)) = g.split_first() else {
                continue;
            };
            let canon: Vec<String> = first
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !self.v.stop.contains(*w))
                .map(fold)
                .collect();
            if canon.is_empty() {
                continue;
            }
            for w in rest.iter().map(|w| w.to_lowercase()) {
                if w.chars().all(char::is_alphanumeric) {
                    self.vocab_mut()
                        .equivalents
                        .entry(fold(&w))
                        .or_insert_with(|| canon.clone());
                }
            }
        }
        self
    }

    /// The vocabulary, to change it (a builder's): what was folded through the old one is
    /// forgotten.
    fn vocab_mut(&mut self) -> &mut Vocab {
        self.phrases.get_mut().clear();
        self.name_heads.get_mut().clear();
        let v = Arc::make_mut(&mut self.v);
        v.known.clear();
        v
    }

    /// A folded word as the matcher reads it: the words it is equivalent to, or itself.
    fn canon(&self, folded: String) -> Vec<String> {
        match self.v.equivalents.get(&folded) {
            Some(c) => c.clone(),
            None => vec![folded],
        }
    }

    /// [`Matcher::canon`] of `folded`, appended to `out`.
    fn canon_into(&self, folded: String, out: &mut Vec<String>) {
        match self.v.equivalents.get(&folded) {
            Some(c) => out.extend(c.iter().cloned()),
            None => out.push(folded),
        }
    }

    /// The last word of [`Matcher::canon`]: a word's head when it stands for a phrase
    /// (`sla` → `agreement`), or the word before it when that last word is a qualifier
    /// (`dri` → `responsible`, of `directly responsible individual`).
    fn canon_head(&self, folded: String) -> String {
        let Some(c) = self.v.equivalents.get(&folded) else {
            // A word of no group is its own head (a qualifier needs a word before it).
            return folded;
        };
        match c.as_slice() {
            [.., before, last] if self.v.qualifiers.contains(last) => before.clone(),
            _ => c.last().cloned().unwrap_or_default(),
        }
    }

    /// The matcher of a run: the `[content]` vocabulary of every pack.
    pub fn of_packs(packs: &crate::pack::Packs) -> Self {
        Self::new(packs.stop_words())
            .with_equivalents(packs.equivalents())
            .with_qualifiers(packs.header_qualifiers())
            .with_prepositions(packs.prepositions())
            .with_questions(packs.question_topics())
            .with_relatives(packs.relative_pronouns())
            .with_sentence_words(packs.sentence_words())
            .with_general_headings(packs.general_headings())
            .with_determiners(packs.determiners())
            .with_conditions(packs.condition_words())
            .with_aims(packs.aim_words())
            .with_people(packs.people_headings())
            .with_criteria_words(packs.criteria_words())
            .with_generic_of(packs)
    }

    /// The same matcher, knowing which stems are common to the sections of three or more of
    /// `packs`' requirements.
    fn with_generic_of(mut self, packs: &crate::pack::Packs) -> Self {
        // Stem → (the last requirement it was seen in, how many requirements).
        let mut seen: HashMap<String, (usize, usize)> = HashMap::default();
        for (ri, req) in packs.requirements().enumerate() {
            for sec in &req.sections {
                let it = Item::from(sec);
                for w in std::iter::once(it.name)
                    .chain(it.synonyms.iter().map(String::as_str))
                    .chain(it.key_terms.iter().flatten().map(String::as_str))
                    .flat_map(|t| self.words(t))
                {
                    let e = seen.entry(stem(&w).to_owned()).or_insert((usize::MAX, 0));
                    if e.0 != ri {
                        *e = (ri, e.1 + 1);
                    }
                }
            }
        }
        self.vocab_mut().generic = seen
            .into_iter()
            .filter(|(_, (_, n))| *n >= 3)
            .map(|(w, _)| w)
            .collect();
        self
    }

    /// Whether `stem` is one of the packs' generic stems (see [`Vocab::generic`]).
    pub fn is_generic(&self, stem: &str) -> bool {
        self.v.generic.contains(stem)
    }

    /// [`Matcher::words`] of a pack phrase, folded once per matcher.
    fn phrase(&self, phrase: &str) -> Phrase<'_> {
        if let Some(w) = self.v.known.get(phrase) {
            return Phrase::Known(w);
        }
        if let Some(w) = self.phrases.borrow().get(phrase) {
            return Phrase::Met(Rc::clone(w));
        }
        let w: Rc<[String]> = self.words(phrase).into();
        self.phrases.borrow_mut().insert(phrase.to_owned(), Rc::clone(&w));
        Phrase::Met(w)
    }

    /// [`Matcher::words`] of a text met again and again (a heading read for each sentence
    /// under it), folded once per matcher.
    pub fn folded(&self, text: &str) -> impl std::ops::Deref<Target = [String]> + '_ {
        self.phrase(text)
    }

    /// [`Matcher::heads_with`] of an item's name without qualifying, worked out once per
    /// matcher.
    fn name_heads(&self, name: &str) -> Rc<[String]> {
        if let Some(h) = self.name_heads.borrow().get(name) {
            return Rc::clone(h);
        }
        let h: Rc<[String]> = self.heads_with(name, false).into();
        self.name_heads
            .borrow_mut()
            .insert(name.to_owned(), Rc::clone(&h));
        h
    }

    /// The same matcher, knowing what a heading asked as a question is about: `who` asks for
    /// people (roles, responsibilities), `when` for conditions (criteria, triggers), `how`
    /// for a method. See [`Matcher::reduce_heading`].
    #[must_use]
    pub fn with_questions<'q>(mut self, topics: impl IntoIterator<Item = (&'q str, &'q [String])>) -> Self {
        for (q, words) in topics {
            let folded: Vec<String> = words
                .iter()
                .flat_map(|w| self.canon(fold(&w.to_lowercase())))
                .collect();
            self.vocab_mut()
                .questions
                .entry(q.to_lowercase())
                .or_default()
                .extend(folded);
        }
        self
    }

    /// A heading or lead-in reduced for matching: as [`Matcher::reduce`], and when it opens
    /// with an interrogative of the pack's `question-topics` (`Who decides and who does`,
    /// `When is a release ready to go?`), each topic word of that interrogative is added as a
    /// topic of its own, so the question is read as the answer it announces.
    pub fn reduce_heading(&self, text: &str) -> Words {
        let mut w = self.reduce(text);
        let lower = strip_numbering(text).to_lowercase();
        let opening: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .take(4)
            .collect();
        // A two-word interrogative (`How often we audit`) asks for its own topics.
        let pair = opening.get(..2).map(|p| p.join(" "));
        let (asked, at) = match pair.as_deref().and_then(|p| self.v.questions.get(p)) {
            Some(t) => (Some(t), 2),
            None => (opening.first().and_then(|f| self.v.questions.get(*f)), 1),
        };
        // `Who we serve`: a relative pronoun of the pack followed by a pronoun or a preposition
        // opens a relative clause, not a question about the answer's kind; not so before a
        // stop word (`Who we are` is about the organization). `How we audit` still asks how.
        let relative = at == 1
            && opening.first().is_some_and(|w| self.v.relatives.contains(*w))
            && opening.get(at).is_some_and(|w| self.v.prepositions.contains(*w))
            && !opening.get(at + 1).is_some_and(|w| self.v.stop.contains(*w));
        // `What technology supports the SMS?`: a determiner opening a question before a word
        // that is no stop word, preposition or word of a sentence asks about that word, which
        // heads the heading too.
        // Only in a question: in `What recovery costs` the word after `what` qualifies the head.
        if let [first, next, ..] = opening.as_slice() {
            if text.trim_end().ends_with('?')
                && self.v.determiners.contains(*first)
                && !self.v.stop.contains(*next)
                && !self.v.prepositions.contains(*next)
                && !self.v.sentence.contains(*next)
                && !next.chars().all(|c| c.is_ascii_digit())
            {
                let head = self.canon_head(fold(next));
                if !w.heads.contains(&head) {
                    w.heads.push(head);
                }
            }
        }
        // `When things go badly wrong: the major incident procedure`: a question before a colon
        // or a dash that a title follows is a tagline; what follows names the topic.
        let tagline = [":", " - ", " – ", " — "].iter().any(|sep| {
            lower
                .split_once(sep)
                .is_some_and(|(_, after)| after.chars().any(char::is_alphanumeric))
        });
        if let Some(topics) = asked.filter(|_| !relative && !tagline) {
            for t in topics {
                if w.words.last().is_some_and(|l| l != BOUNDARY) {
                    w.words.push(BOUNDARY.to_owned());
                }
                w.words.push(t.clone());
                w.heads.push(t.clone());
            }
        }
        w
    }

    /// Whether a sentence or list item (`cand`) states `item`: the item has two or more
    /// key-term groups and the sentence holds one alternative of each (words compared without
    /// endings, phrases in order), and no `unless` phrase. Used for a section whose heading
    /// names nothing: `Changes are classified as routine or reviewed` states the change
    /// categories; one shared word (`changes`) does not.
    pub fn states(&self, item: Item<'_>, cand: &Words) -> bool {
        self.states_with(item, cand, 2)
    }

    /// As [`Matcher::states`], for an item of `min_groups` key-term groups or more: a
    /// `recommended` item (good practice an auditor mentions, met by saying it at all) is
    /// stated by a sentence with its one group (`Each audit's scope is agreed beforehand`).
    pub fn states_with(&self, item: Item<'_>, cand: &Words, min_groups: usize) -> bool {
        if item.key_terms.len() < min_groups.max(1) || self.vetoes(item, &cand.words) {
            return false;
        }
        let stems: HashSet<&str> = cand
            .words
            .iter()
            .filter(|w| *w != BOUNDARY)
            .map(|w| stem(w))
            .collect();
        item.key_terms.iter().all(|g| {
            g.iter().any(|alt| {
                // The alternative's words without topic boundaries, read in place.
                let w = self.phrase(alt);
                let mut terms = w.iter().filter(|x| *x != BOUNDARY);
                match (terms.next(), terms.next()) {
                    // A key term that is itself a preposition (`between`) is read as written.
                    (None, _) => {
                        let p = alt.trim().to_lowercase();
                        cand.fillers.contains(&p)
                    }
                    (Some(one), None) => stems.contains(stem(one)),
                    _ => self.phrase_in(alt, &cand.words),
                }
            })
        })
    }

    /// The same matcher, knowing the interrogatives that open a relative clause before a
    /// pronoun: `Who we serve` is about whom, while `How we audit` still asks how.
    #[must_use]
    pub fn with_relatives<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().relatives = words.into_iter().map(str::to_lowercase).collect();
        self
    }

    /// The same matcher, knowing the words that make a heading read as a sentence or a
    /// question (see [`Matcher::is_label`]).
    #[must_use]
    pub fn with_sentence_words<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().sentence = words.into_iter().map(str::to_lowercase).collect();
        self
    }

    /// The same matcher, knowing the headings that may hold anything (see
    /// [`Matcher::is_general`]).
    #[must_use]
    pub fn with_general_headings<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        let general = words.into_iter().flat_map(|w| self.words(w)).collect();
        self.vocab_mut().general = general;
        self
    }

    /// The same matcher, knowing the interrogatives that ask about the noun after them.
    #[must_use]
    pub fn with_determiners<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().determiners = words.into_iter().map(str::to_lowercase).collect();
        self
    }

    /// The same matcher, knowing the phrases that make a sentence a condition.
    #[must_use]
    pub fn with_conditions<'q>(mut self, phrases: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().conditions = word_sequences(phrases);
        self
    }

    /// The same matcher, knowing the phrases that make a sentence a statement of aim.
    #[must_use]
    pub fn with_aims<'q>(mut self, phrases: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().aims = word_sequences(phrases);
        self
    }

    /// The same matcher, knowing the words of a heading about who does what.
    #[must_use]
    pub fn with_people<'q>(mut self, phrases: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().people = word_sequences(phrases);
        self
    }

    /// The same matcher, knowing the words that say which things meet criteria.
    #[must_use]
    pub fn with_criteria_words<'q>(mut self, phrases: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().criteria = word_sequences(phrases);
        self
    }

    /// Whether `text` is a condition: it holds one of the pack's `condition-words` as words
    /// (`A release goes live only when …`, `No release is deployed until …`).
    pub fn is_condition(&self, text: &str) -> bool {
        holds_sequence(&self.v.conditions, text)
    }

    /// Whether `text` states an aim: it holds one of the pack's `aim-words` as words (`To make
    /// sure IT capacity meets current and future needs`, `This plan describes how …`).
    pub fn is_aim(&self, text: &str) -> bool {
        holds_sequence(&self.v.aims, text)
    }

    /// Whether `text` is about who does what: it holds one of the pack's `people-headings` as
    /// words (`2. Roles`, `Who is involved`).
    pub fn is_people(&self, text: &str) -> bool {
        holds_sequence(&self.v.people, text)
    }

    /// Whether `text` says which things meet criteria: it holds one of the pack's
    /// `criteria-words` as words (`A change is major if …`, `… for more than one hour`).
    pub fn says_criteria(&self, text: &str) -> bool {
        holds_sequence(&self.v.criteria, text)
    }

    /// Whether the folded words of a heading are all of the pack's `general-headings`
    /// (`1. Purpose`, `Scope and application`): a heading that names no topic of its own.
    pub fn is_general(&self, words: &[String]) -> bool {
        let mut any = false;
        for w in words.iter().filter(|w| *w != BOUNDARY) {
            if !self.v.general.contains(w) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Whether a heading is a label naming its topic (`Rollback`, `Deployment windows`,
    /// `Access to the risk register`) rather than a sentence or a question (`What doesn't
    /// count?`, `Volumes this agreement is sized for`, `Before we say yes`): it has no
    /// question mark and none of the pack's `sentence-words`.
    pub fn is_label(&self, heading: &str) -> bool {
        if heading.contains('?') {
            return false;
        }
        let lower = crate::text::scan_text(heading);
        let mut label = true;
        crate::text::scan_lower(&lower, |w| {
            if w.is_some_and(|w| self.v.sentence.contains(w)) {
                label = false;
            }
        });
        label
    }

    /// The same matcher, knowing the prepositions that end the head of a topic (`Actions
    /// from the last review` is about actions). They are stop words as well.
    #[must_use]
    pub fn with_prepositions<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        self.vocab_mut().prepositions = words.into_iter().map(str::to_lowercase).collect();
        self
    }

    /// The same matcher, knowing the last words of a column header that qualify the word
    /// before them (`Impact score`, `Evidence held`).
    #[must_use]
    pub fn with_qualifiers<'q>(mut self, words: impl IntoIterator<Item = &'q str>) -> Self {
        let folded: Vec<String> = words
            .into_iter()
            .map(|w| self.canon_head(fold(&w.to_lowercase())))
            .collect();
        self.vocab_mut().qualifiers = folded.into_iter().collect();
        self
    }

    /// Judge a column header: as [`Matcher::judge`], and the header's head (see
    /// [`Matcher::heads`]) must be one of the item's words, so `Contract owner` is an owner
    /// column, `Target date` a date column and `Date of review` a date column too.
    pub fn judge_header(&self, item: Item<'_>, header: &str) -> Judgement {
        // A header of marks only (`#`, `№`) has no words: it names an item by being one of its
        // names as written.
        let bare = header.trim();
        if !bare.is_empty()
            && !bare.chars().any(char::is_alphanumeric)
            && item.synonyms.iter().any(|s| s.trim() == bare)
        {
            return Judgement {
                score: Some(Score::Synonym),
                overlap: 1,
                lacks: Vec::new(),
                about: Vec::new(),
                extra: 0,
            };
        }
        let plain = header.split('(').next().unwrap_or(header).trim_end();
        // `NC #`, `Risk №`: a mark after words is their number.
        let numbered = plain
            .strip_suffix(['#', '№'])
            .filter(|p| p.chars().any(char::is_alphanumeric))
            .map(|p| format!("{p} number"));
        let plain = numbered.as_deref().unwrap_or(plain);
        // A header that is a preposition only (`By`) names an item by being one of its
        // synonyms as written (`By` for a due date).
        if self.words(plain).is_empty()
            && item
                .synonyms
                .iter()
                .any(|s| self.phrase(s).is_empty() && s.trim().eq_ignore_ascii_case(plain.trim()))
        {
            return Judgement {
                score: Some(Score::Synonym),
                overlap: 1,
                lacks: Vec::new(),
                about: Vec::new(),
                extra: 0,
            };
        }
        let cand = self.reduce(plain);
        let mut j = self.judge_words(item, &cand);
        if j.score.is_none() {
            // A phrase after the head qualifies it, so the words before the first preposition
            // name the column alone: `What it does for the hotel` is a `What it does` column.
            let tokens: Vec<&str> = plain.split_whitespace().collect();
            let cut = tokens.iter().enumerate().skip(1).find(|(_, t)| {
                let t = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                self.v.prepositions.contains(&t)
            });
            if let Some((i, _)) = cut {
                let before = tokens[..i].join(" ");
                if !self.words(&before).is_empty() {
                    return self.judge_header(item, &before);
                }
            }
            return j;
        }
        let own: HashSet<String> = std::iter::once(item.name)
            .chain(item.synonyms.iter().map(String::as_str))
            .chain(item.key_terms.iter().flatten().map(String::as_str))
            .chain(item.head_words.iter().map(String::as_str))
            .flat_map(|t| self.phrase(t).to_vec())
            .collect();
        if !cand.heads.iter().any(|h| own.contains(h)) {
            j.score = None;
        }
        j
    }

    /// `text` reduced for matching: its words and the heads of its topics.
    pub fn reduce(&self, text: &str) -> Words {
        // One scan of the text serves its words, heads and fillers.
        let lower = scan_text(text);
        let tokens = tokens(&lower);
        let fillers = tokens
            .iter()
            .flatten()
            .filter(|w| self.v.prepositions.contains(**w))
            .map(|w| (*w).to_owned())
            .collect();
        Words {
            words: self.words_of(&tokens),
            heads: self.heads_of(&tokens, true),
            fillers,
        }
    }

    /// Whether `w` (lower case) carries no topic: a stop word, a preposition or a number.
    fn is_filler(&self, w: &str) -> bool {
        self.v.stop.contains(w) || self.v.prepositions.contains(w) || w.chars().all(|c| c.is_ascii_digit())
    }

    /// The folded content words of `text`, in order. Where the text joins topics (`and`, `or`,
    /// `&`, `,`, `/`, `;`, `+`), a [`BOUNDARY`] token stands between them; numbers are left out.
    pub fn words(&self, text: &str) -> Vec<String> {
        let lower = scan_text(text);
        self.words_of(&tokens(&lower))
    }

    /// [`Matcher::words`] of the tokens of a text (see [`tokens`]).
    fn words_of(&self, tokens: &[Option<&str>]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(tokens.len());
        for w in tokens {
            match *w {
                None => {
                    if out.last().is_some_and(|l| l != BOUNDARY) {
                        out.push(BOUNDARY.to_owned());
                    }
                }
                Some(w) if !self.is_filler(w) => self.canon_into(fold(w), &mut out),
                Some(_) => {}
            }
        }
        if out.last().is_some_and(|l| l == BOUNDARY) {
            out.pop();
        }
        out
    }

    /// The head word of each topic of `text`, folded: the last content word before the
    /// topic's first preposition (`Actions from the last review` → `action`, `Contact centre
    /// recovery` → `recovery`), or the word before it when that last word is a qualifier
    /// (`Contact list` → `contact`, `Impact score` → `impact`). A topic that opens with a
    /// preposition (`Within scope`) is headed by what follows it.
    pub fn heads(&self, text: &str) -> Vec<String> {
        self.heads_with(text, true)
    }

    /// As [`Matcher::heads`]; without `qualify` the last word is the head even when it is a
    /// qualifier (the head of an item's own name: `Change categories` → `category`).
    fn heads_with(&self, text: &str, qualify: bool) -> Vec<String> {
        let lower = scan_text(text);
        self.heads_of(&tokens(&lower), qualify)
    }

    /// [`Matcher::heads_with`] of the tokens of a text (see [`tokens`]).
    fn heads_of(&self, words: &[Option<&str>], qualify: bool) -> Vec<String> {
        let mut out = Vec::new();
        let mut part: Vec<&str> = Vec::new();
        let mut cut = false;
        let flush = |part: &mut Vec<&str>, cut: &mut bool, out: &mut Vec<String>| {
            // The last word is folded once, whether it heads the topic or qualifies it.
            let head = match part.as_slice() {
                [.., before, last] if qualify => {
                    let last = self.canon_head(fold(last));
                    if self.v.qualifiers.contains(&last) {
                        Some(self.canon_head(fold(before)))
                    } else {
                        Some(last)
                    }
                }
                [.., last] => Some(self.canon_head(fold(last))),
                [] => None,
            };
            if let Some(h) = head {
                out.push(h);
            }
            part.clear();
            *cut = false;
        };
        for w in words {
            match *w {
                None => flush(&mut part, &mut cut, &mut out),
                // An opening interrogative heads nothing before a pronoun: `When we declare a
                // major incident` is about the incident.
                // A gerund opening the topic before `to` takes an infinitive: `Deciding to
                // invoke` is about deciding and invoking, both heads.
                Some("to") if !cut && matches!(part.as_slice(), [g] if g.len() > 5 && g.ends_with("ing")) => {
                    out.push(fold(part[0]));
                    part.clear();
                }
                Some(w) if self.v.prepositions.contains(w) => {
                    cut = part.iter().any(|p| !self.v.questions.contains_key(*p));
                }
                Some(w) if cut || self.is_filler(w) => {}
                Some(w) => part.push(w),
            }
        }
        flush(&mut part, &mut cut, &mut out);
        out
    }

    /// Judge `candidate` against `item`.
    pub fn judge(&self, item: Item<'_>, candidate: &str) -> Judgement {
        self.judge_words(item, &self.reduce(candidate))
    }

    /// Judge an already reduced candidate against `item`. One word of the item (a one-word
    /// name or synonym, or the only key-term group) names a longer candidate only as its head:
    /// `Exception reporting` is about reporting, not exceptions.
    pub fn judge_words(&self, item: Item<'_>, cand: &Words) -> Judgement {
        self.judge_prepared(item, &Prepared::new(cand))
    }

    /// [`Matcher::judge_words`] of a candidate prepared once for judging against many items.
    pub fn judge_prepared(&self, item: Item<'_>, p: &Prepared<'_>) -> Judgement {
        let Prepared {
            heads,
            set,
            parts,
            stems,
            ..
        } = p;
        let cand_heads = &p.words.heads;
        let fillers = &p.words.fillers;
        let cand = p.words.words.as_slice();
        let has = |phrase: &str| {
            let w = self.phrase(phrase);
            if w.is_empty() {
                // A key term that is itself a preposition (`between`) is matched as written.
                let p = phrase.trim().to_lowercase();
                return fillers.contains(&p);
            }
            w.iter().any(|x| x != BOUNDARY)
                && w.iter()
                    .filter(|x| *x != BOUNDARY)
                    .all(|x| stems.contains(stem(x)))
        };
        // One word of the item names a candidate of more words only as its head.
        let as_head = |w: &str| set.len() <= 1 || heads.contains(stem(w));
        let veto = item.unless.iter().find(|p| self.phrase_in(p, cand));
        let vetoed = veto.is_some();
        let name_words = self.phrase(item.name);
        let name: Vec<&str> = name_words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != BOUNDARY)
            .collect();
        let extra = |of: &[&str]| set.iter().filter(|w| !of.contains(w)).count();
        // `Services` names `Services covered`: a name ending in a qualifier (`covered`,
        // `held`) is also met by the words before it, alone.
        let bare = match name.split_last() {
            Some((last, rest)) if !rest.is_empty() && self.v.qualifiers.contains(*last) => {
                set.len() == rest.len() && rest.iter().all(|w| set.contains(w))
            }
            _ => false,
        };
        let named =
            !name.is_empty() && name.iter().all(|w| set.contains(w)) && (name.len() > 1 || as_head(name[0]));
        if !vetoed && (bare || named) {
            return Judgement {
                score: Some(Score::Exact),
                overlap: name.len(),
                lacks: Vec::new(),
                about: Vec::new(),
                extra: extra(&name),
            };
        }
        // A synonym is often one generic word (`Requirements`, `Targets`): a longer candidate
        // counts only when its other words are the item's own (name, synonyms, key terms), so
        // that `Requirements for access` is not `Capacity requirements`.
        // Built once an item has synonyms, from the folded phrases held in `own_words`.
        let own_words = std::cell::OnceCell::new();
        let vocabulary = std::cell::OnceCell::new();
        let vocabulary = || vocabulary.get_or_init(|| self.own_stems(item, &own_words));
        // A topic joined to others (`Targets & measures`) is a part of its own: the topics a
        // synonym may fill are the whole candidate, then each part. Their stems, and whether
        // they hold only the item's own words, are worked out once for all synonyms.
        let topics: Vec<&HashSet<&str>> = std::iter::once(set).chain(parts).collect();
        let topic_stems: Vec<std::cell::OnceCell<HashSet<&str>>> =
            topics.iter().map(|_| std::cell::OnceCell::new()).collect();
        let topic_own: Vec<std::cell::OnceCell<bool>> =
            topics.iter().map(|_| std::cell::OnceCell::new()).collect();
        let stems_of = |t: usize| {
            if t == 0 {
                stems
            } else {
                topic_stems[t].get_or_init(|| topics[t].iter().map(|p| stem(p)).collect())
            }
        };
        for s in item.synonyms {
            let sw_words = self.phrase(s);
            let sw: Vec<&str> = sw_words
                .iter()
                .map(String::as_str)
                .filter(|w| *w != BOUNDARY)
                .collect();
            let within = |t: usize| {
                let part = topics[t];
                // A synonym is met in any inflection (`Standing down` for `Stand-down`, `What
                // we commit to` for `Commitments`).
                sw.iter()
                    .all(|w| part.contains(w) || stems_of(t).contains(stem(w)))
                    && *topic_own[t].get_or_init(|| {
                        part.iter()
                            .all(|w| vocabulary().contains(stem(w)) || self.v.qualifiers.contains(*w))
                    })
            };
            let headed = |t: usize| sw.len() > 1 || topics[t].len() <= 1 || as_head(sw[0]);
            let fits = |t: usize| within(t) && headed(t);
            if !vetoed && !sw.is_empty() && (0..topics.len()).any(fits) {
                return Judgement {
                    score: Some(Score::Synonym),
                    overlap: sw.len(),
                    lacks: Vec::new(),
                    about: Vec::new(),
                    extra: extra(&sw),
                };
            }
        }
        let single = item.key_terms.len() == 1;
        let groups: Vec<bool> = item
            .key_terms
            .iter()
            .map(|g| {
                g.iter().any(|alt| {
                    has(alt)
                        && (!single
                            || self.phrase(alt).len() > 1
                            || as_head(&self.canon_head(fold(&alt.to_lowercase()))))
                })
            })
            .collect();
        let headed = item
            .head_words
            .iter()
            .any(|h| heads.contains(stem(&self.canon_head(fold(&h.to_lowercase())))));
        if !vetoed && headed {
            return Judgement {
                score: Some(Score::KeyTerms),
                overlap: 1,
                lacks: Vec::new(),
                about: Vec::new(),
                extra: set.len().saturating_sub(1),
            };
        }
        // A candidate is about its heads: one of them must be a key term (`Access to the risk
        // register` is about access, though it says risk and register).
        // A key term of two or more words found as a phrase is specific enough to head it
        // (`What needs a change record?`).
        let terms_head = item.key_terms.iter().flatten().any(|alt| {
            let w = self.phrase(alt);
            w.iter().any(|x| x != BOUNDARY && heads.contains(stem(x)))
                || (w.len() > 1 && self.phrase_in(alt, cand))
        });
        // Each group needs a word of its own: in `Global IT change control policy` the
        // `change` of `change control` cannot also be the thing under control.
        let apart = || {
            let phrases: Vec<Vec<Phrase<'_>>> = item
                .key_terms
                .iter()
                .map(|g| g.iter().filter(|a| has(a)).map(|a| self.phrase(a)).collect())
                .collect();
            let opts: Vec<Vec<Vec<&str>>> = phrases
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|p| p.iter().filter(|w| *w != BOUNDARY).map(|w| stem(w)).collect())
                        .collect()
                })
                .collect();
            disjoint(&opts, &mut Vec::new())
        };
        if !vetoed
            && !groups.is_empty()
            && groups.iter().all(|g| *g)
            && (terms_head || heads.is_empty())
            && apart()
        {
            let phrases: Vec<Phrase<'_>> = item
                .key_terms
                .iter()
                .flat_map(|g| g.iter().map(|a| self.phrase(a)))
                .collect();
            let terms: Vec<&str> = phrases
                .iter()
                .flat_map(|p| p.iter().map(String::as_str))
                .collect();
            return Judgement {
                score: Some(Score::KeyTerms),
                overlap: groups.len(),
                lacks: Vec::new(),
                about: Vec::new(),
                extra: extra(&terms),
            };
        }
        // Not a match: how close, and what is missing.
        let lower = item.name.to_lowercase();
        let name_raw: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "and" && *w != "or" && !self.v.stop.contains(*w))
            .collect();
        // For the message: groups whose words are there, head or not.
        let present: Vec<bool> = item
            .key_terms
            .iter()
            .map(|g| g.iter().any(|alt| has(alt)))
            .collect();
        let (overlap, lacks) = if groups.is_empty() {
            let lacks = name_raw
                .iter()
                .filter(|w| !self.canon(fold(w)).iter().all(|c| set.contains(c.as_str())))
                .map(|w| (*w).to_owned())
                .collect::<Vec<_>>();
            (name.iter().filter(|w| set.contains(*w)).count(), lacks)
        } else {
            let lacks = item
                .key_terms
                .iter()
                .zip(&present)
                .filter(|(_, ok)| !**ok)
                .filter_map(|(g, _)| g.first().cloned())
                .collect();
            let named = name.iter().filter(|w| set.contains(*w)).count();
            (present.iter().filter(|g| **g).count().max(named.min(1)), lacks)
        };
        // Every word is there, yet no match: the candidate is about something else.
        let about = if let Some(v) = veto {
            vec![v.clone()]
        } else if lacks.is_empty() {
            cand_heads.clone()
        } else {
            Vec::new()
        };
        Judgement {
            score: None,
            overlap,
            lacks,
            about,
            extra: set.len(),
        }
    }

    /// Judge `cand` as [`Matcher::judge_words`], and also as part of a document about
    /// `context` (the folded words of its title and of its requirement's title): in a change
    /// management policy a heading `Categories` is the change categories. The candidate must
    /// hold the head of the item's name, the context supplies the rest of a name of two or
    /// more words, and every other word of the candidate is the item's own.
    pub fn judge_in(
        &self,
        item: Item<'_>,
        cand: &Words,
        context: &HashSet<String>,
        title: &HashSet<String>,
    ) -> Judgement {
        self.judge_in_prepared(item, &Prepared::new(cand), context, title)
    }

    /// [`Matcher::judge_in`] of a candidate prepared once for judging against many items.
    pub fn judge_in_prepared(
        &self,
        item: Item<'_>,
        p: &Prepared<'_>,
        context: &HashSet<String>,
        title: &HashSet<String>,
    ) -> Judgement {
        let cand = p.words;
        let j = self.judge_prepared(item, p);
        if j.score.is_some() || context.is_empty() || self.vetoes(item, &cand.words) {
            return j;
        }
        let name_words = self.phrase(item.name);
        let name: Vec<&str> = name_words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != BOUNDARY)
            .collect();
        let head = self.name_heads(item.name);
        let words: Vec<&str> = cand
            .words
            .iter()
            .map(String::as_str)
            .filter(|w| *w != BOUNDARY)
            .collect();
        let own_words = std::cell::OnceCell::new();
        let own = std::cell::OnceCell::new();
        let own = || own.get_or_init(|| self.own_stems(item, &own_words));
        // The candidate adds to the document's own title (the title heading itself is not a
        // section). The requirement's title is not asked: it names every item, so under `#
        // Major incidents` the heading `Criteria` is the major-incident criteria though
        // `Major-incident criteria and procedure` holds that word.
        let adds = name.iter().any(|w| words.contains(w) && !title.contains(*w));
        let fits = name.len() > 1
            && adds
            && head.len() == 1
            && cand.heads.iter().any(|h| stem(h) == stem(&head[0]))
            && name.iter().all(|w| words.contains(w) || context.contains(*w))
            && words
                .iter()
                .all(|w| own().contains(stem(w)) || context.contains(*w) || self.v.qualifiers.contains(*w));
        // The same for key terms: in an agreement between two teams, `What is provided` is
        // the services covered. One group is in the document's own `title` (not the
        // requirement's, which names every item), the others in the candidate, the group of the
        // name's head as its last word or a head; the candidate holds nothing but the item's
        // own words, the context's, qualifiers and interrogatives.
        let alt_in = |alt: &str, ws: &dyn Fn(&str) -> bool| {
            let w = self.phrase(alt);
            w.iter().any(|x| x != BOUNDARY) && w.iter().filter(|x| *x != BOUNDARY).all(|x| ws(x))
        };
        let cand_stems: HashSet<&str> = words.iter().map(|w| stem(w)).collect();
        let in_cand = |x: &str| cand_stems.contains(stem(x));
        let in_context = |x: &str| title.contains(x);
        let lead: HashSet<&str> = cand
            .heads
            .iter()
            .map(|h| stem(h))
            .chain(words.last().map(|w| stem(w)))
            .collect();
        let by_cand: Vec<bool> = item
            .key_terms
            .iter()
            .map(|g| g.iter().any(|a| alt_in(a, &in_cand)))
            .collect();
        let by_context = |g: &Vec<String>| g.iter().any(|a| alt_in(a, &in_context));
        // The candidate's lead word is in the group of the name's head (`covered` of
        // `Services covered`): the context gives the topic, never the thing asked for.
        let head_group = item.key_terms.iter().find(|g| {
            g.iter().any(|a| {
                head.iter()
                    .any(|h| self.phrase(a).iter().any(|x| stem(x) == stem(h)))
            })
        });
        let led = head_group.is_some_and(|g| {
            g.iter().any(|a| {
                let w = self.phrase(a);
                w.len() == 1 && lead.contains(stem(&w[0])) && in_cand(&w[0])
            })
        });
        let from_context = item.key_terms.iter().zip(&by_cand).filter(|(_, c)| !**c).count();
        let terms_fit = item.key_terms.len() >= 2
            && from_context == 1
            && !words.is_empty()
            && led
            && item
                .key_terms
                .iter()
                .zip(&by_cand)
                .all(|(g, c)| *c || by_context(g))
            && words.iter().all(|w| {
                own().contains(stem(w))
                    || context.contains(*w)
                    || self.v.qualifiers.contains(*w)
                    || self.v.questions.contains_key(*w)
            });
        if fits || terms_fit {
            return Judgement {
                score: Some(Score::KeyTerms),
                overlap: name.len(),
                lacks: Vec::new(),
                about: Vec::new(),
                extra: 0,
            };
        }
        j
    }

    /// The stems of `item`'s own words (its name's, synonyms' and key terms'), owned.
    pub fn item_stems(&self, item: Item<'_>) -> HashSet<String> {
        let holder = std::cell::OnceCell::new();
        self.own_stems(item, &holder)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// The stems of those of `item`'s own words that the pack gives as a term on their own
    /// (a one-word name, synonym or key term), not only as part of a phrase: `live` of
    /// `go live` and `done` of `Definition of done` say nothing of the item by themselves.
    pub fn item_words_alone(&self, item: Item<'_>) -> HashSet<String> {
        std::iter::once(item.name)
            .chain(item.synonyms.iter().map(String::as_str))
            .chain(item.key_terms.iter().flatten().map(String::as_str))
            .filter_map(|t| match &*self.phrase(t) {
                [one] => Some(stem(one).to_owned()),
                _ => None,
            })
            .collect()
    }

    /// The stems of the heads of `item`'s name and synonyms: what the item is about
    /// (`criteria` for `Go-live criteria`, `readiness` for `Release readiness`), not the
    /// words that qualify it.
    pub fn item_heads(&self, item: Item<'_>) -> HashSet<String> {
        std::iter::once(item.name)
            .chain(item.synonyms.iter().map(String::as_str))
            .flat_map(|n| {
                self.name_heads(n)
                    .iter()
                    .map(|h| stem(h).to_owned())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The stems of `item`'s own words (its name's, synonyms' and key terms'), as slices of
    /// their folded phrases, which `holder` keeps.
    fn own_stems<'h, 'm: 'h>(
        &'m self,
        item: Item<'_>,
        holder: &'h std::cell::OnceCell<Vec<Phrase<'m>>>,
    ) -> HashSet<&'h str> {
        holder
            .get_or_init(|| {
                std::iter::once(item.name)
                    .chain(item.synonyms.iter().map(String::as_str))
                    .chain(item.key_terms.iter().flatten().map(String::as_str))
                    .map(|t| self.phrase(t))
                    .collect()
            })
            .iter()
            .flat_map(|p| p.iter().map(|w| stem(w)))
            .collect()
    }

    /// Whether folded `words` (a candidate, or the heading a table sits under) hold one of
    /// `item`'s `unless` phrases, making what they name something else.
    pub fn vetoes(&self, item: Item<'_>, words: &[String]) -> bool {
        item.unless.iter().any(|p| self.phrase_in(p, words))
    }

    /// Whether the folded words of `phrase` occur, in order and next to each other, in the
    /// folded `words` of a text.
    pub fn phrase_in(&self, phrase: &str, words: &[String]) -> bool {
        let p = self.phrase(phrase);
        !p.is_empty() && words.windows(p.len()).any(|w| w == &*p)
    }

    /// Whether a text (its folded `words`) holds `item`'s name or a synonym of two or more
    /// words, as a phrase: `schedules the fail-back` says `Fail back`, while one shared word
    /// (`back`) says nothing.
    pub fn says(&self, item: Item<'_>, words: &[String]) -> bool {
        std::iter::once(item.name)
            .chain(item.synonyms.iter().map(String::as_str))
            .any(|p| {
                self.phrase(p).iter().filter(|w| *w != BOUNDARY).count() >= 2 && self.phrase_in(p, words)
            })
    }

    /// Whether a text (its folded `words`) mentions `item`: its name or a synonym as a phrase,
    /// or one alternative of every key-term group.
    pub fn mentions(&self, item: Item<'_>, words: &[String]) -> bool {
        std::iter::once(item.name)
            .chain(item.synonyms.iter().map(String::as_str))
            .any(|p| self.phrase_in(p, words))
            || (!item.key_terms.is_empty()
                && item
                    .key_terms
                    .iter()
                    .all(|g| g.iter().any(|alt| self.phrase_in(alt, words))))
    }
}

/// The words of a text through [`scan_text`] as [`crate::text::scan`] gives them, as slices of
/// it; `None` where the text joins topics.
fn tokens(lower: &str) -> Vec<Option<&str>> {
    let mut out = Vec::new();
    scan_lower(lower, |w| out.push(w));
    out
}

/// Whether one phrase of each group (each a list of word stems) can be chosen so that no two
/// chosen phrases share a stem. Groups are few and short, so a search by backtracking is small.
fn disjoint<'p>(groups: &'p [Vec<Vec<&'p str>>], used: &mut Vec<&'p str>) -> bool {
    let Some((first, rest)) = groups.split_first() else {
        return true;
    };
    first.iter().any(|words| {
        if words.iter().any(|w| used.contains(w)) {
            return false;
        }
        let mark = used.len();
        used.extend(words.iter().copied());
        let ok = disjoint(rest, used);
        used.truncate(mark);
        ok
    })
}

/// Lower-case phrases as word sequences (split where [`holds_sequence`] splits a text),
/// empty ones left out.
fn word_sequences<'q>(phrases: impl IntoIterator<Item = &'q str>) -> Vec<Vec<String>> {
    phrases
        .into_iter()
        .map(|p| {
            p.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether `text`, in lower-case words, holds one of `phrases` word for word.
fn holds_sequence(phrases: &[Vec<String>], text: &str) -> bool {
    if phrases.is_empty() {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    phrases.iter().any(|p| {
        words
            .windows(p.len())
            .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
    })
}

/// [`stem`], for callers comparing words as the matcher does.
pub fn stem_of(w: &str) -> &str {
    stem(w)
}

/// A word without a verb or noun ending (`recovering`, `recovery` → `recover`; `available`,
/// `availability` → `avail`), only to tell whether an extra word of a candidate is one of the
/// item's own.
fn stem(w: &str) -> &str {
    for end in [
        "ability", "ibility", "able", "ible", "ment", "ing", "ion", "ied", "ed", "y", "e",
    ] {
        if let Some(s) = w.strip_suffix(end).filter(|s| s.len() >= 4) {
            return s;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Matcher {
        Matcher::new(["the", "a", "our", "this"])
            .with_prepositions(["of", "for", "at", "from", "within", "to"])
    }

    fn item<'a>(name: &'a str, syn: &'a [String], keys: &'a [Vec<String>]) -> Item<'a> {
        Item {
            name,
            synonyms: syn,
            key_terms: keys,
            head_words: &[],
            unless: &[],
        }
    }

    fn v(words: &[&[&str]]) -> Vec<Vec<String>> {
        words
            .iter()
            .map(|g| g.iter().map(|s| (*s).to_owned()).collect())
            .collect()
    }

    #[test]
    fn words_fold_numbering_spelling_plurals() {
        let m = m();
        assert_eq!(
            m.words("3.2 Roles & Responsibilities"),
            ["role", "|", "responsibility"]
        );
        assert_eq!(
            m.words("Roles and responsibilities"),
            m.words("Roles & responsibilities")
        );
        assert_eq!(m.words("A.1 Scope"), ["scope"]);
        assert_eq!(m.words("IV. Scope"), ["scope"]);
        assert_eq!(m.words("3) Scope:"), ["scope"]);
        assert_eq!(m.words("A scope"), ["scope"]);
        assert_ne!(m.words("Audited"), m.words("audit"));
        assert_eq!(m.words("Organisation"), m.words("organization"));
        assert_eq!(m.words("Organised changes"), m.words("organized change"));
        assert_eq!(m.words("Organising"), m.words("organizing"));
        assert_eq!(m.words("Behaviour"), m.words("behavior"));
        assert_eq!(m.words("Service centres"), m.words("service center"));
        assert_eq!(m.words("Catalogue"), m.words("catalog"));
        assert_eq!(m.words("Policies"), m.words("policy"));
        assert_eq!(m.words("Processes"), m.words("process"));
        assert_eq!(m.words("Cancelled"), m.words("canceled"));
        assert_eq!(m.words("Licence"), m.words("license"));
        assert_eq!(m.words("Analyse"), m.words("analyze"));
        assert_eq!(m.words("Status"), ["status"]);
        assert_eq!(m.words("2026"), Vec::<String>::new());
        assert_eq!(m.words("Top 10 risks"), ["top", "risk"]);
        assert_eq!(stem("classified"), stem("classify"));
    }

    #[test]
    fn scores_rank_exact_synonym_key_terms() {
        let m = m();
        let syn = vec!["Major incident definition".to_owned()];
        let keys = v(&[
            &["major"],
            &["incident"],
            &["criteria", "definition", "declare", "threshold"],
        ]);
        let it = item("Major-incident criteria", &syn, &keys);
        assert_eq!(
            m.judge(it, "## 4.1 Criteria for major incidents").score,
            Some(Score::Exact)
        );
        assert_eq!(
            m.judge(it, "Definition of a major incident").score,
            Some(Score::Synonym)
        );
        assert_eq!(
            m.judge(it, "When we declare a major incident").score,
            Some(Score::KeyTerms)
        );
        let j = m.judge(it, "Handling escalations");
        assert_eq!(j.score, None);
        let j = m.judge(it, "Incident escalation");
        assert_eq!(j.score, None);
        assert_eq!(j.lacks, ["major", "criteria"]);
        assert_eq!(j.overlap, 1);
    }

    #[test]
    fn longer_candidate_counts_shorter_needs_key_terms() {
        let m = m();
        let it = item("Service level targets", &[], &[]);
        assert!(m.judge(it, "Service level targets and measures").score.is_some());
        assert!(m.judge(it, "Targets").score.is_none());
        let keys = v(&[&["target", "objective"]]);
        let it = item("Service level targets", &[], &keys);
        assert_eq!(m.judge(it, "Targets").score, Some(Score::KeyTerms));
    }

    #[test]
    fn a_longer_candidate_of_a_synonym_needs_the_items_own_words() {
        let m = m();
        let syn = vec!["Requirements".to_owned(), "Capacity needs".to_owned()];
        let keys = v(&[&["capacity", "demand"], &["requirement", "need", "forecast"]]);
        let it = item("Capacity requirements", &syn, &keys);
        assert_eq!(m.judge(it, "Requirements").score, Some(Score::Synonym));
        assert_eq!(m.judge(it, "Requirements for access").score, None);
        assert_eq!(m.judge(it, "Forecast demand").score, Some(Score::KeyTerms));
        assert_eq!(
            m.judge(it, "Capacity requirements for 2026").score,
            Some(Score::Exact)
        );
    }

    #[test]
    fn a_header_is_about_its_last_word() {
        let m = m().with_qualifiers(["score", "held"]);
        let it = item("Contract", &[], &[]);
        assert_eq!(m.judge_header(it, "Contract owner").score, None);
        assert_eq!(m.judge_header(it, "Contract reference").score, None);
        let it = item("Evidence", &[], &[]);
        assert_eq!(m.judge_header(it, "Evidence held").score, Some(Score::Exact));
        let it = item("Impact", &[], &[]);
        assert_eq!(m.judge_header(it, "Impact score (1-5)").score, Some(Score::Exact));
        let keys = v(&[&["target", "benefit"]]);
        let it = item("Target / benefit", &[], &keys);
        assert_eq!(m.judge_header(it, "Target date").score, None);
        assert_eq!(
            m.judge_header(it, "Expected benefit").score,
            Some(Score::KeyTerms)
        );
    }

    #[test]
    fn a_phrase_after_a_headers_head_qualifies_it() {
        let m = m().with_prepositions(["for", "of", "to"]);
        let syn = vec!["What it does".to_owned()];
        let it = item("Description", &syn, &[]);
        assert_eq!(m.judge_header(it, "What it does").score, Some(Score::Synonym));
        assert_eq!(
            m.judge_header(it, "What it does for the hotel").score,
            Some(Score::Synonym)
        );
        // The words before the preposition must still name the column.
        assert_eq!(m.judge_header(it, "Who it is for").score, None);
        assert_eq!(m.judge_header(it, "Date of what it does").score, None);
    }

    #[test]
    fn heads_end_at_the_first_preposition_and_skip_a_qualifier() {
        let m = m().with_qualifiers(["list", "score"]);
        assert_eq!(m.heads("Actions from the last review"), ["action"]);
        assert_eq!(m.heads("Contact centre recovery"), ["recovery"]);
        assert_eq!(m.heads("Contact list"), ["contact"]);
        assert_eq!(
            m.heads("3.2 Roles & responsibilities"),
            ["role", "responsibility"]
        );
        assert_eq!(m.heads("Within scope"), ["scope"]);
        assert_eq!(m.heads("Date of review"), ["date"]);
        assert_eq!(m.heads("Element | Commitment"), ["element", "commitment"]);
        // A gerund before `to` takes an infinitive: both head the topic.
        assert_eq!(m.heads("Deciding to invoke"), ["deciding", "invoke"]);
        assert_eq!(m.heads("Access to the risk register"), ["access"]);
    }

    #[test]
    fn a_synonym_is_met_in_any_inflection() {
        let m = Matcher::new(["the", "what", "we"]).with_prepositions(["to"]);
        let syn = vec!["Stand-down".to_owned(), "Commitments".to_owned()];
        let it = item("Return to normal working", &syn, &[]);
        assert_eq!(m.judge(it, "5 Standing down").score, Some(Score::Synonym));
        assert_eq!(m.judge(it, "What we commit to").score, Some(Score::Synonym));
        assert_eq!(m.judge(it, "Standing orders").score, None);
        assert_eq!(stem("availability"), stem("available"));
    }

    #[test]
    fn one_word_of_the_item_names_a_longer_heading_only_as_its_head() {
        let m = m().with_qualifiers(["list", "made"]);
        let it = item("Exceptions", &[], &[]);
        assert_eq!(m.judge(it, "Exceptions").score, Some(Score::Exact));
        assert_eq!(
            m.judge(it, "Exceptions to the service levels").score,
            Some(Score::Exact)
        );
        let j = m.judge(it, "Exception reporting");
        assert_eq!(j.score, None);
        assert_eq!(j.about, ["reporting"]);
        let keys = v(&[&["contact"], &["list", "detail", "emergency"]]);
        let it = item("Contacts", &[], &keys);
        assert_eq!(m.judge(it, "Contact list").score, Some(Score::Exact));
        assert_eq!(
            m.judge(it, "Emergency contact details").score,
            Some(Score::KeyTerms)
        );
        assert_eq!(m.judge(it, "Contact centre recovery").score, None);
        let syn = vec!["Decisions".to_owned()];
        let keys = v(&[&["decision", "action", "outcome"]]);
        let it = item("Decisions and actions", &syn, &keys);
        assert_eq!(m.judge(it, "Decisions made").score, Some(Score::Synonym));
        assert_eq!(m.judge(it, "Decision criteria").score, None);
    }

    #[test]
    fn head_words_and_unless_phrases() {
        let m = m();
        let heads = vec!["recovery".to_owned()];
        let it = Item {
            head_words: &heads,
            ..item("Recovery procedures", &[], &[])
        };
        assert_eq!(
            m.judge(it, "Contact centre recovery").score,
            Some(Score::KeyTerms)
        );
        assert_eq!(m.judge(it, "Recovery time objectives").score, None);
        let unless = vec!["last review".to_owned()];
        let keys = v(&[&["action", "decision"]]);
        let it = Item {
            unless: &unless,
            ..item("Decisions and actions", &[], &keys)
        };
        assert_eq!(m.judge(it, "Actions").score, Some(Score::KeyTerms));
        let j = m.judge(it, "Actions from the last review");
        assert_eq!(j.score, None);
        assert_eq!(j.about, ["last review"]);
    }

    #[test]
    fn key_terms_compare_without_endings() {
        let m = m();
        let keys = v(&[&["service"], &["included", "covered"]]);
        let it = item("Services covered", &[], &keys);
        assert_eq!(
            m.judge(it, "What the service includes").score,
            Some(Score::KeyTerms)
        );
    }

    #[test]
    fn a_question_heading_is_about_what_it_asks() {
        let who = vec!["role".to_owned(), "responsibility".to_owned()];
        let when = vec!["criteria".to_owned()];
        let m = m().with_questions([("who", who.as_slice()), ("when", when.as_slice())]);
        let syn = vec!["Responsibilities".to_owned()];
        let it = item("Authorities and responsibilities", &syn, &[]);
        let asked = m.reduce_heading("4. Who decides and who does");
        assert_eq!(m.judge_words(it, &asked).score, Some(Score::Synonym));
        assert_eq!(
            m.judge_words(it, &m.reduce("4. Who decides and who does")).score,
            None
        );
        let keys = v(&[&["ready", "acceptance"], &["criteria", "condition"]]);
        let it = item("Acceptance criteria", &[], &keys);
        let asked = m.reduce_heading("When is a release ready to go?");
        assert_eq!(m.judge_words(it, &asked).score, Some(Score::KeyTerms));
        // Only an opening interrogative asks: `Release timing: when` is not a question.
        assert_eq!(m.reduce_heading("Release window"), m.reduce("Release window"));
        // A question before a colon that a title follows is a tagline: it asks nothing.
        for tagline in [
            "When things go badly wrong: the major incident procedure",
            "When things go badly wrong – the major incident procedure",
        ] {
            assert_eq!(m.reduce_heading(tagline), m.reduce(tagline));
        }
        let question = "When things go badly wrong";
        assert_ne!(m.reduce_heading(question), m.reduce(question));
    }

    #[test]
    fn each_key_term_group_needs_a_word_of_its_own() {
        let keys = v(&[&["change control", "scope"], &["change", "item"]]);
        let it = item("Items under change control", &[], &keys);
        // `change` of `change control` cannot also be what is under control.
        assert_eq!(m().judge(it, "Change control").score, None);
        assert_eq!(m().judge(it, "Change control scope").score, Some(Score::KeyTerms));
        assert_eq!(
            m().judge(it, "Items under change control").score,
            Some(Score::Exact)
        );
    }

    #[test]
    fn aims_criteria_and_people_are_told_by_their_phrases() {
        let m = m()
            .with_aims(["make sure", "describes how"])
            .with_criteria_words(["if", "more than"])
            .with_people(["roles", "who is involved", "who's who"]);
        assert!(m.is_aim("To make sure IT capacity meets current and future needs."));
        assert!(m.is_aim("This plan describes how we plan capacity."));
        assert!(!m.is_aim("Peak demand is 5,000 concurrent users."));
        assert!(m.says_criteria("A change is major if it touches more than one service."));
        assert!(m.says_criteria("Outages of more than one hour."));
        assert!(!m.says_criteria("Major changes are presented to the full CAB."));
        assert!(!m.says_criteria("The Change Review Group decides in each case (iffy)."));
        assert!(m.is_people("2. Roles"));
        assert!(m.is_people("Who is involved"));
        assert!(m.is_people("Who's who"));
        assert!(!m.is_people("Capacity reporting"));
    }

    #[test]
    fn a_label_names_its_topic_a_sentence_or_question_does_not() {
        let m = m()
            .with_sentence_words(["we", "is", "are", "what", "doesn't", "these"])
            .with_general_headings(["purpose", "scope", "application"]);
        for label in [
            "Rollback",
            "Deployment windows",
            "2. Access to the risk register",
            "IT services",
        ] {
            assert!(m.is_label(label), "{label}");
        }
        for sentence in [
            "What doesn't count?",
            "Before we say yes",
            "Volumes these service levels assume",
            "3. What is controlled",
            "Are there limits",
        ] {
            assert!(!m.is_label(sentence), "{sentence}");
        }
        assert!(m.is_general(&m.words("1. Purpose")));
        assert!(m.is_general(&m.words("Scope and application")));
        assert!(!m.is_general(&m.words("Purpose of the release calendar")));
        assert!(!m.is_general(&m.words("")));
    }

    #[test]
    fn a_two_word_question_and_a_relative_clause() {
        let how = vec!["method".to_owned()];
        let often = vec!["frequency".to_owned()];
        let who = vec!["organization".to_owned()];
        let none: Vec<String> = Vec::new();
        let m = Matcher::new(["the", "a", "are", "is"])
            .with_prepositions(["of", "for", "we", "you"])
            .with_relatives(["who", "what"])
            .with_questions([
                ("how", how.as_slice()),
                ("how often", often.as_slice()),
                ("who", who.as_slice()),
                ("what", none.as_slice()),
            ]);
        let keys = v(&[&["frequency", "schedule"]]);
        let it = item("Frequency", &[], &keys);
        assert_eq!(
            m.judge_words(it, &m.reduce_heading("How often we audit")).score,
            Some(Score::Exact)
        );
        let methods = v(&[&["method"]]);
        let it = item("Methods", &[], &methods);
        assert_eq!(
            m.judge_words(it, &m.reduce_heading("How often we audit")).score,
            None
        );
        // A pronoun opens a relative clause, unless a stop word follows it.
        let org = v(&[&["organization"]]);
        let it = item("Organization", &[], &org);
        assert_eq!(
            m.judge_words(it, &m.reduce_heading("Who we are")).score,
            Some(Score::Exact)
        );
        assert_eq!(m.judge_words(it, &m.reduce_heading("Who we serve")).score, None);
        // The verb of a relative clause opened by a question word heads it.
        assert_eq!(m.heads("What we aim for"), ["aim"]);
    }

    #[test]
    fn a_condition_is_told_by_its_phrase_as_words() {
        let m = m().with_conditions(["only when", "until"]);
        assert!(m.is_condition("A release goes live only when acceptance testing has passed."));
        assert!(m.is_condition("No release is deployed until the owner approves it."));
        assert!(!m.is_condition("Deployments are done by the Ops team when it is quiet."));
        assert!(!m.is_condition("The untiled floor is only whenever."));
    }

    #[test]
    fn a_determiner_asks_about_the_noun_after_it() {
        let none: Vec<String> = Vec::new();
        let m = Matcher::new(["the", "a", "is"])
            .with_questions([("what", none.as_slice())])
            .with_sentence_words(["is", "we"])
            .with_determiners(["what", "which"]);
        let keys = v(&[&["technology", "tool"]]);
        let it = item("Supporting technology", &[], &keys);
        assert!(
            m.judge_words(it, &m.reduce_heading("What technology supports the SMS?"))
                .score
                .is_some()
        );
        // Without the determiner the heading is about its last word only.
        assert!(
            m.judge_words(it, &m.reduce_heading("Technology that supports the SMS"))
                .score
                .is_none()
        );
        // Not in a heading that is no question: in `What recovery costs` the word after the
        // determiner qualifies the head.
        assert!(
            m.judge_words(it, &m.reduce_heading("What technology costs"))
                .score
                .is_none()
        );
        // Before an auxiliary or a pronoun it asks about nothing in particular.
        assert!(
            m.reduce_heading("What is controlled")
                .heads
                .iter()
                .all(|h| h != "is")
        );
        assert!(m.reduce_heading("What we do").heads.iter().all(|h| h != "we"));
    }

    #[test]
    fn a_sentence_states_an_item_with_every_key_term_group() {
        let m = m();
        let keys = v(&[&["change"], &["category", "classify", "type"]]);
        let it = item("Change categories", &[], &keys);
        let said = m.reduce("a. Changes are classified as routine or reviewed.");
        assert!(m.states(it, &said));
        assert!(!m.states(it, &m.reduce("All changes are reviewed by a second engineer.")));
        // One group is too little to tell a sentence's topic.
        let keys = v(&[&["limitation", "constraint"]]);
        let it = item("Known limitations", &[], &keys);
        assert!(!m.states(it, &m.reduce("The lease is a constraint.")));
        // Multi-word alternatives are phrases, in order.
        let keys = v(&[&["runbook"], &["fail over", "recovery"]]);
        let it = item("Recovery procedures", &[], &keys);
        assert!(m.states(it, &m.reduce("Fail over the estate using runbook RB-12.")));
        let unless = vec!["last review".to_owned()];
        let it = Item {
            unless: &unless,
            ..it
        };
        assert!(!m.states(it, &m.reduce("Recovery runbook from the last review.")));
    }

    #[test]
    fn equivalent_words_and_abbreviations_meet_on_one_word() {
        let groups = [
            vec!["category".to_owned(), "kind".to_owned(), "flavour".to_owned()],
            vec!["change request".to_owned(), "rfc".to_owned()],
        ];
        let m = Matcher::new(["the", "a", "an"])
            .with_equivalents(groups.iter().map(Vec::as_slice))
            .with_prepositions(["of", "for"]);
        let keys = v(&[&["change"], &["category"]]);
        let it = item("Change categories", &[], &keys);
        assert_eq!(m.judge(it, "Flavours of change").score, Some(Score::Exact));
        assert_eq!(m.judge(it, "Kinds of change").score, Some(Score::Exact));
        // A word of no group still fails.
        assert_eq!(m.judge(it, "Owners of change").score, None);
        assert_eq!(
            m.words("What needs an RFC?"),
            ["what", "need", "change", "request"]
        );
        assert_eq!(m.heads("RFC"), ["request"]);
    }

    #[test]
    fn a_documents_title_gives_one_key_term_group() {
        let none_asked: Vec<String> = Vec::new();
        let m = Matcher::new(["is", "the", "a"])
            .with_qualifiers(["provided", "covered"])
            .with_questions([("what", none_asked.as_slice())]);
        let keys = v(&[&["service", "agreement"], &["covered", "provided"]]);
        let it = item("Services covered", &[], &keys);
        let none = HashSet::default();
        let title: HashSet<String> = m
            .words("Operational level agreement: HR and the desk")
            .into_iter()
            .collect();
        let cand = m.reduce("What is provided");
        assert_eq!(m.judge_in(it, &cand, &title, &title).score, Some(Score::KeyTerms));
        assert_eq!(m.judge_in(it, &cand, &none, &none).score, None);
        // The title never gives the group of the name's head: `Agreement review` is no
        // section on the services covered.
        let title: HashSet<String> = m.words("Services provided").into_iter().collect();
        assert_eq!(
            m.judge_in(it, &m.reduce("Agreement review"), &title, &title)
                .score,
            None
        );
        // Nor do words of other topics pass (`What is provided to auditors`).
        let title: HashSet<String> = m.words("Operational level agreement").into_iter().collect();
        assert_eq!(
            m.judge_in(it, &m.reduce("What is provided to auditors"), &title, &title)
                .score,
            None
        );
    }

    #[test]
    fn a_heading_adds_to_the_documents_title_not_the_requirements() {
        let m = m();
        let keys = v(&[&["major"], &["incident"], &["criteria", "definition"]]);
        let it = item("Major-incident criteria", &[], &keys);
        let title: HashSet<String> = m.words("Major incidents").into_iter().collect();
        let mut context = title.clone();
        context.extend(m.words("Major-incident criteria and procedure"));
        context.remove(BOUNDARY);
        // `## Criteria` under `# Major incidents` is the criteria, though the requirement's
        // title names them too.
        let cand = m.reduce("Criteria");
        assert_eq!(
            m.judge_in(it, &cand, &context, &title).score,
            Some(Score::KeyTerms)
        );
        // The title heading itself is not a section on them.
        let cand = m.reduce("Major incidents");
        assert_eq!(m.judge_in(it, &cand, &context, &title).score, None);
    }

    #[test]
    fn a_text_says_an_item_by_a_phrase_of_two_words() {
        let m = m();
        let syn = vec!["Fail back".to_owned(), "Failback".to_owned()];
        let it = item("Return to normal working", &syn, &[]);
        assert!(m.says(
            it,
            &m.words("The team schedules the fail-back in a quiet period.")
        ));
        assert!(m.says(it, &m.words("Plan the return to normal working.")));
        // One word of a phrase, or a one-word synonym, says nothing.
        assert!(!m.says(it, &m.words("Data is copied back.")));
        assert!(!m.says(it, &m.words("Failback is not tested.")));
    }

    #[test]
    fn one_group_states_only_when_asked_for() {
        let m = m();
        let keys = v(&[&["criteria", "scope"]]);
        let it = item("Criteria and scope", &[], &keys);
        let said = m.reduce("Each audit's scope is agreed two weeks beforehand.");
        assert!(!m.states(it, &said));
        assert!(m.states_with(it, &said, 1));
        assert!(!m.states_with(it, &m.reduce("Each audit is agreed beforehand."), 1));
    }

    #[test]
    fn a_table_row_read_with_its_column_header() {
        // required_content reads a row label and the header of a cell of four words or more
        // as one candidate (`P1 – Major` + `Definition`).
        let m = m();
        let keys = v(&[&["major", "p1"], &["incident", "p1"], &["criteria", "definition"]]);
        let it = item("Major-incident criteria", &[], &keys);
        assert_eq!(m.judge(it, "P1 – Major Definition").score, Some(Score::KeyTerms));
        assert_eq!(m.judge(it, "P1 – Major Response").score, None);
    }

    #[test]
    fn mentions_phrases_in_order() {
        let m = m();
        let words = m.words("Emergency changes are approved by the ECAB.");
        let it = item("emergency change", &[], &[]);
        assert!(m.mentions(it, &words));
        let it = item("change emergency", &[], &[]);
        assert!(!m.mentions(it, &words));
    }
}

//! Every message `check` can print about the content, one variant each, with its words
//! beside it: the English here, the Japanese in `message/ja.rs` (a match on every
//! variant, so a message without Japanese does not compile). `tests/check.rs` fails when
//! a variant has no fixture under `tests/fixtures/invalid/` that prints it, in either
//! language: a new message is a line here, a line there and a fixture.

mod ja;

use std::fmt;

use crate::model::Lang;
use crate::model::inline::MarkupError;

/// Declares `Message` from `Variant { field: Type, … } => "words with {field}"` lines:
/// the enum, its `Display` (the English words, with the fields put in) and the list of
/// its variants' names, which the fixtures' test goes through.
macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $name:ident $({ $($field:ident: $ty:ty),* $(,)? })? => $text:literal,
    )*) => {
        /// What is wrong with the content, with the values the sentence names.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Message {
            $( $(#[$doc])* $name $({ $($field: $ty),* })?, )*
            /// Malformed ruby, or a character the engine reserves, in a text.
            Markup(MarkupError),
            /// What deserialising says about TOML of the wrong shape: an unknown or
            /// missing field, a value of the wrong type.
            Shape(ShapeError),
        }

        impl Message {
            /// The names of the variants `kind` gives.
            const PLAIN: &[&str] = &[$(stringify!($name)),*];

            /// The variant's name; for `Markup` and `Shape`, with the kind of error.
            pub fn kind(&self) -> String {
                match self {
                    $( Message::$name { .. } => stringify!($name).to_string(), )*
                    Message::Markup(e) => format!("Markup({e:?})"),
                    Message::Shape(e) => format!("Shape({})", e.kind()),
                }
            }
        }

        impl fmt::Display for Message {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( Message::$name $({ $($field),* })? => write!(f, $text), )*
                    Message::Markup(e) => write!(f, "{e}"),
                    Message::Shape(e) => write!(f, "{e}"),
                }
            }
        }
    };
}

/// Every kind of markup error, for `Message::kinds`. The match in `kinds` fails to
/// compile when `MarkupError` gains a variant, as a reminder to list it here.
const MARKUP: [MarkupError; 4] = [
    MarkupError::Unclosed,
    MarkupError::Empty,
    MarkupError::Nested,
    MarkupError::PrivateUse,
];

impl Message {
    /// The name of every kind of message (see `kind`).
    pub fn kinds() -> Vec<String> {
        let markup = MARKUP.iter().map(|e| match e {
            MarkupError::Unclosed
            | MarkupError::Empty
            | MarkupError::Nested
            | MarkupError::PrivateUse => Message::Markup(e.clone()).kind(),
        });
        let shape = ShapeError::KINDS
            .iter()
            .map(|kind| format!("Shape({kind})"));
        Message::PLAIN
            .iter()
            .map(|name| name.to_string())
            .chain(markup)
            .chain(shape)
            .collect()
    }

    /// A warning does not stop the content from loading.
    pub fn is_warning(&self) -> bool {
        matches!(self, Message::Untranslated { .. } | Message::Stale { .. })
    }

    /// The message in `lang`, and how to fix it where the message alone does not say.
    /// The English messages carry their hint in the sentence.
    pub fn wording(&self, lang: Lang) -> Wording {
        match lang {
            Lang::En => Wording {
                text: self.to_string(),
                help: None,
            },
            Lang::Ja => self.ja(),
        }
    }
}

/// A message in one language: the sentence, and a hint printed under it as Rust's
/// compiler prints `help:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub text: String,
    pub help: Option<String>,
}

impl From<MarkupError> for Message {
    fn from(e: MarkupError) -> Message {
        Message::Markup(e)
    }
}

/// Names of keys, as a message lists them: "`fax`, `email` and `hours`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names(pub &'static [&'static str]);

impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            match i {
                0 => {}
                i if i + 1 == self.0.len() => f.write_str(" and ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

/// The ids a reference could have named: "a, b, c", or "none".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdList(pub Vec<String>);

impl fmt::Display for IdList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.is_empty() {
            true => f.write_str("none"),
            false => f.write_str(&self.0.join(", ")),
        }
    }
}

/// What deserialising a table into its shape says, in serde's words, taken apart once
/// where the content is read so each language can say it in its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// A key the table does not have, and the keys it has.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    MissingField {
        field: String,
    },
    /// A value of another type than the key takes, as serde names both: `string
    /// "three"`, `integer `2``, `map`…; `i64`, `a string`, `a sequence`…
    WrongType {
        found: String,
        expected: String,
    },
    /// Anything else serde says (no content file of ours reaches it: it is kept so
    /// that a new message of serde's still shows).
    Other(String),
}

impl ShapeError {
    /// The kinds `Message::kind` names, but `Other`, which no fixture can reach.
    const KINDS: [&str; 3] = ["UnknownField", "MissingField", "WrongType"];

    fn kind(&self) -> &'static str {
        match self {
            ShapeError::UnknownField { .. } => "UnknownField",
            ShapeError::MissingField { .. } => "MissingField",
            ShapeError::WrongType { .. } => "WrongType",
            ShapeError::Other(_) => "Other",
        }
    }

    /// Takes apart one of serde's messages (`serde::de::Error`'s formats, which it keeps
    /// stable); `Display` puts it together again word for word.
    pub fn from_serde(message: &str) -> ShapeError {
        if let Some(rest) = message.strip_prefix("unknown field `") {
            if let Some(field) = rest.strip_suffix("`, there are no fields") {
                return ShapeError::UnknownField {
                    field: field.to_string(),
                    expected: Vec::new(),
                };
            }
            if let Some((field, expected)) = rest.split_once("`, expected ") {
                let expected = expected
                    .strip_prefix("one of ")
                    .unwrap_or(expected)
                    .split(", ")
                    .flat_map(|part| part.split(" or "))
                    .map(|name| name.trim_matches('`').to_string())
                    .collect();
                return ShapeError::UnknownField {
                    field: field.to_string(),
                    expected,
                };
            }
        }
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return ShapeError::MissingField {
                field: field.to_string(),
            };
        }
        if let Some((found, expected)) = message
            .strip_prefix("invalid type: ")
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return ShapeError::WrongType {
                found: found.to_string(),
                expected: expected.to_string(),
            };
        }
        ShapeError::Other(message.to_string())
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::UnknownField { field, expected } => {
                let quoted: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
                match quoted.as_slice() {
                    [] => write!(f, "unknown field `{field}`, there are no fields"),
                    [one] => write!(f, "unknown field `{field}`, expected {one}"),
                    [a, b] => write!(f, "unknown field `{field}`, expected {a} or {b}"),
                    all => write!(
                        f,
                        "unknown field `{field}`, expected one of {}",
                        all.join(", ")
                    ),
                }
            }
            ShapeError::MissingField { field } => write!(f, "missing field `{field}`"),
            ShapeError::WrongType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            ShapeError::Other(message) => f.write_str(message),
        }
    }
}

messages! {
    // Reading the directory and its files.
    MissingDirectory => "content directory not found",
    Unreadable { error: String } => "cannot read this content file: {error}",
    /// What the TOML parser says about text that is not TOML.
    Syntax { message: String } => "{message}",
    MissingTable { key: String } => "missing table `[{key}]`",
    NotAList { key: String } => "`{key}` must be a list of tables, written `[[{key}]]`",
    UnknownKey { key: String, holds: String } => "unknown key `{key}`: this file holds only `{holds}`",

    // Translations.
    UnknownLanguage { language: String, listed: IdList } =>
        "unknown language `{language}` (site.toml lists: {listed})",
    NotTranslatable { key: String, keys: String } =>
        "`{key}` cannot be translated: only text for people to read can ({keys})",
    TranslatedWithoutOriginal { key: String } =>
        "`{key}` is translated, but the item has no `{key}` of its own",
    TranslationsNotATable => "`translations` must be a table of languages, e.g. `[….translations.en]`",
    TranslationNotATable { language: String } =>
        "the `{language}` translation must be a table of translated keys",
    /// The one warning: the page shows the default language's text instead.
    Untranslated { key: String, language: String } =>
        "`{key}` has no `{language}` translation: pages in `{language}` show the default language's text",

    // Ids and references.
    IdNotSlug { kind: &'static str, id: String } =>
        "{kind} id `{id}` must be lowercase letters, digits and hyphens (it is part of URLs)",
    AnchorNotSlug { kind: &'static str, id: String } =>
        "{kind} id `{id}` must be lowercase letters, digits and hyphens (it is a link anchor)",
    DuplicateId { kind: &'static str, id: String } => "duplicate {kind} id `{id}`",
    UnknownReference { kind: &'static str, id: String, known: IdList } =>
        "unknown {kind} `{id}` (known: {known})",

    // The site and its languages.
    UnknownTimeZone { name: String } =>
        "unknown time zone `{name}` (use an IANA name such as `Asia/Tokyo`)",
    LanguageIdReserved { id: String, reserved: String } =>
        "language id `{id}` is taken by the site's own pages ({reserved})",
    HreflangTaken { hreflang: String, suggestion: String } =>
        "another edition already has hreflang `{hreflang}`: give this language its own `hreflang`, such as `{suggestion}`",
    WeekdayNames { weekdays: usize, short: usize } =>
        "`weekdays` and `weekdays_short` must list 7 names each, Monday first (found {weekdays} and {short})",
    LabelPlaceholders { key: &'static str, first: &'static str, second: &'static str, text: String } =>
        "label `{key}` must hold {first} and then {second} (it is \"{text}\")",

    // Values.
    Empty => "must not be empty",
    NotAbsoluteUrl { url: String } =>
        "`{url}` is not an absolute URL (write it in full, starting with https://)",
    BadPhone { phone: String } =>
        "malformed phone number `{phone}` (write digits in groups separated by hyphens, e.g. 03-1234-5678)",
    BadEmail { email: String } => "`{email}` is not an e-mail address",
    BadCountry { country: String } =>
        "country `{country}` is not a two-letter ISO 3166-1 code (e.g. JP, GB)",
    BadTime { time: String } => "`{time}` is not a time of day (write HH:MM, from 00:00 to 23:59)",
    ClosesBeforeOpens { opens: String, closes: String } =>
        "closing time {closes} is not after opening time {opens}",
    UnknownWeekday { weekday: String } =>
        "unknown weekday `{weekday}` (use mon, tue, wed, thu, fri, sat or sun)",
    BadDate { value: String } => "`{value}` is not a date (write YYYY-MM-DD, without quotes)",
    BadMonthDay { value: String } => "`{value}` is not a day of the year (write MM-DD, e.g. 12-29)",
    BadMonth { value: String } => "`{value}` is not a month (write YYYY-MM)",
    /// A check, a source's reading or a test dated after today.
    FutureDate { field: &'static str, date: String, today: String } =>
        "{field} {date} is in the future (today is {today})",
    /// A warning: the page says its information may be out of date.
    Stale { field: &'static str, date: String, age: i32, days: u32 } =>
        "{field} {date} is {age} days ago, more than stale_after_days ({days}): its page says the information may be out of date; compare it with the sources again",
    StaleAfterDays { days: i64 } => "stale_after_days {days} must be between 1 and 3650",
    FeedbackRetentionDays { days: i64 } =>
        "feedback retention_days {days} must be between 1 and 3650 (365 when left out)",
    UnknownCost { cost: String } => "unknown cost `{cost}` (use free, paid or unknown)",
    UnknownAnonymity { anonymity: String } =>
        "unknown anonymity `{anonymity}` (use anonymous, nickname, name_required or unknown)",

    // Sources and places.
    SourceWithoutUrlOrDocument => "a source needs a `url` or a `document`",
    NoSources { owner: String } => "`{owner}` names no sources: name at least one",
    NestedPlace { place: String } => "`{place}` is itself part of another place; name the outer place",
    PlaceWithoutAddress { place: String } =>
        "place `{place}` has no `address` (or `part_of` a place that has one)",
    WalkMinutes { minutes: i64 } => "walk_minutes {minutes} must be between 0 and 180",

    // Contacts and their hours.
    NotKnowable { item: String, allowed: Names } =>
        "`unknown` lists `{item}`; only {allowed} can be unknown",
    GivenAndUnknown { what: &'static str } => "`{what}` is given and also listed as unknown",
    UnknownKind { kind: String } => "unknown kind `{kind}` (use service, urgent or emergency)",
    ContactWithoutHours { contact: String } =>
        "contact `{contact}` has no `hours`: name them, or write `unknown = [\"hours\"]` when they are not known",
    UrgentWithoutPage { kind: String } =>
        "contacts of kind `{kind}` are listed on the urgent help page: add its words as `[urgent]` to pages.toml",
    NoWeekdays => "`days` must name at least one weekday",
    DaysAndDayOfMonth => "a rule has either `days` or `day_of_month`, not both (write two rules)",
    NoDays => "a rule needs `days` (weekdays) or `day_of_month` (a day of every month)",
    DayOfMonthRange { day: i64 } => "day_of_month {day} must be 1 to 31",
    MidnightOvernight =>
        "`closes = \"24:00\"` already ends at midnight: leave out `overnight`, or write the closing time of the next day",
    OvernightTooLong { opens: String, closes: String } =>
        "overnight hours from {opens} to {closes} the next day are longer than 24 hours",
    HoursClosesBeforeOpens { opens: String, closes: String } =>
        "closing time {closes} is not after opening time {opens} (for hours that run past midnight, add `overnight = true`)",
    OverlappingHours => "these hours overlap an earlier rule on the same day",
    HoursWithoutRule { hours: String } => "hours `{hours}` need at least one `[[hours.rule]]`",
    ExceptionShape => "an exception is either `closed = true` or has both `opens` and `closes`",
    ClosureHalfDates =>
        "a closure needs both `from` and `to`, or neither when the dates are not known",

    // Services and events.
    NoAudiences { service: String } => "service `{service}` names no audiences",
    EventHalfTimes =>
        "an event needs both `starts` and `ends`, or neither when the times are not known",
    UnknownHolidayPolicy { policy: String } =>
        "unknown on_holiday `{policy}` (use held, skipped, moved or unconfirmed)",
    EventWithoutRule { event: String } => "event `{event}` needs at least one `[[event.rule]]`",
    BadNth { nth: i64 } => "nth {nth} must be 1 to 5 (the week of the month)",
    BadEveryMonths { every: i64 } => "every_months {every} must be 1 to 12",
    NoStartMonth => "a rule that repeats every few months needs a `start_month` (YYYY-MM)",
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's words come back as they went in, in every form taken apart.
    #[test]
    fn serde_messages_round_trip() {
        for message in [
            "unknown field `colour`, expected one of `id`, `name`, `also_known_as`",
            "unknown field `colour`, expected `id` or `name`",
            "unknown field `colour`, expected `id`",
            "unknown field `colour`, there are no fields",
            "missing field `language_label`",
            "invalid type: string \"three\", expected i64",
            "invalid type: map, expected a boolean",
            "invalid length 2, expected 3 elements",
        ] {
            assert_eq!(ShapeError::from_serde(message).to_string(), message);
        }
        assert_eq!(
            ShapeError::from_serde("unknown field `a`, expected `b` or `c`"),
            ShapeError::UnknownField {
                field: "a".into(),
                expected: vec!["b".into(), "c".into()]
            }
        );
    }

    #[test]
    fn names_read_as_a_list() {
        assert_eq!(Names(&["organization"]).to_string(), "`organization`");
        assert_eq!(
            Names(&["fax", "email", "hours"]).to_string(),
            "`fax`, `email` and `hours`"
        );
        assert_eq!(IdList(Vec::new()).to_string(), "none");
    }
}

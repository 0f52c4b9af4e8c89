//! Step 2 of the flow (model): the validated site. Values here are only built by
//! `content::validate`, so every reference resolves, every time is a real time and every
//! URL is absolute. Later steps (schedule, view) read it and never see TOML.

pub mod inline;
mod labels;
mod lang;
mod text;
mod time;
mod unknowns;

pub use lang::Lang;
pub use text::{Block, Blocks};
pub use time::{Closure, Exception, Hours, HoursRule, MonthDay, Weekday};
pub use unknowns::{Missing, Subject, Unknown};

use jiff::civil::{Date, Time};

/// First path segments the site's own pages and files use; a language's path prefix
/// cannot be one of them.
pub const RESERVED_PATHS: &[&str] = &[
    "services",
    "for",
    "access",
    "faq",
    "about",
    "accessibility",
    "search",
    "static",
    "api",
    "calendar",
    "healthz",
    "urgent",
    "handout",
    "feedback",
];

/// The longest text a reader's report may carry, in characters: the form's `maxlength`,
/// what the server accepts and what the database holds.
pub const FEEDBACK_MAX_TEXT_CHARS: usize = 500;

/// Index of an item in one of the model's lists; references between items are indices,
/// resolved and checked once at load time.
pub type Idx = usize;

#[derive(Debug)]
pub struct Site {
    pub name: String,
    pub short_name: String,
    pub description: String,
    /// Without a trailing slash, e.g. `https://example.jp`.
    pub base_url: String,
    /// The language of this edition of the site.
    pub language: Language,
    /// Every edition's language, the default first.
    pub languages: Vec<Language>,
    /// The static file link previews show, and its description.
    pub image: Option<(String, String)>,
    pub time_zone: jiff::tz::TimeZone,
    pub time_zone_name: String,
    pub operator: String,
    /// The official site the footer of every page sends readers to.
    pub official: Official,
    pub primary_contact: Idx,
    pub featured_event: Option<Idx>,
    /// A page whose newest check is older than this many days says so.
    pub stale_after_days: u32,
    /// Readers' reports: how long they are kept and which server takes them.
    pub feedback: FeedbackSettings,
    pub labels: Labels,
    pub organizations: Vec<Organization>,
    pub places: Vec<Place>,
    pub contacts: Vec<Contact>,
    pub hours: Vec<Hours>,
    pub audiences: Vec<Audience>,
    pub channels: Vec<Channel>,
    pub services: Vec<Service>,
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
    pub pages: Pages,
}

pub use labels::{FeedbackLabels, Labels};

/// `[site.feedback]`: readers' reports are kept `retention_days`, then removed. With
/// `instance` (an absolute URL without a trailing slash), every page's form posts there,
/// on every server and in the static export; without it, `serve` takes them itself and
/// the export has no form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackSettings {
    pub retention_days: u32,
    pub instance: Option<String>,
}

/// The official site of the body whose services the site describes: this site is not it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub url: String,
    pub name: String,
    pub note: String,
}

/// One language the site is published in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// `translations.<id>` key; empty for the default language.
    pub id: String,
    /// BCP 47, for `lang`.
    pub lang: String,
    /// BCP 47, for `hreflang`; unique among the editions.
    pub hreflang: String,
    /// Its name in itself.
    pub label: String,
    /// OpenGraph locale, e.g. `ja_JP`.
    pub locale: String,
    /// What its paths start with: empty for the default language, else `/<id>`.
    pub prefix: String,
}

impl Language {
    pub fn is_default(&self) -> bool {
        self.prefix.is_empty()
    }
}

#[derive(Debug)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
    /// The area it serves, e.g. `目黒区`.
    pub area: Option<String>,
}

/// A place with what it inherits from the place it is part of already filled in.
#[derive(Debug)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub part_of: Option<Idx>,
    pub postal_code: Option<String>,
    pub address: String,
    pub building: Option<String>,
    pub floor: Option<String>,
    pub counter: Option<String>,
    pub station: Option<String>,
    pub walk_minutes: Option<u32>,
    pub map_url: Option<String>,
    pub phone: Option<Phone>,
    /// The address in parts, for open data; `None` where the content does not give them.
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. `JP`.
    pub country: Option<String>,
}

#[derive(Debug)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub kind: ContactKind,
    pub phone: Phone,
    pub fax: Known<Phone>,
    pub email: Known<String>,
    /// `None` when the hours are not known (the content says `unknown = ["hours"]`): the
    /// pages say so, and the line is never shown as open.
    pub hours: Option<Idx>,
    /// What a call costs, where the sources say.
    pub call_cost: Option<String>,
    pub note: Option<String>,
    /// Who runs the line, where the sources say.
    pub operator: Option<String>,
    /// Where the line's number and hours come from (urgent lines name at least one).
    pub sources: Vec<Idx>,
}

/// What a contact is for, which decides where the site lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// A service's own line, shown in its contact block.
    Service,
    /// A line for urgent help: on the urgent help page, and listed in every contact block
    /// while it is open and the block's own line is closed.
    Urgent,
    /// An emergency number (fire and ambulance, police): the short line for danger to
    /// life on every page, and the urgent help page.
    Emergency,
}

impl ContactKind {
    /// The content spelling, also used in the status API.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Service => "service",
            ContactKind::Urgent => "urgent",
            ContactKind::Emergency => "emergency",
        }
    }
}

/// A fact that exists, does not apply, or exists but is not known to the editors yet.
/// The difference matters: an unknown fax number is said on the page, an absent one is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Yes(T),
    Unknown,
    NotApplicable,
}

impl<T> Known<T> {
    pub fn as_yes(&self) -> Option<&T> {
        match self {
            Known::Yes(t) => Some(t),
            _ => None,
        }
    }
}

/// A phone number as written on the page (`03-5722-9363`) and as dialled (`+81357229363`
/// is not assumed: the `tel:` URI keeps the national digits, which every phone accepts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub display: String,
    pub digits: String,
}

#[derive(Debug)]
pub struct Audience {
    pub id: String,
    pub name: String,
    pub title: String,
    pub summary: String,
    pub body: Blocks,
}

#[derive(Debug)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub service: Idx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    Free,
    Paid,
    Unknown,
}

impl Cost {
    /// Whether taking part is free, where that is known.
    pub fn is_free(self) -> Option<bool> {
        match self {
            Cost::Free => Some(true),
            Cost::Paid => Some(false),
            Cost::Unknown => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anonymity {
    /// Anonymous or a nickname is fine.
    Anonymous,
    /// A nickname is fine (and may be asked for so later calls continue).
    Nickname,
    NameRequired,
    Unknown,
}

#[derive(Debug)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub also_known_as: Option<String>,
    /// Who provides it: `Unknown` where no source names them, `NotApplicable` where the
    /// page gathers several desks run by different bodies.
    pub organization: Known<Idx>,
    /// The service's own hours, where the content gives them (the dial's are its line's);
    /// a service reached through a line does not take that line's hours as its own.
    pub hours: Option<Idx>,
    pub summary: String,
    pub body: Blocks,
    pub audiences: Vec<Idx>,
    pub channels: Vec<Idx>,
    pub cost: Cost,
    pub cost_note: Option<String>,
    pub anonymity: Anonymity,
    pub anonymity_note: Option<String>,
    pub place: Option<Idx>,
    pub contact: Idx,
    pub contact_note: Option<String>,
    pub related: Vec<Idx>,
    pub sources: Vec<Idx>,
    pub checks: Checks,
    /// Facts not known that have no field of their own, in words.
    pub unknown: Vec<String>,
}

/// When an item's facts were last checked, and how: two different facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    /// The day the editors compared the facts with their sources.
    pub against_sources: Date,
    /// The day the office itself confirmed them, where it has.
    pub with_office: Option<Date>,
}

impl Checks {
    /// The later of the two: when the facts were last looked at in any way.
    pub fn newest(&self) -> Date {
        self.with_office
            .map_or(self.against_sources, |o| o.max(self.against_sources))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub document: Option<String>,
    /// The day the editors read the source, where they wrote it down.
    pub read_on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayPolicy {
    Held,
    Skipped,
    Moved,
    Unconfirmed,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub service: Idx,
    pub place: Option<Idx>,
    pub starts: Option<Time>,
    pub ends: Option<Time>,
    pub rules: Vec<EventRule>,
    pub confirmed: bool,
    pub on_holiday: HolidayPolicy,
    pub closures: Vec<Closure>,
    pub note: Option<String>,
    pub sources: Vec<Idx>,
    pub checks: Checks,
    pub organizer: Option<Idx>,
    pub cost: Cost,
}

/// The `nth` `weekday` of every `every_months`-th month counted from `start_month`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRule {
    pub nth: u8,
    pub weekday: Weekday,
    pub every_months: u8,
    /// First day of the month the rule is counted from.
    pub start_month: Option<Date>,
}

#[derive(Debug)]
pub struct Pages {
    pub home: HomePage,
    pub access: AccessPage,
    pub faq: FaqPage,
    pub about: AboutPage,
    pub accessibility: AccessibilityPage,
    /// The urgent help page; a site without urgent lines may have none.
    pub urgent: Option<UrgentPage>,
    /// What the about and accessibility pages say of readers' reports (id `feedback`).
    pub feedback: Option<Section>,
}

/// The words of the urgent help page (its lines are the urgent and emergency contacts).
#[derive(Debug)]
pub struct UrgentPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    /// That lines can be busy: call again later, or try another number.
    pub busy: String,
    pub hours_note: String,
    pub emergency_heading: String,
    pub lines_heading: String,
}

#[derive(Debug)]
pub struct HomePage {
    pub title: String,
    pub lead: String,
    pub points: Vec<String>,
}

#[derive(Debug)]
pub struct AccessPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub places: Vec<Idx>,
    pub body: Blocks,
}

#[derive(Debug)]
pub struct FaqPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub questions: Vec<Question>,
}

#[derive(Debug)]
pub struct Question {
    pub id: String,
    pub question: String,
    pub answer: Blocks,
    pub services: Vec<Idx>,
}

#[derive(Debug)]
pub struct AboutPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub sections: Vec<Section>,
}

#[derive(Debug)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub body: Blocks,
}

impl Site {
    /// Services whose audiences include `audience`, in content order.
    pub fn services_for(&self, audience: Idx) -> impl Iterator<Item = (Idx, &Service)> {
        self.services
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.audiences.contains(&audience))
    }

    /// The contacts of `kind`, in content order.
    pub fn contacts_of(&self, kind: ContactKind) -> impl Iterator<Item = (Idx, &Contact)> {
        self.contacts
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.kind == kind)
    }

    /// Events that belong to the service `service`.
    pub fn events_of(&self, service: Idx) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.service == service)
    }

    /// When what the page of `service` says was last checked: the service and each of
    /// its events has its own newest check, and the page is as old as the oldest of them.
    pub fn page_checked(&self, service: Idx) -> Date {
        self.events_of(service)
            .map(|e| e.checks.newest())
            .fold(self.services[service].checks.newest(), Date::min)
    }
}

#[derive(Debug)]
pub struct AccessibilityPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub target: String,
    pub tested_on: Date,
    pub method: Blocks,
    pub tools: Vec<String>,
    pub checks: Vec<Check>,
    pub known_issues: Blocks,
    pub report: Blocks,
}

#[derive(Debug)]
pub struct Check {
    pub name: String,
    pub result: String,
}

//! Step 1 of the flow (content): the shape of each `content/*.toml` file, exactly as an
//! editor writes it. Nothing here is trusted yet: values that later checks must point at
//! are kept `Spanned`, so a problem can name its file, line and column. `validate` turns
//! these into the model; nothing else reads them.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

pub(super) type Text = Spanned<String>;

/// `site.toml`: one `[site]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub name: Text,
    pub short_name: Text,
    pub description: Text,
    /// Absolute URL the site is published at; sitemap and canonical links are built from it.
    pub base_url: Text,
    /// BCP 47 tag of the content's language, e.g. `ja`.
    pub language: Text,
    /// That language's name in itself, for the language switch, e.g. `日本語`.
    pub language_label: Text,
    /// Its OpenGraph locale, e.g. `ja_JP`.
    pub locale: Text,
    /// The other languages the content is translated into, in `translations.<id>` tables.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// The picture link previews show: a file in the static folder.
    #[serde(default)]
    pub image: Option<Text>,
    /// What the picture shows, for people who cannot see it.
    #[serde(default)]
    pub image_alt: Option<Text>,
    /// IANA time zone the services keep their hours in, e.g. `Asia/Tokyo`.
    pub time_zone: Text,
    /// Who publishes the site (shown on the about page and in the footer).
    pub operator: Text,
    /// Whose site it is not: the official pages of the body whose services the site
    /// describes, linked from every page's footer.
    pub official: Official,
    /// The contact shown on pages that are not about one service (home, 404, audiences).
    pub primary_contact: Text,
    /// The event whose schedule the home page shows.
    #[serde(default)]
    pub featured_event: Option<Text>,
    /// A page whose newest check is older than this many days says so (180 when left
    /// out), and `check` warns about it.
    #[serde(default)]
    pub stale_after_days: Option<Spanned<i64>>,
    /// Readers' reports: how long they are kept, and which server takes them.
    #[serde(default)]
    pub feedback: Option<Feedback>,
}

/// `[site.feedback]`: how long readers' reports are kept (365 days when left out), and
/// the address of the one server that takes them when the site runs on several servers
/// or as a static export (without it, `serve` takes them itself and the export has no
/// form).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    #[serde(default)]
    pub retention_days: Option<Spanned<i64>>,
    #[serde(default)]
    pub instance: Option<Text>,
}

/// `[site.official]`: the official site, with the words that send readers to it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub url: Text,
    /// The link's text, e.g. `目黒区の公式ホームページ`.
    pub name: Text,
    /// Said before the link: that this site is not the official one, and that official
    /// information is there.
    pub note: Text,
}

/// A language the content is translated into.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The key of its `translations.<id>` tables and its URL prefix (`/<id>/`).
    pub id: Text,
    /// BCP 47 tag for `lang` attributes, e.g. `en`.
    pub lang: Text,
    /// For `hreflang` where `lang` is not enough to tell it from another edition in the
    /// same language (plain Japanese is `ja-x-easy`); `lang` when left out.
    #[serde(default)]
    pub hreflang: Option<Text>,
    /// Its name in itself, e.g. `English`.
    pub label: Text,
    /// OpenGraph locale, e.g. `en_US`.
    pub locale: Text,
}

/// `organizations.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub url: Option<Text>,
    /// The area the organization serves (its ward, city or prefecture), for open data.
    #[serde(default)]
    pub area: Option<String>,
}

/// `places.toml`. A place may be part of another (a counter inside a building) and then
/// takes the address and the way there from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub part_of: Option<Text>,
    #[serde(default)]
    pub postal_code: Option<Text>,
    #[serde(default)]
    pub address: Option<Text>,
    #[serde(default)]
    pub building: Option<String>,
    #[serde(default)]
    pub floor: Option<String>,
    #[serde(default)]
    pub counter: Option<String>,
    #[serde(default)]
    pub station: Option<String>,
    #[serde(default)]
    pub walk_minutes: Option<Spanned<i64>>,
    #[serde(default)]
    pub map_url: Option<Text>,
    /// The building's main number, if it has one.
    #[serde(default)]
    pub phone: Option<Text>,
    /// The address in parts, for open data (`address` stays what the page shows): the
    /// street and number, the city (or ward), the region (prefecture, state) and the
    /// ISO 3166-1 two-letter country code. Open data gives a structured address only
    /// when all four are written.
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub country: Option<Text>,
}

/// `contacts.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Text,
    pub name: Text,
    pub phone: Text,
    #[serde(default)]
    pub fax: Option<Text>,
    #[serde(default)]
    pub email: Option<Text>,
    /// What this contact has but whose details are not known yet: `fax`, `email`, and
    /// `hours` (the line keeps hours, but the sources do not say which).
    #[serde(default)]
    pub unknown: Vec<Text>,
    /// The contact's hours; required unless `unknown` lists `hours`.
    #[serde(default)]
    pub hours: Option<Text>,
    /// What a call costs; left out where the sources do not say.
    #[serde(default)]
    pub call_cost: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// `service` (the default: a service's own line), `urgent` (a line for urgent help)
    /// or `emergency` (119, 110: the line for danger to life).
    #[serde(default)]
    pub kind: Option<Text>,
    /// Who runs the line, where the sources say.
    #[serde(default)]
    pub operator: Option<String>,
    /// Where the number and hours come from; urgent lines name at least one.
    #[serde(default)]
    pub sources: Vec<Text>,
}

/// `hours.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub closed_on_national_holidays: bool,
    pub rule: Vec<HoursRule>,
    #[serde(default)]
    pub closure: Vec<Closure>,
    #[serde(default)]
    pub exception: Vec<Exception>,
}

/// Hours on some weekdays (`days`) or on one day of every month (`day_of_month`), from
/// `opens` to `closes`. `closes = "24:00"` is midnight; hours that end the next morning
/// say `overnight = true` (12:00 to 05:30; 08:00 to 08:00 is a whole day and night).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursRule {
    #[serde(default)]
    pub days: Option<Spanned<Vec<Text>>>,
    #[serde(default)]
    pub day_of_month: Option<Spanned<i64>>,
    pub opens: Text,
    pub closes: Text,
    #[serde(default)]
    pub overnight: Option<Spanned<bool>>,
}

/// A yearly closure such as 12-29 to 01-03. Dates may be left out where only the name of
/// the period is known (then they do not count when working out "open now"), or given
/// with `confirmed = false` where they are the editors' best knowledge: they count, and
/// the page says they are not confirmed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub name: Text,
    #[serde(default)]
    pub from: Option<Text>,
    #[serde(default)]
    pub to: Option<Text>,
    #[serde(default = "yes")]
    pub confirmed: bool,
}

fn yes() -> bool {
    true
}

/// A one-off change an editor adds: closed on a date, or open at other times.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    pub date: Spanned<Datetime>,
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub opens: Option<Text>,
    #[serde(default)]
    pub closes: Option<Text>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `audiences.toml`: who a service is for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub id: Text,
    pub name: Text,
    pub title: Text,
    pub summary: String,
    pub body: String,
}

/// `channels.toml`: how a person can reach out; each leads to one service page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: Text,
    pub name: Text,
    pub summary: String,
    pub service: Text,
}

/// `services.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub also_known_as: Option<String>,
    /// Who provides it. Left out where no one body does (a page of several desks); left
    /// out and listed in `unknown` where no source names them.
    #[serde(default)]
    pub organization: Option<Text>,
    /// What the service has but the sources do not name yet: `organization`.
    #[serde(default)]
    pub unknown: Vec<Text>,
    /// The service's own hours (an id in `hours.toml`), where the sources give them; the
    /// hours of its contact line are the line's, not the service's.
    #[serde(default)]
    pub hours: Option<Text>,
    pub summary: Text,
    pub body: String,
    pub audiences: Vec<Text>,
    pub channels: Vec<Text>,
    pub cost: Text,
    #[serde(default)]
    pub cost_note: Option<String>,
    pub anonymity: Text,
    #[serde(default)]
    pub anonymity_note: Option<String>,
    #[serde(default)]
    pub place: Option<Text>,
    pub contact: Text,
    /// Said above the contact block when the contact is not the service's own line.
    #[serde(default)]
    pub contact_note: Option<String>,
    #[serde(default)]
    pub related: Vec<Text>,
    pub sources: Vec<Text>,
    /// The day the editors last compared the service's facts with its sources.
    pub checked_against_sources_on: Spanned<Datetime>,
    /// The day the office itself confirmed them, where it has: a different fact, and the
    /// only one a page may call a confirmation.
    #[serde(default)]
    pub confirmed_with_office_on: Option<Spanned<Datetime>>,
    /// What is not known about the service and has no field of its own (where requests
    /// go, whether a desk takes people who come without calling first…): each is listed
    /// with the unknowns the engine finds in the data.
    #[serde(default)]
    pub unknown_fact: Vec<NotKnown>,
}

/// `[[service.unknown_fact]]`: one missing fact, in words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotKnown {
    pub text: Text,
}

/// `sources.toml`: where facts come from; services and events name them by id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub url: Option<Text>,
    /// Where there is no URL: the document's name (a leaflet, a blog post's title).
    #[serde(default)]
    pub document: Option<String>,
    /// The day the editors read it (YYYY-MM-DD), shown beside it.
    #[serde(default)]
    pub read_on: Option<Spanned<Datetime>>,
}

/// `events.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    pub name: Text,
    pub service: Text,
    #[serde(default)]
    pub place: Option<Text>,
    #[serde(default)]
    pub starts: Option<Text>,
    #[serde(default)]
    pub ends: Option<Text>,
    pub rule: Vec<EventRule>,
    /// False while the months each rule applies to are not confirmed.
    pub confirmed: bool,
    /// What happens when a date is a holiday or in a closure: held, skipped, moved, unconfirmed.
    pub on_holiday: Text,
    /// Yearly periods the event's holiday policy also applies to (e.g. 年末年始).
    #[serde(default)]
    pub closure: Vec<Closure>,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Text>,
    /// As for a service: compared with the sources, and confirmed with the office.
    pub checked_against_sources_on: Spanned<Datetime>,
    #[serde(default)]
    pub confirmed_with_office_on: Option<Spanned<Datetime>>,
    /// The organization that holds the event, where the sources say so.
    #[serde(default)]
    pub organizer: Option<Text>,
    /// free, paid or unknown (the default): what taking part costs.
    #[serde(default)]
    pub cost: Option<Text>,
}

/// "The nth weekday of the month, every `every_months` months counted from `start_month`."
/// Two rules with `every_months = 2` and start months one apart make a month-by-month
/// alternation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRule {
    pub nth: Spanned<i64>,
    pub weekday: Text,
    #[serde(default)]
    pub every_months: Option<Spanned<i64>>,
    #[serde(default)]
    pub start_month: Option<Text>,
}

/// `pages.toml`: the words of the pages that are not one service.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    pub home: HomePage,
    pub access: AccessPage,
    pub faq: FaqPage,
    pub about: AboutPage,
    pub accessibility: AccessibilityPage,
    /// Required when contacts of kind `urgent` or `emergency` exist.
    #[serde(default)]
    pub urgent: Option<UrgentPage>,
    /// What the about and accessibility pages say of readers' reports: what is kept, for
    /// how long and why.
    #[serde(default)]
    pub feedback: Option<FeedbackSection>,
}

/// `[feedback]` in `pages.toml`: a section of the about and accessibility pages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackSection {
    pub heading: String,
    pub body: String,
}

/// The urgent help page: the words around the list of urgent lines.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgentPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    /// That lines can be busy: call again later, or try another number.
    pub busy: String,
    /// That hours change, and each line says where they come from and when it was read.
    pub hours_note: String,
    /// Headings of the emergency numbers and of the other lines.
    pub emergency_heading: String,
    pub lines_heading: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomePage {
    pub title: String,
    pub lead: String,
    /// Short statements shown as a list right under the lead (free, anonymous, ...).
    pub points: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub places: Vec<Text>,
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub question: Vec<Question>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Text,
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub services: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AboutPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    pub section: Vec<Section>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Text,
    pub heading: String,
    pub body: String,
}

/// The accessibility statement, in the JIS X 8341-3 style.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityPage {
    pub title: String,
    pub nav_name: String,
    pub lead: String,
    /// The standard and level aimed at.
    pub target: String,
    /// When the pages were last tested.
    pub tested_on: Spanned<Datetime>,
    pub method: String,
    pub tools: Vec<String>,
    /// What is checked on every page, and the result each check must have for a page to
    /// be published; the results table shows them for every page.
    pub check: Vec<Check>,
    pub known_issues: String,
    pub report: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub name: String,
    pub result: String,
}

//! Step 2 of the flow (model): the words the engine itself puts on pages, in one
//! language. Labels are plain strings with named placeholders, so `content` reads
//! `labels.toml` straight into this type (it is the one model type serde builds) and
//! validation then checks it; nothing after the model sees TOML.

use serde::Deserialize;

/// `labels.toml`: every word the engine itself puts on a page, so the engine stays free of
/// any one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// Some label is shown in the default language because its translation is missing
    /// (found by the translate step, not read from the file).
    #[serde(skip)]
    pub untranslated: bool,
    pub skip_link: String,
    pub nav_label: String,
    pub breadcrumb_label: String,
    pub home: String,
    pub call: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub hours: String,
    pub days: String,
    pub time: String,
    pub closed: String,
    pub closed_on_national_holidays: String,
    /// One closed day as a sentence of the contact block, e.g. `{days}は休みです。`.
    pub closed_sentence: String,
    pub closure_dates_unknown: String,
    /// e.g. `{dates}の見込み。確認中です`.
    pub closure_dates_unconfirmed: String,
    pub hours_unknown: String,
    pub call_cost: String,
    pub unknown_value: String,
    pub cost: String,
    pub cost_free: String,
    pub cost_paid: String,
    pub cost_unknown: String,
    pub name_heading: String,
    pub anonymity_anonymous: String,
    pub anonymity_nickname: String,
    pub anonymity_name_required: String,
    pub anonymity_unknown: String,
    pub about_service: String,
    pub audiences: String,
    pub channels: String,
    pub place: String,
    pub address: String,
    pub nearest_station: String,
    /// e.g. `{station}から徒歩{minutes}`.
    pub walk: String,
    /// Text of the map link, e.g. `{place}の地図（OpenStreetMap）`.
    pub map_link: String,
    pub schedule: String,
    pub schedule_unconfirmed: String,
    pub time_unknown: String,
    pub place_unknown: String,
    pub on_holiday: String,
    pub on_holiday_held: String,
    pub on_holiday_skipped: String,
    pub on_holiday_moved: String,
    pub on_holiday_unconfirmed: String,
    pub related: String,
    pub sources: String,
    /// The two kinds of check, kept apart: "compared with the sources on" and "confirmed
    /// with the office on" (only the second is a confirmation).
    pub checked_against_sources_on: String,
    pub confirmed_with_office_on: String,
    /// In a table, where a service has no confirmation from its office yet.
    pub not_confirmed_with_office: String,
    /// Heading of the about page's table of checks.
    pub checks_heading: String,
    /// The list of what is not known: its heading, and the sentence before it, e.g.
    /// `次のことは、まだわかっていません。{contact}でおたずねください。` (`{contact}` becomes
    /// the line's name and number, as a link to call it).
    pub not_known: String,
    pub not_known_lead: String,
    /// What is missing, by kind. `{name}` is a closure's name.
    pub unknown_fax: String,
    pub unknown_email: String,
    pub unknown_hours: String,
    pub unknown_closure: String,
    pub unknown_event_months: String,
    pub unknown_event_on_holiday: String,
    pub unknown_event_time: String,
    pub unknown_event_place: String,
    pub unknown_event_organizer: String,
    pub unknown_organization: String,
    pub unknown_event_cost: String,
    pub unknown_cost: String,
    pub unknown_anonymity: String,
    /// Said on a page whose newest check is older than `stale_after_days`, e.g.
    /// `このページには、{date}から確かめ直していない情報があります。…`.
    pub stale_notice: String,
    pub provider: String,
    pub choose_by_audience: String,
    pub choose_by_channel: String,
    pub all_services: String,
    pub services_for_audience: String,
    /// e.g. `{event}の日程`.
    pub next_event: String,
    /// e.g. `{name}について詳しく`.
    pub read_more: String,
    /// What the footer says of every service, each only when the data says it of every
    /// one: all free, all usable without a name, all with a nickname.
    pub footer_all_free: String,
    pub footer_all_anonymous: String,
    pub footer_all_nickname: String,
    pub sitemap: String,
    pub contact_heading: String,
    /// e.g. `{y}年{m}月{d}日`
    pub date_format: String,
    /// e.g. `{h}時{mm}分`; `{h}` hour without padding, `{mm}` minutes padded.
    pub time_format: String,
    /// Used when the minutes are zero, e.g. `{h}時`.
    pub time_format_on_the_hour: String,
    /// Two times, from and to: `{from}〜{to}`. やさしい日本語 says it in words
    /// (`{from}から {to}まで`), as its guideline asks instead of a symbol.
    pub time_range: String,
    /// Two dates or weekdays, from and to: `{from}〜{to}`, `{from} – {to}`.
    pub date_range: String,
    /// Opening hours said as one sentence per rule instead of a table of days and times:
    /// `{受付|うけつけ}は {days}、{times}です。` (`{days}` before `{times}`). For readers to
    /// whom a sentence is easier than a table; a table when left out.
    #[serde(default)]
    pub hours_sentence: Option<String>,
    /// e.g. `{m}月{d}日` for yearly closures.
    pub month_day_format: String,
    /// Seven names, Monday first.
    pub weekdays: Vec<String>,
    /// e.g. `第{n}{weekday}曜日`.
    pub nth_weekday_format: String,
    /// e.g. `毎月`, `{n}か月ごと`.
    pub every_month: String,
    pub every_n_months: String,
    /// e.g. `約{n}分`.
    pub walk_minutes_format: String,
    pub not_found_title: String,
    pub not_found_body: String,
    pub back_home: String,
    /// The page for requests the site cannot answer (wrong method, overlong address).
    pub request_error_title: String,
    pub request_error_body: String,
    /// Between items of a list written in a sentence, e.g. `・`.
    pub list_separator: String,
    /// Between the last two rules of an alternation, e.g. `と`.
    pub and: String,
    /// e.g. `{rules}（月ごとに交互）`.
    pub alternating: String,
    /// Seven short names, Monday first, for dates such as 12月22日(火).
    pub weekdays_short: Vec<String>,
    pub verification_caption: String,
    /// Heading of the list of every source, on the about page.
    pub all_sources: String,
    pub service: String,
    /// Headings of the accessibility statement.
    pub a11y_target: String,
    pub a11y_tested_on: String,
    pub a11y_method: String,
    pub a11y_tools: String,
    pub a11y_results: String,
    /// e.g. `{date}に行った検査の結果`.
    pub a11y_results_caption: String,
    pub a11y_page: String,
    pub a11y_known_issues: String,
    pub a11y_report: String,
    pub main_phone: String,
    /// The state of a line this minute, e.g. `受付中`, `受付時間外`.
    pub open_now: String,
    pub closed_now: String,
    /// e.g. `{time}まで`.
    pub open_until: String,
    /// e.g. `次は{when}から`.
    pub next_open: String,
    /// When no opening is found within a year.
    pub no_next_open: String,
    /// Between the state and what comes next, e.g. `。`.
    pub status_separator: String,
    /// e.g. `{m}月{d}日({w})`.
    pub date_with_weekday: String,
    /// The same with the year, for dates in another year than now, e.g. `{y}年{m}月{d}日({w})`.
    pub date_with_year_weekday: String,
    /// Heading over an event's next dates, e.g. `次の日程`.
    pub next_dates: String,
    /// Beside a date that falls on a holiday, by the event's policy.
    pub date_on_holiday_held: String,
    pub date_on_holiday_moved: String,
    pub date_on_holiday_unconfirmed: String,
    /// Put after a date that is not confirmed, in the `aside` brackets, e.g. `未確認`.
    pub date_not_confirmed: String,
    pub no_upcoming_dates: String,
    pub add_to_calendar: String,
    pub subscribe_calendar: String,
    /// A note in brackets after a text, e.g. `{text}（{note}）`.
    pub aside: String,
    /// An address with its postal code, in the order the language writes it:
    /// `〒{code} {address}`, or `{address} {code}` in English.
    pub address_with_postal_code: String,
    pub operated_by: String,
    /// Names the list of languages in the header, e.g. `言語`.
    pub language_switch: String,
    /// Said at the top of a translated page that shows some text untranslated.
    pub fallback_notice: String,
    /// Twelve short month names, January first, for `{mon}` in date formats.
    #[serde(default)]
    pub months_short: Vec<String>,
    /// For `{ampm}` in time formats (12-hour clocks).
    #[serde(default)]
    pub am: String,
    #[serde(default)]
    pub pm: String,
    /// The first time of a range whose two times share am/pm ("1:30–4:30 pm"); the full
    /// formats when left out.
    #[serde(default)]
    pub time_format_short: Option<String>,
    #[serde(default)]
    pub time_format_short_on_the_hour: Option<String>,
    /// The search page: its name, the field's label, the button.
    pub search: String,
    /// Under the search page's title, and its description: what can be found there.
    pub search_lead: String,
    pub search_label: String,
    pub search_button: String,
    /// e.g. `「{query}」の検索結果: {n}件`.
    pub search_results: String,
    pub search_no_results: String,
    /// When the page is opened without a query (and on the static export, where the
    /// search cannot run): the list of every service under this heading.
    pub search_all_services: String,
    pub search_empty: String,
    /// e.g. `検索する言葉は{max}文字までにしてください。`
    pub search_too_long: String,
    /// e.g. `検索する言葉は{max}個までにしてください。`
    pub search_too_many_terms: String,
    /// The handout: the form's name (and its link's text), its one-line summary, the
    /// legends of its two groups of checkboxes, how many may be chosen (`{max}`), its
    /// button, and that only a running server makes a handout of one's choice.
    pub handout: String,
    pub handout_lead: String,
    pub handout_services_legend: String,
    pub handout_events_legend: String,
    /// Under an event's checkbox: when it is held (`{recurrence}`), in a sentence.
    pub handout_event_about: String,
    pub handout_max: String,
    pub handout_button: String,
    pub handout_server_only: String,
    /// Heading of the list of each audience's ready handout.
    pub handout_ready: String,
    /// A handout: its title and one-line summary; an audience's, `{title}` being the
    /// audience page's title.
    pub handout_title: String,
    pub handout_summary: String,
    pub handout_audience_title: String,
    /// The description of an audience's ready handout; `{title}` is the audience's title.
    pub handout_audience_summary: String,
    /// Before the handout's own address, and its QR code's alternative text.
    pub handout_url: String,
    pub handout_qr_alt: String,
    /// e.g. `{name}のページのQRコード`.
    pub handout_item_qr_alt: String,
    /// e.g. `{date}現在の情報です。`: the day a printed handout was made.
    pub handout_as_of: String,
    /// The summary of an event on a handout, which has no page of its own, e.g.
    /// `「{service}」のページで案内している集まりです。`.
    pub handout_event_of: String,
    /// From a handout back to the form, and from an audience's page to its handout.
    pub handout_choose_again: String,
    pub handout_of_audience: String,
    /// The page for a choice that cannot be made into a handout, and why: an id the site
    /// does not have, the same id twice, more than `{max}`, or an address that is not a
    /// choice the form sends; with a link back to the form.
    pub handout_problem_title: String,
    pub handout_unknown_id: String,
    pub handout_repeated_id: String,
    pub handout_too_many: String,
    pub handout_unreadable: String,
    pub handout_back: String,
    /// Ordinal numbers from 1, for `{nth}` in `nth_weekday_format` ("4th").
    #[serde(default)]
    pub ordinals: Vec<String>,
    /// Between a place's building, floor and counter; a space when left out.
    #[serde(default)]
    pub detail_separator: Option<String>,
    /// Open data's description of an organization the content does not describe, e.g.
    /// `このサイトで案内している{name}のサービス: {services}`.
    pub open_data_services_of: String,
    /// Alternative text of the QR code of a page's address, e.g. `このページのQRコード`.
    pub qr_alt: String,
    /// Before a page's address written out on paper, e.g. `このページのURL`.
    pub page_url: String,
    /// A service page's part for sending its address to someone: its heading
    /// (`このページを送る`), the e-mail link (`メールで送る`), and the LINE link, which
    /// says it opens LINE's site.
    pub send_heading: String,
    pub send_email: String,
    pub send_line: String,
    /// Hours: a rule for all seven days (`毎日`), a rule by day of the month
    /// (`毎月{d}日`), hours from 00:00 to 24:00 (`24時間`), a closing time on the next day
    /// (`翌{time}`), and a closing time at midnight (`24時`).
    pub every_day: String,
    pub day_of_month: String,
    pub all_day: String,
    pub next_day: String,
    pub midnight: String,
    /// Beside a source, the day it was read, e.g. `{date}に閲覧`.
    pub source_read_on: String,
    /// Heading of the urgent lines open this minute, in a contact block whose line is
    /// closed, and what is said when none is.
    pub open_urgent_heading: String,
    pub no_urgent_open: String,
    /// The line for danger to life on every page, e.g.
    /// `命に危険があるときは、{numbers}へ電話してください。`
    pub danger_line: String,
    /// Between the last two numbers of a choice, e.g. `または`.
    pub or: String,
    /// The form at the end of every page, its thank-you page and its refusals; a site
    /// without them has no form.
    #[serde(default)]
    pub feedback: Option<FeedbackLabels>,
}

/// `[feedback]` in `labels.toml`: the words of the form "was this page helpful?" at the
/// end of every page, of the page that thanks for a report, and of each refusal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackLabels {
    /// The heading of the form's part of the page, and the question of its three answers.
    pub heading: String,
    pub question: String,
    pub yes: String,
    pub no: String,
    pub wrong: String,
    /// The optional text box (`{max}`: its length in characters), and what not to write
    /// in it.
    pub text_label: String,
    pub text_hint: String,
    /// The label of the field people never see (filled in only by robots).
    pub trap_label: String,
    pub submit: String,
    /// The thank-you page: its title, what happens with the report, what is kept and for
    /// how long (`{days}`), and the link back (`{page}`: the page's title).
    pub thanks_title: String,
    pub thanks_body: String,
    pub thanks_kept: String,
    pub back_to_page: String,
    /// A report refused: the title, and why.
    pub refused_title: String,
    pub refused_cross_site: String,
    pub refused_too_large: String,
    pub refused_form: String,
    pub refused_answer: String,
    /// `{max}`: the longest text, in characters.
    pub refused_text_too_long: String,
    pub refused_page: String,
    pub refused_too_many: String,
    pub refused_unavailable: String,
}
